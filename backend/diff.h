// Difference between two snapshots, as snapshot-format.md describes it: namespaces keyed by
// (type, inode), processes by (pid, start_time) so a reused pid is a removal plus an addition.
#pragma once

#include "snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend {

template <typename T> struct Changed
{
    T before;
    T after;
};

// An interface that left one net namespace and turned up in another (issue 16): matched by its
// kind and MAC address, unique on both sides (loopback and address-less interfaces are not).
struct InterfaceMove
{
    std::string name;   // before
    std::string toName; // after (a move may rename it)
    std::string mac;
    std::uint64_t from = 0, to = 0; // net namespace inodes
    friend bool operator==(const InterfaceMove&, const InterfaceMove&) = default;
};

struct SnapshotDiff
{
    std::vector<Namespace> namespacesAdded, namespacesRemoved;
    std::vector<Changed<Namespace>> namespacesChanged;
    std::vector<Process> processesAdded, processesRemoved;
    std::vector<Changed<Process>> processesChanged;
    std::vector<InterfaceMove> interfacesMoved; // also changes of both namespaces
    bool empty() const;
};

SnapshotDiff diff(const Snapshot& before, const Snapshot& after);

// One field that differs between two versions of a namespace or a process. namespaceChanges()
// and processChanges() decide what changed; nsexplorer-cli's text diff and the compare dialog
// only format the list.
struct FieldChange
{
    std::string_view key;   // the contract's key: "dev", "processes", "hostname", "root", ...
    std::string_view label; // for the views ("Device", "Hostname"), a string literal
    std::string_view brief; // the text diff names the change by this word alone, once
    bool quoted = false;    // the values are strings (a hostname, a path), not numbers
    // The values as the CSV writes them (raw bytes; lists joined by ';'); nullopt = null.
    std::optional<std::string> before, after;
    // Pid sets (processes, threads): before and after are the counts; what came and what left.
    bool pidSet = false;
    std::vector<int> added, removed;
};
// In the contract's key order: the namespace's own fields, its details (detail_fields.h),
// then the launcher. The id is not compared (see diff()).
std::vector<FieldChange> namespaceChanges(const Namespace& before, const Namespace& after);
// ppid, comm, cmdline, uid, user, state, nspid, then the namespace of each type (key "net"...).
std::vector<FieldChange> processChanges(const Process& before, const Process& after);
std::string diffToJson(const SnapshotDiff& d);
std::string diffToText(const SnapshotDiff& d);

} // namespace nsx::backend
