// Per-type namespace detail readers. The *Here functions read the namespace the calling
// thread is in: the scanner runs them on a worker thread that setns()ed into the target
// (uts, ipc, net and cgroup can be joined by one thread of a process; mnt, user and pid
// cannot and are read from /proc instead). Never call setns on a thread you care about.
#pragma once

#include "snapshot.h"

#include <cstddef>
#include <cstdint>
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

// One RTM_NEWLINK message, decoded (parseLink): the interface and what names other interfaces
// by number, for the caller to resolve once the whole dump is read.
struct RawLink
{
    NetInterface iface;                   // name, up, index, kind, mac, mtu, operstate
    std::optional<int> masterIndex;       // IFLA_MASTER
    std::optional<int> linkIndex;         // the other end's ifindex (quirk applied, see parseLink)
    std::optional<std::int32_t> linkNsid; // IFLA_LINK_NETNSID: that end is in another namespace
};
// Decodes one rtnetlink RTM_NEWLINK message (header included, `size` bytes); nullopt when it is
// not one or is malformed. The other end: IFLA_LINK, or for vxlan IFLA_VXLAN_LINK (its lower
// device; a vxlan's IFLA_LINK is never sent). The kernel sends IFLA_LINK only when it differs
// from the interface's own index, so with IFLA_LINK_NETNSID and no IFLA_LINK the other end has
// the same index in the other namespace.
std::optional<RawLink> parseLink(const void* message, std::size_t size);

// One RTM_NEWROUTE message that is a default route of the main table (IPv4 or IPv6, unicast),
// decoded; a multipath route gives one entry per next hop; none for any other message.
struct RawRoute
{
    std::string family;                 // "inet" | "inet6"
    std::optional<std::string> gateway; // nullopt: on-link
    int oif = 0;
};
std::vector<RawRoute> parseDefaultRoute(const void* message, std::size_t size);

// What readNetHere reads of the calling thread's network namespace.
struct NetReadout
{
    std::vector<NetInterface> interfaces; // in ifindex order
    std::vector<NetRoute> defaultRoutes;
    // Parallel to interfaces: the NSID of the other end's namespace (link.netns is left unset
    // for the caller to resolve with nsidOf), nullopt when that end is in this namespace.
    std::vector<std::optional<std::int32_t>> linkNsids;
};

// Interfaces of the calling thread's network namespace through rtnetlink (RTM_GETLINK,
// RTM_GETADDR and RTM_GETROUTE dumps), in ifindex order, each with its IPv4 and IPv6 addresses
// ("a/prefix") and topology (kind, mac, mtu, operstate, master, the other end), and the default
// routes. buffer is scratch space reused between calls.
std::optional<NetReadout> readNetHere(std::vector<char>& buffer, int* err = nullptr);
// The same through `sock`, a NETLINK_ROUTE socket made in the namespace to read (a socket stays
// in the network namespace it was made in, wherever it is used from). Closes it.
std::optional<NetReadout> readNetThrough(int sock, std::vector<char>& buffer, int* err = nullptr);

// A NETLINK_ROUTE socket of the calling thread's network namespace (it stays bound to it),
// or -1 with errno set.
int openRtnetlink();
// RTM_GETNSID with NETNSA_FD: the NSID that the socket's namespace gives the namespace of
// nsFd; nullopt when it has given it none (or on error).
std::optional<std::int32_t> nsidOf(int rtnlSocket, int nsFd);

// The root of a cgroup namespace as seen from outside it, from one member's cgroup path read
// from outside (outside) and from inside the namespace (inside): outside = root + inside.
// nullopt when the two do not fit together (the member sits above the namespace root).
std::optional<std::string> cgroupRootFrom(std::string_view outside, std::string_view inside);

} // namespace nsx::backend::details
