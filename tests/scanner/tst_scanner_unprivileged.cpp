// A scan as an ordinary user (ctest runs this through run-as-nobody.sh, uid 65534): it
// completes, says it is incomplete, lists the namespace links it was refused, still shows
// every process and everything about its own namespaces, and a user namespace it made itself.
#include "live_system.h"
#include "scanner.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <csignal>
#include <set>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace nsx::backend;
using nsx::test::pidsNow;

namespace {

std::uint64_t nsInode(int pid, const char* type)
{
    struct stat st;
    const QByteArray path = QStringLiteral("/proc/%1/ns/%2").arg(pid).arg(type).toLocal8Bit();
    return ::stat(path.constData(), &st) == 0 ? st.st_ino : 0;
}

QByteArray commOf(int pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

} // namespace

class TestScannerUnprivileged : public QObject
{
    Q_OBJECT

    int m_child = 0;

private slots:
    void initTestCase()
    {
        if (::geteuid() == 0)
            QSKIP("run through tests/run-as-nobody.sh: this test is about an ordinary user");
    }

    void cleanupTestCase()
    {
        if (m_child > 0) {
            ::kill(m_child, SIGKILL);
            ::waitpid(m_child, nullptr, 0);
        }
    }

    void scanAsOrdinaryUser()
    {
        const std::set<int> before = pidsNow();
        Scanner scanner;
        const Snapshot s = scanner.scan();
        const std::set<int> after = pidsNow();

        QCOMPARE(s.scannerUid, static_cast<std::uint32_t>(::geteuid()));
        QVERIFY(!s.complete);
        QVERIFY(!s.errors.empty());
        // Root's processes refuse their namespace links to us, and say so.
        bool refusedLink = false;
        for (const ScanError& e : s.errors)
            if (e.error == "EACCES" && e.path.find("/ns/") != std::string::npos && e.pid > 0)
                refusedLink = true;
        QVERIFY(refusedLink);

        // Every process that lived through the scan is listed, readable or not.
        for (int pid : before)
            if (after.count(pid))
                QVERIFY2(s.findProcess(pid), qPrintable(QStringLiteral("pid %1").arg(pid)));

        // Our own process and namespaces, completely.
        const Process* self = s.findProcess(::getpid());
        QVERIFY(self);
        QCOMPARE(self->uid, std::optional<std::uint32_t>(::geteuid()));
        for (NsType t : kAllNsTypes) {
            const std::uint64_t ino = nsInode(::getpid(), toString(t).data());
            if (!ino)
                continue; // a kernel without this type
            QCOMPARE(self->namespaces[index(t)], std::optional<std::uint64_t>(ino));
            const Namespace* ns = s.findNamespace(t, ino);
            QVERIFY(ns);
            QVERIFY(std::binary_search(ns->processes.begin(), ns->processes.end(), ::getpid()));
        }
        struct utsname u;
        ::uname(&u);
        const Namespace* uts = s.findNamespace(NsType::Uts, nsInode(::getpid(), "uts"));
        QCOMPARE(uts->details.hostname, std::optional<std::string>(u.nodename));
        const Namespace* net = s.findNamespace(NsType::Net, nsInode(::getpid(), "net"));
        QVERIFY(net->details.interfaces && !net->details.interfaces->empty());
        const Namespace* ipc = s.findNamespace(NsType::Ipc, nsInode(::getpid(), "ipc"));
        QVERIFY(ipc->details.msgQueues);
        const Namespace* user = s.findNamespace(NsType::User, nsInode(::getpid(), "user"));
        QVERIFY(user->details.uidMap && !user->details.uidMap->empty());
    }

    void ownUserNamespace()
    {
        if (QStandardPaths::findExecutable("unshare").isEmpty())
            QSKIP("unshare is not installed");
        // A hostname and a message queue of its own, set from inside; sleep keeps it.
        char* argv[] = {const_cast<char*>("unshare"),
                        const_cast<char*>("-Urn"),
                        const_cast<char*>("--uts"),
                        const_cast<char*>("--ipc"),
                        const_cast<char*>("sh"),
                        const_cast<char*>("-c"),
                        const_cast<char*>("hostname nsx-own-uts && ipcmk -Q >/dev/null && "
                                          "exec sleep 1000"),
                        nullptr};
        pid_t pid = 0;
        QCOMPARE(::posix_spawnp(&pid, "unshare", nullptr, nullptr, argv, environ), 0);
        m_child = pid;
        QTRY_VERIFY_WITH_TIMEOUT(commOf(pid) == "sleep" || ::waitpid(pid, nullptr, WNOHANG) != 0,
                                 20000);
        if (commOf(pid) != "sleep" || nsInode(pid, "user") == nsInode(::getpid(), "user"))
            QSKIP("unprivileged user namespaces are disabled here");

        Scanner scanner;
        const Snapshot s = scanner.scan();
        const std::uint64_t mine = nsInode(pid, "user");
        const Namespace* user = s.findNamespace(NsType::User, mine);
        QVERIFY(user);
        QCOMPARE(user->processes, std::vector<int>{pid});
        QCOMPARE(user->parent, std::optional<std::uint64_t>(nsInode(::getpid(), "user")));
        QCOMPARE(user->ownerUid, std::optional<std::uint32_t>(::geteuid()));
        QVERIFY(user->details.uidMap);
        QCOMPARE(*user->details.uidMap, (std::vector<IdMapEntry>{{0, ::geteuid(), 1}}));
        const Namespace* net = s.findNamespace(NsType::Net, nsInode(pid, "net"));
        QVERIFY(net);
        QCOMPARE(net->owner, std::optional<std::uint64_t>(mine));
        // Joining it directly needs CAP_SYS_ADMIN in our own user namespace too, which only
        // its owning user namespace — ours — gives: the scanner enters through that (as
        // `nsenter -U -n -t PID --preserve-credentials` would) and reads what 65534 may read.
        QVERIFY2(net->details.interfaces, "no interfaces for a net namespace 65534 owns");
        QVERIFY(std::any_of(net->details.interfaces->begin(), net->details.interfaces->end(),
                            [](const auto& i) { return i.name == "lo"; }));
        const Namespace* uts = s.findNamespace(NsType::Uts, nsInode(pid, "uts"));
        QVERIFY(uts && uts->owner == std::optional<std::uint64_t>(mine));
        QCOMPARE(uts->details.hostname, std::optional<std::string>("nsx-own-uts"));
        const Namespace* ipc = s.findNamespace(NsType::Ipc, nsInode(pid, "ipc"));
        QVERIFY(ipc && ipc->owner == std::optional<std::uint64_t>(mine));
        QCOMPARE(ipc->details.msgQueues, std::optional<std::int64_t>(1));
        QCOMPARE(ipc->details.shmSegments, std::optional<std::int64_t>(0));
        for (const ScanError& e : s.errors)
            QVERIFY2(e.pid != pid, qPrintable(QString::fromStdString(e.path + ": " + e.error)));
        // Not through someone else's user namespace: PID 1's are root's, and stay unread
        // (scanAsOrdinaryUser checks the host's own). The scan leaves no child behind.
        QCOMPARE(::waitpid(-1, nullptr, WNOHANG), 0);
    }
};

QTEST_GUILESS_MAIN(TestScannerUnprivileged)
#include "tst_scanner_unprivileged.moc"
