// Who a process is: the user and group ids on the Uid: and Gid: lines of /proc/PID/status.
// The one reader for the helper (which checks the effective ids), nsexplorer-cli and the enter
// dialog (which pick the way in from the real uid). libc and the C++ standard library only.
#pragma once

#include <optional>
#include <string_view>
#include <sys/types.h>

namespace nsx::backend {

struct ProcessIds
{
    uid_t realUid = 0;
    uid_t effectiveUid = 0;
    gid_t realGid = 0;
    gid_t effectiveGid = 0;
};

// The ids in the text of a /proc/PID/status file; nullopt unless both lines are there and whole.
std::optional<ProcessIds> parseProcessIds(std::string_view status);
// Reads /proc/PID/status; nullopt when the process is gone or the file not readable.
std::optional<ProcessIds> readProcessIds(pid_t pid);

} // namespace nsx::backend
