// The item models apply the difference between consecutive snapshots as row insertions,
// removals, moves and dataChanged — never a reset after the first load. The exact order of the
// signals is recorded and compared (in the manner of qtbase's
// tst_qsortfilterproxymodel_recursive), QAbstractItemModelTester watches every step, and a
// randomised churn run checks that the incrementally updated tree always equals a freshly
// loaded one.
#include "filter_proxy.h"
#include "namespace_models.h"
#include "snapshot_spec.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace nsx;
using namespace nsx::model;
using nsx::test::inodeLabel;
using nsx::test::snapshotFromSpec;

namespace {

SnapshotPtr snap(const QString& spec)
{
    return std::make_shared<const backend::Snapshot>(snapshotFromSpec(spec));
}

// A short name for a row: namespace label, pid, type name or section.
QString rowName(const QModelIndex& idx)
{
    if (!idx.isValid())
        return QStringLiteral("root");
    const QModelIndex first = idx.siblingAtColumn(0);
    switch (RowKind(first.data(Role::Kind).toInt())) {
    case RowKind::Section:
        return QStringLiteral("S%1").arg(first.data(Role::Section).toInt());
    case RowKind::TypeGroup:
        return QString::fromLatin1(
            backend::toString(backend::NsType(first.data(Role::Type).toInt())));
    case RowKind::Namespace:
        return QString(inodeLabel(first.data(Role::Inode).toULongLong()));
    case RowKind::Process:
        return QString::number(first.data(Role::Pid).toInt());
    case RowKind::Engine:
    case RowKind::Pod:
    case RowKind::Container:
        return first.data().toString(); // the Containers view (tst_containers_model)
    }
    return QStringLiteral("?");
}

// Records row signals as short strings; an "about to" signal must be followed by its partner
// with the same arguments before anything else happens, or the record says so.
class SignalRecorder : public QObject
{
public:
    explicit SignalRecorder(QAbstractItemModel* m) : m_model(m)
    {
        watchRows(&QAbstractItemModel::rowsAboutToBeInserted, &QAbstractItemModel::rowsInserted,
                  "ins");
        watchRows(&QAbstractItemModel::rowsAboutToBeRemoved, &QAbstractItemModel::rowsRemoved,
                  "rm");
        connect(m, &QAbstractItemModel::rowsAboutToBeMoved, this,
                [this](const QModelIndex& p, int a, int b, const QModelIndex& d, int r) {
                    m_moveText = QStringLiteral("mv(%1,%2,%3>%4,%5)")
                                     .arg(rowName(p))
                                     .arg(a)
                                     .arg(b)
                                     .arg(rowName(d))
                                     .arg(r);
                    begin(m_moveText);
                });
        connect(m, &QAbstractItemModel::rowsMoved, this,
                [this](const QModelIndex&, int, int, const QModelIndex&, int) { end(m_moveText); });
        connect(m, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex& tl, const QModelIndex& br) {
                    QString s = QStringLiteral("dc(%1,%2-%3)")
                                    .arg(rowName(tl))
                                    .arg(tl.column())
                                    .arg(br.column());
                    if (tl.row() != br.row() || tl.parent() != br.parent())
                        s += QStringLiteral("!multirow");
                    add(s);
                });
        connect(m, &QAbstractItemModel::modelAboutToBeReset, this,
                [this] { add(QStringLiteral("reset")); });
        connect(m, &QAbstractItemModel::layoutAboutToBeChanged, this,
                [this] { add(QStringLiteral("layout")); });
    }
    QStringList take()
    {
        QStringList r = m_records;
        if (!m_pending.isEmpty())
            r << QStringLiteral("UNFINISHED ") + m_pending;
        m_records.clear();
        return r;
    }

private:
    // An insertion or removal: "ins(parent,first,last)", its two signals paired.
    template <typename Signal> void watchRows(Signal about, Signal done, const char* op)
    {
        auto text = [op](const QModelIndex& p, int a, int b) {
            return QStringLiteral("%1(%2,%3,%4)")
                .arg(QLatin1String(op), rowName(p), QString::number(a), QString::number(b));
        };
        connect(m_model, about, this,
                [this, text](const QModelIndex& p, int a, int b) { begin(text(p, a, b)); });
        connect(m_model, done, this,
                [this, text](const QModelIndex& p, int a, int b) { end(text(p, a, b)); });
    }
    void begin(const QString& s)
    {
        if (!m_pending.isEmpty())
            m_records << QStringLiteral("NESTED ") + s;
        m_pending = s;
    }
    void end(const QString& s)
    {
        // The "after" signal names its parent after the change: compare the kind only.
        if (m_pending.isEmpty() || m_pending.section('(', 0, 0) != s.section('(', 0, 0))
            m_records << QStringLiteral("UNPAIRED ") + s;
        else
            m_records << m_pending;
        m_pending.clear();
    }
    void add(const QString& s)
    {
        if (!m_pending.isEmpty())
            m_records << QStringLiteral("INSIDE ") + s;
        else
            m_records << s;
    }

    QAbstractItemModel* m_model;
    QStringList m_records;
    QString m_pending;
    QString m_moveText;
};

// The tree as a string: "net[a[1[2]] b]" — vanished rows left out when asked.
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
    return parts.join(QLatin1Char(' '));
}

std::unique_ptr<SnapshotTreeModel> makeModel(const QString& which)
{
    if (which == "proc")
        return std::make_unique<ProcessTreeModel>();
    if (which == "type")
        return std::make_unique<ByTypeModel>();
    return std::make_unique<HierarchyModel>();
}

// Whether the model marks the namespace labelled `label` non-initial (Role::NonInitial).
bool nonInitial(const SnapshotTreeModel& m, backend::NsType type, char label)
{
    return m.findNamespace(type, nsx::test::labelInode(label)).data(Role::NonInitial).toBool();
}

// The snapshot of `spec` as a scan sees it when PID 1's ns links refuse (a sandbox's PID 1, or
// EACCES even to root): PID 1 has no namespaces and no namespace lists it.
SnapshotPtr withUnreadablePid1(const QString& spec)
{
    backend::Snapshot s = snapshotFromSpec(spec);
    for (auto& p : s.processes)
        if (p.pid == 1)
            p.namespaces = {};
    for (auto& ns : s.namespaces)
        std::erase(ns.processes, 1);
    return std::make_shared<const backend::Snapshot>(std::move(s));
}

} // namespace

class TstTreeModels : public QObject
{
    Q_OBJECT
private slots:
    void firstLoadIsAReset();
    void shapes_data();
    void shapes();
    void signalOrder_data();
    void signalOrder();
    void detailsAndRoles();
    void namespaceNames();
    void processColumnsNameWhatDiffers();
    void randomChurnMatchesFreshLoad_data();
    void randomChurnMatchesFreshLoad();
    void offlineFileResets();
    void loopsInParentChainsAreCut();
    void initialFromKthreaddWhenPid1IsUnreadable();
    void processMarksWhenPid1IsUnreadable();
};

void TstTreeModels::firstLoadIsAReset()
{
    ProcessTreeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    SignalRecorder rec(&m);
    m.setSnapshot(snap("P1/0:a P2/1:a"));
    QCOMPARE(rec.take(), QStringList{"reset"});
    m.setSnapshot(snap("P1/0:a P2/1:a"));
    QCOMPARE(rec.take(), QStringList{});
}

void TstTreeModels::shapes_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("tree");
    QTest::newRow("processes nest by ppid") << "proc"
                                            << "P1/0:a P2/1:a P3/2:a P4/1:b P5/0:a"
                                            << "1[2[3] 4] 5";
    QTest::newRow("unknown parent is top level") << "proc"
                                                 << "P1/0:a P7/6:a"
                                                 << "1 7";
    QTest::newRow("by type: parent elsewhere is top level in the namespace")
        << "type"
        << "P1/0:a P2/1:a P3/2:b P4/3:b"
        << "net[a[1[2]] b[3[4]]]";
    QTest::newRow("by type: a held namespace has no processes") << "type"
                                                                << "P1/0:a N:b"
                                                                << "net[a[1] b]";
    QTest::newRow("by type: groups in type order") << "type"
                                                   << "P1/0:a,u:c,us:d"
                                                   << "net[a[1]] user[d[1]] uts[c[1]]";
    QTest::newRow("hierarchy: owners and nesting") << "hier"
                                                   << "O:a<x O:b<y U:y<x I:p<q"
                                                   << "S0[p q x[a y[b]]] S1[q[p]]";
}

void TstTreeModels::shapes()
{
    QFETCH(QString, model);
    QFETCH(QString, spec);
    QFETCH(QString, tree);
    auto m = makeModel(model);
    QAbstractItemModelTester tester(m.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m->setSnapshot(snap(spec));
    QCOMPARE(dumpTree(*m), tree);
}

void TstTreeModels::signalOrder_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QStringList>("polls");    // the first one is the initial load
    QTest::addColumn<QStringList>("expected"); // "|" separates polls
    const QString all15 = QStringLiteral("0-14"), all13 = QStringLiteral("0-12");

    // --- the process tree (15 columns: name, pid, pid inside, user, state, container, command,
    //     8 types)
    QTest::newRow("proc: a process appears")
        << "proc" << QStringList{"P1/0:a P2/1:a", "P1/0:a P2/1:a P3/1:a"}
        << QStringList{"|", "ins(1,1,1)"};
    QTest::newRow("proc: neighbours appear in one run each")
        << "proc" << QStringList{"P1/0:a P5/1:a", "P1/0:a P2/1:a P3/1:a P5/1:a P6/1:a"}
        << QStringList{"|", "ins(1,0,1)", "ins(1,3,3)"};
    QTest::newRow("proc: vanished stays one poll, then goes")
        << "proc" << QStringList{"P1/0:a P2/1:a P3/1:a", "P1/0:a P3/1:a", "P1/0:a P3/1:a"}
        << QStringList{"|", "dc(2," + all15 + ")", "|", "rm(1,0,0)"};
    QTest::newRow("proc: a vanished process that is back is un-greyed")
        << "proc" << QStringList{"P1/0:a P2/1:a", "P1/0:a", "P1/0:a P2/1:a"}
        << QStringList{"|", "dc(2," + all15 + ")", "|", "dc(2," + all15 + ")"};
    QTest::newRow("proc: new parent is a move")
        << "proc" << QStringList{"P1/0:a P2/1:a P3/1:a P4/3:a", "P1/0:a P2/1:a P3/1:a P4/2:a"}
        << QStringList{"|", "mv(3,0,0>2,0)", "dc(4," + all15 + ")"};
    QTest::newRow("proc: a subtree moves with its root")
        << "proc" << QStringList{"P1/0:a P2/1:a P3/2:a P5/1:a", "P1/0:a P2/5:a P3/2:a P5/1:a"}
        << QStringList{"|", "mv(1,0,0>5,0)", "dc(2," + all15 + ")"};
    QTest::newRow("proc: orphan is reparented while its parent fades")
        << "proc" << QStringList{"P1/0:a P2/1:a P3/2:a", "P1/0:a P3/1:a", "P1/0:a P3/1:a"}
        << QStringList{"|", "mv(2,0,0>1,1)", "dc(3," + all15 + ")", "dc(2," + all15 + ")",
                       "|", "rm(1,0,0)"};
    QTest::newRow("proc: a reused pid is a new row")
        << "proc" << QStringList{"P1/0:a P2/1:a", "P1/0:a P2@9/1:a"}
        << QStringList{"|", "ins(1,1,1)", "dc(2," + all15 + ")"};
    QTest::newRow("proc: a new command changes its cells only")
        << "proc" << QStringList{"P1/0:a P2/1:a", "P1/0:a P2/1:a=bash"}
        << QStringList{"|", "dc(2,0-0)", "dc(2,6-6)"};
    QTest::newRow("proc: a new net namespace changes the net cell only")
        << "proc" << QStringList{"P1/0:a P2/1:a", "P1/0:a P2/1:b"}
        << QStringList{"|", "dc(2,10-10)"};
    QTest::newRow("proc: the highlight fades over three polls")
        << "proc" << QStringList{"P1/0:a",        "P1/0:a P2/1:a", "P1/0:a P2/1:a",
                                 "P1/0:a P2/1:a", "P1/0:a P2/1:a", "P1/0:a P2/1:a"}
        << QStringList{"|", "ins(1,0,0)",          "|", "dc(2," + all15 + ")",
                       "|", "dc(2," + all15 + ")", "|", "dc(2," + all15 + ")",
                       "|"};

    // --- by type (13 columns: name, inode, processes, owner, held by, leader, hostname,
    //     container, pid, pid inside, command, user, state)
    QTest::newRow("type: a namespace appears with its process")
        << "type" << QStringList{"P1/0:a P2/1:a", "P1/0:a P2/1:a P3/1:b"}
        << QStringList{"|", "dc(net,0-0)", "ins(net,1,1)", "ins(b,0,0)"};
    QTest::newRow("type: a process leaves for a new namespace")
        << "type"
        << QStringList{"P1/0:a P2/1:a P3/2:a", "P1/0:a P2/1:a P3/2:b", "P1/0:a P2/1:a P3/2:b"}
        << QStringList{"|",
                       "dc(net,0-0)",
                       "ins(net,1,1)",
                       "dc(a,2-2)",
                       "dc(a,4-4)",
                       "ins(b,0,0)",
                       "dc(3," + all13 + ")",
                       "|",
                       "dc(b," + all13 + ")",
                       "dc(3," + all13 + ")",
                       "rm(2,0,0)"};
    QTest::newRow("type: a held namespace vanishes")
        << "type" << QStringList{"P1/0:a N:b", "P1/0:a", "P1/0:a"}
        << QStringList{"|", "dc(net,0-0)", "dc(b," + all13 + ")", "|", "rm(net,1,1)"};
    QTest::newRow("type: a move inside a namespace")
        << "type" << QStringList{"P1/0:a P2/1:a P3/1:a P4/2:a", "P1/0:a P2/1:a P3/1:a P4/3:a"}
        << QStringList{"|", "mv(2,0,0>3,0)", "dc(4," + all13 + ")"};
    QTest::newRow("type: a new type group") << "type" << QStringList{"P1/0:a", "P1/0:a U:x<y"}
                                            << QStringList{"|", "ins(root,1,1)", "ins(user,0,1)"};
    QTest::newRow("type: a reused inode with a new id is a new row")
        << "type"
        << QStringList{"P1/0:a P2/1:b D:b#7", "P1/0:a P3/1:b D:b#8", "P1/0:a P3/1:b D:b#8"}
        << QStringList{"|",
                       "ins(net,2,2)",
                       "ins(b,0,0)",
                       "dc(b," + all13 + ")",
                       "dc(2," + all13 + ")",
                       "|",
                       "dc(b," + all13 + ")",
                       "dc(3," + all13 + ")",
                       "rm(net,1,1)"};
    QTest::newRow("type: an id learned or lost is the same row")
        << "type"
        << QStringList{"P1/0:a P2/1:b", "P1/0:a P2/1:b D:b#7", "P1/0:a P2/1:b",
                       "P1/0:a P2/1:b D:b#7"}
        << QStringList{"|", "|", "|"};
    QTest::newRow("type: a new id after none is a new row")
        << "type" << QStringList{"P1/0:a P2/1:b D:b#7", "P1/0:a P2/1:b", "P1/0:a P3/1:b D:b#8"}
        << QStringList{"|",
                       "|",
                       "ins(net,2,2)",
                       "ins(b,0,0)",
                       "dc(b," + all13 + ")",
                       "dc(2," + all13 + ")"};
    QTest::newRow("type: the same id is the same row")
        << "type" << QStringList{"P1/0:a P2/1:b D:b#7", "P1/0:a P3/1:b D:b#7"}
        << QStringList{"|", "dc(b,5-5)", "ins(b,1,1)", "dc(2," + all13 + ")"};
    // The hostname names the uts namespace: its Name and Hostname cells change, no others.
    QTest::newRow("type: a hostname change touches its two cells")
        << "type" << QStringList{"P1/0:a,u:c H:c=one", "P1/0:a,u:c H:c=two"}
        << QStringList{"|", "dc(c,0-0)", "dc(c,6-6)"};

    // --- hierarchy
    QTest::newRow("hier: an owned namespace appears")
        << "hier" << QStringList{"O:a<x", "O:a<x O:b<x"} << QStringList{"|", "ins(x,1,1)"};
    QTest::newRow("hier: a new owner is a move")
        << "hier" << QStringList{"O:a<x U:y<x", "O:a<y U:y<x"}
        << QStringList{"|", "mv(x,0,0>y,0)", "dc(a," + all13 + ")"};
    QTest::newRow("hier: nested pid namespace appears in both sections")
        << "hier" << QStringList{"I:p<q", "I:p<q I:r<p"}
        << QStringList{"|", "ins(S0,2,2)", "ins(p,0,0)"};
}

void TstTreeModels::signalOrder()
{
    QFETCH(QString, model);
    QFETCH(QStringList, polls);
    QFETCH(QStringList, expected);
    auto m = makeModel(model);
    QAbstractItemModelTester tester(m.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    // A proxy on top must survive the same signals.
    NamespaceFilterProxy proxy;
    proxy.setSourceModel(m.get());
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    m->setSnapshot(snap(polls.first()));
    SignalRecorder rec(m.get());
    QStringList got;
    for (int i = 1; i < polls.size(); ++i) {
        got << QStringLiteral("|");
        m->setSnapshot(snap(polls[i]));
        got << rec.take();
    }
    QCOMPARE(got.join(QLatin1Char(' ')), expected.join(QLatin1Char(' ')));
    QCOMPARE(m->checkInvariants(), QString());
    // And the tree equals what a fresh load of the last snapshot shows.
    auto fresh = makeModel(model);
    fresh->setSnapshot(snap(polls.last()));
    QCOMPARE(dumpTree(*m, {}, true), dumpTree(*fresh));
}

void TstTreeModels::namespaceNames()
{
    // Issue 14: the Name column says what a namespace is, the Inode column keeps the number.
    backend::Snapshot s =
        snapshotFromSpec("P1/0:a,u:c,m:g,i:i P2/1:b,u:d,m:f,i:h H:c=host H:d=webbox N:e");
    for (backend::Namespace& ns : s.namespaces)
        if (ns.type == backend::NsType::Net && ns.inode == nsx::test::labelInode('b'))
            ns.launcher = backend::Launcher{1234, "unshare", "unshare"};
        else if (ns.type == backend::NsType::Ipc && ns.inode == nsx::test::labelInode('h'))
            ns.launcher = backend::Launcher{77, "runner", "other"};
    ByTypeModel m;
    m.setSnapshot(std::make_shared<const backend::Snapshot>(s));
    auto cellOf = [&](backend::NsType t, char label, Field f, int role = Qt::DisplayRole) {
        const QModelIndex i = m.findNamespace(t, nsx::test::labelInode(QChar(label)));
        return m.index(i.row(), m.columnOf(f), i.parent()).data(role).toString();
    };
    using backend::NsType;
    const QString f = QString::number(nsx::test::labelInode('f'));
    QCOMPARE(cellOf(NsType::Uts, 'd', Field::Name), QStringLiteral("uts webbox"));
    QCOMPARE(cellOf(NsType::Uts, 'c', Field::Name), QStringLiteral("uts host"));
    QCOMPARE(cellOf(NsType::Net, 'e', Field::Name), QStringLiteral("net e")); // /run/netns/e
    QCOMPARE(cellOf(NsType::Net, 'b', Field::Name), QStringLiteral("net unshare 1234"));
    QCOMPARE(cellOf(NsType::Net, 'a', Field::Name), QStringLiteral("net host")); // the initial
    QCOMPARE(cellOf(NsType::Ipc, 'h', Field::Name), QStringLiteral("ipc runner 77"));
    QCOMPARE(cellOf(NsType::Mnt, 'f', Field::Name), QStringLiteral("mnt:[%1]").arg(f));
    QCOMPARE(cellOf(NsType::Mnt, 'f', Field::Inode), f);
    QCOMPARE(cellOf(NsType::Net, 'b', Field::Inode), QString::number(nsx::test::labelInode('b')));
    QCOMPARE(cellOf(NsType::Net, 'b', Field::Name, Qt::ToolTipRole),
             QStringLiteral("net:[%1]").arg(nsx::test::labelInode('b')));
    // The search text still holds the inode, in both spellings, and the name.
    const QString text = cellOf(NsType::Net, 'b', Field::Name, Role::SearchText);
    QVERIFY(text.contains(QString::number(nsx::test::labelInode('b'))));
    QVERIFY(text.contains(QStringLiteral("net:[%1]").arg(nsx::test::labelInode('b'))));
    QVERIFY(text.contains(QStringLiteral("unshare 1234")));
}

void TstTreeModels::processColumnsNameWhatDiffers()
{
    // Issue 14: the Processes view names the namespace a process moved into (no wall of
    // inodes), with Role::MarkType for the view's coloured mark and the inode in the tooltip.
    ProcessTreeModel pm;
    QAbstractItemModelTester tester(&pm, QAbstractItemModelTester::FailureReportingMode::Fatal);
    pm.setSnapshot(snap("P1/0:a,u:c P2/1:e,u:d P3/2:e,u:d H:c=host H:d=one N:e"));
    auto at = [&](int pid, backend::NsType t) {
        const QModelIndex i = pm.findProcess(pid);
        return pm.index(i.row(), pm.columnOf(Field(int(Field::NsFirst) + int(backend::index(t)))),
                        i.parent());
    };
    using backend::NsType;
    QCOMPARE(at(2, NsType::Net).data().toString(), QStringLiteral("e"));
    QCOMPARE(at(2, NsType::Uts).data().toString(), QStringLiteral("one"));
    QCOMPARE(at(2, NsType::Net).data(Role::MarkType), QVariant(int(NsType::Net)));
    QCOMPARE(at(2, NsType::Uts).data(Role::MarkType), QVariant(int(NsType::Uts)));
    QVERIFY(at(2, NsType::Net)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("net:[%1]").arg(nsx::test::labelInode('e'))));
    QCOMPARE(at(2, NsType::Net).data(Role::Sort).toULongLong(), nsx::test::labelInode('e'));
    // pid 3 shares its parent's: nothing shown, no mark, the inode still in the tooltip.
    QCOMPARE(at(3, NsType::Net).data().toString(), QString());
    QVERIFY(!at(3, NsType::Net).data(Role::MarkType).isValid());
    QVERIFY(at(3, NsType::Net)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QString::number(nsx::test::labelInode('e'))));
    // Not a per-type cell: no mark.
    QVERIFY(!pm.findProcess(2).data(Role::MarkType).isValid());

    // The namespace is renamed while the process stays the same: its cell is updated.
    QSignalSpy spy(&pm, &QAbstractItemModel::dataChanged);
    pm.setSnapshot(snap("P1/0:a,u:c P2/1:e,u:d P3/2:e,u:d H:c=host H:d=two N:e"));
    QCOMPARE(at(2, NsType::Uts).data().toString(), QStringLiteral("two"));
    bool signalled = false;
    for (const QList<QVariant>& args : spy) {
        const auto tl = args[0].value<QModelIndex>();
        const auto br = args[1].value<QModelIndex>();
        const QModelIndex cell = at(2, NsType::Uts);
        if (tl.parent() == cell.parent() && tl.row() <= cell.row() && br.row() >= cell.row() &&
            tl.column() <= cell.column() && br.column() >= cell.column())
            signalled = true;
    }
    QVERIFY(signalled);
}

void TstTreeModels::detailsAndRoles()
{
    ByTypeModel m;
    m.setSnapshot(snap("P1/0:a,u:c P2/1:b,u:c H:c=box N:d"));
    const QModelIndex b = m.findNamespace(backend::NsType::Net, nsx::test::labelInode('b'));
    QVERIFY(b.isValid());
    QCOMPARE(b.data(Role::Kind).toInt(), int(RowKind::Namespace));
    QCOMPARE(b.data(Role::Type).toInt(), int(backend::NsType::Net));
    QCOMPARE(b.data(Role::NonInitial).toBool(), true);
    QCOMPARE(nonInitial(m, backend::NsType::Net, 'a'), false);
    QCOMPARE(m.index(b.row(), m.columnOf(Field::Processes), b.parent()).data().toString(),
             QStringLiteral("1"));
    QCOMPARE(m.index(b.row(), m.columnOf(Field::Leader), b.parent()).data().toString(),
             QStringLiteral("2 proc2"));
    QVERIFY(m.namespaceAt(b));
    QCOMPARE(m.namespaceAt(b)->inode, nsx::test::labelInode('b'));
    const QModelIndex d = m.findNamespace(backend::NsType::Net, nsx::test::labelInode('d'));
    QVERIFY(m.index(d.row(), m.columnOf(Field::Holders), d.parent())
                .data()
                .toString()
                .contains("/run/netns/d"));
    const QModelIndex c = m.findNamespace(backend::NsType::Uts, nsx::test::labelInode('c'));
    QCOMPARE(m.index(c.row(), m.columnOf(Field::Hostname), c.parent()).data().toString(),
             QStringLiteral("box"));
    // The process row under namespace b knows its context for the filter.
    const QModelIndex p2 = m.index(0, 0, b);
    QCOMPARE(p2.data(Role::Pid).toInt(), 2);
    QCOMPARE(p2.data(Role::Kind).toInt(), int(RowKind::Process));
    QVERIFY(p2.data(Role::ContextSearchText)
                .toString()
                .contains(QString::number(nsx::test::labelInode('b'))));
    QCOMPARE(m.processAt(p2)->pid, 2);
    QCOMPARE(p2.data(Role::Age).toInt(), -1);

    ProcessTreeModel pm;
    pm.setSnapshot(snap("P1/0:a P2/1:b P3/2:b"));
    const QModelIndex i2 = pm.findProcess(2);
    QVERIFY(i2.isValid());
    QCOMPARE(pm.index(i2.row(), pm.columnOf(Field(int(Field::NsFirst) + 3)), i2.parent())
                 .data()
                 .toString(),
             QString::number(nsx::test::labelInode('b')));
    // pid 3 shares its parent's net namespace: nothing to mark.
    const QModelIndex i3 = pm.findProcess(3);
    QCOMPARE(pm.index(i3.row(), pm.columnOf(Field(int(Field::NsFirst) + 3)), i3.parent())
                 .data()
                 .toString(),
             QString());
    QVERIFY(
        i3.data(Role::SearchText).toString().contains(QString::number(nsx::test::labelInode('b'))));
    pm.setSnapshot(snap("P1/0:a P2/1:b P3/2:b P4/1:a"));
    QCOMPARE(pm.findProcess(4).data(Role::Age).toInt(), 0);
    pm.setSnapshot(snap("P1/0:a P2/1:b P4/1:a"));
    const QModelIndex gone = pm.index(0, 0, pm.findProcess(2));
    QCOMPARE(gone.data(Role::Pid).toInt(), 3);
    QVERIFY(gone.data(Role::Vanished).toBool());
    QCOMPARE(pm.findProcess(4).data(Role::Age).toInt(), 1);
}

void TstTreeModels::randomChurnMatchesFreshLoad_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("filtered");
    for (const char* m : {"proc", "type", "hier"}) {
        QTest::newRow(m) << QString(m) << false;
        QTest::newRow((QByteArray(m) + " behind a filter").constData()) << QString(m) << true;
    }
}

void TstTreeModels::randomChurnMatchesFreshLoad()
{
    QFETCH(QString, model);
    QFETCH(bool, filtered);
    // Processes are born, die and get new parents and namespaces; user namespaces gain owners.
    QRandomGenerator rng(1234);
    struct P
    {
        int pid, ppid;
        QChar net;
        QChar uts;
        int start;
    };
    std::vector<P> procs{{1, 0, 'a', 'm', 0}};
    int nextPid = 2;
    auto spec = [&] {
        QStringList t;
        for (const P& p : procs)
            t << QStringLiteral("P%1@%2/%3:%4,u:%5")
                     .arg(p.pid)
                     .arg(p.start)
                     .arg(p.ppid)
                     .arg(p.net)
                     .arg(p.uts);
        t << "O:b<x"
          << "O:c<y"
          << "U:y<x"
          << "H:m=host";
        if (rng.bounded(2))
            t << "O:d<y";
        return t.join(' ');
    };
    auto m = makeModel(model);
    QAbstractItemModelTester tester(m.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    NamespaceFilterProxy proxy;
    proxy.setSourceModel(m.get());
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    if (filtered) {
        FilterState f;
        f.text = QStringLiteral("7");
        f.types[std::size_t(backend::NsType::Uts)] = false;
        proxy.setFilter(f);
    }
    m->setSnapshot(snap(spec()));
    int resets = 0;
    connect(m.get(), &QAbstractItemModel::modelReset, this, [&] { ++resets; });
    for (int poll = 0; poll < 60; ++poll) {
        const int births = rng.bounded(4);
        for (int i = 0; i < births; ++i) {
            const P& parent = procs[rng.bounded(int(procs.size()))];
            procs.push_back({nextPid++, parent.pid, QChar('a' + rng.bounded(5)),
                             QChar('m' + rng.bounded(3)), poll});
            if (nextPid > 40)
                nextPid = 2; // pids get reused, with a new start time
        }
        // deaths: children go to pid 1
        for (int i = 0; i < 2 && procs.size() > 2; ++i) {
            const std::size_t victim = 1 + rng.bounded(int(procs.size() - 1));
            const int pid = procs[victim].pid;
            procs.erase(procs.begin() + long(victim));
            for (P& p : procs)
                if (p.ppid == pid)
                    p.ppid = 1;
        }
        // a process changes namespace, another gets a new parent (subreaper)
        if (procs.size() > 3) {
            procs[1 + rng.bounded(int(procs.size() - 1))].net = QChar('a' + rng.bounded(5));
            P& q = procs[1 + rng.bounded(int(procs.size() - 1))];
            const P& np = procs[rng.bounded(int(procs.size()))];
            bool cycle = false;
            for (int up = np.pid; up > 0;) {
                if (up == q.pid) {
                    cycle = true;
                    break;
                }
                auto it = std::find_if(procs.begin(), procs.end(),
                                       [&](const P& p) { return p.pid == up; });
                up = it == procs.end() ? 0 : it->ppid;
            }
            if (!cycle)
                q.ppid = np.pid;
        }
        // keep pids unique (reuse may collide with a live one)
        std::sort(procs.begin(), procs.end(), [](const P& a, const P& b) { return a.pid < b.pid; });
        procs.erase(std::unique(procs.begin(), procs.end(),
                                [](const P& a, const P& b) { return a.pid == b.pid; }),
                    procs.end());
        const SnapshotPtr s = snap(spec());
        m->setSnapshot(s);
        QCOMPARE(m->checkInvariants(), QString());
        auto fresh = makeModel(model);
        fresh->setSnapshot(s);
        QCOMPARE(dumpTree(*m, {}, true), dumpTree(*fresh));
        if (poll % 5 != 4)
            continue;
        // Once the vanished rows are gone (same snapshot again), the proxy fed poll by poll
        // shows exactly what a proxy over the fresh model shows.
        m->setSnapshot(s);
        QCOMPARE(dumpTree(*m), dumpTree(*fresh));
        NamespaceFilterProxy freshProxy;
        freshProxy.setFilter(proxy.filter());
        freshProxy.setSourceModel(fresh.get());
        QCOMPARE(dumpTree(proxy), dumpTree(freshProxy));
    }
    QCOMPARE(resets, 0);
}

void TstTreeModels::offlineFileResets()
{
    ByTypeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    m.setSnapshot(snap("P1/0:a P2/1:b"));
    SignalRecorder rec(&m);
    m.setSnapshot(snap("P1/0:c"), SnapshotTreeModel::Update::Reset);
    QCOMPARE(rec.take(), QStringList{"reset"});
    QCOMPARE(dumpTree(m), QStringLiteral("net[c[1]]"));
}

void TstTreeModels::loopsInParentChainsAreCut()
{
    // A pid reused during a scan can make 2 the parent of 3 and 3 the parent of 2.
    ProcessTreeModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
    m.setSnapshot(snap("P1/0:a P2/3:a P3/2:a"));
    QCOMPARE(m.rowsShown(), 3);
    ByTypeModel t;
    QAbstractItemModelTester tester2(&t, QAbstractItemModelTester::FailureReportingMode::Fatal);
    t.setSnapshot(snap("P1/0:a P2/3:a P3/2:a"));
    QCOMPARE(t.rowsShown(), 5); // group, namespace, three processes
    HierarchyModel h;
    QAbstractItemModelTester tester3(&h, QAbstractItemModelTester::FailureReportingMode::Fatal);
    h.setSnapshot(snap("U:x<y U:y<x"));
    QCOMPARE(h.rowsShown(), 4);
}

void TstTreeModels::initialFromKthreaddWhenPid1IsUnreadable()
{
    // A sandbox's PID 1 may refuse its ns links: kthreadd (PID 2) tells the host's namespaces.
    ByTypeModel m;
    m.setSnapshot(withUnreadablePid1("P1/0:a P2/0:b=kthreadd P3/2:b P4/2:c"));
    QCOMPARE(nonInitial(m, backend::NsType::Net, 'b'), false);
    QCOMPARE(nonInitial(m, backend::NsType::Net, 'c'), true);
}

void TstTreeModels::processMarksWhenPid1IsUnreadable()
{
    // PID 1's links refuse (EACCES even to root on this machine): its children are compared
    // with the initial namespaces (kthreadd's), not marked "left its parent's" in every column.
    const SnapshotPtr s = withUnreadablePid1("P1/0:a,u:c,pi:p P2/0:a,u:c,pi:p=kthreadd "
                                             "P3/1:a,u:c,pi:p P4/1:b,u:c,pi:p P5/4:b,u:d,pi:p");
    const auto initial = backend::initialNamespaces(*s);
    QCOMPARE(initial[backend::index(backend::NsType::Net)],
             std::optional(nsx::test::labelInode('a')));
    QCOMPARE(initial[backend::index(backend::NsType::Uts)],
             std::optional(nsx::test::labelInode('c')));

    ProcessTreeModel pm;
    pm.setSnapshot(s);
    auto marks = [&](int pid) {
        const QModelIndex i = pm.findProcess(pid);
        QStringList out;
        for (backend::NsType t : backend::kAllNsTypes) {
            const QString v =
                pm.index(i.row(), pm.columnOf(Field(int(Field::NsFirst) + int(backend::index(t)))),
                         i.parent())
                    .data()
                    .toString();
            if (!v.isEmpty())
                out << QString::fromLatin1(backend::toString(t)) + QLatin1Char('=') +
                           QString(inodeLabel(v.toULongLong()));
        }
        return out.join(QLatin1Char(' '));
    };
    QCOMPARE(marks(3), QString());        // in the host's namespaces, like kthreadd
    QCOMPARE(marks(4), QString("net=b")); // left the host's net namespace only
    QCOMPARE(marks(5), QString("uts=d")); // its parent (4) is known: compared with it
    QCOMPARE(pm.findProcess(3).data(Role::NonInitial).toBool(), false);
    QCOMPARE(pm.findProcess(4).data(Role::NonInitial).toBool(), true);

    // The same notion in the "only non-initial" filter's role.
    ByTypeModel m;
    m.setSnapshot(s);
    QCOMPARE(nonInitial(m, backend::NsType::Uts, 'c'), false);
    QCOMPARE(nonInitial(m, backend::NsType::Uts, 'd'), true);
}

QTEST_GUILESS_MAIN(TstTreeModels)
#include "tst_tree_models.moc"
