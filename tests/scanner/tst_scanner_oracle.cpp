// The lsns oracle: every namespace `lsns --json` lists must be in our snapshot, with the same
// number of processes. lsns and the scan cannot run at the same instant, so the comparison is
// retried until nothing changed in between (the same process list before and after lsns; on a
// busy machine for up to nsx::test::kBusyMachineBudget, then the test fails), and the
// difference lsns itself makes is accounted for (see below).
#include "live_system.h"
#include "scanner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <csignal>
#include <functional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace nsx::backend;
using nsx::test::pidsNow;

namespace {

std::vector<int> childrenOf(int parent)
{
    std::vector<int> out;
    for (int pid : pidsNow()) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray s = f.readAll();
        const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[1].toInt() == parent)
            out.push_back(pid);
    }
    return out;
}

struct LsnsEntry
{
    std::uint64_t inode = 0;
    QString type;
    int nprocs = 0;
};

} // namespace

class TestScannerOracle : public QObject
{
    Q_OBJECT

    QProcess m_container; // a few namespaces of our own, so the comparison is not trivial

    // One attempt; returns an empty string when everything matched, else what did not.
    QString compareOnce(bool& stable)
    {
        Scanner scanner;
        const std::set<int> before = pidsNow();
        const Snapshot s = scanner.scan();
        QProcess lsns;
        lsns.start("lsns", {"--json"});
        if (!lsns.waitForFinished(60000))
            return "lsns did not finish";
        const int lsnsPid = static_cast<int>(lsns.processId());
        const std::set<int> after = pidsNow();
        // lsns shows itself; anything else that came or went means churn: try again.
        std::set<int> afterWithoutLsns = after;
        afterWithoutLsns.erase(lsnsPid);
        stable = before == afterWithoutLsns;
        if (!stable)
            return "processes changed during the comparison";

        const QJsonObject doc = QJsonDocument::fromJson(lsns.readAllStandardOutput()).object();
        // lsns --json nests namespaces under the one whose process started them
        // ("children"), as its tree output does: flatten.
        QJsonArray list;
        std::function<void(const QJsonArray&)> flatten = [&](const QJsonArray& level) {
            for (const QJsonValue v : level) {
                list.append(v);
                flatten(v.toObject()["children"].toArray());
            }
        };
        flatten(doc["namespaces"].toArray());
        if (list.isEmpty())
            return "lsns listed nothing";
        QStringList problems;
        for (const QJsonValue v : list) {
            const QJsonObject o = v.toObject();
            LsnsEntry e;
            e.inode = o["ns"].toVariant().toULongLong();
            e.type = o["type"].toString();
            e.nprocs = o["nprocs"].toInt();
            const auto type = nsTypeFromString(e.type.toStdString());
            if (!type) {
                problems << "unknown type " + e.type;
                continue;
            }
            const Namespace* ns = s.findNamespace(*type, e.inode);
            if (!ns) {
                problems << QStringLiteral("%1:%2 missing").arg(e.type).arg(e.inode);
                continue;
            }
            // lsns counts the lsns process itself (it reads /proc while it runs, and sits in
            // the namespaces of this test, which started it). We scanned before it existed.
            int expected = static_cast<int>(ns->processes.size());
            const Process* self = s.findProcess(::getpid());
            if (self && self->namespaces[index(*type)] == e.inode)
                ++expected;
            if (e.nprocs != expected)
                problems << QStringLiteral("%1:%2 lsns %3 processes, snapshot %4 (+lsns)")
                                .arg(e.type)
                                .arg(e.inode)
                                .arg(e.nprocs)
                                .arg(ns->processes.size());
        }
        qInfo("compared %lld namespaces listed by lsns with a snapshot of %zu namespaces and "
              "%zu processes",
              static_cast<long long>(list.size()), s.namespaces.size(), s.processes.size());
        if (list.size() < 8)
            problems << "lsns listed fewer than the eight initial namespaces";
        // Our own container's pid namespace must have been among those compared.
        const std::vector<int> shells = childrenOf(static_cast<int>(m_container.processId()));
        struct stat st;
        const QByteArray link =
            QStringLiteral("/proc/%1/ns/pid").arg(shells.empty() ? 0 : shells[0]).toLocal8Bit();
        if (shells.empty() || ::stat(link.constData(), &st) != 0)
            problems << "the test's container is gone";
        else if (std::none_of(list.begin(), list.end(), [&](const QJsonValue& v) {
                     return v.toObject()["ns"].toVariant().toULongLong() == st.st_ino;
                 }))
            problems << "lsns did not list the test's container pid namespace";
        return problems.join("; ");
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("the oracle compares a full view: it needs root");
        if (QStandardPaths::findExecutable("lsns").isEmpty())
            QSKIP("lsns is not installed");
        m_container.start("unshare", {"--fork", "--pid", "--mount-proc", "--net", "--uts", "--ipc",
                                      "sh", "-c", "sleep 1000 & sleep 1000 & wait"});
        QVERIFY(m_container.waitForStarted(20000));
        // Wait until both sleeps run inside (unshare → sh, pid 1 there → two sleeps).
        const int unsharePid = static_cast<int>(m_container.processId());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const std::vector<int> shells = childrenOf(unsharePid);
                return shells.size() == 1 && childrenOf(shells[0]).size() == 2;
            }(),
            20000);
    }

    void cleanupTestCase()
    {
        if (m_container.state() == QProcess::NotRunning)
            return;
        // SIGKILL to the shell, pid 1 of the new pid namespace, takes the sleeps with it.
        for (int shell : childrenOf(static_cast<int>(m_container.processId())))
            ::kill(shell, SIGKILL);
        m_container.kill();
        m_container.waitForFinished(20000);
    }

    void everyLsnsNamespaceIsInTheSnapshot()
    {
        // Other work on the machine may start or end processes during every comparison: try
        // again, briefly, until one was undisturbed or the budget is spent.
        QString last;
        int attempts = 0;
        for (const QDeadlineTimer deadline = nsx::test::busyMachineDeadline();
             !deadline.hasExpired();) {
            bool stable = false;
            last = compareOnce(stable);
            ++attempts;
            if (stable) {
                QVERIFY2(last.isEmpty(), qPrintable(last));
                return;
            }
            QTest::qWait(std::min(100 * attempts, 1000));
        }
        QFAIL(qPrintable(QStringLiteral("the system never stood still during a comparison in %1 "
                                        "attempts (%2 s): %3")
                             .arg(attempts)
                             .arg(nsx::test::kBusyMachineBudget.count())
                             .arg(last)));
    }
};

QTEST_GUILESS_MAIN(TestScannerOracle)
#include "tst_scanner_oracle.moc"
