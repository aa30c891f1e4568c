// Pass 1, one process: everything the walk reads below /proc/PID, on whichever walking thread
// took its chunk. Nothing here touches the ScanState but the chunk's WalkOutput.
#include "pass_processes.h"
#include "proc_io.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <shared_mutex>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace nsx::backend::scan {

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
} // namespace

int pidfdOpen(int pid)
{
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

std::optional<std::uint32_t> pidfdEuid(int pidfd)
{
    PidfdInfo info{};
    info.mask = kPidfdInfoCreds;
    if (::ioctl(pidfd, kPidfdGetInfo, &info) != 0 || !(info.mask & kPidfdInfoCreds))
        return std::nullopt;
    return info.euid;
}

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
        if (proc.pid == selfPid && isWorkerThread(static_cast<pid_t>(tid)))
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
        gate = freezeRegisteredFds();
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
        // namespace type has: skip them before parsing ("pipe:" must be parsed: "pid:"). Of the
        // files, /dev/net/tun is kept: whose fdinfo may name a TUN/TAP interface it serves.
        static constexpr std::string_view kTun = "/dev/net/tun";
        if (n == static_cast<ssize_t>(kTun.size()) && std::string_view(link, kTun.size()) == kTun) {
            if (int fd = procfs::parsePid(name).value_or(-1); fd >= 0 || name == "0")
                out.tunFds.push_back({pid, fd < 0 ? 0 : fd});
            return;
        }
        if (n < 6 || link[0] == '/' || link[0] == 's' || link[0] == 'a')
            return;
        auto ns = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
        if (!ns)
            return;
        int fd = name == "0" ? 0 : procfs::parsePid(name).value_or(-1);
        if (fd < 0)
            return;
        if (pid == selfPid && isRegisteredFd(fd))
            return;
        out.fds.push_back({ns->type, ns->inode, pid, fd});
    });
}

} // namespace nsx::backend::scan
