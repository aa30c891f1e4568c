#include "helper_net.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace nsx::helper {

namespace {

std::string errnoText(const char* what)
{
    return std::string(what) + ": " + std::strerror(errno);
}

std::string setFlagsUp(int sock, const char* ifname)
{
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    if (::ioctl(sock, SIOCGIFFLAGS, &ifr) < 0)
        return errnoText((std::string("SIOCGIFFLAGS ") + ifname).c_str());
    ifr.ifr_flags |= IFF_UP;
    if (::ioctl(sock, SIOCSIFFLAGS, &ifr) < 0)
        return errnoText((std::string("SIOCSIFFLAGS ") + ifname).c_str());
    return {};
}

std::string setAddress(int sock, const char* ifname, const std::string& addr)
{
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    auto* sin = reinterpret_cast<sockaddr_in*>(&ifr.ifr_addr);
    sin->sin_family = AF_INET;
    if (::inet_pton(AF_INET, addr.c_str(), &sin->sin_addr) != 1)
        return "bad address " + addr;
    if (::ioctl(sock, SIOCSIFADDR, &ifr) < 0)
        return errnoText((std::string("SIOCSIFADDR ") + ifname).c_str());
    sin = reinterpret_cast<sockaddr_in*>(&ifr.ifr_netmask);
    sin->sin_family = AF_INET;
    ::inet_pton(AF_INET, "255.255.255.252", &sin->sin_addr);
    if (::ioctl(sock, SIOCSIFNETMASK, &ifr) < 0)
        return errnoText((std::string("SIOCSIFNETMASK ") + ifname).c_str());
    return setFlagsUp(sock, ifname);
}

// A tiny rtnetlink message builder: fixed buffer, nested attributes by offset.
struct NlMsg
{
    alignas(NLMSG_ALIGNTO) char buf[1024]{};
    nlmsghdr* hdr() { return reinterpret_cast<nlmsghdr*>(buf); }
    rtattr* put(unsigned short type, const void* data, std::size_t len)
    {
        auto* rta = reinterpret_cast<rtattr*>(buf + NLMSG_ALIGN(hdr()->nlmsg_len));
        rta->rta_type = type;
        rta->rta_len = static_cast<unsigned short>(RTA_LENGTH(len));
        if (len)
            std::memcpy(RTA_DATA(rta), data, len);
        hdr()->nlmsg_len = NLMSG_ALIGN(hdr()->nlmsg_len) + RTA_ALIGN(rta->rta_len);
        return rta;
    }
    rtattr* begin(unsigned short type) { return put(type, nullptr, 0); }
    void end(rtattr* nest)
    {
        nest->rta_len =
            static_cast<unsigned short>(buf + hdr()->nlmsg_len - reinterpret_cast<char*>(nest));
    }
};

} // namespace

std::string openHostNetHandles(HostNetHandles& h)
{
    h.rtnl = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (h.rtnl < 0)
        return errnoText("netlink socket");
    h.inet = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (h.inet < 0)
        return errnoText("inet socket");
    return {};
}

std::string bringLoopbackUp()
{
    const int sock = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0)
        return errnoText("socket");
    std::string err = setFlagsUp(sock, "lo");
    ::close(sock);
    return err;
}

std::string connectToHost(const HostNetHandles& h, const std::string& hostIfName,
                          const std::string& hostAddr, const std::string& nsAddr)
{
    const int nsFd = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (nsFd < 0)
        return errnoText("open /proc/self/ns/net");

    NlMsg m;
    m.hdr()->nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
    m.hdr()->nlmsg_type = RTM_NEWLINK;
    m.hdr()->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
    m.hdr()->nlmsg_seq = 1;
    reinterpret_cast<ifinfomsg*>(NLMSG_DATA(m.hdr()))->ifi_family = AF_UNSPEC;
    m.put(IFLA_IFNAME, hostIfName.c_str(), hostIfName.size() + 1);
    rtattr* linkinfo = m.begin(IFLA_LINKINFO);
    m.put(IFLA_INFO_KIND, "veth", 5);
    rtattr* data = m.begin(IFLA_INFO_DATA);
    rtattr* peer = m.begin(VETH_INFO_PEER);
    // The peer's payload starts with its own ifinfomsg.
    ifinfomsg peerInfo{};
    peerInfo.ifi_family = AF_UNSPEC;
    std::memcpy(m.buf + m.hdr()->nlmsg_len, &peerInfo, sizeof peerInfo);
    m.hdr()->nlmsg_len += NLMSG_ALIGN(sizeof peerInfo);
    m.put(IFLA_IFNAME, "eth0", 5);
    const std::uint32_t fd32 = static_cast<std::uint32_t>(nsFd);
    m.put(IFLA_NET_NS_FD, &fd32, sizeof fd32);
    m.end(peer);
    m.end(data);
    m.end(linkinfo);

    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(h.rtnl, m.buf, m.hdr()->nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel),
                 sizeof kernel) < 0) {
        ::close(nsFd);
        return errnoText("netlink send");
    }
    char reply[1024];
    const ssize_t n = ::recv(h.rtnl, reply, sizeof reply, 0);
    ::close(nsFd);
    if (n < static_cast<ssize_t>(NLMSG_LENGTH(sizeof(nlmsgerr))))
        return errnoText("netlink reply");
    auto* rh = reinterpret_cast<nlmsghdr*>(reply);
    if (rh->nlmsg_type == NLMSG_ERROR) {
        const int e = reinterpret_cast<nlmsgerr*>(NLMSG_DATA(rh))->error;
        if (e != 0) {
            errno = -e;
            return errnoText("creating the veth pair");
        }
    }
    if (auto err = setAddress(h.inet, hostIfName.c_str(), hostAddr); !err.empty())
        return "host end: " + err;
    const int sock = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0)
        return errnoText("socket");
    std::string err = setAddress(sock, "eth0", nsAddr);
    ::close(sock);
    return err.empty() ? err : "namespace end: " + err;
}

} // namespace nsx::helper
