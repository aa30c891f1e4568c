// Issue 15, what shows the names: the Containers view (engine → pod → container → namespaces →
// processes) under QAbstractItemModelTester, updated row by row (never a reset after the first
// load) and always equal to a freshly loaded model; the Container column of the other views and
// the filter finding a container by name. Snapshots are built here (container_spec.h): these
// tests do not need the scanner's naming pass.
#include "container_spec.h"
#include "filter_proxy.h"
#include "namespace_models.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace nsx;
using namespace nsx::model;
using backend::NsType;
using nsx::test::ContainerSpec;
using nsx::test::inodeLabel;
using nsx::test::withContainers;

namespace {

SnapshotPtr ptr(backend::Snapshot s)
{
    return std::make_shared<const backend::Snapshot>(std::move(s));
}

QString rowName(const QModelIndex& idx)
{
    const QModelIndex first = idx.siblingAtColumn(0);
    switch (RowKind(first.data(Role::Kind).toInt())) {
    case RowKind::Namespace:
        return QString::fromLatin1(backend::toString(NsType(first.data(Role::Type).toInt()))) +
               QLatin1Char(' ') + QString(inodeLabel(first.data(Role::Inode).toULongLong()));
    case RowKind::Process:
        return QString::number(first.data(Role::Pid).toInt());
    case RowKind::Engine:
    case RowKind::Pod:
    case RowKind::Container:
        return first.data().toString();
    default:
        return QStringLiteral("?");
    }
}

QString dumpTree(const QAbstractItemModel& m, const QModelIndex& parent = {},
                 bool skipVanished = false)
{
    QStringList parts;
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex idx = m.index(r, 0, parent);
        if (skipVanished && idx.data(Role::Vanished).toBool())
            continue;
        QString s = rowName(idx);
        const QString children = dumpTree(m, idx, skipVanished);
        if (!children.isEmpty())
            s += QLatin1Char('[') + children + QLatin1Char(']');
        parts << s;
    }
    return parts.join(QLatin1String(", "));
}

// A machine: docker's nsx-dock (net a, uts b; pids 2, 3 under 2), kubernetes' web-0 and web-1 in
// pod shop/web (net c, net d), a service with no namespace of its own (pid 9), pid 1 on the host.
backend::Snapshot machine()
{
    return withContainers("P1/0:z P2/1:a,u:b P3/2:a,u:b P4/1:c P5/1:d P9/1:z",
                          {ContainerSpec{.key = "docker:3f2a9c0d11aa",
                                         .engine = "docker",
                                         .name = "nsx-dock",
                                         .namespaces = {{NsType::Net, 'a'}, {NsType::Uts, 'b'}},
                                         .image = "debian:12",
                                         .labels = {{"com.example.tier", "front"}}},
                           ContainerSpec{.key = "kubernetes:c1",
                                         .engine = "kubernetes",
                                         .name = "web-0",
                                         .namespaces = {{NsType::Net, 'c'}},
                                         .pod = "web",
                                         .podNamespace = "shop"},
                           ContainerSpec{.key = "kubernetes:c2",
                                         .engine = "kubernetes",
                                         .name = "web-1",
                                         .namespaces = {{NsType::Net, 'd'}},
                                         .pod = "web",
                                         .podNamespace = "shop"},
                           ContainerSpec{.key = "service:cups.service",
                                         .engine = "service",
                                         .name = "cups.service",
                                         .namespaces = {},
                                         .loneProcesses = {9}}});
}

// Whether any row of `m` is process `pid` (By type lists a process under each namespace).
bool hasPid(const QAbstractItemModel& m, int pid, const QModelIndex& parent = {})
{
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex idx = m.index(r, 0, parent);
        if ((RowKind(idx.data(Role::Kind).toInt()) == RowKind::Process &&
             idx.data(Role::Pid).toInt() == pid) ||
            hasPid(m, pid, idx))
            return true;
    }
    return false;
}

// The tree with siblings in name order: rows keep the place they were first given (key order),
// so an incrementally updated tree lists them in order of first sight, a fresh one by name.
QString sortedTree(const QAbstractItemModel& m, const QModelIndex& parent = {},
                   bool skipVanished = false)
{
    QStringList parts;
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex idx = m.index(r, 0, parent);
        if (skipVanished && idx.data(Role::Vanished).toBool())
            continue;
        QString s = rowName(idx);
        const QString children = sortedTree(m, idx, skipVanished);
        if (!children.isEmpty())
            s += QLatin1Char('[') + children + QLatin1Char(']');
        parts << s;
    }
    parts.sort();
    return parts.join(QLatin1String(", "));
}

QModelIndex findText(const QAbstractItemModel& m, const QString& text,
                     const QModelIndex& parent = {})
{
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex idx = m.index(r, 0, parent);
        if (idx.data().toString() == text)
            return idx;
        if (QModelIndex found = findText(m, text, idx); found.isValid())
            return found;
    }
    return {};
}

} // namespace

class TstContainersModel : public QObject
{
    Q_OBJECT
private slots:
    void shape();
    void rolesAndCells();
    void containerColumnInOtherViews();
    void renameIsADataChangeNotAReset();
    void filterFindsContainersByName();
    void randomChurnMatchesFreshLoad_data();
    void randomChurnMatchesFreshLoad();
    void malformedFileDuplicateKeys();
};

void TstContainersModel::shape()
{
    ContainersModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    m.setSnapshot(ptr(machine()));
    QCOMPARE(m.checkInvariants(), QString());
    QCOMPARE(dumpTree(m), QStringLiteral("docker[nsx-dock[net a[2[3]], uts b[2[3]]]], "
                                         "kubernetes[web[web-0[net c[4]], web-1[net d[5]]]], "
                                         "service[cups.service[9]]"));
    // A process is found where the view lists it: under its container's first namespace.
    QCOMPARE(rowName(m.findProcess(3).parent()), QStringLiteral("2"));
    QCOMPARE(rowName(m.findProcess(9).parent()), QStringLiteral("cups.service"));
    QVERIFY(!m.findProcess(1).isValid()); // on the host, in no container
    QCOMPARE(rowName(m.findNamespace(NsType::Net, nsx::test::labelInode('c'))),
             QStringLiteral("net c"));
}

void TstContainersModel::rolesAndCells()
{
    ContainersModel m;
    m.setSnapshot(ptr(machine()));
    const QModelIndex dock = findText(m, QStringLiteral("nsx-dock"));
    QVERIFY(dock.isValid());
    QCOMPARE(RowKind(dock.data(Role::Kind).toInt()), RowKind::Container);
    QCOMPARE(dock.data(Role::ContainerKey).toString(), QStringLiteral("docker:3f2a9c0d11aa"));
    QVERIFY(!dock.data(Role::Inode).isValid()); // its key's number is not an inode
    QVERIFY(!dock.data(Role::Type).isValid());
    QVERIFY(dock.data(Role::NonInitial).toBool());
    const int containerCol = m.columnOf(Field::Container);
    const int pidCol = m.columnOf(Field::Pid);
    QCOMPARE(dock.siblingAtColumn(containerCol).data().toString(),
             QStringLiteral("docker: nsx-dock"));
    QCOMPARE(dock.siblingAtColumn(pidCol).data().toString(), QStringLiteral("2"));
    QCOMPARE(dock.siblingAtColumn(pidCol).data(Role::Sort).toInt(), 2);
    const QString tip = dock.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("debian:12")) &&
                 tip.contains(QStringLiteral("3f2a9c0d11aa")),
             qPrintable(tip));
    QVERIFY(dock.data(Role::SearchText).toString().contains(QStringLiteral("debian:12")));
    // The pod row: name, and namespace in the tooltip.
    const QModelIndex pod = findText(m, QStringLiteral("web"));
    QVERIFY(pod.isValid());
    QCOMPARE(RowKind(pod.data(Role::Kind).toInt()), RowKind::Pod);
    QVERIFY(pod.data(Qt::ToolTipRole).toString().contains(QStringLiteral("shop")));
    QVERIFY(!pod.data(Role::ContainerKey).isValid());
    // Namespace and process rows below carry their container's key.
    const QModelIndex net = m.findNamespace(NsType::Net, nsx::test::labelInode('a'));
    QCOMPARE(net.data(Role::ContainerKey).toString(), QStringLiteral("docker:3f2a9c0d11aa"));
    QCOMPARE(net.siblingAtColumn(containerCol).data().toString(),
             QStringLiteral("docker: nsx-dock"));
    QCOMPARE(m.findProcess(9).data(Role::ContainerKey).toString(),
             QStringLiteral("service:cups.service"));
}

void TstContainersModel::containerColumnInOtherViews()
{
    const SnapshotPtr s = ptr(machine());
    ByTypeModel byType;
    byType.setSnapshot(s);
    const int col = byType.columnOf(Field::Container);
    QVERIFY(col >= 0);
    const QModelIndex netA = byType.findNamespace(NsType::Net, nsx::test::labelInode('a'));
    QCOMPARE(netA.siblingAtColumn(col).data().toString(), QStringLiteral("docker: nsx-dock"));
    QCOMPARE(netA.siblingAtColumn(col).data(Role::Sort).toString(),
             QStringLiteral("docker: nsx-dock"));
    // Its processes say so too, under any of their namespaces.
    const QModelIndex inA = byType.index(0, 0, netA);
    QCOMPARE(inA.siblingAtColumn(col).data().toString(), QStringLiteral("docker: nsx-dock"));
    // A namespace with no container keeps what launched it (empty here).
    const QModelIndex netZ = byType.findNamespace(NsType::Net, nsx::test::labelInode('z'));
    QCOMPARE(netZ.siblingAtColumn(col).data().toString(), QString());

    ProcessTreeModel procs;
    QAbstractItemModelTester tester(&procs, QAbstractItemModelTester::FailureReportingMode::Fatal);
    procs.setSnapshot(s);
    const int pcol = procs.columnOf(Field::Container);
    QVERIFY(pcol >= 0);
    QCOMPARE(procs.headerData(pcol, Qt::Horizontal).toString(), QStringLiteral("Container"));
    QCOMPARE(procs.findProcess(4).siblingAtColumn(pcol).data().toString(),
             QStringLiteral("kubernetes: web-0"));
    QCOMPARE(procs.findProcess(9).siblingAtColumn(pcol).data().toString(),
             QStringLiteral("service: cups.service"));
    QCOMPARE(procs.findProcess(1).siblingAtColumn(pcol).data().toString(), QString());
}

void TstContainersModel::renameIsADataChangeNotAReset()
{
    // docker rename keeps the id (the key): the rows stay, their cells change.
    ContainersModel m;
    ByTypeModel byType;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester tester2(&byType,
                                     QAbstractItemModelTester::FailureReportingMode::Fatal);
    m.setSnapshot(ptr(machine()));
    byType.setSnapshot(ptr(machine()));
    QSignalSpy resets(&m, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsAboutToBeRemoved);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QSignalSpy byTypeChanged(&byType, &QAbstractItemModel::dataChanged);
    const QPersistentModelIndex dock = findText(m, QStringLiteral("nsx-dock"));
    backend::Snapshot renamed = machine();
    for (auto& c : renamed.containers)
        if (c.key == "docker:3f2a9c0d11aa")
            c.name = "nsx-renamed";
    m.setSnapshot(ptr(renamed));
    byType.setSnapshot(ptr(renamed));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(dock.isValid());
    QCOMPARE(dock.data().toString(), QStringLiteral("nsx-renamed"));
    QVERIFY(changed.count() > 0);
    const int col = byType.columnOf(Field::Container);
    const QModelIndex netA = byType.findNamespace(NsType::Net, nsx::test::labelInode('a'));
    QCOMPARE(netA.siblingAtColumn(col).data().toString(), QStringLiteral("docker: nsx-renamed"));
    bool nsRowChanged = false;
    for (const auto& args : byTypeChanged)
        nsRowChanged = nsRowChanged || (args[0].toModelIndex().siblingAtColumn(0) == netA &&
                                        args[0].toModelIndex().column() <= col &&
                                        args[1].toModelIndex().column() >= col);
    QVERIFY2(nsRowChanged, "the Container cell of net a was not signalled");
    // The same snapshot again changes nothing.
    changed.clear();
    m.setSnapshot(ptr(renamed));
    QCOMPARE(changed.count(), 0);
}

void TstContainersModel::filterFindsContainersByName()
{
    const SnapshotPtr s = ptr(machine());
    for (int view = 0; view < 3; ++view) {
        std::unique_ptr<SnapshotTreeModel> m;
        if (view == 0)
            m = std::make_unique<ByTypeModel>();
        else if (view == 1)
            m = std::make_unique<ProcessTreeModel>();
        else
            m = std::make_unique<ContainersModel>();
        NamespaceFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.setSourceModel(m.get());
        m->setSnapshot(s);
        FilterState f;
        f.text = QStringLiteral("nsx-dock");
        proxy.setFilter(f);
        // pid 2 and 3 are docker's: shown; 4 (kubernetes) and 1 (host) are not.
        auto shown = [&](int pid) { return hasPid(proxy, pid); };
        QVERIFY2(shown(2) && shown(3), qPrintable(QString::number(view)));
        QVERIFY2(!shown(4) && !shown(9), qPrintable(QString::number(view)));
        // By engine, and as the column spells it.
        f.text = QStringLiteral("kubernetes: web-1");
        proxy.setFilter(f);
        QVERIFY2(shown(5) && !shown(4) && !shown(2), qPrintable(QString::number(view)));
        f.text = QStringLiteral("service");
        proxy.setFilter(f);
        QVERIFY2(shown(9) && !shown(2), qPrintable(QString::number(view)));
        // A regular expression anchored on the name field.
        f.text = QStringLiteral("^web-\\d$");
        f.regex = true;
        proxy.setFilter(f);
        QVERIFY2(shown(4) && shown(5) && !shown(2), qPrintable(QString::number(view)));
    }
}

void TstContainersModel::randomChurnMatchesFreshLoad_data()
{
    QTest::addColumn<bool>("filtered");
    QTest::newRow("plain") << false;
    QTest::newRow("behind a filter") << true;
}

void TstContainersModel::randomChurnMatchesFreshLoad()
{
    QFETCH(bool, filtered);
    // Containers start, stop, move between pods and get renamed; processes come and go.
    QRandomGenerator rng(1515);
    ContainersModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    NamespaceFilterProxy proxy;
    proxy.setSourceModel(&m);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    if (filtered) {
        FilterState f;
        f.text = QStringLiteral("1");
        proxy.setFilter(f);
    }
    int resets = 0;
    bool loaded = false;
    connect(&m, &QAbstractItemModel::modelReset, this, [&] { resets += loaded ? 1 : 0; });
    static const char* const kEngines[] = {"docker", "podman", "kubernetes", "lxc"};
    for (int poll = 0; poll < 60; ++poll) {
        // Net namespaces a..h, each with one or two processes; some named.
        QStringList spec{QStringLiteral("P1/0:z")};
        int pid = 10;
        for (char l = 'a'; l <= 'h'; ++l) {
            const int n = 1 + rng.bounded(2);
            for (int i = 0; i < n; ++i, ++pid)
                spec << QStringLiteral("P%1@%2/%3:%4")
                            .arg(pid)
                            .arg(rng.bounded(3))
                            .arg(i ? pid - 1 : 1)
                            .arg(QChar(l));
        }
        backend::Snapshot s = nsx::test::snapshotFromSpec(spec.join(' '));
        for (char l = 'a'; l <= 'h'; ++l) {
            if (rng.bounded(4) == 0)
                continue; // not a container this poll
            const char* engine = kEngines[rng.bounded(4)];
            const bool pod = std::string(engine) == "kubernetes" || rng.bounded(3) == 0;
            nsx::test::addContainer(
                s, ContainerSpec{.key = std::string(engine) + ":" + l,
                                 .engine = engine,
                                 .name = std::string("c-") + l + (rng.bounded(2) ? "" : "-x"),
                                 .namespaces = {{NsType::Net, l}},
                                 .pod = pod ? std::optional<std::string>(std::string("pod") +
                                                                         char('0' + rng.bounded(2)))
                                            : std::nullopt,
                                 .podNamespace = std::nullopt});
        }
        const SnapshotPtr sp = ptr(std::move(s));
        m.setSnapshot(sp);
        loaded = true;
        QCOMPARE(m.checkInvariants(), QString());
        ContainersModel fresh;
        fresh.setSnapshot(sp);
        QCOMPARE(sortedTree(m, {}, true), sortedTree(fresh));
        if (poll % 5 != 4)
            continue;
        m.setSnapshot(sp);
        QCOMPARE(sortedTree(m), sortedTree(fresh));
        NamespaceFilterProxy freshProxy;
        freshProxy.setFilter(proxy.filter());
        freshProxy.setSourceModel(&fresh);
        QCOMPARE(sortedTree(proxy), sortedTree(freshProxy));
        // Sorted by name (the view's header), both list the same rows in the same order.
        proxy.sort(0);
        freshProxy.sort(0);
        QCOMPARE(dumpTree(proxy), dumpTree(freshProxy));
        proxy.sort(-1);
    }
    QCOMPARE(resets, 0);
}

void TstContainersModel::malformedFileDuplicateKeys()
{
    // A crafted file: the same container twice, a namespace naming a container that is not
    // listed, a container with no namespace and no process. Rows stay unique; nothing crashes.
    backend::Snapshot s = machine();
    s.containers.push_back(s.containers.front()); // unsorted, as a file may have them
    s.containers.insert(s.containers.begin() + 1, s.containers.back());
    s.namespaces.front().container = "nope:1";
    backend::Container empty;
    empty.key = "lxc:empty";
    empty.engine = "lxc";
    empty.name = "empty";
    empty.id = "empty";
    s.containers.push_back(empty);
    ContainersModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    m.setSnapshot(ptr(s));
    QCOMPARE(m.checkInvariants(), QString());
    QVERIFY(findText(m, QStringLiteral("empty")).isValid());
    ByTypeModel byType;
    byType.setSnapshot(ptr(s));
    const QModelIndex first =
        byType.findNamespace(s.namespaces.front().type, s.namespaces.front().inode);
    QCOMPARE(first.siblingAtColumn(byType.columnOf(Field::Container)).data().toString(), QString());
}

QTEST_GUILESS_MAIN(TstContainersModel)
#include "tst_containers_model.moc"
