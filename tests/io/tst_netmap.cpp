// The network map's model (backend/netmap.h) on topologies built in code: cards and titles,
// wires of each kind, loopback hidden unless asked, wires that follow a renamed or moved
// interface, the layout kept stable when a card comes or goes, the DOT rendered by libgvc, the
// JSON, and the nesting picture's PID chains.
#include "../model/netmap_fixtures.h"
#include "netmap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>
#include <map>
#include <set>

using namespace nsx::backend;
using namespace nsx::test;
namespace nm = nsx::backend::netmap;

class TestNetmap : public QObject
{
    Q_OBJECT
private slots:
    void cardsAndTitles();
    void wiresOfEachKind();
    void loopbackOnlyWhenAsked();
    void wireFollowsRenamedInterface();
    void wireFollowsMovedInterface();
    void unknownPeerDrawsNoWire();
    void layoutFirstHasNoOverlaps();
    void layoutKeepsCardsWhenOneIsAdded();
    void layoutKeepsCardsWhenOneIsRemoved();
    void dotRendersThroughLibgvc();
    void badDotIsOneLineError();
    void jsonHasCardsAndWires();
    void nestingShowsPidAtEveryLevel();
    void nestingIsStableAcrossPolls();
};

namespace {

int count(const nm::Graph& g, nm::Wire::Kind kind)
{
    return int(std::count_if(g.wires.begin(), g.wires.end(),
                             [&](const nm::Wire& w) { return w.kind == kind; }));
}

const nm::Wire* wireBetween(const nm::Graph& g, const std::string& a, const std::string& b)
{
    for (const nm::Wire& w : g.wires)
        if ((w.fromCard == a && w.toCard == b) || (w.fromCard == b && w.toCard == a))
            return &w;
    return nullptr;
}

std::vector<nm::LayoutNode> nodesOf(const nm::Graph& g)
{
    std::vector<nm::LayoutNode> out;
    for (const nm::Card& c : g.cards)
        out.push_back({c.id, 200, 40.0 + 16.0 * double(c.ports.size()), std::nullopt});
    if (g.hasOutside)
        out.push_back({nm::kOutsideId, 100, 44, std::nullopt});
    return out;
}

std::vector<nm::LayoutEdge> edgesOf(const nm::Graph& g)
{
    std::vector<nm::LayoutEdge> out;
    for (const nm::Wire& w : g.wires)
        out.push_back({w.fromCard, w.toCard});
    return out;
}

bool overlap(const nm::LayoutNode& a, std::pair<double, double> pa, const nm::LayoutNode& b,
             std::pair<double, double> pb)
{
    return std::abs(pa.first - pb.first) * 2 < a.width + b.width &&
           std::abs(pa.second - pb.second) * 2 < a.height + b.height;
}

void verifyNoOverlap(const std::vector<nm::LayoutNode>& nodes,
                     const std::map<std::string, std::pair<double, double>>& pos)
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (std::size_t j = i + 1; j < nodes.size(); ++j)
            QVERIFY2(!overlap(nodes[i], pos.at(nodes[i].id), nodes[j], pos.at(nodes[j].id)),
                     (nodes[i].id + " over " + nodes[j].id).c_str());
}

} // namespace

void TestNetmap::cardsAndTitles()
{
    const nm::Graph g = nm::buildGraph(mapFixture(3));
    QCOMPARE(int(g.cards.size()), 5); // host, lab, three containers
    const nm::Card* host = g.findCard(nm::cardId(kHostNet));
    QVERIFY(host);
    QVERIFY(host->initial);
    QCOMPARE(host->title, std::string("host: vm"));
    QCOMPARE(g.findCard(nm::cardId(containerNet(0)))->title, std::string("podman: web-0"));
    QCOMPARE(g.findCard(nm::cardId(containerNet(1)))->title, std::string("web-1")); // hostname
    QCOMPARE(g.findCard(nm::cardId(kLabNet))->title, std::string("netns: nsx-map-lab"));
    const nm::Card* c0 = g.findCard(nm::cardId(containerNet(0)));
    QCOMPARE(c0->addresses, std::vector<std::string>{"10.88.0.2/16"});
    QCOMPARE(c0->routes, std::vector<std::string>{"default via 10.88.0.1 dev eth0"});
    QCOMPARE(nm::inodeOfCardId(nm::cardId(42)), std::optional<std::uint64_t>(42));
    QVERIFY(!nm::inodeOfCardId("outside"));
    QVERIFY(!nm::inodeOfCardId("net:12/3"));
    QVERIFY(!nm::inodeOfCardId("net:x"));
}

void TestNetmap::wiresOfEachKind()
{
    const nm::Graph g = nm::buildGraph(mapFixture(3));
    QCOMPARE(count(g, nm::Wire::Kind::Veth), 3 + 1); // containers + the lab's uplink veth
    QCOMPARE(count(g, nm::Wire::Kind::Master), 3);   // host veth ends -> br0
    QCOMPARE(count(g, nm::Wire::Kind::Lower), 2);    // macvlan -> eth0, vxlan -> veth-up
    QCOMPARE(count(g, nm::Wire::Kind::Uplink), 1);   // host eth0 -> outside
    QVERIFY(g.hasOutside);
    // One wire per veth pair, although both ends name each other.
    const nm::Wire* w = wireBetween(g, nm::cardId(kHostNet), nm::cardId(containerNet(2)));
    QVERIFY(w);
    QCOMPARE(w->kind, nm::Wire::Kind::Veth);
    const std::set<std::string> ends{w->from, w->to};
    QCOMPARE(ends, (std::set<std::string>{nm::cardId(kHostNet) + "/12",
                                          nm::cardId(containerNet(2)) + "/2"}));
    // The macvlan's lower device is in another namespace: a wire across cards.
    const nm::Wire* mv = wireBetween(g, nm::cardId(kLabNet), nm::cardId(kHostNet));
    QVERIFY(mv);
    // The bridge port wire stays inside the host card.
    for (const nm::Wire& m : g.wires)
        if (m.kind == nm::Wire::Kind::Master) {
            QCOMPARE(m.fromCard, nm::cardId(kHostNet));
            QCOMPARE(m.to, nm::cardId(kHostNet) + "/3");
        }
}

void TestNetmap::loopbackOnlyWhenAsked()
{
    const Snapshot s = mapFixture(1);
    const auto hasLo = [](const nm::Graph& g) {
        for (const nm::Card& c : g.cards)
            for (const nm::Port& p : c.ports)
                if (p.name == "lo")
                    return true;
        return false;
    };
    QVERIFY(!hasLo(nm::buildGraph(s)));
    const nm::Graph with = nm::buildGraph(s, {.loopback = true});
    QVERIFY(hasLo(with));
    // Loopback is no physical NIC: no uplink wire for it.
    QCOMPARE(count(with, nm::Wire::Kind::Uplink), 1);
    // Its address is not the card's.
    for (const nm::Card& c : with.cards)
        for (const std::string& a : c.addresses)
            QVERIFY(a != "127.0.0.1/8");
}

void TestNetmap::wireFollowsRenamedInterface()
{
    Snapshot s = mapFixture(2);
    const nm::Graph before = nm::buildGraph(s);
    for (Namespace& ns : s.namespaces)
        if (ns.type == NsType::Net && ns.inode == containerNet(1))
            for (NetInterface& i : *ns.details.interfaces)
                if (i.name == "eth0")
                    i.name = "ens3"; // ip link set eth0 name ens3: same ifindex
    // The host's end still names the peer by index; its cached name is stale.
    const nm::Graph after = nm::buildGraph(s);
    const nm::Wire* wb = wireBetween(before, nm::cardId(kHostNet), nm::cardId(containerNet(1)));
    const nm::Wire* wa = wireBetween(after, nm::cardId(kHostNet), nm::cardId(containerNet(1)));
    QVERIFY(wb && wa);
    QCOMPARE(wa->from, wb->from);
    QCOMPARE(wa->to, wb->to);
    const auto [ci, pi] = after.portIndex.at(nm::cardId(containerNet(1)) + "/2");
    QCOMPARE(after.cards[ci].ports[pi].name, std::string("ens3"));
}

void TestNetmap::wireFollowsMovedInterface()
{
    // ip link set veth0 netns nsx-map-lab: the host end moves (a new ifindex there), and the
    // container's end now names the lab as its peer's namespace.
    Snapshot s = mapFixture(2);
    NetInterface moved;
    for (Namespace& ns : s.namespaces) {
        if (ns.type != NsType::Net || ns.inode != kHostNet)
            continue;
        auto& ifs = *ns.details.interfaces;
        const auto it = std::find_if(ifs.begin(), ifs.end(),
                                     [](const NetInterface& i) { return i.name == "veth0"; });
        moved = *it;
        ifs.erase(it);
    }
    moved.index = 7;
    moved.master.reset();
    for (Namespace& ns : s.namespaces) {
        if (ns.type == NsType::Net && ns.inode == kLabNet)
            ns.details.interfaces->push_back(moved);
        if (ns.type == NsType::Net && ns.inode == containerNet(0))
            for (NetInterface& i : *ns.details.interfaces)
                if (i.name == "eth0")
                    i.link = NetLinkEnd{kLabNet, 7, "veth0"};
    }
    const nm::Graph g = nm::buildGraph(s);
    QVERIFY(!wireBetween(g, nm::cardId(kHostNet), nm::cardId(containerNet(0))));
    const nm::Wire* w = wireBetween(g, nm::cardId(kLabNet), nm::cardId(containerNet(0)));
    QVERIFY(w);
    QCOMPARE(w->kind, nm::Wire::Kind::Veth);
    QCOMPARE(count(g, nm::Wire::Kind::Master), 1); // only veth1 is still a port of br0
}

void TestNetmap::unknownPeerDrawsNoWire()
{
    Snapshot s = mapFixture(1);
    for (Namespace& ns : s.namespaces)
        if (ns.type == NsType::Net && ns.inode == containerNet(0))
            for (NetInterface& i : *ns.details.interfaces)
                if (i.link)
                    i.link = NetLinkEnd{999, 5, std::nullopt}; // a namespace we cannot see
    for (Namespace& ns : s.namespaces)
        if (ns.type == NsType::Net && ns.inode == kHostNet)
            for (NetInterface& i : *ns.details.interfaces)
                if (i.name == "veth0")
                    i.link.reset();
    const nm::Graph g = nm::buildGraph(s);
    QVERIFY(!wireBetween(g, nm::cardId(kHostNet), nm::cardId(containerNet(0))));
}

void TestNetmap::layoutFirstHasNoOverlaps()
{
    const nm::Graph g = nm::buildGraph(mapFixture(6, 5));
    const auto nodes = nodesOf(g);
    const auto pos = nm::layout(nodes, edgesOf(g));
    QCOMPARE(pos.size(), nodes.size());
    verifyNoOverlap(nodes, pos);
    // Wired cards are laid out left to right: the containers on one side of the host.
    const double hx = pos.at(nm::cardId(kHostNet)).first;
    const double c0 = pos.at(nm::cardId(containerNet(0))).first;
    for (int i = 1; i < 6; ++i)
        QCOMPARE(pos.at(nm::cardId(containerNet(i))).first > hx, c0 > hx);
}

void TestNetmap::layoutKeepsCardsWhenOneIsAdded()
{
    const nm::Graph g1 = nm::buildGraph(mapFixture(5, 2));
    const auto first = nm::layout(nodesOf(g1), edgesOf(g1));
    // A sixth container starts: every card seen before is pinned where it was.
    const nm::Graph g2 = nm::buildGraph(mapFixture(6, 2));
    auto nodes = nodesOf(g2);
    for (auto& n : nodes)
        if (first.count(n.id))
            n.pinned = first.at(n.id);
    const auto second = nm::layout(nodes, edgesOf(g2));
    for (const auto& [id, p] : first)
        QCOMPARE(second.at(id), p);
    QVERIFY(second.count(nm::cardId(containerNet(5))));
    verifyNoOverlap(nodes, second);
}

void TestNetmap::layoutKeepsCardsWhenOneIsRemoved()
{
    const nm::Graph g1 = nm::buildGraph(mapFixture(6, 2));
    const auto first = nm::layout(nodesOf(g1), edgesOf(g1));
    const nm::Graph g2 = nm::buildGraph(mapFixture(5, 2));
    auto nodes = nodesOf(g2);
    for (auto& n : nodes)
        n.pinned = first.at(n.id);
    const auto second = nm::layout(nodes, edgesOf(g2));
    QCOMPARE(second.size(), nodes.size());
    for (const auto& n : nodes)
        QCOMPARE(second.at(n.id), first.at(n.id));
}

void TestNetmap::dotRendersThroughLibgvc()
{
    const nm::Graph g = nm::buildGraph(mapFixture(2));
    const std::string dot = nm::toDot(g);
    QVERIFY(dot.find("graph netmap {") == 0);
    std::string svg = nm::render(dot, "svg");
    for (std::size_t at; (at = svg.find("&#45;")) != std::string::npos;)
        svg.replace(at, 5, "-"); // Graphviz writes '-' as an entity
    QVERIFY(svg.find("<svg") != std::string::npos);
    for (const char* text : {"podman: web-0", "web-1", "netns: nsx-map-lab", "outside", "br0"})
        QVERIFY2(svg.find(text) != std::string::npos, text);
    QVERIFY(svg.find(netmap::kNetColor) != std::string::npos);
    // Markup in a name stays text.
    Snapshot s = mapFixture(0);
    for (Namespace& ns : s.namespaces)
        if (ns.type == NsType::Net && ns.inode == kLabNet)
            ns.details.interfaces->at(1).name = "<b>&\"x\\";
    const std::string hostile = nm::render(nm::toDot(nm::buildGraph(s)), "svg");
    QVERIFY(hostile.find("&lt;b&gt;&amp;") != std::string::npos);
}

void TestNetmap::badDotIsOneLineError()
{
    try {
        nm::render("graph { a -- ", "svg");
        QFAIL("no error");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        QVERIFY(what.find('\n') == std::string::npos);
        QVERIFY(what.rfind("Graphviz", 0) == 0);
    }
    try {
        nm::render("graph { a }", "no-such-format");
        QFAIL("no error");
    } catch (const std::runtime_error& e) {
        QVERIFY(std::string(e.what()).find('\n') == std::string::npos);
    }
}

void TestNetmap::jsonHasCardsAndWires()
{
    const nm::Graph g = nm::buildGraph(mapFixture(2));
    QJsonParseError err;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromStdString(nm::toJson(g)), &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root["cards"].toArray().size(), 4);
    QCOMPARE(root["wires"].toArray().size(), int(g.wires.size()));
    QVERIFY(root["outside"].toBool());
    const QJsonObject w = root["wires"].toArray().first().toObject();
    for (const char* key : {"kind", "from", "to", "fromCard", "toCard"})
        QVERIFY2(w.contains(key), key);
}

void TestNetmap::nestingShowsPidAtEveryLevel()
{
    const auto roots = nm::buildNesting(mapFixture(2));
    QCOMPARE(int(roots.size()), 1);
    const nm::NestBox& host = roots.front();
    QCOMPARE(host.kind, nm::NestBox::Kind::User);
    QCOMPARE(host.inode, kHostUser);
    // Container 0 has its own user namespace, nested in the host's, holding its PID namespace
    // and the processes with both PIDs.
    const nm::NestBox* child = nullptr;
    for (const nm::NestBox& c : host.children)
        if (c.kind == nm::NestBox::Kind::User)
            child = &c;
    QVERIFY(child);
    QCOMPARE(child->inode, containerNet(0) + 3);
    const nm::NestBox* pid = nullptr;
    for (const nm::NestBox& c : child->children)
        if (c.kind == nm::NestBox::Kind::Pid)
            pid = &c;
    QVERIFY(pid);
    QCOMPARE(pid->inode, containerNet(0) + 2);
    QCOMPARE(int(pid->children.size()), 2);
    QCOMPARE(pid->children[0].title, std::string("nginx  1000 \u203a 1"));
    QCOMPARE(pid->children[1].title, std::string("worker  1001 \u203a 2"));
    // Boxes hold their children.
    const auto inside = [](const nm::NestBox& outer, const nm::NestBox& inner) {
        return inner.x >= outer.x && inner.y >= outer.y &&
               inner.x + inner.width <= outer.x + outer.width + 0.01 &&
               inner.y + inner.height <= outer.y + outer.height + 0.01;
    };
    QVERIFY(inside(host, *child));
    QVERIFY(inside(*child, *pid));
    QVERIFY(inside(*pid, pid->children[0]));
    // Container 1 shares the host's user namespace: its PID namespace sits inside the host's.
    const nm::NestBox* hostPid = nullptr;
    for (const nm::NestBox& c : host.children)
        if (c.kind == nm::NestBox::Kind::Pid)
            hostPid = &c;
    QVERIFY(hostPid);
    QCOMPARE(hostPid->inode, kHostPid);
    bool found = false;
    for (const nm::NestBox& c : hostPid->children)
        found |= c.kind == nm::NestBox::Kind::Pid && c.inode == containerNet(1) + 2;
    QVERIFY(found);
}

void TestNetmap::nestingIsStableAcrossPolls()
{
    // With the previous picture given, a box still there keeps its place, a new one finds a
    // free spot, a vanished one comes back once as a ghost where it was, then goes.
    const auto flat = [](const std::vector<nm::NestBox>& roots) {
        std::map<std::string, const nm::NestBox*> out;
        std::function<void(const nm::NestBox&)> walk = [&](const nm::NestBox& b) {
            QVERIFY2(out.emplace(b.id, &b).second, b.id.c_str()); // ids are unique
            for (const nm::NestBox& c : b.children)
                walk(c);
        };
        for (const nm::NestBox& b : roots)
            walk(b);
        return out;
    };
    const auto noOverlaps = [](const std::vector<nm::NestBox>& roots) {
        std::function<bool(const std::vector<nm::NestBox>&)> ok =
            [&](const std::vector<nm::NestBox>& sib) {
                for (std::size_t i = 0; i < sib.size(); ++i) {
                    for (std::size_t j = i + 1; j < sib.size(); ++j) {
                        const nm::NestBox &a = sib[i], &b = sib[j];
                        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height &&
                            b.y < a.y + a.height)
                            return false;
                    }
                    if (!ok(sib[i].children))
                        return false;
                }
                return true;
            };
        return ok(roots);
    };
    const auto first = nm::buildNesting(mapFixture(4));
    const auto second = nm::buildNesting(mapFixture(5), {}, &first);
    QVERIFY(noOverlaps(second));
    const auto a = flat(first), b = flat(second);
    const std::string c4User = "user:" + std::to_string(containerNet(4) + 3);
    QVERIFY(!a.count(c4User) && b.count(c4User));
    for (const auto& [id, box] : a) {
        QVERIFY2(b.count(id), id.c_str());
        QCOMPARE(b.at(id)->x, box->x);
        QCOMPARE(b.at(id)->y, box->y);
        QVERIFY(!b.at(id)->vanished);
    }
    // Without the previous picture the new user box goes before the PID boxes and moves them
    // (what the GUI showed before this was live).
    const auto freshPicture = nm::buildNesting(mapFixture(5));
    const auto fresh = flat(freshPicture); // pointers into freshPicture
    const std::string hostPid = "pid:" + std::to_string(kHostPid);
    QVERIFY(fresh.at(hostPid)->x != a.at(hostPid)->x || fresh.at(hostPid)->y != a.at(hostPid)->y);

    // Container 1 ends.
    nsx::backend::Snapshot s = mapFixture(5);
    std::erase_if(s.namespaces, [](const nsx::backend::Namespace& n) {
        return n.inode >= containerNet(1) && n.inode <= containerNet(1) + 4;
    });
    std::erase_if(s.processes, [](const nsx::backend::Process& p) {
        return p.pid == containerPid(1) || p.pid == containerPid(1) + 1;
    });
    const auto third = nm::buildNesting(s, {}, &second);
    const auto c = flat(third);
    const std::string c1Pid = "pid:" + std::to_string(containerNet(1) + 2);
    QVERIFY(c.count(c1Pid));
    QVERIFY(c.at(c1Pid)->vanished);
    QCOMPARE(int(c.at(c1Pid)->children.size()), 2);
    QVERIFY(c.at(c1Pid)->children[0].vanished);
    for (const auto& [id, box] : b) {
        QVERIFY2(c.count(id), id.c_str());
        QCOMPARE(c.at(id)->x, box->x);
        QCOMPARE(c.at(id)->y, box->y);
    }
    const auto fourth = nm::buildNesting(s, {}, &third);
    const auto d = flat(fourth);
    QVERIFY(!d.count(c1Pid));
    for (const auto& [id, box] : c)
        if (!box->vanished) {
            QCOMPARE(d.at(id)->x, box->x);
            QCOMPARE(d.at(id)->y, box->y);
        }
    // Container 1 comes back: it takes a free spot, the hole it left, without overlaps.
    const auto fifth = nm::buildNesting(mapFixture(5), {}, &fourth);
    QVERIFY(noOverlaps(fifth));
    const auto e = flat(fifth);
    QVERIFY(e.count(c1Pid) && !e.at(c1Pid)->vanished);
    for (const auto& [id, box] : d) {
        QCOMPARE(e.at(id)->x, box->x);
        QCOMPARE(e.at(id)->y, box->y);
    }
}

QTEST_GUILESS_MAIN(TestNetmap)
#include "tst_netmap.moc"
