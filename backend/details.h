// Per-type namespace detail readers. The *Here functions read the namespace the calling
// thread is in: the scanner runs them on a worker thread that setns()ed into the target
// (uts, ipc, net and cgroup can be joined by one thread of a process; mnt, user and pid
// cannot and are read from /proc instead). Never call setns on a thread you care about.
#pragma once

#include "snapshot.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend::details {

struct UtsNames
{
    std::string hostname, domainname;
};
// uname() of the calling thread's UTS namespace.
std::optional<UtsNames> readUtsHere();

struct IpcCounts
{
    std::int64_t msgQueues = 0, shmSegments = 0, semaphoreSets = 0;
};
// SysV object counts of the calling thread's IPC namespace (MSG_INFO, SHM_INFO, SEM_INFO);
// nullopt with *err set when the kernel refuses.
std::optional<IpcCounts> readIpcHere(int* err = nullptr);

// Interfaces of the calling thread's network namespace through rtnetlink (RTM_GETLINK and
// RTM_GETADDR dumps), in ifindex order, each with its IPv4 and IPv6 addresses ("a/prefix").
// buffer is scratch space reused between calls.
std::optional<std::vector<NetInterface>> readNetHere(std::vector<char>& buffer, int* err = nullptr);
// The same through `sock`, a NETLINK_ROUTE socket made in the namespace to read (a socket stays
// in the network namespace it was made in, wherever it is used from). Closes it.
std::optional<std::vector<NetInterface>> readNetThrough(int sock, std::vector<char>& buffer,
                                                        int* err = nullptr);

// The root of a cgroup namespace as seen from outside it, from one member's cgroup path read
// from outside (outside) and from inside the namespace (inside): outside = root + inside.
// nullopt when the two do not fit together (the member sits above the namespace root).
std::optional<std::string> cgroupRootFrom(std::string_view outside, std::string_view inside);

} // namespace nsx::backend::details
