#include "tree_views.h"

#include "chart_colors.h"
#include "focus_frame.h"
#include "roles.h"
#include "tree_model.h"
#include "type_icons.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <array>
#include <utility>

namespace nsx::gui {

namespace Role = model::Role;
using model::RowKind;

namespace {

// QAbstractSlider reports a step change (and the scroll bar repaints) whenever the page step is
// set, changed or not, and the tree view sets it on every relayout and header update: every
// poll. This one repaints only when the steps really changed.
class QuietScrollBar : public QScrollBar
{
public:
    using QScrollBar::QScrollBar;

protected:
    void sliderChange(SliderChange change) override
    {
        if (change == SliderStepsChange && pageStep() == m_page && singleStep() == m_single)
            return;
        m_page = pageStep();
        m_single = singleStep();
        QScrollBar::sliderChange(change);
    }

private:
    int m_page = -1;
    int m_single = -1;
};

// The mark of a Processes-view cell whose namespace differs from the parent's: a dot in the
// type's colour (the one its icon, bars and lines have), so a moved process stands out by type.
const QIcon& markIcon(backend::NsType type)
{
    static std::array<QIcon, backend::kNsTypeCount> icons;
    QIcon& icon = icons[backend::index(type)];
    if (icon.isNull()) {
        QPixmap pm(32, 32);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(typeBaseColor(type));
        p.drawEllipse(QRectF(4, 4, 24, 24));
        p.end();
        icon = QIcon(pm);
    }
    return icon;
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
    } else if (const QVariant mark = index.data(Role::MarkType); mark.isValid()) {
        option->icon = markIcon(backend::NsType(mark.toInt()));
        option->features |= QStyleOptionViewItem::HasDecoration;
        const int side = option->fontMetrics.height() / 2 + 2;
        option->decorationSize = QSize(side, side);
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
        // Recently appeared: the "added" tint of the compare dialog (not the selection's
        // colour, which would read as a second selection), fading poll by poll.
        static constexpr double kStrength[model::kRecentPolls] = {1.0, 0.6, 0.3};
        const QColor base = option->palette.color(QPalette::Base);
        const QColor added = diffBackground(DiffKind::Added, option->palette);
        option->backgroundBrush = blend(base, added, kStrength[age]);
    }
}

NsTreeView::NsTreeView(const QString& name, QWidget* parent) : QTreeView(parent), m_name(name)
{
    setObjectName(name);
    setItemDelegate(new RowDelegate(this));
    setUniformRowHeights(true);
    // Quiet scroll bars; QAbstractItemView connected the ones they replace to these slots.
    auto* vbar = new QuietScrollBar(Qt::Vertical, this);
    auto* hbar = new QuietScrollBar(Qt::Horizontal, this);
    setVerticalScrollBar(vbar);
    setHorizontalScrollBar(hbar);
    connect(vbar, &QScrollBar::actionTriggered, this, &NsTreeView::verticalScrollbarAction);
    connect(hbar, &QScrollBar::actionTriggered, this, &NsTreeView::horizontalScrollbarAction);
    connect(vbar, &QScrollBar::valueChanged, this, &NsTreeView::verticalScrollbarValueChanged);
    connect(hbar, &QScrollBar::valueChanged, this, &NsTreeView::horizontalScrollbarValueChanged);
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

void NsTreeView::focusResults()
{
    setFocus(Qt::ShortcutFocusReason);
    if (!model() ||
        (currentIndex().isValid() && !isRowHidden(currentIndex().row(), currentIndex().parent())))
        return;
    const QModelIndex first = model()->index(0, 0);
    if (first.isValid())
        setCurrentIndex(first);
}

void NsTreeView::keyPressEvent(QKeyEvent* event)
{
    // Shift+F10 (and the Menu key) open the row's context menu, next to the current row.
    if ((event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier) ||
        (event->key() == Qt::Key_Menu && event->modifiers() == Qt::NoModifier)) {
        const QModelIndex current = currentIndex();
        QPoint at = viewport()->rect().topLeft();
        if (current.isValid())
            at = visualRect(current).bottomLeft() + QPoint(visualRect(current).height(), 0);
        emit contextMenuWanted(current, viewport()->mapToGlobal(at));
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

bool NsTreeView::event(QEvent* event)
{
    const bool handled = QTreeView::event(event);
    if (event->type() == QEvent::Paint && hasFocus()) {
        drawFocusFrame(this); // over the frame the style drew
    }
    return handled;
}

void NsTreeView::focusInEvent(QFocusEvent* event)
{
    QTreeView::focusInEvent(event);
    update(); // the focus frame
}

void NsTreeView::focusOutEvent(QFocusEvent* event)
{
    QTreeView::focusOutEvent(event);
    update();
}

void NsTreeView::setModel(QAbstractItemModel* model)
{
    if (QTreeView::model())
        disconnect(QTreeView::model(), nullptr, this, nullptr);
    QTreeView::setModel(model);
    m_layoutMaybePending = true;
    if (!model)
        return;
    // Whatever else may make Qt relayout: be conservative, a false "pending" only costs a
    // full repaint (Qt's own behaviour).
    auto pending = [this] { m_layoutMaybePending = true; };
    connect(model, &QAbstractItemModel::rowsMoved, this, pending);
    connect(model, &QAbstractItemModel::layoutChanged, this, pending);
    connect(model, &QAbstractItemModel::columnsInserted, this, pending);
    connect(model, &QAbstractItemModel::columnsRemoved, this, pending);
    connect(model, &QAbstractItemModel::modelReset, this, pending);
    connect(this, &QTreeView::expanded, this, pending);
    connect(this, &QTreeView::collapsed, this, pending);
}

void NsTreeView::reset()
{
    m_layoutMaybePending = true;
    QTreeView::reset();
}

std::vector<NsTreeView::ShownRow> NsTreeView::shownRows() const
{
    std::vector<ShownRow> rows;
    const int height = viewport()->height();
    for (QModelIndex i = indexAt(QPoint(0, 0)); i.isValid(); i = indexBelow(i)) {
        const int y = visualRect(i).top();
        if (y >= height)
            break;
        rows.push_back({QPersistentModelIndex(i.siblingAtColumn(0)), y});
    }
    return rows;
}

void NsTreeView::doItemsLayout()
{
    // Qt relayouts the whole tree after any row removal, even under a collapsed parent, and
    // then repaints the whole viewport: on a live system that is every poll. When the
    // relayout left the same rows at the same places, repaint only the rows that changed
    // meanwhile (their dataChanged came while the layout was pending and Qt left them to
    // this repaint).
    const bool wasPending = m_layoutMaybePending;
    const bool blocked = viewport()->testAttribute(Qt::WA_UpdatesDisabled);
    if (isVisible() && !m_shown.empty())
        viewport()->setAttribute(Qt::WA_UpdatesDisabled, true);
    QTreeView::doItemsLayout();
    viewport()->setAttribute(Qt::WA_UpdatesDisabled, blocked);
    m_layoutMaybePending = false;
    std::vector<ShownRow> now = shownRows();
    const int scroll = verticalScrollBar()->value();
    if (now != m_shown || scroll != m_shownScroll || !wasPending) {
        viewport()->update();
    } else {
        for (const QPersistentModelIndex& row : std::as_const(m_dirtyRows))
            if (row.isValid())
                updateRowBand(row, row);
    }
    m_dirtyRows.clear();
    m_shown = std::move(now);
    m_shownScroll = scroll;
}

void NsTreeView::noteStructureChange(const QModelIndex& parent)
{
    // Qt relayouts for rows under the root or an expanded parent (insertions) and for every
    // removal; a superset of that is enough here.
    if (!parent.isValid() || parent == rootIndex() || isExpanded(parent))
        m_layoutMaybePending = true;
}

void NsTreeView::rowsInserted(const QModelIndex& parent, int start, int end)
{
    noteStructureChange(parent);
    // Its expand arrow may appear.
    if (parent.isValid() && shownAncestors(parent))
        m_dirtyRows.append(QPersistentModelIndex(parent.siblingAtColumn(0)));
    QTreeView::rowsInserted(parent, start, end);
}

void NsTreeView::rowsAboutToBeRemoved(const QModelIndex& parent, int start, int end)
{
    m_layoutMaybePending = true;
    // Its expand arrow may go.
    if (parent.isValid() && shownAncestors(parent))
        m_dirtyRows.append(QPersistentModelIndex(parent.siblingAtColumn(0)));
    QTreeView::rowsAboutToBeRemoved(parent, start, end);
}

void NsTreeView::updateRowBand(const QModelIndex& first, const QModelIndex& last)
{
    // The rows' vertical band, from a column that is not hidden; the whole width of it.
    int column = -1;
    for (int v = 0; v < header()->count() && column < 0; ++v)
        if (!header()->isSectionHidden(header()->logicalIndex(v)))
            column = header()->logicalIndex(v);
    if (column < 0)
        return;
    const QRect a = visualRect(first.siblingAtColumn(column));
    const QRect b = visualRect(last.siblingAtColumn(column));
    if (a.isEmpty() && b.isEmpty())
        return;
    const int top = std::min(a.isEmpty() ? b.top() : a.top(), b.isEmpty() ? a.top() : b.top());
    const int bottom =
        std::max(a.isEmpty() ? b.bottom() : a.bottom(), b.isEmpty() ? a.bottom() : b.bottom());
    const QRect shown =
        QRect(0, top, viewport()->width(), bottom - top + 1).intersected(viewport()->rect());
    if (!shown.isEmpty())
        viewport()->update(shown);
}

bool NsTreeView::shownAncestors(const QModelIndex& index) const
{
    for (QModelIndex p = index.parent(); p.isValid() && p != rootIndex(); p = p.parent())
        if (!isExpanded(p))
            return false;
    return true;
}

void NsTreeView::dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                             const QList<int>& roles)
{
    // QAbstractItemView repaints the whole viewport for any change wider than one cell. The
    // models report each changed row as a range of cells, every poll, mostly for rows that
    // are off screen or under collapsed parents: repaint only the rows that are shown.
    if (!topLeft.isValid() || !bottomRight.isValid() || topLeft.parent() != bottomRight.parent() ||
        !isVisible()) {
        QTreeView::dataChanged(topLeft, bottomRight, roles);
        return;
    }
    if (!shownAncestors(topLeft))
        return; // not drawn at all; expanding its parent draws it afresh
    if (m_layoutMaybePending) {
        // Qt leaves these rows to the repaint after its relayout (or repaints now, if none
        // was pending after all); note them for doItemsLayout.
        for (int r = topLeft.row(); r <= bottomRight.row(); ++r)
            m_dirtyRows.append(QPersistentModelIndex(topLeft.siblingAtRow(r).siblingAtColumn(0)));
        QTreeView::dataChanged(topLeft, bottomRight, roles);
        return;
    }
    if (topLeft == bottomRight)
        QTreeView::dataChanged(topLeft, bottomRight, roles); // one cell: Qt repaints just it
    else
        updateRowBand(topLeft, bottomRight);
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
        else if (title == model::SnapshotTreeModel::fieldTitle(model::Field::Container))
            w = 180; // "flatpak: org.mozilla.firefox"
        else if (backend::nsTypeFromString(title.toStdString()))
            w = 120; // a namespace's name (Processes view): "unshare 12345"
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
