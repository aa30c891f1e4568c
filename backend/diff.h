// Difference between two snapshots, as snapshot-format.md describes it: namespaces keyed by
// (type, inode), processes by (pid, start_time) so a reused pid is a removal plus an addition.
#pragma once

#include "launch/request_text.h"
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
    // Containers (issue 15), keyed by their key; a namespace or process whose container was
    // renamed or replaced is changed too (see namespaceChanges).
    std::vector<Container> containersAdded, containersRemoved;
    std::vector<Changed<Container>> containersChanged;
    // Both sides' containers (sorted by key), for naming what a changed entry belonged to.
    std::vector<Container> containersBefore, containersAfter;
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
// With the containers each side's key names (nullptr: none, or not known), a renamed or
// replaced container is the change "container" (as containerText says it), last.
std::vector<FieldChange> namespaceChanges(const Namespace& before, const Namespace& after,
                                          const Container* beforeContainer = nullptr,
                                          const Container* afterContainer = nullptr);
// ppid, comm, cmdline, uid, user, state, nspid, then the namespace of each type (key "net"...),
// then the container as above.
std::vector<FieldChange> processChanges(const Process& before, const Process& after,
                                        const Container* beforeContainer = nullptr,
                                        const Container* afterContainer = nullptr);
// The fields of a container that differ: name, engine, image, pod, pod_namespace, project,
// unit, app_id, labels, pid.
std::vector<FieldChange> containerChanges(const Container& before, const Container& after);
// "docker: nsx-dock (debian:12)": what the container view and the diff call a container;
// nullopt for none. The key alone when the container is not listed.
std::optional<std::string> containerText(const std::optional<std::string>& key, const Container* c);
// The container `key` in a list sorted by key; nullptr when absent or no key.
const Container* findContainerIn(const std::vector<Container>& sorted,
                                 const std::optional<std::string>& key);
std::string diffToJson(const SnapshotDiff& d);
// The text report: "+ net 4026532001 (2 procs)", "~ process 42 sh: comm ...", a summary line.
// `words` translates its framing words (templates marked in context "DiffText"; the contract's
// keys, values and type names stay as they are); none: English.
std::string diffToText(const SnapshotDiff& d, Translator words = nullptr);

} // namespace nsx::backend
