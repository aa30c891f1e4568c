// The generic half of the tree models: a keyed tree that follows a list of wanted rows
// incrementally. A subclass says which rows it wants (a Layout) and what a row shows; this class
// turns the difference between the rows shown and the rows wanted into beginInsertRows /
// beginRemoveRows / beginMoveRows / dataChanged — never a reset on a poll — so that selection,
// expansion and scroll position survive every poll (as in KDE's process view, libksysguard).
//
// Rows are identified by a RowKey. Siblings are always kept in key order, which makes "where
// does a new row go" a binary search and lets a changed parent be a move instead of a removal
// plus an insertion. A row no longer wanted stays one poll more, marked vanished, before it is
// removed; a new row is "recent" (its age counts up) for kRecentPolls polls.
#pragma once

#include "roles.h"
#include "snapshot.h"

#include <QAbstractItemModel>

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace nsx::model {

inline constexpr std::uint8_t kNoType = 0xFF;

struct RowKey
{
    RowKind kind = RowKind::Section;
    std::uint8_t section = 0;
    std::uint8_t type = kNoType; // NsType, or kNoType
    std::int32_t pid = 0;
    std::uint64_t inode = 0;
    // Which one of the things that had this pid or inode: a process's start time, a namespace's
    // id (NS_GET_ID; the kernel reuses pids and inodes, never ids or a pid's start time).
    std::uint64_t instance = 0;
    friend auto operator<=>(const RowKey&, const RowKey&) = default;
};

struct RowKeyHash
{
    std::size_t operator()(const RowKey& k) const noexcept;
};

// What a row shows: an entry of the snapshot, or nothing (section and type-group rows). The
// Containers view's engine, pod and container rows show a container (the first of their group).
using RowEntry = std::variant<std::monostate, const backend::Namespace*, const backend::Process*,
                              const backend::Container*>;

// The entry as a namespace / process; nullptr when it is not one.
inline const backend::Namespace* namespaceOf(const RowEntry& entry)
{
    const auto* ns = std::get_if<const backend::Namespace*>(&entry);
    return ns ? *ns : nullptr;
}
inline const backend::Process* processOf(const RowEntry& entry)
{
    const auto* p = std::get_if<const backend::Process*>(&entry);
    return p ? *p : nullptr;
}
inline const backend::Container* containerOf(const RowEntry& entry)
{
    const auto* c = std::get_if<const backend::Container*>(&entry);
    return c ? *c : nullptr;
}

// The rows a model wants for one snapshot. Builders append siblings in key order; finish()
// indexes children (and sorts a range if a builder did not).
struct Layout
{
    struct Row
    {
        RowKey key;
        int parent = -1; // index into rows, -1 = top level
        RowEntry entry;
        int fallback = -1; // where the row goes if its parent chain loops (crafted files, races)
    };
    std::vector<Row> rows;
    std::vector<int> childBegin; // size rows+2: children of row i are childList[begin[i+1]..]
    std::vector<int> childList;  // (slot 0 is the invisible root)

    int add(const RowKey& key, int parent, RowEntry entry = {})
    {
        rows.push_back({key, parent, entry, parent});
        return int(rows.size()) - 1;
    }
    // How deep rows nest at most. A parent chain is as long as a snapshot file makes it (a
    // crafted one: 200,000 processes each the parent of the next), and Qt walks a tree
    // recursively in places we cannot change (QTreeView's layout of expanded rows,
    // QSortFilterProxyModel's mappings), so a chain that long would overflow the stack however
    // the model builds it. Real trees stay far below: the kernel nests user and pid namespaces
    // 32 deep, and a process tree 1000 deep is a fork bomb's. finish() hangs the rows below
    // this depth side by side under their ancestor at kMaxDepth - 1 (all rows stay visible,
    // in key order) and counts them in `flattened`.
    static constexpr int kMaxDepth = 1000;
    int flattened = 0;

    void finish();
    // [first, last) of childList for row (or -1 = root)
    std::pair<int, int> children(int row) const
    {
        return {childBegin[row + 1], childBegin[row + 2]};
    }
};

class KeyedTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    ~KeyedTreeModel() override;

    QModelIndex indexOfKey(const RowKey& key, int column = 0) const;
    // The key of a row (nullopt for the root), for state that must outlive the index.
    std::optional<RowKey> keyOf(const QModelIndex& index) const;
    int rowsShown() const { return int(m_nodes.size()); }
    // Self-check for tests: rows, parents, sibling order and the key index agree. Returns the
    // first problem found, empty when none.
    QString checkInvariants() const;
    // Rows of the current layout nested deeper than Layout::kMaxDepth, shown at that depth.
    int flattenedRows() const { return m_flattened; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;

protected:
    struct Node
    {
        RowKey key;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        RowEntry entry;
        std::uint32_t seen = 0;  // last generation that wanted this row
        std::uint32_t born = 0;  // generation that created it
        std::uint32_t moved = 0; // generation that moved it
        int row = 0; // index in parent->children, kept current: parent() is Qt's hot path
        std::int8_t age = -1;
        bool vanished = false;
    };

    KeyedTreeModel(int columns, QObject* parent);

    // Show exactly the layout's rows, none of them recent (between begin/endResetModel).
    void resetRows(Layout& layout);
    // One poll in two steps. reconcileRows: the wanted rows move, appear and get dataChanged
    // where changedColumns() says so. removeStale: rows wanted last poll but not now turn
    // vanished (dataChanged), rows already vanished are removed. Between the two the subclass
    // may switch what vanished rows read.
    void reconcileRows(Layout& layout);
    void removeStale();
    // Forget every row (between begin/endResetModel).
    void clearRows();

    // Which of a kept row's cells (bit = column) differ between its old and new entry.
    virtual quint64 changedColumns(const Node& node, const RowEntry& oldEntry,
                                   const RowEntry& newEntry) const = 0;

    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(Node* node, int column = 0) const;

private:
    static void renumber(Node* parent, std::size_t from);
    Node* createSubtree(const Layout& layout, int row, Node* parent, bool fresh);
    void reconcileChildren(Node* node, int row, const Layout& layout);
    void moveNode(Node* node, Node* newParent);
    void forgetSubtree(Node* node);
    void emitChanged(Node* node, quint64 mask);

    int m_columns;
    std::unique_ptr<Node> m_root;
    std::unordered_map<RowKey, Node*, RowKeyHash> m_nodes;
    std::uint32_t m_generation = 0;
    int m_flattened = 0;
};

} // namespace nsx::model
