#include "tree_views.h"

#include "roles.h"
#include "type_icons.h"

#include <QHeaderView>
#include <QMenu>

namespace nsx::gui {

namespace Role = model::Role;
using model::RowKind;

namespace {

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

void RowDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == 0) {
        const QVariant type = index.data(Role::Type);
        const auto kind = RowKind(index.data(Role::Kind).toInt());
        if (type.isValid() && (kind == RowKind::Namespace || kind == RowKind::TypeGroup)) {
            option->icon = typeIcon(backend::NsType(type.toInt()));
            option->features |= QStyleOptionViewItem::HasDecoration;
        }
    }
    if (index.data(Role::Vanished).toBool()) {
        // Gone in the latest scan: greyed for one poll before it is removed.
        const QColor grey = option->palette.color(QPalette::Disabled, QPalette::Text);
        option->palette.setColor(QPalette::Text, grey);
        option->palette.setColor(QPalette::WindowText, grey);
        option->font.setItalic(true);
        return;
    }
    const int age = index.data(Role::Age).toInt();
    if (age >= 0 && age < model::kRecentPolls) {
        // Recently appeared: the highlight colour blended into the base, fading poll by poll.
        static constexpr double kStrength[model::kRecentPolls] = {0.22, 0.13, 0.06};
        const QColor base = option->palette.color(QPalette::Base);
        const QColor hl = option->palette.color(QPalette::Highlight);
        option->backgroundBrush = blend(base, hl, kStrength[age]);
    }
}

NsTreeView::NsTreeView(const QString& name, QWidget* parent) : QTreeView(parent), m_name(name)
{
    setObjectName(name);
    setItemDelegate(new RowDelegate(this));
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAllColumnsShowFocus(true);
    header()->setSortIndicator(-1, Qt::AscendingOrder);
    setSortingEnabled(true);
    header()->setSortIndicatorShown(true);
    header()->setSectionsMovable(true);
    header()->setStretchLastSection(true);
    header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header(), &QHeaderView::customContextMenuRequested, this, &NsTreeView::showHeaderMenu);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        emit contextMenuWanted(indexAt(pos), viewport()->mapToGlobal(pos));
    });
}

void NsTreeView::setDefaultHiddenColumns(const QList<int>& columns)
{
    m_defaultHidden = columns;
    resetColumns();
}

void NsTreeView::resetColumns()
{
    if (!model())
        return;
    for (int c = 0; c < header()->count(); ++c) {
        header()->moveSection(header()->visualIndex(c), c);
        header()->setSectionHidden(c, m_defaultHidden.contains(c));
    }
    // Widths by what a column holds (its title says it): numbers narrow, text wider.
    header()->resizeSection(0, 270);
    for (int c = 1; c < header()->count(); ++c) {
        const QString title = model()->headerData(c, Qt::Horizontal).toString();
        int w = 90;
        if (title == tr("Held by") || title == tr("Command line"))
            w = 190;
        else if (title == tr("Leader"))
            w = 130;
        else if (title == tr("Processes") || title == tr("PID") || title == tr("PID inside") ||
                 title == tr("State") || title == tr("Owner") || title == tr("User"))
            w = 72;
        header()->resizeSection(c, w);
    }
}

void NsTreeView::saveHeader(QSettings& settings) const
{
    settings.setValue(m_name + QStringLiteral("/header"), header()->saveState());
    settings.setValue(m_name + QStringLiteral("/headerVersion"), kHeaderVersion);
}

void NsTreeView::restoreHeader(QSettings& settings)
{
    if (settings.value(m_name + QStringLiteral("/headerVersion")).toInt() != kHeaderVersion)
        return; // another layout of columns: keep the defaults
    const QByteArray state = settings.value(m_name + QStringLiteral("/header")).toByteArray();
    if (!state.isEmpty())
        header()->restoreState(state);
}

void NsTreeView::showHeaderMenu(const QPoint& pos)
{
    if (!model())
        return;
    QMenu menu(this);
    for (int c = 1; c < model()->columnCount(); ++c) {
        QAction* a = menu.addAction(model()->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header()->isSectionHidden(c));
        connect(a, &QAction::toggled, this,
                [this, c](bool on) { header()->setSectionHidden(c, !on); });
    }
    menu.addSeparator();
    menu.addAction(tr("Tree order (unsorted)"), this,
                   [this] { sortByColumn(-1, Qt::AscendingOrder); });
    menu.addAction(tr("Reset columns"), this, &NsTreeView::resetColumns);
    menu.exec(header()->mapToGlobal(pos));
}

QString NsTreeView::rowText(const QModelIndex& index) const
{
    QStringList cells;
    for (int v = 0; v < header()->count(); ++v) {
        const int c = header()->logicalIndex(v);
        if (header()->isSectionHidden(c))
            continue;
        cells << index.siblingAtColumn(c).data().toString();
    }
    return cells.join(QLatin1Char('\t'));
}

void NsTreeView::collectColumn(const QModelIndex& parent, int column, QStringList& out) const
{
    for (int r = 0; r < model()->rowCount(parent); ++r) {
        const QModelIndex idx = model()->index(r, 0, parent);
        out << idx.siblingAtColumn(column).data().toString();
        collectColumn(idx, column, out);
    }
}

QString NsTreeView::columnText(int column) const
{
    QStringList out;
    if (model())
        collectColumn({}, column, out);
    return out.join(QLatin1Char('\n'));
}

} // namespace nsx::gui
