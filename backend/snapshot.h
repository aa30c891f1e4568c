// The Snapshot: an immutable value describing what the scanner saw at one instant.
// It mirrors docs/snapshot-format.md (the JSON and CSV contract) one to one; serialisation
// lives in snapshot_json.h, discovery in scanner.h. Everything here is plain data.
#pragma once

#include "ns_type.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nsx::backend {

struct Reference
{
    enum class Kind : std::uint8_t
    {
        BindMount,
        Fd
    };
    Kind kind = Kind::BindMount;
    std::string path; // BindMount: mount point
    int pid = 0;      // Fd: holder pid
    int fd = -1;      // Fd: descriptor number
    // BindMount: the mount namespace whose table shows it (the initial one when that does);
    // 0: not known (a snapshot from before). Anyone with a user namespace can mount a
    // /run/netns/NAME of their own in a mount namespace of their own: a name only its user
    // chose (containers: fromNetns, fromSnap). Where it was seen, not what it is: equality
    // leaves it out.
    std::uint64_t mountNs = 0;
    friend bool operator==(const Reference& a, const Reference& b)
    {
        return a.kind == b.kind && a.path == b.path && a.pid == b.pid && a.fd == b.fd;
    }
};

// The other end of a link (issue 16): a veth's peer, or the lower device of a macvlan, vlan or
// vxlan (IFLA_LINK + IFLA_LINK_NETNSID, the NSID resolved to a namespace).
struct NetLinkEnd
{
    // inode of the other end's net namespace; nullopt: this one, unless nsid says another that
    // the scanner could not identify
    std::optional<std::uint64_t> netns;
    int ifindex = 0;                 // its ifindex in that namespace
    std::optional<std::string> name; // its name, when the scanner could see that namespace
    std::optional<int> nsid;         // IFLA_LINK_NETNSID: that namespace's NSID here (another one)
    friend bool operator==(const NetLinkEnd&, const NetLinkEnd&) = default;
};

struct NetInterface
{
    std::string name;
    bool up = false;
    std::vector<std::string> addresses; // "192.0.2.7/24", "fe80::1/64"
    // Topology (issue 16); nullopt/empty when not read (older snapshots, no netlink access).
    std::optional<int> index;        // ifindex
    std::optional<std::string> kind; // IFLA_INFO_KIND (veth, bridge, macvlan, vxlan, tun,
                                     // ...); "" none: physical, or loopback (see flags)
    std::optional<std::string> mac;  // "02:42:ac:11:00:02"
    std::optional<int> mtu;
    std::optional<std::string> operstate; // "up", "down", "unknown", "lowerlayerdown", ...
    std::optional<std::string> master;    // IFLA_MASTER: name of its bridge/bond (same namespace)
    std::optional<NetLinkEnd> link;       // veth peer / lower device
    std::vector<int> servedBy;            // tun/tap: pids holding it open (fdinfo "iff:")
    friend bool operator==(const NetInterface&, const NetInterface&) = default;
};

// A default route of a net namespace (issue 16).
struct NetRoute
{
    std::string family;                 // "inet" | "inet6"
    std::optional<std::string> gateway; // nullopt: on-link
    std::string device;
    friend bool operator==(const NetRoute&, const NetRoute&) = default;
};

struct IdMapEntry
{
    std::uint64_t inside = 0, outside = 0, count = 0;
    friend bool operator==(const IdMapEntry&, const IdMapEntry&) = default;
};

// A time offset as the kernel stores it (/proc/PID/timens_offsets).
struct TimeOffset
{
    std::int64_t seconds = 0;
    std::int64_t nanoseconds = 0; // 0..999999999
    friend bool operator==(const TimeOffset&, const TimeOffset&) = default;
};

// Per-type details; a field is nullopt when it does not apply or could not be read.
struct NamespaceDetails
{
    // uts
    std::optional<std::string> hostname, domainname;
    // ipc
    std::optional<std::int64_t> msgQueues, shmSegments, semaphoreSets;
    // net
    std::optional<std::vector<NetInterface>> interfaces;
    std::optional<std::vector<NetRoute>> defaultRoutes; // issue 16
    // pid
    std::optional<int> init;  // pid, in the scanner's view, of the namespace's PID 1
    std::optional<int> level; // nesting depth, 0 = initial
    // user
    std::optional<std::vector<IdMapEntry>> uidMap, gidMap;
    // time
    std::optional<TimeOffset> monotonicOffset, boottimeOffset;
    // mnt
    std::optional<int> mounts;
    std::optional<std::string> mntRoot; // JSON key "root" for mnt
    // cgroup
    std::optional<std::string> cgroupRoot; // JSON key "root" for cgroup
    friend bool operator==(const NamespaceDetails&, const NamespaceDetails&) = default;
};

struct Launcher
{
    std::optional<int> pid;
    std::string comm;
    std::string kind; // bwrap | firejail | unshare | nsexplorer | systemd-nspawn | lxc | docker |
                      // podman | containerd | flatpak | snap | other
    friend bool operator==(const Launcher&, const Launcher&) = default;
};

// What a namespace or process *is* (issue 15): the container, sandbox, app or service it belongs
// to, by name. Snapshot::containers lists each once; namespaces and processes refer to it by key.
struct Container
{
    std::string key; // "ENGINE:ID", unique in a snapshot ("docker:3f2a…", "service:cups.service")
    std::string engine; // docker | podman | containerd | kubernetes | lxc | systemd-nspawn |
                        // flatpak | snap | firejail | bwrap | toolbox | distrobox | browser |
                        // service | netns | nsexplorer | unshare | other
    std::string name;   // what a user calls it: "nsx-dock", "org.mozilla.firefox", "cups.service"
    std::string id;     // the engine's id (full), else the name
    std::optional<std::string> image, pod, podNamespace, project, unit, appId;
    std::vector<std::pair<std::string, std::string>> labels; // sorted by key
    std::optional<int> pid; // its init/main process, in the scanner's view (enter --container)
    std::string source;     // where the name was read: "api", "conmon", "cgroup", "cmdline", ...
    // The user whose process, socket or files the name was read from, when not root: that user
    // chose the name (a rootless podman's conmon, a bwrap, any process calling itself conmon),
    // so it is that user's claim, keyed "ENGINE@UID:ID" apart from root's. Unset: root's.
    std::optional<std::uint32_t> ownerUid;
    friend bool operator==(const Container&, const Container&) = default;
};

// How a container is shown everywhere (list's NAME column, the Container column, the maps,
// diff): "engine: name", "engine@UID: name" for another user's claim (Container::ownerUid), the
// "engine@UID:name" that `enter --container` takes for it.
std::string containerTitle(const Container& c);

struct Namespace
{
    NsType type = NsType::Net;
    std::uint64_t inode = 0;
    std::uint64_t dev = 0;
    std::optional<std::uint64_t> owner;    // inode of owning user ns (NS_GET_USERNS)
    std::optional<std::uint64_t> parent;   // pid/user: inode of parent (NS_GET_PARENT)
    std::optional<std::uint32_t> ownerUid; // user: NS_GET_OWNER_UID
    std::vector<int> processes;            // pids whose main thread is in it, ascending
    std::vector<int> threads;              // tids in it whose process is elsewhere, ascending
    std::vector<Reference> references;     // bind mounts, fds
    NamespaceDetails details;
    std::optional<Launcher> launcher;
    // NS_GET_ID (Linux 6.18) when the scanner could open the namespace: never reused while the
    // system runs, unlike the inode (the lowest free number goes to the next new namespace).
    std::optional<std::uint64_t> id;
    std::optional<std::string> container; // Container::key (issue 15)
    friend bool operator==(const Namespace&, const Namespace&) = default;
};

// Two entries with one (type, inode) name different namespaces when both ids are known and
// differ: the kernel gives a freed inode to the next new namespace at once, never an id.
inline bool differentNamespaces(const Namespace& a, const Namespace& b)
{
    return a.id && b.id && *a.id != *b.id;
}

struct Process
{
    int pid = 0;
    int ppid = 0;
    std::string comm;                 // raw bytes from the kernel
    std::vector<std::string> cmdline; // raw bytes; empty for kernel threads
    std::optional<std::uint32_t> uid;
    std::optional<std::string> user;
    char state = '?';
    std::uint64_t startTime = 0;           // clock ticks since boot (field 22 of stat)
    std::optional<std::vector<int>> nspid; // outermost first; nullopt if the kernel has no NSpid
    // inode per type, indexed by index(NsType); nullopt when the link could not be read
    std::array<std::optional<std::uint64_t>, kNsTypeCount> namespaces{};
    std::optional<std::string> container; // Container::key (issue 15)
    friend bool operator==(const Process&, const Process&) = default;
};

struct ScanError
{
    int pid = 0; // 0 when not about one process
    std::string path;
    std::string error; // errno name, e.g. "EACCES", or a short reason
    friend bool operator==(const ScanError&, const ScanError&) = default;
};

struct Snapshot
{
    std::string takenAt; // ISO 8601 UTC, "2026-11-29T05:00:00Z"
    std::string hostname;
    std::string kernel;
    std::uint32_t scannerUid = 0;
    bool complete = true;
    std::vector<ScanError> errors;
    std::vector<Namespace> namespaces; // sorted by (type, inode)
    std::vector<Process> processes;    // sorted by pid
    std::vector<Container> containers; // sorted by key (issue 15)

    // Binary searches over the sorted vectors; nullptr when absent.
    const Namespace* findNamespace(NsType type, std::uint64_t inode) const;
    const Process* findProcess(int pid) const;
    const Container* findContainer(std::string_view key) const;
    friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

// Finds processes by pid when the pids asked ascend (a namespace's members): it walks the
// sorted list forward instead of a binary search per pid, which at 12,000 processes and
// ~100,000 lookups a poll was 5 % of a rescan. A lower pid than the last one starts over from
// the beginning (a malformed offline file), so any order is still found.
class ProcessCursor
{
public:
    explicit ProcessCursor(const std::vector<Process>& processes)
        : m_processes(processes), m_at(processes.begin())
    {}
    const Process* find(int pid);

private:
    const std::vector<Process>& m_processes;
    std::vector<Process>::const_iterator m_at;
};

// Per type, the inode of an initial ("the host's") namespace; nullopt when not known.
using NsInodes = std::array<std::optional<std::uint64_t>, kNsTypeCount>;

// The one notion of "initial namespaces" that every view uses (the charts' "host", the tree's
// non-initial filter and marks, the details). Per type, the first that is known of:
//   1. PID 1's namespace (what a user calls the host);
//   2. kthreadd's (PID 2 with comm "kthreadd" and parent 0): kernel threads always sit in
//      the initial namespaces, and root may read it when PID 1 refuses (a sandbox's init);
//   3. the kernel's fixed inode of the initial namespace (cgroup, ipc, pid, time, user, uts:
//      PROC_*_INIT_INO), when the snapshot lists a namespace with it;
//   4. mnt and net have no fixed inode: the namespace of the type holding the most processes
//      among those owned by the initial user namespace (or of unknown owner) — a guess, for an
//      ordinary user who can read neither PID 1 nor kthreadd.
NsInodes initialNamespaces(const Snapshot& snapshot);

// Whether a process's namespace `inode` of type `type` is one its parent is not in. When the
// parent's is unknown (PID 1 refuses to be read) or there is no parent, the initial namespace
// (above) stands in for it; false when neither is known, rather than a mark we cannot back.
bool differsFromParent(const NsInodes& initial, const Process* parent, NsType type,
                       std::uint64_t inode);

// Sorts namespaces, processes and the pid lists inside namespaces into the contract's order.
void normalize(Snapshot& snapshot);

} // namespace nsx::backend
