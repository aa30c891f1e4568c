// Recorder: files written through the real JSON writer and read back, names sortable by time,
// the bound (oldest dropped), atomic replacement, a real full disk (a tiny tmpfs in a private
// mount namespace), unwritable folders reported through error(), and the interval.
#include "recorder.h"
#include "snapshot_fixtures.h"
#include "snapshot_io.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace fixtures;
using nsx::model::Recorder;
using nsx::model::SnapshotPtr;

namespace {

SnapshotPtr ptr(Snapshot s)
{
    return std::make_shared<const Snapshot>(std::move(s));
}

std::string stamp(int minutes)
{
    return QDateTime(QDate(2026, 11, 29), QTime(6, 0), Qt::UTC)
        .addSecs(60 * minutes)
        .toString(Qt::ISODate)
        .toStdString();
}

SnapshotPtr at(int minutes, int hostPids = 3)
{
    return ptr(build(stamp(minutes), hostNamespaces(hostPids)));
}

QStringList names(const QStringList& paths)
{
    QStringList out;
    for (const QString& p : paths)
        out << QFileInfo(p).fileName();
    return out;
}

} // namespace

class TestRecorder : public QObject
{
    Q_OBJECT
private slots:
    void fileNames();
    void writesSnapshotsThatReadBack();
    void boundDropsOldest();
    void foreignFilesAreLeftAlone();
    void sameSecondReplacesAtomically();
    void fullDiskLeavesNothingHalfWritten();
    void unwritableFolderIsAnError_data();
    void unwritableFolderIsAnError();
    void offerHonoursIntervalAndEnabled();
    void destroyedWhileWriting();
};

void TestRecorder::fileNames()
{
    const QDateTime t(QDate(2026, 11, 29), QTime(6, 0, 0), Qt::UTC);
    QCOMPARE(Recorder::fileNameFor(t), QStringLiteral("snapshot-20261129T060000Z.json"));
    QCOMPARE(Recorder::timeFromFileName(QStringLiteral("snapshot-20261129T060000Z.json")), t);
    // Another zone is converted to UTC, so names sort by instant.
    QCOMPARE(Recorder::fileNameFor(t.toOffsetFromUtc(3600)),
             QStringLiteral("snapshot-20261129T060000Z.json"));
    QVERIFY(!Recorder::timeFromFileName(QStringLiteral("snapshot-20261129T060000Z.json.tmp"))
                 .isValid());
    QVERIFY(!Recorder::timeFromFileName(QStringLiteral("snapshot-2026.json")).isValid());
    QVERIFY(
        !Recorder::timeFromFileName(QStringLiteral("snapshot-20261399T250000Z.json")).isValid());
}

void TestRecorder::writesSnapshotsThatReadBack()
{
    QTemporaryDir dir;
    Recorder recorder;
    recorder.setFolder(dir.filePath(QStringLiteral("nested/rec"))); // created on demand
    QSignalSpy recorded(&recorder, &Recorder::recorded);
    QSignalSpy errors(&recorder, &Recorder::error);
    const SnapshotPtr s = at(0, 5);
    const QString path = recorder.record(s);
    QCOMPARE(errors.count(), 0);
    QCOMPARE(recorded.count(), 1);
    QCOMPARE(recorded.at(0).at(0).toString(), path);
    QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("snapshot-20261129T060000Z.json"));
    QCOMPARE(recorder.recordedFiles(), QStringList{path});

    const Snapshot back = nsx::backend::loadSnapshotFile(path.toStdString());
    QVERIFY(back == *s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray::fromStdString(nsx::backend::toJson(*s)));
}

void TestRecorder::boundDropsOldest()
{
    QTemporaryDir dir;
    Recorder recorder;
    recorder.setFolder(dir.path());
    recorder.setMaxFiles(3);
    QSignalSpy changed(&recorder, &Recorder::filesChanged);
    // Out of order on purpose: the bound is by time in the name, not by write order.
    for (int minute : {4, 0, 2, 1, 3})
        QVERIFY(!recorder.record(at(minute)).isEmpty());
    QCOMPARE(names(recorder.recordedFiles()),
             (QStringList{QStringLiteral("snapshot-20261129T060200Z.json"),
                          QStringLiteral("snapshot-20261129T060300Z.json"),
                          QStringLiteral("snapshot-20261129T060400Z.json")}));
    QVERIFY(changed.count() >= 5);

    // Lowering the bound while enabled prunes at once.
    recorder.setEnabled(true);
    recorder.setMaxFiles(1);
    QCOMPARE(names(recorder.recordedFiles()),
             QStringList{QStringLiteral("snapshot-20261129T060400Z.json")});
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TestRecorder::foreignFilesAreLeftAlone()
{
    QTemporaryDir dir;
    const QStringList foreign = {QStringLiteral("notes.txt"),
                                 QStringLiteral("snapshot-garbage.json"),
                                 QStringLiteral("snapshot-20200101T000000Z.json.tmp")};
    for (const QString& name : foreign) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    Recorder recorder;
    recorder.setFolder(dir.path());
    recorder.setMaxFiles(1);
    recorder.record(at(0));
    recorder.record(at(1));
    QCOMPARE(names(recorder.recordedFiles()),
             QStringList{QStringLiteral("snapshot-20261129T060100Z.json")});
    for (const QString& name : foreign)
        QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
}

void TestRecorder::sameSecondReplacesAtomically()
{
    QTemporaryDir dir;
    Recorder recorder;
    recorder.setFolder(dir.path());
    const QString first = recorder.record(at(0, 2));
    const QString second = recorder.record(at(0, 7));
    QCOMPARE(first, second);
    QCOMPARE(recorder.recordedFiles().size(), 1);
    QCOMPARE(nsx::backend::loadSnapshotFile(second.toStdString()).processes.size(), std::size_t(7));
    // Nothing but the snapshot in the folder: no temporary file left over.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), 1);
}

void TestRecorder::fullDiskLeavesNothingHalfWritten()
{
    if (geteuid() != 0)
        QSKIP("needs root to mount a small tmpfs (in a private mount namespace)");
    // Only this thread moves to a new mount namespace; make it private so the tmpfs is never
    // seen outside, and it goes away with the process whatever happens.
    if (unshare(CLONE_NEWNS) != 0 ||
        mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        QSKIP("cannot create a private mount namespace here");
    QTemporaryDir dir;
    QVERIFY(mount("tmpfs", dir.path().toLocal8Bit().constData(), "tmpfs", 0, "size=128k") == 0);
    const auto unmount =
        qScopeGuard([&dir] { umount2(dir.path().toLocal8Bit().constData(), MNT_DETACH); });

    Recorder recorder;
    recorder.setFolder(dir.path());
    const QString small = recorder.record(at(0, 3));
    QVERIFY(!small.isEmpty());
    QFile f(small);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();

    QSignalSpy errors(&recorder, &Recorder::error);
    // Thousands of processes: several hundred kilobytes of JSON, more than the disk holds. Same
    // second as the file already there, so a failure must also leave that one untouched.
    const QString big = recorder.record(at(0, 3000));
    QVERIFY(big.isEmpty());
    QCOMPARE(errors.count(), 1);
    const QString message = errors.at(0).at(0).toString();
    QVERIFY2(message.contains(QLatin1String("snapshot-20261129T060000Z.json")),
             qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    // The reason is the system's (ENOSPC), not Qt's "Unknown error" for a short write.
    QVERIFY2(!message.contains(QLatin1String("Unknown error")), qPrintable(message));
    QCOMPARE(recorder.lastError(), message);

    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), 1);
}

void TestRecorder::unwritableFolderIsAnError_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("a file, not a folder") << QStringLiteral("file");
    QTest::newRow("under a file") << QStringLiteral("under-file");
    QTest::newRow("under /proc") << QStringLiteral("proc");
    QTest::newRow("no folder set") << QStringLiteral("empty");
    QTest::newRow("permission denied") << QStringLiteral("denied");
}

void TestRecorder::unwritableFolderIsAnError()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plain"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QString folder;
    if (kind == QLatin1String("file"))
        folder = file;
    else if (kind == QLatin1String("under-file"))
        folder = file + QStringLiteral("/rec");
    else if (kind == QLatin1String("proc"))
        folder = QStringLiteral("/proc/nsx-recorder-%1").arg(QCoreApplication::applicationPid());
    else if (kind == QLatin1String("denied")) {
        // A real EACCES needs an ordinary user: ctest runs this binary as uid 65534 too
        // (charts_recorder_nobody), where / is not writable.
        if (geteuid() == 0)
            QSKIP("root may write anywhere; this row runs in charts_recorder_nobody");
        folder = QStringLiteral("/nsx-recorder-%1").arg(QCoreApplication::applicationPid());
    }

    Recorder recorder;
    recorder.setFolder(folder);
    QSignalSpy errors(&recorder, &Recorder::error);
    QVERIFY(recorder.record(at(0)).isEmpty());
    QCOMPARE(errors.count(), 1);
    const QString message = errors.at(0).at(0).toString();
    QVERIFY(!message.isEmpty());
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
    if (!folder.isEmpty())
        QVERIFY2(message.contains(folder), qPrintable(message));
    QVERIFY(recorder.recordedFiles().isEmpty());
    // The enabled path reports too (once per interval, not silently).
    recorder.setEnabled(true);
    recorder.offer(at(1));
    QVERIFY(recorder.waitForWrites(60000));
    QCOMPARE(errors.count(), 2);
}

void TestRecorder::offerHonoursIntervalAndEnabled()
{
    QTemporaryDir dir;
    Recorder recorder;
    recorder.setFolder(dir.path());
    recorder.setIntervalSeconds(1);
    QSignalSpy recorded(&recorder, &Recorder::recorded);
    recorder.offer(at(0)); // disabled: nothing
    QVERIFY(!recorder.isWriting());
    QVERIFY(recorder.waitForWrites(60000));
    QCOMPARE(recorder.recordedFiles().size(), 0);

    recorder.setEnabled(true);
    recorder.offer(at(1)); // the first offer after enabling records at once, on a worker thread
    QVERIFY(recorder.isWriting());
    recorder.offer(at(2)); // within the interval (and while writing): skipped
    // The result arrives through the event loop, like in the application.
    QTRY_COMPARE_WITH_TIMEOUT(recorded.count(), 1, 20000);
    QVERIFY(!recorder.isWriting());
    QCOMPARE(recorder.recordedFiles().size(), 1);
    QTest::qWait(1100);
    recorder.offer(at(3));
    QVERIFY(recorder.waitForWrites(60000));
    QCOMPARE(recorded.count(), 2);
    QCOMPARE(names(recorder.recordedFiles()),
             (QStringList{QStringLiteral("snapshot-20261129T060100Z.json"),
                          QStringLiteral("snapshot-20261129T060300Z.json")}));
    recorder.setEnabled(false);
    QTest::qWait(1100);
    recorder.offer(at(4));
    QVERIFY(recorder.waitForWrites(60000));
    QCOMPARE(recorder.recordedFiles().size(), 2);
}

void TestRecorder::destroyedWhileWriting()
{
    // A large snapshot offered and the recorder deleted at once: no crash, and the file that
    // was being written is complete (or absent), never half there.
    QTemporaryDir dir;
    {
        Recorder recorder;
        recorder.setFolder(dir.path());
        recorder.setEnabled(true);
        recorder.offer(at(0, 3000));
    }
    const QStringList files = Recorder::recordedFiles(dir.path());
    QVERIFY(files.size() <= 1);
    for (const QString& f : files)
        QCOMPARE(nsx::backend::loadSnapshotFile(f.toStdString()).processes.size(),
                 std::size_t(3000));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), files.size());
}

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
