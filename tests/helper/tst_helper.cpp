// nsexplorer-helper end to end, with real namespaces. The same binary runs twice under ctest:
// as root (direct, and pkexec simulated with PKEXEC_UID) and as uid 65534 (rootless, through
// run-as-nobody.sh). $NSX_HELPER names a helper this user can execute; $NSX_CLI the CLI.
#include "helper_harness.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::test;

namespace {

QByteArray hostUptime()
{
    QFile f("/proc/uptime");
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

// Every refusal is exactly one line on stderr, naming the field.
void verifyOneLineNaming(const RunResult& r, const QByteArray& field)
{
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1,
             qPrintable("stderr is not one line: " + r.err));
    QVERIFY2(r.err.startsWith("nsexplorer-helper: " + field + ":"),
             qPrintable("stderr does not name '" + field + "': " + r.err));
}

} // namespace

class TestHelper : public QObject
{
    Q_OBJECT

private:
    QString m_helper;
    // Rootless mounts need root inside the user namespace; as root they need nothing.
    QStringList rootInside() const
    {
        return isRoot() ? QStringList{} : QStringList{"--map-root-user"};
    }
    RunResult helper(const QStringList& args, const RunOptions& o = {})
    {
        return run(m_helper, args, o);
    }

private slots:
    void initTestCase()
    {
        m_helper = helperPath();
        QVERIFY2(!m_helper.isEmpty() && QFileInfo(m_helper).isExecutable(),
                 "set NSX_HELPER to an executable nsexplorer-helper");
        becomeSubreaper();
        qInfo("running as uid %u (%s)", geteuid(), isRoot() ? "root" : "rootless");
    }

    void cleanup()
    {
        // Nothing a test started may outlive it: orphans come back to us (subreaper).
        QTRY_VERIFY_WITH_TIMEOUT(noChildrenLeft(), 20000);
    }

    // ------------------------------------------------------------ the clone(CLONE_NEW*) demos

    void hostnameInsideOnly()
    {
        char before[256] = {};
        gethostname(before, sizeof before - 1);
        const auto r = helper({"--uts", "--hostname", "container", "--", "hostname"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("container\n"));
        char after[256] = {};
        gethostname(after, sizeof after - 1);
        QCOMPARE(QByteArray(after), QByteArray(before));
        QVERIFY(QByteArray(after) != "container");
    }

    void ipcQueueInvisibleInside()
    {
        const auto made = run("/usr/bin/ipcmk", {"-Q"});
        QCOMPARE(made.status, 0);
        const auto m = QRegularExpression("(\\d+)").match(QString::fromLatin1(made.out));
        QVERIFY(m.hasMatch());
        const QString id = m.captured(1);
        auto removeQueue = qScopeGuard([&] { run("/usr/bin/ipcrm", {"-q", id}); });
        const QRegularExpression row("^\\S+\\s+" + id + "\\s", QRegularExpression::MultilineOption);
        QVERIFY(QString::fromLatin1(run("/usr/bin/ipcs", {"-q"}).out).contains(row));
        const auto inside = helper({"--ipc", "--", "ipcs", "-q"});
        QCOMPARE(inside.status, 0);
        QVERIFY(inside.out.contains("Message Queues"));
        QVERIFY2(!QString::fromLatin1(inside.out).contains(row), inside.out.constData());
    }

    void shellIsPid1()
    {
        // The clone(CLONE_NEWPID) demo's `echo $$` -> 1: no reaper, the shell itself is PID 1.
        const auto r = helper({"--pid", "--as-pid-1", "--", "sh", "-c", "echo $$"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("1\n"));
        // Default: the reaper is PID 1 and the command PID 2.
        const auto d = helper({"--pid", "--", "sh", "-c", "echo $$; cat /proc/1/comm"});
        QCOMPARE(d.status, 0);
        QCOMPARE(d.out, QByteArray("2\nnsx-reaper\n"));
    }

    void psSeesOnlyTheContainer()
    {
        const auto r = helper({"--pid", "--", "ps", "-e", "-o", "pid=,comm="});
        QCOMPARE(r.status, 0);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2); // the reaper and ps itself
        QVERIFY(lines[0].trimmed().startsWith("1 "));
        QVERIFY(lines[1].contains("ps"));
    }

    void withoutFreshProcPsSeesTheHost()
    {
        // The classic surprise of the clone(CLONE_NEWPID) demo: a new PID namespace, but the host's
        // /proc, so ps still shows the host.
        const auto r = helper({"--pid", "--no-mount-proc", "--", "ps", "-e", "-o", "pid="});
        QCOMPARE(r.status, 0);
        const auto pids = r.out.simplified().split(' ');
        QVERIFY2(pids.contains(QByteArray::number(getpid())), "our own pid is not listed");
        QVERIFY(pids.size() > 3);
    }

    void mountInsideInvisibleOutside()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.path();
        const auto r =
            helper(rootInside() +
                   QStringList{"--mount", "--", "sh", "-c",
                               "mount -t tmpfs nsxtest " + path + " && touch " + path +
                                   "/inside && grep -c ' " + path + " ' /proc/self/mountinfo"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("1\n"));
        QVERIFY(!QFile::exists(path + "/inside"));
        QFile mi("/proc/self/mountinfo");
        QVERIFY(mi.open(QIODevice::ReadOnly));
        QVERIFY(!mi.readAll().contains(" " + path.toLocal8Bit() + " "));
    }

    void newNetworkHasOnlyLoopbackUp()
    {
        const auto r = helper({"--net", "--", "ip", "-o", "link", "show"});
        QCOMPARE(r.status, 0);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].startsWith("1: lo:"), r.out.constData());
        QVERIFY2(lines[0].contains(",UP"), r.out.constData());
    }

    void mapRootUserIsRootInside()
    {
        const auto r = helper(
            {"--user", "--map-root-user", "--", "sh", "-c", "id -u; cat /proc/self/uid_map"});
        QCOMPARE(r.status, 0);
        const auto lines = r.out.split('\n');
        QCOMPARE(lines[0], QByteArray("0"));
        QCOMPARE(lines[1].simplified(), "0 " + QByteArray::number(geteuid()) + " 1");
    }

    void cgroupRootInside()
    {
        const auto r = helper({"--cgroup", "--", "cat", "/proc/self/cgroup"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.split('\n').contains("0::/"));
        for (const auto& line : r.out.trimmed().split('\n'))
            QVERIFY2(line.endsWith(":/"), line.constData());
    }

    void boottimeOffsetShows()
    {
        const double host = hostUptime().split(' ').first().toDouble();
        const auto r = helper({"--time", "--boottime", "86400", "--", "cat", "/proc/uptime"});
        QCOMPARE(r.status, 0);
        const double inside = r.out.split(' ').first().toDouble();
        QVERIFY2(inside - host > 86390 && inside - host < 86700,
                 qPrintable(QString("host %1 inside %2").arg(host).arg(inside)));
    }

    void containerInsideContainer()
    {
        const auto r = helper({"--pid", "--uts", "--hostname", "outer", "--", "sh", "-c",
                               "hostname; " + m_helper +
                                   " --pid --uts --hostname inner -- sh -c 'hostname; echo $$'"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("outer\ninner\n2\n"));
    }

    void pivotRootAndWorkdir()
    {
        // A minimal root: cat, its two libraries, a marker file; no /proc needed with no PID ns.
        const QString libc = QFileInfo("/lib/x86_64-linux-gnu/libc.so.6").canonicalFilePath();
        const QString ld = QFileInfo("/lib64/ld-linux-x86-64.so.2").canonicalFilePath();
        if (libc.isEmpty() || ld.isEmpty())
            QSKIP("needs x86-64 Debian library paths");
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(QDir().mkpath(root + "/bin") && QDir().mkpath(root + "/lib/x86_64-linux-gnu") &&
                QDir().mkpath(root + "/lib64") && QDir().mkpath(root + "/data") &&
                QDir().mkpath(root + "/proc"));
        QVERIFY(QFile::copy("/usr/bin/cat", root + "/bin/cat"));
        QVERIFY(QFile::copy(libc, root + "/lib/x86_64-linux-gnu/libc.so.6"));
        QVERIFY(QFile::copy(ld, root + "/lib64/ld-linux-x86-64.so.2"));
        QFile marker(root + "/data/marker");
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("inside the new root\n");
        marker.close();
        const auto r = helper({"--root", root, "--wd", "/data", "--", "/bin/cat", "marker"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("inside the new root\n"));
        // A command missing inside the root: found only at exec time, still a clean 127.
        const auto missing = helper({"--pid", "--root", root, "--", "/bin/sh", "-c", "true"});
        QVERIFY2(missing.status == 127, missing.err.constData());
        verifyOneLineNaming(missing, "command");
    }

    void workdirInherited()
    {
        const auto r = helper({"--uts", "--wd", "/tmp", "--", "pwd"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("/tmp\n"));
    }

    void exitStatusPassesThrough()
    {
        QCOMPARE(helper({"--uts", "--", "sh", "-c", "exit 7"}).status, 7);
        QCOMPARE(helper({"--pid", "--", "sh", "-c", "exit 9"}).status, 9);
        QCOMPARE(helper({"--pid", "--", "sh", "-c", "kill -TERM $$"}).status, 128 + 15);
    }

    // ------------------------------------------------------------ hostile requests

    void hostile_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("field");
        const QString longName(300, 'a');
        QTest::newRow("300-char hostname")
            << QStringList{"--hostname", longName, "--", "true"} << QByteArray("hostname");
        QTest::newRow("hostname with newline")
            << QStringList{"--hostname", "a\nb", "--", "true"} << QByteArray("hostname");
        QTest::newRow("hostname with slash")
            << QStringList{"--hostname", "../x", "--", "true"} << QByteArray("hostname");
        QTest::newRow("relative root")
            << QStringList{"--root", "rel/dir", "--", "true"} << QByteArray("root");
        QTest::newRow("dotdot root")
            << QStringList{"--root", "/tmp/../etc", "--", "true"} << QByteArray("root");
        QTest::newRow("root with newline")
            << QStringList{"--root", "/tmp\n", "--", "true"} << QByteArray("root");
        QTest::newRow("relative wd")
            << QStringList{"--wd", "../x", "--", "true"} << QByteArray("wd");
        QTest::newRow("relative command")
            << QStringList{"--uts", "--", "./true"} << QByteArray("command");
        QTest::newRow("dotdot command")
            << QStringList{"--uts", "--", "/bin/../bin/true"} << QByteArray("command");
        QTest::newRow("newline in argument")
            << QStringList{"--uts", "--", "echo", "a\nb"} << QByteArray("command");
        QStringList huge{"--uts", "--", "true"};
        for (int i = 0; i < 5000; ++i)
            huge << "x";
        QTest::newRow("huge argument list") << huge << QByteArray("command");
        QTest::newRow("huge argument")
            << QStringList{"--uts", "--", "echo", QString(40000, 'x')} << QByteArray("command");
        QTest::newRow("uid out of range")
            << QStringList{"--map-user", "4294967296", "--", "true"} << QByteArray("map-user");
        QTest::newRow("offset out of range")
            << QStringList{"--boottime", "999999999999", "--", "true"} << QByteArray("boottime");
        QTest::newRow("unknown option")
            << QStringList{"--privileged", "--", "true"} << QByteArray("option");
        QTest::newRow("no command") << QStringList{"--uts"} << QByteArray("command");
        QTest::newRow("enter pid 0")
            << QStringList{"--enter", "0", "--uts", "--", "true"} << QByteArray("target");
        if (!isRoot())
            QTest::newRow("connect-host rootless")
                << QStringList{"--net", "--connect-host", "--", "true"}
                << QByteArray("connect-host");
    }

    void hostile()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, field);
        // Under strace: nothing may be created before the refusal — no namespace, no process,
        // no mount, no setns.
        const QString strace = QStandardPaths::findExecutable("strace");
        if (strace.isEmpty())
            QSKIP("strace is needed to prove nothing was created");
        QTemporaryDir dir;
        const QString log = dir.filePath("trace");
        const auto r = run(strace, QStringList{"-f", "-qq", "-o", log, "-e",
                                               "trace=unshare,clone,clone3,fork,vfork,setns,mount,"
                                               "sethostname,pivot_root,execve",
                                               m_helper} +
                                       args);
        QCOMPARE(r.status, 2);
        verifyOneLineNaming(r, field);
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray trace = f.readAll();
        QCOMPARE(trace.count("execve("), 1); // the helper itself, nothing else
        for (const char* call : {"unshare(", "clone(", "clone3(", "fork(", "setns(", "mount(",
                                 "sethostname(", "pivot_root("})
            QVERIFY2(!trace.contains(call), qPrintable(QString(call) + " in\n" + trace));
    }

    void emptyArgvRefused()
    {
        RunOptions o;
        o.emptyArgv = true;
        const auto r = helper({}, o);
        QCOMPARE(r.status, 2);
        QCOMPARE(r.err, QByteArray("nsexplorer-helper: argv: empty argument vector; refusing\n"));
    }

    void environmentScrubbed()
    {
        // A harmless preload that the dynamic loader accepts; an ASan build of the helper only
        // runs with its sanitizer runtime first, so that is what it gets preloaded.
        QByteArray preload = "libc.so.6";
        QFile binary(m_helper);
        QVERIFY(binary.open(QIODevice::ReadOnly));
        const auto asan =
            QRegularExpression("libasan\\.so\\.\\d+").match(QString::fromLatin1(binary.readAll()));
        if (asan.hasMatch())
            preload = asan.captured(0).toLatin1();
        RunOptions o;
        o.extraEnv = {"LD_PRELOAD=" + preload,
                      "LD_LIBRARY_PATH=/nonexistent",
                      "BASH_ENV=/etc/passwd",
                      "ENV=/etc/passwd",
                      "IFS=x",
                      "PATH=/tmp/evil:/usr/bin:/bin",
                      "GCONV_PATH=/tmp/evil",
                      "TERM=xterm-nsxtest",
                      "LANG=C.UTF-8",
                      "HOME=/tmp/../etc",
                      "LC_TIME=C",
                      "NSX_SECRET=1"};
        const auto r = helper({"--uts", "--", "env"}, o);
        QCOMPARE(r.status, 0);
        const auto lines = r.out.split('\n');
        for (const char* bad : {"LD_PRELOAD=", "LD_LIBRARY_PATH=", "BASH_ENV=", "ENV=", "IFS=",
                                "GCONV_PATH=", "NSX_SECRET=", "HOME="})
            for (const auto& l : lines)
                QVERIFY2(!l.startsWith(bad), l.constData());
        QVERIFY(
            lines.contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        QVERIFY(lines.contains("TERM=xterm-nsxtest"));
        QVERIFY(lines.contains("LANG=C.UTF-8"));
        QVERIFY(lines.contains("LC_TIME=C"));
    }

    void missingCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("bare name") << QStringList{"--pid", "--", "nsx-no-such-command"};
        QTest::newRow("absolute") << QStringList{"--uts", "--", "/nonexistent/nsx-cmd"};
    }

    void missingCommand()
    {
        QFETCH(QStringList, args);
        const auto r = helper(args);
        QCOMPARE(r.status, 127);
        verifyOneLineNaming(r, "command");
        QVERIFY(r.err.contains("not found"));
        // cleanup() checks that nothing is left running.
    }

    // ------------------------------------------------------------ the payload's confinement

    void noNewPrivs()
    {
        const auto r = helper({"--pid", "--", "grep", "NoNewPrivs", "/proc/self/status"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out.simplified(), QByteArray("NoNewPrivs: 1"));
    }

    void noInheritedFds_data()
    {
        QTest::addColumn<QStringList>("ns");
        QTest::newRow("uts") << QStringList{"--uts"};
        QTest::newRow("pid") << QStringList{"--pid"};
    }

    void noInheritedFds()
    {
        QFETCH(QStringList, ns);
        RunOptions o;
        o.leakFd = 9;
        const auto r = helper(ns + QStringList{"--", "ls", "/proc/self/fd"}, o);
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out.simplified(), QByteArray("0 1 2 3")); // 3: ls's own directory fd
    }

    void ownSession_data()
    {
        QTest::addColumn<QStringList>("ns");
        QTest::newRow("uts") << QStringList{"--uts"};
        QTest::newRow("pid") << QStringList{"--pid"};
    }

    void ownSession()
    {
        QFETCH(QStringList, ns);
        // Field 6 of stat is the session id; sh's comm has no spaces.
        const auto r =
            helper(ns + QStringList{"--", "sh", "-c", "cut -d' ' -f6 /proc/$$/stat; echo $$"});
        QCOMPARE(r.status, 0);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], lines[1]);
    }

    void rootlessHasNoCapabilities()
    {
        if (isRoot())
            QSKIP("rootless only (runs as uid 65534 in the second ctest entry)");
        // Without root inside: no capabilities at all, even in the new user namespace.
        const auto r = helper({"--uts", "--", "grep", "^Cap[EP]", "/proc/self/status"});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n"));
        // With root inside: capabilities only in the new user namespace, none in the initial
        // one — changing the (initial namespace's) hostname is refused.
        const auto h = helper({"--map-root-user", "--", "sh", "-c",
                               "cat /proc/self/uid_map; hostname nsx-must-fail"});
        QVERIFY(h.status != 0);
        QCOMPARE(h.out.simplified(), QByteArray("0 65534 1"));
    }

    void pkexecDropsToInvokingUser()
    {
        if (!isRoot())
            QSKIP("root only");
        // pkexec runs us as root with PKEXEC_UID naming the invoker: the payload must be that
        // user, with no capabilities, and with that user's HOME.
        RunOptions o;
        o.extraEnv = {"PKEXEC_UID=65534"};
        const auto r = helper({"--pid", "--uts", "--hostname", "pk", "--", "sh", "-c",
                               "id -u; id -g; grep ^CapEff /proc/self/status; hostname; "
                               "echo $HOME"},
                              o);
        QCOMPARE(r.status, 0);
        const auto lines = r.out.split('\n');
        QCOMPARE(lines[0], QByteArray("65534"));
        QCOMPARE(lines[1], QByteArray("65534"));
        QCOMPARE(lines[2], QByteArray("CapEff:\t0000000000000000"));
        QCOMPARE(lines[3], QByteArray("pk"));
        QCOMPARE(lines[4], QByteArray("/nonexistent"));
        // A root directory the invoking user cannot reach (a readable folder inside a private
        // one) is refused before the root-run bind mount could expose it.
        QTemporaryDir priv;
        QVERIFY(QDir().mkpath(priv.filePath("inner/proc")));
        QFile::setPermissions(priv.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(priv.filePath("inner"), QFile::ReadOwner | QFile::WriteOwner |
                                                          QFile::ExeOwner | QFile::ReadOther |
                                                          QFile::ExeOther);
        const auto hidden = helper({"--root", priv.filePath("inner"), "--", "/bin/true"}, o);
        QCOMPARE(hidden.status, 2);
        verifyOneLineNaming(hidden, "root");
        const auto wd = helper({"--uts", "--wd", priv.path(), "--", "true"}, o);
        QCOMPARE(wd.status, 2);
        verifyOneLineNaming(wd, "wd");
        // Bogus PKEXEC_UID values are refused.
        o.extraEnv = {"PKEXEC_UID=-1"};
        const auto bad = helper({"--uts", "--", "true"}, o);
        QCOMPARE(bad.status, 2);
        verifyOneLineNaming(bad, "PKEXEC_UID");
    }

    void connectHost()
    {
        if (!isRoot())
            QSKIP("privileged only (the rootless refusal is a hostile_data row)");
        const QByteArray hostLinks = run("/usr/sbin/ip", {"-o", "link", "show"}).out;
        const auto r = helper({"--net", "--connect-host", "--", "sh", "-c",
                               "ip -o -4 addr show dev eth0; ip -o link show"});
        QCOMPARE(r.status, 0);
        QVERIFY2(QString::fromLatin1(r.out).contains(
                     QRegularExpression("eth0\\s+inet 10\\.209\\.\\d+\\.\\d+/30")),
                 r.out.constData());
        QVERIFY(r.out.contains("lo:"));
        // The host end lives only as long as the namespace: nothing is left on the host.
        const QByteArray before = hostLinks;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto now = run("/usr/sbin/ip", {"-o", "link", "show"}).out;
                return now.count("nsxh") <= before.count("nsxh");
            }(),
            20000);
    }

    void interactiveTerminal()
    {
        // On a terminal (script(1) provides one), the payload gets a new pseudo-terminal as the
        // controlling terminal of its own session, with itself in the foreground: job control
        // works, and since a terminal is the controlling terminal of one session only, it is
        // not the caller's.
        const QString script = QStandardPaths::findExecutable("script");
        if (script.isEmpty())
            QSKIP("script(1) is needed to provide a terminal");
        const QString payload =
            "read -r pid comm state ppid pgrp sid tty tpgid rest < /proc/self/stat; "
            "echo \"$pid $sid $tty $tpgid\"; [ -t 0 ] && [ -t 1 ] && echo both-ttys; exit 4";
        const auto r = run(
            script, {"-qec", m_helper + " --pid --uts -- sh -c '" + payload + "'", "/dev/null"});
        QCOMPARE(r.status, 4);
        // script(1) may type a byte of its own into the terminal (its stdin is at EOF), which the
        // payload's pty echoes: look for the payload's lines rather than at fixed positions.
        const auto m = QRegularExpression("(\\d+) (\\d+) (\\d+) (\\d+)\\r?\\n")
                           .match(QString::fromLatin1(r.out));
        QVERIFY2(m.hasMatch(), r.out.constData());
        QCOMPARE(m.captured(2), m.captured(1)); // its own session
        QVERIFY(m.captured(3).toInt() != 0);    // with a controlling terminal
        QCOMPARE(m.captured(4), m.captured(1)); // and in its foreground
        QVERIFY2(r.out.contains("both-ttys"), r.out.constData());
    }

    // ------------------------------------------------------------ enter

    void enterRunningContainer()
    {
        const QString name = QStringLiteral("entered%1").arg(getpid());
        const pid_t supervisor =
            spawn(m_helper, {"--pid", "--uts", "--hostname", name, "--", "sleep", "600"});
        auto guard = qScopeGuard([&] { stop(supervisor); });
        // supervisor -> reaper (PID 1 inside) -> sleep
        pid_t sleeper = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto reapers = childrenOf(supervisor);
                if (reapers.isEmpty())
                    return false;
                const auto payload = childrenOf(reapers.first());
                if (payload.isEmpty())
                    return false;
                QFile comm(QStringLiteral("/proc/%1/comm").arg(payload.first()));
                if (!comm.open(QIODevice::ReadOnly) || comm.readAll() != "sleep\n")
                    return false;
                sleeper = payload.first();
                return true;
            }(),
            20000);
        const auto r = helper({"--enter", QString::number(sleeper), "--uts", "--pid", "--", "sh",
                               "-c", "hostname; echo $$"});
        QVERIFY2(r.status == 0, r.err.constData());
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.value(0), name.toLatin1());
        QVERIFY(lines.value(1).toInt() > 2); // a pid of the container's namespace, not ours
        QVERIFY(lines.value(1).toInt() < 100);
        // --all joins every namespace that differs (user included when rootless).
        const auto all = helper({"--enter", QString::number(sleeper), "--all", "--", "sh", "-c",
                                 "hostname; ps -e -o comm= | sort | tr '\\n' ' '"});
        QCOMPARE(all.status, 0);
        QVERIFY2(all.out.startsWith(name.toLatin1() + "\n"), all.out.constData());
        QVERIFY2(all.out.contains("nsx-reaper") && all.out.contains("sleep"), all.out.constData());
        if (isRoot()) {
            // Through pkexec (simulated): the payload joins as the invoking user, capabilities
            // dropped, not as root.
            RunOptions o;
            o.extraEnv = {"PKEXEC_UID=65534"};
            const auto pk = helper({"--enter", QString::number(sleeper), "--uts", "--", "sh", "-c",
                                    "hostname; id -u; grep ^CapEff /proc/self/status"},
                                   o);
            QVERIFY2(pk.status == 0, pk.err.constData());
            QCOMPARE(pk.out, name.toLatin1() + "\n65534\nCapEff:\t0000000000000000\n");
        }
        if (!cliPath().isEmpty()) {
            const auto c = run(cliPath(), {"enter", "--target", QString::number(sleeper), "--uts",
                                           "--", "hostname"});
            QCOMPARE(c.status, 0);
            QCOMPARE(c.out, name.toLatin1() + "\n");
        }
    }

    void enterRefusals()
    {
        // A pid that just exited: gone, refused cleanly.
        const pid_t gone = spawn("/bin/true", {});
        waitpid(gone, nullptr, 0);
        auto r = helper({"--enter", QString::number(gone), "--uts", "--", "true"});
        QCOMPARE(r.status, 2);
        verifyOneLineNaming(r, "target");
        if (!isRoot()) {
            // Another user's process (init, root's) without privilege.
            r = helper({"--enter", "1", "--uts", "--", "true"});
            QCOMPARE(r.status, 2);
            verifyOneLineNaming(r, "target");
            QVERIFY(r.err.contains("needs privilege"));
        }
    }

    // ------------------------------------------------------------ the CLI

    void cliLaunch()
    {
        if (cliPath().isEmpty())
            QSKIP("NSX_CLI not set");
        const auto r = run(cliPath(), {"launch", "--uts", "--hostname", "clitest", "--", "sh", "-c",
                                       "hostname; exit 5"});
        QCOMPARE(r.status, 5);
        QCOMPARE(r.out, QByteArray("clitest\n"));
        const auto bad = run(cliPath(), {"launch", "--hostname", "bad_name", "--", "true"});
        QCOMPARE(bad.status, 2);
        QVERIFY(bad.err.startsWith("nsexplorer-cli: launch: hostname:"));
        QCOMPARE(bad.err.count('\n'), 1);
        const auto help = run(cliPath(), {"launch", "--help"});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains("--map-root-user"));
    }

    // As root, `launch` without a command runs $SHELL only when only root can change it: a
    // user's SHELL carried in by `sudo -E` must not run as root (the GUI's rule too).
    void cliDefaultShellAsRoot()
    {
        if (cliPath().isEmpty() || !isRoot())
            QSKIP("root with NSX_CLI only");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString shell = dir.filePath("planted-shell");
        QFile f(shell);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho PLANTED-RAN\n");
        f.close();
        QVERIFY(::chmod(shell.toLocal8Bit().constData(), 0755) == 0);
        QVERIFY(::chown(dir.path().toLocal8Bit().constData(), 65534, 65534) == 0);
        QVERIFY(::chown(shell.toLocal8Bit().constData(), 65534, 65534) == 0);
        RunOptions o;
        o.extraEnv = {"SHELL=" + shell.toLocal8Bit()};
        const auto r = run(cliPath(), {"launch", "--uts"}, o);
        QVERIFY2(!r.out.contains("PLANTED-RAN"), "root ran a 65534-owned $SHELL");
        QCOMPARE(r.status, 0); // /bin/sh on an empty stdin
        QVERIFY2(r.err.contains("ignoring SHELL as root"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestHelper)
#include "tst_helper.moc"
