// Acting on a process the browser showed: a pid plus its start time (clock ticks after boot,
// field 22 of /proc/PID/stat). A pid alone may name another process by the time the user acts
// on it; a pidfd opened and then checked against the start time names the very process that
// was shown. Used by the GUI's signal actions, the enter dialog and Stop container.
//
// Stopping a container nsexplorer's helper started is done in two steps: stop signals to the
// helper now (sendStopSignals), and after a grace period SIGKILL to whatever of it is still
// there (killRemaining). The GUI's ContainerStopper owns the timer in between.
#pragma once

#include "ns_type.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nsx::backend {

struct Process;
struct Snapshot;

// The state and start time of a pid now (procfs::parseStat); 0 and 0 when unreadable.
struct LiveStat
{
    char state = 0;
    std::uint64_t start = 0;
};
LiveStat liveStat(int pid);

// Still running: not gone, and not a zombie its parent has not reaped yet.
bool running(int pid);

// A pidfd on pid if it is still the process that started at `start`, else -1. Opened first:
// the start time read after it proves the pidfd names that very process.
int pidfdIfSame(int pid, std::uint64_t start);

// pidfd_send_signal; true when delivered, errno set otherwise.
bool signalPidfd(int pidfd, int sig);

// The process behind the pidfd has not exited (pidfd_send_signal with signal 0; EPERM, another
// user's process, counts as alive).
bool pidfdAlive(int pidfd);

// A process pinned by its start time.
struct PinnedProcess
{
    int pid = 0;
    std::uint64_t startTime = 0;
    friend bool operator==(const PinnedProcess&, const PinnedProcess&) = default;
};

// The helper (nsexplorer-helper at `helperPath`, not this process) that a container belongs
// to, or null. For a namespace: the helper that made it, as its launcher or (when it moved into
// the namespace itself) a member. For a process: the nearest helper among the process and its
// ancestors (a process that only shares a namespace with a container does not belong to it).
// The name is anyone's to choose, so the running executable is checked now, on the live
// process; its start time is checked again when it is signalled.
const Process* containerHelperOfNamespace(const Snapshot& s, NsType type, std::uint64_t inode,
                                          const std::string& helperPath);
const Process* containerHelperOfProcess(const Snapshot& s, int pid, const std::string& helperPath);

// The container's processes as the snapshot shows them: the helper's descendants.
std::vector<PinnedProcess> containerMembers(const Snapshot& s, int helperPid);

// The first step of a stop, through `pidfd` (the helper, checked to be the same process).
// SIGHUP first: an interactive shell ignores SIGTERM but ends at once on SIGHUP (as when its
// terminal closes), so the helper sees its payload go, restores the user's terminal and exits
// on its own, instead of being SIGKILLed after the grace period with the terminal left raw.
// SIGTERM then for payloads that ignore SIGHUP (nohup) but not SIGTERM. True when the first
// one was delivered; errno is set otherwise.
bool sendStopSignals(int pidfd);

// The last step, after the grace period: SIGKILL to the helper if it is still there (its
// reaper and payload die with it, and a pid namespace with its PID 1) and to each member still
// alive (without a pid namespace, a payload's own children would outlive it). Each is checked
// through a pidfd (that very process, not another one under its pid) and running() (not just
// a zombie).
struct KillCount
{
    int killed = 0;
    int refused = 0;
};
KillCount killRemaining(int helperPidfd, int helperPid, const std::vector<PinnedProcess>& members);

} // namespace nsx::backend
