// LaunchDialog, EnterDialog and TerminalEmulator, offscreen, driving the real widgets and the
// real helper ($NSX_HELPER). No display means no real terminal emulator: a stand-in "terminal"
// script that runs its command the way `xterm -e` would takes its place.
#include "enter_dialog.h"
#include "helper_harness.h"
#include "launch_dialog.h"
#include "launch_request.h"
#include "main_window.h"
#include "process_control.h"
#include "scanner.h"
#include "terminal_emulator.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>

#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::gui;
using namespace nsx::test;
using nsx::backend::liveStat;
using nsx::backend::sendStopSignals;

namespace {

// A folder for stand-in terminals: as root one that only root can change all the way up
// (/run is root's 0755; the build tree may sit below /tmp), else the temporary folder.
QString standInFolder()
{
    return ::geteuid() == 0 ? QStringLiteral("/run/nsx-term.XXXXXX")
                            : QDir::tempPath() + QStringLiteral("/nsx-term.XXXXXX");
}

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* w = parent.findChild<T*>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

QString writeScript(const QString& path, const QByteArray& body)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                     QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    return path;
}

// A command started on a new pseudo-terminal as the controlling terminal of its own session,
// as a terminal emulator starts it. The test holds the master: it types, reads, and looks at the
// terminal's settings (tcgetattr on the master reads the terminal's).
struct PtyRun
{
    int master = -1;
    pid_t pid = -1;
    QByteArray seen; // everything the command wrote
    bool start(const QStringList& argv)
    {
        master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0)
            return false;
        const QByteArray slave = ::ptsname(master);
        std::vector<QByteArray> args;
        for (const QString& a : argv)
            args.push_back(a.toLocal8Bit());
        std::vector<char*> cargv;
        for (QByteArray& a : args)
            cargv.push_back(a.data());
        cargv.push_back(nullptr);
        pid = ::fork();
        if (pid == 0) {
            ::setsid();
            const int fd = ::open(slave.constData(), O_RDWR); // becomes the controlling terminal
            if (fd < 0)
                ::_exit(126);
            for (int i = 0; i <= 2; ++i)
                ::dup2(fd, i);
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
        ::fcntl(master, F_SETFL, O_NONBLOCK);
        return pid > 0;
    }
    // Reads what is there; true when `text` has been seen.
    bool saw(const QByteArray& text)
    {
        char buf[4096];
        ssize_t n;
        while ((n = ::read(master, buf, sizeof buf)) > 0)
            seen.append(buf, n);
        return seen.contains(text);
    }
    termios attrs() const
    {
        termios t{};
        ::tcgetattr(master, &t);
        return t;
    }
    bool usable() const // what Enter and Ctrl+C need: a line discipline, echo, signals
    {
        const termios t = attrs();
        return (t.c_lflag & ICANON) && (t.c_lflag & ECHO) && (t.c_lflag & ISIG) &&
               (t.c_iflag & ICRNL);
    }
    ~PtyRun()
    {
        if (pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        if (master >= 0)
            ::close(master);
    }
};

// The helper among the children of `parent`.
pid_t helperChild(pid_t parent)
{
    for (pid_t p : childrenOf(parent)) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(p));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll() == "nsexplorer-help\n")
            return p;
    }
    return 0;
}

} // namespace

class TestLaunchDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("nsexplorer-test-%1").arg(getpid()));
        QCoreApplication::setApplicationName("tst_launch_dialog");
        QSettings().clear();
        QVERIFY2(!helperPath().isEmpty(), "set NSX_HELPER");
        becomeSubreaper();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void cleanup() { QTRY_VERIFY_WITH_TIMEOUT(noChildrenLeft(), 20000); }

    void tickBoxesAndReadPreview()
    {
        LaunchDialog d;
        child<QCheckBox>(d, "ns_uts")->click();
        child<QCheckBox>(d, "ns_pid")->click();
        child<QLineEdit>(d, "command")->setText("/bin/bash -l");
        QTest::keyClicks(child<QLineEdit>(d, "hostname"), "container");
        const QString preview = d.previewText();
        QVERIFY2(preview.startsWith("unshare --mount --uts --pid"), qPrintable(preview));
        QVERIFY(preview.contains("--fork --mount-proc"));
        QVERIFY(preview.contains("container /bin/bash -l"));
        QVERIFY(d.canLaunch());
        QVERIFY(child<QPushButton>(d, "openInTerminal")->isEnabled());
        QVERIFY(child<QPushButton>(d, "runAndShow")->isEnabled());
        // The preview is selectable text for copying.
        QVERIFY(child<QPlainTextEdit>(d, "preview")->isReadOnly());
        QVERIFY(child<QPlainTextEdit>(d, "preview")->textInteractionFlags() &
                Qt::TextSelectableByMouse);
        // The request is exactly what the helper will be given.
        const auto r = d.request();
        QCOMPARE(r.namespaces, unsigned(nsx::backend::kNsUts | nsx::backend::kNsPid));
        QCOMPARE(r.hostname, std::string("container"));
        QCOMPARE(r.command, (std::vector<std::string>{"/bin/bash", "-l"}));
        const QStringList argv = d.helperCommandLine();
        QVERIFY(argv.contains("--hostname") && argv.contains("container"));
    }

    // What the preview makes and what the boxes show agree (once they did not): a namespace
    // another choice implies is ticked and disabled with the reason, and goes back to the
    // user's own choice when nothing implies it any more.
    void impliedNamespacesAreTicked()
    {
        LaunchDialog d;
        auto* uts = child<QCheckBox>(d, "ns_uts");
        auto* mnt = child<QCheckBox>(d, "ns_mnt");
        auto* user = child<QCheckBox>(d, "ns_user");
        auto* pid = child<QCheckBox>(d, "ns_pid");
        const std::pair<QCheckBox*, const char*> boxes[] = {
            {uts, "--uts"}, {mnt, "--mount"}, {user, "--user"}, {pid, "--pid"}};
        auto agree = [&] {
            const QString preview = d.previewText();
            for (const auto& [box, option] : boxes)
                if (box->isChecked() != preview.contains(QLatin1String(option) + ' '))
                    return false;
            return true;
        };
        QVERIFY(!uts->isChecked() && uts->isEnabled());
        QTest::keyClicks(child<QLineEdit>(d, "hostname"), "box");
        QVERIFY2(d.previewText().contains("--uts"), qPrintable(d.previewText()));
        QVERIFY(uts->isChecked());
        QVERIFY(!uts->isEnabled());
        QVERIFY2(uts->toolTip().contains("hostname"), qPrintable(uts->toolTip()));
        QVERIFY2(agree(), qPrintable(d.previewText()));
        // The user's own choice is what the request carries, not the implied tick.
        QCOMPARE(d.request().namespaces & nsx::backend::kNsUts, 0u);
        child<QLineEdit>(d, "hostname")->clear();
        QVERIFY(!uts->isChecked() && uts->isEnabled());
        QVERIFY(!d.previewText().contains("--uts"));
        // Ticked by the user first: still ticked after the hostname comes and goes.
        uts->click();
        QTest::keyClicks(child<QLineEdit>(d, "hostname"), "box");
        child<QLineEdit>(d, "hostname")->clear();
        QVERIFY(uts->isChecked() && uts->isEnabled());
        // PID with a fresh /proc implies a mount namespace; mapping to root a user namespace.
        pid->click();
        QVERIFY(mnt->isChecked() && !mnt->isEnabled());
        child<QCheckBox>(d, "mapRootUser")->click();
        QVERIFY(user->isChecked() && !user->isEnabled());
        QVERIFY2(agree(), qPrintable(d.previewText()));
        // An ordinary user's launch always has a user namespace (the helper makes it).
        if (::geteuid() != 0) {
            child<QCheckBox>(d, "mapRootUser")->click();
            QVERIFY(user->isChecked() && !user->isEnabled());
            QVERIFY(agree());
        }
        // A preset replaces the choices: nothing stays implied from before.
        nsx::backend::LaunchRequest plain;
        plain.namespaces = nsx::backend::kNsNet;
        plain.command = {"true"};
        plain.mountProc = false;
        d.setRequest(plain);
        QVERIFY(!uts->isChecked() && !mnt->isChecked() && !pid->isChecked());
        QVERIFY(mnt->isEnabled() && uts->isEnabled());
        QVERIFY2(agree(), qPrintable(d.previewText()));
    }

    // The dialog fits in the main window's default size (1200x760).
    void fitsTheMainWindow()
    {
        LaunchDialog d;
        QVERIFY2(d.sizeHint().height() <= 760, qPrintable(QString::number(d.sizeHint().height())));
        QVERIFY2(d.minimumSizeHint().height() <= 760,
                 qPrintable(QString::number(d.minimumSizeHint().height())));
        QVERIFY(d.sizeHint().width() <= 1200);
    }

    void invalidFieldsDisableLaunch_data()
    {
        QTest::addColumn<QString>("widget");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("hostname with underscore") << "hostname"
                                                  << "bad_name"
                                                  << "hostname";
        QTest::newRow("300-char hostname") << "hostname" << QString(300, 'a') << "hostname";
        QTest::newRow("relative root") << "rootDir"
                                       << "srv/root"
                                       << "root";
        QTest::newRow("dotdot workdir") << "workdir"
                                        << "/home/../etc"
                                        << "wd";
        QTest::newRow("empty command") << "command"
                                       << ""
                                       << "command";
    }

    void invalidFieldsDisableLaunch()
    {
        QFETCH(QString, widget);
        QFETCH(QString, text);
        QFETCH(QString, field);
        LaunchDialog d;
        d.show();
        child<QCheckBox>(d, "ns_uts")->click();
        QVERIFY(d.canLaunch());
        auto* edit = child<QLineEdit>(d, widget.toLatin1().constData());
        edit->clear();
        QTest::keyClicks(edit, text);
        QVERIFY(!d.canLaunch());
        QVERIFY2(d.errorText().startsWith(field + ":"), qPrintable(d.errorText()));
        auto* error = child<QLabel>(d, "error");
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), d.errorText());
        QVERIFY(!child<QPushButton>(d, "openInTerminal")->isEnabled());
        QVERIFY(!child<QPushButton>(d, "runAndShow")->isEnabled());
        // Fixing the field clears the error.
        edit->setText(widget == "command" ? "true" : widget == "hostname" ? "ok" : "");
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        QVERIFY(!error->isVisible());
        QVERIFY(child<QPushButton>(d, "runAndShow")->isEnabled());
    }

    // The Name field (issue 15): follows the hostname until the user types a name of their
    // own; a bad name is an inline error at the field and on the error line.
    void nameField()
    {
        LaunchDialog d;
        d.show();
        auto* name = child<QLineEdit>(d, "name");
        auto* host = child<QLineEdit>(d, "hostname");
        QTest::keyClicks(host, "box1");
        QCOMPARE(name->text(), QString("box1"));
        QCOMPARE(d.request().name, std::string("box1"));
        QVERIFY(d.helperCommandLine().join(' ').contains("--name box1"));
        name->clear();
        QTest::keyClicks(name, "web 1");
        host->setText("box2");
        QCOMPARE(name->text(), QString("web 1")); // the user's own name stays
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        QCOMPARE(d.request().name, std::string("web 1"));
        // Emptied by the user: it follows the hostname again.
        name->selectAll();
        QTest::keyClick(name, Qt::Key_Delete);
        host->setText("box3");
        QCOMPARE(name->text(), QString("box3"));
        // Bad names: too long, a bidi override, an escape byte.
        for (const QString& bad : {QString(100, 'n'), QString("web") + QChar(0x202e) + "1gpj",
                                   QString("web\x1b[31m"), QString("-web")}) {
            name->setText(bad);
            QVERIFY2(!d.canLaunch(), qPrintable(bad));
            QVERIFY2(d.errorText().startsWith("name:"), qPrintable(d.errorText()));
            QVERIFY(name->property("invalid").toBool());
            QVERIFY(name->toolTip().startsWith("Name: "));
            QVERIFY(!child<QPushButton>(d, "runAndShow")->isEnabled());
        }
        name->setText("web-2");
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        QVERIFY(!name->property("invalid").toBool());
        // setRequest keeps a name of its own, and one equal to the hostname follows it.
        nsx::backend::LaunchRequest r = d.request();
        r.name = "db";
        r.hostname = "h";
        d.setRequest(r);
        QCOMPARE(name->text(), QString("db"));
        host->setText("h2");
        QCOMPARE(name->text(), QString("db"));
        r.name = "h";
        d.setRequest(r);
        host->setText("h3");
        QCOMPARE(name->text(), QString("h3"));
    }

    void presets()
    {
        LaunchDialog d;
        // UTS+IPC+PID: the classic clone(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID) demo.
        QVERIFY(d.applyPreset(LaunchDialog::builtInPresetNames().at(2)));
        const auto demo = d.request();
        QCOMPARE(demo.namespaces,
                 unsigned(nsx::backend::kNsUts | nsx::backend::kNsIpc | nsx::backend::kNsPid));
        QCOMPARE(demo.hostname, std::string("container"));
        QVERIFY(demo.asPid1);
        QVERIFY(!demo.mountProc);
        QVERIFY(child<QCheckBox>(d, "ns_ipc")->isChecked());
        QVERIFY(d.applyPreset(LaunchDialog::builtInPresetNames().at(0)));
        QCOMPARE(d.request().namespaces, nsx::backend::kAllNsBits);
        QVERIFY(d.applyPreset(LaunchDialog::builtInPresetNames().at(1)));
        QCOMPARE(d.request().namespaces, unsigned(nsx::backend::kNsNet));

        // A user preset survives in QSettings and comes back in a new dialog.
        child<QCheckBox>(d, "ns_cgroup")->click();
        child<QLineEdit>(d, "hostname")->setText("saved");
        child<QLineEdit>(d, "command")->setText("sh -c 'echo hi'");
        d.savePreset("mine");
        const auto saved = d.request();
        LaunchDialog other;
        QVERIFY(other.presetNames().contains("mine"));
        QVERIFY(other.applyPreset("mine"));
        auto argsOf = [](const nsx::backend::LaunchRequest& r) {
            QStringList l;
            for (const auto& a : nsx::backend::toHelperArgs(r))
                l << QString::fromStdString(a);
            return l.join(' ');
        };
        QCOMPARE(argsOf(other.request()), argsOf(saved));
        QVERIFY(other.request() == saved);
        other.deletePreset("mine");
        QVERIFY(!LaunchDialog().presetNames().contains("mine"));
        QVERIFY(!other.applyPreset("mine"));
        // Built-ins cannot be overwritten or deleted.
        other.deletePreset(LaunchDialog::builtInPresetNames().at(0));
        QVERIFY(other.presetNames().contains(LaunchDialog::builtInPresetNames().at(0)));
    }

    void runAndShowOutput()
    {
        LaunchDialog d;
        child<QCheckBox>(d, "ns_uts")->click();
        child<QLineEdit>(d, "hostname")->setText("dialogtest");
        child<QLineEdit>(d, "command")->setText("sh -c 'hostname; exit 3'");
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        QSignalSpy launched(&d, &LaunchDialog::launched);
        child<QPushButton>(d, "runAndShow")->click();
        QCOMPARE(launched.size(), 1);
        auto* status = child<QLabel>(d, "exitStatus");
        QTRY_VERIFY2_WITH_TIMEOUT(
            status->text().contains("3"),
            qPrintable(status->text() + " / " + child<QPlainTextEdit>(d, "output")->toPlainText()),
            30000);
        QCOMPARE(child<QPlainTextEdit>(d, "output")->toPlainText(), QString("dialogtest\n"));
        QVERIFY(child<QPushButton>(d, "runAndShow")->isEnabled());
    }

    void terminalLookupOrder()
    {
        // As root only terminals that only root can change count (world-writable /tmp does
        // not, nor a build tree below it), see tst_input_boundary's rootEnvTerminal.
        QTemporaryDir dir(standInFolder());
        QProcessEnvironment env;
        env.insert("PATH", dir.path());
        QVERIFY(!TerminalEmulator::find(env));
        const QString none = TerminalEmulator::start({"true"}, nullptr, env);
        QVERIFY2(none.contains("No terminal emulator found"), qPrintable(none));

        writeScript(dir.filePath("xterm"), "exit 0\n");
        QCOMPARE(TerminalEmulator::find(env)->program, dir.filePath("xterm"));
        writeScript(dir.filePath("gnome-terminal"), "exit 0\n");
        QCOMPARE(TerminalEmulator::find(env)->program, dir.filePath("gnome-terminal"));
        QCOMPARE(TerminalEmulator::find(env)->prefixArgs, QStringList{"--"});
        writeScript(dir.filePath("konsole"), "exit 0\n");
        QCOMPARE(TerminalEmulator::find(env)->program, dir.filePath("konsole"));
        writeScript(dir.filePath("x-terminal-emulator"), "exit 0\n");
        QCOMPARE(TerminalEmulator::find(env)->program, dir.filePath("x-terminal-emulator"));
        QCOMPARE(TerminalEmulator::find(env)->prefixArgs, QStringList{"-e"});
        // $TERMINAL first, its own options kept before -e; a missing one is skipped.
        writeScript(dir.filePath("myterm"), "exit 0\n");
        env.insert("TERMINAL", dir.filePath("myterm") + " --single");
        QCOMPARE(TerminalEmulator::find(env)->program, dir.filePath("myterm"));
        // As root its options are dropped (they could name a program of the user's).
        QCOMPARE(TerminalEmulator::commandLine(*TerminalEmulator::find(env), {"a", "b"}),
                 ::geteuid() == 0
                     ? (QStringList{dir.filePath("myterm"), "-e", "a", "b"})
                     : (QStringList{dir.filePath("myterm"), "--single", "-e", "a", "b"}));
        env.insert("TERMINAL", "no-such-terminal");
        QCOMPARE(TerminalEmulator::find(env)->program, dir.filePath("x-terminal-emulator"));
    }

    void openInTerminalRunsTheHelper()
    {
        // A stand-in terminal: takes "-e CMD ARGS" like xterm and runs the command, recording
        // its output where the test can read it. Where root trusts it: see terminalLookupOrder.
        QTemporaryDir dir(standInFolder());
        const QString out = dir.filePath("out");
        const QString term = writeScript(
            dir.filePath("fake-terminal"),
            "[ \"$1\" = -e ] || exit 9\nshift\n\"$@\" > '" + out.toLocal8Bit() +
                ".tmp' 2>&1\necho \"status $?\" >> '" + out.toLocal8Bit() + ".tmp'\nmv '" +
                out.toLocal8Bit() + ".tmp' '" + out.toLocal8Bit() + "'\n");
        const QByteArray saved = qgetenv("TERMINAL");
        qputenv("TERMINAL", term.toLocal8Bit());
        auto restore = qScopeGuard([&] { qputenv("TERMINAL", saved); });
        LaunchDialog d;
        child<QCheckBox>(d, "ns_uts")->click();
        child<QLineEdit>(d, "hostname")->setText("interm");
        child<QLineEdit>(d, "command")->setText("hostname");
        QSignalSpy launched(&d, &LaunchDialog::launched);
        child<QPushButton>(d, "openInTerminal")->click();
        QCOMPARE(launched.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out), 30000);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("interm\nstatus 0\n"));
        f.close();
        QFile::remove(out);
        // A failing command leaves its status on screen (the stand-in's stdin is at EOF, so the
        // "press Enter" wait ends at once).
        child<QLineEdit>(d, "command")->setText("sh -c 'exit 3'");
        child<QPushButton>(d, "openInTerminal")->click();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out), 30000);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray failed = f.readAll();
        QVERIFY2(failed.contains("exited with status 3") && failed.endsWith("status 3\n"),
                 failed.constData());
    }

    void enterDialog()
    {
        const QString name = QStringLiteral("enterdlg%1").arg(getpid());
        const pid_t supervisor =
            spawn(helperPath(), {"--pid", "--uts", "--hostname", name, "--", "sleep", "600"});
        auto guard = qScopeGuard([&] { stop(supervisor); });
        pid_t sleeper = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto reapers = childrenOf(supervisor);
                const auto payload = reapers.isEmpty() ? QList<pid_t>{} : childrenOf(reapers[0]);
                if (payload.isEmpty())
                    return false;
                QFile comm(QStringLiteral("/proc/%1/comm").arg(payload[0]));
                if (!comm.open(QIODevice::ReadOnly) || comm.readAll() != "sleep\n")
                    return false;
                sleeper = payload[0];
                return true;
            }(),
            20000);
        EnterDialog d(sleeper, liveStat(sleeper).start);
        char link[128] = {};
        QVERIFY(readlink(qPrintable(QStringLiteral("/proc/%1/ns/uts").arg(sleeper)), link,
                         sizeof link - 1) > 0);
        QCOMPARE(d.namespaceLink("uts"), QString::fromLatin1(link));
        QVERIFY(child<QLabel>(d, "inode_uts")->text().contains(QString::fromLatin1(link)));
        // Namespaces that differ are preselected; shared ones are not.
        QVERIFY(child<QCheckBox>(d, "ns_uts")->isChecked());
        QVERIFY(child<QCheckBox>(d, "ns_pid")->isChecked());
        QVERIFY(!child<QCheckBox>(d, "ns_cgroup")->isChecked());
        child<QCheckBox>(d, "ns_pid")->click();
        child<QCheckBox>(d, "ns_mnt")->setChecked(false);
        child<QLineEdit>(d, "command")->setText("hostname");
        QVERIFY(d.previewText().startsWith(QStringLiteral("nsenter --target %1 ").arg(sleeper)));
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        child<QPushButton>(d, "runAndShow")->click();
        auto* status = child<QLabel>(d, "exitStatus");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains("status 0"), 30000);
        QCOMPARE(child<QPlainTextEdit>(d, "output")->toPlainText(), name + "\n");
        // Nothing selected: refused inline.
        for (auto* box : d.findChildren<QCheckBox*>())
            box->setChecked(false);
        QVERIFY(!d.canLaunch());
        // In the dialog's words, not the command line's options.
        QCOMPARE(d.errorText(),
                 EnterDialog::refusalText(nsx::backend::validate(d.request()).value()));
        QVERIFY2(!d.errorText().contains("--"), qPrintable(d.errorText()));
    }

    // Namespaces > Stop container on a container the helper started: SIGTERM to the helper
    // (passed on to the payload), SIGKILL after the grace period when the payload ignores it.
    void stopContainerFromTheBrowser_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<bool>("pidNamespace");
        QTest::addColumn<bool>("killed");
        QTest::newRow("ends on SIGHUP") << QStringLiteral("exec sleep 600") << true << false;
        // A shell ignores SIGTERM; SIGHUP, sent first, ends it without the grace period.
        QTest::newRow("ignores SIGTERM")
            << QStringLiteral("trap '' TERM; sleep 600 & wait") << true << false;
        QTest::newRow("ignores SIGHUP and SIGTERM")
            << QStringLiteral("trap '' HUP TERM; sleep 600 & wait") << true << true;
        // Without a pid namespace nothing kills the payload's children when the helper dies:
        // the sweep over the container's processes must.
        QTest::newRow("no pid namespace")
            << QStringLiteral("trap '' HUP TERM; sleep 600 & wait") << false << true;
    }
    void stopContainerFromTheBrowser()
    {
        QFETCH(QString, payload);
        QFETCH(bool, pidNamespace);
        QFETCH(bool, killed);
        if (!isRoot())
            QSKIP("a pid namespace without a user namespace needs root");
        // Started as the GUI starts it: by a process named "nsexplorer", which must never be
        // taken for the container (Stop would signal the GUI itself).
        char ownName[16] = {};
        ::prctl(PR_GET_NAME, ownName);
        ::prctl(PR_SET_NAME, "nsexplorer");
        auto restoreName = qScopeGuard([&] { ::prctl(PR_SET_NAME, ownName); });
        QStringList args = {"--uts", "--hostname", "stoptest", "--", "sh", "-c", payload};
        if (pidNamespace)
            args.prepend("--pid");
        const pid_t launcher = spawn(helperPath(), args);
        auto guard = qScopeGuard([&] { stop(launcher); });
        pid_t sleeper = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                // helper -> reaper -> sh -> sleep, or helper -> reaper -> sleep
                QList<pid_t> level = {launcher};
                for (int depth = 0; depth < 4 && !level.isEmpty(); ++depth) {
                    level = childrenOf(level[0]);
                    for (pid_t p : level) {
                        QFile comm(QStringLiteral("/proc/%1/comm").arg(p));
                        if (comm.open(QIODevice::ReadOnly) && comm.readAll() == "sleep\n") {
                            sleeper = p;
                            return true;
                        }
                    }
                }
                return false;
            }(),
            20000);
        struct stat uts;
        QVERIFY(::stat(qPrintable(QStringLiteral("/proc/%1/ns/uts").arg(sleeper)), &uts) == 0);

        MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        MainWindow w(o);
        w.applySnapshot(std::make_shared<const nsx::backend::Snapshot>(
            nsx::backend::Scanner([] {
                nsx::backend::ScanOptions so; // as the GUI scans: knowing its helper
                so.helperPath =
                    nsx::backend::findHelper(QCoreApplication::applicationFilePath().toStdString());
                return so;
            }())
                .scan()));
        auto* action = w.findChild<QAction*>("stopContainer");
        QVERIFY(action);
        // A host process: nothing to stop.
        QVERIFY(w.selectProcess(::getpid()));
        QCOMPARE(w.selectedContainer().pid, 0);
        QVERIFY(!action->isEnabled());
        QVERIFY(!w.stopSelectedContainer(false));
        // The payload's process row and its uts namespace both name the helper.
        QVERIFY(w.selectProcess(sleeper));
        QCOMPARE(w.selectedContainer().pid, launcher);
        QVERIFY(w.selectNamespace(nsx::backend::NsType::Uts, uts.st_ino));
        const MainWindow::Container c = w.selectedContainer();
        QCOMPARE(c.pid, launcher);
        QCOMPARE(c.comm, QStringLiteral("nsexplorer-help"));
        QVERIFY(action->isEnabled());
        // Every namespace the helper made names the helper, none the process that started it.
        // (Only the payload's: tests running meanwhile have helpers and containers too.)
        const nsx::model::SnapshotPtr snap = w.snapshot();
        const nsx::backend::Process* sleeperEntry = snap->findProcess(sleeper);
        QVERIFY(sleeperEntry);
        int made = 0;
        for (const auto& inode : sleeperEntry->namespaces) {
            if (!inode)
                continue;
            const auto type = nsx::backend::NsType(&inode - sleeperEntry->namespaces.data());
            const nsx::backend::Namespace* ns = snap->findNamespace(type, *inode);
            QVERIFY(ns);
            if (ns->launcher && ns->launcher->kind == "nsexplorer") {
                ++made;
                QCOMPARE(ns->launcher->pid, std::optional<int>(launcher));
            }
        }
        QVERIFY(made >= (pidNamespace ? 2 : 1)); // uts, pid (and the mount namespace for /proc)

        w.setStopGraceMs(killed ? 500 : 20000);
        QVERIFY(w.stopSelectedContainer(false));
        int status = 0;
        bool reaped = false; // QTRY_VERIFY evaluates once more at the end: reap only once
        QTRY_VERIFY_WITH_TIMEOUT(
            reaped || (reaped = ::waitpid(launcher, &status, WNOHANG) == launcher), 15000);
        guard.dismiss();
        // Killed only when SIGHUP and SIGTERM were not enough; otherwise the payload ended on
        // SIGHUP, the first one sent, and the helper exited on its own with its status.
        QCOMPARE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, killed);
        if (!killed)
            QCOMPARE(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 128 + SIGHUP);
        // Nothing of the container is left (the test is a subreaper: orphans come back here).
        QTRY_VERIFY_WITH_TIMEOUT(noChildrenLeft(), 10000);
        QVERIFY(::kill(sleeper, 0) != 0);
    }

    // Stop container on a shell launched in a terminal (once it was killed): the shell ends on
    // the SIGHUP sent first (no SIGKILL after the grace period), the helper restores the
    // terminal it had put in raw mode and exits on its own, and the wrapper's "press Enter"
    // line then works with Enter.
    void stopLeavesTheTerminalUsable_data()
    {
        QTest::addColumn<bool>("pidNamespace");
        QTest::newRow("pid namespace") << true;
        QTest::newRow("no pid namespace") << false;
    }
    void stopLeavesTheTerminalUsable()
    {
        QFETCH(bool, pidNamespace);
        if (!isRoot() && pidNamespace)
            QSKIP("a pid namespace without a user namespace needs root");
        QStringList helper = {helperPath(), "--uts"};
        if (pidNamespace)
            helper << "--pid";
        helper << "--"
               << "bash"
               << "--norc"
               << "--noprofile"
               << "-i";
        PtyRun t;
        QVERIFY(t.start(TerminalEmulator::keepOpenOnFailure(helper)));
        QVERIFY(t.usable());
        pid_t h = 0;
        QTRY_VERIFY_WITH_TIMEOUT((h = helperChild(t.pid)) > 0, 20000);
        // The relay has the terminal in raw mode and the shell is at its prompt.
        ::write(t.master, "echo rea''dy\r", 13);
        QTRY_VERIFY_WITH_TIMEOUT(t.saw("ready"), 20000);
        QVERIFY(!(t.attrs().c_lflag & ICANON));

        const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, h, 0));
        QVERIFY(pidfd >= 0);
        QVERIFY(sendStopSignals(pidfd));
        ::close(pidfd);
        // The shell ended on SIGHUP: status 129, not 137 (SIGKILL) after a grace period that
        // nothing here provides.
        QTRY_VERIFY_WITH_TIMEOUT(t.saw("press Enter to close"), 20000);
        QVERIFY2(t.seen.contains("exited with status 129"), t.seen.right(200).constData());
        QVERIFY(t.usable());
        ::write(t.master, "\r", 1); // Enter, as a terminal sends it
        int status = 0;
        bool reaped = false;
        QTRY_VERIFY_WITH_TIMEOUT(reaped || (reaped = ::waitpid(t.pid, &status, WNOHANG) == t.pid),
                                 20000);
        QCOMPARE(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 129);
    }

    // The grace period's SIGKILL gives the helper no chance to restore the terminal: the
    // wrapper does, before its "press Enter" line.
    void killedHelperTerminalRestoredByWrapper()
    {
        PtyRun t;
        QVERIFY(t.start(
            TerminalEmulator::keepOpenOnFailure({helperPath(), "--uts", "--", "sleep", "600"})));
        pid_t h = 0;
        QTRY_VERIFY_WITH_TIMEOUT((h = helperChild(t.pid)) > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!(t.attrs().c_lflag & ICANON), 20000); // the relay's raw mode
        QVERIFY(::kill(h, SIGKILL) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(t.saw("press Enter to close"), 20000);
        QVERIFY2(t.seen.contains("exited with status 137"), t.seen.right(200).constData());
        QVERIFY(t.usable());
        ::write(t.master, "\r", 1);
        int status = 0;
        bool reaped = false;
        QTRY_VERIFY_WITH_TIMEOUT(reaped || (reaped = ::waitpid(t.pid, &status, WNOHANG) == t.pid),
                                 20000);
        QCOMPARE(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 137);
    }

    void enterDialogForAGoneProcess()
    {
        const pid_t gone = spawn("/bin/true", {});
        waitpid(gone, nullptr, 0);
        EnterDialog d(gone, liveStat(gone).start);
        QVERIFY(!d.canLaunch());
        QVERIFY(d.errorText().contains("gone"));
        QVERIFY(!child<QPushButton>(d, "runAndShow")->isEnabled());
    }
};

QTEST_MAIN(TestLaunchDialog)
#include "tst_launch_dialog.moc"
