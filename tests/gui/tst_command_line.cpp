// The three programs' --help and --version without a display: QApplication aborts when it
// cannot connect to one, so nsexplorer reads its command line before making it. Each program
// is run as built, with DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM removed from its
// environment (as on a server or over ssh without X forwarding).
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1; // -2: killed by a signal (Qt's abort is SIGABRT)
    QByteArray out, err;
};

Run runWithoutDisplay(const QString& program, const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_SOCKET"})
        env.remove(QString::fromLatin1(name));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(20000))
        return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

const QString kGui = QStringLiteral(NSX_GUI_PATH);
const QString kCli = QStringLiteral(NSX_CLI_PATH);
const QString kHelper = QStringLiteral(NSX_HELPER_PATH);

} // namespace

class TstCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void helpAndVersion_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected"); // at the start of stdout
        QTest::newRow("nsexplorer --help") << kGui << QStringList{"--help"} << "Usage: ";
        QTest::newRow("nsexplorer -h") << kGui << QStringList{"-h"} << "Usage: ";
        QTest::newRow("nsexplorer --help-all") << kGui << QStringList{"--help-all"} << "Usage: ";
        QTest::newRow("nsexplorer --version")
            << kGui << QStringList{"--version"} << "nsexplorer " NSX_VERSION "\n";
        QTest::newRow("nsexplorer -v") << kGui << QStringList{"-v"} << "nsexplorer " NSX_VERSION;
        // Qt's own options are accepted (and left to QApplication), with their values.
        QTest::newRow("nsexplorer -platform xcb --version")
            << kGui << QStringList{"-platform", "xcb", "--version"} << "nsexplorer " NSX_VERSION;
        QTest::newRow("nsexplorer --dark --help")
            << kGui << QStringList{"--dark", "--help"} << "Usage: ";
        QTest::newRow("nsexplorer-cli --help") << kCli << QStringList{"--help"} << "Usage:\n";
        QTest::newRow("nsexplorer-cli --version")
            << kCli << QStringList{"--version"} << "nsexplorer-cli from nsexplorer " NSX_VERSION;
        QTest::newRow("nsexplorer-helper --help") << kHelper << QStringList{"--help"} << "Usage: ";
        QTest::newRow("nsexplorer-helper --version")
            << kHelper << QStringList{"--version"}
            << "nsexplorer-helper from nsexplorer " NSX_VERSION;
    }

    void helpAndVersion()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = runWithoutDisplay(program, args);
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1, stderr: %2")
                                                 .arg(r.exitCode)
                                                 .arg(QString::fromUtf8(r.err))));
        QVERIFY2(r.out.startsWith(expected.toUtf8()), r.out.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    void guiHelpListsItsOptions()
    {
        const Run r = runWithoutDisplay(kGui, {"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* option : {"--dark", "--debug", "--version", "FILE.json"})
            QVERIFY2(r.out.contains(option), r.out.constData());
        // Qt's options are accepted but not advertised as ours.
        QVERIFY2(!r.out.contains("-platform"), r.out.constData());
    }

    // Usage errors: one line on stderr, exit 2, nothing on stdout — no display needed either.
    void guiUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown long")
            << QStringList{"--frobnicate"} << "nsexplorer: Unknown option 'frobnicate'.";
        QTest::newRow("unknown short") << QStringList{"-x"} << "nsexplorer: Unknown option 'x'.";
        QTest::newRow("two files") << QStringList{"a.json", "b.json"}
                                   << "nsexplorer: expected at most one snapshot file, got 2";
        QTest::newRow("Qt option without value")
            << QStringList{"-platform"} << "nsexplorer: Missing value after '-platform'.";
    }

    void guiUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = runWithoutDisplay(kGui, args);
        QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1, stderr: %2")
                                                 .arg(r.exitCode)
                                                 .arg(QString::fromUtf8(r.err))));
        QCOMPARE(QString::fromUtf8(r.err), message + '\n');
        QVERIFY(r.out.isEmpty());
    }

    // A file that cannot be read at start-up: one line on stderr naming it, then the live view
    // (the process keeps running, polling), not an exit.
    void badFileOpensTheLiveView()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("not-a-snapshot.json"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("[1, 2") == 5);
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path()); // not the user's settings
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(kGui, {bad});
        QVERIFY(p.waitForStarted(20000));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("live system\n") ||
                                     p.state() != QProcess::Running,
                                 30000);
        // (Qt's own warnings may come first.)
        QVERIFY2(err.contains("nsexplorer: cannot open " + bad.toUtf8() + ": "), err.constData());
        QVERIFY2(err.contains("; showing the live system\n"), err.constData());
        // Still running a while later: the live view, not an exit.
        QVERIFY2(
            !p.waitForFinished(3000),
            qPrintable(
                QStringLiteral("exited %1: %2").arg(p.exitCode()).arg(QString::fromUtf8(err))));
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate();
        if (!p.waitForFinished(10000)) {
            p.kill();
            p.waitForFinished(5000);
        }
    }

    // The same binary still needs a display to show a window: it fails, but does not hang.
    void windowStillNeedsADisplay()
    {
        const Run r = runWithoutDisplay(kGui, {"-platform", "xcb"});
        QVERIFY2(r.exitCode == -2 || r.exitCode > 0, qPrintable(QString::number(r.exitCode)));
        QVERIFY2(r.err.contains("could not connect to display") || r.err.contains("xcb"),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstCommandLine)
#include "tst_command_line.moc"
