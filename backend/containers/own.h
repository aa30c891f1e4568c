// Our own containers (issue 15): what nsexplorer-helper launched, by the name given with
// `--name` (the Launch dialog's Name field), shown as engine "nsexplorer" ("nsexplorer: web1").
//
// How the name travels: in the argv of the helper's own process, the supervisor, which stays
// outside the payload's reach for its whole life. The scanner reads it from /proc/PID/cmdline
// (readable by anyone, like ps), after it has verified that the process runs our helper
// (runsOurHelper: the executable, not the comm) and that the pid still names the process whose
// cmdline it read (the start time). Why the payload cannot change it:
//   - /proc/PID/cmdline is the supervisor's own memory between arg_start and arg_end. Only the
//     process itself can write there; from outside it takes ptrace, /proc/PID/mem or
//     process_vm_writev (ptrace access checks) or prctl(PR_SET_MM) (CAP_SYS_RESOURCE, and only
//     on oneself). The supervisor is non-dumpable from before the payload exists
//     (becomeUntraceable), so those checks need CAP_SYS_PTRACE in the initial user namespace,
//     which a payload in a user namespace of its own never holds.
//   - /proc/PID/comm of another process cannot be written at all (EINVAL), and the comm is
//     not what the scanner trusts anyway.
//   - A payload process that calls itself nsexplorer-help (prctl, exec through a file of that
//     name) with a forged argv is not our helper: runsOurHelper() refuses it. One that execs
//     the real helper launches a new, nested container of its own, whose namespaces are its
//     own; the outer namespaces stay credited to their oldest member, the outer supervisor.
// A root-owned file was the other option: it does not exist for a rootless launch (no root to
// own it), and it outlives a killed supervisor; the argv lives and dies with the container.
#pragma once

#include "../snapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace nsx::backend::scan {
struct ScanState;
}

namespace nsx::backend::containers {

// The container our helper's supervisor `supervisorPid` (a namespace's launcher of kind
// "nsexplorer") launched: key "nsexplorer:PID", engine "nsexplorer", name from --name, else
// the --hostname, else the command's file name; id the supervisor's pid; pid the process that
// `enter --container` enters (the supervisor's child: the reaper or the payload); source
// "cmdline". nullopt when the process does not run our helper, has gone or been replaced since
// the walk, or is not a launch (an `enter` supervisor makes no container).
std::optional<Container> nameOurContainer(const scan::ScanState& state, int supervisorPid);

// The pure part, for a helper argv without argv[0] (tests, fixtures).
std::optional<Container> ownContainerFromArgs(const std::vector<std::string>& args,
                                              int supervisorPid);

} // namespace nsx::backend::containers
