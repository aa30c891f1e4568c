// The scanner runs its passes in a fixed order (see Scanner::scan):
//   1. processes   — one walk of the procfs root: stat, status, cmdline, ns links
//   2. threads     — task/TID/ns of multi-threaded processes, for loose threads
//   3. fds         — /proc/PID/fd, for namespaces held by descriptors
//   4. mounts      — mountinfo of one member of every mount namespace: nsfs bind mounts,
//                    mount counts and the root mount
//   5. hierarchy + details — per namespace, on worker threads (some setns into it)
//   6. launcher    — who started each non-initial namespace
// Every namespace is opened once per scan; every process directory is opened once.
#include "scanner.h"

#include "nsfs.h"
#include "procfs.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
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
int readFileAt(int dirFd, const char* path, std::string& buf)
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
    }
    buf.resize(used);
    ::close(fd);
    return err;
}

// Lists the entries of a directory fd (getdents64 on a reused buffer), skipping dot entries.
template <typename F> int forEachDirEntry(int dirFd, std::vector<char>& buf, F&& f)
{
    if (buf.size() < 32768)
        buf.resize(32768);
    if (::lseek(dirFd, 0, SEEK_SET) < 0)
        return errno;
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

} // namespace

// Caches that live across scans of one Scanner.
struct ScanCache
{
    std::string buf;
    std::vector<char> dirBuf;
    std::unordered_map<std::uint32_t, std::optional<std::string>> userCache;

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

// Everything one scan needs besides the snapshot itself.
struct ScanState
{
    const ScanOptions& options;
    ScanCache& p;
    Snapshot snap;
    int procFd = -1;
    std::unordered_map<NsKey, std::size_t, NsKeyHash> nsIndex;

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

    Namespace& ns(NsType type, std::uint64_t inode)
    {
        auto [it, added] = nsIndex.try_emplace(NsKey{type, inode}, snap.namespaces.size());
        if (added) {
            Namespace n;
            n.type = type;
            n.inode = inode;
            snap.namespaces.push_back(std::move(n));
        }
        return snap.namespaces[it->second];
    }

    void scanProcess(int pid, std::string_view name);
    void walkProcesses();
};

void ScanState::scanProcess(int pid, std::string_view name)
{
    char rel[64];
    std::snprintf(rel, sizeof rel, "%d", pid);
    int dfd = ::openat(procFd, rel, kDirFlags);
    if (dfd < 0) {
        if (!vanished(errno))
            error(pid, rel, errno);
        return;
    }
    UniqueFd dir(dfd);
    auto relPath = [&](const char* leaf) { return std::string(rel) + "/" + leaf; };

    Process proc;
    proc.pid = pid;
    int err = readFileAt(dfd, "stat", p.buf);
    if (err) {
        // A process that is gone between readdir and open is normal, not an error.
        if (!vanished(err))
            error(pid, relPath("stat"), err);
        return;
    }
    int numThreads = 1;
    if (p.buf.empty()) {
        error(pid, relPath("stat"), "empty");
    } else if (auto st = procfs::parseStat(p.buf)) {
        proc.comm = std::move(st->comm);
        proc.state = st->state;
        proc.ppid = st->ppid;
        proc.startTime = st->startTime;
        numThreads = st->numThreads;
        if (!st->complete())
            error(pid, relPath("stat"), "truncated");
    } else {
        error(pid, relPath("stat"), "malformed");
    }

    err = readFileAt(dfd, "status", p.buf);
    if (!err) {
        procfs::StatusInfo status = procfs::parseStatus(p.buf);
        proc.uid = status.effectiveUid ? status.effectiveUid : status.realUid;
        proc.nspid = std::move(status.nspid);
        if (!proc.uid)
            error(pid, relPath("status"), p.buf.empty() ? "empty" : "malformed");
    } else if (!vanished(err)) {
        error(pid, relPath("status"), err);
    }
    if (!proc.uid) {
        // The owner of /proc/PID is the process's effective uid (root when not dumpable).
        struct stat st;
        if (::fstat(dfd, &st) == 0)
            proc.uid = st.st_uid;
    }
    if (proc.uid)
        proc.user = p.userName(*proc.uid);

    err = readFileAt(dfd, "cmdline", p.buf);
    if (!err)
        proc.cmdline = procfs::parseCmdline(p.buf);
    else if (!vanished(err))
        error(pid, relPath("cmdline"), err);

    char link[128];
    char nsRel[32];
    for (NsType t : kAllNsTypes) {
        std::snprintf(nsRel, sizeof nsRel, "ns/%s", toString(t).data());
        ssize_t n = ::readlinkat(dfd, nsRel, link, sizeof link);
        if (n < 0) {
            // ENOENT: a zombie (no namespaces left) or a kernel without this type.
            if (!vanished(errno))
                error(pid, relPath(nsRel), errno);
            continue;
        }
        auto ns = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
        if (!ns || ns->type != t) {
            error(pid, relPath(nsRel), "malformed");
            continue;
        }
        proc.namespaces[index(t)] = ns->inode;
    }
    (void)numThreads;
    (void)name;

    for (NsType t : kAllNsTypes)
        if (auto inode = proc.namespaces[index(t)])
            this->ns(t, *inode).processes.push_back(pid);
    snap.processes.push_back(std::move(proc));
}

void ScanState::walkProcesses()
{
    std::vector<int> pids;
    int err = forEachDirEntry(procFd, p.dirBuf, [&](std::string_view name) {
        if (auto pid = procfs::parsePid(name))
            pids.push_back(*pid);
    });
    if (err)
        error(0, "", err);
    std::sort(pids.begin(), pids.end());
    snap.processes.reserve(pids.size());
    for (int pid : pids)
        scanProcess(pid, {});
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

    s.walkProcesses();

    // All namespaces share the nsfs device; one stat of any ns link gives it.
    for (const Process& proc : s.snap.processes) {
        struct stat st;
        char rel[64];
        std::snprintf(rel, sizeof rel, "%d/ns/net", proc.pid);
        if (proc.namespaces[index(NsType::Net)] && ::fstatat(s.procFd, rel, &st, 0) == 0) {
            for (Namespace& ns : s.snap.namespaces)
                ns.dev = st.st_dev;
            break;
        }
    }

    s.snap.complete = s.snap.errors.empty();
    normalize(s.snap);
    return std::move(s.snap);
}

} // namespace nsx::backend
