// docker, real: dockerd started by engines.sh (its own data root, exec root, socket, no bridge,
// no iptables), the image imported from the cached Debian root, a container nsx-dock with labels.
#include "engine_harness.h"

using namespace nsx::backend;
using namespace nsx::backend::containers;

class TestEngineDocker : public QObject
{
    Q_OBJECT
    std::unique_ptr<nsx::test::Engine> m_engine;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<nsx::test::Engine>(QStringLiteral("docker"));
        if (!m_engine->ok())
            QFAIL(qPrintable(m_engine->why()));
    }
    void cleanupTestCase() { m_engine.reset(); }

    // The engine directory, asked at this daemon's socket, knows nsx-dock as docker does.
    void directory()
    {
        const auto round = nsx::test::askOnce({m_engine->str("SOCKET"), std::nullopt});
        const auto& all = round.containers;
        QCOMPARE(all.size(), std::size_t(1));
        const EngineContainer& c = all[0];
        QCOMPARE(c.container.name, std::string("nsx-dock"));
        QCOMPARE(c.container.engine, std::string("docker"));
        QCOMPARE(c.container.id, m_engine->str("ID"));
        QCOMPARE(c.container.key, "docker:" + m_engine->str("ID"));
        QCOMPARE(c.pid, m_engine->pid());
        QCOMPARE(c.container.image.value_or(""), m_engine->str("IMAGE"));
        QCOMPARE(c.container.project.value_or(""), std::string("nsx-project"));
        const std::pair<std::string, std::string> label{"nsx.test", "engines"};
        QVERIFY(std::find(c.container.labels.begin(), c.container.labels.end(), label) !=
                c.container.labels.end());
        QCOMPARE(round.engine, std::string("docker"));
    }

    // The real Scanner, with the shared directory (reaching this daemon through DOCKER_HOST, as
    // docker's own client would), names nsx-dock's process and namespaces.
    void scan()
    {
        qputenv("DOCKER_HOST", QByteArray("unix://") + m_engine->value("SOCKET").toUtf8());
        EngineDirectory::shared().refreshNow(std::chrono::milliseconds(3000));
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        nsx::test::checkNamed(snap, m_engine->pid(), "docker", "nsx-dock",
                              {NsType::Mnt, NsType::Uts, NsType::Ipc, NsType::Pid, NsType::Net},
                              m_engine->str("IMAGE"));
    }
};

QTEST_GUILESS_MAIN(TestEngineDocker)
#include "tst_engine_docker.moc"
