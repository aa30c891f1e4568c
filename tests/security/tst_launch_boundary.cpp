// The launch side of the helper's trust boundary, attacked as its security review did:
//   - a payload (launch_probe) that tries PTRACE_SEIZE on PID 1 (the reaper), its parent and
//     every ancestor (the supervisor) and, where that works, makes the process TIOCSTI a line into
//     its fd 0 (the review's attack); takes fds with pidfd_getfd, reads /proc/PID/fd/*, root,
//     cwd, environ, mem, map_files of each and its memory with process_vm_readv; tries TIOCSTI
//     on every terminal it holds or can open — launched rootless (as 65534), through pkexec
//     (root with PKEXEC_UID=65534) and as root with a user namespace; with and without a PID
//     namespace, with --as-pid-1 and --all; on a real terminal (a pty this test opens and makes
//     the helper's controlling terminal), with only stdin and stderr on it, and on pipes; with an
//     inherited fd 7 on /etc and --root;
//   - what the caller hands over on 0-2 (passed to the command as they are): a directory (a way
//     out of --root) and an O_PATH descriptor of the caller's terminal (reopened past the relay)
//     are refused;
//   - the --root check-then-use race under pkexec: a 65534-owned folder whose entry is swapped
//     with renameat2(RENAME_EXCHANGE) against a symlink to a root-only 0700 directory;
//   - the existence oracle under pkexec (missing vs hidden paths must read the same);
//   - pkexec with a user namespace;
//   - --connect-host: an address pool that avoids what the host already uses, the host end
//     removed when the container ends while a payload child survives, and a host link of the
//     same name that the helper did not make left alone.
#include "../helper/helper_harness.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <thread>
#include <time.h>
#include <unistd.h>

extern char** environ;

using namespace nsx::test;

namespace {

constexpr uid_t kNobody = 65534;

struct Launch
{
    QStringList args;                 // argv after the program
    QString program;                  // default: the helper
    QList<QByteArray> env;            // added to ours
    bool terminal = false;            // a new pty as controlling terminal and 0-2
    QString stdoutFile;               // with a terminal: stdout to this file instead (0, 2 stay)
    bool stdinPath = false;           // with a terminal: stdin an O_PATH descriptor of it
    uid_t ttyOwner = uid_t(-1);       // with a terminal: its owner (root: chown it)
    int dirFd = -1;                   // fd number to leave open on /etc
    std::function<void(pid_t)> ready; // called with the child's pid before it execs
    int timeoutMs = 60000;
};

struct Outcome
{
    int status = -1;
    QByteArray out;       // stdout and stderr together (a terminal has one stream)
    dev_t tty = 0;        // the terminal's device, when there was one
    QByteArray typeahead; // input left in the terminal after the helper: what its shell reads next
};

Outcome launch(const Launch& l)
{
    Outcome o;
    int master = -1;
    QByteArray slaveName;
    int outPipe[2] = {-1, -1};
    if (l.terminal) {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
            return o;
        slaveName = ptsname(master);
        struct stat st
        {};
        if (stat(slaveName.constData(), &st) != 0)
            return o;
        o.tty = st.st_rdev;
        if (l.ttyOwner != uid_t(-1) && st.st_uid != l.ttyOwner &&
            chown(slaveName.constData(), l.ttyOwner, gid_t(-1)) != 0)
            return o;
    } else if (pipe2(outPipe, O_CLOEXEC) != 0) {
        return o;
    }
    int go[2];
    if (pipe2(go, O_CLOEXEC) != 0)
        return o;
    std::vector<QByteArray> argStore{
        (l.program.isEmpty() ? helperPath() : l.program).toLocal8Bit()};
    // "@TTY@" in argv: the caller's terminal's device number (0 without one), for the probe.
    for (const auto& a : l.args)
        argStore.push_back(a == "@TTY@" ? QByteArray::number(static_cast<qulonglong>(o.tty))
                                        : a.toLocal8Bit());
    std::vector<char*> argv = execStrings(argStore);
    std::vector<QByteArray> envStore = environmentPlus(l.env);
    std::vector<char*> envp = execStrings(envStore);

    const pid_t pid = fork();
    if (pid < 0)
        return o;
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        char c;
        if (read(go[0], &c, 1) != 1)
            _exit(125);
        if (l.terminal) {
            // A session leader opening a terminal without O_NOCTTY: its controlling terminal,
            // as a login shell's is.
            if (!takeTerminal(slaveName.constData()))
                _exit(125);
            if (!l.stdoutFile.isEmpty()) {
                const int f = open(l.stdoutFile.toLocal8Bit().constData(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (f < 0 || dup2(f, 1) < 0)
                    _exit(125);
            }
            if (l.stdinPath) {
                const int p = open(slaveName.constData(), O_PATH);
                if (p < 0 || dup2(p, 0) < 0)
                    _exit(125);
            }
        } else {
            const int devnull = open("/dev/null", O_RDONLY);
            dup2(devnull, 0);
            dup2(outPipe[1], 1);
            dup2(outPipe[1], 2);
        }
        if (l.dirFd >= 0) {
            const int d = open("/etc", O_RDONLY | O_DIRECTORY); // inherited on purpose
            if (d < 0 || dup2(d, l.dirFd) < 0)
                _exit(125);
        }
        execve(argv[0], argv.data(), envp.data());
        _exit(126);
    }
    close(go[0]);
    if (l.ready)
        l.ready(pid);
    (void)!write(go[1], "g", 1);
    close(go[1]);
    const int readFd = l.terminal ? master : outPipe[0];
    if (!l.terminal)
        close(outPipe[1]);
    const int status = readUntilExit(readFd, pid, l.terminal, l.timeoutMs, o.out);
    if (status < 0)
        return o;
    if (l.terminal) {
        const int s = open(slaveName.constData(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        char buf[4096];
        ssize_t n;
        while (s >= 0 && (n = read(s, buf, sizeof buf)) > 0)
            o.typeahead.append(buf, static_cast<int>(n));
        if (s >= 0)
            close(s);
    }
    close(readFd);
    o.status = status;
    if (!l.stdoutFile.isEmpty()) {
        QFile f(l.stdoutFile);
        if (f.open(QIODevice::ReadOnly))
            o.out += f.readAll();
    }
    o.out.replace("\r\n", "\n");
    return o;
}

// A network namespace of our own that stands for the host in the --connect-host tests, so
// that nothing of the real host is touched: a child holds it until this object is destroyed.
class StandInHost
{
public:
    StandInHost()
    {
        if (pipe(m_sync) != 0)
            return;
        m_holder = fork();
        if (m_holder == 0) {
            close(m_sync[1]);
            if (unshare(CLONE_NEWNET) != 0)
                _exit(1);
            char c;
            (void)!read(m_sync[0], &c, 1); // until the test closes its end
            _exit(0);
        }
        close(m_sync[0]);
    }
    ~StandInHost()
    {
        close(m_sync[1]);
        if (m_holder > 0)
            waitpid(m_holder, nullptr, 0);
    }
    StandInHost(const StandInHost&) = delete;
    StandInHost& operator=(const StandInHost&) = delete;

    pid_t holder() const { return m_holder; }
    // The holder has left our network namespace.
    bool ready() const
    {
        return link(QByteArray("/proc/") + QByteArray::number(m_holder) + "/ns/net") !=
               link("/proc/self/ns/net");
    }
    QString netOption() const { return QString("--net=/proc/%1/ns/net").arg(m_holder); }
    // A shell command inside it.
    RunResult run(const QString& cmd) const
    {
        return nsx::test::run("/usr/bin/nsenter", {netOption(), "/bin/sh", "-c", cmd});
    }

private:
    static QByteArray link(const QByteArray& path)
    {
        char buf[64] = {};
        return readlink(path.constData(), buf, sizeof buf - 1) > 0 ? QByteArray(buf) : QByteArray();
    }
    int m_sync[2] = {-1, -1};
    pid_t m_holder = -1;
};

// A world-readable copy (the build tree may sit where 65534 cannot look).
QString copyReadable(const QString& from, const QString& dir, const QString& name)
{
    const QString to = dir + "/" + name;
    QFile::remove(to);
    if (!QFile::copy(from, to))
        return {};
    chmod(to.toLocal8Bit().constData(), 0755);
    return to;
}

} // namespace

class TestLaunchBoundary : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir; // world-readable: the probe, a root directory
    QString m_probe;
    QString m_root; // a bare root: /probe and /proc

    QString probePath() const { return QString::fromLocal8Bit(qgetenv("NSX_LAUNCH_PROBE")); }

private slots:
    void initTestCase()
    {
        becomeSubreaper();
        QVERIFY2(!helperPath().isEmpty(), "NSX_HELPER is not set");
        QVERIFY2(!probePath().isEmpty(), "NSX_LAUNCH_PROBE is not set");
        QVERIFY(m_dir.isValid());
        chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        m_probe = copyReadable(probePath(), m_dir.path(), "launch_probe");
        QVERIFY(!m_probe.isEmpty());
        m_root = m_dir.path() + "/root";
        QVERIFY(QDir().mkpath(m_root + "/proc"));
        chmod(m_root.toLocal8Bit().constData(), 0755);
        QVERIFY(!copyReadable(probePath(), m_root, "probe").isEmpty());
        if (isRoot())
            QVERIFY(chown(m_root.toLocal8Bit().constData(), kNobody, kNobody) == 0);
    }

    void cleanup() { QVERIFY(noChildrenLeft()); }

    // ------------------------------------------------------------ item 1: reaper and supervisor

    void payloadCannotReachAbove_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QList<QByteArray>>("env");
        QTest::addColumn<bool>("terminal");
        QTest::addColumn<bool>("withRoot");
        QTest::addColumn<bool>("stdoutToFile"); // only stdin and stderr on the terminal
        // Who launches: rootless (this test as 65534), pkexec (root, PKEXEC_UID=65534), or root
        // making a user namespace (capabilities only there). Plain root with no user namespace
        // is host root: no boundary to test.
        struct Mode
        {
            const char* name;
            QStringList extra;
            QList<QByteArray> env;
        };
        QList<Mode> modes;
        if (isRoot()) {
            modes.append({"pkexec", {}, {"PKEXEC_UID=65534"}});
            modes.append({"root+userns", {"--user", "--map-root-user"}, {}});
        } else {
            modes.append({"rootless", {}, {}});
        }
        const QList<QPair<const char*, QStringList>> shapes = {
            {"pid", {"--pid"}},
            {"pid map-root", {"--pid", "--map-root-user"}},
            {"net map-root, no pid ns", {"--net", "--map-root-user"}},
            {"uts, no pid ns", {"--uts"}},
            {"pid as-pid-1", {"--pid", "--as-pid-1"}}, // no reaper: the supervisor is above it
            {"all", {"--all"}},
        };
        for (const auto& m : modes) {
            for (const auto& s : shapes) {
                const QByteArray partial =
                    QByteArray(m.name) + " " + s.first + " tty on 0 and 2, stdout to a file";
                QStringList partialArgs = m.extra + s.second;
                partialArgs.removeDuplicates();
                QTest::newRow(partial.constData()) << partialArgs << m.env << true << false << true;
                for (bool terminal : {true, false}) {
                    for (bool withRoot : {false, true}) {
                        QStringList args = m.extra + s.second;
                        args.removeDuplicates();
                        const QByteArray name = QByteArray(m.name) + " " + s.first +
                                                (terminal ? " tty" : " pipes") +
                                                (withRoot ? " --root fd7" : "");
                        QTest::newRow(name.constData())
                            << args << m.env << terminal << withRoot << false;
                    }
                }
            }
        }
    }

    void payloadCannotReachAbove()
    {
        QFETCH(QStringList, args);
        QFETCH(QList<QByteArray>, env);
        QFETCH(bool, terminal);
        QFETCH(bool, withRoot);
        QFETCH(bool, stdoutToFile);
        Launch l;
        if (stdoutToFile)
            l.stdoutFile = m_dir.path() + "/stdout";
        l.env = env;
        l.terminal = terminal;
        l.args = args;
        QString probe = m_probe;
        if (withRoot) {
            l.args << "--root" << m_root;
            l.dirFd = 7; // the review's `7</etc`: the host's /etc must not show through
            probe = "/probe";
        }
        l.args << "--" << probe << "@TTY@";
        const Outcome o = launch(l);
        QVERIFY2(o.out.contains("probe-done"), o.out.constData());
        QVERIFY2(o.status == 0, o.out.constData());
        // The line the probe types through a traced process: neither relayed (echoed back) nor
        // left for the caller's shell to run.
        QVERIFY2(!o.out.contains("NSX-INJECTED") && !o.typeahead.contains("NSX-INJECTED"),
                 (o.out + "\ntypeahead: " + o.typeahead).constData());
        const QByteArray found = escapeLines(o.out);
        QVERIFY2(found.isEmpty(), ("the payload got out:\n" + found).constData());
    }

    // ------------------------------------------------------------ a directory on stdio

    // The review's `7</etc` on fd 0 or 2 instead: fds from 3 up are closed, but 0-2 are the
    // command's, and a directory there is a way out of --root (openat(0, "../etc/...")).
    // Who launches, for the rows below: rootless (as 65534), pkexec, root with a user namespace.
    static void addModeColumns()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QList<QByteArray>>("env");
    }
    static QList<QPair<QByteArray, QPair<QStringList, QList<QByteArray>>>> modes()
    {
        if (!isRoot())
            return {{"rootless", {{}, {}}}};
        return {{"pkexec", {{}, {"PKEXEC_UID=65534"}}},
                {"root+userns", {{"--user", "--map-root-user"}, {}}}};
    }

    void noDirectoryOnStdio_data()
    {
        addModeColumns();
        QTest::addColumn<int>("fd");
        for (const auto& [name, mode] : modes())
            for (int fd : {0, 2})
                QTest::newRow((name + " fd " + QByteArray::number(fd)).constData())
                    << mode.first << mode.second << fd;
    }

    void noDirectoryOnStdio()
    {
        QFETCH(QStringList, args);
        QFETCH(QList<QByteArray>, env);
        QFETCH(int, fd);
        Launch l;
        l.env = env;
        l.args = args + QStringList{"--pid", "--root", m_root, "--", "/probe", "@TTY@"};
        l.dirFd = fd; // the host's /etc
        const Outcome o = launch(l);
        const QByteArray found = escapeLines(o.out);
        QVERIFY2(found.isEmpty(), ("the payload got out:\n" + found).constData());
        // Refused before anything is created, with the line on stderr when stderr can take it.
        QVERIFY2(o.status == 2, o.out.constData());
        if (fd != 2)
            QVERIFY2(o.out.startsWith("nsexplorer-helper: stdin: a directory"), o.out.constData());
    }

    // The caller's terminal as an O_PATH descriptor on stdin: no terminal to isatty(), so no
    // relay for it, but the payload reopens it through its /proc and holds the caller's terminal.
    void noPathDescriptorOnStdio_data()
    {
        addModeColumns();
        for (const auto& [name, mode] : modes())
            QTest::newRow(name.constData()) << mode.first << mode.second;
    }

    void noPathDescriptorOnStdio()
    {
        QFETCH(QStringList, args);
        QFETCH(QList<QByteArray>, env);
        Launch l;
        l.env = env;
        l.terminal = true;
        if (env.contains("PKEXEC_UID=65534"))
            l.ttyOwner = kNobody; // through pkexec the terminal is the invoking user's
        l.stdinPath = true;
        l.args = args + QStringList{"--pid", "--root", m_root, "--", "/probe", "@TTY@"};
        const Outcome o = launch(l);
        const QByteArray found = escapeLines(o.out);
        QVERIFY2(found.isEmpty(), ("the payload got out:\n" + found).constData());
        QVERIFY2(o.status == 2 && o.out.startsWith("nsexplorer-helper: stdin: an O_PATH"),
                 o.out.constData());
    }

    // ------------------------------------------------------------ item 5: the --root race

    void rootRaceUnderPkexec()
    {
        if (!isRoot())
            QSKIP("pkexec is simulated as root");
        // /tmp/X (0755 root)
        //   attacker/ (65534)          the folder the invoking user controls
        //     x/  (a real root: probe, marker "public")   <- swapped with ->   y -> ../secret/inner
        //   secret/ (0700 root)
        //     inner/ (0755: probe, marker "TOPSECRET")
        QTemporaryDir base;
        chmod(base.path().toLocal8Bit().constData(), 0755);
        const QString attacker = base.path() + "/attacker";
        const QString secret = base.path() + "/secret";
        QVERIFY(QDir().mkpath(attacker + "/x") && QDir().mkpath(secret + "/inner"));
        for (const QString& d : {attacker + "/x", secret + "/inner"}) {
            QVERIFY(!copyReadable(probePath(), d, "probe").isEmpty());
            chmod(d.toLocal8Bit().constData(), 0755);
        }
        QFile pub(attacker + "/x/marker");
        QVERIFY(pub.open(QIODevice::WriteOnly) && pub.write("public\n") > 0);
        pub.close();
        QFile top(secret + "/inner/marker");
        QVERIFY(top.open(QIODevice::WriteOnly) && top.write("TOPSECRET\n") > 0);
        top.close();
        chmod((secret + "/inner/marker").toLocal8Bit().constData(), 0644);
        chmod(secret.toLocal8Bit().constData(), 0700);
        QVERIFY(symlink("../secret/inner", (attacker + "/y").toLocal8Bit().constData()) == 0);
        for (const QString& p :
             {attacker, attacker + "/x", attacker + "/x/marker", attacker + "/x/probe"})
            QVERIFY(chown(p.toLocal8Bit().constData(), kNobody, kNobody) == 0);
        QVERIFY(lchown((attacker + "/y").toLocal8Bit().constData(), kNobody, kNobody) == 0);
        // As the invoking user, the secret is out of reach.
        Launch direct;
        direct.env = {"PKEXEC_UID=65534"};
        direct.args = {"--mount", "--root", attacker + "/y", "--", "/probe", "cat", "/marker"};
        const Outcome refused = launch(direct);
        QVERIFY2(refused.status == 2 && !refused.out.contains("TOPSECRET"),
                 refused.out.constData());

        // The attacker, as 65534, swaps x and y as fast as it can.
        const pid_t swapper = fork();
        QVERIFY(swapper >= 0);
        if (swapper == 0) {
            if (setgroups(0, nullptr) != 0 || setresgid(kNobody, kNobody, kNobody) != 0 ||
                setresuid(kNobody, kNobody, kNobody) != 0)
                _exit(1);
            const QByteArray dir = attacker.toLocal8Bit();
            const int dfd = open(dir.constData(), O_PATH | O_DIRECTORY);
            for (;;)
                renameat2(dfd, "x", dfd, "y", RENAME_EXCHANGE);
        }
        auto stopSwapper = qScopeGuard([&] {
            kill(swapper, SIGKILL);
            waitpid(swapper, nullptr, 0);
        });
        auto race = [&](const QStringList& args, int runs, int ms) {
            Launch l;
            l.env = {"PKEXEC_UID=65534"};
            l.args = args;
            int publicRuns = 0, refusedRuns = 0, other = 0;
            const long long end = nowMs() + ms;
            int i = 0;
            for (; i < runs && nowMs() < end; ++i) {
                const Outcome o = launch(l);
                if (o.out.contains("TOPSECRET"))
                    return QString("run %1 of %2 put the 0700-protected directory into the "
                                   "payload: %3")
                        .arg(i)
                        .arg(args.join(' '))
                        .arg(QString::fromLocal8Bit(o.out).trimmed());
                if (o.status == 0 && o.out.contains("public"))
                    ++publicRuns;
                else if (o.status == 2 || o.status == 1)
                    ++refusedRuns;
                else
                    ++other;
            }
            qInfo("%s: %d runs: %d got the public directory, %d refused, %d other",
                  qPrintable(args.join(' ')), i, publicRuns, refusedRuns, other);
            // The race was really run: both sides of the swap were seen.
            return publicRuns > 0 && refusedRuns > 0 ? QString() : QString("the swap was not seen");
        };
        const QString root = race(
            {"--mount", "--root", attacker + "/x", "--", "/probe", "cat", "/marker"}, 400, 25000);
        QVERIFY2(root.isEmpty(), qPrintable(root));
        // --wd is entered by the payload itself, as the invoking user: the same race must lose.
        const QString wd =
            race({"--uts", "--wd", attacker + "/x", "--", "/bin/cat", "marker"}, 200, 10000);
        QVERIFY2(wd.isEmpty(), qPrintable(wd));
    }

    // ------------------------------------------------------------ item 8: existence oracle

    void noExistenceOracleUnderPkexec()
    {
        if (!isRoot())
            QSKIP("pkexec is simulated as root");
        QTemporaryDir base;
        const QString hidden = base.path() + "/hidden"; // 0700 root
        QVERIFY(QDir().mkpath(hidden + "/exists/proc"));
        QVERIFY(QFile::copy("/bin/true", hidden + "/exists/tool"));
        chmod(base.path().toLocal8Bit().constData(), 0755);
        chmod(hidden.toLocal8Bit().constData(), 0700);
        auto ask = [&](const QStringList& args) {
            Launch l;
            l.env = {"PKEXEC_UID=65534"};
            l.args = args;
            Outcome o = launch(l);
            o.out.replace(hidden.toLocal8Bit() + "/exists", "PATH");
            o.out.replace(hidden.toLocal8Bit() + "/missing", "PATH");
            return o;
        };
        const QList<QPair<QStringList, QStringList>> pairs = {
            {{"--root", hidden + "/exists", "--", "/bin/true"},
             {"--root", hidden + "/missing", "--", "/bin/true"}},
            {{"--pid", "--root", hidden + "/exists", "--", "/bin/true"},
             {"--pid", "--root", hidden + "/missing", "--", "/bin/true"}},
            {{"--uts", "--wd", hidden + "/exists", "--", "true"},
             {"--uts", "--wd", hidden + "/missing", "--", "true"}},
            {{"--uts", "--", hidden + "/exists/tool"}, {"--uts", "--", hidden + "/missing/tool"}},
        };
        for (const auto& [present, absent] : pairs) {
            const Outcome a = ask(present);
            const Outcome b = ask(absent);
            QVERIFY2(a.status != 0, a.out.constData());
            QVERIFY2(a.status == b.status && a.out == b.out,
                     qPrintable(QString("present: %1 %2\nmissing: %3 %4")
                                    .arg(a.status)
                                    .arg(QString::fromLocal8Bit(a.out).trimmed())
                                    .arg(b.status)
                                    .arg(QString::fromLocal8Bit(b.out).trimmed())));
        }
    }

    // ------------------------------------------------------------ pkexec + user namespace

    void pkexecWithUserNamespace()
    {
        if (!isRoot())
            QSKIP("pkexec is simulated as root");
        Launch l;
        l.env = {"PKEXEC_UID=65534"};
        l.args = {"--pid",
                  "--map-root-user",
                  "--",
                  "sh",
                  "-c",
                  "id -u; cat /proc/self/uid_map /proc/self/gid_map; "
                  "grep -E '^(Groups|CapEff)' /proc/self/status; "
                  "cat /root/.profile >/dev/null 2>&1 && echo READ-ROOT || echo no-root"};
        const Outcome o = launch(l);
        QVERIFY2(o.status == 0, o.out.constData());
        const QStringList lines = QString::fromLocal8Bit(o.out).trimmed().split('\n');
        QCOMPARE(lines.value(0), QString("0"));
        QCOMPARE(lines.value(1).simplified(), QString("0 65534 1")); // the invoking user, not root
        QCOMPARE(lines.value(2).simplified(), QString("0 65534 1"));
        // Its own groups (nogroup, seen as 0 inside), no host group 0 carried in.
        QCOMPARE(lines.value(3).simplified(), QString("Groups: 0"));
        QVERIFY(lines.value(4).startsWith("CapEff:"));
        QCOMPARE(lines.value(5), QString("no-root"));
        // --connect-host cannot work with a user namespace: refused before anything exists.
        l.args = {"--user", "--net", "--connect-host", "--", "true"};
        const Outcome c = launch(l);
        QCOMPARE(c.status, 2);
        QVERIFY2(c.out.startsWith("nsexplorer-helper: connect-host:"), c.out.constData());
    }

    // ------------------------------------------------------------ item 9: connect-host

    void connectHostPoolAndCleanup()
    {
        if (!isRoot())
            QSKIP("--connect-host needs privilege");
        // A network namespace of our own stands for the host: whatever is in it is what the
        // helper must avoid, and nothing of the real host is touched.
        const StandInHost host;
        QVERIFY(host.holder() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(host.ready(), 5000);
        const pid_t holder = host.holder();
        const QString netns = host.netOption();
        auto inNs = [&](const QString& cmd) { return host.run(cmd); };
        const RunResult setup =
            inNs("ip link set lo up && ip link add d0 type veth peer name d1 && "
                 "ip link set d0 up && ip link set d1 up && "
                 "ip addr add 10.209.0.1/30 dev d0 && ip route add 10.209.0.4/30 dev d0");
        QVERIFY2(setup.status == 0, setup.err.constData());
        // The pid-derived /30 the helper used to take (pid % 16384) is taken too.
        QSet<int> taken{0, 1};
        Launch l;
        l.program = "/usr/bin/nsenter";
        l.args = QStringList{netns,
                             helperPath(),
                             "--net",
                             "--connect-host",
                             "--",
                             "sh",
                             "-c",
                             "ip -o -4 addr show dev eth0; "
                             "setsid sleep 300 </dev/null >/dev/null 2>&1 & echo survivor $!"};
        l.ready = [&](pid_t pid) {
            const int block = pid % 16384;
            taken.insert(block);
            const int b = block * 4;
            inNs(QString("ip addr add 10.209.%1.%2/30 dev d0").arg(b >> 8).arg((b & 255) + 1));
        };
        const Outcome o = launch(l);
        // The container is over, a child of its payload lives on in its network namespace: the
        // host end must be gone all the same.
        const QByteArray links = inNs("ip -o link show").out;
        for (pid_t p : childrenOf(getpid()))
            if (p != holder) {
                kill(p, SIGKILL);
                waitpid(p, nullptr, 0);
            }
        QVERIFY2(o.status == 0, o.out.constData());
        QVERIFY2(o.out.contains("survivor"), o.out.constData());
        QStringList wrong;
        const auto m = QRegularExpression("inet 10\\.209\\.(\\d+)\\.(\\d+)/30")
                           .match(QString::fromLocal8Bit(o.out));
        QVERIFY2(m.hasMatch(), o.out.constData());
        const int block = ((m.captured(1).toInt() << 8) | m.captured(2).toInt()) >> 2;
        if (taken.contains(block))
            wrong << QString("the helper took /30 #%1, already in use on the host (%2)")
                         .arg(block)
                         .arg(m.captured(0));
        if (links.contains("nsxh"))
            wrong << "the host end outlived the container:\n" + QString::fromLocal8Bit(links);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join('\n')));

        // Helpers started together each get a /30 of their own (they pick under one lock).
        Launch both;
        both.program = "/usr/bin/nsenter";
        both.args =
            QStringList{netns, helperPath(), "--net", "--connect-host",
                        "--",  "sh",         "-c",    "ip -o -4 addr show dev eth0; sleep 1"};
        Outcome results[4];
        std::vector<std::thread> threads;
        for (auto& r : results)
            threads.emplace_back([&both, &r] { r = launch(both); });
        for (auto& t : threads)
            t.join();
        QSet<QString> blocks;
        for (const auto& r : results) {
            QVERIFY2(r.status == 0, r.out.constData());
            const auto a = QRegularExpression("inet (10\\.209\\.\\d+\\.\\d+)/30")
                               .match(QString::fromLocal8Bit(r.out));
            QVERIFY2(a.hasMatch(), r.out.constData());
            blocks.insert(a.captured(1));
        }
        QCOMPARE(blocks.size(), 4);
    }

    // The host end is named after the supervisor's pid; a host link of that name that the helper
    // did not make (a stale one, an administrator's) must survive a launch that collides with it.
    void connectHostLeavesOthersLinks()
    {
        if (!isRoot())
            QSKIP("--connect-host needs privilege");
        const StandInHost host;
        QVERIFY(host.holder() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(host.ready(), 5000);
        const QString netns = host.netOption();
        auto inNs = [&](const QString& cmd) { return host.run(cmd); };
        QString name;
        RunResult made;
        Launch l;
        l.program = "/usr/bin/nsenter"; // execs the helper: the helper's pid is this child's
        l.args = QStringList{netns, helperPath(), "--net", "--connect-host", "--", "true"};
        l.ready = [&](pid_t pid) {
            name = QString("nsxh%1").arg(pid);
            made = inNs("ip link add " + name + " type veth peer name nsx-theirs");
        };
        const Outcome o = launch(l);
        QVERIFY2(!name.isEmpty() && made.status == 0, made.err.constData());
        QVERIFY2(o.status == 1 && o.out.contains("File exists"),
                 qPrintable(QString("status %1: ").arg(o.status) + QString::fromLocal8Bit(o.out)));
        const RunResult links = inNs("ip -o link show " + name);
        QVERIFY2(links.status == 0 && links.out.contains(name.toLocal8Bit()),
                 qPrintable("the helper removed a link it did not make: " + name + "\n" +
                            QString::fromLocal8Bit(o.out)));
    }
};

QTEST_GUILESS_MAIN(TestLaunchBoundary)
#include "tst_launch_boundary.moc"
