// After a storm of namespaces the GUI must not keep what the storm made. Each case
// counts what the window still holds once the storm is over, against what the machine has now
// (counts only; memory and CPU figures are bench_storm's):
//   - hiddenViewsLetGoOfAStorm: a storm of synthetic snapshots, every tab looked at during it;
//     two polls after it ended, every view's model — the two hidden ones too — holds the rows
//     and the snapshot a fresh model of the current snapshot holds, not the storm's;
//   - liveStorm (root): the same with thousands of real namespaces (tests/storm.h) through the
//     live poller and scanner;
//   - heapTrimAfterAShrink: the poller gives freed heap back once per big shrink, only after
//     the views have let go (HeapTrim);
//   - historyEventsShareNames: the events a storm leaves in the History (kept an hour, up to
//     maxEvents) share one copy of each launcher's name.
#include "heap_trim.h"
#include "history.h"
#include "main_window.h"
#include "namespace_models.h"
#include "poller.h"
#include "snapshot_spec.h"

#include "../storm.h"

#include <QApplication>
#include <QSet>
#include <QTest>

#include <functional>
#include <memory>
#include <unistd.h>

using namespace nsx;
using gui::MainWindow;

namespace {

// A host of `host` processes, plus `containers` containers of two processes each in their own
// net, uts, ipc, mnt and pid namespaces; `generation` renumbers the containers (a storm in
// which containers come and go).
model::SnapshotPtr machine(int host, int containers, int generation = 0)
{
    std::map<int, backend::Process> procs;
    auto add = [&](int pid, int ppid, std::uint64_t nsBase, bool own) {
        backend::Process p;
        p.pid = pid;
        p.ppid = ppid;
        p.comm = own ? "box" : "host";
        p.startTime = std::uint64_t(pid) * 3 + std::uint64_t(generation);
        p.nspid = std::vector<int>{pid};
        for (backend::NsType t : backend::kAllNsTypes) {
            const bool isolated = own && t != backend::NsType::User &&
                                  t != backend::NsType::Cgroup && t != backend::NsType::Time;
            p.namespaces[backend::index(t)] = (isolated ? nsBase : 4026531800u) + backend::index(t);
        }
        procs.emplace(pid, std::move(p));
    };
    for (int pid = 1; pid <= host; ++pid)
        add(pid, pid == 1 ? 0 : 1, 0, false);
    for (int c = 0; c < containers; ++c) {
        const int pid = 100000 + generation * 10000 + c * 2;
        const std::uint64_t base = 4026540000u + std::uint64_t(generation * 10000 + c) * 16;
        add(pid, 1, base, true);
        add(pid + 1, pid, base, true);
    }
    return std::make_shared<const backend::Snapshot>(
        test::snapshotOfProcesses(procs, "storm", [](backend::Namespace&) {}));
}

std::size_t entries(const model::SnapshotPtr& s)
{
    return s ? s->namespaces.size() + s->processes.size() : 0;
}

// Rows a fresh model of the same kind shows for `s`.
int freshRows(const model::SnapshotTreeModel* like, const model::SnapshotPtr& s)
{
    std::unique_ptr<model::SnapshotTreeModel> fresh;
    if (qobject_cast<const model::ByTypeModel*>(like))
        fresh = std::make_unique<model::ByTypeModel>();
    else if (qobject_cast<const model::HierarchyModel*>(like))
        fresh = std::make_unique<model::HierarchyModel>();
    else if (qobject_cast<const model::ContainersModel*>(like))
        fresh = std::make_unique<model::ContainersModel>();
    else
        fresh = std::make_unique<model::ProcessTreeModel>();
    fresh->setSnapshot(s);
    return fresh->rowsShown();
}

// The window's models as they are, without bringing a hidden one up to date
// (MainWindow::model() would).
QList<model::SnapshotTreeModel*> modelsAsTheyAre(MainWindow& w)
{
    return w.findChildren<model::SnapshotTreeModel*>();
}

void lookEverywhere(MainWindow& w)
{
    for (auto v : {MainWindow::View::Hierarchy, MainWindow::View::Processes,
                   MainWindow::View::Containers, MainWindow::View::ByType}) {
        w.setCurrentView(v);
        QApplication::processEvents();
    }
}

} // namespace

class TestStorm : public QObject
{
    Q_OBJECT
private slots:
    void hiddenViewsLetGoOfAStorm();
    void hiddenViewsLetGoOfAStormEndingSlowly();
    void liveStorm();
    void heapTrimAfterAShrink();
    void historyEventsShareNames();
};

// Runs `end` (the polls after a storm of 1,500 containers, looked at from every tab, with By
// type on screen), then checks that no view still holds a row of the storm.
static void hiddenViewsAfter(const std::function<model::SnapshotPtr(MainWindow&)>& end)
{
    MainWindow::Options o;
    o.live = false;
    o.loadSettings = false;
    MainWindow w(o);
    w.show();
    w.applySnapshot(machine(40, 2));
    lookEverywhere(w);
    w.applySnapshot(machine(40, 1500, 1));
    lookEverywhere(w);
    QCOMPARE(w.currentView(), MainWindow::View::ByType);
    const model::SnapshotPtr after = end(w);
    QApplication::processEvents();
    const QList<model::SnapshotTreeModel*> models = modelsAsTheyAre(w);
    QCOMPARE(models.size(), 4); // By type, Hierarchy, Processes, Containers
    for (model::SnapshotTreeModel* m : models) {
        QVERIFY2(m->snapshot(), m->metaObject()->className());
        QCOMPARE(entries(m->snapshot()), entries(after));
        // No row of the storm is left, greyed or not.
        QCOMPARE(m->rowsShown(), freshRows(m, after));
        QCOMPARE(m->checkInvariants(), QString());
    }
}

void TestStorm::hiddenViewsLetGoOfAStorm()
{
    hiddenViewsAfter([](MainWindow& w) {
        w.applySnapshot(machine(40, 1500, 2)); // the storm replaced once
        // Over: two polls.
        const model::SnapshotPtr after = machine(40, 2, 3);
        w.applySnapshot(after);
        w.applySnapshot(machine(40, 2, 3)); // the same machine, a new snapshot
        return after;
    });
}

void TestStorm::hiddenViewsLetGoOfAStormEndingSlowly()
{
    // A storm that ends over several polls (under AddressSanitizer the live storm's processes
    // died over more than one): its first part gone is a shrink that the hidden views follow,
    // the rest — fewer than 1,000 entries — is no shrink, and a hidden view that followed one
    // poll only kept the rest, greyed, until its tab was opened (liveStorm failed in CI so).
    hiddenViewsAfter([](MainWindow& w) {
        w.applySnapshot(machine(40, 60, 2)); // 1,440 containers gone: a shrink
        w.applySnapshot(machine(40, 2, 3));  // 58 more (~350 entries): no shrink
        const model::SnapshotPtr after = machine(40, 2, 3);
        w.applySnapshot(after);
        w.applySnapshot(machine(40, 2, 3));
        return after;
    });
}

void TestStorm::liveStorm()
{
    if (::geteuid() != 0)
        QSKIP("needs root: it makes thousands of real namespaces");
    test::Storm storm;
    QVERIFY(storm.ok());
    MainWindow::Options o;
    o.live = true;
    o.loadSettings = false;
    MainWindow w(o);
    w.show();
    // Snapshots, one forced full scan (F5) at a time: on a quiet machine the event-driven
    // poller's ticks end "unchanged", and the views let go of vanished rows only when a
    // snapshot comes (counting "unchanged" ticks left the storm's rows on screen).
    int polls = 0;
    connect(&w, &MainWindow::snapshotApplied, this, [&] { ++polls; });
    auto waitPolls = [&](int n) {
        for (int i = 0; i < n; ++i) {
            const int target = polls + 1;
            w.poller()->refreshNow();
            if (!QTest::qWaitFor([&] { return polls >= target; }, 60000))
                return false;
        }
        return true;
    };
    QVERIFY(waitPolls(2));
    const std::size_t before = entries(w.snapshot());

    test::StormWave wave;
    wave.members = 100;
    wave.holders = 1;
    wave.heldEach = 1000;
    int made = 0;
    const int first = storm.addWave(wave, &made);
    QVERIFY(first > 0);
    QVERIFY2(made >= wave.planned() * 9 / 10, qPrintable(QString::number(made)));
    QVERIFY(waitPolls(2));
    QVERIFY2(entries(w.snapshot()) >= before + std::size_t(made) * 9 / 10,
             qPrintable(QString::number(entries(w.snapshot()))));
    for (auto v :
         {MainWindow::View::Hierarchy, MainWindow::View::Processes, MainWindow::View::ByType}) {
        w.setCurrentView(v);
        QVERIFY(waitPolls(1));
    }
    QVERIFY(storm.killAll());
    QVERIFY(waitPolls(4));
    // Others may make namespaces meanwhile (CI runs tests side by side): compared with the
    // machine as it is now, with room for that.
    const model::SnapshotPtr now = w.snapshot();
    QVERIFY2(entries(now) < before + std::size_t(made) / 4,
             qPrintable(QString::number(entries(now))));
    for (model::SnapshotTreeModel* m : modelsAsTheyAre(w)) {
        const int expected = freshRows(m, now);
        QVERIFY2(entries(m->snapshot()) <= entries(now) * 2 + 200,
                 qPrintable(QStringLiteral("%1 holds a snapshot of %2 entries, the machine has %3")
                                .arg(m->metaObject()->className())
                                .arg(entries(m->snapshot()))
                                .arg(entries(now))));
        QVERIFY2(m->rowsShown() <= expected * 2 + 200,
                 qPrintable(QStringLiteral("%1 shows %2 rows, a fresh one %3")
                                .arg(m->metaObject()->className())
                                .arg(m->rowsShown())
                                .arg(expected)));
    }
    storm.stop();
}

void TestStorm::heapTrimAfterAShrink()
{
    model::HeapTrim t;
    // Small machines and small changes never trim.
    for (int i = 0; i < 20; ++i)
        QVERIFY(!t.observe(std::size_t(1000 + (i % 3) * 400)));
    // A storm, and its end: a trim once the machine stayed small for kSettlePolls polls.
    QVERIFY(!t.observe(20000));
    QVERIFY(!t.observe(30000));
    for (int i = 1; i < model::HeapTrim::kSettlePolls; ++i)
        QVERIFY(!t.observe(300));
    QVERIFY(t.observe(300));
    // Only once.
    for (int i = 0; i < 10; ++i)
        QVERIFY(!t.observe(300));
    // Back up within half of the peak meanwhile: the count starts again.
    QVERIFY(!t.observe(12000));
    QVERIFY(!t.observe(1000));
    QVERIFY(!t.observe(7000));
    for (int i = 1; i < model::HeapTrim::kSettlePolls; ++i)
        QVERIFY(!t.observe(1000));
    QVERIFY(t.observe(1000));
}

void TestStorm::historyEventsShareNames()
{
    model::SnapshotPtr calm = machine(10, 0);
    auto storm = std::make_shared<backend::Snapshot>(*machine(10, 500, 1));
    backend::Launcher launcher;
    launcher.pid = 123;
    launcher.comm = "unshare";
    launcher.kind = "unshare";
    for (backend::Namespace& ns : storm->namespaces)
        if (ns.inode >= 4026540000u)
            ns.launcher = launcher;
    const std::vector<model::HistoryEvent> events = model::History::makeEvents(*calm, *storm, 1);
    QCOMPARE(int(events.size()), 500 * 5);
    QSet<const QChar*> kinds, comms;
    for (const model::HistoryEvent& e : events) {
        QCOMPARE(e.launcherComm, QStringLiteral("unshare"));
        kinds.insert(e.launcherKind.constData());
        comms.insert(e.launcherComm.constData());
    }
    QCOMPARE(kinds.size(), 1);
    QCOMPARE(comms.size(), 1);
}

QTEST_MAIN(TestStorm)
#include "tst_storm.moc"
