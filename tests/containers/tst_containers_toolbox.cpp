// toolbox and distrobox containers named from their engine labels (issue 15), end to end: fake
// engines on real unix sockets (tests/engines/fake_engine.h) — a podman-like one named by
// CONTAINER_HOST and a docker-like one by DOCKER_HOST, as the engines' own clients read them —
// list containers whose pids are real processes started here in their own namespaces; the
// process-wide EngineDirectory asks them, and the real Scanner names the processes and their
// namespaces. As root (the sockets are system ones, so the rootless-socket ownership rule does
// not apply). Staged like the engines do it: the container's init is the only member of the
// namespaces it was given (`unshare --fork --pid unshare --uts --mount sleep`: the inner
// unshare, pid 1 of the new pid namespace, makes uts and mnt and execs the sleep); distrobox
// shares the host's pid namespace (`podman create --pid host`), so its init gets uts and mnt only.
#include "../engines/fake_engine.h"
#include "containers/engine_directory.h"
#include "scanner.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <csignal>
#include <linux/sched.h>
#include <nlohmann/json.hpp>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;
using namespace nsx::backend::containers;
using nsx::test::FakeEngine;

namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

const Process* findByArgv(const Snapshot& s, const std::vector<std::string>& argv)
{
    for (const Process& p : s.processes)
        if (p.cmdline == argv)
            return &p;
    return nullptr;
}

// What a staged container should become.
struct Staged
{
    std::string id;     // 64 hex digits
    std::string name;   // the engine's name
    std::string engine; // the expected engine: toolbox | distrobox (| podman)
    std::string image;
    Labels labels;           // sorted by key
    std::vector<NsType> own; // the namespaces its init was given
    std::string arg;         // the sleep's argument: finds it among the processes
    int pid = 0;             // the sleep (its init)
    int launcher = 0;        // what started it, outside the container
};

// The engines' answers, as JSON.
nlohmann::json labelsJson(const Labels& labels)
{
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : labels)
        out[k] = v;
    return out;
}
// An entry of libpod's list (GET /v4.0.0/libpod/containers/json).
nlohmann::json libpodEntry(const Staged& c)
{
    return {{"Id", c.id},
            {"Names", nlohmann::json::array({c.name})},
            {"Pid", c.pid},
            {"Image", c.image},
            {"PodName", ""},
            {"State", "running"},
            {"Labels", labelsJson(c.labels)}};
}
// docker's inspect (GET /containers/ID/json).
std::string dockerInspect(const Staged& c)
{
    nlohmann::json state = {{"Status", "running"}, {"Running", true}, {"Pid", c.pid}};
    nlohmann::json config = {{"Image", c.image}, {"Labels", labelsJson(c.labels)}};
    return nlohmann::json{
        {"Id", c.id}, {"Name", "/" + c.name}, {"State", state}, {"Config", config}}
        .dump();
}

} // namespace

class TestContainersToolbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir{QDir::tempPath() + "/nsx-toolbox-XXXXXX"};
    std::vector<std::unique_ptr<QProcess>> m_procs;
    std::unique_ptr<FakeEngine> m_podman, m_docker;
    std::vector<Staged> m_staged;
    const std::string m_tag = std::to_string(::getpid() % 100000 + 300000);

    void start(const QString& script)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->setChildProcessModifier([] { ::setsid(); });
        p->start("bash", {"-c", script});
        QVERIFY2(p->waitForStarted(), qPrintable(script));
        m_procs.push_back(std::move(p));
    }

    // Scans until `ready` says so (up to 15 s).
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

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QFAIL("run as root: the staged containers need unshare's pid, uts and mount "
                  "namespaces, and the engine sockets are system ones");
        QVERIFY(m_dir.isValid());
        const std::string dir = m_dir.path().toStdString();
        // The environment first: the shared directory reads it at every round.
        qputenv("CONTAINER_HOST", ("unix://" + dir + "/podman.sock").c_str());
        qputenv("DOCKER_HOST", ("unix://" + dir + "/docker.sock").c_str());
        m_podman = std::make_unique<FakeEngine>(dir + "/podman.sock", FakeEngine::Mode::Podman);
        m_docker = std::make_unique<FakeEngine>(dir + "/docker.sock", FakeEngine::Mode::Docker);
        // Nothing running yet: the scans below start the directory's background rounds, and an
        // engine that failed one would be left alone for a while (its backoff).
        m_podman->setReply("/v4.0.0/libpod/containers/json", {200, "[]"});
        m_docker->setReply("/containers/json", {200, "[]"});

        const Labels toolboxImage{{"com.github.containers.toolbox", "true"},
                                  {"com.github.debarshiray.toolbox", "true"},
                                  {"com.redhat.component", "fedora-toolbox"},
                                  {"name", "fedora-toolbox"}};
        m_staged = {
            // `toolbox create nsx-tb` (Toolbx 0.0.90 and later: both labels, from the image)
            {std::string(64, 'a'),
             "nsx-tb",
             "toolbox",
             "registry.fedoraproject.org/fedora-toolbox:40",
             toolboxImage,
             {NsType::Pid, NsType::Uts, NsType::Mnt},
             m_tag + "1"},
            // made by an older Toolbx: its label alone, as Toolbx itself still recognises
            {std::string(63, 'b') + "1",
             "nsx-tb-old",
             "toolbox",
             "registry.fedoraproject.org/f30/fedora-toolbox:30",
             {{"com.github.debarshiray.toolbox", "true"}, {"version", "30"}},
             {NsType::Pid, NsType::Uts, NsType::Mnt},
             m_tag + "2"},
            // `distrobox create --name nsx-db` on podman: --pid host, its own uts and mnt
            {std::string(63, 'c') + "2",
             "nsx-db",
             "distrobox",
             "docker.io/library/debian:12",
             {{"distrobox.unshare_groups", "0"}, {"manager", "distrobox"}},
             {NsType::Uts, NsType::Mnt},
             m_tag + "3"},
            // a label Toolbx would not take ("false"): a plain podman container
            {std::string(63, 'e') + "4",
             "nsx-not-tb",
             "podman",
             "docker.io/library/debian:12",
             {{"com.github.containers.toolbox", "false"}},
             {NsType::Uts, NsType::Mnt},
             m_tag + "5"},
            // the same on docker (DBX_CONTAINER_MANAGER=docker): docker's inspect, State.Pid
            {std::string(63, 'd') + "3",
             "nsx-db-docker",
             "distrobox",
             "debian:12",
             {{"manager", "distrobox"}},
             {NsType::Uts, NsType::Mnt},
             m_tag + "4"},
        };
        for (const Staged& c : m_staged) {
            const QString arg = QString::fromStdString(c.arg);
            if (c.own.front() == NsType::Pid)
                start("exec unshare --fork --pid --kill-child unshare --uts --mount sleep " + arg);
            else
                start("exec unshare --uts --mount sleep " + arg);
        }
        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return std::all_of(m_staged.begin(), m_staged.end(), [&](const Staged& c) {
                return findByArgv(x, {"sleep", c.arg});
            });
        });
        for (Staged& c : m_staged) {
            const Process* p = findByArgv(s, {"sleep", c.arg});
            QVERIFY2(p, ("the staged sleep " + c.arg + " did not show up").c_str());
            c.pid = p->pid;
            c.launcher = p->ppid;
        }
        // The podman-like engine answers libpod's list (ids, names, pids, labels in one), the
        // docker-like one its list and an inspect per container.
        nlohmann::json list = nlohmann::json::array(), ids = nlohmann::json::array();
        for (const Staged& c : m_staged) {
            if (c.name == "nsx-db-docker") {
                ids.push_back({{"Id", c.id}, {"Names", nlohmann::json::array({"/" + c.name})}});
                m_docker->setReply("/containers/" + c.id + "/json", {200, dockerInspect(c)});
            } else {
                list.push_back(libpodEntry(c));
            }
        }
        m_podman->setReply("/v4.0.0/libpod/containers/json", {200, list.dump(), true});
        m_docker->setReply("/containers/json", {200, ids.dump()});
    }

    void cleanupTestCase()
    {
        for (auto& p : m_procs) {
            if (p->processId() > 0)
                ::kill(-static_cast<pid_t>(p->processId()), SIGKILL);
            p->waitForFinished(5000);
        }
        m_podman.reset();
        m_docker.reset();
        qunsetenv("CONTAINER_HOST");
        qunsetenv("DOCKER_HOST");
    }

    void namedFromLabels()
    {
        EngineDirectory& dir = EngineDirectory::shared();
        dir.refreshNow(std::chrono::milliseconds(4000));
        for (const auto& st : dir.sockets())
            qInfo("engine socket %s: %s %s, %zu container(s)", st.path.c_str(), st.engine.c_str(),
                  st.ok ? "ok" : st.error.c_str(), st.containers);
        QVERIFY2(!m_podman->requests().empty(), "the directory never asked CONTAINER_HOST");
        QVERIFY2(!m_docker->requests().empty(), "the directory never asked DOCKER_HOST");

        const Snapshot s = scanUntil([&](const Snapshot& x) {
            return std::all_of(m_staged.begin(), m_staged.end(), [&](const Staged& c) {
                const Process* p = x.findProcess(c.pid);
                return p && p->container;
            });
        });
        for (const Staged& c : m_staged) {
            const QByteArray what = QByteArray::fromStdString(c.name);
            const Process* p = s.findProcess(c.pid);
            QVERIFY2(p, what + ": its init is gone");
            QVERIFY2(p->container, what + ": its init has no container");
            const Container* k = s.findContainer(*p->container);
            QVERIFY2(k, what + ": its key is not among the snapshot's containers");
            // The key stays the engine's (podman:ID / docker:ID), so that conmon's or the
            // shim's claim on the same container, when the API is down, names the same one.
            const std::string engineKey =
                (c.name == "nsx-db-docker" ? "docker:" : "podman:") + c.id;
            qInfo("pid %d: %s, engine %s, name %s", c.pid, k->key.c_str(), k->engine.c_str(),
                  k->name.c_str());
            QCOMPARE(k->key, engineKey);
            QCOMPARE(k->engine, c.engine);
            QCOMPARE(k->name, c.name);
            QCOMPARE(k->id, c.id);
            QCOMPARE(k->image.value_or(""), c.image);
            QCOMPARE(k->labels, c.labels);
            QCOMPARE(k->pid, std::optional<int>(c.pid));
            QCOMPARE(k->source, std::string("api"));
            // The namespaces its init was given are the container's.
            for (NsType t : c.own) {
                const auto inode = p->namespaces[index(t)];
                QVERIFY2(inode, what + ": a namespace link unread");
                const Namespace* ns = s.findNamespace(t, *inode);
                QVERIFY2(ns, what + ": its namespace is not in the snapshot");
                QVERIFY2(ns->container == k->key,
                         what + ": its " + QByteArray(toString(t).data()) + " namespace is " +
                             QByteArray::fromStdString(ns->container.value_or("unnamed")));
            }
            // What started it (the unshare outside) is not in it.
            if (const Process* l = s.findProcess(c.launcher))
                QVERIFY2(l->container != k->key, what + ": its launcher was named after it");
        }
    }

    // A pid the engine named, reused before the directory's next refresh (up to 5 s later):
    // the new process inherits nothing. Staged for real: the container's init (its own uts
    // namespace) exits, and clone3 with set_tid gives the next process that very pid (root);
    // the directory's cache still holds the old pid. The check counts only when no directory
    // round ran in between (the cache is then as it was when the old process lived):
    // otherwise the whole thing is staged again.
    void reusedPidInheritsNothing()
    {
        EngineDirectory& dir = EngineDirectory::shared();
        const std::string id = std::string(63, 'f') + "5";
        const std::string key = "docker:" + id;
        bool checked = false;
        for (int attempt = 0; attempt < 5 && !checked; ++attempt) {
            const pid_t first = startInUts(0);
            QVERIFY2(first > 0, "clone3 failed");
            Staged c{id, "nsx-reused", "docker", "debian:12", {}, {NsType::Uts}, "", first};
            m_docker->setReply("/containers/json",
                               {200, nlohmann::json::array({{{"Id", id}}}).dump()});
            m_docker->setReply("/containers/" + id + "/json", {200, dockerInspect(c)});
            dir.refreshNow(std::chrono::milliseconds(4000));
            // Named while it lives: the entry itself is right.
            Snapshot s = scanUntil([&](const Snapshot& x) {
                const Process* p = x.findProcess(first);
                return p && p->container == key;
            });
            const Process* p = s.findProcess(first);
            QVERIFY2(p && p->container == key, "the engine's container was not named");
            // From now on the engine lists nothing: a round in between would drop the entry
            // (and spoil the check, which then stages again), never vouch for the new process.
            m_docker->setReply("/containers/json", {200, "[]"});
            const auto rounds = dir.rounds();
            reap(first);
            const pid_t second = startInUts(first);
            if (second != first) { // the pid was taken meanwhile: stage again
                if (second > 0)
                    reap(second);
                continue;
            }
            ScanOptions o;
            o.details = false;
            s = Scanner(o).scan();
            const bool clean = dir.rounds() == rounds;
            p = s.findProcess(second);
            const bool inherited = p && p->container == key;
            reap(second);
            QVERIFY2(p, "the process with the reused pid is not in the snapshot");
            if (!clean)
                continue;
            qInfo("pid %d reused (start time %llu): %s", second,
                  static_cast<unsigned long long>(p->startTime),
                  inherited ? "named after the old container" : "not named");
            QVERIFY2(!inherited, "a reused pid inherited the container's name");
            QVERIFY(!s.findContainer(key));
            checked = true;
        }
        QVERIFY2(checked, "every attempt saw a directory round in between");
        m_docker->setReply("/containers/json", {200, "[]"});
    }

private:
    // A child in a uts namespace of its own that waits for SIGKILL; with `pid`, at that pid
    // (clone3's set_tid). -1 on failure.
    static pid_t startInUts(pid_t pid)
    {
        clone_args args{};
        args.exit_signal = SIGCHLD;
        pid_t tid[1] = {pid};
        if (pid > 0) {
            args.set_tid = reinterpret_cast<std::uint64_t>(tid);
            args.set_tid_size = 1;
        }
        const long child = ::syscall(SYS_clone3, &args, sizeof args);
        if (child == 0) {
            ::syscall(SYS_unshare, CLONE_NEWUTS);
            for (;;)
                ::pause();
        }
        if (child < 0)
            return -1;
        // Wait until the child is in its own uts namespace: the scan then sees a container.
        const std::string mine = QFile::symLinkTarget("/proc/self/ns/uts").toStdString();
        for (int i = 0; i < 500; ++i) {
            const QString theirs =
                QFile::symLinkTarget("/proc/" + QString::number(child) + "/ns/uts");
            if (!theirs.isEmpty() && theirs.toStdString() != mine)
                break;
            QThread::msleep(2);
        }
        return static_cast<pid_t>(child);
    }
    static void reap(pid_t pid)
    {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
};

QTEST_GUILESS_MAIN(TestContainersToolbox)
#include "tst_containers_toolbox.moc"
