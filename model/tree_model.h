// The namespace half of the three namespace/process tree models: what a row of a snapshot
// shows (cells, tooltips, roles, search text) and how namespaces and processes are keyed.
// A subclass only says which rows a snapshot should produce (buildLayout); KeyedTreeModel
// applies the difference between polls as row inserts, removes, moves and dataChanged.
//
// Rows are keyed by RowKey: namespaces by type+inode+id, processes by pid+start time.
#pragma once

#include "keyed_tree_model.h"
#include "ns_type.h"
#include "printable_text.h"
#include "roles.h"
#include "snapshot_ptr.h"

#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace nsx::model {

// Facts about one snapshot that many cells need: user names, initial namespaces.
struct SnapshotInfo
{
    SnapshotPtr snapshot;
    std::unordered_map<std::uint32_t, QString> users;
    std::array<std::uint64_t, backend::kNsTypeCount> initial{}; // 0 = unknown
    backend::NsInodes initialKnown{};                           // the same, as the backend has it

    static std::shared_ptr<const SnapshotInfo> make(SnapshotPtr snapshot);
    QString userName(std::uint32_t uid) const;
    bool isInitial(backend::NsType type, std::uint64_t inode) const;
};

class SnapshotTreeModel : public KeyedTreeModel
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
    // Where a namespace / process is shown (invalid if this model does not show it).
    QModelIndex findNamespace(backend::NsType type, std::uint64_t inode) const;
    QModelIndex findProcess(int pid) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString fieldTitle(Field field);
    static QString commandLine(const backend::Process& process);
    // A namespace as the kernel spells it: net:[4026531840].
    static QString inodeName(backend::NsType type, std::uint64_t inode);
    // What a namespace is, when the snapshot knows: its hostname (uts), its `ip netns` name, its
    // launcher and pid, another bind mount's path, "host" for the initial one; else empty.
    static QString shortName(const SnapshotInfo& info, const backend::Namespace& ns);
    // The Name column: "uts webbox", "net nsx-shot", "pid unshare 1234", else net:[4026531840].
    static QString displayName(const SnapshotInfo& info, const backend::Namespace& ns);
    // A container as the Container column shows it: "docker: nsx-dock".
    static QString containerLabel(const backend::Container& c);
    // Its facts, one "label: value" a line (a tooltip).
    static QString containerSummary(const backend::Container& c);
    // The container a key names in the snapshot; nullptr when none.
    static const backend::Container* findContainer(const backend::Snapshot& s,
                                                   const std::optional<std::string>& key);

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
        std::uint64_t keyId = 0;  // what RowKey::instance of its rows holds
        bool gone = false;        // not in the latest snapshot (its rows are greyed)
    };
    // Before each layout: carry the key ids over to this snapshot's namespaces (reset: anew).
    void rekeyNamespaces(const backend::Snapshot& snapshot, bool reset);
    static std::uint64_t nsSlot(backend::NsType type, std::uint64_t inode)
    {
        return inode * 8 + std::uint64_t(type); // unique for inodes below 2^61
    }

    void noteRenamed(const SnapshotInfo& before, const SnapshotInfo& after);
    bool inRenamed(const backend::Process& p) const;
    bool containerChanged(const std::optional<std::string>& key) const;
    quint64 changedColumns(const Node& node, const RowEntry& oldEntry,
                           const RowEntry& newEntry) const override;
    const SnapshotInfo& infoFor(const Node& node) const;
    QVariant cell(const SnapshotInfo& info, const Node& node, const RowEntry& entry, Field field,
                  int role) const;
    QVariant containerRowCell(const Node& node, const RowEntry& entry, Field field, int role) const;
    QString searchText(const SnapshotInfo& info, const Node& node) const;
    QString namespaceSearchText(const SnapshotInfo& info, const backend::Namespace& ns) const;
    static void appendContainerText(QString& text, const SnapshotInfo& info,
                                    const std::optional<std::string>& key);

    std::vector<Field> m_fields;
    std::shared_ptr<const SnapshotInfo> m_info;
    std::shared_ptr<const SnapshotInfo> m_vanishedInfo; // what vanished rows still point into
    const SnapshotInfo* m_oldInfo = nullptr; // while a poll is applied: what rows showed before
    std::unordered_map<std::uint64_t, NsKeyId> m_nsKeyIds; // by nsSlot(type, inode)
    // While a poll is applied: namespaces whose name changed (by nsSlot), or all of them.
    std::unordered_set<std::uint64_t> m_renamed;
    bool m_allRenamed = false;
    // While a poll is applied: containers (by key) whose description changed (a renamed one).
    std::unordered_set<std::string> m_changedContainers;
    // Per process of the snapshot being applied: the old entry it was compared with and
    // whether they were equal (see changedColumns).
    mutable std::vector<std::pair<const backend::Process*, bool>> m_sameMemo;
    // Search texts built this poll, by snapshot entry (the filter asks for a process's text
    // once per row it has, and By type lists a process under each of its namespaces).
    mutable std::unordered_map<const void*, QString> m_textMemo;
    template <typename F>
    QString memoized(const SnapshotInfo& info, const void* entry, F&& make) const;
};

} // namespace nsx::model
