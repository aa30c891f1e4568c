// The four views of a snapshot. Each one only decides which rows exist and where they hang;
// SnapshotTreeModel applies the changes between polls.
#pragma once

#include "tree_model.h"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace nsx::model {

// By type: type → namespace → its processes, nested by parent pid. A process whose parent is
// in another namespace of that type is a top-level child of its namespace.
class ByTypeModel : public SnapshotTreeModel
{
    Q_OBJECT
public:
    explicit ByTypeModel(QObject* parent = nullptr);

protected:
    void buildLayout(const backend::Snapshot& snapshot, Layout& layout) const override;
    RowKey processKey(const backend::Snapshot& snapshot, const backend::Process& p) const override;
};

// Hierarchy: section 0 is the user-namespace ownership tree (child user namespaces and every
// namespace each one owns); section 1 is the PID-namespace nesting.
class HierarchyModel : public SnapshotTreeModel
{
    Q_OBJECT
public:
    explicit HierarchyModel(QObject* parent = nullptr);

protected:
    void buildLayout(const backend::Snapshot& snapshot, Layout& layout) const override;
    QString sectionTitle(int section) const override;
};

// Processes: the process tree with a column per namespace type, filled where a process's
// namespace differs from its parent's.
class ProcessTreeModel : public SnapshotTreeModel
{
    Q_OBJECT
public:
    explicit ProcessTreeModel(QObject* parent = nullptr);

protected:
    void buildLayout(const backend::Snapshot& snapshot, Layout& layout) const override;
    RowKey processKey(const backend::Snapshot& snapshot, const backend::Process& p) const override;
};

// Containers (issue 15): engine → pod (where the container has one) → container → its
// namespaces → their processes (nested by parent pid, as By type). A container with no namespace
// of its own lists the processes that belong to it. Engine, pod and container rows are keyed by
// ids the model hands out to their names (RowKey::inode), stable while the model lives.
class ContainersModel : public SnapshotTreeModel
{
    Q_OBJECT
public:
    explicit ContainersModel(QObject* parent = nullptr);

protected:
    void buildLayout(const backend::Snapshot& snapshot, Layout& layout) const override;
    RowKey processKey(const backend::Snapshot& snapshot, const backend::Process& p) const override;

private:
    std::uint64_t intern(const std::string& text) const;
    mutable std::unordered_map<std::string, std::uint64_t> m_ids;
};

} // namespace nsx::model
