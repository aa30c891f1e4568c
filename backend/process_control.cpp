#include "process_control.h"

#include "launcher.h"
#include "nsfs.h"
#include "procfs.h"
#include "snapshot.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <string_view>
#include <sys/syscall.h>
#include <unistd.h>

namespace nsx::backend {

namespace {

// nsexplorer-helper as the kernel truncates comm (15 bytes).
constexpr std::string_view kHelperComm = "nsexplorer-help";

// Ancestor chains are walked at most this far (a crafted snapshot may hold a cycle).
constexpr int kMaxDepth = 64;

const Process* helperAt(const Snapshot& s, int pid, const std::string& helperPath)
{
    const Process* p = pid > 0 ? s.findProcess(pid) : nullptr;
    return p && p->comm == kHelperComm && p->pid != ::getpid() &&
                   runsOurHelper("/proc", p->pid, p->uid, helperPath)
               ? p
               : nullptr;
}

} // namespace

LiveStat liveStat(int pid)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/stat";
    const nsfs::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return {};
    char buf[4096];
    std::string text;
    for (ssize_t n; (n = ::read(fd.get(), buf, sizeof buf)) > 0;)
        text.append(buf, std::size_t(n));
    const auto st = procfs::parseStat(text);
    if (!st || !st->complete())
        return {};
    return {st->state, st->startTime};
}

bool running(int pid)
{
    const char state = liveStat(pid).state;
    return state && state != 'Z' && state != 'X';
}

int pidfdIfSame(int pid, std::uint64_t start)
{
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0)
        return -1;
    if (start == 0 || liveStat(pid).start != start) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool signalPidfd(int pidfd, int sig)
{
    return pidfd >= 0 && ::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0) == 0;
}

bool pidfdAlive(int pidfd)
{
    // EPERM: it is there, but another user's (ESRCH once it has exited).
    return pidfd >= 0 &&
           (::syscall(SYS_pidfd_send_signal, pidfd, 0, nullptr, 0) == 0 || errno == EPERM);
}

const Process* containerHelperOfNamespace(const Snapshot& s, NsType type, std::uint64_t inode,
                                          const std::string& helperPath)
{
    const Namespace* ns = s.findNamespace(type, inode);
    if (!ns || !ns->launcher || ns->launcher->kind != "nsexplorer")
        return nullptr;
    const Process* helper = helperAt(s, ns->launcher->pid.value_or(0), helperPath);
    for (std::size_t k = 0; !helper && k < ns->processes.size(); ++k)
        helper = helperAt(s, ns->processes[k], helperPath);
    return helper;
}

const Process* containerHelperOfProcess(const Snapshot& s, int pid, const std::string& helperPath)
{
    const Process* helper = nullptr;
    const Process* p = s.findProcess(pid);
    for (int guard = 0; p && !helper && guard < kMaxDepth; ++guard) {
        helper = helperAt(s, p->pid, helperPath);
        p = p->ppid > 0 ? s.findProcess(p->ppid) : nullptr;
    }
    return helper;
}

std::vector<PinnedProcess> containerMembers(const Snapshot& s, int helperPid)
{
    std::vector<PinnedProcess> members;
    for (const Process& p : s.processes) {
        const Process* q = &p;
        for (int guard = 0; q && guard < kMaxDepth; ++guard) {
            if (q->ppid == helperPid) {
                members.push_back({p.pid, p.startTime});
                break;
            }
            q = q->ppid > 0 ? s.findProcess(q->ppid) : nullptr;
        }
    }
    return members;
}

bool sendStopSignals(int pidfd)
{
    if (!signalPidfd(pidfd, SIGHUP))
        return false;
    // The helper may already be gone after SIGHUP: that failure is not one.
    signalPidfd(pidfd, SIGTERM);
    return true;
}

KillCount killRemaining(int helperPidfd, int helperPid, const std::vector<PinnedProcess>& members)
{
    KillCount n;
    auto stillThere = [](int fd, int pid) { return pidfdAlive(fd) && running(pid); };
    auto kill = [&](int fd) { signalPidfd(fd, SIGKILL) ? ++n.killed : ++n.refused; };
    if (stillThere(helperPidfd, helperPid))
        kill(helperPidfd);
    for (const PinnedProcess& m : members) {
        const nsfs::UniqueFd fd(pidfdIfSame(m.pid, m.startTime));
        if (fd && stillThere(fd.get(), m.pid))
            kill(fd.get());
    }
    return n;
}

} // namespace nsx::backend
