// The poller against the live system: snapshots arrive on the GUI thread, pause and refresh
// behave, and a namespace created with unshare while it runs shows up as inserted rows in the
// models — never as a reset. Needs root for unshare; skips without.
#include "namespace_models.h"
#include "poller.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fcntl.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace nsx;
using namespace nsx::model;

namespace {

// The uts namespace inode of the child that `unshare --fork` started (the child of `parent`).
std::uint64_t childUtsInode(qint64 parent, int* childPid)
{
    QFile f(QStringLiteral("/proc/%1/task/%1/children").arg(parent));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const int pid =
        QString::fromLatin1(f.readAll()).split(' ', Qt::SkipEmptyParts).value(0).toInt();
    if (pid <= 0)
        return 0;
    struct stat st
    {};
    if (::stat(QStringLiteral("/proc/%1/ns/uts").arg(pid).toLocal8Bit().constData(), &st) != 0)
        return 0;
    *childPid = pid;
    return st.st_ino;
}

} // namespace

class TstPoller : public QObject
{
    Q_OBJECT
private slots:
    void deliversOnGuiThread();
    void pauseAndRefresh();
    void liveNamespaceIsInsertedNotReset();
    void destroyDoesNotWaitForAScan();
    void backgroundTicksLessOften();
};

void TstPoller::deliversOnGuiThread()
{
    Poller poller;
    QThread* gui = QThread::currentThread();
    QThread* seen = nullptr;
    SnapshotPtr got;
    connect(&poller, &Poller::snapshotReady, this, [&](SnapshotPtr s) {
        seen = QThread::currentThread();
        got = s;
    });
    poller.setInterval(500);
    poller.start();
    QTRY_VERIFY_WITH_TIMEOUT(got != nullptr, 30000);
    QCOMPARE(seen, gui);
    QVERIFY(got->findProcess(int(::getpid())) != nullptr);
    QVERIFY(!got->namespaces.empty());
    QVERIFY(poller.lastScanMs() > 0);
}

void TstPoller::pauseAndRefresh()
{
    Poller poller;
    QSignalSpy ready(&poller, &Poller::snapshotReady);
    // A tick of the event-driven poller on a quiet machine ends with "unchanged", no snapshot.
    QSignalSpy quiet(&poller, &Poller::unchanged);
    QSignalSpy paused(&poller, &Poller::pausedChanged);
    poller.setInterval(200);
    poller.start();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 2, 30000);
    poller.pause();
    QCOMPARE(paused.count(), 1);
    QVERIFY(poller.isPaused());
    // let a scan in flight land, then nothing more arrives while paused
    QTRY_VERIFY_WITH_TIMEOUT(!poller.isScanning(), 30000);
    const int before = int(ready.count());
    const int quietBefore = int(quiet.count());
    QTest::qWait(1000);
    QCOMPARE(int(ready.count()), before);
    QCOMPARE(int(quiet.count()), quietBefore);
    // F5 while paused scans once
    poller.refreshNow();
    QTRY_COMPARE_WITH_TIMEOUT(int(ready.count()), before + 1, 30000);
    QTest::qWait(600);
    QCOMPARE(int(ready.count()), before + 1);
    // Two refreshes while one scan runs give one more scan, not two.
    poller.refreshNow();
    QVERIFY(poller.isScanning());
    poller.refreshNow();
    poller.refreshNow();
    QTRY_COMPARE_WITH_TIMEOUT(int(ready.count()), before + 3, 30000);
    QTest::qWait(800);
    QCOMPARE(int(ready.count()), before + 3);
    QCOMPARE(int(quiet.count()), quietBefore); // F5 is a full scan: always a snapshot
    // Resumed, it ticks again: two ticks at least, each a snapshot or "unchanged" (counting
    // snapshots only failed once a quiet machine's polls became "unchanged", issue 17).
    poller.resume();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() + quiet.count() >= before + 3 + quietBefore + 2, 30000);
}

void TstPoller::liveNamespaceIsInsertedNotReset()
{
    if (::geteuid() != 0)
        QSKIP("creating a namespace with unshare needs root");
    Poller poller;
    ByTypeModel byType;
    ProcessTreeModel processes;
    QAbstractItemModelTester t1(&byType, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester t2(&processes, QAbstractItemModelTester::FailureReportingMode::Fatal);
    connect(&poller, &Poller::snapshotReady, &byType,
            [&](SnapshotPtr s) { byType.setSnapshot(s); });
    connect(&poller, &Poller::snapshotReady, &processes,
            [&](SnapshotPtr s) { processes.setSnapshot(s); });
    poller.setInterval(300);
    poller.start();
    QTRY_VERIFY_WITH_TIMEOUT(byType.snapshot() != nullptr, 30000);
    QSignalSpy resets(&byType, &QAbstractItemModel::modelReset);
    QSignalSpy procResets(&processes, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&byType, &QAbstractItemModel::rowsInserted);

    QProcess unshare;
    unshare.start(QStringLiteral("unshare"),
                  {QStringLiteral("--uts"), QStringLiteral("--fork"),
                   QStringLiteral("--kill-child"), QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY2(unshare.waitForStarted(10000), qPrintable(unshare.errorString()));
    auto cleanup = qScopeGuard([&] {
        unshare.kill();
        unshare.waitForFinished(10000);
    });
    int child = 0;
    std::uint64_t inode = 0;
    QTRY_VERIFY_WITH_TIMEOUT((inode = childUtsInode(unshare.processId(), &child)) != 0, 20000);

    // The model may still show a namespace that ended just before with this inode (the kernel
    // gives a freed inode to the next new namespace): wait for the row with our process.
    const auto ours = [&] {
        const QModelIndex idx = byType.findNamespace(backend::NsType::Uts, inode);
        const backend::Namespace* n = idx.isValid() ? byType.namespaceAt(idx) : nullptr;
        return n &&
               std::find(n->processes.begin(), n->processes.end(), child) != n->processes.end();
    };
    QTRY_VERIFY_WITH_TIMEOUT(ours(), 30000);
    QVERIFY(inserted.count() > 0);
    const QPersistentModelIndex ns = byType.findNamespace(backend::NsType::Uts, inode);
    QCOMPARE(ns.data(Role::NonInitial).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(processes.findProcess(child).isValid(), 30000);

    // Gone: greyed for one poll, then removed — still no reset. (Its row, not its inode: a
    // namespace made meanwhile by another test may have the inode already.)
    unshare.kill();
    unshare.waitForFinished(10000);
    QTRY_VERIFY_WITH_TIMEOUT(ns.data(Role::Vanished).toBool() || !ns.isValid(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!ns.isValid(), 30000);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(procResets.count(), 0);
}

// In the background (the window minimised or hidden) the ticks come kBackgroundFactor times
// less often, and back in the foreground at the set pace again, with a scan at once.
void TstPoller::backgroundTicksLessOften()
{
    Poller poller;
    int scans = 0; // whatever a tick ends with: a snapshot, nothing changed, or a failure
    connect(&poller, &Poller::snapshotReady, this, [&] { ++scans; });
    connect(&poller, &Poller::unchanged, this, [&] { ++scans; });
    connect(&poller, &Poller::scanFailed, this, [&] { ++scans; });
    poller.setInterval(200);
    poller.start();
    QTRY_VERIFY_WITH_TIMEOUT(scans >= 1, 30000);
    QCOMPARE(poller.tickInterval(), 200);
    QVERIFY(!poller.isBackground());

    poller.setBackground(true);
    QVERIFY(poller.isBackground());
    QCOMPARE(poller.tickInterval(), 200 * Poller::kBackgroundFactor);
    QCOMPARE(poller.interval(), 200); // the set interval stays
    // At one tick a second, 1.6 s hold at most two ticks (and the scan in flight, if any);
    // at 200 ms they would hold eight.
    QTRY_VERIFY_WITH_TIMEOUT(!poller.isScanning(), 30000);
    const int before = scans;
    QTest::qWait(1600);
    QVERIFY2(scans - before <= 2,
             qPrintable(QStringLiteral("%1 scans in 1.6 s in the background").arg(scans - before)));

    // Back on screen: the set pace, and a scan at once rather than at the next tick.
    QTRY_VERIFY_WITH_TIMEOUT(!poller.isScanning(), 30000);
    poller.setBackground(false);
    QCOMPARE(poller.tickInterval(), 200);
    QVERIFY(poller.isScanning());
    // A new interval set in the background applies multiplied, and plain when back.
    poller.setBackground(true);
    poller.setInterval(300);
    QCOMPARE(poller.tickInterval(), 300 * Poller::kBackgroundFactor);
    poller.setBackground(false);
    QCOMPARE(poller.tickInterval(), 300);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TstPoller t;
        status = QTest::qExec(&t, argc, argv);
    }
    // Scans a destroyed poller left running end before the statics they use go.
    nsx::model::Poller::waitForAbandonedScans(60000);
    return status;
}
// Quitting (Ctrl+Q) must not wait for a scan in flight. The scan reads a /proc fixture whose
// files are FIFOs: it blocks in the first one until the test writes, which it does only after
// the Poller is destroyed (or, if the destructor waited, after a watchdog gave up: that is the
// failure). No time is measured.
void TstPoller::destroyDoesNotWaitForAScan()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QStringList fifos;
    for (const char* dir : {"self", "1"}) {
        QVERIFY(QDir(root.path()).mkpath(dir));
        for (const char* file : {"stat", "status", "cmdline", "comm"}) {
            const QString path = root.filePath(QStringLiteral("%1/%2").arg(dir, file));
            QVERIFY(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0);
            fifos << path;
        }
    }
    // A writer end on whichever FIFO the scan waits in (open(O_NONBLOCK) succeeds only with a
    // reader there); the scan then blocks in read() until that end is closed.
    auto writerOnWaitedFifo = [&fifos] {
        for (const QString& f : fifos) {
            const int fd = ::open(f.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd >= 0)
                return fd;
        }
        return -1;
    };
    backend::ScanOptions o;
    o.procRoot = root.path().toStdString();
    auto* poller = new Poller(o);
    poller->start();
    int writer = -1;
    QTRY_VERIFY_WITH_TIMEOUT((writer = writerOnWaitedFifo()) >= 0, 20000);
    QVERIFY(poller->isScanning());

    // Ends the scan: the fixture goes (later opens fail, as for a process that exited), and
    // every FIFO a scanner thread waits in or reads gets its writer and then EOF.
    auto releaseScan = [&fifos, writer] {
        std::vector<int> fds{writer};
        for (const QString& f : fifos) {
            const QByteArray path = f.toLocal8Bit();
            const int fd = ::open(path.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd >= 0)
                fds.push_back(fd);
            ::unlink(path.constData());
        }
        for (int fd : fds)
            ::close(fd);
    };
    // If the destructor waited for the scan, it would wait for ever: a watchdog ends the scan
    // after a while and records that it had to.
    std::mutex m;
    std::condition_variable cv;
    bool destroyed = false;
    std::atomic<bool> watchdogReleased{false};
    std::thread watchdog([&] {
        std::unique_lock lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(20), [&] { return destroyed; })) {
            watchdogReleased = true;
            releaseScan();
        }
    });
    delete poller;
    {
        std::lock_guard lock(m);
        destroyed = true;
    }
    cv.notify_all();
    watchdog.join();
    QVERIFY2(!watchdogReleased, "~Poller waited for the scan in flight");
    // The abandoned scan goes on: the fixture goes (later opens fail as for a process that
    // exited), then the FIFO it reads ends.
    if (!watchdogReleased)
        releaseScan();
}

#include "tst_poller.moc"
