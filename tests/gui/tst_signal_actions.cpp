// The signal actions (Terminate, Kill) are offered only for processes the user may signal
// (never offered only to fail after the question): as uid 65534 a root process's row has them
// disabled, with the reason in the status tip, as Stop container does; our own process's row has
// them enabled. Runs as root (gui.tst_signal_actions) and as uid 65534
// (gui.tst_signal_actions.nobody).
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <unistd.h>

using nsx::gui::MainWindow;

namespace {

// A live process owned by root, found as any user can (the Uid line of /proc/PID/status).
int someRootProcess()
{
    const QStringList pids = QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : pids) {
        bool ok = false;
        const int pid = name.toInt(&ok);
        if (!ok || pid <= 1)
            continue;
        QFile f("/proc/" + name + "/status");
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith("Uid:") && line.simplified().split(' ').value(1) == "0")
                return pid;
    }
    return 0;
}

} // namespace

class TstSignalActions : public QObject
{
    Q_OBJECT

private slots:
    void signalsFollowPermission()
    {
        QProcess sleeper;
        sleeper.start(QStringLiteral("sleep"), {QStringLiteral("300")});
        QVERIFY(sleeper.waitForStarted(10000));
        auto cleanup = qScopeGuard([&] {
            sleeper.kill();
            sleeper.waitForFinished(10000);
        });
        MainWindow::Options o;
        o.loadSettings = false;
        MainWindow w(o);
        w.show();
        auto* term = w.findChild<QAction*>(QStringLiteral("terminateProcess"));
        auto* kill = w.findChild<QAction*>(QStringLiteral("killProcess"));
        QVERIFY(term && kill);

        // Our own process: offered.
        const int own = int(sleeper.processId());
        QTRY_VERIFY_WITH_TIMEOUT(w.selectProcess(own), 30000);
        QVERIFY(term->isEnabled());
        QVERIFY(kill->isEnabled());
        QVERIFY(term->statusTip().isEmpty());

        if (::geteuid() == 0)
            return; // root may signal every process: the refusal needs uid 65534 (.nobody)
        const int root = someRootProcess();
        QVERIFY2(root > 0, "no root process in /proc (ctest itself runs as root)");
        QTRY_VERIFY_WITH_TIMEOUT(w.selectProcess(root), 30000);
        QCOMPARE(w.selectedPid(), root);
        QVERIFY(!term->isEnabled());
        QVERIFY(!kill->isEnabled());
        QVERIFY2(term->statusTip().contains(QStringLiteral("another user")),
                 qPrintable(term->statusTip()));
        QCOMPARE(kill->statusTip(), term->statusTip());
        // Back to ours: offered again.
        QVERIFY(w.selectProcess(own));
        QVERIFY(term->isEnabled());
    }
};

QTEST_MAIN(TstSignalActions)
#include "tst_signal_actions.moc"
