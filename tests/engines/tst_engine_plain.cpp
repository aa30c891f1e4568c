// Engines without an API of ours to ask, real, started by engines.sh on the cached Debian root
// (read-only), /bin/sleep as the payload; one source for each, built once per engine
// (tests/engines/CMakeLists.txt gives NSX_ENGINE, NSX_ENGINE_KIND and NSX_ENGINE_CONTAINER):
//   lxc     lxc-start with a directory root, no network, unconfined; the container nsx-lxc
//   nspawn  systemd-nspawn, no machined here, so --register=no --keep-unit; a private network;
//           the machine nsx-spawn
#include "engine_harness.h"

using namespace nsx::backend;

class TestEnginePlain : public QObject
{
    Q_OBJECT
    std::unique_ptr<nsx::test::Engine> m_engine;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<nsx::test::Engine>(QStringLiteral(NSX_ENGINE));
        if (!m_engine->ok())
            QFAIL(qPrintable(m_engine->why()));
    }
    void cleanupTestCase() { m_engine.reset(); }

    void scan()
    {
        Scanner scanner;
        const Snapshot snap = scanner.scan();
        nsx::test::checkNamed(snap, m_engine->pid(), NSX_ENGINE_KIND, NSX_ENGINE_CONTAINER,
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

QTEST_GUILESS_MAIN(TestEnginePlain)
#include "tst_engine_plain.moc"
