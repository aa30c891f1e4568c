// Our own containers' names (issue 15) as a hostile payload sees them: the name given with
// --name travels in the supervisor's argv (backend/containers/own.h), and the payload tries to
// change it (its comm, ptrace, /proc/PID/mem, process_vm_writev), forges a supervisor of its own
// (argv and comm of nsexplorer-helper, a UTS namespace of its own) and sets its hostname to the
// forged name. A real scan must still show the container under the name it was launched with,
// and nothing under the forged one. Hostile names in the request: one line, exit 2.
// Runs as root (pkexec, root making a user namespace) and as 65534 (rootless).
//
// And the engines' names as another user forges them (forgedEngineNames): a process of 65534
// that calls itself conmon (podman's monitor) with --name web, or systemd-nspawn with
// --machine=db, over a child in namespaces of its own. Root must see whose claim it is
// ("podman@65534: web") and `enter --container web` as root must not enter it.
#include "../helper/helper_harness.h"
#include "containers/container_lookup.h"
#include "scanner.h"
#include "snapshot_io.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::test;
using nsx::backend::Container;
using nsx::backend::NsType;
using nsx::backend::Process;
using nsx::backend::Snapshot;
using nsx::backend::containers::ContainerMatch;
using nsx::backend::containers::findContainerByName;

namespace {

QString copyReadable(const QString& from, const QString& dir, const QString& name)
{
    const QString to = dir + "/" + name;
    QFile::remove(to);
    if (!QFile::copy(from, to))
        return {};
    chmod(to.toLocal8Bit().constData(), 0755);
    return to;
}

Snapshot scanNow()
{
    nsx::backend::ScanOptions o;
    o.helperPath = helperPath().toStdString();
    o.parallelism = 2;
    return nsx::backend::Scanner(o).scan();
}

// Our container of `supervisor`: "nsexplorer:PID" when the supervisor is root's, else
// "nsexplorer@UID:PID" (pkexec's and rootless supervisors run as the requesting user, whose
// name it is: Container::ownerUid).
const Container* ownContainer(const Snapshot& s, qint64 supervisor)
{
    for (const auto& c : s.containers)
        if (c.engine == "nsexplorer" && c.id == std::to_string(supervisor))
            return &c;
    return nullptr;
}

const Container* containerNamed(const Snapshot& s, const std::string& name)
{
    for (const auto& c : s.containers)
        if (c.name == name)
            return &c;
    return nullptr;
}

// The container key of namespace `type` of process `pid`, or "" when it has none.
QString containerOfNs(const Snapshot& s, int pid, NsType type)
{
    const auto* p = s.findProcess(pid);
    if (!p || !p->namespaces[index(type)])
        return "(no process or namespace)";
    const auto* ns = s.findNamespace(type, *p->namespaces[index(type)]);
    return ns && ns->container ? QString::fromStdString(*ns->container) : QString();
}

// Runs argv (raw bytes: QString would turn invalid UTF-8 into U+FFFD) with stdin on /dev/null;
// stdout and stderr captured. Exit code, 128+N for a signal, -1 if it could not run.
RunResult runRaw(std::vector<QByteArray> args)
{
    RunResult r;
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        return r;
    std::vector<char*> argv = execStrings(args);
    const pid_t pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        dup2(out[1], 1);
        dup2(err[1], 2);
        const int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        execv(argv[0], argv.data());
        _exit(126);
    }
    close(out[1]);
    close(err[1]);
    if (pid < 0)
        return r;
    char buf[4096];
    for (int fd : {out[0], err[0]}) {
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0)
            (fd == out[0] ? r.out : r.err).append(buf, n);
        close(fd);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) == pid)
        r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

// What uid 65534 sees (root only), in a process of its own: this program again, run with
// NSX_LOOK_AS_65534="SUPERVISOR LOOKALIKE", which drops to 65534 before it scans (a fork of
// this threaded test that scanned could deadlock on a lock another thread held at the fork).
// It prints the name of the container of SUPERVISOR and the launcher kind of the look-alike's
// UTS namespace ("none" if it has no launcher; "?" when the look-alike could not be found).
int lookAs65534Main(const char* what)
{
    int supervisor = 0, lookAlike = 0;
    if (std::sscanf(what, "%d %d", &supervisor, &lookAlike) != 2)
        return 2;
    if (setgroups(0, nullptr) != 0 || setresgid(65534, 65534, 65534) != 0 ||
        setresuid(65534, 65534, 65534) != 0)
        return 1;
    const Snapshot s = scanNow();
    const auto* c = ownContainer(s, supervisor);
    QByteArray line = "name=" + (c ? QByteArray::fromStdString(c->name) : "-");
    const Process* fp = nullptr; // the look-alike's member: its links are readable
    for (const auto& p : s.processes)
        if (p.ppid == lookAlike)
            fp = &p;
    const auto* fns = fp && fp->namespaces[index(NsType::Uts)]
                          ? s.findNamespace(NsType::Uts, *fp->namespaces[index(NsType::Uts)])
                          : nullptr;
    line += " look-alike=" + (!fns             ? QByteArray("?")
                              : !fns->launcher ? QByteArray("none")
                                               : QByteArray::fromStdString(fns->launcher->kind));
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
    return 0;
}

QByteArray lookAs65534(int supervisor, int lookAlike)
{
    RunOptions o;
    o.timeoutMs = 60000;
    o.extraEnv << "NSX_LOOK_AS_65534=" + QByteArray::number(supervisor) + " " +
                      QByteArray::number(lookAlike);
    const RunResult r = run(QCoreApplication::applicationFilePath(), {}, o);
    return r.status == 0 ? r.out : "look as 65534 failed: " + r.err.left(300);
}

constexpr const char* kEvilChild = "unshare -Uru sh -c 'hostname evil && exec sleep 300' &\nwait\n";

// The descendants of `pid`, breadth first (at most 64 looked into).
QList<pid_t> descendantsOf(pid_t pid)
{
    QList<pid_t> tree = childrenOf(pid);
    for (int i = 0; i < tree.size() && i < 64; ++i)
        tree += childrenOf(tree[i]);
    return tree;
}

// The first descendant of `pid` (breadth first) whose comm is `comm`, or 0.
pid_t descendantNamed(pid_t pid, const QByteArray& comm)
{
    for (pid_t p : descendantsOf(pid)) {
        QFile c(QStringLiteral("/proc/%1/comm").arg(p));
        if (c.open(QIODevice::ReadOnly) && c.readAll() == comm + "\n")
            return p;
    }
    return 0;
}

// A look-alike of an engine's process, as 65534: bash copied to DIR/COMM runs `script` (by
// default: a child in a user and UTS namespace of its own, hostname "evil", and waits). `args`
// follow the script on the command line (what the scanner reads). Returns {look-alike, the
// first descendant called `child`}.
std::pair<pid_t, pid_t> forge(const QString& dir, const QString& comm, const QStringList& args,
                              const QByteArray& script_ = kEvilChild,
                              const QByteArray& child = "sleep")
{
    const QString bash = copyReadable(QStringLiteral("/bin/bash"), dir, comm);
    const QString script = dir + "/kid-" + comm + ".sh";
    QFile f(script);
    if (bash.isEmpty() || !f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {0, 0};
    f.write("exec 2>>" + dir.toLocal8Bit() + "/" + comm.toLocal8Bit() + ".err\n" + script_);
    f.close();
    chmod(script.toLocal8Bit().constData(), 0755);
    const pid_t forger =
        isRoot()
            ? spawn(QStringLiteral("/usr/bin/setpriv"),
                    QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", bash, script} +
                        args)
            : spawn(bash, QStringList{script} + args);
    for (int i = 0; i < 200; ++i) { // the child has exec'd: its namespaces are set up
        if (const pid_t kid = descendantNamed(forger, child))
            return {forger, kid};
        QThread::msleep(25);
    }
    return {forger, 0};
}

void unforge(std::pair<pid_t, pid_t> f)
{
    // The whole tree: what a killed parent leaves is re-parented to us.
    for (pid_t p : descendantsOf(f.first))
        kill(p, SIGKILL);
    stop(f.first);
    for (int i = 0; i < 100; ++i) { // until the re-parented ones are reaped
        while (waitpid(-1, nullptr, WNOHANG) > 0) {
        }
        if (childrenOf(getpid()).isEmpty())
            break;
        QThread::msleep(20);
    }
}

} // namespace

class TestOwnNames : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_probe;

private slots:
    void initTestCase()
    {
        becomeSubreaper();
        QVERIFY2(!helperPath().isEmpty(), "NSX_HELPER is not set");
        const QString probe = QString::fromLocal8Bit(qgetenv("NSX_RENAME_PROBE"));
        QVERIFY2(!probe.isEmpty(), "NSX_RENAME_PROBE is not set");
        QVERIFY(m_dir.isValid());
        chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        m_probe = copyReadable(probe, m_dir.path(), "rename_probe");
        QVERIFY(!m_probe.isEmpty());
    }

    void cleanup() { QVERIFY(noChildrenLeft()); }

    void payloadCannotRenameItsContainer_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("env");
        // Plain root without a user namespace gives the payload host root: no boundary there.
        if (isRoot()) {
            QTest::newRow("pkexec uts") << QStringList{"--uts"} << QStringList{"PKEXEC_UID=65534"};
            QTest::newRow("pkexec user map-root uts")
                << QStringList{"--user", "--map-root-user", "--uts"}
                << QStringList{"PKEXEC_UID=65534"};
            QTest::newRow("root user map-root uts")
                << QStringList{"--user", "--map-root-user", "--uts"} << QStringList{};
        } else {
            QTest::newRow("rootless uts") << QStringList{"--uts"} << QStringList{};
            QTest::newRow("rootless map-root uts net")
                << QStringList{"--map-root-user", "--uts", "--net"} << QStringList{};
        }
    }

    void payloadCannotRenameItsContainer()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, env);
        QProcess helper;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString& kv : env)
            e.insert(kv.section('=', 0, 0), kv.section('=', 1));
        helper.setProcessEnvironment(e);
        helper.setProcessChannelMode(QProcess::SeparateChannels);
        helper.start(helperPath(), QStringList{"--name", "web1", "--hostname", "box-1"} + args +
                                       QStringList{"--", m_probe, "web1", "evil"});
        QVERIFY2(helper.waitForStarted(), qPrintable(helper.errorString()));
        QByteArray out;
        const long long deadline = nowMs() + 30000;
        while (!out.contains("probe-done") && nowMs() < deadline &&
               helper.state() == QProcess::Running) {
            helper.waitForReadyRead(200);
            out += helper.readAllStandardOutput();
        }
        const QByteArray err = helper.readAllStandardError();
        QVERIFY2(out.contains("probe-done"), (out + "\nstderr: " + err).constData());
        const int supervisor = static_cast<int>(helper.processId());
        int fake = 0;
        for (const QByteArray& line : out.split('\n'))
            if (line.startsWith("fake-pid "))
                fake = line.mid(9).toInt();

        const Snapshot s = scanNow();
        // Through pkexec the payload is 65534: scanned by that user too, who can read neither
        // the supervisor's nor the (non-dumpable) look-alike's executable.
        const QByteArray asPayloadUser =
            env.isEmpty() ? QByteArray() : lookAs65534(supervisor, fake);
        helper.closeWriteChannel(); // the probe ends, and the supervisor with it
        QVERIFY(helper.waitForFinished(30000));
        out += helper.readAllStandardOutput();

        // The container, under the name it was launched with, for the supervisor and every
        // namespace it made; nothing under the forged name.
        const Container* c = ownContainer(s, supervisor);
        QVERIFY2(c, qPrintable(QStringLiteral("no container of supervisor %1").arg(supervisor)));
        const QString key = QString::fromStdString(c->key);
        // The supervisor's user, who chose the name: root's unless it runs as the requester
        // (rootless; through pkexec when it made a user namespace).
        if (!isRoot())
            QCOMPARE(c->ownerUid, std::optional<std::uint32_t>(65534));
        QVERIFY(!c->ownerUid || *c->ownerUid == 65534);
        QCOMPARE(key, (c->ownerUid ? QStringLiteral("nsexplorer@65534:%1")
                                   : QStringLiteral("nsexplorer:%1"))
                          .arg(supervisor));
        QCOMPARE(QString::fromStdString(c->name), QStringLiteral("web1"));
        QCOMPARE(QString::fromStdString(c->engine), QStringLiteral("nsexplorer"));
        QCOMPARE(QString::fromStdString(c->source), QStringLiteral("cmdline"));
        QVERIFY2(!containerNamed(s, "evil"), "a container shows the forged name");
        // The payload (the supervisor's child: no new PID namespace) belongs to it, and so does
        // its UTS namespace (the supervisor's own links are root's to read: non-dumpable).
        int payload = 0;
        for (const auto& p : s.processes)
            if (p.ppid == supervisor)
                payload = p.pid;
        QVERIFY(payload);
        QCOMPARE(containerOfNs(s, payload, NsType::Uts), key);
        const auto* pp = s.findProcess(payload);
        QVERIFY(pp && pp->container);
        QCOMPARE(QString::fromStdString(*pp->container), key);
        QCOMPARE(c->pid.value_or(0), payload);
        const QByteArray found = escapeLines(out);
        QVERIFY2(found.isEmpty(), ("the payload got at its supervisor:\n" + found).constData());
        // The look-alike: a UTS namespace of its own, made inside web1's payload. It is not a
        // container of ours (no nsexplorer:FAKE, its launcher is not our helper); being inside
        // web1, it may belong to web1 itself (the containers pass gives a namespace its oldest
        // member's container) — but never to anything the look-alike names.
        QVERIFY2(fake > 0, out.constData());
        const auto* fp = s.findProcess(fake);
        QVERIFY2(fp, "the look-alike was not running during the scan");
        QCOMPARE(QString::fromStdString(fp->comm), QStringLiteral("nsexplorer-help"));
        const auto* fns = s.findNamespace(NsType::Uts, *fp->namespaces[index(NsType::Uts)]);
        QVERIFY(fns);
        QVERIFY2(!fns->launcher || fns->launcher->kind != "nsexplorer",
                 "the look-alike passes for our helper");
        QVERIFY2(!ownContainer(s, fake), "the look-alike names a container of ours");
        QVERIFY2(!fns->container || QString::fromStdString(*fns->container) == key ||
                     !QString::fromStdString(*fns->container).startsWith("nsexplorer"),
                 qPrintable("the look-alike's namespace is " +
                            QString::fromStdString(fns->container.value_or("-"))));
        if (!env.isEmpty())
            QCOMPARE(asPayloadUser, QByteArray("name=web1 look-alike=other"));
    }

    // Without --name: the hostname, else the command's file name.
    void nameDefaults_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("name");
        const QStringList base =
            isRoot() ? QStringList{"--user", "--map-root-user"} : QStringList{};
        QTest::newRow("hostname") << base + QStringList{"--hostname", "box-2"} << "box-2";
        QTest::newRow("command") << base + QStringList{"--uts"} << "rename_probe";
        QTest::newRow("name wins")
            << base + QStringList{"--hostname", "box-3", "--name", "Wéb 3"} << "Wéb 3";
    }

    void nameDefaults()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, name);
        QProcess helper;
        helper.start(helperPath(), args + QStringList{"--", m_probe, "aaaa", "bbbb"});
        QVERIFY(helper.waitForStarted());
        QByteArray out;
        const long long deadline = nowMs() + 30000;
        while (!out.contains("probe-done") && nowMs() < deadline &&
               helper.state() == QProcess::Running) {
            helper.waitForReadyRead(200);
            out += helper.readAllStandardOutput();
        }
        QVERIFY2(out.contains("probe-done"), out.constData());
        const Snapshot s = scanNow();
        const qint64 supervisor = helper.processId();
        helper.closeWriteChannel();
        QVERIFY(helper.waitForFinished(30000));
        const auto* c = ownContainer(s, supervisor);
        QVERIFY(c);
        QCOMPARE(QString::fromStdString(c->name), name);
    }

    // A process of 65534 calling itself an engine names its child whatever it likes; the name
    // is 65534's: owner uid and key "ENGINE@65534:ID", shown "ENGINE@65534: NAME", and a bare
    // name or "engine:name" typed by root does not reach it ("engine@65534:name" does). As 65534
    // the same look-alikes are the caller's own, reached by their bare names.
    // Before the fix root's `enter --container web --uts -- hostname` printed "evil".
    void forgedEngineNames()
    {
        // Names and ids of this run's own: the root and the 65534 runs may scan each other's
        // (same user, same id: one container).
        const QByteArray n = QByteArray::number(getpid());
        const QString id = QString::number(getpid()).rightJustified(64, QLatin1Char('f'));
        const std::string web = "web" + n.toStdString(), db = "db" + n.toStdString(),
                          www = "www" + n.toStdString(), blue = "nsxblue" + n.toStdString();
        const auto conmon =
            forge(m_dir.path(), QStringLiteral("conmon"),
                  {"--cid", id, "--name", QString::fromStdString(web), "--exit-command-arg", "x"});
        const auto nspawn = forge(m_dir.path(), QStringLiteral("systemd-nspawn"),
                                  {"--machine=" + QString::fromStdString(db), "-b"});
        // No engine at all: its own command's name ("www", a copy of sleep), which the
        // scanner takes for an unnamed sandbox's.
        const QString wwwPath =
            copyReadable(QStringLiteral("/bin/sleep"), m_dir.path(), QString::fromStdString(www));
        const auto other = forge(m_dir.path(), QStringLiteral("forger-other"), {},
                                 "unshare -Uru sh -c 'hostname evil && exec " +
                                     wwwPath.toLocal8Bit() + " 300' &\nwait\n",
                                 QByteArray::fromStdString(www));
        // A /run/netns/NAME of its own, in a mount namespace of its own (over a tmpfs on /run):
        // "ip netns"'s name. (A /run/snapd/ns/NAME.mnt is judged by the same function,
        // bindMountOwner; staging it here was not reliable: binding a child's mount namespace
        // file sometimes fails with EINVAL for good on this kernel.)
        const auto netns = forge(m_dir.path(), QStringLiteral("forger-netns"), {},
                                 "unshare -Urmnu sh -c 'mount -t tmpfs none /run && mkdir -p "
                                 "/run/netns && touch /run/netns/nsxblue" +
                                     n + " && mount --bind /proc/self/ns/net /run/netns/nsxblue" +
                                     n + " && hostname evil && exec sleep 300' &\nwait\n");
        const auto cleanup = qScopeGuard([&] {
            for (const auto& f : {conmon, nspawn, other, netns})
                unforge(f);
        });
        QVERIFY2(conmon.second > 0 && nspawn.second > 0 && other.second > 0 && netns.second > 0,
                 "the look-alikes did not start");
        const Snapshot s = scanNow();
        const struct
        {
            std::string name, key, title;
            pid_t child;
        } forged[] = {
            {web, "podman@65534:" + id.toStdString(), "podman@65534: " + web, conmon.second},
            {db, "systemd-nspawn@65534:" + db, "systemd-nspawn@65534: " + db, nspawn.second},
            {www, "other@65534:" + std::to_string(other.second), "other@65534: " + www,
             other.second},
            {blue, "netns@65534:" + blue, "netns@65534: " + blue, netns.second},
        };
        const std::uint32_t me = geteuid();
        for (const auto& f : forged) {
            const Container* c = containerNamed(s, f.name);
            if (!c) {
                std::string seen;
                for (const auto& k : s.containers)
                    seen += nsx::backend::containerTitle(k) + "; ";
                const Process* k = s.findProcess(f.child);
                seen += " | child " + std::to_string(f.child) + ": " +
                        (k ? k->comm + " in " + k->container.value_or("-") + " ppid " +
                                 std::to_string(k->ppid)
                           : std::string("not scanned"));
                {
                    QFile dump(QStringLiteral("/tmp/own-names-%1.json").arg(getpid()));
                    if (dump.open(QIODevice::WriteOnly))
                        dump.write(QByteArray::fromStdString(nsx::backend::toJson(s)));
                }
                QFAIL(qPrintable(QString::fromStdString(f.name + " not among: " + seen)));
            }
            QVERIFY2(c->key == f.key, (c->key + " != " + f.key).c_str());
            QCOMPARE(c->ownerUid, std::optional<std::uint32_t>(65534));
            QCOMPARE(nsx::backend::containerTitle(*c), f.title);
            const auto* kid = s.findProcess(f.child);
            QVERIFY(kid);
            QCOMPARE(kid->container, std::optional<std::string>(f.key));
            const std::string engine = c->engine;
            for (const std::string& typed : {f.name, engine + ":" + f.name}) {
                const ContainerMatch m = findContainerByName(s, typed, me);
                if (me == 65534) {
                    QCOMPARE(m.result, ContainerMatch::Result::Found);
                    QCOMPARE(m.pid, f.child);
                } else {
                    QCOMPARE(m.result, ContainerMatch::Result::OtherUsers);
                    QCOMPARE(m.candidates.size(), std::size_t(1));
                    QVERIFY2(m.candidates[0].starts_with(engine + "@65534:" + f.name),
                             m.candidates[0].c_str());
                }
            }
            const ContainerMatch named = findContainerByName(s, engine + "@65534:" + f.name, me);
            QCOMPARE(named.result, ContainerMatch::Result::Found);
            QCOMPARE(named.pid, f.child);
        }

        // End to end: root types the name the look-alike chose.
        const QString cli = cliPath();
        QVERIFY2(!cli.isEmpty(), "NSX_CLI is not set");
        if (me != 0)
            return; // as 65534 the look-alikes are the caller's own (checked above)
        for (const std::string& name : {web, "podman:" + web, db, www, blue, "netns:" + blue}) {
            const RunResult r = run(cli, {"enter", "--container", QString::fromStdString(name),
                                          "--uts", "--", "hostname"});
            QVERIFY2(!r.out.contains("evil"), "root entered another user's look-alike");
            QCOMPARE(r.status, 1);
            const QByteArray line = r.err.trimmed();
            QVERIFY2(!line.contains('\n') && line.contains("@65534:"), r.err.constData());
        }
    }

    // A hostile name never gets as far as a namespace: one line naming the field, exit 2 — from
    // the helper and from the CLI.
    void hostileNameRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("newline") << QByteArray("web\nroot");
        QTest::newRow("escape") << QByteArray("web\x1b]0;pwned\x07");
        QTest::newRow("C1 CSI") << QByteArray("web\xc2\x9b"
                                              "31m");
        QTest::newRow("bidi override") << QByteArray("web\xe2\x80\xae"
                                                     "1gpj");
        QTest::newRow("zero width") << QByteArray("we\xe2\x80\x8b"
                                                  "b1");
        QTest::newRow("invalid utf-8") << QByteArray("web\xff");
        QTest::newRow("10 KB") << QByteArray(10240, 'a');
        QTest::newRow("65 bytes") << QByteArray(65, 'a');
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("option-like") << QByteArray("--uts");
        QTest::newRow("leading blank") << QByteArray(" web1");
    }

    void hostileNameRefused()
    {
        QFETCH(QByteArray, name);
        QStringList programs{helperPath()};
        const QString cli = cliPath();
        if (!cli.isEmpty())
            programs << cli;
        for (const QString& program : programs) {
            std::vector<QByteArray> args{program.toLocal8Bit()};
            if (program == cli)
                args.push_back("launch");
            for (const QByteArray& a : {QByteArray("--name=") + name, QByteArray("--uts"),
                                        QByteArray("--"), QByteArray("true")})
                args.push_back(a);
            const RunResult r = runRaw(args);
            QVERIFY2(r.status == 2,
                     qPrintable(program + " exit " + QString::number(r.status) + ": " + r.err));
            const QByteArray line = r.err.trimmed();
            QVERIFY2(!line.contains('\n'), r.err.constData());
            QVERIFY2(line.contains("name: "), r.err.constData());
            QVERIFY2(line.size() < 300, "the error echoes the whole name");
            for (const char ch : line)
                QVERIFY2(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f,
                         "a control byte in the error line");
            QVERIFY(r.out.isEmpty());
        }
    }
};

int main(int argc, char** argv)
{
    if (const char* look = std::getenv("NSX_LOOK_AS_65534"))
        return lookAs65534Main(look);
    QCoreApplication app(argc, argv);
    TestOwnNames test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_own_names.moc"
