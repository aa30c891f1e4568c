// History: the per-poll samples and the appeared/vanished events, from hand-built snapshots
// with exact expectations, the ring buffer's bound, the window selection, and one live run of
// the real scanner around a namespace created with unshare(1).
#include "history.h"
#include "scanner.h"
#include "snapshot_fixtures.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace fixtures;
using nsx::model::History;
using nsx::model::HistoryEvent;
using nsx::model::HistorySample;
using nsx::model::SnapshotPtr;

namespace {

SnapshotPtr ptr(Snapshot s)
{
    return std::make_shared<const Snapshot>(std::move(s));
}

QString stamp(int secondsAfterFive)
{
    return QDateTime(QDate(2026, 11, 29), QTime(5, 0), Qt::UTC)
        .addSecs(secondsAfterFive)
        .toString(Qt::ISODate);
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT
private slots:
    void sampleCounts_data();
    void sampleCounts();
    void eventsBetweenSnapshots();
    void ringBufferBounds();
    void windowSelection();
    void timeNeverGoesBack();
    void clearForgetsEverything();
    void quietPollExtendsTheLatestSample();
    void liveUnshareIsALaunch();
};

void TestHistory::sampleCounts_data()
{
    QTest::addColumn<int>("extraNet"); // extra net namespaces, each with two processes
    QTest::addColumn<int>("extraPid"); // extra pid namespaces, each with one process
    QTest::addColumn<int>("hostPids");
    QTest::addColumn<int>("isolatedNet"); // expected processes outside the host's net ns
    QTest::addColumn<int>("isolatedPid");
    QTest::newRow("host only") << 0 << 0 << 5 << 0 << 0;
    QTest::newRow("one container") << 1 << 0 << 5 << 2 << 0;
    QTest::newRow("three nets, two pids") << 3 << 2 << 9 << 6 << 2;
}

void TestHistory::sampleCounts()
{
    QFETCH(int, extraNet);
    QFETCH(int, extraPid);
    QFETCH(int, hostPids);
    QFETCH(int, isolatedNet);
    QFETCH(int, isolatedPid);
    std::vector<NsSpec> specs = hostNamespaces(hostPids);
    int pid = 100;
    for (int i = 0; i < extraNet; ++i, pid += 2)
        specs.push_back({NsType::Net, 4026532100u + i, {pid, pid + 1}});
    for (int i = 0; i < extraPid; ++i)
        specs.push_back({NsType::Pid, 4026532200u + i, {200 + i}});
    const Snapshot s = build(stamp(0).toStdString(), specs);

    const HistorySample sample = History::makeSample(s, 1234);
    QCOMPARE(sample.timeMs, 1234);
    QCOMPARE(sample.processes, hostPids + 2 * extraNet + extraPid);
    QCOMPARE(sample.namespaces[index(NsType::Net)], 1 + extraNet);
    QCOMPARE(sample.namespaces[index(NsType::Pid)], 1 + extraPid);
    QCOMPARE(sample.namespaces[index(NsType::Uts)], 1);
    QCOMPARE(sample.namespacesTotal(), 8 + extraNet + extraPid);
    QCOMPARE(sample.isolatedProcesses[index(NsType::Net)], isolatedNet);
    QCOMPARE(sample.isolatedProcesses[index(NsType::Pid)], isolatedPid);
    QCOMPARE(sample.isolatedProcesses[index(NsType::Mnt)], 0);
}

void TestHistory::eventsBetweenSnapshots()
{
    History history;
    QSignalSpy samples(&history, &History::sampleAdded);
    QSignalSpy events(&history, &History::eventsAdded);

    const auto base = hostNamespaces(3);
    const std::vector<NsSpec> uts = {{NsType::Uts, 4026532300, {50}}};
    const std::vector<NsSpec> net = {{NsType::Net, 4026532400, {60, 61}, "unshare"}};
    history.append(ptr(build(stamp(0).toStdString(), base + uts)));
    // The first snapshot is the baseline: nothing "appeared" in it.
    QCOMPARE(samples.count(), 1);
    QCOMPARE(events.count(), 0);
    QVERIFY(history.events().empty());

    history.append(ptr(build(stamp(1).toStdString(), base + net)));
    QCOMPARE(samples.count(), 2);
    QCOMPARE(events.count(), 1);
    const auto fresh = events.at(0).at(0).value<QList<HistoryEvent>>();
    QCOMPARE(fresh.size(), 2);
    // Ordered by (type, inode): net appeared, then uts vanished.
    QCOMPARE(fresh[0].kind, HistoryEvent::Kind::Appeared);
    NSX_COMPARE_TYPE(fresh[0].type, NsType::Net);
    QCOMPARE(fresh[0].inode, quint64(4026532400));
    QCOMPARE(fresh[0].launcherKind, QStringLiteral("unshare"));
    QCOMPARE(fresh[0].timeMs, History::snapshotTimeMs(build(stamp(1).toStdString(), base)));
    QCOMPARE(fresh[1].kind, HistoryEvent::Kind::Vanished);
    NSX_COMPARE_TYPE(fresh[1].type, NsType::Uts);
    QCOMPARE(fresh[1].inode, quint64(4026532300));
    QVERIFY(fresh[1].launcherKind.isEmpty());

    // Same namespaces again: a sample, no events.
    history.append(ptr(build(stamp(2).toStdString(), base + net)));
    QCOMPARE(samples.count(), 3);
    QCOMPARE(events.count(), 1);
    QCOMPARE(history.events().size(), std::size_t(2));
    QCOMPARE(history.latest().namespaces[index(NsType::Net)], 2);
    QCOMPARE(history.latest().isolatedProcesses[index(NsType::Net)], 2);

    // The kernel gives a freed inode to the next new namespace: a new id under the same inode
    // is one namespace gone and one come. Without an id on one side nothing can be told.
    auto withId = [&](int second, std::optional<std::uint64_t> id) {
        Snapshot s = build(stamp(second).toStdString(), base + net);
        for (auto& ns : s.namespaces)
            if (ns.type == NsType::Net && ns.inode == 4026532400)
                ns.id = id;
        return ptr(std::move(s));
    };
    history.append(withId(3, 11));
    QCOMPARE(events.count(), 1); // no id before: the same namespace as far as anyone can tell
    history.append(withId(4, 12));
    QCOMPARE(events.count(), 2);
    const auto reused = events.at(1).at(0).value<QList<HistoryEvent>>();
    QCOMPARE(reused.size(), 2);
    QCOMPARE(reused[0].kind, HistoryEvent::Kind::Vanished);
    QCOMPARE(reused[1].kind, HistoryEvent::Kind::Appeared);
    QCOMPARE(reused[1].inode, quint64(4026532400));
    history.append(withId(5, 12));
    history.append(withId(6, std::nullopt));
    QCOMPARE(events.count(), 2);
}

void TestHistory::ringBufferBounds()
{
    History history(5);
    const auto base = hostNamespaces(2);
    for (int i = 0; i < 12; ++i) {
        // A namespace comes and goes every other poll so there are events to trim too.
        auto specs = base;
        if (i % 2)
            specs.push_back({NsType::Ipc, 4026532500u + i, {90}});
        history.append(ptr(build(stamp(i).toStdString(), specs)));
    }
    QCOMPARE(history.size(), 5);
    QCOMPARE(history.capacity(), 5);
    const qint64 t0 = History::snapshotTimeMs(build(stamp(0).toStdString(), base));
    // The oldest kept is poll 7, the newest poll 11, in order.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(history.sample(i).timeMs, t0 + (7 + i) * 1000);
    QCOMPARE(history.samples().size(), 5);
    // Events older than the oldest sample are gone; the rest are in time order.
    QVERIFY(!history.events().empty());
    for (const auto& e : history.events())
        QVERIFY(e.timeMs >= history.sample(0).timeMs);
    QVERIFY(std::is_sorted(history.events().begin(), history.events().end(),
                           [](const auto& a, const auto& b) { return a.timeMs < b.timeMs; }));

    history.setCapacity(2);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.sample(0).timeMs, t0 + 10 * 1000);
    QCOMPARE(history.latest().timeMs, t0 + 11 * 1000);
    history.setCapacity(4); // growing keeps what is there and fills up again
    history.append(ptr(build(stamp(12).toStdString(), base)));
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.latest().timeMs, t0 + 12 * 1000);

    history.setMaxEvents(1);
    QVERIFY(history.events().size() <= 1);
}

void TestHistory::windowSelection()
{
    History history;
    const auto base = hostNamespaces(2);
    // One poll every 10 s for 30 minutes, with a launch at minute 5 and at minute 29.
    for (int i = 0; i <= 180; ++i) {
        auto specs = base;
        if (i >= 30)
            specs.push_back({NsType::Net, 4026532600, {70}});
        if (i >= 174)
            specs.push_back({NsType::User, 4026532601, {71}});
        history.append(ptr(build(stamp(i * 10).toStdString(), specs)));
    }
    QCOMPARE(history.size(), 181);
    const qint64 last = history.latest().timeMs;
    const auto minute = history.window(60'000);
    QCOMPARE(minute.size(), 7); // t-60 s .. t inclusive, every 10 s
    QCOMPARE(minute.first().timeMs, last - 60'000);
    QCOMPARE(history.window(600'000).size(), 61);
    QCOMPARE(history.window(3'600'000).size(), 181);
    QCOMPARE(history.window(0).size(), 181);

    QCOMPARE(history.eventsInWindow(60'000).size(), 1);
    NSX_COMPARE_TYPE(history.eventsInWindow(60'000).first().type, NsType::User);
    QCOMPARE(history.eventsInWindow(3'600'000).size(), 2);
}

void TestHistory::timeNeverGoesBack()
{
    History history;
    const auto base = hostNamespaces(1);
    history.append(ptr(build(stamp(100).toStdString(), base)));
    history.append(ptr(build(stamp(50).toStdString(), base))); // the clock stepped back
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.sample(1).timeMs, history.sample(0).timeMs);

    // An unparsable taken_at falls back to the current time, still clamped so the samples
    // stay ordered (the test machine's clock may be anywhere relative to the fixture's).
    history.append(ptr(build("not a time", base)));
    QCOMPARE(history.size(), 3);
    QVERIFY(history.sample(2).timeMs >= history.sample(1).timeMs);
    QCOMPARE(History::snapshotTimeMs(build("garbage", base)), -1);
}

void TestHistory::clearForgetsEverything()
{
    History history;
    QSignalSpy cleared(&history, &History::cleared);
    QSignalSpy events(&history, &History::eventsAdded);
    history.append(ptr(build(stamp(0).toStdString(), hostNamespaces(1))));
    history.clear();
    QCOMPARE(cleared.count(), 1);
    QVERIFY(history.isEmpty());
    // After a clear the next snapshot is a new baseline, not a diff against the old one.
    history.append(ptr(build(stamp(1).toStdString(),
                             hostNamespaces(1) + std::vector<NsSpec>{{NsType::Net, 1, {5}}})));
    QCOMPARE(events.count(), 0);
    QCOMPARE(history.size(), 1);
}

void TestHistory::quietPollExtendsTheLatestSample()
{
    // A poll the events found quiet (Poller::unchanged) repeats the latest sample at its time,
    // with no events, so the chart steps instead of sloping to the next change.
    History history(3);
    QSignalSpy added(&history, &History::sampleAdded);
    QSignalSpy events(&history, &History::eventsAdded);
    history.extend(1'000); // nothing to repeat yet
    QVERIFY(history.isEmpty());
    const auto base = hostNamespaces(2);
    history.append(ptr(build(stamp(0).toStdString(), base)));
    const HistorySample first = history.latest();
    history.extend(first.timeMs); // not later: nothing
    QCOMPARE(history.size(), 1);
    history.extend(first.timeMs + 1000);
    history.extend(first.timeMs + 2000);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.latest().timeMs, first.timeMs + 2000);
    QCOMPARE(history.latest().namespaces, first.namespaces);
    QCOMPARE(history.latest().processes, first.processes);
    history.extend(first.timeMs + 3000); // the ring keeps its capacity
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.sample(0).timeMs, first.timeMs + 1000);
    QCOMPARE(added.count(), 4);
    QCOMPARE(events.count(), 0);
}

void TestHistory::liveUnshareIsALaunch()
{
    if (geteuid() != 0)
        QSKIP("creating a network namespace with unshare(1) needs root");
    nsx::backend::ScanOptions options;
    options.details = false;
    nsx::backend::Scanner scanner(options);
    History history;
    history.append(ptr(scanner.scan()));

    QProcess child;
    child.start(QStringLiteral("unshare"), {QStringLiteral("--net"), QStringLiteral("--uts"),
                                            QStringLiteral("sleep"), QStringLiteral("120")});
    QVERIFY2(child.waitForStarted(20000), qPrintable(child.errorString()));
    const auto cleanup = qScopeGuard([&child] {
        child.kill();
        child.waitForFinished(20000);
    });
    const QByteArray nsPath =
        QByteArray("/proc/") + QByteArray::number(child.processId()) + "/ns/net";
    struct stat mine
    {
    }, theirs{};
    QVERIFY(::stat("/proc/self/ns/net", &mine) == 0);
    // unshare(1) execs sleep after unsharing; wait until the child is in its new namespace.
    QTRY_VERIFY_WITH_TIMEOUT(
        ::stat(nsPath.constData(), &theirs) == 0 && theirs.st_ino != mine.st_ino, 20000);

    const quint64 netInode = theirs.st_ino;
    QSignalSpy events(&history, &History::eventsAdded);
    history.append(ptr(scanner.scan()));
    QCOMPARE(events.count(), 1);
    const auto fresh = events.at(0).at(0).value<QList<HistoryEvent>>();
    auto hasEvent = [netInode](const auto& list, HistoryEvent::Kind kind) {
        return std::any_of(list.begin(), list.end(), [&](const HistoryEvent& e) {
            return e.kind == kind && e.type == NsType::Net && e.inode == netInode;
        });
    };
    QVERIFY2(hasEvent(fresh, HistoryEvent::Kind::Appeared),
             "the new network namespace did not appear");
    QVERIFY(history.latest().isolatedProcesses[index(NsType::Net)] >= 1);

    child.kill();
    QVERIFY(child.waitForFinished(20000));
    QTRY_VERIFY_WITH_TIMEOUT(::stat(nsPath.constData(), &theirs) != 0, 20000);
    history.append(ptr(scanner.scan()));
    // Other tests may create and end namespaces concurrently: look only for ours.
    QVERIFY2(hasEvent(history.events(), HistoryEvent::Kind::Vanished),
             "the network namespace did not vanish");
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
