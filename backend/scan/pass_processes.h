// Pass 1, the process walk: what pass_processes.cpp (the walk and its merge) and
// process_reader.cpp (one process directory) share.
#pragma once

#include "scan_state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nsx::backend::scan {

// What the walk found in one chunk of pids; chunks are merged in pid order.
struct WalkOutput
{
    std::vector<Process> processes;
    std::vector<ScanError> errors;
    using Loose = LooseThread; // a thread in another namespace than its process
    std::vector<Loose> loose;
    std::vector<HeldFd> fds;
    std::vector<TunFd> tunFds;     // descriptors on /dev/net/tun (TUN/TAP servers)
    std::vector<ProcessMemo> memo; // for the next scan
    std::vector<char> lasting;     // per process: the last scan saw it (its memo matched)
};

// Scratch space of one walking thread.
struct WalkBuffers
{
    std::string buf;
    std::vector<char> dirBuf;
};

// pidfd_open(pid), or -1.
int pidfdOpen(int pid);

// The effective uid of the process behind pidfd, as our user namespace sees it (like the
// Uid line of status, which is read with the scanner's credentials too).
std::optional<std::uint32_t> pidfdEuid(int pidfd);

} // namespace nsx::backend::scan
