#include "browser_view.h"

#include "namespace_models.h"
#include "tree_views.h"
#include "type_icons.h"

#include <QItemSelectionModel>

#include <utility>

namespace nsx::gui {

namespace {

const char* const kViewNames[kViewCount] = {"byType", "hierarchy", "processes", "containers"};
// A text or user filter expands the result when it has at most this many rows.
constexpr int kExpandLimit = 2000;

model::SnapshotTreeModel* makeModel(View kind, QObject* parent)
{
    switch (kind) {
    case View::ByType:
        return new model::ByTypeModel(parent);
    case View::Hierarchy:
        return new model::HierarchyModel(parent);
    case View::Containers:
        return new model::ContainersModel(parent);
    case View::Processes:
        break;
    }
    return new model::ProcessTreeModel(parent);
}

// Columns hidden by default: what does not apply to the rows a view has.
QList<int> defaultHiddenColumns(View kind, const model::SnapshotTreeModel* m)
{
    using model::Field;
    QList<Field> fields;
    if (kind == View::ByType)
        fields = {Field::PidInside, Field::State};
    else if (kind == View::Hierarchy)
        fields = {Field::Pid, Field::PidInside, Field::Command, Field::User, Field::State};
    else if (kind == View::Containers)
        // (The tree already says which container a row is in.)
        fields = {Field::Container, Field::Holders, Field::PidInside, Field::State};
    QList<int> cols;
    for (Field f : fields)
        if (int c = m->columnOf(f); c >= 0)
            cols << c;
    return cols;
}

} // namespace

BrowserView::BrowserView(View kind, QWidget* treeParent, QObject* parent)
    : QObject(parent), m_kind(kind), m_model(makeModel(kind, this)),
      m_proxy(new model::NamespaceFilterProxy(this)),
      m_tree(new NsTreeView(QString::fromLatin1(kViewNames[int(kind)]), treeParent))
{
    m_proxy->setSourceModel(m_model);
    // Before setModel(), so that this runs before the view and its selection model move the
    // current index to a neighbour of a removed row (a jump this object undoes).
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &BrowserView::onRowsAboutToBeRemoved);
    m_tree->setModel(m_proxy);
    // After: the view and the selection model have done their part of the removal.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &BrowserView::dropCurrentIfLost);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &BrowserView::dropCurrentIfLost);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_hasChosen = m_lost = m_currentRemoving = false;
        m_arrived.clear();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& parent, int first, int last) {
                if (!m_syncing || !searching())
                    return;
                for (int r = first; r <= last && int(m_arrived.size()) < kExpandLimit; ++r)
                    m_arrived.emplace_back(m_proxy->index(r, 0, parent));
            });
    m_tree->setDefaultHiddenColumns(defaultHiddenColumns(kind, m_model));
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &BrowserView::onCurrentChanged);
    connect(m_tree, &QTreeView::expanded, this,
            [this](const QModelIndex& idx) { onToggled(idx, true); });
    connect(m_tree, &QTreeView::collapsed, this,
            [this](const QModelIndex& idx) { onToggled(idx, false); });
    connect(m_tree, &NsTreeView::contextMenuWanted, this, &BrowserView::contextMenuWanted);
}

QString BrowserView::title() const
{
    switch (m_kind) {
    case View::ByType:
        return tr("By type");
    case View::Hierarchy:
        return tr("Hierarchy");
    case View::Containers:
        return tr("Containers");
    case View::Processes:
        break;
    }
    return tr("Processes");
}

QIcon BrowserView::icon() const
{
    switch (m_kind) {
    case View::ByType:
        return typeIcon(backend::NsType::Net);
    case View::Hierarchy:
        return typeIcon(backend::NsType::User);
    case View::Containers:
        return typeIcon(backend::NsType::Cgroup);
    case View::Processes:
        break;
    }
    return typeIcon(backend::NsType::Pid);
}

bool BrowserView::sync(const model::SnapshotPtr& snapshot)
{
    if (m_applied == snapshot) {
        applyFilter();
        return false;
    }
    m_applied = snapshot;
    if (!snapshot) {
        m_model->clear();
        applyFilter();
        return true;
    }
    const bool reset = m_pendingReset;
    m_syncing = true;
    m_arrived.clear();
    m_model->setSnapshot(snapshot, reset ? model::SnapshotTreeModel::Update::Reset
                                         : model::SnapshotTreeModel::Update::Incremental);
    m_syncing = false; // what a pending filter brings is expandMatches()' business
    m_pendingReset = false;
    if (!m_expanded)
        expandInitially();
    applyFilter();
    // The proxy re-filtered the new rows: rows of the user's it hid may be back, and new
    // matches arrived collapsed.
    if (reset || m_proxy->filter().isActive())
        reapplyUserExpansion();
    revealArrivedMatches();
    restoreSelection();
    return true;
}

void BrowserView::clear()
{
    m_applied.reset();
    m_pendingReset = false;
    m_expanded = false;
    m_model->clear();
    m_userExpanded.clear();
    m_filterExpanded.clear();
    m_hasChosen = m_lost = false;
}

void BrowserView::setFilter(const model::FilterState& state)
{
    m_filter = state;
    m_filterPending = true;
}

// ---- Expansion: on first fill, after a filter, for matches that arrive ---------------------

namespace {

// Calls f(index) for each expanded row of the view, parents before children.
template <typename F> void forEachExpanded(const QTreeView* tree, F&& f)
{
    const QAbstractItemModel* m = tree->model();
    std::vector<QModelIndex> stack{QModelIndex()};
    while (!stack.empty()) {
        const QModelIndex p = stack.back();
        stack.pop_back();
        for (int r = 0, n = m->rowCount(p); r < n; ++r) {
            const QModelIndex idx = m->index(r, 0, p);
            if (tree->isExpanded(idx)) {
                f(idx);
                stack.push_back(idx);
            }
        }
    }
}

} // namespace

bool BrowserView::searching() const
{
    return !m_proxy->filter().text.isEmpty() || !m_proxy->filter().user.isEmpty();
}

std::optional<model::RowKey> BrowserView::keyOfProxy(const QModelIndex& proxyIndex) const
{
    return m_model->keyOf(m_proxy->mapToSource(proxyIndex));
}

QModelIndex BrowserView::proxyOfKey(const model::RowKey& key) const
{
    return m_proxy->mapFromSource(m_model->indexOfKey(key));
}

// The user (or reveal()) opened or closed a row: theirs from now on, not the filter's.
void BrowserView::onToggled(const QModelIndex& proxyIndex, bool expanded)
{
    if (m_expanding)
        return;
    const auto key = keyOfProxy(proxyIndex);
    if (!key)
        return;
    m_filterExpanded.erase(*key);
    if (expanded)
        m_userExpanded.insert(*key);
    else
        m_userExpanded.erase(*key);
}

void BrowserView::expandProgrammatically(const QModelIndex& proxyIndex)
{
    const bool was = std::exchange(m_expanding, true);
    m_tree->expand(proxyIndex);
    m_expanding = was;
}

void BrowserView::expandInitially()
{
    QAbstractItemModel* m = m_tree->model();
    if (m->rowCount() == 0)
        return;
    m_expanded = true;
    m_expanding = true;
    if (m_kind == View::ByType) {
        for (int r = 0; r < m->rowCount(); ++r)
            m_tree->expand(m->index(r, 0));
    } else if (m_kind == View::Processes) {
        // Two levels (PID 1's and kthreadd's children): every expanded row is a persistent
        // index that Qt walks on each row removal, so a fully expanded tree costs every poll.
        m_tree->expandToDepth(1);
    } else if (m_kind == View::Containers) {
        // Engines, pods and containers: their namespaces show, not every process.
        m_tree->expandToDepth(1);
        for (int e = 0; e < m->rowCount(); ++e) {
            const QModelIndex engine = m->index(e, 0);
            for (int r = 0; r < m->rowCount(engine); ++r) {
                const QModelIndex child = m->index(r, 0, engine);
                if (model::RowKind(child.data(model::Role::Kind).toInt()) == model::RowKind::Pod)
                    for (int c = 0; c < m->rowCount(child); ++c)
                        m_tree->expand(m->index(c, 0, child));
            }
        }
    } else {
        m_tree->expandAll();
    }
    m_expanding = false;
    // The first fill's expansion is the user's starting point: kept through any filter.
    forEachExpanded(m_tree, [this](const QModelIndex& idx) {
        if (const auto key = keyOfProxy(idx))
            m_userExpanded.insert(*key);
    });
}

void BrowserView::applyFilter()
{
    if (!m_filterPending)
        return;
    m_filterPending = false;
    m_proxy->setFilter(m_filter);
    // Rows the proxy removed lost their expansion, and come back collapsed: put the user's back,
    // and close what only the search had opened once the search is gone.
    if (!searching())
        undoFilterExpansion();
    reapplyUserExpansion();
    expandMatches();
    restoreSelection();
}

// Show the matches: a text or user search opens the tree when what is left is short (every
// expanded row costs on each poll, and a broad match would open everything).
void BrowserView::expandMatches()
{
    if (!searching())
        return;
    QAbstractItemModel* m = m_tree->model();
    int rows = 0;
    std::vector<QModelIndex> stack{QModelIndex()};
    while (!stack.empty() && rows <= kExpandLimit) {
        const QModelIndex p = stack.back();
        stack.pop_back();
        const int n = m->rowCount(p);
        rows += n;
        for (int r = 0; r < n; ++r)
            stack.push_back(m->index(r, 0, p));
    }
    if (rows > kExpandLimit)
        return;
    m_expanding = true;
    m_tree->expandAll();
    m_expanding = false;
    noteFilterExpansion();
}

void BrowserView::noteFilterExpansion()
{
    forEachExpanded(m_tree, [this](const QModelIndex& idx) {
        if (const auto key = keyOfProxy(idx); key && !m_userExpanded.count(*key))
            m_filterExpanded.insert(*key);
    });
}

void BrowserView::reapplyUserExpansion()
{
    for (auto it = m_userExpanded.begin(); it != m_userExpanded.end();) {
        const QModelIndex src = m_model->indexOfKey(*it);
        if (!src.isValid()) { // the row is gone from the model: forget it
            it = m_userExpanded.erase(it);
            continue;
        }
        const QModelIndex idx = m_proxy->mapFromSource(src);
        if (idx.isValid() && !m_tree->isExpanded(idx))
            expandProgrammatically(idx);
        ++it;
    }
}

void BrowserView::undoFilterExpansion()
{
    m_expanding = true;
    for (const model::RowKey& key : m_filterExpanded) {
        if (m_userExpanded.count(key))
            continue;
        const QModelIndex idx = proxyOfKey(key);
        if (idx.isValid() && m_tree->isExpanded(idx))
            m_tree->collapse(idx);
    }
    m_expanding = false;
    m_filterExpanded.clear();
}

// Rows a poll brought into a searched view: open their ancestors and themselves down to the
// matches (at most kExpandLimit rows), as typing the search would have.
void BrowserView::revealArrivedMatches()
{
    std::vector<QPersistentModelIndex> arrived;
    arrived.swap(m_arrived);
    if (!searching())
        return;
    int budget = kExpandLimit;
    auto open = [this](const QModelIndex& idx) {
        if (m_tree->isExpanded(idx))
            return;
        expandProgrammatically(idx);
        if (const auto key = keyOfProxy(idx); key && !m_userExpanded.count(*key))
            m_filterExpanded.insert(*key);
    };
    for (const QPersistentModelIndex& row : arrived) {
        if (!row.isValid() || budget <= 0)
            continue;
        std::vector<QModelIndex> stack{row};
        while (!stack.empty() && budget > 0) {
            const QModelIndex p = stack.back();
            stack.pop_back();
            const int n = m_proxy->rowCount(p);
            if (n == 0)
                continue;
            budget -= n;
            open(p);
            for (int r = 0; r < n; ++r)
                stack.push_back(m_proxy->index(r, 0, p));
        }
        for (QModelIndex a = QModelIndex(row).parent(); a.isValid(); a = a.parent())
            open(a);
    }
}

// ---- Selection: stays on the row the user chose, or on nothing -----------------------------

QModelIndex BrowserView::currentSourceIndex() const
{
    const QModelIndex idx = m_tree->currentIndex();
    return idx.isValid() ? m_proxy->mapToSource(idx) : QModelIndex();
}

bool BrowserView::reveal(const QModelIndex& sourceIndex)
{
    const QModelIndex idx = m_proxy->mapFromSource(sourceIndex);
    if (!idx.isValid())
        return false;
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(idx);
    m_tree->scrollTo(idx);
    return true;
}

BrowserView::Lost BrowserView::selectionLost() const
{
    if (!m_hasChosen || !m_lost)
        return Lost::None;
    return m_chosen.isValid() ? Lost::Hidden : Lost::Ended;
}

void BrowserView::onCurrentChanged(const QModelIndex& current)
{
    // The neighbour Qt picks when the current row is removed, or our own clearing: not the
    // user's choice.
    if (m_currentRemoving || m_clearing)
        return;
    const QModelIndex src = current.isValid() ? m_proxy->mapToSource(current) : QModelIndex();
    m_chosen = src.siblingAtColumn(0);
    m_hasChosen = src.isValid();
    m_lost = false;
    if (src.isValid())
        m_chosenKind = model::RowKind(src.data(model::Role::Kind).toInt());
    emit currentChanged(current);
}

void BrowserView::onRowsAboutToBeRemoved(const QModelIndex& parent, int first, int last)
{
    for (QModelIndex i = m_tree->selectionModel()->currentIndex(); i.isValid(); i = i.parent())
        if (i.row() >= first && i.row() <= last && i.parent() == parent) {
            m_currentRemoving = true;
            return;
        }
}

// After a removal (the row ended, or the filter hid it) or a relayout: when the chosen row is
// no longer the current one, select nothing rather than the neighbour Qt moved to.
void BrowserView::dropCurrentIfLost()
{
    const bool removed = std::exchange(m_currentRemoving, false);
    if (!m_hasChosen || m_lost)
        return;
    if (!removed && m_tree->selectionModel()->currentIndex().isValid())
        return;
    m_lost = true;
    m_clearing = true;
    m_tree->selectionModel()->clear();
    m_clearing = false;
    emit currentChanged(QModelIndex());
}

// The chosen row the filter hid is shown again: select it again.
void BrowserView::restoreSelection()
{
    if (!m_lost || !m_chosen.isValid())
        return;
    const QModelIndex idx = m_proxy->mapFromSource(m_chosen);
    if (idx.isValid())
        m_tree->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
}

} // namespace nsx::gui
