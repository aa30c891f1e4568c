// The base of the three namespace/process tree models. A subclass only says which rows a
// snapshot should produce (buildLayout); this class turns the difference between the rows it
// shows and the rows the next snapshot wants into beginInsertRows / beginRemoveRows /
// beginMoveRows / dataChanged — never a reset on a poll — so that selection, expansion and
// scroll position survive every poll (the libksysguard lesson).
//
// Rows are identified by a RowKey (namespaces by type+inode, processes by pid+start time).
// Siblings are always kept in key order, which makes "where does a new row go" a binary search
// and lets a changed parent be a move instead of a removal plus an insertion.
#pragma once

#include "ns_type.h"
#include "roles.h"
#include "snapshot_ptr.h"

#include <QAbstractItemModel>
#include <QString>

#include <array>
#include <compare>
#include <memory>
#include <unordered_map>
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
    std::uint64_t start = 0;
    friend auto operator<=>(const RowKey&, const RowKey&) = default;
};

struct RowKeyHash
{
    std::size_t operator()(const RowKey& k) const noexcept;
};

// The rows a model wants for one snapshot. Builders append siblings in key order; finish()
// indexes children (and sorts a range if a builder did not).
struct Layout
{
    struct Row
    {
        RowKey key;
        int parent = -1; // index into rows, -1 = top level
        const void* entry = nullptr;
        int fallback = -1; // where the row goes if its parent chain loops (crafted files, races)
    };
    std::vector<Row> rows;
    std::vector<int> childBegin; // size rows+2: children of row i are childList[begin[i+1]..]
    std::vector<int> childList;  // (slot 0 is the invisible root)

    int add(const RowKey& key, int parent, const void* entry)
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

// Facts about one snapshot that many cells need: user names, initial namespaces.
struct SnapshotInfo
{
    SnapshotPtr snapshot;
    std::unordered_map<std::uint32_t, QString> users;
    std::array<std::uint64_t, backend::kNsTypeCount> initial{}; // 0 = unknown
    backend::NsInodes initialKnown{};                           // the same, as the backend has it

    static std::shared_ptr<const SnapshotInfo> make(SnapshotPtr snapshot);
    // Per type, the inode of the initial namespace (0 = unknown): backend::initialNamespaces.
    static std::array<std::uint64_t, backend::kNsTypeCount>
    initialNamespaces(const backend::Snapshot& snapshot);
    QString userName(std::uint32_t uid) const;
    bool isInitial(backend::NsType type, std::uint64_t inode) const;
};

class SnapshotTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Update
    {
        Incremental,
        Reset
    };

    ~SnapshotTreeModel() override;

    // Incremental: apply the difference to what is shown (the first snapshot is a reset).
    // Reset: start over (an offline file replaces the live view).
    void setSnapshot(SnapshotPtr snapshot, Update mode = Update::Incremental);
    SnapshotPtr snapshot() const;
    void clear();

    const std::vector<Field>& fields() const { return m_fields; }
    int columnOf(Field field) const;

    // What a row shows; nullptr when the row is not of that kind.
    const backend::Namespace* namespaceAt(const QModelIndex& index) const;
    const backend::Process* processAt(const QModelIndex& index) const;
    RowKey keyAt(const QModelIndex& index) const;
    // Where a namespace / process is shown (invalid if this model does not show it).
    QModelIndex findNamespace(backend::NsType type, std::uint64_t inode) const;
    QModelIndex findProcess(int pid) const;
    QModelIndex indexOfKey(const RowKey& key, int column = 0) const;
    int rowsShown() const { return int(m_nodes.size()); }
    // Self-check for tests: rows, parents, sibling order and the key index agree. Returns the
    // first problem found, empty when none.
    QString checkInvariants() const;
    // Rows of the current snapshot nested deeper than Layout::kMaxDepth, shown at that depth.
    int flattenedRows() const { return m_flattened; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString fieldTitle(Field field);
    // A kernel string made printable: control characters become their visible symbols.
    static QString printable(const std::string& bytes);
    static QString commandLine(const backend::Process& process);

signals:
    // Every change of one setSnapshot() has been signalled (the proxy settles its filter here).
    void snapshotApplied();

protected:
    SnapshotTreeModel(std::vector<Field> fields, QObject* parent);
    virtual void buildLayout(const backend::Snapshot& snapshot, Layout& layout) const = 0;
    virtual RowKey processKey(const backend::Snapshot& snapshot, const backend::Process& p) const;
    virtual QString sectionTitle(int section) const;
    // A namespace's row key. The kernel gives a freed inode to the next new namespace, so the
    // key has a third part: the id (NS_GET_ID) the row was first keyed with, kept while the
    // namespace's id is unknown (scanners that could not open it, older files) and replaced
    // only by a known, different id — a new namespace under the inode, a new row.
    RowKey namespaceKey(const backend::Namespace& ns, std::uint8_t section = 0) const;

private:
    struct NsKeyId
    {
        std::uint64_t lastId = 0; // the latest known id, 0 = none yet
        std::uint64_t keyId = 0;  // what RowKey::start of its rows holds
        bool gone = false;        // not in the latest snapshot (its rows are greyed)
    };
    // Before each layout: carry the key ids over to this snapshot's namespaces (reset: anew).
    void rekeyNamespaces(const backend::Snapshot& snapshot, bool reset);
    static std::uint64_t nsSlot(backend::NsType type, std::uint64_t inode)
    {
        return inode * 8 + std::uint64_t(type); // unique for inodes below 2^61
    }

    struct Node
    {
        RowKey key;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        const void* entry = nullptr;
        std::uint32_t seen = 0;  // last generation that wanted this row
        std::uint32_t born = 0;  // generation that created it
        std::uint32_t moved = 0; // generation that moved it
        int row = 0; // index in parent->children, kept current: parent() is Qt's hot path
        std::int8_t age = -1;
        bool vanished = false;
    };
    static void renumber(Node* parent, std::size_t from);

    void resetTo(const Layout& layout);
    Node* createSubtree(const Layout& layout, int row, Node* parent, bool fresh);
    void reconcileChildren(Node* node, int row, const Layout& layout, const SnapshotInfo& oldInfo);
    void moveNode(Node* node, Node* newParent);
    void removeStale();
    void forgetSubtree(Node* node);
    quint64 changedColumns(const Node& node, const void* oldEntry, const SnapshotInfo& oldInfo,
                           const void* newEntry) const;
    void emitChanged(Node* node, quint64 mask);

    int rowOf(const Node* node) const;
    QModelIndex indexOf(Node* node, int column = 0) const;
    Node* nodeOf(const QModelIndex& index) const;
    const SnapshotInfo& infoFor(const Node& node) const;
    QVariant cell(const SnapshotInfo& info, const Node& node, const void* entry, Field field,
                  int role) const;
    QString searchText(const SnapshotInfo& info, const Node& node) const;
    QString namespaceSearchText(const SnapshotInfo& info, const backend::Namespace& ns) const;

    std::vector<Field> m_fields;
    std::unique_ptr<Node> m_root;
    std::unordered_map<RowKey, Node*, RowKeyHash> m_nodes;
    std::shared_ptr<const SnapshotInfo> m_info;
    std::shared_ptr<const SnapshotInfo> m_vanishedInfo; // what vanished rows still point into
    std::uint32_t m_generation = 0;
    int m_flattened = 0;
    std::unordered_map<std::uint64_t, NsKeyId> m_nsKeyIds; // by nsSlot(type, inode)
    // Per process of the snapshot being applied: the old entry it was compared with and
    // whether they were equal (see changedColumns).
    mutable std::vector<std::pair<const void*, bool>> m_sameMemo;
    // Search texts built this poll, by snapshot entry (the filter asks for a process's text
    // once per row it has, and By type lists a process under each of its namespaces).
    mutable std::unordered_map<const void*, QString> m_textMemo;
    template <typename F>
    QString memoized(const SnapshotInfo& info, const void* entry, F&& make) const;
};

} // namespace nsx::model
