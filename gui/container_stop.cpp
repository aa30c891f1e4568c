#include "container_stop.h"

#include <csignal>

#include <sys/syscall.h>
#include <unistd.h>

namespace nsx::gui {

bool sendStopSignals(int pidfd)
{
    if (::syscall(SYS_pidfd_send_signal, pidfd, SIGHUP, nullptr, 0) != 0)
        return false;
    // The helper may already be gone after SIGHUP: that failure is not one.
    ::syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, nullptr, 0);
    return true;
}

} // namespace nsx::gui
