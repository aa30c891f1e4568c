// podman rootless, real, as uid 65534: its own subuid range, storage, XDG_RUNTIME_DIR
// (/run/user/65534), slirp4netns, an API service on /run/user/65534/podman/podman.sock; the
// container nsx-rootless. After `podman run` exits, its pause process (catatonit -P) and
// slirp4netns live on, re-parented to PID 1.
#include "containers/engine_api.h"
#include "containers/engine_directory.h"
#include "engine_harness.h"

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;
using namespace nsx::backend::containers;

class TestEnginePodmanRootless : public QObject
{
    Q_OBJECT
    std::unique_ptr<nsx::test::Engine> m_engine;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<nsx::test::Engine>(QStringLiteral("podman-rootless"));
        if (!m_engine->ok())
            QFAIL(qPrintable(m_engine->why()));
    }
    void cleanupTestCase() { m_engine.reset(); }

    // Root's directory finds the user's socket by itself (every /run/user/UID) and takes its
    // container: its init sits in a user namespace that uid 65534 made.
    void directory()
    {
        const auto sockets = engineSockets(0);
        const auto mine = std::find_if(sockets.begin(), sockets.end(), [&](const EngineSocket& s) {
            return s.path == m_engine->str("SOCKET");
        });
        QVERIFY2(mine != sockets.end(),
                 "root's socket list lacks /run/user/65534/podman/podman.sock");
        QCOMPARE(mine->user.value_or(0), uid_t(65534));
        const auto round = nsx::test::askOnce(*mine);
        const auto& all = round.containers;
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].container.name, std::string("nsx-rootless"));
        // A user's socket: a key of its own (a copied id must not rename another's container).
        QCOMPARE(all[0].container.key, "podman@65534:" + m_engine->str("ID"));
        QCOMPARE(all[0].pid, m_engine->pid());
        QCOMPARE(all[0].container.image.value_or(""), m_engine->str("IMAGE"));
        QCOMPARE(round.engine, std::string("podman"));
    }

    // As the user itself (uid 65534, its XDG_RUNTIME_DIR): the default socket list holds its
    // own socket, and the directory names its container. In a child that drops to 65534.
    void directoryAsTheUser()
    {
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(fds[0]);
            std::string out = "setuid failed";
            if (::setgroups(0, nullptr) == 0 && ::setresgid(65534, 65534, 65534) == 0 &&
                ::setresuid(65534, 65534, 65534) == 0) {
                ::setenv("XDG_RUNTIME_DIR", "/run/user/65534", 1);
                ::unsetenv("DOCKER_HOST");
                ::unsetenv("CONTAINER_HOST");
                out.clear();
                for (const auto& s : defaultEngineSockets())
                    out += "socket " + s.path + " " + std::to_string(s.user.value_or(-1)) + "\n";
                EngineDirectory dir;
                dir.refreshNow(std::chrono::milliseconds(3000));
                for (const auto& c : dir.current())
                    out += "container " + c.container.name + " " + std::to_string(c.pid) + "\n";
            }
            [[maybe_unused]] auto n = ::write(fds[1], out.data(), out.size());
            ::_exit(0);
        }
        ::close(fds[1]);
        std::string got;
        char buf[4096];
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
            got.append(buf, std::size_t(n));
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        qInfo("as 65534:\n%s", got.c_str());
        QVERIFY2(got.find("socket " + m_engine->str("SOCKET") + " 65534\n") != std::string::npos,
                 got.c_str());
        QVERIFY2(got.find("container nsx-rootless " + std::to_string(m_engine->pid()) + "\n") !=
                     std::string::npos,
                 got.c_str());
    }

    // Issue 15: the pause process and slirp4netns were given the launcher {pid 1, other}.
    void orphanedHelpersBelongToPodman()
    {
        const int pause = m_engine->value("PAUSE_PID").toInt();
        const int slirp = m_engine->value("SLIRP_PID").toInt();
        QVERIFY2(pause > 0 && slirp > 0, "engines.sh gave no pause or slirp4netns pid");
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        const Process* p = snap.findProcess(pause);
        const Process* s = snap.findProcess(slirp);
        QVERIFY(p && s);
        QCOMPARE(p->ppid, 1);
        QCOMPARE(s->ppid, 1);
        const auto host = initialNamespaces(snap);
        // the pause process holds the user namespace and a mount namespace; slirp4netns has a
        // mount namespace of its own (--enable-sandbox)
        const std::vector<std::pair<const Process*, NsType>> made{
            {p, NsType::User}, {p, NsType::Mnt}, {s, NsType::Mnt}};
        for (auto [proc, type] : made) {
            const auto inode = proc->namespaces[index(type)];
            QVERIFY(inode && inode != host[index(type)]);
            const Namespace* ns = snap.findNamespace(type, *inode);
            QVERIFY(ns && ns->launcher);
            qInfo("%s namespace of %s (%d): launcher %s (%d), %s", toString(type).data(),
                  proc->comm.c_str(), proc->pid, ns->launcher->comm.c_str(),
                  ns->launcher->pid.value_or(0), ns->launcher->kind.c_str());
            QCOMPARE(ns->launcher->kind, std::string("podman"));
            QCOMPARE(ns->launcher->pid.value_or(0), proc->pid);
        }
    }

    void scan()
    {
        EngineDirectory::shared().refreshNow(std::chrono::milliseconds(3000));
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        nsx::test::checkNamed(snap, m_engine->pid(), "podman", "nsx-rootless",
                              {NsType::Mnt, NsType::Uts, NsType::Ipc, NsType::Pid, NsType::Net},
                              m_engine->str("IMAGE"));
    }
};

QTEST_GUILESS_MAIN(TestEnginePodmanRootless)
#include "tst_engine_podman_rootless.moc"
