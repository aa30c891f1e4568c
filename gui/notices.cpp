#include "notices.h"

#include "filter_proxy.h"
#include "snapshot.h"
#include "tree_model.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QStyle>
#include <QTime>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace nsx::gui {

ScanBanner::ScanBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_label, 1);
    m_live = new QPushButton(tr("Back to live"), this);
    m_live->setObjectName(QStringLiteral("backToLive"));
    m_live->setToolTip(tr("Leave the snapshot and show the live system again"));
    layout->addWidget(m_live, 0, Qt::AlignVCenter);
    hide();
}

QString localTakenAt(const std::string& takenAt)
{
    const QString text = QString::fromStdString(takenAt);
    const QDateTime when = QDateTime::fromString(text, Qt::ISODate);
    return when.isValid() ? when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : text;
}

void ScanBanner::showFor(const model::SnapshotPtr& s, bool offline, const QString& origin,
                         bool canGoLive, int flattenedRows)
{
    if (!s) {
        hide();
        return;
    }
    // Unreadable entries of a root scan are the status bar's error count (ScanStatus); the
    // banner is for what the user can act on.
    QString text;
    if (s->scannerUid != 0)
        text = tr("Running as uid %1: namespaces of other users' processes can't be read; "
                  "%n error(s) in the last scan. Run as root to see everything.",
                  nullptr, int(s->errors.size()))
                   .arg(s->scannerUid);
    if (offline) {
        const QString what =
            origin.isEmpty()
                ? tr("Offline snapshot taken %1, read-only.").arg(localTakenAt(s->takenAt))
                : tr("Offline snapshot %1, taken %2, read-only.")
                      .arg(origin, localTakenAt(s->takenAt));
        text = text.isEmpty() ? what : what + QLatin1Char(' ') + text;
    }
    m_live->setVisible(offline && canGoLive);
    // A parent chain longer than the views nest (a crafted file): say where its rows went.
    if (flattenedRows > 0) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += tr("%n row(s) nested deeper than %1 levels are shown side by side at level %1.",
                   nullptr, flattenedRows)
                    .arg(model::Layout::kMaxDepth);
    }
    if (text.isEmpty()) {
        hide();
        return;
    }
    m_label->setText(text);
    show();
}

EmptyNotice::EmptyNotice(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("emptyNotice"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_label = new QLabel(tr("Nothing matches the filter."), this);
    layout->addWidget(m_label, 1);
    m_reset = new QPushButton(tr("Reset filter"), this);
    m_reset->setObjectName(QStringLiteral("resetFilter"));
    layout->addWidget(m_reset);
    hide();
}

void EmptyNotice::showFor(const model::NamespaceFilterProxy* proxy, bool haveSnapshot,
                          const QString& nothingText)
{
    if (haveSnapshot && proxy->rowCount() == 0 && !proxy->filter().isActive() &&
        !nothingText.isEmpty()) {
        m_label->setText(nothingText);
        m_reset->hide();
        show();
        return;
    }
    m_reset->show();
    const bool empty = haveSnapshot && proxy->rowCount() == 0 && proxy->filter().isActive();
    if (empty)
        m_label->setText(proxy->isPatternValid()
                             ? tr("Nothing matches the filter in this view.")
                             : tr("The pattern is not a valid regular expression: %1")
                                   .arg(proxy->patternError()));
    setVisible(empty);
}

ScanErrorsDialog::ScanErrorsDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("scanErrorsDialog"));
    setWindowTitle(tr("Entries that could not be read"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Entry"), tr("Error")});
    m_list->setSortingEnabled(true);
    m_list->setAlternatingRowColors(true);
    layout->addWidget(m_list, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 360);
}

void ScanErrorsDialog::showFor(const model::SnapshotPtr& s)
{
    m_list->clear();
    const int count = s ? int(s->errors.size()) : 0;
    m_summary->setText(
        count == 0 ? tr("Every entry of the last scan was read.")
                   : tr("The scan of %1 could not read these entries (%n error(s)); what they "
                        "hold is missing from the views.",
                        nullptr, count)
                         .arg(localTakenAt(s->takenAt)));
    if (count == 0)
        return;
    QList<QTreeWidgetItem*> items;
    items.reserve(count);
    for (const auto& e : s->errors)
        items << new QTreeWidgetItem(
            QStringList{QString::fromStdString(e.path), QString::fromStdString(e.error)});
    m_list->addTopLevelItems(items);
    m_list->resizeColumnToContents(0);
}

ScanStatus::ScanStatus(QStatusBar* bar)
    : QObject(bar), m_counts(new QLabel(bar)), m_scan(new QLabel(bar)), m_paused(new QLabel(bar)),
      m_errors(new QToolButton(bar))
{
    m_paused->setObjectName(QStringLiteral("pausedLabel"));
    m_scan->setObjectName(QStringLiteral("scanLabel"));
    m_errors->setObjectName(QStringLiteral("scanErrors"));
    m_errors->setAutoRaise(true);
    m_errors->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_errors->setIcon(bar->style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_errors->hide();
    connect(m_errors, &QToolButton::clicked, this, &ScanStatus::openErrors);
    bar->addPermanentWidget(m_errors);
    bar->addPermanentWidget(m_counts);
    bar->addPermanentWidget(m_scan);
    bar->addPermanentWidget(m_paused);
}

void ScanStatus::openErrors()
{
    if (!m_dialog)
        m_dialog = new ScanErrorsDialog(m_errors->window());
    m_dialog->showFor(m_snapshot);
    m_dialog->show();
    m_dialog->raise();
}

void ScanStatus::showFor(const model::SnapshotPtr& snapshot, bool offline, bool filtered,
                         double lastScanMs, bool paused)
{
    m_snapshot = snapshot;
    if (snapshot) {
        m_counts->setText(tr("%n namespace(s)", nullptr, int(snapshot->namespaces.size())) +
                          QStringLiteral(", ") +
                          tr("%n process(es)", nullptr, int(snapshot->processes.size())) +
                          (filtered ? tr(" (filtered)") : QString()));
    } else {
        m_counts->setText(offline ? QString() : tr("Scanning…"));
    }
    if (offline && snapshot)
        m_scan->setText(tr("Snapshot taken %1").arg(localTakenAt(snapshot->takenAt)));
    else if (lastScanMs >= 0 && snapshot)
        m_scan->setText(tr("Last scan %1 (%2 ms)")
                            .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                            .arg(qRound(lastScanMs)));
    else
        m_scan->clear();
    m_paused->setText(paused ? tr("Paused") : QString());
    const int errors = snapshot ? int(snapshot->errors.size()) : 0;
    m_errors->setVisible(errors > 0);
    m_errors->setText(tr("%n error(s)", nullptr, errors));
    m_errors->setToolTip(
        tr("%n error(s) in the last scan: entries that could not be read. Click for the list.",
           nullptr, errors));
    // An open list follows the scans.
    if (m_dialog && m_dialog->isVisible())
        m_dialog->showFor(snapshot);
}

} // namespace nsx::gui
