#include "details.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
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
        };
    } req;
    std::memset(&req, 0, sizeof req);
    req.hdr.nlmsg_type = type;
    req.hdr.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.hdr.nlmsg_seq = seq;
    if (type == RTM_GETLINK) {
        req.hdr.nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
        req.link.ifi_family = family;
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

} // namespace

std::optional<std::vector<NetInterface>> readNetHere(std::vector<char>& buffer, int* err)
{
    int sock = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (sock < 0) {
        if (err)
            *err = errno;
        return std::nullopt;
    }
    return readNetThrough(sock, buffer, err);
}

std::optional<std::vector<NetInterface>> readNetThrough(int sock, std::vector<char>& buffer,
                                                        int* err)
{
    // The kernel answers at once; a bound keeps a scan from hanging if it ever did not.
    timeval timeout{5, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::map<int, NetInterface> byIndex;
    int rc = netlinkDump(sock, RTM_GETLINK, AF_UNSPEC, 1, buffer, [&](nlmsghdr* h) {
        if (h->nlmsg_type != RTM_NEWLINK)
            return;
        auto* ifi = static_cast<ifinfomsg*>(NLMSG_DATA(h));
        NetInterface& iface = byIndex[ifi->ifi_index];
        iface.up = (ifi->ifi_flags & IFF_UP) != 0;
        int alen = static_cast<int>(IFLA_PAYLOAD(h));
        for (auto* a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
            if (a->rta_type == IFLA_IFNAME) {
                const char* name = static_cast<const char*>(RTA_DATA(a));
                iface.name.assign(name, ::strnlen(name, RTA_PAYLOAD(a)));
            }
        }
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
            it->second.addresses.push_back(std::move(s));
        });
    ::close(sock);
    if (rc != 0) {
        if (err)
            *err = rc;
        return std::nullopt;
    }
    std::vector<NetInterface> out;
    out.reserve(byIndex.size());
    for (auto& [index, iface] : byIndex)
        out.push_back(std::move(iface));
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
