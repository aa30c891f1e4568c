// Network setup for nsexplorer-helper: loopback up in a new network namespace, and the
// optional veth pair to the host. Plain ioctl and rtnetlink, no external tools.
#pragma once

#include <string>

namespace nsx::helper {

// Sockets opened in the host's network namespace *before* unshare(CLONE_NEWNET): a socket keeps
// the namespace it was created in, so they still configure the host side afterwards.
struct HostNetHandles
{
    int rtnl = -1; // NETLINK_ROUTE
    int inet = -1; // AF_INET datagram socket for SIOCSIF* ioctls
};

// Empty string on success, otherwise a one-line reason.
std::string openHostNetHandles(HostNetHandles& handles);
std::string bringLoopbackUp();
// Call inside the new network namespace: creates host end `hostIfName` in the host namespace and
// "eth0" here, addresses hostAddr/30 and nsAddr/30, both up. `mayExist` ends false when the
// kernel refused the pair (EEXIST included: a link of that name that is not ours), true once
// the request may have made it: only then is the host end the caller's to remove.
std::string connectToHost(const HostNetHandles& handles, const std::string& hostIfName,
                          const std::string& hostAddr, const std::string& nsAddr, bool& mayExist);

// The addresses of --connect-host come from 10.209.0.0/16, one /30 per container. A helper
// holds this lock (an flock on a root-only file under /run) from picking a /30 until its
// addresses are assigned; -1 with errno on failure.
int lockAddressPool();
// The first /30 of the pool that overlaps no IPv4 address or route of the host's network
// namespace (asked of the kernel over `handles.rtnl`): host end .1, namespace end .2.
std::string pickFreeBlock(const HostNetHandles& handles, std::string& hostAddr,
                          std::string& nsAddr);
// RTM_DELLINK by name in the socket's namespace (a veth's peer goes with it).
std::string deleteLink(int rtnl, const std::string& ifname);

} // namespace nsx::helper
