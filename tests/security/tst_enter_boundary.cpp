// The ENTER side of the helper's trust boundary, attacked as its security review did, the way
// an attacker would, with real namespaces and processes:
//   - a uid-65534 process owns a mount namespace (unshare -Urm) in which it bind-mounted its own
//     script over /usr/bin/bash, or its own ELF interpreter over /lib64/ld-linux-x86-64.so.2;
//     root opens the enter dialog on it and presses Run with the defaults ($SHELL = bash). The
//     planted code may run, but never with host root's rights (no file in /root, no
//     /etc/shadow);
//   - pkexec --enter (simulated: the helper as root with PKEXEC_UID=65534, and setpriv
//     --groups=0 for the supplementary group) into a 0->0-mapped user namespace and into
//     another user's (uid 1001) rootless one: the payload is 65534 or nothing, without
//     capabilities, group 0 gone;
//   - the pid shown in the dialog dies and another process takes it before Run (ns_last_pid,
//     in a PID namespace of this test's own): Run refuses, so do the helper and the CLI when
//     given --expect-start.
// And what a second review (wt-attack2) found:
//   - rootless, the supervisor stayed dumpable after joining one's own user namespace: the entered
//     command traced it and typed into the caller's shell (launch_probe, on a terminal);
//   - the maps that decide the payload's ids were read by path after the namespaces were
//     opened: a target unsharing in between made a pkexec payload host uid 0 (strace widens
//     the window);
//   - a pkexec launch with --root in a user's folder makes a mount namespace owned by ours whose
//     files that user chose: root entering it with the defaults ran their /usr/bin/bash;
//   - --all on a process that had exited ran the command in the caller's own namespaces.
// Which functions run as root, as 65534, or in a private PID namespace: tests/security/
// CMakeLists.txt. A root-only function started without root fails (it is never skipped).
#include "enter_dialog.h"
#include "helper_harness.h"
#include "launch_request.h"
#include "procfs.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace nsx::gui;
using namespace nsx::test;
namespace backend = nsx::backend;

namespace {

constexpr const char* kMarker = "/root/nsx-enter-boundary-planted";

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* w = parent.findChild<T*>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// The start time of a pid now, through the backend's one /proc/PID/stat parser.
std::uint64_t startOf(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = f.readAll();
    const auto st = backend::procfs::parseStat(std::string_view(text.constData(), text.size()));
    return st && st->complete() ? st->startTime : 0;
}

QString nsLink(pid_t pid, const char* type)
{
    char buf[128] = {};
    const QByteArray path = pid > 0 ? QStringLiteral("/proc/%1/ns/%2").arg(pid).arg(type).toLatin1()
                                    : QByteArray("/proc/self/ns/") + type;
    const ssize_t n = readlink(path.constData(), buf, sizeof buf - 1);
    return n > 0 ? QString::fromLatin1(buf, static_cast<int>(n)) : QString();
}

// The effective uid of a process, as /proc/PID/status shows it to us (-1 when unreadable).
long statusUid(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("Uid:"))
            return line.mid(4).simplified().split(' ').value(1).toLong();
    return -1;
}

QByteArray comm(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

// The target is ready once it runs `sleep` (set up, exec'd) in namespaces of its own type.
bool readyIn(pid_t pid, const char* differingType)
{
    return comm(pid) == "sleep" && !nsLink(pid, differingType).isEmpty() &&
           nsLink(pid, differingType) != nsLink(0, differingType);
}

void verifyOneLineNaming(const RunResult& r, const QByteArray& field)
{
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1,
             qPrintable("stderr is not one line: " + r.err));
    QVERIFY2(r.err.startsWith("nsexplorer-helper: " + field + ":"),
             qPrintable("stderr does not name '" + field + "': " + r.err));
}

// What a payload reports about its rights: uid, supplementary groups, effective capabilities,
// then what only host root (or group 0) could do.
const char* const kProbe =
    "echo uid=$(id -u); grep -E '^(Groups|CapEff):' /proc/self/status; "
    "touch /root/nsx-enter-boundary-probe 2>/dev/null && echo root-writable; "
    "rm -f /root/nsx-enter-boundary-probe; "
    "cat /etc/shadow >/dev/null 2>&1 && echo shadow-readable; "
    "cat \"$0\" >/dev/null 2>&1 && echo secret-readable; true";

// Groups: of /proc/self/status in a payload's output.
QList<QByteArray> groupsIn(const QByteArray& out)
{
    for (const QByteArray& line : out.split('\n'))
        if (line.startsWith("Groups:"))
            return line.mid(7).simplified().split(' ');
    return {"missing"};
}

// Runs argv on a new pty that is the controlling terminal of its session, as a login shell's
// is; "@TTY@" in argv becomes that terminal's device number (for launch_probe). Returns what
// the terminal showed (stdout and stderr) and the exit status.
struct TtyRun
{
    int status = -1;
    QByteArray out;
};

TtyRun runOnTerminal(const QStringList& args, const QList<QByteArray>& extraEnv = {})
{
    TtyRun r;
    const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return r;
    const QByteArray slave = ptsname(master);
    struct stat st
    {};
    if (stat(slave.constData(), &st) != 0)
        return r;
    std::vector<QByteArray> store;
    for (const QString& a : args)
        store.push_back(a == "@TTY@" ? QByteArray::number(static_cast<qulonglong>(st.st_rdev))
                                     : a.toLocal8Bit());
    std::vector<char*> argv = execStrings(store);
    std::vector<QByteArray> envStore = environmentPlus(extraEnv);
    std::vector<char*> envp = execStrings(envStore);
    const pid_t pid = fork();
    if (pid < 0)
        return r;
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        if (!takeTerminal(slave.constData()))
            _exit(125);
        execve(argv[0], argv.data(), envp.data());
        _exit(126);
    }
    // A minute at most: what each run prints comes within seconds.
    r.status = readUntilExit(master, pid, /*terminal=*/true, 60000, r.out);
    close(master);
    r.out.replace("\r\n", "\n");
    return r;
}

} // namespace

// NSX_BASE_API: built against the code before the fix (commit 967222d), only to show each
// attack succeeding there; EnterDialog then takes a pid alone and the new API does not exist.
#ifdef NSX_BASE_API
#define ENTER_DIALOG(d, pid, start) EnterDialog d(pid)
#define NEW_API(...) QFAIL("not in the base API")
#else
#define ENTER_DIALOG(d, pid, start) EnterDialog d(pid, start)
#define NEW_API(...) __VA_ARGS__
#endif

class TestEnterBoundary : public QObject
{
    Q_OBJECT

    QString m_dir; // world-readable: the planted files and the root:root 0640 secret
    QString m_helper;

    void requireRoot()
    {
        if (!isRoot())
            QFAIL("this function attacks root's helper and must run as root (see CMakeLists)");
    }

    // A uid-65534 process in its own user + mount namespace that planted `what` there, then
    // sleeps. As root it is started through setpriv; as 65534 directly.
    pid_t spawnPlanted(const QString& what)
    {
        const QString target = what == "shell" ? QStringLiteral("/usr/bin/bash")
                                               : QStringLiteral("/lib64/ld-linux-x86-64.so.2");
        const QString source =
            m_dir + (what == "shell" ? QStringLiteral("/evil.sh") : QStringLiteral("/interp"));
        // With a planted interpreter every dynamic program there runs it: the attacker's own
        // sleeper tells it to idle (it then still shows as `sleep`).
        const QString script =
            QStringLiteral("mount --bind %1 %2 && %3 exec sleep 600")
                .arg(source, target, what == "shell" ? QString() : "NSX_PLANTED_IDLE=1");
        QStringList args{"-Urm", "sh", "-c", script};
        pid_t pid = 0;
        if (isRoot())
            pid = spawn("/usr/bin/setpriv",
                        QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", "unshare"} +
                            args);
        else
            pid = spawn("/usr/bin/unshare", args);
        return pid;
    }

    RunResult helper(const QStringList& args, const RunOptions& o = {})
    {
        return run(m_helper, args, o);
    }

    // pkexec, simulated: root with PKEXEC_UID=65534, started with supplementary group 0.
    RunResult pkexecHelper(const QStringList& args)
    {
        RunOptions o;
        o.extraEnv = {"PKEXEC_UID=65534"};
        return run("/usr/bin/setpriv", QStringList{"--groups=0", m_helper} + args, o);
    }

    // Runs the dialog's request with Run, the way a user would; the output pane's text and
    // the exit status line (empty when nothing started).
    QString runDialog(EnterDialog& d)
    {
        QSignalSpy launched(&d, &EnterDialog::launched);
        child<QPushButton>(d, "runAndShow")->click();
        auto* status = child<QLabel>(d, "exitStatus");
        if (launched.isEmpty())
            return {};
        for (int i = 0; i < 300 && !status->text().startsWith("Exited") &&
                        !status->text().contains("signal") && !status->text().contains("Killed");
             ++i)
            QTest::qWait(100);
        return child<QPlainTextEdit>(d, "output")->toPlainText() + "\n[" + status->text() + "]";
    }

private slots:
    void initTestCase()
    {
        becomeSubreaper();
        m_helper = helperPath();
        QVERIFY2(!m_helper.isEmpty(), "NSX_HELPER is not set");
        const QString interp = qEnvironmentVariable("NSX_PLANTED_INTERP");
        QVERIFY2(!interp.isEmpty(), "NSX_PLANTED_INTERP is not set");
        char tmpl[] = "/tmp/nsx-enter-boundary.XXXXXX";
        QVERIFY(mkdtemp(tmpl));
        m_dir = QString::fromLatin1(tmpl);
        QVERIFY(chmod(tmpl, 0755) == 0);
        QVERIFY(QFile::copy(interp, m_dir + "/interp"));
        QFile evil(m_dir + "/evil.sh");
        QVERIFY(evil.open(QIODevice::WriteOnly));
        evil.write("#!/bin/sh\n"
                   "echo \"planted shell ran: uid $(id -u)\"\n"
                   "touch /root/nsx-enter-boundary-planted 2>/dev/null && echo wrote-root\n"
                   "cat /etc/shadow >/dev/null 2>&1 && echo shadow-readable\n");
        evil.close();
        QVERIFY(chmod(qPrintable(m_dir + "/evil.sh"), 0755) == 0);
        QVERIFY(chmod(qPrintable(m_dir + "/interp"), 0755) == 0);
        QFile secret(m_dir + "/secret");
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("root:root 0640\n");
        secret.close();
        QVERIFY(chmod(qPrintable(m_dir + "/secret"), 0640) == 0);
        if (isRoot())
            QFile::remove(kMarker);
    }

    void cleanupTestCase()
    {
        if (!m_dir.isEmpty())
            QDir(m_dir).removeRecursively();
        if (isRoot())
            QFile::remove(kMarker);
        QTRY_VERIFY_WITH_TIMEOUT(noChildrenLeft(), 10000);
    }

    // ------------------------------------------------------------ item 2: planted code

    void plantedShellUnderDialogDefaults_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("script bind-mounted over /usr/bin/bash") << QStringLiteral("shell");
        QTest::newRow("ELF interpreter over /lib64/ld-linux-x86-64.so.2")
            << QStringLiteral("interp");
    }

    // Root opens the enter dialog on the attacker's process and presses Run with what the
    // dialog proposes: the namespaces it ticks, the command from $SHELL.
    void plantedShellUnderDialogDefaults()
    {
        requireRoot();
        QFETCH(QString, what);
        const pid_t target = spawnPlanted(what);
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "mnt"), 20000);
        qputenv("SHELL", "/usr/bin/bash");
        ENTER_DIALOG(d, target, startOf(target));
        QCOMPARE(child<QLineEdit>(d, "command")->text(), QStringLiteral("/usr/bin/bash"));
        QVERIFY(child<QCheckBox>(d, "ns_mnt")->isChecked());
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        const QString out = runDialog(d);
        QVERIFY2(!QFile::exists(kMarker), qPrintable("the planted code wrote " + QString(kMarker) +
                                                     " as host root: " + out));
        QVERIFY2(!out.contains("wrote-root") && !out.contains("shadow-readable"), qPrintable(out));
        // It did run (the attacker's namespace, the attacker's bash), with the owner's rights.
        QVERIFY2(out.contains("planted"), qPrintable(out));
        // The default set is every namespace that differs, the user namespace included.
        QVERIFY(child<QCheckBox>(d, "ns_user")->isChecked());
        NEW_API(const unsigned defaults =
                    backend::defaultEnterNamespaces(backend::probeEnterTarget(target));
                QCOMPARE(d.request().namespaces, defaults); QVERIFY(defaults & backend::kNsUser));
    }

    // The same attacks through the helper's own options: --mount alone, --all, as root.
    void plantedShellUnderHelperOptions_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QStringList>("options");
        for (const char* w : {"shell", "interp"}) {
            QTest::addRow("%s --mount", w) << QString(w) << QStringList{"--mount"};
            QTest::addRow("%s --all", w) << QString(w) << QStringList{"--all"};
            QTest::addRow("%s --mount --pid --net", w)
                << QString(w) << QStringList{"--mount", "--pid", "--net"};
        }
    }

    void plantedShellUnderHelperOptions()
    {
        requireRoot();
        QFETCH(QString, what);
        QFETCH(QStringList, options);
        const pid_t target = spawnPlanted(what);
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "mnt"), 20000);
        QFile::remove(kMarker);
        const auto r = helper(QStringList{"--enter", QString::number(target)} + options +
                              QStringList{"--", "/usr/bin/bash"});
        QVERIFY2(!QFile::exists(kMarker), qPrintable("wrote /root: " + r.out + r.err));
        QVERIFY2(!r.out.contains("wrote-root") && !r.out.contains("shadow-readable"),
                 r.out.constData());
        QVERIFY2(r.out.contains("planted"), qPrintable(r.out + r.err));
    }

    // The attacker's mount namespace reached through a root process that went into it alone
    // (nsenter -m): the target's user namespace is ours, the mount namespace's owner is a third
    // one. Joining that owner is not what the target did, so the helper refuses; so does the
    // dialog, inline.
    void plantedNamespaceOfAnotherUserNamespace()
    {
        requireRoot();
        const pid_t attacker = spawnPlanted("shell");
        auto guardA = qScopeGuard([&] { stop(attacker); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(attacker, "mnt"), 20000);
        const pid_t target = spawn("/usr/bin/nsenter", {"--target", QString::number(attacker),
                                                        "--mount", "--", "sleep", "600"});
        auto guardT = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "mnt"), 20000);
        QCOMPARE(nsLink(target, "user"), nsLink(0, "user"));
        QFile::remove(kMarker);
        for (const QStringList& types : {QStringList{"--mount"}, QStringList{"--all"}}) {
            const auto r = helper(QStringList{"--enter", QString::number(target)} + types +
                                  QStringList{"--", "/usr/bin/bash"});
            QVERIFY2(!QFile::exists(kMarker), qPrintable("wrote /root: " + r.out + r.err));
            QVERIFY2(!r.out.contains("planted"), qPrintable(r.out + r.err));
            QCOMPARE(r.status, 2);
            verifyOneLineNaming(r, "mount");
        }
        // Through pkexec: refused too, in one line that tells nothing about who owns what.
        const auto pk =
            pkexecHelper({"--enter", QString::number(target), "--mount", "--", "/usr/bin/bash"});
        QVERIFY2(!QFile::exists(kMarker), qPrintable("wrote /root: " + pk.out + pk.err));
        QCOMPARE(pk.status, 2);
        verifyOneLineNaming(pk, "target");
        QVERIFY2(!pk.err.contains("user namespace"), pk.err.constData());
        ENTER_DIALOG(d, target, startOf(target));
        QVERIFY(child<QCheckBox>(d, "ns_mnt")->isChecked());
        QVERIFY(!d.canLaunch());
        // A sentence naming the namespace, no CLI option syntax.
        QVERIFY2(d.errorText().contains("mount namespace"), qPrintable(d.errorText()));
        QVERIFY2(!d.errorText().contains("--"), qPrintable(d.errorText()));
    }

    // A mount namespace owned by the initial user namespace, whose files an ordinary user
    // chose: a launch through pkexec (the helper as root, PKEXEC_UID=65534) with --root in a
    // directory of 65534's, holding their own /usr/bin/bash (the planted program) next to a
    // real sleep. The namespace's owner is ours, so no user namespace is there to join; root
    // entering it with the defaults would run 65534's program as host root. Refused, naming
    // the mount namespace; --unsafe-host-root still runs it, with a warning.
    void rootEntersATreeAUserChose()
    {
        requireRoot();
        const QString tree = m_dir + "/tree";
        for (const char* d :
             {"", "/usr", "/usr/bin", "/lib64", "/lib", "/lib/x86_64-linux-gnu", "/proc"})
            QVERIFY(QDir().mkpath(tree + d));
        QVERIFY(QFile::copy(m_dir + "/interp", tree + "/usr/bin/bash"));
        for (const char* f :
             {"/usr/bin/sleep", "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6"})
            QVERIFY2(QFile::copy(f, tree + f), f);
        QVERIFY(run("/bin/chown", {"-R", "65534:65534", tree}).status == 0);
        QVERIFY(run("/bin/chmod", {"-R", "a+rx", tree}).status == 0);
        const pid_t supervisor =
            spawn("/usr/bin/env", {"PKEXEC_UID=65534", m_helper, "--mount", "--pid", "--root", tree,
                                   "--", "sleep", "600"});
        auto guard = qScopeGuard([&] { stop(supervisor); });
        // supervisor -> reaper -> sleep
        pid_t target = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto reapers = childrenOf(supervisor);
                const auto kids = reapers.isEmpty() ? QList<pid_t>{} : childrenOf(reapers.first());
                target = kids.isEmpty() ? 0 : kids.first();
                return target > 0 && readyIn(target, "mnt");
            }(),
            20000);
        QCOMPARE(statusUid(target), 65534L);
        QCOMPARE(nsLink(target, "user"), nsLink(0, "user")); // nothing to join: ours
        for (const QStringList& types : {QStringList{"--all"}, QStringList{"--mount"}}) {
            const auto r = helper(QStringList{"--enter", QString::number(target)} + types +
                                  QStringList{"--", "/usr/bin/bash"});
            QVERIFY2(!r.out.contains("planted"),
                     qPrintable("ran 65534's program as host root: " + r.out + r.err));
            QCOMPARE(r.status, 2);
            verifyOneLineNaming(r, "mount");
        }
        // The dialog's defaults, pressed Run: the helper's refusal, nothing planted ran.
        qputenv("SHELL", "/usr/bin/bash");
        ENTER_DIALOG(d, target, startOf(target));
        const QString out = runDialog(d);
        QVERIFY2(!out.contains("planted"), qPrintable(out));
        QVERIFY2(out.contains("refusing to run as host root"), qPrintable(out));
        // Explicitly unsafe: it runs, warned.
        const auto unsafe = helper({"--enter", QString::number(target), "--mount", "--pid",
                                    "--unsafe-host-root", "--", "/usr/bin/bash"});
        QVERIFY2(unsafe.out.contains("planted interpreter ran: uid 0"),
                 (unsafe.out + unsafe.err).constData());
        QVERIFY2(unsafe.err.contains("unsafe-host-root"), unsafe.err.constData());
    }

    // Keeping host root's rights takes an explicit option (root only, warned) in the helper and
    // an unticked-by-default checkbox with a warning in the dialog.
    void unsafeHostRootIsExplicit()
    {
        const pid_t target = spawnPlanted("shell");
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "mnt"), 20000);
        if (!isRoot()) {
            // Without privilege the option is refused before anything happens.
            const auto r = helper({"--enter", QString::number(target), "--mount",
                                   "--unsafe-host-root", "--", "true"});
            QCOMPARE(r.status, 2);
            verifyOneLineNaming(r, "unsafe-host-root");
            ENTER_DIALOG(d, target, startOf(target));
            NEW_API(QVERIFY(!child<QCheckBox>(d, "unsafeHostRoot")->isVisibleTo(&d));
                    QVERIFY(!d.request().unsafeHostRoot));
            return;
        }
        // pkexec: never, whoever authenticated.
        const auto pk = pkexecHelper(
            {"--enter", QString::number(target), "--mount", "--unsafe-host-root", "--", "true"});
        QCOMPARE(pk.status, 2);
        verifyOneLineNaming(pk, "unsafe-host-root");
        // Contradicts --user.
        const auto both = helper({"--enter", QString::number(target), "--mount", "--user",
                                  "--unsafe-host-root", "--", "true"});
        QCOMPARE(both.status, 2);
        verifyOneLineNaming(both, "unsafe-host-root");
        // Root, explicitly: joined without the user namespace, as host root, with a warning.
        const auto r = helper({"--enter", QString::number(target), "--mount", "--unsafe-host-root",
                               "--", "/bin/sh", "-c", "id -u; readlink /proc/self/ns/mnt"});
        QVERIFY2(r.status == 0, r.err.constData());
        QCOMPARE(r.out.split('\n').value(0), QByteArray("0"));
        QCOMPARE(QString::fromLatin1(r.out.split('\n').value(1)), nsLink(target, "mnt"));
        QVERIFY2(r.err.contains("unsafe-host-root") && r.err.contains("host root"),
                 r.err.constData());
        // The dialog offers it unticked, with a warning shown once it is ticked; ticking it
        // unticks the user namespace.
        ENTER_DIALOG(d, target, startOf(target));
        auto* unsafe = child<QCheckBox>(d, "unsafeHostRoot");
        QVERIFY(unsafe->isVisibleTo(&d));
        QVERIFY(!unsafe->isChecked());
        QVERIFY(!child<QLabel>(d, "unsafeWarning")->isVisibleTo(&d));
        NEW_API(QVERIFY(!d.request().unsafeHostRoot));
        unsafe->click();
        QVERIFY(child<QLabel>(d, "unsafeWarning")->isVisibleTo(&d));
        QVERIFY(!child<QCheckBox>(d, "ns_user")->isChecked());
        NEW_API(QVERIFY(d.request().unsafeHostRoot));
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
    }

    // ------------------------------------------------------------ items 3, 4, 8: pkexec

    void pkexecIntoOtherUserNamespaces_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<bool>("mapped"); // is 65534 mapped there (then it runs as 65534)
        QTest::newRow("root-made, map 0 0 1") << QStringLiteral("root01") << false;
        QTest::newRow("root-made, map 0 0 4294967295") << QStringLiteral("rootall") << true;
        QTest::newRow("uid 1001's rootless namespace") << QStringLiteral("user1001") << false;
    }

    void pkexecIntoOtherUserNamespaces()
    {
        requireRoot();
        QFETCH(QString, how);
        QFETCH(bool, mapped);
        pid_t target = 0;
        if (how == "root01") {
            target =
                spawn("/usr/bin/unshare", {"-U", "--map-user=0", "--map-group=0", "sleep", "600"});
        } else if (how == "rootall") {
            target = spawn("/usr/bin/unshare", {"-U", "sh", "-c", "exec sleep 600"});
        } else {
            target = spawn("/usr/bin/setpriv", {"--reuid=1001", "--regid=1001", "--clear-groups",
                                                "unshare", "-Ur", "sleep", "600"});
        }
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "user"), 20000);
        if (how == "rootall") {
            for (const char* map : {"uid_map", "gid_map"}) {
                QFile f(QStringLiteral("/proc/%1/%2").arg(target).arg(map));
                QVERIFY(f.open(QIODevice::WriteOnly));
                QVERIFY(f.write("0 0 4294967295\n") > 0);
            }
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    QFile f(QStringLiteral("/proc/%1/uid_map").arg(target));
                    return f.open(QIODevice::ReadOnly) && !f.readAll().trimmed().isEmpty();
                }(),
                10000);
        }
        for (const QStringList& types : {QStringList{"--all"}, QStringList{"--user"}}) {
            const auto r = pkexecHelper(QStringList{"--enter", QString::number(target)} + types +
                                        QStringList{"--", "sh", "-c", kProbe, m_dir + "/secret"});
            const QByteArray all = r.out + r.err;
            // Never more than the invoking user, whatever the namespace maps.
            QVERIFY2(!r.out.contains("root-writable"), all.constData());
            QVERIFY2(!r.out.contains("shadow-readable"), all.constData());
            QVERIFY2(!r.out.contains("secret-readable"), all.constData());
            QVERIFY2(!r.out.contains("uid=0"), all.constData());
            if (!mapped) {
                QCOMPARE(r.status, 2);
                verifyOneLineNaming(r, "user");
                QVERIFY(r.out.isEmpty());
                continue;
            }
            QVERIFY2(r.status == 0, all.constData());
            QVERIFY2(r.out.contains("uid=65534\n"), all.constData());
            QVERIFY2(r.out.contains("CapEff:\t0000000000000000\n"), all.constData());
            // Supplementary group 0 (setpriv --groups=0) is gone: nobody's groups only.
            QCOMPARE(groupsIn(r.out), QList<QByteArray>{"65534"});
        }
    }

    // The maps that decide who the payload becomes are read by path, after the namespaces were
    // opened: a target that moves into a user namespace of its own in between makes the helper
    // compute the payload's ids from that namespace's map and apply them in the one it joins.
    // Here 65534 owns a process in root's identity-mapped namespace (uid 65534 there) and
    // through pkexec enters it; between the probe and the map read (strace widens the window
    // the attacker would otherwise hit by retrying) the target runs `unshare -Ur`, whose map
    // is "0 65534 1": the payload would be uid 0 of the identity-mapped namespace, host uid 0.
    void userNamespaceSwitchedBeforeTheMapsAreRead()
    {
        requireRoot();
        QVERIFY2(QFile::exists("/usr/bin/strace"), "strace widens the race window; install it");
        const QString go = m_dir + "/go-" + QString::number(getpid());
        const QString mapped = m_dir + "/mapped-" + QString::number(getpid());
        QFile::remove(go);
        QFile::remove(mapped);
        const pid_t target = spawn(
            "/usr/bin/unshare",
            {"-U", "sh", "-c",
             QStringLiteral("while [ ! -e %1 ]; do sleep 0.02; done; exec setpriv --reuid=65534 "
                            "--regid=65534 --clear-groups sh -c 'while [ ! -e %2 ]; do sleep "
                            "0.02; done; exec unshare -Ur sleep 600'")
                 .arg(mapped, go)});
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "user") || comm(target) == "sh", 20000);
        for (const char* map : {"uid_map", "gid_map"}) {
            QFile f(QStringLiteral("/proc/%1/%2").arg(target).arg(map));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.write("0 0 4294967295\n") > 0);
        }
        QFile touch(mapped);
        QVERIFY(touch.open(QIODevice::WriteOnly));
        touch.close();
        // The attacker's process: uid 65534 in root's namespace, waiting for the signal.
        QTRY_VERIFY_WITH_TIMEOUT(statusUid(target) == 65534 && comm(target) == "sh", 20000);
        const QString userA = nsLink(target, "user");
        // Without the race: 65534, nothing of root's.
        const auto plain = pkexecHelper(QStringList{"--enter", QString::number(target), "--user",
                                                    "--", "sh", "-c", kProbe, m_dir + "/secret"});
        QVERIFY2(plain.status == 0 && plain.out.startsWith("uid=65534\n"),
                 (plain.out + plain.err).constData());
        // With it: the target moves while the helper is about to read its uid_map.
        std::thread mover([&] {
            QThread::msleep(1000);
            QFile g(go);
            if (g.open(QIODevice::WriteOnly))
                g.close();
        });
        RunOptions o;
        o.extraEnv = {"PKEXEC_UID=65534"};
        const auto r = run("/usr/bin/strace",
                           QStringList{"-f", "-qq", "-o", "/dev/null", "-P",
                                       QStringLiteral("/proc/%1/uid_map").arg(target), "-e",
                                       "trace=openat", "-e", "inject=openat:delay_enter=3000000",
                                       m_helper, "--enter", QString::number(target), "--user", "--",
                                       "sh", "-c", kProbe, m_dir + "/secret"},
                           o);
        mover.join();
        // The attacker did move in the window (else this proves nothing).
        QVERIFY2(nsLink(target, "user") != userA, "the target did not change user namespace");
        const QByteArray all = r.out + r.err;
        QVERIFY2(!r.out.contains("uid=0"), all.constData());
        QVERIFY2(!r.out.contains("root-writable"), all.constData());
        QVERIFY2(!r.out.contains("shadow-readable"), all.constData());
        QVERIFY2(!r.out.contains("secret-readable"), all.constData());
        // Refused in one line: the process is not where it was when its namespaces were opened.
        QCOMPARE(r.status, 2);
        verifyOneLineNaming(r, "target");
    }

    // Root entering the attacker's rootless namespace: the payload is the target's own user
    // there (at most its owner's rights), without root's supplementary groups.
    // Rootless: one's own process, by the same rule with one's own uid and no capabilities.
    void rootlessRule()
    {
        // The target: 65534's rootless user namespace (uid 0 inside).
        const pid_t target = isRoot() ? spawn("/usr/bin/setpriv",
                                              {"--reuid=65534", "--regid=65534", "--clear-groups",
                                               "unshare", "-Ur", "sleep", "600"})
                                      : spawn("/usr/bin/unshare", {"-Ur", "sleep", "600"});
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "user"), 20000);
        const QStringList args{"--enter", QString::number(target), "--all", "--", "sh", "-c",
                               kProbe,    m_dir + "/secret"};
        const auto r = isRoot()
                           ? run("/usr/bin/setpriv", QStringList{"--groups=0", m_helper} + args)
                           : helper(args);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("uid=0\n"), r.out.constData());
        QVERIFY2(!r.out.contains("root-writable"), r.out.constData());
        QVERIFY2(!r.out.contains("shadow-readable"), r.out.constData());
        // (As 65534 the secret is our own file: only root could make a root:root one.)
        if (isRoot())
            QVERIFY2(!r.out.contains("secret-readable"), r.out.constData());
        // No supplementary groups (root's group 0 from setpriv --groups=0 is gone).
        QVERIFY2(groupsIn(r.out) == QList<QByteArray>{""}, r.out.constData());
        if (isRoot()) {
            // Root keeps the capabilities the target's user has there (its owner's, in a
            // namespace root did not make), not host root's groups.
            QVERIFY2(!r.out.contains("CapEff:\t0000000000000000"), r.out.constData());
        } else {
            // Not root: no capabilities, also as uid 0 inside.
            QVERIFY2(r.out.contains("CapEff:\t0000000000000000\n"), r.out.constData());
            // Another user's process (root's sleeper in its own namespace): refused.
            const auto other = helper({"--enter", "1", "--uts", "--", "true"});
            QCOMPARE(other.status, 2);
            verifyOneLineNaming(other, "target");
        }
    }

    // ------------------------------------------------------------ item 6: pid reuse

    // The helper and the CLI refuse a pid that no longer names the process that started at
    // --expect-start (one line naming the target); the right start time passes.
    void expectStartRefusesAnotherProcess()
    {
        const pid_t target =
            spawn("/usr/bin/unshare", {isRoot() ? "--uts" : "-Ur", "sleep", "600"});
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, isRoot() ? "uts" : "user"), 20000);
        const std::uint64_t start = startOf(target);
        QVERIFY(start > 0);
        const QString type = isRoot() ? "--uts" : "--user";
        const auto wrong = helper({"--enter", QString::number(target), type, "--expect-start",
                                   QString::number(start + 1), "--", "echo", "entered"});
        QCOMPARE(wrong.status, 2);
        verifyOneLineNaming(wrong, "target");
        QVERIFY(wrong.out.isEmpty());
        const auto right = helper({"--enter", QString::number(target), type, "--expect-start",
                                   QString::number(start), "--", "echo", "entered"});
        QVERIFY2(right.status == 0, right.err.constData());
        QCOMPARE(right.out, QByteArray("entered\n"));
        if (!cliPath().isEmpty()) {
            const auto c = run(cliPath(), {"enter", "--target", QString::number(target), type,
                                           "--expect-start", QString::number(start + 1), "--",
                                           "echo", "entered"});
            QCOMPARE(c.status, 2);
            QVERIFY2(c.err.contains("target:") && c.err.count('\n') == 1, c.err.constData());
            QVERIFY(c.out.isEmpty());
        }
    }

    // A target that exited (here a zombie its parent does not reap, which keeps its pid and
    // start time) has no namespaces left to open: --all must not quietly run the command in
    // the caller's own namespaces (root's "clean up inside the container" on the host).
    void exitedTargetIsNotEnteredAsTheCaller()
    {
        const pid_t parent =
            spawn("/bin/sh", {"-c", QStringLiteral("/usr/bin/unshare %1 true & exec sleep 600")
                                        .arg(isRoot() ? "--uts --mount" : "-Urm")});
        auto guard = qScopeGuard([&] { stop(parent); });
        pid_t zombie = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto kids = childrenOf(parent);
                zombie = kids.isEmpty() ? 0 : kids.first();
                QFile st(QStringLiteral("/proc/%1/stat").arg(zombie));
                return comm(parent) == "sleep" && zombie > 0 && st.open(QIODevice::ReadOnly) &&
                       st.readAll().contains(") Z ");
            }(),
            20000);
        const auto r = helper({"--enter", QString::number(zombie), "--all", "--expect-start",
                               QString::number(startOf(zombie)), "--", "echo", "entered"});
        QVERIFY2(!r.out.contains("entered"), qPrintable("ran in our own namespaces: " + r.out));
        QCOMPARE(r.status, 2);
        verifyOneLineNaming(r, "target");
    }

    // Open the dialog on a process, let it die, give its pid to another process (ns_last_pid,
    // in this test's own PID namespace), press Run: refused, nothing of the new process entered.
    void dialogRunRefusesAReusedPid()
    {
        requireRoot();
        QVERIFY2(getpid() == 1, "run in a PID namespace of its own (unshare --pid --fork "
                                "--mount-proc), where ns_last_pid disturbs nobody");
        const pid_t first =
            spawn("/usr/bin/unshare", {"--uts", "sh", "-c", "hostname original && exec sleep 600"});
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(first, "uts"), 20000);
        ENTER_DIALOG(d, first, startOf(first));
        child<QLineEdit>(d, "command")->setText("hostname");
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        // The process exits; another one takes its pid.
        stop(first);
        QFile last("/proc/sys/kernel/ns_last_pid");
        QVERIFY(last.open(QIODevice::WriteOnly));
        QVERIFY(last.write(QByteArray::number(first - 1)) > 0);
        last.close();
        const pid_t second =
            spawn("/usr/bin/unshare", {"--uts", "sh", "-c", "hostname intruder && exec sleep 600"});
        auto guard = qScopeGuard([&] { stop(second); });
        QCOMPARE(second, first);
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(second, "uts"), 20000);
        QSignalSpy launched(&d, &EnterDialog::launched);
        child<QPushButton>(d, "runAndShow")->click();
        QTest::qWait(500);
        const QString out = child<QPlainTextEdit>(d, "output")->toPlainText();
        QVERIFY2(!out.contains("intruder"), qPrintable("entered the new process: " + out));
        QVERIFY2(launched.isEmpty(), qPrintable(out));
        QVERIFY2(!d.canLaunch() && d.errorText().contains("gone"), qPrintable(d.errorText()));
        // What the dialog passes to the helper pins the start time too.
        const auto args = backend::toHelperArgs(d.request());
        QVERIFY(std::find(args.begin(), args.end(), "--expect-start") != args.end());
        const auto r = helper(
            QStringList{"--enter", QString::number(first), "--uts"} +
            QStringList{"--expect-start", QString::fromStdString(*std::next(std::find(
                                              args.begin(), args.end(), "--expect-start")))} +
            QStringList{"--", "hostname"});
        QCOMPARE(r.status, 2);
        verifyOneLineNaming(r, "target");
        QVERIFY(!r.out.contains("intruder"));
    }

    // ------------------------------------------------------------ the supervisor and the terminal

    // The command entered on a terminal runs launch_probe against everything above it: its
    // supervisor (which keeps the caller's terminal to relay it) must be neither traceable nor
    // have its fds taken (pidfd_getfd, /proc/PID/fd), and the caller's terminal is never the
    // payload's. Rootless (one's own process), root and pkexec, each into 65534's rootless user
    // namespace (plus a PID namespace with its own /proc, which the probe needs to name pids
    // right: then only the target's PID 1 is in sight).
    void payloadCannotReachTheSupervisor_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QStringList>("targetShape");
        const QStringList modes =
            isRoot() ? QStringList{"root", "pkexec"} : QStringList{"rootless"};
        for (const QString& mode : modes) {
            const QByteArray m = mode.toLatin1();
            QTest::addRow("%s user", m.constData()) << mode << QStringList{"-Ur"};
            QTest::addRow("%s user+pid", m.constData())
                << mode << QStringList{"-Ur", "--pid", "--fork", "--mount-proc", "--kill-child"};
        }
    }

    void payloadCannotReachTheSupervisor()
    {
        QFETCH(QString, mode);
        QFETCH(QStringList, targetShape);
        const QString probe = qEnvironmentVariable("NSX_LAUNCH_PROBE");
        QVERIFY2(!probe.isEmpty(), "NSX_LAUNCH_PROBE is not set");
        const QString copy = m_dir + "/launch_probe";
        QFile::remove(copy);
        QVERIFY(QFile::copy(probe, copy));
        QVERIFY(chmod(qPrintable(copy), 0755) == 0);
        const QStringList shape = targetShape + QStringList{"sleep", "600"};
        const pid_t started =
            isRoot() ? spawn("/usr/bin/setpriv", QStringList{"--reuid=65534", "--regid=65534",
                                                             "--clear-groups", "unshare"} +
                                                     shape)
                     : spawn("/usr/bin/unshare", shape);
        auto guard = qScopeGuard([&] { stop(started); });
        // With --fork the sleeper is unshare's child.
        pid_t target = started;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (comm(started) == "sleep")
                    target = started;
                else if (const auto kids = childrenOf(started); !kids.isEmpty())
                    target = kids.first();
                return readyIn(target, "user");
            }(),
            20000);
        const QStringList enter{m_helper, "--enter", QString::number(target), "--all", "--",
                                copy,     "@TTY@"};
        const TtyRun r = mode == "pkexec"
                             ? runOnTerminal(QStringList{"/usr/bin/setpriv", "--groups=0"} + enter,
                                             {"PKEXEC_UID=65534"})
                             : runOnTerminal(enter);
        QVERIFY2(r.out.contains("probe-done"), r.out.constData());
        QVERIFY2(r.status == 0, r.out.constData());
        QVERIFY2(!r.out.contains("NSX-INJECTED"), r.out.constData());
        // The target's own sleeper is the target user's to trace: not an escape.
        QByteArray found;
        for (const QByteArray& line : escapeLines(r.out).split('\n'))
            if (!line.isEmpty() &&
                !QRegularExpression("^ESCAPE \\S+ sleep ").match(line).hasMatch())
                found += line + '\n';
        QVERIFY2(found.isEmpty(), ("the entered command got out:\n" + found).constData());
    }

    // ------------------------------------------------------------ the dialog's defaults

    void dialogDefaultsIncludeTheUserNamespace()
    {
        const pid_t target = spawnPlanted("shell");
        auto guard = qScopeGuard([&] { stop(target); });
        QTRY_VERIFY_WITH_TIMEOUT(readyIn(target, "mnt"), 20000);
        ENTER_DIALOG(d, target, startOf(target));
        QVERIFY(child<QCheckBox>(d, "ns_user")->isChecked());
        QVERIFY(child<QCheckBox>(d, "ns_mnt")->isChecked());
        QVERIFY(!child<QCheckBox>(d, "ns_net")->isChecked()); // shared with us
        QCOMPARE(d.request().namespaces, unsigned(backend::kNsUser | backend::kNsMnt));
        NEW_API(QCOMPARE(d.request().expectStart.value_or(0), startOf(target)));
        // The label says who owns the mount namespace.
        QVERIFY(child<QLabel>(d, "inode_mnt")->text().contains("user namespace"));
        // Unticking the user namespace: the helper still joins it (the note says so).
        child<QCheckBox>(d, "ns_user")->setChecked(false);
        NEW_API(const auto probe = backend::probeEnterTarget(target);
                const auto plan = backend::planEnter(d.request(), probe, isRoot());
                QVERIFY(!plan.error);
                QCOMPARE(plan.join, unsigned(backend::kNsUser | backend::kNsMnt));
                QCOMPARE(plan.addedUser, unsigned(backend::kNsUser)));
    }
};

QTEST_MAIN(TestEnterBoundary)
#include "tst_enter_boundary.moc"
