// podman rootless, real, as uid 65534: its own subuid range, storage, XDG_RUNTIME_DIR
// (/run/user/65534), slirp4netns, an API service on /run/user/65534/podman/podman.sock; the
// container nsx-rootless. After `podman run` exits, its pause process (catatonit -P) and
// slirp4netns live on, re-parented to PID 1.
#include "containers/engine_api.h"
#include "containers/engine_directory.h"
#include "engine_harness.h"

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
        EngineDirectory::Options o;
        const EngineSocket socket = *mine;
        o.sockets = [socket] { return std::vector<EngineSocket>{socket}; };
        EngineDirectory dir(o);
        dir.refreshNow(std::chrono::milliseconds(3000));
        const auto all = dir.current();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].container.name, std::string("nsx-rootless"));
        QCOMPARE(all[0].container.key, "podman:" + m_engine->str("ID"));
        QCOMPARE(all[0].pid, m_engine->pid());
        QCOMPARE(all[0].container.image.value_or(""), m_engine->str("IMAGE"));
        QCOMPARE(dir.sockets().at(0).engine, std::string("podman"));
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
