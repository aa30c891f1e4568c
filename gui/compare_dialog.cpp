#include "compare_dialog.h"

#include "tree_model.h"

#include "chart_colors.h"
#include "chart_common.h"
#include "message_text.h"
#include "recorder.h"
#include "snapshot_io.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace nsx::gui {

using nsx::backend::Namespace;
using nsx::backend::NsType;
using nsx::backend::Process;
using nsx::model::printable; // snapshot strings as the browser shows them: no raw controls or bidi

namespace {

enum SourceKind
{
    NoSource = 0,
    LiveSource = 1,
    FileSource = 2,
    ExternalSource = 3
};
constexpr int SourceKindRole = Qt::UserRole;
constexpr int SourceDataRole = Qt::UserRole + 1;

QString typeName(NsType type)
{
    const auto name = nsx::backend::toString(type);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

const QString kNone = QStringLiteral("—");

// Between the items of a list: "1, 2, 3" in English, "设备、进程" in Chinese.
QString listSeparator()
{
    return CompareDialog::tr(", ", "between the items of a list");
}

// Sets of pids: show the sizes and what came and went, not two long lists.
QString pidList(const std::vector<int>& v, std::size_t max = 12)
{
    QStringList parts;
    for (std::size_t i = 0; i < v.size() && i < max; ++i)
        parts << QString::number(v[i]);
    if (v.size() > max)
        parts << CompareDialog::tr("… (%1 in all)").arg(v.size());
    return parts.isEmpty() ? CompareDialog::tr("none") : parts.join(listSeparator());
}

QString referenceText(const nsx::backend::Reference& r)
{
    return r.kind == nsx::backend::Reference::Kind::BindMount
               ? CompareDialog::tr("bind mount %1").arg(printable(r.path))
               : CompareDialog::tr("fd %1 of pid %2").arg(r.fd).arg(r.pid);
}

QString referencesText(const std::vector<nsx::backend::Reference>& refs)
{
    QStringList parts;
    for (const auto& r : refs)
        parts << referenceText(r);
    return parts.isEmpty() ? CompareDialog::tr("none") : parts.join(listSeparator());
}

QString cmdlineText(const std::vector<std::string>& argv)
{
    QStringList parts;
    for (const auto& a : argv)
        parts << printable(a);
    return parts.join(QLatin1Char(' '));
}

QString namespaceName(const Namespace& ns)
{
    return QStringLiteral("%1:[%2]").arg(typeName(ns.type)).arg(ns.inode);
}

QString namespaceSummary(const Namespace& ns)
{
    // Two texts, not "%n process(es)": English reads "1 process" / "2 processes" without a
    // plural catalogue of its own.
    QString s = ns.processes.size() == 1
                    ? CompareDialog::tr("1 process")
                    : CompareDialog::tr("%1 processes").arg(ns.processes.size());
    if (!ns.references.empty())
        s += QStringLiteral(", ") + referencesText(ns.references);
    if (ns.launcher)
        s += CompareDialog::tr(", launched by %1").arg(printable(ns.launcher->comm));
    return s;
}

QString processName(const Process& p)
{
    return QStringLiteral("%1 %2").arg(p.pid).arg(printable(p.comm));
}

QString processSummary(const Process& p)
{
    QString s = cmdlineText(p.cmdline);
    if (s.isEmpty())
        s = QStringLiteral("[%1]").arg(printable(p.comm));
    if (p.user)
        s = printable(*p.user) + QStringLiteral(": ") + s;
    return s.left(200);
}

} // namespace

namespace {

// What changed is the backend's (the CLI's text diff shows the same list); here only the words.
QList<FieldChange> fieldChanges(const std::vector<nsx::backend::FieldChange>& changes)
{
    // An empty list (no references, no interfaces) says so; an empty string stays empty.
    const auto text = [](const nsx::backend::FieldChange& c, const std::optional<std::string>& v) {
        if (!v)
            return kNone;
        return v->empty() && !c.quoted ? CompareDialog::tr("none") : printable(*v);
    };
    QList<FieldChange> out;
    for (const nsx::backend::FieldChange& c : changes) {
        QString label = QCoreApplication::translate("nsx::backend", c.label.data());
        // A field in a list: "hostname", "uid map", but "NSpid".
        if (label.size() > 1 && !label[1].isUpper())
            label[0] = label[0].toLower();
        QString after = text(c, c.after);
        if (!c.added.empty())
            after += CompareDialog::tr("; added: %1").arg(pidList(c.added));
        if (!c.removed.empty())
            after += CompareDialog::tr("; left: %1").arg(pidList(c.removed));
        out.append({label, text(c, c.before), after});
    }
    return out;
}

} // namespace

QList<FieldChange> namespaceFieldChanges(const Namespace& a, const Namespace& b)
{
    return fieldChanges(nsx::backend::namespaceChanges(a, b));
}

QList<FieldChange> processFieldChanges(const Process& a, const Process& b)
{
    return fieldChanges(nsx::backend::processChanges(a, b));
}

CompareDialog::CompareDialog(nsx::model::SnapshotPtr live, QWidget* parent)
    : QDialog(parent), m_live(std::move(live))
{
    setWindowTitle(tr("Compare snapshots"));

    auto* grid = new QGridLayout;
    buildSide(Side::Before, this);
    buildSide(Side::After, this);
    auto* beforeLabel = new QLabel(tr("&Before:"), this);
    beforeLabel->setBuddy(m_before.picker);
    auto* afterLabel = new QLabel(tr("&After:"), this);
    afterLabel->setBuddy(m_after.picker);
    grid->addWidget(beforeLabel, 0, 0);
    grid->addWidget(m_before.picker, 0, 1);
    grid->addWidget(m_before.browse, 0, 2);
    grid->addWidget(afterLabel, 1, 0);
    grid->addWidget(m_after.picker, 1, 1);
    grid->addWidget(m_after.browse, 1, 2);
    grid->setColumnStretch(1, 1);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Namespace or process"), tr("Name"), tr("Change"), tr("Details")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false); // the row colours carry the meaning
    m_tree->header()->setSectionResizeMode(ItemColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ChangeColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->installEventFilter(this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("compareSearch"));
    m_search->setPlaceholderText(tr("Search the differences (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &CompareDialog::applySearch);
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setToolTip(tr("Compare again, with the newest live snapshot"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_refresh, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &CompareDialog::refresh);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addWidget(m_summary);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);

    setTabOrder(m_before.picker, m_before.browse);
    setTabOrder(m_before.browse, m_after.picker);
    setTabOrder(m_after.picker, m_after.browse);
    setTabOrder(m_after.browse, m_search);
    setTabOrder(m_search, m_tree);

    // Files compared before (chosen with "Open file…"), newest first, in both pickers.
    for (const QString& path : recentFiles())
        for (Side side : {Side::Before, Side::After})
            addFileItem(state(side).picker, path, tr("Recent: %1").arg(QFileInfo(path).fileName()));

    // Default: live as "after", and "before" still to choose.
    if (m_live)
        useLive(Side::After);
    rebuildTree();
    resize(860, 560);
}

void CompareDialog::buildSide(Side side, QWidget* parentForLabel)
{
    SideState& s = state(side);
    s.picker = new QComboBox(parentForLabel);
    s.picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    s.picker->setMinimumContentsLength(40);
    s.picker->addItem(tr("(choose a snapshot)"), int(NoSource));
    if (m_live)
        s.picker->addItem(tr("Live view"), int(LiveSource));
    s.lastGoodIndex = 0;
    s.browse = new QPushButton(side == Side::Before ? tr("&Open file…") : tr("O&pen file…"),
                               parentForLabel);
    connect(s.picker, &QComboBox::activated, this,
            [this, side](int i) { pickerActivated(side, i); });
    connect(s.browse, &QPushButton::clicked, this, [this, side] { browse(side); });
}

void CompareDialog::setRecordingFolder(const QString& folder)
{
    m_recordingFolder = folder;
    const QStringList files = nsx::model::Recorder::recordedFiles(folder);
    for (Side side : {Side::Before, Side::After}) {
        QComboBox* picker = state(side).picker;
        for (const QString& path : files) {
            const QDateTime t = nsx::model::Recorder::timeFromFileName(QFileInfo(path).fileName());
            addFileItem(picker, path,
                        tr("Recorded %1")
                            .arg(QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) +
                                 t.toLocalTime().toString(QStringLiteral(":ss"))));
        }
    }
    if (!m_before.snapshot && !files.isEmpty())
        loadFile(Side::Before, files.last());
}

int CompareDialog::addFileItem(QComboBox* picker, const QString& path, const QString& label)
{
    for (int i = 0; i < picker->count(); ++i) {
        if (picker->itemData(i, SourceKindRole).toInt() == FileSource &&
            picker->itemData(i, SourceDataRole).toString() == path)
            return i;
    }
    picker->addItem(label, int(FileSource));
    const int i = picker->count() - 1;
    picker->setItemData(i, path, SourceDataRole);
    picker->setItemData(i, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    return i;
}

void CompareDialog::pickerActivated(Side side, int i)
{
    SideState& s = state(side);
    const int kind = s.picker->itemData(i, SourceKindRole).toInt();
    nsx::model::SnapshotPtr snapshot;
    switch (kind) {
    case LiveSource:
        snapshot = m_live;
        break;
    case FileSource: {
        const QString path = s.picker->itemData(i, SourceDataRole).toString();
        try {
            snapshot = std::make_shared<const nsx::backend::Snapshot>(
                nsx::backend::loadSnapshotFile(path.toStdString()));
        } catch (const std::exception& e) {
            // Back to what was shown before; the comparison on screen stays valid.
            s.picker->setCurrentIndex(s.lastGoodIndex);
            showError(nsx::gui::snapshotErrorText(e));
            return;
        }
        break;
    }
    case ExternalSource:
        snapshot = s.picker->itemData(i, SourceDataRole).value<nsx::model::SnapshotPtr>();
        break;
    default:
        break;
    }
    s.snapshot = std::move(snapshot);
    s.lastGoodIndex = i;
    m_errorText.clear();
    m_error->hide();
    rebuildTree();
}

bool CompareDialog::loadFile(Side side, const QString& path)
{
    SideState& s = state(side);
    const int previousCount = s.picker->count();
    const int i = addFileItem(s.picker, path, QFileInfo(path).fileName());
    s.picker->setCurrentIndex(i);
    pickerActivated(side, i);
    if (!m_errorText.isEmpty() && s.lastGoodIndex != i) {
        // Do not keep a picker entry for a file that does not load.
        if (s.picker->count() > previousCount)
            s.picker->removeItem(i);
        return false;
    }
    return true;
}

void CompareDialog::useLive(Side side)
{
    SideState& s = state(side);
    const int i = s.picker->findData(int(LiveSource), SourceKindRole);
    if (i < 0)
        return;
    s.picker->setCurrentIndex(i);
    pickerActivated(side, i);
}

void CompareDialog::setSnapshot(Side side, nsx::model::SnapshotPtr snapshot, const QString& label)
{
    SideState& s = state(side);
    s.picker->addItem(label, int(ExternalSource));
    const int i = s.picker->count() - 1;
    s.picker->setItemData(i, QVariant::fromValue(snapshot), SourceDataRole);
    s.picker->setCurrentIndex(i);
    pickerActivated(side, i);
}

void CompareDialog::browse(Side side)
{
    // The recordings are offered in the pickers already: a file from elsewhere is more likely
    // where the last one was.
    const QString path = QFileDialog::getOpenFileName(this, tr("Open snapshot"), lastFileFolder(),
                                                      tr("Snapshots (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberFileFolder(path);
    if (loadFile(side, path))
        rememberRecentFile(path);
}

namespace {
const QString kRecentKey = QStringLiteral("compare/recentFiles");
constexpr int kRecentMax = 8;
} // namespace

QStringList CompareDialog::recentFiles()
{
    QStringList out;
    for (const QString& path : QSettings().value(kRecentKey).toStringList())
        if (QFileInfo(path).isFile() && !out.contains(path))
            out << path;
    return out;
}

void CompareDialog::rememberRecentFile(const QString& path)
{
    QStringList list = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kRecentMax)
        list.removeLast();
    QSettings().setValue(kRecentKey, list);
}

void CompareDialog::setLive(nsx::model::SnapshotPtr live)
{
    m_live = std::move(live);
}

void CompareDialog::refresh()
{
    for (Side side : {Side::Before, Side::After}) {
        SideState& s = state(side);
        if (s.picker->currentData(SourceKindRole).toInt() == LiveSource)
            s.snapshot = m_live;
    }
    rebuildTree();
}

QString CompareDialog::summaryText() const
{
    return m_summary->text();
}

QString CompareDialog::errorText() const
{
    return m_errorText;
}

void CompareDialog::showError(const QString& message)
{
    // One line: the loader's messages already are, but be sure a stray newline cannot break
    // the layout.
    m_errorText = message.simplified();
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, diffForeground(DiffKind::Removed, palette()));
    m_error->setPalette(p);
    m_error->setText(m_errorText);
    m_error->show();
}

void CompareDialog::rebuildTree()
{
    m_tree->clear();
    if (!m_before.snapshot || !m_after.snapshot) {
        m_diff.reset();
        m_summary->setText(tr("Choose two snapshots to compare."));
        return;
    }
    m_diff = nsx::backend::diff(*m_before.snapshot, *m_after.snapshot);
    const auto& d = *m_diff;

    auto row = [](QTreeWidgetItem* parent, DiffKind kind, const QString& name,
                  const QString& details, const QString& what = {}) {
        auto* item = new QTreeWidgetItem(parent);
        item->setText(ItemColumn, name);
        item->setText(NameColumn, what);
        item->setText(ChangeColumn, kind == DiffKind::Added     ? tr("added")
                                    : kind == DiffKind::Removed ? tr("removed")
                                                                : tr("changed"));
        item->setText(DetailsColumn, details);
        item->setData(ItemColumn, KindRole, int(kind));
        return item;
    };
    auto fieldRows = [](QTreeWidgetItem* parent, const QList<FieldChange>& changes) {
        QStringList names;
        for (const FieldChange& c : changes) {
            auto* child = new QTreeWidgetItem(parent);
            child->setText(ItemColumn, c.field);
            child->setText(DetailsColumn, QStringLiteral("%1 → %2").arg(c.before, c.after));
            child->setToolTip(DetailsColumn, child->text(DetailsColumn));
            names << c.field;
        }
        return names.join(listSeparator());
    };

    const std::size_t nsCount =
        d.namespacesAdded.size() + d.namespacesRemoved.size() + d.namespacesChanged.size();
    const std::size_t procCount =
        d.processesAdded.size() + d.processesRemoved.size() + d.processesChanged.size();
    auto* namespaces = new QTreeWidgetItem({tr("Namespaces (%1)").arg(nsCount)});
    auto* processes = new QTreeWidgetItem({tr("Processes (%1)").arg(procCount)});
    for (QTreeWidgetItem* group : {namespaces, processes}) {
        QFont f = group->font(ItemColumn);
        f.setBold(true);
        group->setFont(ItemColumn, f);
        group->setFirstColumnSpanned(true);
    }
    // What each namespace is, by the snapshot it is from (the after side for changed ones).
    const auto beforeInfo = nsx::model::SnapshotInfo::make(m_before.snapshot);
    const auto afterInfo = nsx::model::SnapshotInfo::make(m_after.snapshot);
    using nsx::model::SnapshotTreeModel;
    for (const auto& ns : d.namespacesAdded)
        row(namespaces, DiffKind::Added, namespaceName(ns), namespaceSummary(ns),
            SnapshotTreeModel::shortName(*afterInfo, ns));
    for (const auto& ns : d.namespacesRemoved)
        row(namespaces, DiffKind::Removed, namespaceName(ns), namespaceSummary(ns),
            SnapshotTreeModel::shortName(*beforeInfo, ns));
    for (const auto& c : d.namespacesChanged) {
        auto* item = row(namespaces, DiffKind::Changed, namespaceName(c.after), {},
                         SnapshotTreeModel::shortName(*afterInfo, c.after));
        item->setText(DetailsColumn, fieldRows(item, namespaceFieldChanges(c.before, c.after)));
    }
    for (const auto& p : d.processesAdded)
        row(processes, DiffKind::Added, processName(p), processSummary(p));
    for (const auto& p : d.processesRemoved)
        row(processes, DiffKind::Removed, processName(p), processSummary(p));
    for (const auto& c : d.processesChanged) {
        auto* item = row(processes, DiffKind::Changed, processName(c.after), {});
        item->setText(DetailsColumn, fieldRows(item, processFieldChanges(c.before, c.after)));
    }
    m_tree->addTopLevelItems({namespaces, processes});
    namespaces->setExpanded(true);
    processes->setExpanded(true);
    recolour();
    applySearch(m_search->text());

    if (d.empty()) {
        m_summary->setText(tr("No differences."));
    } else {
        m_summary->setText(
            tr("Namespaces: %1 added, %2 removed, %3 changed; processes: %4 added, %5 removed, "
               "%6 changed.")
                .arg(d.namespacesAdded.size())
                .arg(d.namespacesRemoved.size())
                .arg(d.namespacesChanged.size())
                .arg(d.processesAdded.size())
                .arg(d.processesRemoved.size())
                .arg(d.processesChanged.size()));
    }
}

void CompareDialog::recolour()
{
    const QPalette pal = m_tree->palette();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const auto kind = static_cast<DiffKind>(item->data(ItemColumn, KindRole).toInt());
            const QColor background = diffBackground(kind, pal);
            for (int c = 0; c < m_tree->columnCount(); ++c)
                item->setBackground(c, background);
            item->setForeground(ChangeColumn, diffForeground(kind, pal));
        }
    }
}

void CompareDialog::applySearch(const QString& text)
{
    const QString needle = text.trimmed();
    auto matches = [&needle](const QTreeWidgetItem* item) {
        for (int c = 0; c < item->columnCount(); ++c)
            if (item->text(c).contains(needle, Qt::CaseInsensitive))
                return true;
        return false;
    };
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool self = needle.isEmpty() || matches(item);
            bool anyField = false;
            for (int f = 0; f < item->childCount(); ++f) {
                QTreeWidgetItem* field = item->child(f);
                const bool show = self || matches(field);
                field->setHidden(!show);
                anyField = anyField || (!self && show);
            }
            item->setHidden(!self && !anyField);
            if (anyField)
                item->setExpanded(true);
        }
    }
}

bool CompareDialog::eventFilter(QObject* watched, QEvent* event)
{
    // The tree's own palette change, not the dialog's: Qt tells the dialog before it passes the
    // new palette on to its children, so at that point the tree still has the old one.
    if (watched == m_tree && event->type() == QEvent::PaletteChange)
        recolour();
    return QDialog::eventFilter(watched, event);
}

} // namespace nsx::gui
