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
// "eth0" here, addresses hostAddr/30 and nsAddr/30, both up.
std::string connectToHost(const HostNetHandles& handles, const std::string& hostIfName,
                          const std::string& hostAddr, const std::string& nsAddr);

} // namespace nsx::helper
