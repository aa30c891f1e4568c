#include "browser_view.h"

#include "namespace_models.h"
#include "tree_views.h"
#include "type_icons.h"

#include <QItemSelectionModel>

#include <vector>

namespace nsx::gui {

namespace {

const char* const kViewNames[kViewCount] = {"byType", "hierarchy", "processes"};
// A text or user filter expands the result when it has at most this many rows.
constexpr int kExpandLimit = 2000;

model::SnapshotTreeModel* makeModel(View kind, QObject* parent)
{
    switch (kind) {
    case View::ByType:
        return new model::ByTypeModel(parent);
    case View::Hierarchy:
        return new model::HierarchyModel(parent);
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
    m_tree->setModel(m_proxy);
    m_tree->setDefaultHiddenColumns(defaultHiddenColumns(kind, m_model));
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { emit currentChanged(current); });
    connect(m_tree, &NsTreeView::contextMenuWanted, this, &BrowserView::contextMenuWanted);
}

QString BrowserView::title() const
{
    switch (m_kind) {
    case View::ByType:
        return tr("By type");
    case View::Hierarchy:
        return tr("Hierarchy");
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
    m_model->setSnapshot(snapshot, m_pendingReset ? model::SnapshotTreeModel::Update::Reset
                                                  : model::SnapshotTreeModel::Update::Incremental);
    m_pendingReset = false;
    if (!m_expanded)
        expandInitially();
    applyFilter();
    return true;
}

void BrowserView::clear()
{
    m_applied.reset();
    m_pendingReset = false;
    m_expanded = false;
    m_model->clear();
}

void BrowserView::setFilter(const model::FilterState& state)
{
    m_filter = state;
    m_filterPending = true;
}

// ---- Expansion: on first fill, and after a filter ------------------------------------------

void BrowserView::expandInitially()
{
    QAbstractItemModel* m = m_tree->model();
    if (m->rowCount() == 0)
        return;
    m_expanded = true;
    if (m_kind == View::ByType) {
        for (int r = 0; r < m->rowCount(); ++r)
            m_tree->expand(m->index(r, 0));
    } else if (m_kind == View::Processes) {
        // Two levels (PID 1's and kthreadd's children): every expanded row is a persistent
        // index that Qt walks on each row removal, so a fully expanded tree costs every poll.
        m_tree->expandToDepth(1);
    } else {
        m_tree->expandAll();
    }
}

void BrowserView::applyFilter()
{
    if (!m_filterPending)
        return;
    m_filterPending = false;
    m_proxy->setFilter(m_filter);
    expandMatches();
}

// Show the matches: a text or user search opens the tree when what is left is short (every
// expanded row costs on each poll, and a broad match would open everything).
void BrowserView::expandMatches()
{
    if (m_filter.text.isEmpty() && m_filter.user.isEmpty())
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
    if (rows <= kExpandLimit)
        m_tree->expandAll();
}

// ---- Selection ------------------------------------------------------------------------------

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

} // namespace nsx::gui
