// One of the main window's three views of the namespace set (By type, Hierarchy, Processes):
// its model, filter proxy and tree view, and everything that is per view — which snapshot it
// shows (a view not on screen catches up only when shown), the filter it still has to apply,
// how it expands (first fill, and a text or user filter opening short results) and how a row
// is revealed and selected.
#pragma once

#include "filter_proxy.h"
#include "snapshot_ptr.h"

#include <QIcon>
#include <QObject>

namespace nsx::model {
class SnapshotTreeModel;
} // namespace nsx::model

namespace nsx::gui {

class NsTreeView;

enum class View
{
    ByType = 0,
    Hierarchy = 1,
    Processes = 2
};
inline constexpr int kViewCount = 3;

class BrowserView : public QObject
{
    Q_OBJECT
public:
    // The tree view is a child of `treeParent` (the tabs); the model and proxy of this object.
    BrowserView(View kind, QWidget* treeParent, QObject* parent = nullptr);

    View kind() const { return m_kind; }
    QString title() const;
    QIcon icon() const;
    NsTreeView* tree() const { return m_tree; }
    model::SnapshotTreeModel* model() const { return m_model; }
    model::NamespaceFilterProxy* proxy() const { return m_proxy; }

    // Brings the model to `snapshot` (incrementally unless resetOnNextSync() was called), then
    // applies a pending filter. True when the model was updated.
    bool sync(const model::SnapshotPtr& snapshot);
    // The snapshot the model shows (null before the first sync).
    const model::SnapshotPtr& applied() const { return m_applied; }
    // A hidden view that followed a poll because the machine shrank follows the next one too
    // (which drops the rows the first greyed out).
    bool followsNextPoll() const { return m_followsNextPoll; }
    void setFollowsNextPoll(bool follow) { m_followsNextPoll = follow; }
    // The next sync replaces the rows instead of updating them (an opened file).
    void resetOnNextSync() { m_pendingReset = true; }
    // The next filled model is expanded as on first show (a new snapshot source).
    void expandAgain() { m_expanded = false; }
    // Forgets every row (back to the live view): the next sync starts from scratch.
    void clear();

    // The filter bar's state, applied at the next sync or applyFilter().
    void setFilter(const model::FilterState& state);
    void applyFilter();

    // The selected row in the model (not the proxy); invalid when none.
    QModelIndex currentSourceIndex() const;
    // Expands its ancestors, selects and scrolls to a model row. False when the filter hides
    // it (the caller may reset the filter and try again).
    bool reveal(const QModelIndex& sourceIndex);

signals:
    // The current row changed (a proxy index, possibly invalid).
    void currentChanged(const QModelIndex& current);
    void contextMenuWanted(const QModelIndex& index, const QPoint& globalPos);

private:
    void expandInitially();
    void expandMatches();

    View m_kind;
    model::SnapshotTreeModel* m_model = nullptr;
    model::NamespaceFilterProxy* m_proxy = nullptr;
    NsTreeView* m_tree = nullptr;
    // The snapshot the model shows, and whether its next update must be a reset.
    model::SnapshotPtr m_applied;
    bool m_pendingReset = false;
    bool m_followsNextPoll = false;
    bool m_expanded = false;
    model::FilterState m_filter;
    bool m_filterPending = false;
};

} // namespace nsx::gui
