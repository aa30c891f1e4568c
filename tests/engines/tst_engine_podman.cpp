// podman rootful, real: runc, its own storage and run root, a pod nsx-pod-pod with no network,
// the image imported from the cached Debian root, nsx-pod in the pod, `podman system service`.
#include "engine_harness.h"

using namespace nsx::backend;
using namespace nsx::backend::containers;

class TestEnginePodman : public QObject
{
    Q_OBJECT
    std::unique_ptr<nsx::test::Engine> m_engine;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<nsx::test::Engine>(QStringLiteral("podman"));
        if (!m_engine->ok())
            QFAIL(qPrintable(m_engine->why()));
    }
    void cleanupTestCase() { m_engine.reset(); }

    // The engine directory, asked at this daemon's socket, knows nsx-pod (and its pod) as podman
    // does.
    void directory()
    {
        const auto round = nsx::test::askOnce({m_engine->str("SOCKET"), std::nullopt});
        const auto& all = round.containers;
        // the pod's infra container (catatonit) and nsx-pod
        QCOMPARE(all.size(), std::size_t(2));
        auto it = std::find_if(all.begin(), all.end(),
                               [](const auto& e) { return e.container.name == "nsx-pod"; });
        QVERIFY(it != all.end());
        const EngineContainer& c = *it;
        for (const auto& e : all)
            QCOMPARE(e.container.pod.value_or(""), m_engine->str("POD"));
        QCOMPARE(c.container.name, std::string("nsx-pod"));
        QCOMPARE(c.container.engine, std::string("podman"));
        QCOMPARE(c.container.id, m_engine->str("ID"));
        QCOMPARE(c.container.key, "podman:" + m_engine->str("ID"));
        QCOMPARE(c.pid, m_engine->pid());
        QCOMPARE(c.container.image.value_or(""), m_engine->str("IMAGE"));
        const std::pair<std::string, std::string> label{"nsx.test", "engines"};
        QVERIFY(std::find(c.container.labels.begin(), c.container.labels.end(), label) !=
                c.container.labels.end());
        QCOMPARE(round.engine, std::string("podman"));
    }

    // The real Scanner, with the shared directory (reaching this service through CONTAINER_HOST, as
    // podman-remote would), names nsx-pod's process and namespaces.
    void scan()
    {
        qputenv("CONTAINER_HOST", QByteArray("unix://") + m_engine->value("SOCKET").toUtf8());
        EngineDirectory::shared().refreshNow(std::chrono::milliseconds(3000));
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        nsx::test::checkNamed(snap, m_engine->pid(), "podman", "nsx-pod",
                              {NsType::Mnt, NsType::Pid}, m_engine->str("IMAGE"),
                              m_engine->str("POD"));
    }
};

QTEST_GUILESS_MAIN(TestEnginePodman)
#include "tst_engine_podman.moc"
