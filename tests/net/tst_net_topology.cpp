// Network topology (issue 16) against real namespaces. Each test builds a topology with
// `ip netns` (namespaces named nsx-net-PID-…, deleted after every test), scans, and compares
// every interface of the namespaces it made with what `ip -j -d link` and `ip -j route` print
// inside them, then checks what ip cannot say: the other end's namespace and name.
// As root; the last test also scans as uid 65534 (a forked child that drops to it).
#include "diff.h"
#include "scanner.h"
#include "snapshot_io.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <csignal>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;

namespace {

QByteArray output(const QString& command, int* status = nullptr)
{
    QProcess p;
    p.start("/bin/sh", {"-c", command});
    p.waitForFinished(60000);
    if (status)
        *status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

int sh(const QString& command)
{
    int status = 0;
    output(command + " >/dev/null 2>&1", &status);
    return status;
}

QJsonArray jsonArray(const QByteArray& text)
{
    return QJsonDocument::fromJson(text).array();
}

std::optional<std::uint64_t> netnsInode(const QString& name)
{
    struct stat st;
    if (::stat(("/run/netns/" + name).toLocal8Bit().constData(), &st) != 0)
        return std::nullopt;
    return st.st_ino;
}

const NetInterface* byName(const Namespace& ns, const std::string& name)
{
    if (!ns.details.interfaces)
        return nullptr;
    for (const NetInterface& i : *ns.details.interfaces)
        if (i.name == name)
            return &i;
    return nullptr;
}

} // namespace

#define SH(command) QVERIFY2(sh(command) == 0, qPrintable(command))

class TestNetTopology : public QObject
{
    Q_OBJECT

    QStringList m_netns;        // made by the current test
    QList<QProcess*> m_holders; // processes it started
    QString m_prefix = "nsx-net-" + QString::number(::getpid()) + "-";

    // A new netns "nsx-net-PID-SUFFIX", loopback up; its full name.
    QString netns(const QString& suffix)
    {
        const QString name = m_prefix + suffix;
        if (sh("ip netns add " + name) != 0)
            return {};
        m_netns << name;
        sh("ip -n " + name + " link set lo up");
        return name;
    }

    const Namespace* find(const Snapshot& s, const QString& name)
    {
        const auto inode = netnsInode(name);
        return inode ? s.findNamespace(NsType::Net, *inode) : nullptr;
    }

    // Every interface of `ns` (netns `name`) against `ip -j -d link` there; vxlan's other end
    // is checked by the test (ip names it in info_data, by a name looked up in the wrong
    // namespace when it was moved).
    void compareLinks(const Namespace& ns, const QString& name)
    {
        QVERIFY2(ns.details.interfaces, "interfaces not read");
        const QJsonArray links = jsonArray(output("ip -n " + name + " -j -d link show"));
        QVERIFY(!links.isEmpty());
        QCOMPARE(qsizetype(ns.details.interfaces->size()), links.size());
        for (const QJsonValue& v : links) {
            const QJsonObject e = v.toObject();
            const std::string ifname = e["ifname"].toString().toStdString();
            const NetInterface* i = byName(ns, ifname);
            QVERIFY2(i, ifname.c_str());
            QCOMPARE(i->index, std::optional<int>(e["ifindex"].toInt()));
            QCOMPARE(i->mtu, std::optional<int>(e["mtu"].toInt()));
            QCOMPARE(i->operstate,
                     std::optional<std::string>(e["operstate"].toString().toLower().toStdString()));
            QCOMPARE(i->up, e["flags"].toArray().contains("UP"));
            if (e.contains("address") && e["link_type"].toString() != "none")
                QCOMPARE(i->mac, std::optional<std::string>(e["address"].toString().toStdString()));
            const QString kind = e["linkinfo"].toObject()["info_kind"].toString();
            QCOMPARE(i->kind, std::optional<std::string>(kind.toStdString()));
            if (e.contains("master"))
                QCOMPARE(i->master,
                         std::optional<std::string>(e["master"].toString().toStdString()));
            else
                QVERIFY2(!i->master, ifname.c_str());
            if (kind == "vxlan")
                continue;
            if (e.contains("link_netnsid")) {
                QVERIFY2(i->link, ifname.c_str());
                QCOMPARE(i->link->nsid, std::optional<int>(e["link_netnsid"].toInt()));
                // Without link_index the kernel dropped IFLA_LINK: the same index over there.
                QCOMPARE(i->link->ifindex,
                         e.contains("link_index") ? e["link_index"].toInt() : e["ifindex"].toInt());
            } else if (e.contains("link") && !e["link"].isNull()) {
                QVERIFY2(i->link, ifname.c_str());
                QVERIFY(!i->link->netns && !i->link->nsid);
                QCOMPARE(i->link->name,
                         std::optional<std::string>(e["link"].toString().toStdString()));
            } else {
                QVERIFY2(!i->link, ifname.c_str());
            }
        }
    }

    // The default routes against `ip -j route show default` (v4, v6; main table, unicast).
    void compareRoutes(const Namespace& ns, const QString& name)
    {
        QVERIFY2(ns.details.defaultRoutes, "default routes not read");
        std::vector<NetRoute> expected;
        for (const char* family : {"-4", "-6"})
            for (const QJsonValue& v : jsonArray(output("ip -n " + name + " -j " + family +
                                                        " route show table main default"))) {
                const QJsonObject r = v.toObject();
                if (r.contains("type") && r["type"].toString() != "unicast")
                    continue;
                NetRoute route{family == std::string("-4") ? "inet" : "inet6", std::nullopt,
                               r["dev"].toString().toStdString()};
                if (r.contains("gateway"))
                    route.gateway = r["gateway"].toString().toStdString();
                expected.push_back(route);
            }
        QCOMPARE(*ns.details.defaultRoutes, expected);
    }

    static void checkEnd(const NetInterface* i, std::optional<std::uint64_t> netns,
                         const std::string& peer, int peerIndex)
    {
        QVERIFY(i && i->link);
        QCOMPARE(i->link->netns, netns);
        QCOMPARE(i->link->name, std::optional<std::string>(peer));
        QCOMPARE(i->link->ifindex, peerIndex);
    }

    static Snapshot scan()
    {
        Scanner scanner;
        return scanner.scan();
    }

    // What the scanner wrote, the strict reader takes back unchanged.
    static bool roundTrips(const Snapshot& s) { return fromJson(toJson(s)) == s; }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QFAIL("needs root: it builds network namespaces (run it as root)");
        if (sh("ip -V") != 0)
            QFAIL("needs iproute2 (ip)");
        // Leftovers of a killed earlier run (same prefix, other pid) are not ours to judge;
        // those of this pid cannot exist.
    }

    void cleanup()
    {
        for (QProcess* p : m_holders) {
            p->kill();
            p->waitForFinished(5000);
            delete p;
        }
        m_holders.clear();
        for (const QString& n : m_netns)
            sh("ip netns del " + n);
        m_netns.clear();
    }

    void vethPair()
    {
        const QString a = netns("a"), b = netns("b");
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        SH("ip -n " + a + " link add a0 type veth peer name b0 netns " + b);
        SH("ip -n " + a + " addr add 10.77.0.1/24 dev a0 && ip -n " + a + " link set a0 up");
        SH("ip -n " + b + " addr add 10.77.0.2/24 dev b0 && ip -n " + b + " link set b0 up");
        SH("ip -n " + b + " -6 addr add fd77::2/64 dev b0 nodad");
        SH("ip -n " + b + " route add default via 10.77.0.1");
        SH("ip -n " + b + " -6 route add default via fd77::1 dev b0");
        SH("ip -n " + a + " route add default dev a0");
        const Snapshot s = scan();
        QVERIFY(roundTrips(s));
        const Namespace* na = find(s, a);
        const Namespace* nb = find(s, b);
        QVERIFY(na && nb);
        compareLinks(*na, a);
        compareLinks(*nb, b);
        compareRoutes(*na, a);
        compareRoutes(*nb, b);
        const NetInterface* a0 = byName(*na, "a0");
        const NetInterface* b0 = byName(*nb, "b0");
        QVERIFY(a0 && b0);
        QCOMPARE(a0->kind, std::optional<std::string>("veth"));
        checkEnd(a0, nb->inode, "b0", *b0->index);
        checkEnd(b0, na->inode, "a0", *a0->index);
        QCOMPARE(nb->details.defaultRoutes->size(), std::size_t(2));
        QCOMPARE((*nb->details.defaultRoutes)[0],
                 (NetRoute{"inet", std::string("10.77.0.1"), "b0"}));
        QCOMPARE((*na->details.defaultRoutes)[0], (NetRoute{"inet", std::nullopt, "a0"}));
        // Loopback: no kind, no other end.
        QCOMPARE(byName(*na, "lo")->kind, std::optional<std::string>(""));
        QVERIFY(!byName(*na, "lo")->link);
    }

    void bridgeWithThreePorts()
    {
        const QString br = netns("br");
        QVERIFY(!br.isEmpty());
        SH("ip -n " + br + " link add br0 type bridge && ip -n " + br + " link set br0 up");
        QStringList ports;
        for (int k = 1; k <= 3; ++k) {
            const QString p = netns("p" + QString::number(k));
            QVERIFY(!p.isEmpty());
            ports << p;
            SH("ip -n " + p + " link add eth0 type veth peer name port" + QString::number(k) +
               " netns " + br);
            SH("ip -n " + br + " link set port" + QString::number(k) + " master br0 up");
            SH("ip -n " + p + " link set eth0 up");
        }
        const Snapshot s = scan();
        QVERIFY(roundTrips(s));
        const Namespace* nbr = find(s, br);
        QVERIFY(nbr);
        compareLinks(*nbr, br);
        compareRoutes(*nbr, br);
        for (int k = 1; k <= 3; ++k) {
            const Namespace* np = find(s, ports[k - 1]);
            QVERIFY(np);
            compareLinks(*np, ports[k - 1]);
            const std::string port = "port" + std::to_string(k);
            const NetInterface* onBridge = byName(*nbr, port);
            const NetInterface* eth0 = byName(*np, "eth0");
            QVERIFY(onBridge && eth0);
            QCOMPARE(onBridge->master, std::optional<std::string>("br0"));
            checkEnd(onBridge, np->inode, "eth0", *eth0->index);
            checkEnd(eth0, nbr->inode, port, *onBridge->index);
            QVERIFY(!eth0->master);
        }
        QCOMPARE(byName(*nbr, "br0")->kind, std::optional<std::string>("bridge"));
    }

    // macvlan and vxlan on a veth parent, one of each left beside it and one moved to another
    // namespace (its lower device then named by NSID).
    void macvlanAndVxlanOnVeth()
    {
        const QString h = netns("h"), m = netns("m");
        QVERIFY(!h.isEmpty() && !m.isEmpty());
        SH("ip -n " + h + " link add h0 type veth peer name h1");
        SH("ip -n " + h + " link set h0 up && ip -n " + h + " link set h1 up");
        SH("ip -n " + h + " addr add 10.78.0.1/24 dev h0");
        SH("ip -n " + h + " link add mv0 link h0 type macvlan mode bridge");
        SH("ip -n " + h + " link add vx0 type vxlan id 42 dev h0 dstport 4789 local 10.78.0.1");
        SH("ip -n " + h + " link add mv1 link h0 type macvlan mode bridge");
        SH("ip -n " + h + " link set mv1 netns " + m);
        SH("ip -n " + h + " link add vx1 type vxlan id 43 dev h0 dstport 4790");
        SH("ip -n " + h + " link set vx1 netns " + m);
        const Snapshot s = scan();
        QVERIFY(roundTrips(s));
        const Namespace* nh = find(s, h);
        const Namespace* nm = find(s, m);
        QVERIFY(nh && nm);
        compareLinks(*nh, h);
        compareLinks(*nm, m);
        const NetInterface* h0 = byName(*nh, "h0");
        QVERIFY(h0);
        checkEnd(byName(*nh, "h0"), std::nullopt, "h1", *byName(*nh, "h1")->index);
        checkEnd(byName(*nh, "mv0"), std::nullopt, "h0", *h0->index);
        QCOMPARE(byName(*nh, "mv0")->kind, std::optional<std::string>("macvlan"));
        checkEnd(byName(*nh, "vx0"), std::nullopt, "h0", *h0->index);
        QCOMPARE(byName(*nh, "vx0")->kind, std::optional<std::string>("vxlan"));
        // ip names a vxlan's lower device in info_data.
        const QJsonArray vx0 = jsonArray(output("ip -n " + h + " -j -d link show vx0"));
        QCOMPARE(
            vx0[0].toObject()["linkinfo"].toObject()["info_data"].toObject()["link"].toString(),
            "h0");
        checkEnd(byName(*nm, "mv1"), nh->inode, "h0", *h0->index);
        checkEnd(byName(*nm, "vx1"), nh->inode, "h0", *h0->index);
        QVERIFY(byName(*nm, "vx1")->link->nsid);
    }

    // Both ends of a veth with the same ifindex: the kernel leaves IFLA_LINK out.
    void vethPeerWithTheSameIndex()
    {
        const QString a = netns("sa"), b = netns("sb");
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        // Fresh namespaces count their indexes from 1 (lo): the pair gets 2 on both sides.
        SH("ip -n " + a + " link add s0 type veth peer name s1 netns " + b);
        const QJsonObject s0 =
            jsonArray(output("ip -n " + a + " -j -d link show s0"))[0].toObject();
        const QJsonObject s1 =
            jsonArray(output("ip -n " + b + " -j -d link show s1"))[0].toObject();
        if (s0["ifindex"].toInt() != s1["ifindex"].toInt())
            QFAIL(qPrintable(QString("could not stage equal indexes: %1 and %2")
                                 .arg(s0["ifindex"].toInt())
                                 .arg(s1["ifindex"].toInt())));
        // Kernels before 5.9 ("rtnetlink: always put IFLA_LINK for links with a link-netnsid")
        // leave IFLA_LINK out here; newer ones send it. Either way the answer must be the same;
        // the older form is checked on a message without it in tst_netlink_parse.
        QVERIFY(s0.contains("link_netnsid"));
        const Snapshot s = scan();
        QVERIFY(roundTrips(s));
        const Namespace* na = find(s, a);
        const Namespace* nb = find(s, b);
        QVERIFY(na && nb);
        compareLinks(*na, a);
        compareLinks(*nb, b);
        checkEnd(byName(*na, "s0"), nb->inode, "s1", s1["ifindex"].toInt());
        checkEnd(byName(*nb, "s1"), na->inode, "s0", s0["ifindex"].toInt());
    }

    // `ip link set X netns Y` between two scans: the diff names the move, and the end left
    // behind now names the other namespace.
    void interfaceMovedBetweenScans()
    {
        const QString a = netns("ma"), b = netns("mb");
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        SH("ip -n " + a + " link add m0 type veth peer name m1");
        const Snapshot before = scan();
        SH("ip -n " + a + " link set m1 netns " + b + " name moved1");
        const Snapshot after = scan();
        const Namespace* na = find(after, a);
        const Namespace* nb = find(after, b);
        QVERIFY(na && nb);
        compareLinks(*na, a);
        compareLinks(*nb, b);
        checkEnd(byName(*na, "m0"), nb->inode, "moved1", *byName(*nb, "moved1")->index);
        const SnapshotDiff d = diff(before, after);
        const auto move = std::find_if(d.interfacesMoved.begin(), d.interfacesMoved.end(),
                                       [&](const InterfaceMove& m) { return m.from == na->inode; });
        QVERIFY(move != d.interfacesMoved.end());
        QCOMPARE(move->name, std::string("m1"));
        QCOMPARE(move->toName, std::string("moved1"));
        QCOMPARE(move->to, nb->inode);
        QCOMPARE(move->mac, *byName(*nb, "moved1")->mac);
        // m0's other end changed namespace: a change of its links, not of its text.
        const auto changed =
            std::find_if(d.namespacesChanged.begin(), d.namespacesChanged.end(),
                         [&](const Changed<Namespace>& c) { return c.after.inode == na->inode; });
        QVERIFY(changed != d.namespacesChanged.end());
        const std::vector<FieldChange> fields = namespaceChanges(changed->before, changed->after);
        QVERIFY(std::any_of(fields.begin(), fields.end(), [](const FieldChange& f) {
            return f.key == "interface_links" && f.after && f.after->find("m0 ") == 0;
        }));
    }

    // A TAP held through /dev/net/tun by a process is served by it; one held by none is not.
    void tapHeldByProcess()
    {
        const QString t = netns("t");
        QVERIFY(!t.isEmpty());
        SH("ip -n " + t + " tuntap add mode tap tap0");
        SH("ip -n " + t + " tuntap add mode tap tap1");
        auto* holder = new QProcess;
        m_holders << holder;
        holder->start("ip", {"netns", "exec", t, NSX_TUN_HOLDER, "tap0"});
        QVERIFY(holder->waitForReadyRead(20000));
        QVERIFY2(holder->readAllStandardOutput().startsWith("ready"),
                 holder->readAllStandardError().constData());
        const int pid = int(holder->processId()); // ip netns exec execs the holder
        const Snapshot s = scan();
        QVERIFY(roundTrips(s));
        const Namespace* nt = find(s, t);
        QVERIFY(nt);
        compareLinks(*nt, t);
        const NetInterface* tap0 = byName(*nt, "tap0");
        const NetInterface* tap1 = byName(*nt, "tap1");
        QVERIFY(tap0 && tap1);
        QCOMPARE(tap0->kind, std::optional<std::string>("tun"));
        QCOMPARE(tap0->servedBy, std::vector<int>{pid});
        QVERIFY(tap1->servedBy.empty());
        const Process* p = s.findProcess(pid);
        QVERIFY(p);
        QCOMPARE(p->comm, std::string("tun_holder"));
    }

    // A container of the helper's --connect-host: its eth0 and the host end name each other.
    void connectHostContainer()
    {
        const QString helper = qEnvironmentVariable("NSX_HELPER");
        if (helper.isEmpty())
            QFAIL("NSX_HELPER is not set (ctest sets it when nsexplorer-helper is built)");
        auto* container = new QProcess;
        m_holders << container;
        const QString marker = "61." + QString::number(::getpid());
        container->start(helper, {"--net", "--connect-host", "--", "sleep", marker});
        QVERIFY(container->waitForStarted());
        // The sleep inside: found by its unique argument, once its namespace is wired.
        const auto sleeper = [&]() -> int {
            const QByteArray pids = output("pgrep -f -x 'sleep " + marker + "'");
            return pids.trimmed().split('\n').first().toInt();
        };
        int pid = 0;
        QTRY_VERIFY_WITH_TIMEOUT((pid = sleeper()) > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sh(QString("nsenter -t %1 -n ip -o -4 addr show dev eth0 | "
                                            "grep -q 10.209.")
                                        .arg(pid)) == 0,
                                 20000);
        const Snapshot s = scan();
        QVERIFY(roundTrips(s));
        const Process* p = s.findProcess(pid);
        QVERIFY(p && p->namespaces[index(NsType::Net)]);
        const Namespace* inside = s.findNamespace(NsType::Net, *p->namespaces[index(NsType::Net)]);
        const Process* self = s.findProcess(int(::getpid()));
        QVERIFY(self && self->namespaces[index(NsType::Net)]);
        const Namespace* host = s.findNamespace(NsType::Net, *self->namespaces[index(NsType::Net)]);
        QVERIFY(inside && host);
        const NetInterface* eth0 = byName(*inside, "eth0");
        QVERIFY(eth0 && eth0->link && eth0->link->name);
        QCOMPARE(eth0->kind, std::optional<std::string>("veth"));
        QCOMPARE(eth0->link->netns, std::optional<std::uint64_t>(host->inode));
        QVERIFY2(eth0->link->name->rfind("nsxh", 0) == 0, eth0->link->name->c_str());
        const NetInterface* hostEnd = byName(*host, *eth0->link->name);
        QVERIFY(hostEnd);
        checkEnd(hostEnd, inside->inode, "eth0", *eth0->index);
        // Inside, against ip there.
        const QJsonArray links =
            jsonArray(output(QString("nsenter -t %1 -n ip -j -d link show eth0").arg(pid)));
        QCOMPARE(eth0->link->nsid, std::optional<int>(links[0].toObject()["link_netnsid"].toInt()));
        QCOMPARE(eth0->mtu, std::optional<int>(links[0].toObject()["mtu"].toInt()));
        QCOMPARE(eth0->mac, std::optional<std::string>(
                                links[0].toObject()["address"].toString().toStdString()));
        QCOMPARE(eth0->addresses.empty(), false);
        ::kill(pid, SIGTERM);
        QVERIFY(container->waitForFinished(20000));
    }

    // As uid 65534: its own namespace's interfaces with their topology (netlink needs no
    // privilege there), the other end named by its namespace when it can open that namespace
    // (the bind mount under /run/netns is readable by all), never the interfaces of namespaces
    // it cannot enter (setns needs CAP_SYS_ADMIN over them): those stay null, with the refusal
    // in errors.
    void asNobody()
    {
        const QString a = netns("u");
        QVERIFY(!a.isEmpty());
        const QString hostEnd = "nsxn" + QString::number(::getpid() % 100000000);
        SH("ip link add " + hostEnd + " type veth peer name eth0 netns " + a);
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(fds[0]);
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(3);
            Scanner scanner;
            const std::string json = toJson(scanner.scan());
            std::size_t done = 0;
            while (done < json.size()) {
                const ssize_t n = ::write(fds[1], json.data() + done, json.size() - done);
                if (n <= 0)
                    ::_exit(4);
                done += std::size_t(n);
            }
            ::_exit(0);
        }
        ::close(fds[1]);
        std::string json;
        char buf[65536];
        ssize_t n;
        while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
            json.append(buf, std::size_t(n));
        ::close(fds[0]);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the 65534 scan failed");
        const Snapshot s = fromJson(json);
        QCOMPARE(s.scannerUid, 65534u);
        const auto inode = netnsInode(a);
        QVERIFY(inode);
        const Namespace* na = s.findNamespace(NsType::Net, *inode);
        QVERIFY(na);
        QVERIFY(!na->details.interfaces);
        QVERIFY(!na->details.defaultRoutes);
        // Its own (the host's) namespace: the host end with its topology and other end.
        struct stat own;
        QVERIFY(::stat("/proc/self/ns/net", &own) == 0);
        const Namespace* host = s.findNamespace(NsType::Net, own.st_ino);
        QVERIFY(host && host->details.interfaces && host->details.defaultRoutes);
        const NetInterface* end = byName(*host, hostEnd.toStdString());
        QVERIFY(end && end->link);
        QCOMPARE(end->kind, std::optional<std::string>("veth"));
        QVERIFY(end->link->nsid);
        QCOMPARE(end->link->netns, std::optional<std::uint64_t>(*inode));
        QVERIFY(!end->link->name); // that namespace's interfaces are not its to read
    }
};

QTEST_GUILESS_MAIN(TestNetTopology)
#include "tst_net_topology.moc"
