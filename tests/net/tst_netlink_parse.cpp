// The rtnetlink message parsers of details.h (parseLink, parseDefaultRoute) on messages laid out
// as the kernel sends them, for what this machine cannot stage live: dummy, vlan and wireguard
// links (no such modules here), a veth whose peer has its index in a kernel that drops IFLA_LINK
// then (before 5.9), multipath routes, and damaged messages. No privilege needed.
#include "details.h"
#include "procfs.h"

#include <QtTest>

#include <arpa/inet.h>
#include <cstring>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <vector>

using namespace nsx::backend;
using namespace nsx::backend::details;

namespace {

// A netlink message under construction: header, family header, attributes (nested ones too).
class Message
{
public:
    template <typename Header> Message(std::uint16_t type, const Header& header)
    {
        m_buf.resize(NLMSG_HDRLEN);
        append(&header, sizeof header);
        nlmsghdr h{};
        h.nlmsg_type = type;
        std::memcpy(m_buf.data(), &h, sizeof h);
    }
    Message& attr(std::uint16_t type, const void* data, std::size_t len)
    {
        rtattr a{};
        a.rta_type = type;
        a.rta_len = static_cast<unsigned short>(RTA_LENGTH(len));
        append(&a, sizeof a);
        append(data, len);
        return *this;
    }
    Message& u32(std::uint16_t type, std::uint32_t v) { return attr(type, &v, sizeof v); }
    Message& raw(const void* data, std::size_t len)
    {
        append(data, len);
        return *this;
    }
    Message& u8(std::uint16_t type, std::uint8_t v) { return attr(type, &v, sizeof v); }
    Message& str(std::uint16_t type, const char* s) { return attr(type, s, std::strlen(s) + 1); }
    std::size_t open(std::uint16_t type)
    {
        const std::size_t at = m_buf.size();
        rtattr a{};
        a.rta_type = type;
        append(&a, sizeof a);
        return at;
    }
    void close(std::size_t at)
    {
        const auto len = static_cast<unsigned short>(m_buf.size() - at);
        std::memcpy(m_buf.data() + at, &len, sizeof len);
    }
    // The finished message (nlmsg_len set); `size` bytes of it.
    const std::vector<char>& bytes()
    {
        const auto len = static_cast<std::uint32_t>(m_buf.size());
        std::memcpy(m_buf.data(), &len, sizeof len);
        return m_buf;
    }

private:
    void append(const void* data, std::size_t len)
    {
        const char* p = static_cast<const char*>(data);
        m_buf.insert(m_buf.end(), p, p + len);
        m_buf.resize(NLMSG_ALIGN(m_buf.size()));
    }
    std::vector<char> m_buf;
};

Message link(int index, const char* name, const char* kind, unsigned flags = IFF_UP)
{
    ifinfomsg ifi{};
    ifi.ifi_family = AF_UNSPEC;
    ifi.ifi_index = index;
    ifi.ifi_flags = flags;
    Message m(RTM_NEWLINK, ifi);
    m.str(IFLA_IFNAME, name).u32(IFLA_MTU, 1500).u8(IFLA_OPERSTATE, 6);
    if (kind) {
        const std::size_t info = m.open(IFLA_LINKINFO);
        m.str(IFLA_INFO_KIND, kind);
        m.close(info);
    }
    return m;
}

std::optional<RawLink> parse(Message& m)
{
    const std::vector<char>& b = m.bytes();
    return parseLink(b.data(), b.size());
}

Message route(int family, std::uint8_t dstLen, std::uint8_t table = RT_TABLE_MAIN,
              std::uint8_t type = RTN_UNICAST)
{
    rtmsg r{};
    r.rtm_family = static_cast<unsigned char>(family);
    r.rtm_dst_len = dstLen;
    r.rtm_table = table;
    r.rtm_type = type;
    return Message(RTM_NEWROUTE, r);
}

std::vector<RawRoute> parseRoute(Message& m)
{
    const std::vector<char>& b = m.bytes();
    return parseDefaultRoute(b.data(), b.size());
}

} // namespace

class TestNetlinkParse : public QObject
{
    Q_OBJECT

private slots:
    void physical()
    {
        Message m = link(4, "eth0", nullptr);
        const unsigned char mac[6] = {0x02, 0xfc, 0, 0, 0, 0x01};
        m.attr(IFLA_ADDRESS, mac, sizeof mac);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->iface.name, std::string("eth0"));
        QCOMPARE(r->iface.index, std::optional<int>(4));
        QCOMPARE(r->iface.kind, std::optional<std::string>("")); // none: physical
        QCOMPARE(r->iface.mac, std::optional<std::string>("02:fc:00:00:00:01"));
        QCOMPARE(r->iface.mtu, std::optional<int>(1500));
        QCOMPARE(r->iface.operstate, std::optional<std::string>("up"));
        QVERIFY(r->iface.up);
        QVERIFY(!r->linkIndex && !r->linkNsid && !r->masterIndex);
    }

    // Before Linux 5.9 the kernel left IFLA_LINK out when the peer's index equals the
    // interface's own: with IFLA_LINK_NETNSID and no IFLA_LINK, that is the peer's index.
    void vethPeerWithTheSameIndexWithoutIflaLink()
    {
        Message m = link(2, "s0", "veth");
        m.u32(IFLA_LINK_NETNSID, 0);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->iface.kind, std::optional<std::string>("veth"));
        QCOMPARE(r->linkIndex, std::optional<int>(2));
        QCOMPARE(r->linkNsid, std::optional<std::int32_t>(0));
    }

    void vethPeerElsewhere()
    {
        Message m = link(6, "a0", "veth");
        m.u32(IFLA_LINK, 5).u32(IFLA_LINK_NETNSID, 3).u32(IFLA_MASTER, 9);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->linkIndex, std::optional<int>(5));
        QCOMPARE(r->linkNsid, std::optional<std::int32_t>(3));
        QCOMPARE(r->masterIndex, std::optional<int>(9));
    }

    // dummy, vlan, wireguard: no module here to stage them live.
    void dummy()
    {
        Message m = link(3, "dummy0", "dummy", 0);
        m.u32(IFLA_MASTER, 7);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->iface.kind, std::optional<std::string>("dummy"));
        QVERIFY(!r->iface.up);
        QVERIFY(!r->linkIndex && !r->linkNsid);
        QCOMPARE(r->masterIndex, std::optional<int>(7));
    }

    void vlanOnItsParent()
    {
        ifinfomsg ifi{};
        ifi.ifi_index = 5;
        Message m(RTM_NEWLINK, ifi);
        m.str(IFLA_IFNAME, "eth0.100").u32(IFLA_LINK, 4);
        const std::size_t info = m.open(IFLA_LINKINFO);
        m.str(IFLA_INFO_KIND, "vlan");
        const std::size_t data = m.open(IFLA_INFO_DATA);
        std::uint16_t id = 100;
        m.attr(IFLA_VLAN_ID, &id, sizeof id);
        m.close(data);
        m.close(info);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->iface.kind, std::optional<std::string>("vlan"));
        QCOMPARE(r->linkIndex, std::optional<int>(4));
        QVERIFY(!r->linkNsid);
        QVERIFY(!r->iface.mtu && !r->iface.operstate); // not sent: not made up
    }

    void wireguard()
    {
        ifinfomsg ifi{};
        ifi.ifi_index = 9;
        ifi.ifi_flags = IFF_UP | IFF_POINTOPOINT | IFF_NOARP;
        Message m(RTM_NEWLINK, ifi);
        m.str(IFLA_IFNAME, "wg0").u32(IFLA_MTU, 1420).u8(IFLA_OPERSTATE, 0);
        const std::size_t info = m.open(IFLA_LINKINFO);
        m.str(IFLA_INFO_KIND, "wireguard");
        m.close(info);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->iface.kind, std::optional<std::string>("wireguard"));
        QVERIFY(!r->iface.mac); // no hardware address
        QCOMPARE(r->iface.mtu, std::optional<int>(1420));
        QCOMPARE(r->iface.operstate, std::optional<std::string>("unknown"));
        QVERIFY(!r->linkIndex);
    }

    // A vxlan names its lower device in IFLA_VXLAN_LINK and never sends IFLA_LINK; its NETNSID
    // names the underlay namespace, which without a lower device is no other end.
    void vxlan()
    {
        Message m = link(7, "vx1", nullptr);
        m.u32(IFLA_LINK_NETNSID, 1);
        const std::size_t info = m.open(IFLA_LINKINFO);
        m.str(IFLA_INFO_KIND, "vxlan");
        const std::size_t data = m.open(IFLA_INFO_DATA);
        m.u32(IFLA_VXLAN_ID, 43).u32(IFLA_VXLAN_LINK, 4);
        m.close(data);
        m.close(info);
        const auto r = parse(m);
        QVERIFY(r);
        QCOMPARE(r->linkIndex, std::optional<int>(4));
        QCOMPARE(r->linkNsid, std::optional<std::int32_t>(1));

        Message bare = link(8, "vx2", nullptr);
        bare.u32(IFLA_LINK_NETNSID, 1);
        const std::size_t info2 = bare.open(IFLA_LINKINFO);
        bare.str(IFLA_INFO_KIND, "vxlan");
        bare.close(info2);
        const auto r2 = parse(bare);
        QVERIFY(r2);
        QVERIFY(!r2->linkIndex && !r2->linkNsid);
    }

    void damagedMessages()
    {
        Message m = link(2, "x", "veth");
        std::vector<char> b = m.bytes();
        // Too short for the headers; not a link message; a length beyond the buffer.
        QVERIFY(!parseLink(b.data(), 8));
        QVERIFY(!parseLink(b.data(), NLMSG_HDRLEN + 4));
        std::vector<char> other = b;
        reinterpret_cast<nlmsghdr*>(other.data())->nlmsg_type = RTM_NEWADDR;
        QVERIFY(!parseLink(other.data(), other.size()));
        std::vector<char> longer = b;
        reinterpret_cast<nlmsghdr*>(longer.data())->nlmsg_len = std::uint32_t(b.size() + 64);
        QVERIFY(!parseLink(longer.data(), longer.size()));
        // An attribute claiming more than is there ends the walk; what came before stays.
        ifinfomsg ifi{};
        ifi.ifi_index = 3;
        Message cut(RTM_NEWLINK, ifi);
        cut.str(IFLA_IFNAME, "ok0");
        std::uint16_t shortMtu = 9;
        cut.attr(IFLA_MTU, &shortMtu, sizeof shortMtu); // 2 bytes where 4 belong
        std::vector<char> c = cut.bytes();
        const auto r = parseLink(c.data(), c.size());
        QVERIFY(r);
        QCOMPARE(r->iface.name, std::string("ok0"));
        QVERIFY(!r->iface.mtu);
        reinterpret_cast<rtattr*>(c.data() + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof ifi))->rta_len =
            0xFFF0;
        const auto r2 = parseLink(c.data(), c.size());
        QVERIFY(r2);
        QVERIFY(r2->iface.name.empty());
        // Random bytes: no crash, whatever comes out.
        std::vector<char> noise(512);
        std::uint32_t x = 12345;
        for (int round = 0; round < 2000; ++round) {
            for (char& ch : noise)
                ch = static_cast<char>((x = x * 1103515245 + 12345) >> 16);
            auto* h = reinterpret_cast<nlmsghdr*>(noise.data());
            h->nlmsg_len = std::uint32_t(x % noise.size());
            h->nlmsg_type = round % 2 ? RTM_NEWLINK : RTM_NEWROUTE;
            (void)parseLink(noise.data(), noise.size());
            (void)parseDefaultRoute(noise.data(), noise.size());
        }
    }

    // /proc/PID/fdinfo/FD of a descriptor on /dev/net/tun.
    void tunFdinfo()
    {
        using procfs::parseTunIff;
        const std::string head = "pos:\t0\nflags:\t02002002\nmnt_id:\t24\nino:\t1045\n";
        QCOMPARE(parseTunIff(head + "iff:\ttap0\n"), std::optional<std::string>("tap0"));
        QCOMPARE(parseTunIff(head + "iff:\ttap0"), std::optional<std::string>("tap0"));
        QVERIFY(!parseTunIff(head));                              // attached to none
        QVERIFY(!parseTunIff(head + "iff:\t\n"));                 // empty
        QVERIFY(!parseTunIff(head + "iff:\ta/b\n"));              // no interface name
        QVERIFY(!parseTunIff(head + "iff:\ttap0 x\n"));           // whitespace inside
        QVERIFY(!parseTunIff(head + "iff:\t0123456789abcdef\n")); // 16 bytes: too long
        QCOMPARE(parseTunIff(head + "iff:\t0123456789abcde\n"),
                 std::optional<std::string>("0123456789abcde"));
    }

    void defaultRoutes()
    {
        Message v4 = route(AF_INET, 0);
        in_addr gw;
        ::inet_pton(AF_INET, "192.0.2.1", &gw);
        v4.attr(RTA_GATEWAY, &gw, sizeof gw).u32(RTA_OIF, 3).u32(RTA_TABLE, RT_TABLE_MAIN);
        auto r = parseRoute(v4);
        QCOMPARE(r.size(), std::size_t(1));
        QCOMPARE(r[0].family, std::string("inet"));
        QCOMPARE(r[0].gateway, std::optional<std::string>("192.0.2.1"));
        QCOMPARE(r[0].oif, 3);

        Message v6 = route(AF_INET6, 0);
        v6.u32(RTA_OIF, 2);
        r = parseRoute(v6);
        QCOMPARE(r.size(), std::size_t(1));
        QCOMPARE(r[0].family, std::string("inet6"));
        QVERIFY(!r[0].gateway); // on-link

        // Two next hops: one entry each.
        Message multi = route(AF_INET6, 0);
        const std::size_t mp = multi.open(RTA_MULTIPATH);
        for (int k = 0; k < 2; ++k) {
            rtnexthop nh{};
            nh.rtnh_ifindex = 5 + k;
            in6_addr a;
            ::inet_pton(AF_INET6, k ? "fd00::2" : "fd00::1", &a);
            nh.rtnh_len = static_cast<unsigned short>(RTNH_LENGTH(RTA_LENGTH(sizeof a)));
            std::vector<char> hop(RTNH_ALIGN(nh.rtnh_len));
            std::memcpy(hop.data(), &nh, sizeof nh);
            rtattr at{};
            at.rta_type = RTA_GATEWAY;
            at.rta_len = static_cast<unsigned short>(RTA_LENGTH(sizeof a));
            std::memcpy(hop.data() + RTNH_LENGTH(0), &at, sizeof at);
            std::memcpy(hop.data() + RTNH_LENGTH(0) + RTA_LENGTH(0), &a, sizeof a);
            multi.raw(hop.data(), hop.size()); // inside the RTA_MULTIPATH attribute
        }
        multi.close(mp);
        r = parseRoute(multi);
        QCOMPARE(r.size(), std::size_t(2));
        QCOMPARE(r[0].oif, 5);
        QCOMPARE(r[0].gateway, std::optional<std::string>("fd00::1"));
        QCOMPARE(r[1].oif, 6);
        QCOMPARE(r[1].gateway, std::optional<std::string>("fd00::2"));

        // Not a default route of the main table: none.
        Message net24 = route(AF_INET, 24);
        QVERIFY(parseRoute(net24).empty());
        Message local = route(AF_INET, 0, RT_TABLE_LOCAL);
        QVERIFY(parseRoute(local).empty());
        Message other = route(AF_INET, 0, RT_TABLE_COMPAT);
        other.u32(RTA_TABLE, 1000);
        QVERIFY(parseRoute(other).empty());
        Message unreachable = route(AF_INET6, 0, RT_TABLE_MAIN, RTN_UNREACHABLE);
        QVERIFY(parseRoute(unreachable).empty());
        Message mpls = route(AF_MPLS, 0);
        QVERIFY(parseRoute(mpls).empty());
    }
};

QTEST_GUILESS_MAIN(TestNetlinkParse)
#include "tst_netlink_parse.moc"
