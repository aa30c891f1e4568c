// `nsexplorer-cli enter --container NAME` and `list`'s NAME column (issue 15). The name is
// resolved by findContainerByName over a snapshot, tested here with built snapshots; then end to
// end on a real `ip netns` namespace with a process in it, which needs the scanner's naming pass
// (it names a bind mount under /run/netns as the container `netns: NAME`).
#include "../run_process.h"
#include "containers/container_lookup.h"
#include "snapshot_io.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace nsx::backend;
using nsx::backend::containers::ContainerMatch;
using nsx::backend::containers::findContainerByName;

namespace {

Container container(const std::string& engine, const std::string& name, const std::string& id,
                    std::optional<int> pid = std::nullopt)
{
    Container c;
    c.engine = engine;
    c.name = name;
    c.id = id;
    c.key = engine + ":" + id;
    c.pid = pid;
    c.source = "test";
    return c;
}

Process process(int pid, const std::optional<std::string>& container = std::nullopt)
{
    Process p;
    p.pid = pid;
    p.ppid = 1;
    p.comm = "p" + std::to_string(pid);
    p.cmdline = {p.comm};
    p.container = container;
    return p;
}

// docker's web (init 20) and podman's web (init 30); docker's db with no init pid but a process
// of its own (41) and a namespace holding 40 and 41; netns "blue" with nothing in it.
Snapshot machine()
{
    Snapshot s;
    s.containers = {container("docker", "web", "aaaaaaaaaaaaaaaa1", 20),
                    container("podman", "web", "bbbbbbbbbbbbbbbb2", 30),
                    container("docker", "db", "cccccccccccccccc3"),
                    container("netns", "blue", "blue"),
                    container("docker", "docker:odd", "dddddddddddddddd4", 50),
                    container("lxc", "odd", "odd", 60)};
    s.processes = {process(1),
                   process(20, "docker:aaaaaaaaaaaaaaaa1"),
                   process(30, "podman:bbbbbbbbbbbbbbbb2"),
                   process(40),
                   process(41, "docker:cccccccccccccccc3"),
                   process(50),
                   process(60)};
    Namespace ns;
    ns.type = NsType::Net;
    ns.inode = 4026532100;
    ns.processes = {40, 41};
    ns.container = "docker:cccccccccccccccc3";
    s.namespaces.push_back(ns);
    Namespace blue;
    blue.type = NsType::Net;
    blue.inode = 4026532200;
    blue.container = "netns:blue";
    s.namespaces.push_back(blue);
    normalize(s);
    return s;
}

using nsx::test::Run;

Run run(const QString& program, const QStringList& args)
{
    nsx::test::RunOptions o;
    o.timeoutMs = 60000;
    return nsx::test::runProcess(program, args, o);
}

bool quiet(const QString& program, const QStringList& args)
{
    return run(program, args).exitCode == 0;
}

} // namespace

class TestCliContainer : public QObject
{
    Q_OBJECT
private slots:
    void byName();
    void byEngineAndName();
    void ambiguousListsTheCandidates();
    void notFoundAndNothingToEnter();
    void initPidFallbacks();
    void enterUsageErrors();
    void listNameColumnFromFile();
    void enterByNetnsName();
    void cleanup();

private:
    QString m_netns;
    QProcess* m_sleeper = nullptr;
};

void TestCliContainer::byName()
{
    const Snapshot s = machine();
    const ContainerMatch m = findContainerByName(s, "db");
    QCOMPARE(m.result, ContainerMatch::Result::Found);
    QCOMPARE(m.container->key, std::string("docker:cccccccccccccccc3"));
    QCOMPARE(findContainerByName(s, "odd").container->key, std::string("lxc:odd"));
    // Exact only: no prefixes, no case folding.
    QCOMPARE(findContainerByName(s, "d").result, ContainerMatch::Result::NotFound);
    QCOMPARE(findContainerByName(s, "DB").result, ContainerMatch::Result::NotFound);
    QCOMPARE(findContainerByName(s, "").result, ContainerMatch::Result::NotFound);
}

void TestCliContainer::byEngineAndName()
{
    const Snapshot s = machine();
    ContainerMatch m = findContainerByName(s, "podman:web");
    QCOMPARE(m.result, ContainerMatch::Result::Found);
    QCOMPARE(m.pid, 30);
    m = findContainerByName(s, "docker:web");
    QCOMPARE(m.pid, 20);
    // The full key names it too.
    m = findContainerByName(s, "docker:aaaaaaaaaaaaaaaa1");
    QCOMPARE(m.pid, 20);
    // "docker:odd" is docker's container named "docker:odd"? No: engine:name wins — lxc has
    // no "docker" engine, and docker's "docker:odd" is named by "docker:docker:odd" or bare.
    m = findContainerByName(s, "docker:odd");
    QCOMPARE(m.result, ContainerMatch::Result::Found);
    QCOMPARE(m.pid, 50);
    QCOMPARE(findContainerByName(s, "docker:docker:odd").pid, 50);
    QCOMPARE(findContainerByName(s, "lxc:odd").pid, 60);
    QCOMPARE(findContainerByName(s, "lxc:web").result, ContainerMatch::Result::NotFound);
}

void TestCliContainer::ambiguousListsTheCandidates()
{
    const ContainerMatch m = findContainerByName(machine(), "web");
    QCOMPARE(m.result, ContainerMatch::Result::Ambiguous);
    QCOMPARE(m.candidates,
             (std::vector<std::string>{"docker:web (aaaaaaaaaaaa)", "podman:web (bbbbbbbbbbbb)"}));
    QVERIFY(!m.container);
    QCOMPARE(m.pid, 0);
}

void TestCliContainer::notFoundAndNothingToEnter()
{
    const Snapshot s = machine();
    QCOMPARE(findContainerByName(s, "nope").result, ContainerMatch::Result::NotFound);
    const ContainerMatch m = findContainerByName(s, "blue"); // an empty `ip netns`
    QCOMPARE(m.result, ContainerMatch::Result::NoProcess);
    QCOMPARE(m.container->key, std::string("netns:blue"));
}

void TestCliContainer::initPidFallbacks()
{
    Snapshot s = machine();
    // No init pid: the lowest process that belongs to it (41), not one that merely shares its
    // namespace (40).
    QCOMPARE(findContainerByName(s, "db").pid, 41);
    // None belongs to it by itself: the lowest pid in its namespaces.
    for (Process& p : s.processes)
        if (p.pid == 41)
            p.container.reset();
    QCOMPARE(findContainerByName(s, "db").pid, 40);
    // An init pid that is gone from the scan is not entered.
    s = machine();
    for (Container& c : s.containers)
        if (c.name == "db")
            c.pid = 999;
    QCOMPARE(findContainerByName(s, "db").pid, 41);
}

void TestCliContainer::enterUsageErrors()
{
    // Exit 2 and one line for a bad command line; exit 1 for a name no container has.
    struct Case
    {
        QStringList args;
        int exit;
        QString line;
    };
    const Case cases[] = {
        {{"enter", "--container"}, 2, "nsexplorer-cli: enter: --container: a name is required"},
        {{"enter", "--container="}, 2, "nsexplorer-cli: enter: --container: a name is required"},
        {{"enter", "--container", "a", "--container", "b"},
         2,
         "nsexplorer-cli: enter: --container given twice"},
        {{"enter", "--container", "a", "--target", "1"},
         2,
         "nsexplorer-cli: enter: --container and --target are exclusive"},
        {{"enter", "--container", "nsx-gui15-\x1b[2J-none", "--", "true"},
         1,
         "nsexplorer-cli: enter: --container nsx-gui15-\\x1b[2J-none: no such container (see "
         "nsexplorer-cli list)"},
    };
    for (const Case& c : cases) {
        const Run r = run(QStringLiteral(NSX_CLI_PATH), c.args);
        QCOMPARE(r.exitCode, c.exit);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QString::fromUtf8(r.err).trimmed(), c.line);
    }
    const Run help = run(QStringLiteral(NSX_CLI_PATH), {"enter", "--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--container NAME"));
}

void TestCliContainer::listNameColumnFromFile()
{
    // The NAME column and the JSON "name" of `list --from FILE`. Needs the snapshot's
    // "containers" key in JSON (issue 15, helper "names"): until then the file carries no names.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("named.json"));
    const Snapshot s = machine();
    QVERIFY2(fromJson(toJson(s)).containers == s.containers,
             "the JSON round trip drops Snapshot::containers (needs the scanner's naming pass, "
             "helper \"names\")");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const std::string json = toJson(s);
        f.write(json.data(), qint64(json.size()));
    }
    Run r = run(QStringLiteral(NSX_CLI_PATH), {"list", "--from", path, "--type", "net"});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromUtf8(r.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].simplified(), QStringLiteral("NS TYPE NPROCS PID USER HOLDERS NAME COMMAND"));
    QCOMPARE(lines[1].simplified(), QStringLiteral("4026532100 net 2 40 - procs docker: db p40"));
    QCOMPARE(lines[2].simplified(), QStringLiteral("4026532200 net 0 - - none netns: blue -"));
    r = run(QStringLiteral(NSX_CLI_PATH), {"list", "--from", path, "--json"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("\"name\": \"docker: db\"") ||
                 r.out.contains("\"name\":\"docker: db\""),
             r.out.constData());
    QVERIFY(r.out.contains("docker:cccccccccccccccc3"));
}

void TestCliContainer::enterByNetnsName()
{
    // Real: `ip netns add` and a process in it; the CLI resolves the name by a fresh scan and
    // enters that process's network namespace. Needs the scanner's naming pass (issue 15,
    // helper "names"), which names the bind mount /run/netns/NAME as the container netns: NAME.
    if (::geteuid() != 0)
        QFAIL("needs root (ip netns add)");
    if (QStandardPaths::findExecutable(QStringLiteral("ip")).isEmpty())
        QFAIL("iproute2 (ip) is not installed");
    m_netns = QStringLiteral("nsx-gui15-%1").arg(::getpid());
    QVERIFY(quiet(QStringLiteral("ip"), {"netns", "add", m_netns}));
    m_sleeper = new QProcess(this);
    m_sleeper->start(QStringLiteral("ip"), {"netns", "exec", m_netns, "sleep", "120"});
    QVERIFY(m_sleeper->waitForStarted());
    struct stat st
    {};
    QCOMPARE(::stat(("/run/netns/" + m_netns).toLocal8Bit().constData(), &st), 0);
    const QString want = QStringLiteral("net:[%1]").arg(st.st_ino);
    // Wait until the sleeper is in the namespace (ip exec()s it after setns).
    const QString link = QStringLiteral("/proc/%1/ns/net").arg(m_sleeper->processId());
    QTRY_COMPARE_WITH_TIMEOUT(QFile::symLinkTarget(link).section('/', -1), want, 10000);

    const Run list = run(QStringLiteral(NSX_CLI_PATH), {"list", "--type", "net"});
    QCOMPARE(list.exitCode, 0);
    QByteArray line;
    for (const QByteArray& l : list.out.split('\n'))
        if (l.startsWith(QByteArray::number(qulonglong(st.st_ino)) + ' '))
            line = l;
    QVERIFY2(line.contains(("netns: " + m_netns).toUtf8()),
             ("no NAME 'netns: " + m_netns + "' in: " + line +
              " (needs the scanner's naming pass, helper \"names\")")
                 .toUtf8()
                 .constData());

    for (const QString& name : {m_netns, QStringLiteral("netns:") + m_netns}) {
        const Run r = run(QStringLiteral(NSX_CLI_PATH), {"enter", "--container", name, "--net",
                                                         "--", "readlink", "/proc/self/ns/net"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out).trimmed(), want);
    }
}

void TestCliContainer::cleanup()
{
    if (m_sleeper) {
        m_sleeper->kill();
        m_sleeper->waitForFinished();
        delete m_sleeper;
        m_sleeper = nullptr;
    }
    if (!m_netns.isEmpty()) {
        quiet(QStringLiteral("ip"), {"netns", "del", m_netns});
        m_netns.clear();
    }
}

QTEST_GUILESS_MAIN(TestCliContainer)
#include "tst_cli_container.moc"
