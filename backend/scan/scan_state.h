// The state of one scan, shared by the passes, and what a Scanner keeps between scans.
//
// The passes are ScanState's member functions, one file each, run in this order by
// Scanner::scan (scanner.cpp); each reads what the passes before it left here:
//   1. pass_processes.cpp     one walk of the procfs root (process_reader.cpp reads one
//                             process: stat, status, cmdline, ns links, loose threads, held fds)
//   2. pass_oldest_members.cpp  each namespace's oldest member; which cgroup files to read
//   3. pass_mounts.cpp        the mount table of every mount namespace (bind mounts, mount
//                             counts, root) and, on the same threads, the cgroup files
//   4. pass_namespaces.cpp    per namespace, on worker threads (ns_worker.cpp): owner, parent,
//                             owner uid, details; then pid namespaces' init and level, and
//                             the net topology across namespaces (net_topology.cpp)
//   5. pass_launchers.cpp     who started each non-initial namespace
//   6. pass_containers.cpp    what each namespace and process is: its container, sandbox,
//                             app or service by name (the sources: containers/sources.h;
//                             our own launches: containers/own.h)
// Shared by the passes: proc_io.h (reading /proc), fd_registry.h (the scanner's own threads and
// descriptors, never reported). An incremental scan (Scanner::rescan, rescan.cpp) runs the same
// passes: pass 1 reads only marked processes and takes the rest over from the last snapshot;
// the passes after it work on fresh(i) namespaces and take the others over (adoptLasting).
#pragma once

#include "fd_registry.h"
#include "procfs.h"
#include "scanner.h"
#include "snapshot.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace nsx::backend::scan {

using nsfs::UniqueFd;

struct NsKey
{
    NsType type;
    std::uint64_t inode;
    friend bool operator==(const NsKey&, const NsKey&) = default;
};
struct NsKeyHash
{
    std::size_t operator()(const NsKey& k) const noexcept
    {
        return std::hash<std::uint64_t>()(k.inode * 8 + static_cast<std::uint64_t>(k.type));
    }
};

// What a scan may take over from the previous scan of the same Scanner for one process.
//
// Why this is sound: a process's pid namespace (ns/pid names task_active_pid_ns, fixed at
// fork; setns and unshare change only pid_for_children) and its NSpid (its pid numbers, from
// its own pid namespace outwards) never change while the process lives. Everything else —
// uid, comm, state, parent, cmdline, the other namespaces, threads, descriptors — can change
// at any time and is read again in every scan. A memo is used only for the process that has
// the same pid and the same start time (read fresh from stat in this scan): a pid is given
// out again only after the kernel has cycled through all of pid_max, which no system does
// within one clock tick, so (pid, start time) names one process. The memo is rebuilt by
// every scan from the processes it saw, so it holds live processes only (bounded by the
// process count), and it is used only on a real procfs (a fixture tree may be rewritten).
//
// With the NSpid known, /proc/PID/status (the most expensive file of the walk) is needed
// only for the uid, which the pidfd PIDFD_GET_INFO ioctl (Linux 6.13) gives for a fraction
// of the cost. The pidfd is opened after the /proc/PID directory and before stat is read: a
// stat read through that directory proves the process was alive after pidfd_open, so the
// pid had not been reused and the pidfd names the same process.
struct ProcessMemo
{
    int pid = 0;
    std::uint64_t startTime = 0;
    std::optional<std::uint64_t> pidNs;
    std::optional<std::vector<int>> nspid;
};

// The hierarchy facts of one namespace, which a scan may take over from the previous one.
// Sound because they never change while the namespace lives: its owning user namespace and
// a pid or user namespace's parent are fixed at creation and kept alive by it (so their
// inodes cannot be handed out again meanwhile), and so is a user namespace's owner uid. The
// key is the namespace id of NS_GET_ID (Linux 6.18), a 64-bit number the kernel never gives
// out twice — unlike inodes, which a new namespace may reuse. Only answers without an error
// other than the stable EPERM at the top are kept; the map holds the namespaces of the last
// scan only.
struct NsLineage
{
    NsType type = NsType::User;
    std::uint64_t inode = 0;
    std::optional<std::uint64_t> owner, parent;
    std::optional<std::uint32_t> ownerUid;
    bool parentKnown = false;
};

// What the walk found of one process besides its Process record: a thread in another namespace
// than its process, and a descriptor that holds a namespace.
struct LooseThread
{
    NsType type;
    std::uint64_t inode;
    int pid, tid;
};
struct HeldFd
{
    NsType type;
    std::uint64_t inode;
    int pid, fd;
};

// A descriptor a process holds on /dev/net/tun (found by the fd walk).
struct TunFd
{
    int pid, fd;
};

// What the next incremental scan (Scanner::rescan) takes over from the last scan for the
// processes it does not read again, and for the namespaces it does not describe again. Each
// list is the last scan's, sorted by pid; replaced by every scan.
struct RescanBase
{
    std::vector<LooseThread> loose;
    std::vector<HeldFd> fds;
    std::vector<TunFd> tunFds;
    std::vector<ScanError> walkErrors;                      // about one process's files (pid > 0)
    std::vector<ScanError> passErrors;                      // of the passes after the walk
    std::unordered_map<NsKey, bool, NsKeyHash> parentKnown; // NsExtra::parentKnown, when true
    std::uint64_t nsfsDev = 0;
    bool valid = false; // a scan filled it
};

// Caches that live across scans of one Scanner.
struct ScanCache
{
    RescanBase base;
    std::string buf;
    std::vector<char> dirBuf;
    std::vector<ProcessMemo> memo; // from the last scan, sorted by pid
    int pidfdInfo = -1;            // PIDFD_GET_INFO works: -1 not probed yet, 0 no, 1 yes
    std::unordered_map<std::uint64_t, NsLineage> lineage;      // by NS_GET_ID, from the last scan
    std::unordered_map<std::uint64_t, std::uint64_t> pidNsIds; // pid namespace inode -> its id
    std::unordered_map<std::uint32_t, std::optional<std::string>> userCache;
    // The mount API (listmount/statmount on other mount namespaces, Linux 6.11): -1 not
    // probed yet, 0 not there, 1 there. What never changes for a mount (mount_api.h), by its
    // unique id, from the last scan: whether it is an nsfs mount.
    int mountApi = -1;
    std::unordered_map<std::uint64_t, bool> mountIsNsfs;
    // The root of each cgroup namespace, by NS_GET_ID, from the last scan. Sound because a
    // cgroup namespace's root cgroup is fixed when it is made, and cgroup v2 directories
    // cannot be renamed, so its path as the scanner sees it never changes; a root is kept only
    // when the member it was worked out from stayed in its cgroup meanwhile (finishHierarchy).
    std::unordered_map<std::uint64_t, std::string> cgroupRoots;
    std::uint64_t cgroupRootsView = 0; // the scanner's own cgroup namespace they are seen from
    // Files the container sources could not use, reported once each (pass_containers.cpp).
    std::unordered_map<std::string, bool> containerProblems;
    // The NSIDs net namespaces give each other, by the NS_GET_ID of the one giving them: NSID ->
    // the NS_GET_ID of the one named, from the last scan. Sound while the one named lives: the
    // kernel never changes or reassigns an NSID before that namespace (or the giver) is gone
    // (RTM_NEWNSID refuses one already given), and an id names one namespace for the system's
    // life; so an entry is used only when the namespace it names is in this scan too.
    std::unordered_map<std::uint64_t, std::vector<std::pair<std::int32_t, std::uint64_t>>> nsids;

    const std::optional<std::string>& userName(std::uint32_t uid);
};

// A way to open a namespace, relative to the procfs root. Paths are built only when a
// namespace is opened, so the walk does not allocate one per process and type.
struct OpenCandidate
{
    enum class Kind : std::uint8_t
    {
        Member,
        Thread,
        Fd,
        Mount
    };
    Kind kind = Kind::Member;
    int pid = 0;
    int id = 0;             // Thread: tid; Fd: descriptor
    std::string mountPoint; // Mount: as the mount namespace of pid sees it

    std::string rel(NsType type) const
    {
        std::string r = std::to_string(pid);
        switch (kind) {
        case Kind::Member:
            r += "/ns/";
            r += toString(type);
            break;
        case Kind::Thread:
            r += "/task/" + std::to_string(id) + "/ns/";
            r += toString(type);
            break;
        case Kind::Fd:
            r += "/fd/" + std::to_string(id);
            break;
        case Kind::Mount:
            r += "/root" + mountPoint;
            break;
        }
        return r;
    }
    // Bind mounts and fds may have been replaced by any file since they were read: open
    // them with O_PATH first and check they are still the namespace before really opening.
    bool verifyFirst() const { return kind == Kind::Fd || kind == Kind::Mount; }
};

// Scan-local facts about one namespace that the snapshot does not carry.
struct NsExtra
{
    std::vector<OpenCandidate> candidates;   // a few members first, then threads and references
    int oldestPid = 0;                       // oldest member process by start time
    std::optional<std::string> oldestCgroup; // its 0:: cgroup path, read from the scanner
    bool parentKnown = false;          // NS_GET_PARENT answered: a parent, or EPERM at the top
    bool lastingMember = false;        // a member process the last scan saw too (ProcessMemo)
    std::optional<std::uint64_t> nsId; // NS_GET_ID, when the mount pass opened it
};

constexpr std::size_t kMaxMemberCandidates = 3;
constexpr std::size_t kMaxOtherCandidates = 3;

// NS_GET_ID (Linux 6.18): the namespace's id, never reused while the system runs.
std::optional<std::uint64_t> nsIdOf(int nsFd);

// What the passes keep to themselves (defined in their files).
struct WalkOutput;
struct WalkBuffers;
struct MountTable;
struct WorkerOutput;

// Everything one scan needs besides the snapshot itself.
struct ScanState
{
    const ScanOptions& options;
    ScanCache& cache; // what this Scanner keeps between scans
    Snapshot snap;
    int procFd = -1;
    int selfPid = 0; // the scanner's pid as the procfs root numbers it (0: not in it)
    std::uint64_t nsfsDev = 0;
    std::unordered_map<NsKey, std::size_t, NsKeyHash> nsIndex;
    std::vector<NsExtra> extra; // parallel to snap.namespaces
    bool memoOn = false;        // procRoot is a real procfs: ProcessMemo applies
    // An incremental scan (Scanner::rescan, see rescan.cpp): the last snapshot, the pids read
    // again (sorted), and per namespace whether it must be described afresh (`fresh`: the last
    // scan did not have it, or none of what holds it now was held over) and whether what holds
    // it changed (`regrouped`: its launcher is worked out again). Namespaces added after the
    // walk (bind-mount targets, owners, parents) count as fresh. A full scan has prev == null
    // and treats every namespace as fresh.
    const Snapshot* prev = nullptr;
    std::vector<int> reread;
    std::vector<char> lasting, regroupedFlags;
    std::vector<std::size_t> nsJobs; // the namespaces pass 4 describes
    std::size_t walkErrorCount = 0;  // snap.errors[0, walkErrorCount) are the walk's
    // What the walk found besides the processes, in pid order: the next rescan's base.
    std::vector<LooseThread> walkLoose;
    std::vector<HeldFd> walkFds;
    std::vector<ScanError> walkErrors;
    bool fresh(std::size_t i) const { return !prev || i >= lasting.size() || !lasting[i]; }
    bool regrouped(std::size_t i) const
    {
        return !prev || i >= regroupedFlags.size() || regroupedFlags[i];
    }
    // This Scanner scanned before and kept what lasts (lineage by namespace id, mounts by id):
    // only then do the ids the mount pass looks up pay for themselves. A first scan (every
    // nsexplorer-cli command) reads each mount table as one mountinfo text and leaves the
    // cgroup namespaces' ids to the worker that opens them anyway — on this VM ~6,000 fewer
    // syscalls at the 200x5 load (issue 17).
    bool warm() const { return !cache.lineage.empty(); }
    bool pidfdOn = false;       // ...of our own pid namespace, and PIDFD_GET_INFO works
    std::uint64_t ownPidNs = 0; // with pidfdOn: the inode of that pid namespace

    // Found with the oldest members (pass 2) for the passes after it.
    std::vector<int> launcherCgroups; // oldest members whose cgroup findLaunchers will read
    std::unordered_map<int, std::optional<std::string>> cgroupCache;
    std::vector<std::size_t> cgroupJobs; // cgroup namespaces whose oldest member's cgroup to read
    std::vector<std::pair<std::uint64_t, std::string>> cgroupRootsSeen; // the next scan's memo
    std::vector<TunFd> tunFds; // found by the walk, for the TUN/TAP servers (net_topology.cpp)

    const ProcessMemo* memoOf(int pid) const
    {
        if (!memoOn)
            return nullptr;
        auto it = std::lower_bound(cache.memo.begin(), cache.memo.end(), pid,
                                   [](const ProcessMemo& m, int k) { return m.pid < k; });
        return it != cache.memo.end() && it->pid == pid ? &*it : nullptr;
    }

    ScanState(const ScanOptions& o, ScanCache& kept) : options(o), cache(kept) {}

    std::string fullPath(std::string_view rel) const
    {
        std::string s = options.procRoot;
        if (s.empty() || s.back() != '/')
            s.push_back('/');
        s.append(rel);
        return s;
    }

    void error(int pid, std::string_view rel, int err)
    {
        snap.errors.push_back({pid, fullPath(rel), procfs::errnoName(err)});
    }
    void error(int pid, std::string_view rel, std::string reason)
    {
        snap.errors.push_back({pid, fullPath(rel), std::move(reason)});
    }

    std::size_t nsAt(NsType type, std::uint64_t inode)
    {
        auto [it, added] = nsIndex.try_emplace(NsKey{type, inode}, snap.namespaces.size());
        if (added) {
            Namespace n;
            n.type = type;
            n.inode = inode;
            snap.namespaces.push_back(std::move(n));
            extra.emplace_back();
        }
        return it->second;
    }
    bool known(NsType type, std::uint64_t inode) const
    {
        return nsIndex.count(NsKey{type, inode}) != 0;
    }
    const Process* process(int pid) const
    {
        // Processes are appended in ascending pid order, so the vector is sorted already.
        auto it = std::lower_bound(snap.processes.begin(), snap.processes.end(), pid,
                                   [](const Process& pr, int k) { return pr.pid < k; });
        return it != snap.processes.end() && it->pid == pid ? &*it : nullptr;
    }

    // Opens namespace i through one of its candidates, checking it is still that namespace.
    RegisteredFd openNamespace(std::size_t i, int& lastErr, const OpenCandidate*& used) const;

    // 1. pass_processes.cpp, process_reader.cpp; rescan.cpp when incremental
    void walkProcesses();
    void readSelfPid();
    void walkMarked();
    void adoptLasting();
    void adoptNamed(std::size_t i);
    void finishRescan();
    void keepForRescan();
    void checkMemo();
    void mergeChunk(WalkOutput& chunk);
    void findNsfsDev();
    void scanProcess(int pid, WalkOutput& out, WalkBuffers& b) const;
    void readIdentity(int dfd, int pidfd, Process& proc, WalkOutput& out, WalkBuffers& b) const;
    void scanThreads(int dirFd, const Process& proc, WalkOutput& out, WalkBuffers& b) const;
    void scanFds(int dirFd, int pid, WalkOutput& out, WalkBuffers& b) const;

    // 2. pass_oldest_members.cpp
    void findOldestMembers();

    // 3. pass_mounts.cpp
    void readMountTables();
    bool mountApiOn();
    bool mountTableByApi(std::size_t mi, MountTable& t, std::vector<std::uint64_t>& ids,
                         std::vector<char>& statBuf) const;

    // 4. pass_namespaces.cpp, ns_worker.cpp
    void describeNamespaces();
    void runWorkers();
    std::vector<WorkerOutput> runJobs(); // describes the namespaces of nsJobs
    void finishHierarchy(std::vector<WorkerOutput>& outputs);
    void pidDetails();
    // net_topology.cpp: the other ends of links in other namespaces, TUN/TAP servers.
    void resolveNetLinks(std::vector<WorkerOutput>& outputs);
    std::vector<std::size_t> netPeersToReread() const;
    void findTunServers();

    // 5. pass_launchers.cpp
    void findLaunchers();
    const Process* launcherOutside(const Namespace& ns, const Process& oldest) const;
    const std::optional<std::string>& cgroupOf(int pid);
    bool orphanedUnderInit(const Process& oldest, const Process& outside);

    // 6. pass_containers.cpp
    void identifyContainers();
};

} // namespace nsx::backend::scan
