// One of the main window's four views of the namespace set (By type, Hierarchy, Processes,
// Containers):
// its model, filter proxy and tree view, and everything that is per view — which snapshot it
// shows (a view not on screen catches up only when shown), the filter it still has to apply,
// how it expands (first fill, and a text or user filter opening short results) and how a row
// is revealed and selected.
//
// Expansion is two sets of row keys: the user's own (first fill, clicks, reveal) survives
// filtering — re-applied after the proxy refilters, even when the filtered view was empty —
// and the rows opened only to show filter matches (a text or user search, matches that arrive
// with a poll), collapsed again when that search is cleared.
// Selection stays on the row the user chose: when it goes (its process ended, the filter hides
// it) nothing is selected, never a neighbour, and selectionLost() says why; a hidden row that
// the filter shows again is selected again.
#pragma once

#include "filter_proxy.h"
#include "keyed_tree_model.h"
#include "snapshot_ptr.h"

#include <QIcon>
#include <QObject>
#include <QPersistentModelIndex>

#include <unordered_set>
#include <vector>

namespace nsx::model {
class SnapshotTreeModel;
} // namespace nsx::model

namespace nsx::gui {

class NsTreeView;

enum class View
{
    ByType = 0,
    Hierarchy = 1,
    Processes = 2,
    Containers = 3
};
inline constexpr int kViewCount = 4;

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
    // (which drops the rows the first greyed out), and more while the machine shrinks.
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

    // Why nothing is selected although the user chose a row: None (nothing was chosen, or it is
    // still selected), Ended (its row left the model) or Hidden (the filter hides it).
    enum class Lost
    {
        None,
        Ended,
        Hidden
    };
    Lost selectionLost() const;
    // The kind of row the user chose (for the words saying it went).
    model::RowKind lostKind() const { return m_chosenKind; }

signals:
    // The current row changed (a proxy index, possibly invalid).
    void currentChanged(const QModelIndex& current);
    void contextMenuWanted(const QModelIndex& index, const QPoint& globalPos);

private:
    using KeySet = std::unordered_set<model::RowKey, model::RowKeyHash>;

    void expandInitially();
    void expandMatches();
    bool searching() const;
    std::optional<model::RowKey> keyOfProxy(const QModelIndex& proxyIndex) const;
    QModelIndex proxyOfKey(const model::RowKey& key) const;
    void onToggled(const QModelIndex& proxyIndex, bool expanded);
    void expandProgrammatically(const QModelIndex& proxyIndex);
    // Rows expanded now (in the proxy) that the user did not expand: the filter's.
    void noteFilterExpansion();
    void reapplyUserExpansion();
    void undoFilterExpansion();
    void revealArrivedMatches();

    void onCurrentChanged(const QModelIndex& current);
    void onRowsAboutToBeRemoved(const QModelIndex& parent, int first, int last);
    void dropCurrentIfLost();
    void restoreSelection();

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

    // Expansion: rows (by key) the user expanded, and those expanded only for the filter.
    KeySet m_userExpanded;
    KeySet m_filterExpanded;
    bool m_expanding = false; // the view's expanded/collapsed signals are ours, not the user's
    // Rows the proxy inserted during a sync (matches that arrived with a poll).
    bool m_syncing = false;
    std::vector<QPersistentModelIndex> m_arrived;

    // Selection: the row the user chose (a model row), and whether it went away.
    QPersistentModelIndex m_chosen;
    model::RowKind m_chosenKind = model::RowKind::Section;
    bool m_hasChosen = false;
    bool m_lost = false;
    bool m_currentRemoving = false; // the current row (or an ancestor) is being removed
    bool m_clearing = false;        // currentChanged signals of our own clearing
};

} // namespace nsx::gui
