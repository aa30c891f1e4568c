// The container names (issue 15) of real sandboxes started here: bubblewrap, firejail (root:
// firejail refuses users not in firejail.users), `ip netns add` (root), unshare, and browser
// process trees staged with `exec -a` (argv[0] tricks): a Chromium-like browser whose renderer
// (--type=renderer) sits in its own user and net namespaces, a Firefox-like one with a
// -contentproc child. Run as root (containers_live) and as uid 65534
// (containers_live_nobody, through run-as-nobody.sh): bwrap, unshare and the browsers there.
#include "scanner.h"

#include <QProcess>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace nsx::backend;

namespace {

const Container* containerOf(const Snapshot& s, const Process& p)
{
    return p.container ? s.findContainer(*p.container) : nullptr;
}

// The process whose command line is exactly `argv`, with a parent whose comm is `parentComm`
// when given.
const Process* findByArgv(const Snapshot& s, const std::vector<std::string>& argv)
{
    for (const Process& p : s.processes)
        if (p.cmdline == argv)
            return &p;
    return nullptr;
}

bool root()
{
    return ::geteuid() == 0;
}

} // namespace

class TestContainersLive : public QObject
{
    Q_OBJECT

    std::vector<std::unique_ptr<QProcess>> m_procs;
    const QString m_tag = QString::number(::getpid() % 100000 + 100000);

    // Starts `script` under bash in its own session (killed as a group at the end).
    void start(const QString& script)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->setChildProcessModifier([] { ::setsid(); });
        p->start("bash", {"-c", script});
        QVERIFY2(p->waitForStarted(), qPrintable(script));
        m_procs.push_back(std::move(p));
    }

    // Scans until `ready` says the staged processes are there (up to 15 s).
    template <typename F> Snapshot scanUntil(F ready)
    {
        ScanOptions o;
        o.details = false;
        Scanner scanner(o);
        Snapshot s;
        for (int i = 0; i < 150; ++i) {
            s = scanner.scan();
            if (ready(s))
                return s;
            QThread::msleep(100);
        }
        return s;
    }

    std::string sleepArg(int n) const { return (m_tag + QString::number(n)).toStdString(); }

private slots:
    void cleanupTestCase()
    {
        for (auto& p : m_procs) {
            if (p->processId() > 0)
                ::kill(-static_cast<pid_t>(p->processId()), SIGKILL);
            p->waitForFinished(5000);
        }
        if (root() && QFile::exists("/run/netns/names-live-" + m_tag))
            QProcess::execute("ip", {"netns", "del", "names-live-" + m_tag});
    }

    void bubblewrap()
    {
        const std::string arg = sleepArg(1);
        start("exec bwrap --dev-bind / / --unshare-user --unshare-uts --unshare-pid "
              "--die-with-parent sleep " +
              QString::fromStdString(arg));
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return findByArgv(x, {"sleep", arg});
        });
        const Process* sleeper = findByArgv(s, {"sleep", arg});
        QVERIFY2(sleeper, "bwrap's sleep did not show up");
        const Container* c = containerOf(s, *sleeper);
        QVERIFY2(c, "the sleep in bwrap has no container");
        QCOMPARE(c->engine, std::string("bwrap"));
        QCOMPARE(c->name, std::string("sleep"));
        // The uts namespace it is in belongs to it too, and so does the outer bwrap.
        const Namespace* uts =
            s.findNamespace(NsType::Uts, *sleeper->namespaces[index(NsType::Uts)]);
        QVERIFY(uts && uts->container == c->key);
        const Process* outer = s.findProcess(*c->pid);
        QVERIFY(outer && outer->comm == "bwrap");
        QCOMPARE(outer->container, std::optional<std::string>(c->key));
    }

    void unshareCommand()
    {
        const std::string arg = sleepArg(2);
        start(QString(root() ? "exec unshare" : "exec unshare -r") +
              " --fork --pid --uts --kill-child sleep " + QString::fromStdString(arg));
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return findByArgv(x, {"sleep", arg});
        });
        const Process* sleeper = findByArgv(s, {"sleep", arg});
        QVERIFY2(sleeper, "unshare's sleep did not show up");
        const Container* c = containerOf(s, *sleeper);
        QVERIFY2(c, "the sleep under unshare has no container");
        QCOMPARE(c->engine, std::string("unshare"));
        QCOMPARE(c->name, std::string("sleep"));
        QCOMPARE(c->pid, std::optional<int>(sleeper->ppid));
        const Namespace* pid =
            s.findNamespace(NsType::Pid, *sleeper->namespaces[index(NsType::Pid)]);
        QVERIFY(pid && pid->container == c->key);
    }

    void chromiumLike()
    {
        const std::string arg = sleepArg(3);
        // browser (argv[0] .../chromium) -> renderer in new user + net namespaces, whose
        // argv carries --type=renderer -> a sleep.
        start("exec -a /usr/lib/names-chromium/chromium bash -c '"
              "unshare -r --net sh -c \"sleep " +
              QString::fromStdString(arg) + "; :\" renderer --type=renderer --lang=en & wait'");
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return findByArgv(x, {"sleep", arg});
        });
        const Process* sleeper = findByArgv(s, {"sleep", arg});
        QVERIFY2(sleeper, "the renderer's sleep did not show up");
        const Process* renderer = s.findProcess(sleeper->ppid);
        QVERIFY(renderer);
        const Container* c = containerOf(s, *renderer);
        QVERIFY2(c, "the renderer has no container");
        QCOMPARE(c->engine, std::string("browser"));
        QCOMPARE(c->name, std::string("chromium"));
        QCOMPARE(c->pid, std::optional<int>(renderer->ppid));
        QCOMPARE(containerOf(s, *sleeper), c);
        const Namespace* net =
            s.findNamespace(NsType::Net, *renderer->namespaces[index(NsType::Net)]);
        QVERIFY(net && net->container == c->key);
    }

    void firefoxLike()
    {
        const std::string arg = sleepArg(4);
        start("exec -a /usr/lib/names-firefox/firefox-esr bash -c '"
              "unshare -r --net sh -c \"sleep " +
              QString::fromStdString(arg) +
              "; :\" x -contentproc -childID 1 -isForBrowser tab & wait'");
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return findByArgv(x, {"sleep", arg});
        });
        const Process* sleeper = findByArgv(s, {"sleep", arg});
        QVERIFY2(sleeper, "the content process's sleep did not show up");
        const Process* content = s.findProcess(sleeper->ppid);
        QVERIFY(content);
        const Container* c = containerOf(s, *content);
        QVERIFY2(c, "the content process has no container");
        QCOMPARE(c->engine, std::string("browser"));
        QCOMPARE(c->name, std::string("firefox-esr"));
    }

    void firejail()
    {
        if (!root()) {
            // firejail refuses users not listed in /etc/firejail/firejail.users (the root run
            // covers the sandbox): as 65534 it must fail, and nothing is named after it.
            QVERIFY(QProcess::execute("firejail",
                                      {"--quiet", "--noprofile", "--name=names-no", "true"}) != 0);
            const Snapshot s = scanUntil([](const Snapshot&) { return true; });
            for (const Container& c : s.containers)
                QVERIFY2(c.name != "names-no", c.key.c_str());
            return;
        }
        const std::string arg = sleepArg(5);
        const QString name = "names-fj-" + m_tag;
        start("exec firejail --quiet --noprofile --name=" + name + " sleep " +
              QString::fromStdString(arg));
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            const Process* p = findByArgv(x, {"sleep", arg});
            return p && p->container;
        });
        const Process* sleeper = findByArgv(s, {"sleep", arg});
        QVERIFY2(sleeper, "firejail's sleep did not show up");
        const Container* c = containerOf(s, *sleeper);
        QVERIFY2(c, "the sleep in firejail has no container");
        QCOMPARE(c->engine, std::string("firejail"));
        QCOMPARE(QString::fromStdString(c->name), name);
        QCOMPARE(c->source, std::string("firejail"));
    }

    void ipNetns()
    {
        if (!root()) {
            // `ip netns add` needs root (the root run covers it): refused here, no name.
            QVERIFY(QProcess::execute("ip", {"netns", "add", "names-no-" + m_tag}) != 0);
            const Snapshot s = scanUntil([](const Snapshot&) { return true; });
            QVERIFY(!s.findContainer("netns:names-no-" + m_tag.toStdString()));
            return;
        }
        const QString name = "names-live-" + m_tag;
        QCOMPARE(QProcess::execute("ip", {"netns", "add", name}), 0);
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return x.findContainer("netns:" + name.toStdString()) != nullptr;
        });
        const Container* c = s.findContainer("netns:" + name.toStdString());
        QVERIFY2(c, "the named network namespace has no container");
        QCOMPARE(c->engine, std::string("netns"));
        bool found = false;
        for (const Namespace& ns : s.namespaces)
            found |= ns.type == NsType::Net && ns.container == c->key;
        QVERIFY(found);
        QCOMPARE(QProcess::execute("ip", {"netns", "del", name}), 0);
    }
};

QTEST_GUILESS_MAIN(TestContainersLive)
#include "tst_containers_live.moc"
