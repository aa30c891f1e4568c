#include "details.h"

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <map>
#include <net/if.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace nsx::backend::details {

std::optional<UtsNames> readUtsHere()
{
    struct utsname u;
    if (::uname(&u) != 0)
        return std::nullopt;
    return UtsNames{u.nodename, u.domainname};
}

std::optional<IpcCounts> readIpcHere(int* err)
{
    IpcCounts c;
    struct msginfo mi;
    int rc = ::msgctl(0, MSG_INFO, reinterpret_cast<struct msqid_ds*>(&mi));
    if (rc < 0) {
        if (err)
            *err = errno;
        return std::nullopt;
    }
    c.msgQueues = mi.msgpool; // MSG_INFO: msgpool holds the number of queues in use
    struct shm_info si;
    rc = ::shmctl(0, SHM_INFO, reinterpret_cast<struct shmid_ds*>(&si));
    if (rc < 0) {
        if (err)
            *err = errno;
        return std::nullopt;
    }
    c.shmSegments = static_cast<std::int64_t>(si.used_ids);
    struct seminfo se;
    union semun {
        int val;
        struct semid_ds* buf;
        unsigned short* array;
        struct seminfo* __buf;
    } arg;
    arg.__buf = &se;
    rc = ::semctl(0, 0, SEM_INFO, arg);
    if (rc < 0) {
        if (err)
            *err = errno;
        return std::nullopt;
    }
    c.semaphoreSets = se.semusz; // SEM_INFO: semusz holds the number of sets in use
    return c;
}

namespace {

// Sends one dump request and feeds every answer message to f; returns 0 or an errno.
template <typename F>
int netlinkDump(int sock, std::uint16_t type, unsigned char family, std::uint32_t seq,
                std::vector<char>& buffer, F&& f)
{
    struct
    {
        nlmsghdr hdr;
        union {
            ifinfomsg link;
            ifaddrmsg addr;
            rtmsg route;
        };
    } req;
    std::memset(&req, 0, sizeof req);
    req.hdr.nlmsg_type = type;
    req.hdr.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.hdr.nlmsg_seq = seq;
    if (type == RTM_GETLINK) {
        req.hdr.nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
        req.link.ifi_family = family;
    } else if (type == RTM_GETROUTE) {
        req.hdr.nlmsg_len = NLMSG_LENGTH(sizeof(rtmsg));
        req.route.rtm_family = family;
        // Honoured with NETLINK_GET_STRICT_CHK (Linux 4.20): the main table only, not the
        // local one with an entry per address. Without it the parser filters all the same.
        req.route.rtm_table = RT_TABLE_MAIN;
    } else {
        req.hdr.nlmsg_len = NLMSG_LENGTH(sizeof(ifaddrmsg));
        req.addr.ifa_family = family;
    }
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(sock, &req, req.hdr.nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel),
                 sizeof kernel) < 0)
        return errno;
    if (buffer.size() < 32768)
        buffer.resize(32768);
    while (true) {
        ssize_t n = ::recv(sock, buffer.data(), buffer.size(), 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return EPROTO;
        auto* h = reinterpret_cast<nlmsghdr*>(buffer.data());
        int len = static_cast<int>(n);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare" // inside the NLMSG_OK macro
        for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
#pragma GCC diagnostic pop
            if (h->nlmsg_seq != seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE)
                return 0;
            if (h->nlmsg_type == NLMSG_ERROR) {
                auto* e = static_cast<nlmsgerr*>(NLMSG_DATA(h));
                return e->error ? -e->error : 0;
            }
            f(h);
        }
    }
}

// The attributes of a message or of a nested attribute, checked against its bounds.
template <typename F> void forEachAttr(const void* data, std::size_t len, F&& f)
{
    int left = static_cast<int>(len);
    for (auto* a = static_cast<const rtattr*>(data); RTA_OK(a, left); a = RTA_NEXT(a, left))
        f(a->rta_type & NLA_TYPE_MASK, RTA_DATA(a), RTA_PAYLOAD(a));
}

template <typename T> std::optional<T> scalar(const void* data, std::size_t len)
{
    if (len < sizeof(T))
        return std::nullopt;
    T v;
    std::memcpy(&v, data, sizeof v);
    return v;
}

std::string attrString(const void* data, std::size_t len)
{
    const char* s = static_cast<const char*>(data);
    return std::string(s, ::strnlen(s, len));
}

const char* operstateName(unsigned state)
{
    static constexpr const char* kNames[] = {"unknown", "notpresent", "down", "lowerlayerdown",
                                             "testing", "dormant",    "up"};
    return state < std::size(kNames) ? kNames[state] : "unknown";
}

std::string hardwareAddress(const void* data, std::size_t len)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    const auto* b = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < len && i < 32; ++i) {
        if (i)
            out += ':';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 0xF];
    }
    return out;
}

std::optional<std::string> addressText(int family, const void* data, std::size_t len)
{
    if (len < (family == AF_INET ? 4u : 16u))
        return std::nullopt;
    char text[INET6_ADDRSTRLEN];
    if (!::inet_ntop(family, data, text, sizeof text))
        return std::nullopt;
    return std::string(text);
}

} // namespace

std::optional<RawLink> parseLink(const void* message, std::size_t size)
{
    const auto* h = static_cast<const nlmsghdr*>(message);
    if (size < NLMSG_LENGTH(sizeof(ifinfomsg)) || h->nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg)) ||
        h->nlmsg_len > size || h->nlmsg_type != RTM_NEWLINK)
        return std::nullopt;
    const auto* ifi = static_cast<const ifinfomsg*>(NLMSG_DATA(h));
    RawLink raw;
    NetInterface& iface = raw.iface;
    iface.index = ifi->ifi_index;
    iface.up = (ifi->ifi_flags & IFF_UP) != 0;
    iface.kind = ""; // none: physical or loopback, unless IFLA_INFO_KIND says otherwise
    bool ifLink = false;
    std::optional<std::uint32_t> vxlanLink;
    forEachAttr(IFLA_RTA(ifi), IFLA_PAYLOAD(h), [&](unsigned type, const void* d, std::size_t n) {
        switch (type) {
        case IFLA_IFNAME:
            iface.name = attrString(d, n);
            break;
        case IFLA_ADDRESS:
            if (n > 0)
                iface.mac = hardwareAddress(d, n);
            break;
        case IFLA_MTU:
            if (auto v = scalar<std::uint32_t>(d, n); v && *v <= INT32_MAX)
                iface.mtu = static_cast<int>(*v);
            break;
        case IFLA_OPERSTATE:
            if (auto v = scalar<std::uint8_t>(d, n))
                iface.operstate = operstateName(*v);
            break;
        case IFLA_MASTER:
            if (auto v = scalar<std::uint32_t>(d, n); v && *v && *v <= INT32_MAX)
                raw.masterIndex = static_cast<int>(*v);
            break;
        case IFLA_LINK:
            if (auto v = scalar<std::uint32_t>(d, n); v && *v <= INT32_MAX) {
                ifLink = true;
                if (*v)
                    raw.linkIndex = static_cast<int>(*v);
            }
            break;
        case IFLA_LINK_NETNSID:
            raw.linkNsid = scalar<std::int32_t>(d, n);
            break;
        case IFLA_LINKINFO:
            forEachAttr(d, n, [&](unsigned t, const void* id, std::size_t in) {
                if (t == IFLA_INFO_KIND)
                    iface.kind = attrString(id, in);
                else if (t == IFLA_INFO_DATA)
                    forEachAttr(id, in, [&](unsigned dt, const void* dd, std::size_t dn) {
                        // Read once the kind is known (INFO_KIND comes first): vxlan only.
                        if (dt == IFLA_VXLAN_LINK && iface.kind == "vxlan")
                            vxlanLink = scalar<std::uint32_t>(dd, dn);
                    });
            });
            break;
        default:
            break;
        }
    });
    if (iface.kind == "vxlan") {
        // A vxlan never sends IFLA_LINK; its lower device is IFLA_VXLAN_LINK, in the namespace
        // IFLA_LINK_NETNSID names when that is another one.
        raw.linkIndex.reset();
        if (vxlanLink && *vxlanLink && *vxlanLink <= INT32_MAX)
            raw.linkIndex = static_cast<int>(*vxlanLink);
        else
            raw.linkNsid.reset();
    } else if (raw.linkNsid && !ifLink) {
        raw.linkIndex = ifi->ifi_index; // the dropped IFLA_LINK: the same index over there
    }
    if (raw.linkNsid && *raw.linkNsid < 0)
        raw.linkNsid.reset(); // NETNSA_NSID_NOT_ASSIGNED
    return raw;
}

std::vector<RawRoute> parseDefaultRoute(const void* message, std::size_t size)
{
    std::vector<RawRoute> out;
    const auto* h = static_cast<const nlmsghdr*>(message);
    if (size < NLMSG_LENGTH(sizeof(rtmsg)) || h->nlmsg_len < NLMSG_LENGTH(sizeof(rtmsg)) ||
        h->nlmsg_len > size || h->nlmsg_type != RTM_NEWROUTE)
        return out;
    const auto* rtm = static_cast<const rtmsg*>(NLMSG_DATA(h));
    if ((rtm->rtm_family != AF_INET && rtm->rtm_family != AF_INET6) || rtm->rtm_dst_len != 0 ||
        rtm->rtm_type != RTN_UNICAST)
        return out;
    const int family = rtm->rtm_family;
    std::uint32_t table = rtm->rtm_table;
    RawRoute base;
    base.family = family == AF_INET ? "inet" : "inet6";
    std::vector<RawRoute> hops;
    forEachAttr(RTM_RTA(rtm), RTM_PAYLOAD(h), [&](unsigned type, const void* d, std::size_t n) {
        switch (type) {
        case RTA_TABLE:
            if (auto v = scalar<std::uint32_t>(d, n))
                table = *v;
            break;
        case RTA_GATEWAY:
            base.gateway = addressText(family, d, n);
            break;
        case RTA_OIF:
            if (auto v = scalar<std::uint32_t>(d, n); v && *v <= INT32_MAX)
                base.oif = static_cast<int>(*v);
            break;
        case RTA_MULTIPATH: {
            auto* nh = static_cast<const rtnexthop*>(d);
            std::size_t left = n;
            while (left >= sizeof(rtnexthop) && nh->rtnh_len >= sizeof(rtnexthop) &&
                   nh->rtnh_len <= left) {
                RawRoute hop;
                hop.family = base.family;
                hop.oif = nh->rtnh_ifindex;
                forEachAttr(RTNH_DATA(nh), nh->rtnh_len - RTNH_LENGTH(0),
                            [&](unsigned t, const void* hd, std::size_t hn) {
                                if (t == RTA_GATEWAY)
                                    hop.gateway = addressText(family, hd, hn);
                            });
                hops.push_back(std::move(hop));
                const std::size_t step = RTNH_ALIGN(nh->rtnh_len);
                if (step >= left)
                    break;
                left -= step;
                nh = reinterpret_cast<const rtnexthop*>(reinterpret_cast<const char*>(nh) + step);
            }
            break;
        }
        default:
            break;
        }
    });
    if (table != RT_TABLE_MAIN)
        return out;
    if (hops.empty())
        out.push_back(std::move(base));
    else
        out = std::move(hops);
    return out;
}

int openRtnetlink()
{
    int sock = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (sock < 0)
        return -1;
    // The kernel answers at once; a bound keeps a scan from hanging if it ever did not.
    timeval timeout{5, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return sock;
}

std::optional<std::int32_t> nsidOf(int sock, int nsFd)
{
    struct
    {
        nlmsghdr hdr;
        rtgenmsg gen;
        char pad[3];
        rtattr attr;
        std::uint32_t fd;
    } req;
    static_assert(sizeof req == NLMSG_LENGTH(sizeof(rtgenmsg)) + 3 + RTA_LENGTH(4));
    std::memset(&req, 0, sizeof req);
    req.hdr.nlmsg_len = sizeof req;
    req.hdr.nlmsg_type = RTM_GETNSID;
    req.hdr.nlmsg_flags = NLM_F_REQUEST;
    static std::atomic<std::uint32_t> seq{1};
    req.hdr.nlmsg_seq = seq.fetch_add(1);
    req.gen.rtgen_family = AF_UNSPEC;
    req.attr.rta_len = RTA_LENGTH(sizeof(std::uint32_t));
    req.attr.rta_type = NETNSA_FD;
    req.fd = static_cast<std::uint32_t>(nsFd);
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(sock, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) <
        0)
        return std::nullopt;
    alignas(nlmsghdr) char answer[512];
    while (true) {
        ssize_t n = ::recv(sock, answer, sizeof answer, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        auto* h = reinterpret_cast<nlmsghdr*>(answer);
        int len = static_cast<int>(n);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
        for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
#pragma GCC diagnostic pop
            if (h->nlmsg_seq != req.hdr.nlmsg_seq)
                continue;
            if (h->nlmsg_type != RTM_NEWNSID || h->nlmsg_len < NLMSG_LENGTH(sizeof(rtgenmsg)))
                return std::nullopt; // NLMSG_ERROR
            std::optional<std::int32_t> nsid;
            forEachAttr(reinterpret_cast<const char*>(NLMSG_DATA(h)) +
                            NLMSG_ALIGN(sizeof(rtgenmsg)),
                        h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof(rtgenmsg))),
                        [&](unsigned t, const void* d, std::size_t dn) {
                            if (t == NETNSA_NSID)
                                nsid = scalar<std::int32_t>(d, dn);
                        });
            if (nsid && *nsid < 0)
                nsid.reset();
            return nsid;
        }
    }
}

std::optional<NetReadout> readNetHere(std::vector<char>& buffer, int* err)
{
    int sock = openRtnetlink();
    if (sock < 0) {
        if (err)
            *err = errno;
        return std::nullopt;
    }
    return readNetThrough(sock, buffer, err);
}

std::optional<NetReadout> readNetThrough(int sock, std::vector<char>& buffer, int* err)
{
    // The kernel answers at once; a bound keeps a scan from hanging if it ever did not.
    timeval timeout{5, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::map<int, RawLink> byIndex;
    int rc = netlinkDump(sock, RTM_GETLINK, AF_UNSPEC, 1, buffer, [&](nlmsghdr* h) {
        if (auto raw = parseLink(h, h->nlmsg_len))
            byIndex.insert_or_assign(*raw->iface.index, std::move(*raw));
    });
    if (rc == 0)
        rc = netlinkDump(sock, RTM_GETADDR, AF_UNSPEC, 2, buffer, [&](nlmsghdr* h) {
            if (h->nlmsg_type != RTM_NEWADDR)
                return;
            auto* ifa = static_cast<ifaddrmsg*>(NLMSG_DATA(h));
            if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
                return;
            auto it = byIndex.find(static_cast<int>(ifa->ifa_index));
            if (it == byIndex.end())
                return;
            const void* local = nullptr;
            const void* address = nullptr;
            int alen = static_cast<int>(IFA_PAYLOAD(h));
            for (auto* a = IFA_RTA(ifa); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
                std::size_t want = ifa->ifa_family == AF_INET ? 4 : 16;
                if (RTA_PAYLOAD(a) < want)
                    continue;
                if (a->rta_type == IFA_LOCAL)
                    local = RTA_DATA(a);
                else if (a->rta_type == IFA_ADDRESS)
                    address = RTA_DATA(a);
            }
            // On point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is ours.
            const void* mine = local ? local : address;
            if (!mine)
                return;
            char text[INET6_ADDRSTRLEN + 8];
            if (!::inet_ntop(ifa->ifa_family, mine, text, INET6_ADDRSTRLEN))
                return;
            std::string s(text);
            s += "/" + std::to_string(ifa->ifa_prefixlen);
            it->second.iface.addresses.push_back(std::move(s));
        });
    std::vector<RawRoute> routes;
    if (rc == 0) {
        const int on = 1;
        ::setsockopt(sock, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &on, sizeof on);
        for (unsigned char family : {AF_INET, AF_INET6}) {
            rc = netlinkDump(sock, RTM_GETROUTE, family, family == AF_INET ? 3 : 4, buffer,
                             [&](nlmsghdr* h) {
                                 for (RawRoute& r : parseDefaultRoute(h, h->nlmsg_len))
                                     routes.push_back(std::move(r));
                             });
            if (rc == EAFNOSUPPORT)
                rc = 0; // a kernel without IPv6
            if (rc != 0)
                break;
        }
    }
    ::close(sock);
    if (rc != 0) {
        if (err)
            *err = rc;
        return std::nullopt;
    }
    NetReadout out;
    out.interfaces.reserve(byIndex.size());
    out.linkNsids.reserve(byIndex.size());
    const auto nameOf = [&](int index) -> std::optional<std::string> {
        auto it = byIndex.find(index);
        return it == byIndex.end() ? std::nullopt : std::optional(it->second.iface.name);
    };
    for (auto& [index, raw] : byIndex) {
        NetInterface& iface = raw.iface;
        if (raw.masterIndex)
            iface.master = nameOf(*raw.masterIndex);
        if (raw.linkIndex) {
            NetLinkEnd end;
            end.ifindex = *raw.linkIndex;
            if (!raw.linkNsid)
                end.name = nameOf(*raw.linkIndex);
            iface.link = std::move(end);
        }
        out.linkNsids.push_back(raw.linkIndex ? raw.linkNsid : std::nullopt);
    }
    for (RawRoute& r : routes)
        out.defaultRoutes.push_back(
            {std::move(r.family), std::move(r.gateway), nameOf(r.oif).value_or(std::string())});
    for (auto& [index, raw] : byIndex) // last: nameOf reads the names
        out.interfaces.push_back(std::move(raw.iface));
    return out;
}

std::optional<std::string> cgroupRootFrom(std::string_view outside, std::string_view inside)
{
    if (inside.empty() || inside[0] != '/' || outside.empty() || outside[0] != '/')
        return std::nullopt;
    if (inside == "/")
        return std::string(outside);
    // A member above the namespace root shows as "/../x" inside; the root cannot be named.
    if (inside.substr(0, 3) == "/..")
        return std::nullopt;
    if (outside.size() < inside.size() || outside.substr(outside.size() - inside.size()) != inside)
        return std::nullopt;
    std::string_view root = outside.substr(0, outside.size() - inside.size());
    if (root.empty())
        return std::string("/");
    return std::string(root);
}

} // namespace nsx::backend::details
