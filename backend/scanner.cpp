// The scanner runs its passes in a fixed order (see Scanner::scan):
//   1. processes   — one walk of the procfs root: stat, status, cmdline, ns links
//   2. threads     — task/TID/ns of multi-threaded processes, for loose threads
//   3. fds         — /proc/PID/fd, for namespaces held by descriptors
//   4. mounts      — the mount table of every mount namespace (listmount/statmount, else a
//                    member's mountinfo): nsfs bind mounts, mount counts and the root mount;
//                    with it, on the same threads, each cgroup namespace's id and (unless
//                    the last scan knew its root) its oldest member's cgroup file
//   5. hierarchy + details — per namespace, on worker threads (some setns into it)
//   6. launcher    — who started each non-initial namespace
// Every namespace is opened at most once per scan, except mount and cgroup namespaces, which the
// mount pass opens for their id and a worker opens again when the last scan did not describe
// them; every process directory is opened once.
// A Scanner reused for the next scan takes over only what cannot have changed (ProcessMemo:
// a process's pid namespace and NSpid; NsLineage: a namespace's owner, parent and owner uid;
// ScanCache: a mount's filesystem and root, a cgroup namespace's root) and reads everything
// else again; a new Scanner reads everything.
#include "scanner.h"

#include "details.h"
#include "launcher.h"
#include "mount_api.h"
#include "nsfs.h"
#include "procfs.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <functional>
#include <iterator>
#include <linux/magic.h>
#include <mutex>
#include <pwd.h>
#include <shared_mutex>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <system_error>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <unordered_map>

namespace nsx::backend {

namespace {

using nsfs::UniqueFd;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

bool vanished(int err)
{
    return err == ENOENT || err == ESRCH;
}

// Reads a whole (proc) file relative to dirFd into buf; returns 0 or an errno.
// singleRecord: the file is generated in one piece (stat, status, cmdline, cgroup), so a short
// read is its end and the read that would return 0 can be saved. Not so for multi-record
// seq_files like mountinfo or uid_map, which may return less than asked before the end.
int readFileAt(int dirFd, const char* path, std::string& buf, bool singleRecord = false)
{
    int fd = ::openat(dirFd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno;
    buf.clear();
    std::size_t used = 0;
    if (buf.capacity() < 4096)
        buf.reserve(4096);
    int err = 0;
    while (true) {
        if (buf.capacity() - used < 1024)
            buf.reserve(buf.capacity() * 2);
        buf.resize(buf.capacity());
        ssize_t n = ::read(fd, buf.data() + used, buf.size() - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        if (n == 0)
            break;
        used += static_cast<std::size_t>(n);
        if (singleRecord && used < buf.size())
            break;
    }
    buf.resize(used);
    ::close(fd);
    return err;
}

// Lists the entries of a directory fd (getdents64 on a reused buffer), skipping dot entries.
template <typename F> int forEachDirEntry(int dirFd, std::vector<char>& buf, F&& f)
{
    // Callers pass freshly opened directories: no rewind needed.
    if (buf.size() < 32768)
        buf.resize(32768);
    while (true) {
        long n = ::syscall(SYS_getdents64, dirFd, buf.data(), buf.size());
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        for (long off = 0; off < n;) {
            struct Dirent64
            {
                ino64_t d_ino;
                off64_t d_off;
                unsigned short d_reclen;
                unsigned char d_type;
                char d_name[];
            };
            auto* d = reinterpret_cast<Dirent64*>(buf.data() + off);
            off += d->d_reclen;
            const char* name = d->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            f(std::string_view(name));
        }
    }
}

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

std::string isoNow()
{
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

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

} // namespace

// Caches that live across scans of one Scanner.
struct ScanCache
{
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

    const std::optional<std::string>& userName(std::uint32_t uid)
    {
        auto it = userCache.find(uid);
        if (it != userCache.end())
            return it->second;
        std::optional<std::string> name;
        struct passwd pw;
        struct passwd* result = nullptr;
        std::vector<char> scratch(4096);
        while (true) {
            int rc = ::getpwuid_r(uid, &pw, scratch.data(), scratch.size(), &result);
            if (rc == ERANGE && scratch.size() < (1u << 20)) {
                scratch.resize(scratch.size() * 2);
                continue;
            }
            break;
        }
        if (result)
            name = std::string(result->pw_name);
        return userCache.emplace(uid, std::move(name)).first->second;
    }
};

namespace {

// Threads and descriptors of scanners running in this process right now, so that a scan
// never reports another scan's helper threads or namespace fds as members or references.
std::mutex g_registryMutex;
std::vector<pid_t> g_helperTids;
std::vector<int> g_helperFds;

template <typename T> void registryAdd(std::vector<T>& v, T x)
{
    std::lock_guard lock(g_registryMutex);
    v.push_back(x);
}
template <typename T> void registryRemove(std::vector<T>& v, T x)
{
    std::lock_guard lock(g_registryMutex);
    if (auto it = std::find(v.begin(), v.end(), x); it != v.end()) {
        *it = v.back();
        v.pop_back();
    }
}
template <typename T> bool registryHas(const std::vector<T>& v, T x)
{
    std::lock_guard lock(g_registryMutex);
    return std::find(v.begin(), v.end(), x) != v.end();
}

// Our own descriptors on namespaces come and go while a scan running at the same time may
// list this process's descriptors. Making or closing one and (un)registering it happen under
// the shared side of this gate, and listing our own fd directory under the exclusive side,
// so that a listing never meets one of ours unregistered. Order: gate, then registry mutex.
std::shared_mutex g_fdGate;

// A descriptor of ours that refers to a namespace, registered for as long as it is open so
// that a scan running at the same time does not report it as an fd reference.
class HelperFd
{
public:
    HelperFd() = default;
    // make() returns a new descriptor or -1 (and leaves errno alone).
    template <typename Make> explicit HelperFd(Make&& make)
    {
        std::shared_lock gate(g_fdGate);
        m_fd = UniqueFd(make());
        if (m_fd) {
            const int saved = errno;
            registryAdd(g_helperFds, m_fd.get());
            errno = saved;
        }
    }
    ~HelperFd() { reset(); }
    HelperFd(HelperFd&&) noexcept = default; // the registry entry goes with the descriptor
    HelperFd& operator=(HelperFd&& o) noexcept
    {
        if (this != &o) {
            reset();
            m_fd = std::move(o.m_fd);
        }
        return *this;
    }
    int get() const { return m_fd.get(); }
    explicit operator bool() const { return static_cast<bool>(m_fd); }
    // Unregistered and closed under the gate, so that no listing meets the number between.
    void reset()
    {
        if (!m_fd)
            return;
        std::shared_lock gate(g_fdGate);
        registryRemove(g_helperFds, m_fd.get());
        m_fd.reset();
    }

private:
    UniqueFd m_fd;
};

// Runs an nsfs call that answers with a new descriptor as a HelperFd; err gets its errno.
template <typename Call> HelperFd helperFdFrom(Call&& call, int& err)
{
    return HelperFd([&] {
        auto r = call();
        err = r.error;
        return r ? r.value->release() : -1;
    });
}

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

// A namespace a worker met only as the owner or parent of another one.
struct Discovered
{
    NsType type = NsType::User;
    std::uint64_t inode = 0;
    std::optional<std::uint64_t> owner, parent;
    std::optional<std::uint32_t> ownerUid;
    std::optional<std::uint64_t> id; // NS_GET_ID
    bool parentKnown = false;
};

struct WorkerOutput
{
    std::vector<ScanError> errors;
    std::vector<Discovered> discovered;
    std::vector<std::pair<std::uint64_t, NsLineage>> lineage; // for the next scan
    struct CgroupRoot                                         // computed now, for the next scan
    {
        std::uint64_t id;
        std::string root;
        std::size_t ns;
    };
    std::vector<CgroupRoot> cgroupRoots;
    pid_t strandedTid = 0; // a worker that could not go back to its namespaces
};

// NS_GET_ID (Linux 6.18): the namespace's id, never reused while the system runs.
std::optional<std::uint64_t> nsIdOf(int nsFd)
{
    std::uint64_t id = 0;
    if (::ioctl(nsFd, _IOR(0xb7, 0xd, std::uint64_t), &id) != 0 || id == 0)
        return std::nullopt;
    return id;
}

// What the walk found in one chunk of pids; chunks are merged in pid order.
struct WalkOutput
{
    std::vector<Process> processes;
    std::vector<ScanError> errors;
    struct Loose // a thread in another namespace than its process
    {
        NsType type;
        std::uint64_t inode;
        int pid, tid;
    };
    std::vector<Loose> loose;
    struct HeldFd
    {
        NsType type;
        std::uint64_t inode;
        int pid, fd;
    };
    std::vector<HeldFd> fds;
    std::vector<ProcessMemo> memo; // for the next scan
    std::vector<char> lasting;     // per process: the last scan saw it (its memo matched)
};

// One mount namespace's table, as the mount pass read it.
struct MountTable
{
    int from = 0;    // the member it was read from (0: none answered)
    int lastErr = 0; // mountinfo: the last refusal
    procfs::MountSummary sum;
    std::optional<std::uint64_t> nsId;                // mount API: NS_GET_ID
    std::vector<std::pair<std::uint64_t, bool>> seen; // mount API: mount id, nsfs
};

// Scratch space of one walking thread.
struct WalkBuffers
{
    std::string buf;
    std::vector<char> dirBuf;
};

// Threads for the walk and for the per-namespace work: as asked, else the cores there are,
// up to 4.
std::size_t workerCount(unsigned parallelism)
{
    if (parallelism)
        return std::min<std::size_t>(parallelism, 64);
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Runs fn(i, scratch) for i in [0, n) on the calling thread and up to threads - 1 more,
// each with its own scratch buffer. Only for work that needs no setns.
template <typename F>
void parallelFor(std::size_t threadCount, std::size_t n, F&& fn, std::size_t minPerThread = 16)
{
    std::atomic<std::size_t> next{0};
    auto run = [&] {
        std::string scratch;
        for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1))
            fn(i, scratch);
    };
    const std::size_t helpers = std::min(threadCount - 1, n / minPerThread);
    std::vector<std::thread> threads;
    threads.reserve(helpers);
    try {
        for (std::size_t k = 0; k < helpers; ++k)
            threads.emplace_back(run);
    } catch (const std::system_error&) {
        // Out of threads: the calling thread does the rest.
    }
    run();
    for (std::thread& t : threads)
        t.join();
}

} // namespace

// Everything one scan needs besides the snapshot itself.
struct ScanState
{
    const ScanOptions& options;
    ScanCache& p;
    Snapshot snap;
    int procFd = -1;
    int selfPid = 0; // the scanner's pid as the procfs root numbers it (0: not in it)
    std::uint64_t nsfsDev = 0;
    std::unordered_map<NsKey, std::size_t, NsKeyHash> nsIndex;
    std::vector<NsExtra> extra; // parallel to snap.namespaces
    bool memoOn = false;        // procRoot is a real procfs: ProcessMemo applies
    bool pidfdOn = false;       // ...of our own pid namespace, and PIDFD_GET_INFO works
    std::uint64_t ownPidNs = 0; // with pidfdOn: the inode of that pid namespace

    const ProcessMemo* memoOf(int pid) const
    {
        if (!memoOn)
            return nullptr;
        auto it = std::lower_bound(p.memo.begin(), p.memo.end(), pid,
                                   [](const ProcessMemo& m, int k) { return m.pid < k; });
        return it != p.memo.end() && it->pid == pid ? &*it : nullptr;
    }

    ScanState(const ScanOptions& o, ScanCache& priv) : options(o), p(priv) {}

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

    void scanProcess(int pid, WalkOutput& out, WalkBuffers& b) const;
    void scanThreads(int dirFd, const Process& proc, WalkOutput& out, WalkBuffers& b) const;
    void readIdentity(int dfd, int pidfd, Process& proc, WalkOutput& out, WalkBuffers& b) const;
    void scanFds(int dirFd, int pid, WalkOutput& out, WalkBuffers& b) const;
    void walkProcesses();
    void checkMemo();
    void mergeChunk(WalkOutput& chunk);
    void findNsfsDev();
    bool mountApiOn();
    bool mountTableByApi(std::size_t mi, MountTable& t, std::vector<std::uint64_t>& ids,
                         std::vector<char>& statBuf) const;
    void scanMounts();
    void prepareLaunchers();
    const std::optional<std::string>& cgroupOf(int pid);
    const Process* launcherOutside(const Namespace& ns, const Process& oldest) const;
    std::vector<int> launcherCgroups; // oldest members whose cgroup launchers() will read
    std::unordered_map<int, std::optional<std::string>> cgroupCache;
    std::vector<std::size_t> cgroupJobs; // cgroup namespaces whose oldest member's cgroup to read
    std::vector<std::pair<std::uint64_t, std::string>> cgroupRootsSeen; // the next scan's memo
    void runWorkers();
    void worker(std::atomic<std::size_t>& next, WorkerOutput& out);
    const NsLineage* lineageFor(std::uint64_t id, const Namespace& ns) const;
    void takeLineage(std::uint64_t id, const NsLineage& l, Namespace& ns, NsExtra& ex,
                     WorkerOutput& out) const;
    void fileDetails(Namespace& ns, std::string& buf) const;
    void finishHierarchy(std::vector<WorkerOutput>& outputs);
    void pidDetails();
    void launchers();
};

namespace {
// Error paths are built only when something failed.
ScanError walkError(const std::string& root, int pid, std::string_view rel, std::string what)
{
    std::string path = root;
    if (path.empty() || path.back() != '/')
        path.push_back('/');
    path += std::to_string(pid);
    if (!rel.empty()) {
        path.push_back('/');
        path.append(rel);
    }
    return {pid, std::move(path), std::move(what)};
}
constexpr unsigned kPfKthread = 0x00200000; // PF_KTHREAD in the flags field of stat

// PIDFD_GET_INFO (Linux 6.13, <linux/pidfd.h> of newer kernels): the first version of
// struct pidfd_info; the kernel accepts any size from this one up.
struct PidfdInfo
{
    std::uint64_t mask;
    std::uint64_t cgroupid;
    std::uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
    std::uint32_t spare0[1];
};
static_assert(sizeof(PidfdInfo) == 64);
constexpr unsigned long kPidfdGetInfo = _IOWR(0xFF, 11, PidfdInfo);
constexpr std::uint64_t kPidfdInfoCreds = 1u << 1;
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

int pidfdOpen(int pid)
{
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

// The effective uid of the process behind pidfd, as our user namespace sees it (like the
// Uid line of status, which is read with the scanner's credentials too).
std::optional<std::uint32_t> pidfdEuid(int pidfd)
{
    PidfdInfo info{};
    info.mask = kPidfdInfoCreds;
    if (::ioctl(pidfd, kPidfdGetInfo, &info) != 0 || !(info.mask & kPidfdInfoCreds))
        return std::nullopt;
    return info.euid;
}
} // namespace

void ScanState::scanProcess(int pid, WalkOutput& out, WalkBuffers& b) const
{
    auto fail = [&](std::string_view rel, int err) {
        out.errors.push_back(walkError(options.procRoot, pid, rel, procfs::errnoName(err)));
    };
    auto failWhy = [&](std::string_view rel, const char* why) {
        out.errors.push_back(walkError(options.procRoot, pid, rel, why));
    };
    char rel[16];
    *std::to_chars(rel, rel + sizeof rel - 1, pid).ptr = 0;
    // O_PATH: the directory is only a base for openat/readlinkat, which is much cheaper
    // than opening it for reading.
    int dfd = ::openat(procFd, rel, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        if (!vanished(errno))
            fail("", errno);
        return;
    }
    UniqueFd dir(dfd);

    Process proc;
    proc.pid = pid;
    char link[128];
    char nsRel[32];
    // One ns link into proc: 0, an errno, or -1 when it does not parse as one of this type.
    auto readNsLink = [&](NsType t) {
        const std::string_view name = toString(t);
        std::memcpy(nsRel, "ns/", 3); // not snprintf: this runs seven times per process
        std::memcpy(nsRel + 3, name.data(), name.size());
        nsRel[3 + name.size()] = 0;
        ssize_t n = ::readlinkat(dfd, nsRel, link, sizeof link);
        if (n < 0)
            return errno;
        auto ns = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
        if (!ns || ns->type != t)
            return -1;
        proc.namespaces[index(t)] = ns->inode;
        return 0;
    };

    // Before stat: see ProcessMemo for why this order makes the pidfd safe. Also for a process
    // the last scan did not see, when it is in our own pid namespace (its link, read first):
    // there its NSpid is its pid alone, and the pidfd gives the uid without a status read.
    const ProcessMemo* memo = memoOf(pid);
    const bool earlyPidLink = pidfdOn && !memo;
    const int earlyPidErr = earlyPidLink ? readNsLink(NsType::Pid) : 0;
    UniqueFd pidfd(pidfdOn && (memo ? memo->nspid.has_value()
                                    : proc.namespaces[index(NsType::Pid)] == ownPidNs)
                       ? pidfdOpen(pid)
                       : -1);

    int err = readFileAt(dfd, "stat", b.buf, true);
    if (err) {
        // A process that is gone between readdir and open is normal, not an error.
        if (!vanished(err))
            fail("stat", err);
        return;
    }
    int numThreads = 1;
    bool kernelThread = false;
    bool statComplete = false;
    if (b.buf.empty()) {
        failWhy("stat", "empty");
    } else if (auto st = procfs::parseStat(b.buf)) {
        proc.comm = std::move(st->comm);
        proc.state = st->state;
        proc.ppid = st->ppid;
        proc.startTime = st->startTime;
        numThreads = st->numThreads;
        kernelThread = (st->flags & kPfKthread) != 0;
        statComplete = st->complete();
        if (!statComplete)
            failWhy("stat", "truncated");
    } else {
        failWhy("stat", "malformed");
    }
    if (memo && (!statComplete || memo->startTime != proc.startTime))
        memo = nullptr; // another process under a reused pid

    if (kernelThread) {
        // Kernel threads have no user memory, no descriptors and no other identity than
        // root in the initial pid namespace: skip the reads that would say just that.
        proc.uid = 0;
        proc.nspid = std::vector<int>{pid};
        pidfd.reset();
    } else {
        if (memo && memo->nspid && pidfd) {
            if (auto uid = pidfdEuid(pidfd.get())) {
                proc.uid = uid;
                proc.nspid = memo->nspid;
            }
        }
        err = readFileAt(dfd, "cmdline", b.buf, true);
        if (!err)
            proc.cmdline = procfs::parseCmdline(b.buf);
        else if (!vanished(err))
            fail("cmdline", err);
    }

    bool anyLink = false;
    for (NsType t : kAllNsTypes) {
        // The pid namespace never changes (ProcessMemo); take it over when this scan could
        // read another link of the process (the same access check), else read it for the
        // same refusal a first scan would list.
        if (t == NsType::Pid && memo && memo->pidNs && anyLink) {
            proc.namespaces[index(t)] = memo->pidNs;
            continue;
        }
        const int r = t == NsType::Pid && earlyPidLink ? earlyPidErr : readNsLink(t);
        if (r == 0) {
            anyLink = true;
            continue;
        }
        char rel[32];
        std::snprintf(rel, sizeof rel, "ns/%s", toString(t).data());
        if (r < 0)
            failWhy(rel, "malformed");
        else if (!vanished(r)) // ENOENT: a zombie (no namespaces left) or a kernel without it
            fail(rel, r);
    }
    if (!kernelThread && !proc.uid)
        readIdentity(dfd, pidfd.get(), proc, out, b);
    pidfd.reset();
    if (memoOn && statComplete)
        out.memo.push_back({pid, proc.startTime, proc.namespaces[index(NsType::Pid)],
                            kernelThread ? std::nullopt : proc.nspid}); // none read: no pidfd

    // A process whose own links were refused refuses its threads' links too: skip them
    // rather than listing the same refusal once per thread.
    bool anyNs = std::any_of(proc.namespaces.begin(), proc.namespaces.end(),
                             [](const auto& inode) { return inode.has_value(); });
    if (options.threads && numThreads > 1 && anyNs)
        scanThreads(dfd, proc, out, b);
    if (options.fds && !kernelThread)
        scanFds(dfd, pid, out, b);
    out.lasting.push_back(memo != nullptr);
    out.processes.push_back(std::move(proc));
}

// uid and NSpid of a process the memo did not know. In our own pid namespace (its link read
// just now) the NSpid is the pid alone and the pidfd has the uid; elsewhere, or without a
// pidfd, both come from status.
void ScanState::readIdentity(int dfd, int pidfd, Process& proc, WalkOutput& out,
                             WalkBuffers& b) const
{
    const auto& pidNs = proc.namespaces[index(NsType::Pid)];
    if (pidfd >= 0 && ownPidNs && pidNs == ownPidNs)
        if (auto uid = pidfdEuid(pidfd)) {
            proc.uid = uid;
            proc.nspid = std::vector<int>{proc.pid};
            return;
        }
    std::string& buf = b.buf;
    const int err = readFileAt(dfd, "status", buf, true);
    if (!err) {
        procfs::StatusInfo status = procfs::parseStatus(buf);
        proc.uid = status.effectiveUid ? status.effectiveUid : status.realUid;
        proc.nspid = std::move(status.nspid);
        if (!proc.uid)
            out.errors.push_back(walkError(options.procRoot, proc.pid, "status",
                                           buf.empty() ? "empty" : "malformed"));
    } else if (!vanished(err)) {
        out.errors.push_back(
            walkError(options.procRoot, proc.pid, "status", procfs::errnoName(err)));
    }
    if (!proc.uid) {
        // The owner of /proc/PID is the process's effective uid (root when not dumpable).
        struct stat st;
        if (::fstat(dfd, &st) == 0)
            proc.uid = st.st_uid;
    }
}

void ScanState::scanThreads(int dirFd, const Process& proc, WalkOutput& out, WalkBuffers& b) const
{
    UniqueFd taskDir(::openat(dirFd, "task", kDirFlags));
    if (!taskDir) {
        if (!vanished(errno))
            out.errors.push_back(
                walkError(options.procRoot, proc.pid, "task", procfs::errnoName(errno)));
        return;
    }
    std::vector<int> tids;
    forEachDirEntry(taskDir.get(), b.dirBuf, [&](std::string_view name) {
        if (auto tid = procfs::parsePid(name); tid && *tid != proc.pid)
            tids.push_back(*tid);
    });
    char rel[64];
    char link[128];
    for (int tid : tids) {
        if (proc.pid == selfPid && registryHas(g_helperTids, static_cast<pid_t>(tid)))
            continue;
        for (NsType t : kAllNsTypes) {
            std::snprintf(rel, sizeof rel, "%d/ns/%s", tid, toString(t).data());
            ssize_t n = ::readlinkat(taskDir.get(), rel, link, sizeof link);
            if (n < 0) {
                if (!vanished(errno))
                    out.errors.push_back(walkError(options.procRoot, proc.pid,
                                                   std::string("task/") + rel,
                                                   procfs::errnoName(errno)));
                continue;
            }
            auto ns = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
            if (!ns || ns->type != t || ns->inode == proc.namespaces[index(t)])
                continue;
            out.loose.push_back({t, ns->inode, proc.pid, tid});
        }
    }
}

void ScanState::scanFds(int dirFd, int pid, WalkOutput& out, WalkBuffers& b) const
{
    // Our own directory: no scan in this process may make or close a namespace fd meanwhile.
    std::unique_lock<std::shared_mutex> gate;
    if (pid == selfPid)
        gate = std::unique_lock(g_fdGate);
    UniqueFd fdDir(::openat(dirFd, "fd", kDirFlags));
    if (!fdDir) {
        if (!vanished(errno))
            out.errors.push_back(walkError(options.procRoot, pid, "fd", procfs::errnoName(errno)));
        return;
    }
    char link[128];
    forEachDirEntry(fdDir.get(), b.dirBuf, [&](std::string_view name) {
        char fdName[16];
        if (name.size() >= sizeof fdName)
            return;
        std::memcpy(fdName, name.data(), name.size());
        fdName[name.size()] = 0;
        ssize_t n = ::readlinkat(fdDir.get(), fdName, link, sizeof link);
        // Most descriptors are files ("/…"), sockets or anon inodes, whose first letters no
        // namespace type has: skip them before parsing ("pipe:" must be parsed: "pid:").
        if (n < 6 || link[0] == '/' || link[0] == 's' || link[0] == 'a')
            return;
        auto ns = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
        if (!ns)
            return;
        int fd = name == "0" ? 0 : procfs::parsePid(name).value_or(-1);
        if (fd < 0)
            return;
        if (pid == selfPid && registryHas(g_helperFds, fd))
            return;
        out.fds.push_back({ns->type, ns->inode, pid, fd});
    });
}

void ScanState::walkProcesses()
{
    char self[32];
    ssize_t n = ::readlinkat(procFd, "self", self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        selfPid = procfs::parsePid(self).value_or(0);
    }
    std::vector<int> pids;
    int err = forEachDirEntry(procFd, p.dirBuf, [&](std::string_view name) {
        if (auto pid = procfs::parsePid(name))
            pids.push_back(*pid);
    });
    if (err)
        error(0, "", err);
    std::sort(pids.begin(), pids.end());
    checkMemo();

    // The walk is nearly all system calls on independent pid directories: split it into
    // chunks taken by a few threads, and merge the chunks in pid order. Small chunks (about
    // a millisecond of work) keep the threads finishing together.
    constexpr std::size_t kChunk = 16;
    const std::size_t chunks = (pids.size() + kChunk - 1) / kChunk;
    std::vector<WalkOutput> outputs(chunks);
    std::vector<std::atomic<bool>> walked(chunks);
    std::atomic<std::size_t> next{0};
    // The calling thread merges the chunks walked so far, in order, between its own chunks:
    // the merge (all in user space) then overlaps the walk instead of following it. The
    // memo the walk reads stays as it is until the walk is over.
    std::size_t merged = 0;
    std::vector<ProcessMemo> memo;
    memo.reserve(pids.size());
    snap.processes.reserve(pids.size());
    auto mergeWalked = [&](bool all) {
        for (; merged < chunks && (all || walked[merged].load(std::memory_order_acquire));
             ++merged) {
            WalkOutput& o = outputs[merged];
            std::move(o.memo.begin(), o.memo.end(), std::back_inserter(memo));
            mergeChunk(o);
            o = {};
        }
    };
    auto work = [&](WalkBuffers& b, bool merging) {
        for (std::size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
            const std::size_t end = std::min(pids.size(), (c + 1) * kChunk);
            outputs[c].processes.reserve(end - c * kChunk);
            for (std::size_t i = c * kChunk; i < end; ++i)
                scanProcess(pids[i], outputs[c], b);
            walked[c].store(true, std::memory_order_release);
            if (merging)
                mergeWalked(false);
        }
    };
    const std::size_t helpers =
        std::min<std::size_t>(workerCount(options.parallelism) - 1, chunks / 2);
    std::vector<WalkBuffers> buffers(helpers);
    std::vector<std::thread> threads;
    threads.reserve(helpers);
    try {
        for (std::size_t k = 0; k < helpers; ++k)
            threads.emplace_back([&, k] { work(buffers[k], false); });
    } catch (const std::system_error&) {
        // Out of threads: the calling thread does the rest.
    }
    WalkBuffers mine;
    mine.buf.swap(p.buf);
    work(mine, true);
    mine.buf.swap(p.buf);
    for (std::thread& t : threads)
        t.join();
    mergeWalked(true);
    // The next scan's memo: the processes seen now, in pid order like the chunks; bounded by
    // the live processes.
    p.memo = std::move(memo);
}

void ScanState::checkMemo()
{
    // Only a real procfs keeps the promises ProcessMemo relies on.
    struct statfs fs;
    memoOn = ::fstatfs(procFd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
    if (!memoOn) {
        p.memo.clear();
        return;
    }
    // pidfd_open takes pids of our own pid namespace: the procfs must number processes the
    // same way. Its NSpid of ourselves has one entry exactly when it is our pid namespace.
    pidfdOn = false;
    if (selfPid != ::getpid() || p.pidfdInfo == 0)
        return;
    if (readFileAt(procFd, "self/status", p.buf, true) != 0)
        return;
    auto own = procfs::parseStatus(p.buf).nspid;
    if (!own || own->size() != 1 || own->front() != selfPid)
        return;
    if (p.pidfdInfo < 0) {
        UniqueFd self(pidfdOpen(selfPid));
        p.pidfdInfo = self && pidfdEuid(self.get()) == ::geteuid() ? 1 : 0;
    }
    pidfdOn = p.pidfdInfo == 1;
    struct stat st;
    ownPidNs = pidfdOn && ::fstatat(procFd, "self/ns/pid", &st, 0) == 0 ? st.st_ino : 0;
}

void ScanState::mergeChunk(WalkOutput& chunk)
{
    auto addCandidate = [&](std::size_t i, OpenCandidate c, std::size_t cap) {
        auto& cands = extra[i].candidates;
        if (cands.size() < cap)
            cands.push_back(std::move(c));
    };
    for (ScanError& e : chunk.errors)
        snap.errors.push_back(std::move(e));
    for (std::size_t k = 0; k < chunk.processes.size(); ++k) {
        Process& proc = chunk.processes[k];
        if (proc.uid)
            proc.user = p.userName(*proc.uid);
        if (chunk.lasting[k] && proc.namespaces[index(NsType::Pid)])
            extra[nsAt(NsType::Pid, *proc.namespaces[index(NsType::Pid)])].lastingMember = true;
        for (NsType t : kAllNsTypes) {
            if (auto inode = proc.namespaces[index(t)]) {
                std::size_t i = nsAt(t, *inode);
                snap.namespaces[i].processes.push_back(proc.pid);
                addCandidate(i, {OpenCandidate::Kind::Member, proc.pid, 0, {}},
                             kMaxMemberCandidates);
            }
        }
        snap.processes.push_back(std::move(proc));
    }
    for (const WalkOutput::Loose& l : chunk.loose) {
        std::size_t i = nsAt(l.type, l.inode);
        snap.namespaces[i].threads.push_back(l.tid);
        addCandidate(i, {OpenCandidate::Kind::Thread, l.pid, l.tid, {}},
                     kMaxMemberCandidates + kMaxOtherCandidates);
    }
    for (const WalkOutput::HeldFd& f : chunk.fds) {
        std::size_t i = nsAt(f.type, f.inode);
        Reference r;
        r.kind = Reference::Kind::Fd;
        r.pid = f.pid;
        r.fd = f.fd;
        snap.namespaces[i].references.push_back(r);
        addCandidate(i, {OpenCandidate::Kind::Fd, f.pid, f.fd, {}},
                     kMaxMemberCandidates + kMaxOtherCandidates);
    }
}

void ScanState::findNsfsDev()
{
    // All namespaces share the nsfs device; one stat of any ns link gives it.
    for (const Process& proc : snap.processes) {
        for (NsType t : kAllNsTypes) {
            if (!proc.namespaces[index(t)])
                continue;
            char rel[48];
            std::snprintf(rel, sizeof rel, "%d/ns/%s", proc.pid, toString(t).data());
            struct stat st;
            if (::fstatat(procFd, rel, &st, 0) == 0) {
                nsfsDev = st.st_dev;
                return;
            }
        }
    }
}

namespace {
HelperFd openNamespace(int procFd, const Namespace& ns, const NsExtra& ex, std::uint64_t nsfsDev,
                       int& lastErr, const OpenCandidate*& used);
} // namespace

bool ScanState::mountApiOn()
{
    // Only where the namespaces' processes are ours to open (a real procfs), and only on a
    // kernel that lists the mounts of another mount namespace: tried once per Scanner, on
    // our own mount namespace.
    // Other users' namespaces need CAP_SYS_ADMIN over them (else ENOENT after a refused open
    // per candidate): without root, mountinfo straight away.
    if (!memoOn || ::geteuid() != 0)
        return false;
    if (p.mountApi < 0) {
        p.mountApi = 0;
        HelperFd own([] { return ::open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC); });
        std::vector<std::uint64_t> ids;
        if (own)
            if (auto id = nsIdOf(own.get()))
                if (mountapi::listMounts(*id, ids) == 0 && !ids.empty())
                    if (mountapi::mountOf(procFd, "self/root"))
                        p.mountApi = 1;
    }
    return p.mountApi == 1;
}

// A mount table through the mount API: the namespace opened once (by a member, whose root
// then names the root mount), its mount ids listed, and only what is not known from the last
// scan asked with statmount: nsfs or not for new mounts (never changes), the root mount's
// description (never changes), and where each nsfs mount is (that may change: every scan).
// Much cheaper than mountinfo, which renders every mount as text. The mounts are those of
// the namespace (below its root): the same as a member's mountinfo unless the member is
// chrooted below that root. False (the caller reads mountinfo) when anything is refused.
bool ScanState::mountTableByApi(std::size_t mi, MountTable& t, std::vector<std::uint64_t>& ids,
                                std::vector<char>& statBuf) const
{
    const Namespace& ns = snap.namespaces[mi];
    int err = 0;
    const OpenCandidate* used = nullptr;
    HelperFd fd = openNamespace(procFd, ns, extra[mi], nsfsDev, err, used);
    if (!fd || used->kind != OpenCandidate::Kind::Member)
        return false;
    const std::optional<std::uint64_t> id = nsIdOf(fd.get());
    fd.reset();
    if (!id || mountapi::listMounts(*id, ids) != 0)
        return false;
    char rel[32];
    std::snprintf(rel, sizeof rel, "%d/root", used->pid);
    const std::optional<mountapi::MountOf> rootMount = mountapi::mountOf(procFd, rel);
    if (!rootMount)
        return false;
    procfs::MountSummary sum;
    sum.mounts = static_cast<int>(ids.size());
    mountapi::MountFacts f;
    for (std::uint64_t m : ids) {
        bool nsfs = false;
        if (auto it = p.mountIsNsfs.find(m); it != p.mountIsNsfs.end()) {
            nsfs = it->second;
        } else {
            const int e = mountapi::statMount(m, *id, mountapi::kSuperBasic, f, statBuf);
            if (e == ENOENT) { // unmounted since it was listed
                --sum.mounts;
                continue;
            }
            if (e)
                return false;
            nsfs = f.magic == NSFS_MAGIC;
        }
        t.seen.emplace_back(m, nsfs);
        if (!nsfs)
            continue;
        const int e =
            mountapi::statMount(m, *id, mountapi::kRoot | mountapi::kMountPoint, f, statBuf);
        if (e == ENOENT) {
            --sum.mounts;
            continue;
        }
        if (e)
            return false;
        procfs::MountInfoEntry entry;
        entry.root = std::move(f.root);
        entry.mountPoint = std::move(f.mountPoint);
        entry.fsType = "nsfs";
        sum.nsfs.push_back(std::move(entry));
    }
    // The member's root is a mount's root when something is mounted at "/" as it sees it
    // (else it is chrooted into a directory, and its mountinfo has no "/" either). It must be
    // one of the namespace's mounts: else the member moved, or its pid is another process's.
    // Read every scan: the path of a mount's root changes when its directory is renamed.
    if (rootMount->isMountRoot) {
        if (std::find(ids.begin(), ids.end(), rootMount->id) == ids.end())
            return false;
        const int e = mountapi::statMount(rootMount->id, *id,
                                          mountapi::kSource | mountapi::kRoot | mountapi::kFsType |
                                              mountapi::kFsSubtype,
                                          f, statBuf);
        if (e)
            return false;
        sum.root = procfs::describeRootMount(
            f.source, f.root, f.subtype.empty() ? f.fsType : f.fsType + "." + f.subtype);
    }
    t.from = used->pid;
    t.nsId = id;
    t.sum = std::move(sum);
    return true;
}

void ScanState::scanMounts()
{
    std::vector<std::size_t> mnts;
    if (options.mounts || options.details)
        for (std::size_t i = 0; i < snap.namespaces.size(); ++i)
            if (snap.namespaces[i].type == NsType::Mnt && !snap.namespaces[i].processes.empty())
                mnts.push_back(i);
    // Each mount namespace's table is read once: through the mount API where it can, else
    // from the mountinfo of the first member that answers. The reads run on a few threads,
    // together with the cgroup files prepareLaunchers picked, for cgroup namespace roots and
    // for launchers (so that no core waits for a serial tail).
    const bool byApi = !mnts.empty() && mountApiOn();
    std::vector<MountTable> tables(mnts.size());
    struct CgroupFile
    {
        int err = 0;
        std::optional<std::string> path;
        std::optional<std::uint64_t> nsId;
        const std::string* root = nullptr; // the last scan's, for this very namespace
        bool prefetched = false;           // its oldest member's file is read for launchers
    };
    std::vector<CgroupFile> cgroups(cgroupJobs.size());
    std::sort(launcherCgroups.begin(), launcherCgroups.end());
    launcherCgroups.erase(std::unique(launcherCgroups.begin(), launcherCgroups.end()),
                          launcherCgroups.end());
    std::vector<CgroupFile> forLaunchers(launcherCgroups.size());
    auto readCgroup = [&](int pid, CgroupFile& f, std::string& buf) {
        char rel[32];
        std::snprintf(rel, sizeof rel, "%d/cgroup", pid);
        f.err = readFileAt(procFd, rel, buf, true);
        if (!f.err)
            f.path = procfs::parseCgroupV2Path(buf);
    };
    // A cgroup namespace is opened here once for its id: with it, the last scan's root
    // (ScanCache::cgroupRoots) and lineage apply, and the worker needs neither this read nor
    // to enter it.
    const bool cgroupIds = memoOn && !cgroupJobs.empty();
    const std::size_t cgroupEnd = mnts.size() + cgroupJobs.size();
    parallelFor(
        workerCount(options.parallelism), cgroupEnd + launcherCgroups.size(),
        [&](std::size_t k, std::string& buf) {
            if (k >= cgroupEnd) {
                readCgroup(launcherCgroups[k - cgroupEnd], forLaunchers[k - cgroupEnd], buf);
                return;
            }
            if (k >= mnts.size()) {
                CgroupFile& f = cgroups[k - mnts.size()];
                if (cgroupIds) {
                    const std::size_t ci = cgroupJobs[k - mnts.size()];
                    int err = 0;
                    const OpenCandidate* used = nullptr;
                    HelperFd fd =
                        openNamespace(procFd, snap.namespaces[ci], extra[ci], nsfsDev, err, used);
                    if (fd)
                        f.nsId = nsIdOf(fd.get());
                    if (f.nsId)
                        if (auto it = p.cgroupRoots.find(*f.nsId); it != p.cgroupRoots.end()) {
                            f.root = &it->second;
                            return;
                        }
                }
                const int oldest = extra[cgroupJobs[k - mnts.size()]].oldestPid;
                f.prefetched =
                    std::binary_search(launcherCgroups.begin(), launcherCgroups.end(), oldest);
                if (!f.prefetched)
                    readCgroup(oldest, f, buf);
                return;
            }
            MountTable& t = tables[k];
            if (byApi) {
                std::vector<std::uint64_t> ids;
                std::vector<char> statBuf;
                if (mountTableByApi(mnts[k], t, ids, statBuf))
                    return;
                t = {};
            }
            for (int pid : snap.namespaces[mnts[k]].processes) {
                char rel[32];
                std::snprintf(rel, sizeof rel, "%d/mountinfo", pid);
                t.lastErr = readFileAt(procFd, rel, buf);
                if (!t.lastErr) {
                    t.from = pid;
                    t.sum = procfs::summarizeMountinfo(buf);
                    break;
                }
                if (!vanished(t.lastErr))
                    break;
            }
        });
    // What the next scan may take over: the mounts seen now (bounded by the live mounts).
    p.mountIsNsfs.clear();
    for (std::size_t k = 0; k < mnts.size(); ++k) {
        MountTable& t = tables[k];
        for (auto [id, nsfs] : t.seen)
            p.mountIsNsfs.emplace(id, nsfs);
        extra[mnts[k]].nsId = t.nsId;
    }
    std::unordered_map<NsKey, std::vector<std::string>, NsKeyHash> seenPaths;
    for (std::size_t k = 0; k < mnts.size(); ++k) {
        const std::size_t mi = mnts[k];
        const int from = tables[k].from;
        procfs::MountSummary& sum = tables[k].sum;
        if (!from) {
            const int first = snap.namespaces[mi].processes.front();
            if (tables[k].lastErr && !vanished(tables[k].lastErr))
                error(first, std::to_string(first) + "/mountinfo", tables[k].lastErr);
            continue;
        }
        if (options.details) {
            Namespace& mnt = snap.namespaces[mi];
            mnt.details.mounts = sum.mounts;
            mnt.details.mntRoot = std::move(sum.root);
        }
        if (!options.mounts)
            continue;
        for (const procfs::MountInfoEntry& e : sum.nsfs) {
            auto link = procfs::parseNsLink(e.root);
            if (!link)
                continue;
            auto& paths = seenPaths[NsKey{link->type, link->inode}];
            if (std::find(paths.begin(), paths.end(), e.mountPoint) != paths.end())
                continue;
            paths.push_back(e.mountPoint);
            std::size_t i = nsAt(link->type, link->inode);
            Reference r;
            r.kind = Reference::Kind::BindMount;
            r.path = e.mountPoint;
            snap.namespaces[i].references.push_back(std::move(r));
            auto& cands = extra[i].candidates;
            if (cands.size() < kMaxMemberCandidates + kMaxOtherCandidates)
                cands.push_back({OpenCandidate::Kind::Mount, from, 0, e.mountPoint});
        }
    }
    for (std::size_t j = 0; j < cgroupJobs.size(); ++j) {
        NsExtra& ex = extra[cgroupJobs[j]];
        ex.nsId = cgroups[j].nsId;
        if (cgroups[j].root) {
            snap.namespaces[cgroupJobs[j]].details.cgroupRoot = *cgroups[j].root;
            cgroupRootsSeen.emplace_back(*ex.nsId, *cgroups[j].root);
            continue;
        }
        if (cgroups[j].prefetched) {
            const auto at =
                std::lower_bound(launcherCgroups.begin(), launcherCgroups.end(), ex.oldestPid) -
                launcherCgroups.begin();
            cgroups[j].err = forLaunchers[at].err;
            cgroups[j].path = forLaunchers[at].path;
        }
        auto [it, added] = cgroupCache.try_emplace(ex.oldestPid);
        if (added) {
            if (!cgroups[j].err)
                it->second = std::move(cgroups[j].path);
            else if (!vanished(cgroups[j].err))
                error(ex.oldestPid, std::to_string(ex.oldestPid) + "/cgroup", cgroups[j].err);
        }
        ex.oldestCgroup = it->second;
    }
    // Refusals are left to cgroupOf, which lists them when launchers() really needs the file.
    for (std::size_t j = 0; j < launcherCgroups.size(); ++j)
        if (!forLaunchers[j].err)
            cgroupCache.try_emplace(launcherCgroups[j], std::move(forLaunchers[j].path));
}

void ScanState::prepareLaunchers()
{
    // The oldest member of each namespace (its launcher's child), and for cgroup namespaces
    // that member's cgroup as seen from here (half of the namespace's root).
    const Process* self = selfPid ? process(selfPid) : nullptr;
    std::uint64_t ownCgroup = 0; // 0: not in the snapshot (a fixture, another pid ns's /proc)
    if (self && self->namespaces[index(NsType::Cgroup)])
        ownCgroup = *self->namespaces[index(NsType::Cgroup)];
    if (p.cgroupRootsView != ownCgroup) {
        p.cgroupRoots.clear(); // paths seen from another cgroup namespace
        p.cgroupRootsView = ownCgroup;
    }
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        Namespace& ns = snap.namespaces[i];
        const Process* oldest = nullptr;
        for (int pid : ns.processes) {
            const Process* pr = process(pid);
            if (pr && (!oldest ||
                       std::tie(pr->startTime, pr->pid) < std::tie(oldest->startTime, oldest->pid)))
                oldest = pr;
        }
        if (!oldest)
            continue;
        NsExtra& ex = extra[i];
        ex.oldestPid = oldest->pid;
        // launchers() reads the oldest member's cgroup when a comm leaves the kind open: read
        // it with the others, on the mount pass's threads (a superset: launchers() skips some).
        const Process* outside = launcherOutside(ns, *oldest);
        if ((outside && launcherKindNeedsCgroup(outside->comm)) ||
            launcherKindNeedsCgroup(oldest->comm))
            launcherCgroups.push_back(oldest->pid);
        if (ns.type != NsType::Cgroup || !options.details)
            continue;
        if (ownCgroup == ns.inode)
            ns.details.cgroupRoot = "/"; // our own root, as we see it
        else
            cgroupJobs.push_back(i); // read by scanMounts
    }
}

const Process* ScanState::launcherOutside(const Namespace& ns, const Process& oldest) const
{
    // Climb out of the namespace (several members can share the oldest start tick).
    int ppid = oldest.ppid;
    for (int guard = 0; guard < 64 && ppid > 0; ++guard) {
        const Process* pr = process(ppid);
        if (!pr)
            return nullptr;
        if (pr->namespaces[index(ns.type)] != ns.inode)
            return pr;
        ppid = pr->ppid;
    }
    return nullptr;
}

const std::optional<std::string>& ScanState::cgroupOf(int pid)
{
    auto [it, added] = cgroupCache.try_emplace(pid);
    if (added) {
        char rel[32];
        std::snprintf(rel, sizeof rel, "%d/cgroup", pid);
        int err = readFileAt(procFd, rel, p.buf, true);
        if (!err)
            it->second = procfs::parseCgroupV2Path(p.buf);
        else if (!vanished(err))
            error(pid, rel, err);
    }
    return it->second;
}

namespace {

// Opens a namespace through one of its candidates, checking it is still that namespace.
HelperFd openNamespace(int procFd, const Namespace& ns, const NsExtra& ex, std::uint64_t nsfsDev,
                       int& lastErr, const OpenCandidate*& used)
{
    lastErr = 0;
    for (const OpenCandidate& c : ex.candidates) {
        HelperFd fd;
        const std::string rel = c.rel(ns.type);
        if (c.verifyFirst()) {
            HelperFd path([&] { return ::openat(procFd, rel.c_str(), O_PATH | O_CLOEXEC); });
            if (!path) {
                lastErr = errno;
                continue;
            }
            struct stat st;
            if (::fstat(path.get(), &st) != 0 || st.st_ino != ns.inode ||
                (nsfsDev && st.st_dev != nsfsDev)) {
                lastErr = ESTALE;
                continue;
            }
            char again[64];
            std::snprintf(again, sizeof again, "/proc/thread-self/fd/%d", path.get());
            fd = HelperFd([&] { return ::open(again, O_RDONLY | O_CLOEXEC); });
        } else {
            fd = HelperFd([&] { return ::openat(procFd, rel.c_str(), O_RDONLY | O_CLOEXEC); });
        }
        if (!fd) {
            lastErr = errno;
            continue;
        }
        struct stat st;
        if (::fstat(fd.get(), &st) != 0 || st.st_ino != ns.inode) {
            // The pid was reused, or the process moved: try the next candidate.
            lastErr = ESTALE;
            continue;
        }
        used = &c;
        return fd;
    }
    return {};
}

std::optional<std::uint64_t> inodeOf(int fd)
{
    if (auto id = nsfs::identify(fd))
        return id.value->inode;
    return std::nullopt;
}

} // namespace

void ScanState::fileDetails(Namespace& ns, std::string& buf) const
{
    NamespaceDetails& d = ns.details;
    switch (ns.type) {
    case NsType::User:
        for (int pid : ns.processes) {
            char rel[32];
            std::snprintf(rel, sizeof rel, "%d/uid_map", pid);
            if (readFileAt(procFd, rel, buf) != 0)
                continue;
            auto uidMap = procfs::parseIdMap(buf);
            std::snprintf(rel, sizeof rel, "%d/gid_map", pid);
            if (readFileAt(procFd, rel, buf) != 0)
                continue;
            d.uidMap = std::move(uidMap);
            d.gidMap = procfs::parseIdMap(buf);
            break;
        }
        break;
    case NsType::Time: {
        // timens_offsets shows the offsets of time_for_children: read it from a
        // member whose children would also land here.
        std::size_t tries = 0;
        for (int pid : ns.processes) {
            if (++tries > 8)
                break;
            char rel[48], link[128];
            std::snprintf(rel, sizeof rel, "%d/ns/time_for_children", pid);
            ssize_t n = ::readlinkat(procFd, rel, link, sizeof link);
            if (n <= 0)
                continue;
            auto l = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
            if (!l || l->inode != ns.inode)
                continue;
            std::snprintf(rel, sizeof rel, "%d/timens_offsets", pid);
            if (readFileAt(procFd, rel, buf, true) != 0)
                continue;
            procfs::TimeOffsets off = procfs::parseTimensOffsets(buf);
            d.monotonicOffset = off.monotonic;
            d.boottimeOffset = off.boottime;
            break;
        }
        break;
    }
    default:
        break;
    }
}

// The last scan's lineage of the namespace with this id, when it can be taken over: the
// namespaces it names must be entries already (else the worker climbs to describe them).
const NsLineage* ScanState::lineageFor(std::uint64_t id, const Namespace& ns) const
{
    auto it = p.lineage.find(id);
    if (it == p.lineage.end())
        return nullptr;
    const NsLineage& l = it->second;
    if (l.type != ns.type || l.inode != ns.inode || (l.owner && !known(NsType::User, *l.owner)) ||
        (l.parent && !known(ns.type, *l.parent)))
        return nullptr;
    return &l;
}

void ScanState::takeLineage(std::uint64_t id, const NsLineage& l, Namespace& ns, NsExtra& ex,
                            WorkerOutput& out) const
{
    ns.id = id;
    ns.owner = l.owner;
    ns.parent = l.parent;
    ns.ownerUid = l.ownerUid;
    ex.parentKnown = l.parentKnown;
    out.lineage.emplace_back(id, l);
}

void ScanState::worker(std::atomic<std::size_t>& next, WorkerOutput& out)
{
    const pid_t tid = static_cast<pid_t>(::syscall(SYS_gettid));
    registryAdd(g_helperTids, tid);
    std::string buf;
    std::vector<char> netBuf;
    // The namespaces this thread is in, per type, so that setns happens only when needed
    // (and the scanner's own namespaces are read without privilege).
    std::array<std::uint64_t, kNsTypeCount> current{};
    // Held to go back before this thread leaves the registry: a thread that ended in other
    // namespaces stays visible in them for a moment after it unregistered (even after join).
    std::array<HelperFd, kNsTypeCount> home;
    constexpr std::array<NsType, 4> kEntered{NsType::Uts, NsType::Ipc, NsType::Net, NsType::Cgroup};
    for (NsType t : kEntered) {
        char rel[64];
        std::snprintf(rel, sizeof rel, "/proc/thread-self/ns/%s", toString(t).data());
        home[index(t)] = HelperFd([&] { return ::open(rel, O_RDONLY | O_CLOEXEC); });
        if (home[index(t)])
            if (auto id = nsfs::identify(home[index(t)].get()))
                current[index(t)] = id.value->inode;
    }
    std::vector<NsKey> discoveredHere;

    // Describes a user or pid namespace met only as an owner or parent, and climbs on.
    std::function<void(int, NsType, std::uint64_t)> discover = [&](int fd, NsType type,
                                                                   std::uint64_t inode) {
        NsKey key{type, inode};
        if (known(type, inode) ||
            std::find(discoveredHere.begin(), discoveredHere.end(), key) != discoveredHere.end())
            return;
        discoveredHere.push_back(key);
        Discovered d;
        d.type = type;
        d.inode = inode;
        d.id = nsIdOf(fd);
        int ownerErr = 0;
        HelperFd owner = helperFdFrom([&] { return nsfs::owningUserNs(fd); }, ownerErr);
        std::optional<std::uint64_t> ownerInode = owner ? inodeOf(owner.get()) : std::nullopt;
        d.owner = ownerInode;
        if (type == NsType::User) {
            d.parent = ownerInode;
            d.parentKnown = owner || ownerErr == EPERM;
            if (auto uid = nsfs::ownerUid(fd))
                d.ownerUid = *uid.value;
        }
        HelperFd parentFd;
        if (type == NsType::Pid) {
            int parentErr = 0;
            parentFd = helperFdFrom([&] { return nsfs::parentNs(fd); }, parentErr);
            d.parentKnown = parentFd || parentErr == EPERM;
            if (parentFd)
                d.parent = inodeOf(parentFd.get());
        }
        out.discovered.push_back(d);
        if (owner && ownerInode)
            discover(owner.get(), NsType::User, *ownerInode);
        if (parentFd && d.parent)
            discover(parentFd.get(), NsType::Pid, *d.parent);
    };

    auto enter = [&](int fd, const Namespace& ns, const OpenCandidate* c) {
        if (current[index(ns.type)] == ns.inode)
            return true;
        if (::setns(fd, cloneFlag(ns.type)) == 0) {
            current[index(ns.type)] = ns.inode;
            return true;
        }
        out.errors.push_back({c->pid, fullPath(c->rel(ns.type)), procfs::errnoName(errno)});
        return false;
    };

    while (true) {
        std::size_t i = next.fetch_add(1);
        if (i >= snap.namespaces.size())
            break;
        Namespace& ns = snap.namespaces[i];
        NsExtra& ex = extra[i];
        // A pid namespace with a member the last scan saw too is the very namespace the last
        // scan described under this inode: that member was in it all along (its pid
        // namespace never changes), so no other namespace could have had the inode meanwhile.
        // Nothing else here needs it open.
        if (options.hierarchy && ns.type == NsType::Pid && ex.lastingMember)
            if (auto it = p.pidNsIds.find(ns.inode); it != p.pidNsIds.end())
                if (const NsLineage* memo = lineageFor(it->second, ns)) {
                    takeLineage(it->second, *memo, ns, ex, out);
                    continue;
                }
        // A mount or cgroup namespace the mount pass opened has its id already; with the last
        // scan's lineage nothing else here needs it open (a mount namespace's details come
        // from the mount pass, a cgroup namespace's root maybe from the last scan).
        if (options.hierarchy && ex.nsId &&
            (ns.type == NsType::Mnt ||
             (ns.type == NsType::Cgroup && (!options.details || ns.details.cgroupRoot))))
            if (const NsLineage* memo = lineageFor(*ex.nsId, ns)) {
                takeLineage(*ex.nsId, *memo, ns, ex, out);
                continue;
            }
        int lastErr = 0;
        const OpenCandidate* used = nullptr;
        HelperFd fd = openNamespace(procFd, ns, ex, nsfsDev, lastErr, used);
        if (!fd) {
            if (lastErr && !vanished(lastErr) && lastErr != ESTALE && !ex.candidates.empty())
                out.errors.push_back({ex.candidates.front().pid,
                                      fullPath(ex.candidates.front().rel(ns.type)),
                                      procfs::errnoName(lastErr)});
            // Details read from /proc files need no fd.
            if (options.details)
                fileDetails(ns, buf);
            continue;
        }

        const std::optional<std::uint64_t> id = nsIdOf(fd.get());
        ns.id = id;
        if (options.hierarchy) {
            if (const NsLineage* memo = id ? lineageFor(*id, ns) : nullptr) {
                takeLineage(*id, *memo, ns, ex, out);
            } else {
                bool clean = true; // no answer that could differ next time
                int ownerErr = 0;
                HelperFd owner =
                    helperFdFrom([&] { return nsfs::owningUserNs(fd.get()); }, ownerErr);
                if (owner) {
                    ns.owner = inodeOf(owner.get());
                    if (ns.owner)
                        discover(owner.get(), NsType::User, *ns.owner);
                    else
                        clean = false;
                } else if (ownerErr != EPERM) {
                    clean = false;
                    out.errors.push_back({used->pid,
                                          fullPath(used->rel(ns.type)) + " (NS_GET_USERNS)",
                                          procfs::errnoName(ownerErr)});
                }
                if (ns.type == NsType::User) {
                    ns.parent = ns.owner;
                    ex.parentKnown = owner || ownerErr == EPERM;
                    if (auto uid = nsfs::ownerUid(fd.get()))
                        ns.ownerUid = *uid.value;
                    else
                        clean = false;
                } else if (ns.type == NsType::Pid) {
                    int parentErr = 0;
                    HelperFd parent =
                        helperFdFrom([&] { return nsfs::parentNs(fd.get()); }, parentErr);
                    ex.parentKnown = parent || parentErr == EPERM;
                    if (parent) {
                        ns.parent = inodeOf(parent.get());
                        if (ns.parent)
                            discover(parent.get(), NsType::Pid, *ns.parent);
                        else
                            clean = false;
                    } else if (parentErr != EPERM) {
                        clean = false;
                    }
                }
                if (id && clean)
                    out.lineage.emplace_back(*id, NsLineage{ns.type, ns.inode, ns.owner, ns.parent,
                                                            ns.ownerUid, ex.parentKnown});
            }
        }

        if (options.details) {
            NamespaceDetails& d = ns.details;
            switch (ns.type) {
            case NsType::Uts:
                if (enter(fd.get(), ns, used))
                    if (auto u = details::readUtsHere()) {
                        d.hostname = std::move(u->hostname);
                        d.domainname = std::move(u->domainname);
                    }
                break;
            case NsType::Ipc:
                if (enter(fd.get(), ns, used)) {
                    int err = 0;
                    if (auto c = details::readIpcHere(&err)) {
                        d.msgQueues = c->msgQueues;
                        d.shmSegments = c->shmSegments;
                        d.semaphoreSets = c->semaphoreSets;
                    } else {
                        out.errors.push_back({used->pid, fullPath(used->rel(ns.type)) + " (ipc)",
                                              procfs::errnoName(err)});
                    }
                }
                break;
            case NsType::Net:
                if (enter(fd.get(), ns, used)) {
                    int err = 0;
                    if (auto ifs = details::readNetHere(netBuf, &err))
                        d.interfaces = std::move(*ifs);
                    else
                        out.errors.push_back({used->pid,
                                              fullPath(used->rel(ns.type)) + " (netlink)",
                                              procfs::errnoName(err)});
                }
                break;
            case NsType::Cgroup:
                if (!d.cgroupRoot && ex.oldestPid && ex.oldestCgroup && enter(fd.get(), ns, used)) {
                    char rel[32];
                    std::snprintf(rel, sizeof rel, "%d/cgroup", ex.oldestPid);
                    // Read from inside, the same file names the path below the ns root.
                    if (readFileAt(procFd, rel, buf, true) == 0)
                        if (auto inside = procfs::parseCgroupV2Path(buf)) {
                            d.cgroupRoot = details::cgroupRootFrom(*ex.oldestCgroup, *inside);
                            if (d.cgroupRoot && ex.nsId)
                                out.cgroupRoots.push_back({*ex.nsId, *d.cgroupRoot, i});
                        }
                }
                break;
            case NsType::User:
            case NsType::Time:
                fileDetails(ns, buf);
                break;
            case NsType::Mnt:
            case NsType::Pid:
                break; // mountinfo pass and pidDetails
            }
        }
    }
    bool stranded = false;
    for (NsType t : kEntered) {
        std::uint64_t was = 0;
        if (home[index(t)])
            if (auto id = nsfs::identify(home[index(t)].get()))
                was = id.value->inode;
        if (current[index(t)] != was && (!was || ::setns(home[index(t)].get(), cloneFlag(t)) != 0))
            stranded = true;
    }
    if (!stranded)
        registryRemove(g_helperTids, tid);
    else
        out.strandedTid = tid; // unregistered after join, the best left to do
}

void ScanState::runWorkers()
{
    if (!options.hierarchy && !options.details)
        return;
    const std::size_t jobs = snap.namespaces.size();
    if (jobs == 0)
        return;
    // At least one: the calling thread never setns()es.
    const std::size_t count =
        std::max<std::size_t>(1, std::min(workerCount(options.parallelism), (jobs + 15) / 16));
    std::atomic<std::size_t> next{0};
    std::vector<WorkerOutput> outputs(count);
    {
        // Workers setns(); the calling thread never does, so it keeps its namespaces.
        std::vector<std::thread> threads;
        threads.reserve(count);
        try {
            for (std::size_t k = 0; k < count; ++k)
                threads.emplace_back([this, &next, &outputs, k] { worker(next, outputs[k]); });
        } catch (const std::system_error& e) {
            if (threads.empty())
                snap.errors.push_back({0, "", std::string("no worker thread: ") + e.what()});
        }
        for (std::thread& t : threads)
            t.join();
    }
    for (const WorkerOutput& out : outputs)
        if (out.strandedTid)
            registryRemove(g_helperTids, out.strandedTid);
    finishHierarchy(outputs);
}

void ScanState::finishHierarchy(std::vector<WorkerOutput>& outputs)
{
    // The next scan's cgroup roots: those taken over, and those worked out now from an outside
    // and an inside read of the oldest member's cgroup, if it is still in the cgroup of the
    // outside read (had it moved in between, the root would be wrong for the namespace's life,
    // not for one scan). Read from here, the thread that never left our namespaces.
    p.cgroupRoots.clear();
    for (auto& [id, root] : cgroupRootsSeen)
        p.cgroupRoots.emplace(id, std::move(root));
    std::vector<WorkerOutput::CgroupRoot*> fresh;
    for (WorkerOutput& out : outputs)
        for (WorkerOutput::CgroupRoot& c : out.cgroupRoots)
            fresh.push_back(&c);
    std::vector<char> stayed(fresh.size());
    parallelFor(workerCount(options.parallelism), fresh.size(),
                [&](std::size_t k, std::string& buf) {
                    const NsExtra& ex = extra[fresh[k]->ns];
                    char rel[32];
                    std::snprintf(rel, sizeof rel, "%d/cgroup", ex.oldestPid);
                    stayed[k] = readFileAt(procFd, rel, buf, true) == 0 &&
                                procfs::parseCgroupV2Path(buf) == ex.oldestCgroup;
                });
    for (std::size_t k = 0; k < fresh.size(); ++k)
        if (stayed[k])
            p.cgroupRoots.emplace(fresh[k]->id, std::move(fresh[k]->root));
    p.lineage.clear();
    p.pidNsIds.clear();
    for (WorkerOutput& out : outputs)
        for (auto& [id, l] : out.lineage) {
            p.lineage.emplace(id, l);
            if (l.type == NsType::Pid)
                p.pidNsIds.emplace(l.inode, id);
        }
    for (WorkerOutput& out : outputs) {
        for (ScanError& e : out.errors)
            snap.errors.push_back(std::move(e));
        for (const Discovered& d : out.discovered) {
            if (known(d.type, d.inode))
                continue; // another worker met it too
            std::size_t i = nsAt(d.type, d.inode);
            Namespace& ns = snap.namespaces[i];
            ns.owner = d.owner;
            ns.parent = d.parent;
            ns.ownerUid = d.ownerUid;
            ns.id = d.id;
            extra[i].parentKnown = d.parentKnown;
        }
    }
    // Every owner and parent named must be an entry (a worker may have failed to climb).
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        std::optional<std::uint64_t> owner = snap.namespaces[i].owner;
        std::optional<std::uint64_t> parent = snap.namespaces[i].parent;
        NsType type = snap.namespaces[i].type;
        if (owner)
            nsAt(NsType::User, *owner);
        if (parent)
            nsAt(type, *parent);
    }
}

void ScanState::pidDetails()
{
    // init: the process whose innermost NSpid is 1. Processes with a one-level NSpid live in
    // the procfs root's own pid namespace even when their ns link was refused.
    std::optional<std::uint64_t> rootPidNs;
    for (const Process& pr : snap.processes)
        if (pr.nspid && pr.nspid->size() == 1 && pr.namespaces[index(NsType::Pid)]) {
            rootPidNs = pr.namespaces[index(NsType::Pid)];
            break;
        }
    for (const Process& pr : snap.processes) {
        if (!pr.nspid || pr.nspid->back() != 1)
            continue;
        std::optional<std::uint64_t> inode = pr.namespaces[index(NsType::Pid)];
        if (!inode && pr.nspid->size() == 1)
            inode = rootPidNs;
        if (!inode)
            continue;
        auto it = nsIndex.find(NsKey{NsType::Pid, *inode});
        if (it != nsIndex.end())
            snap.namespaces[it->second].details.init = pr.pid;
    }
    // level: the number of NS_GET_PARENT steps to the top; without a full chain, the depth
    // of a member's NSpid (both count from the scanner's own pid namespace).
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        Namespace& ns = snap.namespaces[i];
        if (ns.type != NsType::Pid)
            continue;
        int steps = 0;
        std::size_t at = i;
        bool complete = false;
        while (steps <= 64) {
            if (!extra[at].parentKnown)
                break;
            const Namespace& cur = snap.namespaces[at];
            if (!cur.parent) {
                complete = true;
                break;
            }
            auto it = nsIndex.find(NsKey{NsType::Pid, *cur.parent});
            if (it == nsIndex.end())
                break;
            at = it->second;
            ++steps;
        }
        if (complete) {
            ns.details.level = steps;
            continue;
        }
        for (int pid : ns.processes)
            if (const Process* pr = process(pid); pr && pr->nspid) {
                ns.details.level = static_cast<int>(pr->nspid->size()) - 1;
                break;
            }
    }
}

void ScanState::launchers()
{
    // Initial namespaces have no launcher: those of pid 1, or of kthreadd when pid 1 refuses
    // (kernel threads always sit in the initial namespaces).
    std::array<std::optional<std::uint64_t>, kNsTypeCount> initial{};
    const Process* one = process(1);
    const Process* kthreadd = process(2);
    if (kthreadd && (kthreadd->comm != "kthreadd" || kthreadd->ppid != 0))
        kthreadd = nullptr;
    for (NsType t : kAllNsTypes) {
        if (one && one->namespaces[index(t)])
            initial[index(t)] = one->namespaces[index(t)];
        else if (kthreadd)
            initial[index(t)] = kthreadd->namespaces[index(t)];
    }
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        Namespace& ns = snap.namespaces[i];
        const NsExtra& ex = extra[i];
        if (!ex.oldestPid || initial[index(ns.type)] == ns.inode)
            continue;
        if ((ns.type == NsType::User || ns.type == NsType::Pid) && ex.parentKnown && !ns.parent)
            continue; // the top of what the kernel lets us see
        const Process* oldest = process(ex.oldestPid);
        if (!oldest)
            continue;
        const Process* outside = launcherOutside(ns, *oldest);
        // Namespaces the kernel made for its own threads (kdevtmpfs) have no launcher.
        if (outside && outside->pid == 2 && outside->ppid == 0)
            continue;
        // The cgroup is read only when the comm leaves the kind open (bwrap of flatpak,
        // containerd-shim of docker, a shell of a snap...).
        auto kindOf = [&](const Process& pr) {
            if (!launcherKindNeedsCgroup(pr.comm)) {
                std::string kind = launcherKind(pr.comm, "");
                // Anyone can call a process nsexplorer-helper; "nsexplorer" is what the GUI
                // stops as its container, so the executable decides (runsOurHelper).
                if (kind == "nsexplorer" &&
                    !runsOurHelper(options.procRoot, pr.pid, pr.uid, options.helperPath))
                    kind = "other";
                return kind;
            }
            const std::optional<std::string>& cg = cgroupOf(oldest->pid);
            return launcherKind(pr.comm, cg ? std::string_view(*cg) : std::string_view());
        };
        Launcher l;
        if (outside) {
            l.pid = outside->pid;
            l.comm = outside->comm;
            l.kind = kindOf(*outside);
        }
        // Tools like unshare, bwrap or our helper unshare() themselves into the namespaces
        // they make, so the oldest member is the launcher and its parent only a shell.
        if (!outside || l.kind == "other") {
            std::string own = kindOf(*oldest);
            if (own != "other") {
                l.pid = oldest->pid;
                l.comm = oldest->comm;
                l.kind = std::move(own);
            }
        }
        if (l.pid)
            ns.launcher = std::move(l);
    }
}

struct Scanner::Private : ScanCache
{};

Scanner::Scanner(ScanOptions options)
    : m_options(std::move(options)), d(std::make_unique<Private>())
{}

Scanner::~Scanner() = default;

Snapshot Scanner::scan()
{
    ScanState s(m_options, *d);
    s.snap.takenAt = isoNow();
    struct utsname u;
    if (::uname(&u) == 0) {
        s.snap.hostname = u.nodename;
        s.snap.kernel = u.release;
    }
    s.snap.scannerUid = ::geteuid();

    UniqueFd procFd(::open(m_options.procRoot.c_str(), kDirFlags));
    if (!procFd) {
        s.snap.errors.push_back({0, m_options.procRoot, procfs::errnoName(errno)});
        s.snap.complete = false;
        return std::move(s.snap);
    }
    s.procFd = procFd.get();

    // Phase timings at debug level: where a slow scan spends its time.
    // CPU time of the whole process (all threads), so a loaded machine does not hide where
    // the work is.
    auto cpuNow = [] {
        timespec ts{};
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    };
    auto wallNow = [] {
        timespec ts{};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    };
    double mark = cpuNow();
    double wallMark = wallNow();
    std::string walls;
    auto lap = [&] {
        const double now = cpuNow();
        const double ms = now - mark;
        mark = now;
        const double wnow = wallNow();
        walls += fmt::format(" {:.2f}", wnow - wallMark);
        wallMark = wnow;
        return ms;
    };
    s.walkProcesses();
    const double tWalk = lap();
    s.findNsfsDev();
    s.prepareLaunchers();
    const double tPrepare = lap();
    s.scanMounts();
    const double tMounts = lap();
    s.runWorkers();
    const double tWorkers = lap();
    if (m_options.details)
        s.pidDetails();
    s.launchers();
    const double tLaunchers = lap();
    spdlog::debug("scan: {} processes, {} namespaces; cpu ms: walk {:.2f}, oldest {:.2f}, "
                  "mounts+cgroups {:.2f}, hierarchy+details {:.2f}, launchers {:.2f}; wall ms:{}",
                  s.snap.processes.size(), s.snap.namespaces.size(), tWalk, tPrepare, tMounts,
                  tWorkers, tLaunchers, walls);

    for (Namespace& ns : s.snap.namespaces) {
        ns.dev = s.nsfsDev;
        std::sort(ns.references.begin(), ns.references.end(),
                  [](const Reference& a, const Reference& b) {
                      return std::tie(a.kind, a.path, a.pid, a.fd) <
                             std::tie(b.kind, b.path, b.pid, b.fd);
                  });
    }
    s.snap.complete = s.snap.errors.empty();
    normalize(s.snap);
    return std::move(s.snap);
}

} // namespace nsx::backend
