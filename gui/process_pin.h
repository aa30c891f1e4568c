// A process as the browser showed it: a pid plus its start time (clock ticks after boot, field
// 22 of /proc/PID/stat). A pid alone may name another process by the time the user acts on it;
// a pidfd opened and then checked against the start time names the very process that was shown.
// Shared by MainWindow's signal actions and the enter dialog.
#pragma once

#include <cstdint>

namespace nsx::gui {

// The state and start time of a pid now (procfs::parseStat); 0 and 0 when unreadable.
struct LiveStat
{
    char state = 0;
    std::uint64_t start = 0;
};
LiveStat liveStat(int pid);

// A pidfd on pid if it is still the process that started at `start`, else -1. Opened first:
// the start time read after it proves the pidfd names that very process.
int pidfdIfSame(int pid, std::uint64_t start);

// The process behind the pidfd has not exited (pidfd_send_signal with signal 0; EPERM, another
// user's process, counts as alive).
bool pidfdAlive(int pidfd);

} // namespace nsx::gui
