#include "helper_net.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

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

// Sends one request and reads replies until NLMSG_DONE (a dump) or the ack; `each` sees every
// data message. Empty string on success.
template <typename F> std::string talk(int rtnl, NlMsg& m, F&& each)
{
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(rtnl, m.buf, m.hdr()->nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel),
                 sizeof kernel) < 0)
        return errnoText("netlink send");
    const bool dump = m.hdr()->nlmsg_flags & NLM_F_DUMP;
    alignas(nlmsghdr) char reply[32768];
    for (;;) {
        const ssize_t n = ::recv(rtnl, reply, sizeof reply, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return errnoText("netlink reply");
        int len = static_cast<int>(n);
        for (auto* h = reinterpret_cast<nlmsghdr*>(reply); NLMSG_OK(h, len);
             h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_seq != m.hdr()->nlmsg_seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE)
                return {};
            if (h->nlmsg_type == NLMSG_ERROR) {
                const int e = reinterpret_cast<nlmsgerr*>(NLMSG_DATA(h))->error;
                if (e == 0)
                    return {};
                errno = -e;
                return errnoText("netlink");
            }
            each(h);
        }
        if (!dump)
            return "netlink: no answer";
    }
}

constexpr std::uint32_t kPoolBase = 0x0ad10000; // 10.209.0.0/16
constexpr unsigned kBlocks = 1u << 14;          // /30s in the pool

// Marks the /30s that network/len overlaps. Prefixes wider than the pool (a default route,
// 10.0.0.0/8) are routes *around* it, not users of it: only an address inside them counts.
void markTaken(std::vector<bool>& taken, std::uint32_t net, unsigned len)
{
    if (len > 32)
        return;
    const std::uint64_t size = 1ULL << (32 - len);
    const std::uint64_t first = net & ~(size - 1);
    const std::uint64_t last = first + size - 1;
    const std::uint64_t lo = kPoolBase, hi = kPoolBase + 0xffff;
    if (last < lo || first > hi)
        return;
    for (std::uint64_t a = std::max(first, lo) & ~3ULL; a <= std::min(last, hi); a += 4)
        taken[static_cast<std::size_t>((a - kPoolBase) >> 2)] = true;
}

std::string addr4(std::uint32_t hostOrder)
{
    in_addr a{htonl(hostOrder)};
    char buf[INET_ADDRSTRLEN];
    return ::inet_ntop(AF_INET, &a, buf, sizeof buf) ? buf : "";
}

} // namespace

int lockAddressPool()
{
    const int fd =
        ::open("/run/nsexplorer-helper-net.lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int e = errno;
            ::close(fd);
            errno = e;
            return -1;
        }
    }
    return fd;
}

std::string pickFreeBlock(const HostNetHandles& h, std::string& hostAddr, std::string& nsAddr)
{
    std::vector<bool> taken(kBlocks);
    NlMsg a;
    a.hdr()->nlmsg_len = NLMSG_LENGTH(sizeof(ifaddrmsg));
    a.hdr()->nlmsg_type = RTM_GETADDR;
    a.hdr()->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    a.hdr()->nlmsg_seq = 2;
    reinterpret_cast<ifaddrmsg*>(NLMSG_DATA(a.hdr()))->ifa_family = AF_INET;
    auto err = talk(h.rtnl, a, [&](nlmsghdr* m) {
        if (m->nlmsg_type != RTM_NEWADDR)
            return;
        auto* ifa = reinterpret_cast<ifaddrmsg*>(NLMSG_DATA(m));
        int len = static_cast<int>(IFA_PAYLOAD(m));
        for (auto* rta = IFA_RTA(ifa); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
            if ((rta->rta_type != IFA_LOCAL && rta->rta_type != IFA_ADDRESS) ||
                RTA_PAYLOAD(rta) != 4)
                continue;
            std::uint32_t v;
            std::memcpy(&v, RTA_DATA(rta), 4);
            v = ntohl(v);
            markTaken(taken, v, 32); // the address itself
            if (ifa->ifa_prefixlen >= 16)
                markTaken(taken, v, ifa->ifa_prefixlen); // and the subnet it reaches directly
        }
    });
    if (!err.empty())
        return "listing the host's addresses: " + err;
    NlMsg r;
    r.hdr()->nlmsg_len = NLMSG_LENGTH(sizeof(rtmsg));
    r.hdr()->nlmsg_type = RTM_GETROUTE;
    r.hdr()->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    r.hdr()->nlmsg_seq = 3;
    reinterpret_cast<rtmsg*>(NLMSG_DATA(r.hdr()))->rtm_family = AF_INET;
    err = talk(h.rtnl, r, [&](nlmsghdr* m) {
        if (m->nlmsg_type != RTM_NEWROUTE)
            return;
        auto* rt = reinterpret_cast<rtmsg*>(NLMSG_DATA(m));
        if (rt->rtm_dst_len < 16)
            return; // a route around the pool (default, 10/8), not into it
        int len = static_cast<int>(RTM_PAYLOAD(m));
        for (auto* rta = RTM_RTA(rt); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
            if (rta->rta_type != RTA_DST || RTA_PAYLOAD(rta) != 4)
                continue;
            std::uint32_t v;
            std::memcpy(&v, RTA_DATA(rta), 4);
            markTaken(taken, ntohl(v), rt->rtm_dst_len);
        }
    });
    if (!err.empty())
        return "listing the host's routes: " + err;
    for (unsigned b = 0; b < kBlocks; ++b) {
        if (taken[b])
            continue;
        hostAddr = addr4(kPoolBase + b * 4 + 1);
        nsAddr = addr4(kPoolBase + b * 4 + 2);
        return {};
    }
    return "no free /30 left in 10.209.0.0/16";
}

std::string deleteLink(int rtnl, const std::string& ifname)
{
    NlMsg m;
    m.hdr()->nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
    m.hdr()->nlmsg_type = RTM_DELLINK;
    m.hdr()->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    m.hdr()->nlmsg_seq = 4;
    reinterpret_cast<ifinfomsg*>(NLMSG_DATA(m.hdr()))->ifi_family = AF_UNSPEC;
    m.put(IFLA_IFNAME, ifname.c_str(), ifname.size() + 1);
    auto err = talk(rtnl, m, [](nlmsghdr*) {});
    if (!err.empty() && errno == ENODEV)
        return {}; // already gone with its namespace
    return err;
}

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
                          const std::string& hostAddr, const std::string& nsAddr, bool& mayExist)
{
    mayExist = false;
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
    mayExist = true; // until the kernel says it refused
    char reply[1024];
    const ssize_t n = ::recv(h.rtnl, reply, sizeof reply, 0);
    ::close(nsFd);
    if (n < static_cast<ssize_t>(NLMSG_LENGTH(sizeof(nlmsgerr))))
        return errnoText("netlink reply");
    auto* rh = reinterpret_cast<nlmsghdr*>(reply);
    if (rh->nlmsg_type == NLMSG_ERROR) {
        const int e = reinterpret_cast<nlmsgerr*>(NLMSG_DATA(rh))->error;
        if (e != 0) {
            mayExist = false;
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
