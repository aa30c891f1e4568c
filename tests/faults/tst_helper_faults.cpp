// Faults: every setup step of nsexplorer-helper that can fail is made to fail with
// strace's fault injection (-e inject=SYSCALL:error=ERRNO:when=N, following forks). Each
// failure must be reported cleanly — a non-zero exit, a short `nsexplorer-helper: …` message,
// no crash — and leave nothing behind: no payload process, no new mount in the host.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <unistd.h>

namespace {

QString helperPath()
{
    return QStringLiteral(NSX_HELPER_PATH);
}

// A payload that would be visible from the host if the helper left it running.
const QString kMarker = QStringLiteral("1.4242%1").arg(::getpid());

QByteArray hostMounts()
{
    QFile f(QStringLiteral("/proc/self/mountinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool payloadAlive()
{
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), kMarker});
    pgrep.waitForFinished(10000);
    return pgrep.exitCode() == 0;
}

} // namespace

class TestHelperFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("fault injection on the helper's privileged path needs root");
        if (QStandardPaths::findExecutable(QStringLiteral("strace")).isEmpty())
            QSKIP("strace is not installed");
        QVERIFY(QFile::exists(helperPath()));
        // Sanity: without a fault the same request succeeds, so a failure below is the fault's.
        QProcess p;
        p.start(helperPath(),
                {QStringLiteral("--all"), QStringLiteral("--hostname"), QStringLiteral("faults"),
                 QStringLiteral("--"), QStringLiteral("/bin/true")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
    }

    void injectedFailure_data()
    {
        // strace options that pick the syscall and which call of it fails. Counting with
        // when=N is per process; -P PATH narrows a fault to calls naming that path.
        QTest::addColumn<QStringList>("fault");
        QTest::addColumn<QStringList>("options");
        const QStringList all = {QStringLiteral("--all"), QStringLiteral("--hostname"),
                                 QStringLiteral("faults")};
        const QStringList rootless = {QStringLiteral("--uts"), QStringLiteral("--pid"),
                                      QStringLiteral("--map-root-user")};
        const QStringList withRoot = {QStringLiteral("--mount"), QStringLiteral("--pid"),
                                      QStringLiteral("--root"), QStringLiteral("/")};
        const QStringList time = {QStringLiteral("--time"), QStringLiteral("--boottime"),
                                  QStringLiteral("100")};
        auto inject = [](const char* spec, const char* path = nullptr) {
            QStringList f;
            if (path)
                f << QStringLiteral("-P") << QString::fromLatin1(path);
            f << QStringLiteral("-e") << QStringLiteral("inject=") + QString::fromLatin1(spec);
            return f;
        };
        QTest::newRow("unshare") << inject("unshare:error=EPERM") << all;
        QTest::newRow("unshare user") << inject("unshare:error=ENOSPC") << rootless;
        QTest::newRow("uid_map") << inject("openat:error=EACCES", "/proc/self/uid_map") << rootless;
        QTest::newRow("setgroups")
            << inject("openat:error=EACCES", "/proc/self/setgroups") << rootless;
        QTest::newRow("gid_map") << inject("openat:error=EACCES", "/proc/self/gid_map") << rootless;
        QTest::newRow("timens_offsets")
            << inject("openat:error=EACCES", "/proc/self/timens_offsets") << time;
        QTest::newRow("sethostname") << inject("sethostname:error=EPERM") << all;
        QTest::newRow("private propagation") << inject("mount:error=EPERM", "/") << all;
        QTest::newRow("mount proc") << inject("mount:error=EPERM", "/proc") << all;
        QTest::newRow("pivot_root") << inject("pivot_root:error=EINVAL") << withRoot;
        // --root is bound by fd: the clone of the opened directory and its attachment.
        QTest::newRow("open_tree") << inject("open_tree:error=EPERM") << withRoot;
        QTest::newRow("move_mount") << inject("move_mount:error=EPERM") << withRoot;
        QTest::newRow("fork") << inject("clone:error=EAGAIN") << all;
        QTest::newRow("setresuid") << inject("setresuid:error=EPERM") << rootless;
        QTest::newRow("setresgid") << inject("setresgid:error=EPERM") << rootless;
        QTest::newRow("setsid") << inject("setsid:error=EPERM") << all;
        // Per process: helper DUMPABLE; reaper PDEATHSIG, NAME; payload NO_NEW_PRIVS, PDEATHSIG.
        QTest::newRow("prctl 1") << inject("prctl:error=EINVAL:when=1") << all;
        QTest::newRow("prctl 2") << inject("prctl:error=EINVAL:when=2") << all;
        QTest::newRow("prctl payload")
            << inject("prctl:error=EINVAL:when=1") << QStringList{QStringLiteral("--uts")};
        QTest::newRow("loopback socket") << inject("socket:error=EAFNOSUPPORT") << all;
        QTest::newRow("loopback ioctl") << inject("ioctl:error=EPERM") << all;
        QTest::newRow("execve payload") << inject("execve:error=EACCES", "/bin/sleep") << all;
    }

    void init() { QProcess::execute(QStringLiteral("pkill"), {QStringLiteral("-f"), kMarker}); }

    void injectedFailure()
    {
        QFETCH(QStringList, fault);
        QFETCH(QStringList, options);
        const QByteArray mountsBefore = hostMounts();
        QProcess p;
        p.setProcessChannelMode(QProcess::SeparateChannels);
        QStringList args = {QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-o"),
                            QStringLiteral("/dev/null")};
        args << fault << helperPath() << options << QStringLiteral("--")
             << QStringLiteral("/bin/sleep") << kMarker;
        p.start(QStringLiteral("strace"), args);
        QVERIFY2(p.waitForFinished(60000), "helper hung under the injected fault");
        const QString err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
        const QStringList lines =
            err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                .filter(QRegularExpression(QStringLiteral("^(?!\\S*strace: Requested path)")));
        qInfo("%s -> exit %d: %s", qPrintable(fault.join(QLatin1Char(' '))), p.exitCode(),
              qPrintable(lines.join(QLatin1String(" | "))));

        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() != 0, "the fault went unnoticed");
        // Reported cleanly: our own short messages, no crash or sanitizer report.
        QVERIFY2(!lines.isEmpty(), "a failure without a message");
        QVERIFY2(lines.size() <= 3, qPrintable(err));
        static const QRegularExpression repeatedReason(QStringLiteral("(: [^:]+)\\1$"));
        for (const QString& line : lines) {
            QVERIFY2(line.startsWith(QLatin1String("nsexplorer-helper: ")), qPrintable(line));
            QVERIFY2(!repeatedReason.match(line).hasMatch(), qPrintable(line));
        }
        // Nothing half-created: the payload is not left running (it would sleep ~1.4 s more
        // than this allows) and the host's mounts are as before.
        QTRY_VERIFY_WITH_TIMEOUT(!payloadAlive(), 1000);
        QCOMPARE(hostMounts(), mountsBefore);
    }

    void cleanupTestCase()
    {
        QProcess::execute(QStringLiteral("pkill"), {QStringLiteral("-f"), kMarker});
    }
};

QTEST_GUILESS_MAIN(TestHelperFaults)
#include "tst_helper_faults.moc"
