// Snapshot diff: keys, reused pids, pid-order insensitivity, the JSON shape of
// snapshot-format.md, and the text summary.
#include "diff.h"
#include "golden_snapshot.h"
#include "snapshot_io.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace nsx::backend;
using namespace nsx::test;

namespace {

QJsonObject parse(const std::string& text)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &err);
    if (err.error != QJsonParseError::NoError)
        qWarning("%s", qPrintable(err.errorString()));
    return doc.object();
}

Namespace* find(Snapshot& s, NsType t, std::uint64_t inode)
{
    for (Namespace& ns : s.namespaces)
        if (ns.type == t && ns.inode == inode)
            return &ns;
    return nullptr;
}

Process* findProc(Snapshot& s, int pid)
{
    for (Process& p : s.processes)
        if (p.pid == pid)
            return &p;
    return nullptr;
}

// OLD = golden; NEW = one of each kind of change.
Snapshot changedCopy()
{
    Snapshot s = goldenSnapshot();
    // added: a new net namespace held by a bind mount
    Namespace red;
    red.type = NsType::Net;
    red.inode = 4026532999;
    red.dev = 4;
    red.owner = kInitUser;
    red.references = {{Reference::Kind::BindMount, "/run/netns/red", 0, -1}};
    s.namespaces.push_back(red);
    // removed: the child time namespace
    s.namespaces.erase(
        std::find_if(s.namespaces.begin(), s.namespaces.end(), [](const Namespace& n) {
            return n.type == NsType::Time && n.inode == 4026532600;
        }));
    // changed: the child uts namespace got a new hostname
    find(s, NsType::Uts, 4026532700)->details.hostname = "renamed";
    // reused pid: 812 exited and a new process got pid 812 (different start time)
    Process* p812 = findProc(s, 812);
    p812->startTime = 999999;
    p812->comm = "newcomer";
    // changed process: 1 changed state
    findProc(s, 1)->state = 'D';
    // removed process: the ghost
    s.processes.pop_back();
    normalize(s);
    return s;
}

QStringList entryKeys(const QJsonObject& o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}

} // namespace

class TestDiff : public QObject
{
    Q_OBJECT

private slots:
    void equalSnapshotsAreEmpty()
    {
        const Snapshot a = goldenSnapshot();
        const SnapshotDiff d = diff(a, a);
        QVERIFY(d.empty());
        QCOMPARE(QString::fromStdString(diffToText(d)),
                 QString("namespaces: 0 added, 0 removed, 0 changed; processes: 0 added, 0 "
                         "removed, 0 changed\n"));
        const QJsonObject j = parse(diffToJson(d));
        QCOMPARE(j["namespaces"].toObject()["added"].toArray().size(), 0);
    }

    void pidOrderAndSnapshotOrderDoNotCount()
    {
        Snapshot a = goldenSnapshot();
        Snapshot b = a;
        std::reverse(b.namespaces.begin(), b.namespaces.end());
        std::reverse(b.processes.begin(), b.processes.end());
        std::reverse(b.namespaces[0].processes.begin(), b.namespaces[0].processes.end());
        QVERIFY(diff(a, b).empty());
        QVERIFY(diff(b, a).empty());
    }

    void kinds()
    {
        const SnapshotDiff d = diff(goldenSnapshot(), changedCopy());
        QVERIFY(!d.empty());
        QCOMPARE(d.namespacesAdded.size(), std::size_t(1));
        QCOMPARE(d.namespacesAdded[0].inode, std::uint64_t(4026532999));
        QCOMPARE(d.namespacesRemoved.size(), std::size_t(1));
        QCOMPARE(d.namespacesRemoved[0].inode, std::uint64_t(4026532600));
        // uts child: hostname. The pid-812 swap leaves pid lists alone (same pid), so only it.
        QCOMPARE(d.namespacesChanged.size(), std::size_t(1));
        QCOMPARE(d.namespacesChanged[0].before.details.hostname,
                 std::optional<std::string>(kEscComm));
        QCOMPARE(d.namespacesChanged[0].after.details.hostname,
                 std::optional<std::string>("renamed"));

        // The reused pid is a removal and an addition, never a change.
        QCOMPARE(d.processesAdded.size(), std::size_t(1));
        QCOMPARE(d.processesAdded[0].pid, 812);
        QCOMPARE(d.processesAdded[0].comm, std::string("newcomer"));
        QCOMPARE(d.processesRemoved.size(), std::size_t(2));
        QCOMPARE(d.processesRemoved[0].pid, 812);
        QCOMPARE(d.processesRemoved[0].comm, std::string("sleep"));
        QCOMPARE(d.processesRemoved[1].pid, 4194304);
        QCOMPARE(d.processesChanged.size(), std::size_t(1));
        QCOMPARE(d.processesChanged[0].before.state, 'S');
        QCOMPARE(d.processesChanged[0].after.state, 'D');

        // Reversed direction mirrors it.
        const SnapshotDiff r = diff(changedCopy(), goldenSnapshot());
        QCOMPARE(r.namespacesAdded.size(), std::size_t(1));
        QCOMPARE(r.namespacesAdded[0].inode, std::uint64_t(4026532600));
        QCOMPARE(r.processesAdded.size(), std::size_t(2));
        QCOMPARE(r.processesRemoved.size(), std::size_t(1));
    }

    void jsonShape()
    {
        const Snapshot before = goldenSnapshot();
        const Snapshot after = changedCopy();
        const std::string text = diffToJson(diff(before, after));
        const QJsonObject j = parse(text);
        QCOMPARE(j.keys(), QStringList({"containers", "namespaces", "processes"}));
        for (const char* section : {"namespaces", "processes", "containers"})
            QCOMPARE(j[section].toObject().keys(), QStringList({"added", "changed", "removed"}));
        // Top-level key order in the text: namespaces first, added/removed/changed.
        const std::size_t n = text.find("\n  \"namespaces\": {"),
                          p = text.find("\n  \"processes\": {");
        QVERIFY(n < p && p != std::string::npos);
        const std::size_t a = text.find("\n    \"added\": ["),
                          r = text.find("\n    \"removed\": ["),
                          c = text.find("\n    \"changed\": [");
        QVERIFY(n < a && a < r && r < c && c < p);

        // Entries are written as in a snapshot: the same object as in NEW's / OLD's file.
        const QJsonObject snapNew = parse(toJson(after));
        const QJsonObject snapOld = parse(toJson(before));
        const auto inSnapshot = [](const QJsonObject& snap, const char* list, const char* key,
                                   double value) {
            for (const auto& v : snap[list].toArray())
                if (v.toObject()[key].toDouble() == value)
                    return v.toObject();
            return QJsonObject();
        };
        const QJsonObject added = j["namespaces"].toObject()["added"].toArray()[0].toObject();
        QCOMPARE(added, inSnapshot(snapNew, "namespaces", "inode", 4026532999.0));
        const QJsonObject removed = j["namespaces"].toObject()["removed"].toArray()[0].toObject();
        QCOMPARE(removed, inSnapshot(snapOld, "namespaces", "inode", 4026532600.0));
        QCOMPARE(entryKeys(removed),
                 QStringList({"details", "dev", "inode", "owner", "owner_uid", "parent",
                              "processes", "references", "threads", "type"}));
        const QJsonObject changed = j["namespaces"].toObject()["changed"].toArray()[0].toObject();
        QCOMPARE(changed.keys(), QStringList({"after", "before"}));
        QCOMPARE(changed["after"].toObject()["details"].toObject()["hostname"].toString(),
                 "renamed");
        QCOMPARE(changed["before"].toObject(),
                 inSnapshot(snapOld, "namespaces", "inode", 4026532700.0));

        const QJsonObject procs = j["processes"].toObject();
        QCOMPARE(procs["added"].toArray()[0].toObject()["start_time"].toInt(), 999999);
        QCOMPARE(procs["removed"].toArray()[0].toObject()["start_time"].toInt(), 123456);
        QCOMPARE(procs["removed"].toArray()[0].toObject(),
                 inSnapshot(snapOld, "processes", "pid", 812));
        QCOMPARE(procs["changed"].toArray()[0].toObject()["before"].toObject()["state"].toString(),
                 "S");
        QCOMPARE(procs["changed"].toArray()[0].toObject()["after"].toObject()["state"].toString(),
                 "D");
        // Hostile strings are escaped in the diff exactly as in a snapshot.
        QVERIFY(text.find("\\u001b[31mred") != std::string::npos);
    }

    void text()
    {
        const QString t = QString::fromStdString(diffToText(diff(goldenSnapshot(), changedCopy())));
        const QStringList lines = t.split('\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.contains("+ net 4026532999 (0 procs, bind:/run/netns/red)"), qPrintable(t));
        QVERIFY2(lines.contains("- time 4026532600 (0 procs)"), qPrintable(t));
        QVERIFY2(
            lines.contains("~ uts 4026532700: hostname \"\\x1b[31mred\\x1b[0m\" -> \"renamed\""),
            qPrintable(t));
        QVERIFY2(lines.contains("+ process 812 newcomer"), qPrintable(t));
        QVERIFY2(lines.contains("- process 812 sleep"), qPrintable(t));
        QVERIFY2(lines.contains("~ process 1 systemd: state S -> D"), qPrintable(t));
        QCOMPARE(lines.last(), QString("namespaces: 1 added, 1 removed, 1 changed; processes: 1 "
                                       "added, 2 removed, 1 changed"));
        // Nothing that could drive a terminal gets through.
        QVERIFY(!t.contains(QChar(0x1b)));
    }

    void processPidSetChange()
    {
        Snapshot a = goldenSnapshot();
        Snapshot b = a;
        find(b, NsType::Net, 4026531833)->processes = {1, 812, 4000};
        const SnapshotDiff d = diff(a, b);
        QCOMPARE(d.namespacesChanged.size(), std::size_t(1));
        QVERIFY(
            QString::fromStdString(diffToText(d)).contains("~ net 4026531833: processes +2 -1"));
    }

    // namespaceChanges() is the one list of what changed; the text diff formats it: fields
    // with a brief word are named once by it, the others with their values.
    void namespaceChangesList()
    {
        Snapshot a = goldenSnapshot();
        Snapshot b = a;
        Namespace* ipc = find(b, NsType::Ipc, 4026531839);
        QVERIFY(ipc);
        ipc->details.msgQueues = 2;
        ipc->details.semaphoreSets = 5;
        ipc->processes = {1, 4000, 4001};
        Namespace* mnt = find(b, NsType::Mnt, 4026531832);
        QVERIFY(mnt);
        mnt->details.mounts = 32;
        mnt->details.mntRoot = std::nullopt;
        // A field of another type is not this namespace's detail: not listed.
        mnt->details.hostname = "stray";

        const std::vector<FieldChange> c =
            namespaceChanges(*find(a, NsType::Ipc, 4026531839), *ipc);
        QCOMPARE(c.size(), std::size_t(3));
        QCOMPARE(c[0].key, std::string_view("processes"));
        QVERIFY(c[0].pidSet);
        QCOMPARE(c[0].added, std::vector<int>({4000, 4001}));
        QCOMPARE(c[0].removed, std::vector<int>({2, 812}));
        QCOMPARE(c[0].before, std::optional<std::string>("3"));
        QCOMPARE(c[1].key, std::string_view("msg_queues"));
        QCOMPARE(c[1].before, std::optional<std::string>("1"));
        QCOMPARE(c[1].after, std::optional<std::string>("2"));
        QCOMPARE(c[2].key, std::string_view("semaphore_sets"));
        QCOMPARE(c[2].before, std::optional<std::string>());
        QCOMPARE(c[2].brief, std::string_view("ipc objects"));

        const std::vector<FieldChange> m =
            namespaceChanges(*find(a, NsType::Mnt, 4026531832), *mnt);
        QCOMPARE(m.size(), std::size_t(2));
        QCOMPARE(m[0].key, std::string_view("mounts"));
        QCOMPARE(m[1].key, std::string_view("root"));
        QVERIFY(m[1].quoted);

        const QString t = QString::fromStdString(diffToText(diff(a, b)));
        QVERIFY2(t.contains("~ ipc 4026531839: processes +2 -2; ipc objects\n"), qPrintable(t));
        QVERIFY2(
            t.contains("~ mnt 4026531832: mounts 31 -> 32; root \"/dev/vda on / type ext4\" -> "
                       "null\n"),
            qPrintable(t));
    }

    // Issue 16: a changed master, peer, mtu or operstate is named per interface with the keys
    // that changed; the older "interfaces" change only when its text (names, states,
    // addresses) differs.
    void interfaceTopologyChanges()
    {
        Snapshot a = goldenSnapshot();
        Snapshot b = a;
        Namespace* net = find(b, NsType::Net, 4026531833);
        QVERIFY(net);
        NetInterface& veth = (*net->details.interfaces)[2];
        QCOMPARE(veth.name, std::string("veth0"));
        veth.master.reset();
        veth.mtu = 9000;
        veth.link->netns = 4026532999;
        veth.link->name = "eth1";
        (*net->details.interfaces)[3].operstate = "lowerlayerdown";
        const std::vector<FieldChange> c =
            namespaceChanges(*find(a, NsType::Net, 4026531833), *net);
        QCOMPARE(c.size(), std::size_t(2));
        QCOMPARE(c[0].key, std::string_view("interface_links"));
        QCOMPARE(c[0].before,
                 std::optional<std::string>("veth0 mtu=1500 master=br0 link=4026532300/5/eth0"));
        QCOMPARE(c[0].after,
                 std::optional<std::string>("veth0 mtu=9000 master=- link=4026532999/5/eth1"));
        QCOMPARE(c[1].before, std::optional<std::string>("br0 state=up"));
        QCOMPARE(c[1].after, std::optional<std::string>("br0 state=lowerlayerdown"));
        const QString t = QString::fromStdString(diffToText(diff(a, b)));
        QVERIFY2(t.contains("~ net 4026531833: interface_links veth0 mtu=1500 master=br0 "
                            "link=4026532300/5/eth0 -> veth0 mtu=9000 master=- "
                            "link=4026532999/5/eth1; interface_links br0 state=up -> br0 "
                            "state=lowerlayerdown\n"),
                 qPrintable(t));

        // An address change stays the one "interfaces" change it always was.
        Snapshot d = a;
        (*find(d, NsType::Net, 4026531833)->details.interfaces)[1].addresses = {"192.0.2.9/24"};
        const std::vector<FieldChange> e =
            namespaceChanges(*find(a, NsType::Net, 4026531833), *find(d, NsType::Net, 4026531833));
        QCOMPARE(e.size(), std::size_t(1));
        QCOMPARE(e[0].key, std::string_view("interfaces"));
        QCOMPARE(e[0].brief, std::string_view("interfaces"));
    }

    // An interface that leaves one namespace for another (ip link set X netns Y) is one move,
    // found by kind and MAC; loopback (all-zero MAC) is never matched.
    void interfaceMovedToAnotherNamespace()
    {
        Snapshot a = goldenSnapshot();
        Snapshot b = a;
        Namespace* host = find(b, NsType::Net, 4026531833);
        Namespace* blue = find(b, NsType::Net, 4026532300);
        QVERIFY(host && blue);
        std::vector<NetInterface>& ifs = *host->details.interfaces;
        NetInterface moved = ifs[5]; // macvlan0
        ifs.erase(ifs.begin() + 5);
        moved.name = "eth0";
        moved.index = 2;
        moved.link->netns = 4026531833;
        blue->details.interfaces = std::vector<NetInterface>{moved};
        const SnapshotDiff d = diff(a, b);
        QCOMPARE(d.interfacesMoved.size(), std::size_t(1));
        QCOMPARE(d.interfacesMoved[0].name, std::string("macvlan0"));
        QCOMPARE(d.interfacesMoved[0].toName, std::string("eth0"));
        QCOMPARE(d.interfacesMoved[0].from, std::uint64_t(4026531833));
        QCOMPARE(d.interfacesMoved[0].to, std::uint64_t(4026532300));
        const QString t = QString::fromStdString(diffToText(d));
        QVERIFY2(t.contains("> interface macvlan0 (02:42:ac:11:00:09) moved net:[4026531833] -> "
                            "net:[4026532300] as eth0\n"),
                 qPrintable(t));
        const QJsonObject j =
            QJsonDocument::fromJson(QByteArray::fromStdString(diffToJson(d))).object();
        QCOMPARE(j["interfaces_moved"].toArray().size(), 1);
        QCOMPARE(j["interfaces_moved"].toArray()[0].toObject()["to"].toDouble(), 4026532300.0);
        // No move, no key: older diffs keep their form.
        QVERIFY(!QJsonDocument::fromJson(QByteArray::fromStdString(diffToJson(diff(a, a))))
                     .object()
                     .contains("interfaces_moved"));
        // A loopback does not move: another namespace's lo is another device.
        Snapshot c = a;
        (*find(c, NsType::Net, 4026531833)->details.interfaces)
            .erase(find(c, NsType::Net, 4026531833)->details.interfaces->begin());
        find(c, NsType::Net, 4026532300)->details.interfaces =
            std::vector<NetInterface>{(*find(a, NsType::Net, 4026531833)->details.interfaces)[0]};
        QVERIFY(diff(a, c).interfacesMoved.empty());
    }

    // The kernel gives a freed inode to the next new namespace: with both ids known and
    // different, that is one namespace gone and another come, not a change; with an id on one
    // side only (an older file, a namespace the scanner could not open) it stays a change.
    // Issue 15: a container renamed (same key) or replaced (a new key) changes the namespaces
    // and processes that belong to it, though nothing else about them changed; the containers
    // themselves are added, removed, changed.
    void containerRenamedOrReplaced()
    {
        const Snapshot a = goldenSnapshot();
        Snapshot renamed = a;
        for (Container& c : renamed.containers)
            if (c.engine == "docker")
                c.name = "nsx-dock";
        SnapshotDiff d = diff(a, renamed);
        QCOMPARE(d.containersChanged.size(), std::size_t(1));
        QCOMPARE(d.containersAdded.size() + d.containersRemoved.size(), std::size_t(0));
        // pid 4026532500 and uts 4026532700 belong to it, and process 900.
        QCOMPARE(d.namespacesChanged.size(), std::size_t(2));
        QCOMPARE(d.processesChanged.size(), std::size_t(1));
        QCOMPARE(d.processesChanged[0].after.pid, 900);
        const std::string text = diffToText(d);
        QVERIFY2(text.find("~ process 900 a) b (c) ): container \"docker: \\x1b[31mred\\x1b[0m "
                           "(debian:12)\" -> \"docker: nsx-dock (debian:12)\"") !=
                     std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("~ container docker:3f2a") != std::string::npos, text.c_str());
        QVERIFY2(text.find("name \"\\x1b[31mred\\x1b[0m\" -> \"nsx-dock\"") != std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("; containers: 0 added, 0 removed, 1 changed\n") != std::string::npos,
                 text.c_str());
        const QJsonObject j = parse(diffToJson(d));
        QCOMPARE(j["containers"].toObject()["changed"].toArray().size(), 1);
        QCOMPARE(j["containers"]
                     .toObject()["changed"]
                     .toArray()[0]
                     .toObject()["after"]
                     .toObject()["name"]
                     .toString(),
                 QString("nsx-dock"));

        // Replaced: a new container (new id) took the namespaces and the process over.
        Snapshot replaced = a;
        Container fresh = *a.findContainer(kDockerKey);
        fresh.key = "docker:0000";
        fresh.id = "0000";
        replaced.containers.push_back(fresh);
        replaced.containers.erase(
            std::find_if(replaced.containers.begin(), replaced.containers.end(),
                         [](const Container& c) { return c.key == kDockerKey; }));
        for (Namespace& ns : replaced.namespaces)
            if (ns.container == kDockerKey)
                ns.container = fresh.key;
        findProc(replaced, 900)->container = fresh.key;
        normalize(replaced);
        d = diff(a, replaced);
        QCOMPARE(d.containersAdded.size(), std::size_t(1));
        QCOMPARE(d.containersRemoved.size(), std::size_t(1));
        QCOMPARE(d.namespacesChanged.size(), std::size_t(2));
        QCOMPARE(d.processesChanged.size(), std::size_t(1));
        const std::vector<FieldChange> changes = processChanges(
            d.processesChanged[0].before, d.processesChanged[0].after,
            findContainerIn(d.containersBefore, d.processesChanged[0].before.container),
            findContainerIn(d.containersAfter, d.processesChanged[0].after.container));
        QCOMPARE(changes.size(), std::size_t(1));
        QCOMPARE(changes[0].key, std::string_view("container"));

        // Nothing about containers changed: no containers line, no changes.
        QVERIFY(diff(a, a).empty());
        QVERIFY(diffToText(diff(a, a)).find("containers:") == std::string::npos);
    }

    void reusedInodeWithNewIdIsRemovalAndAddition()
    {
        Snapshot a = goldenSnapshot();
        Snapshot b = a;
        Namespace* blue = find(b, NsType::Net, 4026532300);
        QVERIFY(blue && blue->id);
        blue->id = *blue->id + 1;
        blue->processes = {4000};
        SnapshotDiff d = diff(a, b);
        QCOMPARE(d.namespacesRemoved.size(), std::size_t(1));
        QCOMPARE(d.namespacesAdded.size(), std::size_t(1));
        QCOMPARE(d.namespacesChanged.size(), std::size_t(0));
        QCOMPARE(d.namespacesRemoved[0].id, find(a, NsType::Net, 4026532300)->id);
        QCOMPARE(d.namespacesAdded[0].id, blue->id);

        // An id on one side only is no change by itself.
        Snapshot c = a;
        find(c, NsType::Net, 4026532300)->id.reset();
        QVERIFY(diff(a, c).empty());
        QVERIFY(diff(c, a).empty());

        blue->id.reset();
        d = diff(a, b);
        QCOMPARE(d.namespacesRemoved.size(), std::size_t(0));
        QCOMPARE(d.namespacesAdded.size(), std::size_t(0));
        QCOMPARE(d.namespacesChanged.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestDiff)
#include "tst_diff.moc"
