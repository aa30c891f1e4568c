// Difference between two snapshots, as snapshot-format.md describes it: namespaces keyed by
// (type, inode), processes by (pid, start_time) so a reused pid is a removal plus an addition.
#pragma once

#include "snapshot.h"

#include <string>
#include <vector>

namespace nsx::backend {

template <typename T> struct Changed
{
    T before;
    T after;
};

struct SnapshotDiff
{
    std::vector<Namespace> namespacesAdded, namespacesRemoved;
    std::vector<Changed<Namespace>> namespacesChanged;
    std::vector<Process> processesAdded, processesRemoved;
    std::vector<Changed<Process>> processesChanged;
    bool empty() const;
};

SnapshotDiff diff(const Snapshot& before, const Snapshot& after);
std::string diffToJson(const SnapshotDiff& d);
std::string diffToText(const SnapshotDiff& d);

} // namespace nsx::backend
