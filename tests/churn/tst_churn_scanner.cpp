// Churn: namespaced processes born and dying at hundreds per second while the
// scanner polls. Every snapshot must be internally consistent and round-trip through JSON
// byte for byte; nothing may crash; fds and memory must stay flat.
// NSX_CHURN_SECONDS sets the duration (default 30).
#include "churn_config.h"
#include "churn_generator.h"
#include "scanner.h"
#include "snapshot_invariants.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <unistd.h>

using namespace nsx::backend;

class TestChurnScanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("churn needs root to create namespaces");
    }

    void scannerUnderChurn()
    {
        const int seconds = nsx::test::churnSeconds(30);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string counter = (dir.path() + "/births").toStdString();
        nsx::test::ChurnGenerator churn(seconds, 30, counter);
        QVERIFY(churn.started());

        Scanner scanner;
        int scans = 0;
        int fdsAfterWarmup = -1;
        long rssAfterWarmup = -1;
        std::size_t maxProcesses = 0, maxNamespaces = 0;
        const auto start = std::chrono::steady_clock::now();
        while (churn.running()) {
            Snapshot s = scanner.scan();
            ++scans;
            maxProcesses = std::max(maxProcesses, s.processes.size());
            maxNamespaces = std::max(maxNamespaces, s.namespaces.size());
            const auto problems = nsx::test::snapshotProblems(s);
            if (!problems.empty()) {
                for (const auto& p : problems)
                    qWarning("scan %d: %s", scans, p.c_str());
                QFAIL("inconsistent snapshot under churn");
            }
            if (scans == 5) {
                fdsAfterWarmup = nsx::test::countOpenFds();
                rssAfterWarmup = nsx::test::readStatusKb("VmRSS");
            }
            if (std::chrono::steady_clock::now() - start > std::chrono::seconds(seconds + 60))
                QFAIL("churn generator did not stop in time");
        }
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY2(scans > 5, "too few scans to judge");

        const int fdsAtEnd = nsx::test::countOpenFds();
        const long rssAtEnd = nsx::test::readStatusKb("VmRSS");
        QFile f(QString::fromStdString(counter));
        int births = 0;
        if (f.open(QIODevice::ReadOnly))
            while (!f.atEnd())
                births += f.readLine().trimmed().toInt();
        qInfo("churn: %d namespaced processes born in %.1f s (%.0f/s); %d scans; up to %zu "
              "processes and %zu namespaces per scan; fds %d -> %d; RSS %ld -> %ld kB",
              births, elapsed, births / elapsed, scans, maxProcesses, maxNamespaces, fdsAfterWarmup,
              fdsAtEnd, rssAfterWarmup, rssAtEnd);
        // The generator's pace is the machine's: ~40-50 births a second alone on a 2-core
        // Firecracker VM (its unshare children cost 20-35 ms of CPU each), 100+ on others. Below
        // 20 a second the scans would mostly see a quiet machine.
        QVERIFY2(births / elapsed >= 20, "churn too slow to mean anything");
        QCOMPARE(fdsAtEnd, fdsAfterWarmup);
        // Flat memory: allocator noise is allowed, growth with the number of scans is not.
#ifndef NSX_UNDER_ASAN
        QVERIFY2(rssAtEnd - rssAfterWarmup < 16 * 1024,
                 qPrintable(QStringLiteral("RSS grew by %1 kB").arg(rssAtEnd - rssAfterWarmup)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestChurnScanner)
#include "tst_churn_scanner.moc"
