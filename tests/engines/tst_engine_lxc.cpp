// LXC, real: lxc-start with a directory root (the cached Debian root, read-only), no network,
// unconfined, /bin/sleep as init; the container nsx-lxc.
#include "engine_harness.h"

using namespace nsx::backend;

class TestEngineLxc : public QObject
{
    Q_OBJECT
    std::unique_ptr<nsx::test::Engine> m_engine;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<nsx::test::Engine>(QStringLiteral("lxc"));
        if (!m_engine->ok())
            QFAIL(qPrintable(m_engine->why()));
    }
    void cleanupTestCase() { m_engine.reset(); }

    void scan()
    {
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        nsx::test::checkNamed(snap, m_engine->pid(), "lxc", "nsx-lxc",
                              {NsType::Mnt, NsType::Uts, NsType::Ipc, NsType::Pid, NsType::Net});
    }
    void mountCount()
    {
        Scanner scanner;
        nsx::test::checkMountCount(scanner.scan(), m_engine->pid());
    }
};

QTEST_GUILESS_MAIN(TestEngineLxc)
#include "tst_engine_lxc.moc"
