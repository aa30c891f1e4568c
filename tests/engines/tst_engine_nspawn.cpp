// systemd-nspawn, real: no machined here, so --register=no --keep-unit; the cached Debian root,
// read-only, a private network, /bin/sleep as the payload; the machine nsx-spawn.
#include "engine_harness.h"

using namespace nsx::backend;

class TestEngineNspawn : public QObject
{
    Q_OBJECT
    std::unique_ptr<nsx::test::Engine> m_engine;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<nsx::test::Engine>(QStringLiteral("nspawn"));
        if (!m_engine->ok())
            QFAIL(qPrintable(m_engine->why()));
    }
    void cleanupTestCase() { m_engine.reset(); }

    void scan()
    {
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        nsx::test::checkNamed(snap, m_engine->pid(), "systemd-nspawn", "nsx-spawn",
                              {NsType::Mnt, NsType::Uts, NsType::Ipc, NsType::Pid, NsType::Net});
    }
    // Issue 15: nspawn moves the host's mounts under its old root and detaches them; counting
    // the whole namespace gave ~80 where the kernel shows the payload ~40.
    void mountCount()
    {
        Scanner scanner;
        nsx::test::checkMountCount(scanner.scan(), m_engine->pid());
    }
};

QTEST_GUILESS_MAIN(TestEngineNspawn)
#include "tst_engine_nspawn.moc"
