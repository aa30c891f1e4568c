// What a reused Scanner takes over from its previous scan (ProcessMemo and NsLineage in
// scanner.cpp) must never show in a snapshot: a Scanner kept across scans, as the GUI's poller
// keeps one, reports exactly what a new Scanner reports and what the kernel says, also when
// a watched process changes its uid and namespaces, when its pid is given to another process,
// and when a namespace inode is given to another namespace. As root (processes are forked
// and changed here); each case kills what it started, also when a check fails.
#include "live_system.h"
#include "procfs.h"
#include "scanner.h"

#include <QtTest>

#include <array>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;

namespace {

std::uint64_t nsInode(int pid, const char* type)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/ns/%s", pid, type);
    struct stat st;
    return ::stat(path, &st) == 0 ? st.st_ino : 0;
}

// The owning user namespace of /proc/PID/ns/TYPE, by the ioctl itself.
std::uint64_t ownerInode(int pid, const char* type)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/ns/%s", pid, type);
    int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int owner = ::ioctl(fd, NS_GET_USERNS);
    ::close(fd);
    if (owner < 0)
        return 0;
    struct stat st;
    const std::uint64_t ino = ::fstat(owner, &st) == 0 ? st.st_ino : 0;
    ::close(owner);
    return ino;
}

// A forked child that runs its steps one at a time when told, answering after each; it
// ends when its Child object goes (SIGKILL, reaped) or when this process dies.
class Child
{
public:
    explicit Child(std::vector<std::function<bool()>> steps, bool* forked = nullptr)
    {
        int down[2], up[2];
        if (::pipe2(down, O_CLOEXEC) != 0)
            return;
        if (::pipe2(up, O_CLOEXEC) != 0) {
            ::close(down[0]);
            ::close(down[1]);
            return;
        }
        m_pid = ::fork();
        if (m_pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            char c;
            for (auto& step : steps) {
                if (::read(down[0], &c, 1) != 1)
                    ::_exit(0);
                c = step() ? 1 : 0;
                if (::write(up[1], &c, 1) != 1)
                    ::_exit(0);
            }
            while (::read(down[0], &c, 1) == 1) {
            }
            ::_exit(0);
        }
        ::close(down[0]);
        ::close(up[1]);
        m_down = down[1];
        m_up = up[0];
        if (forked)
            *forked = m_pid > 0;
    }
    ~Child()
    {
        stop();
        if (m_down >= 0)
            ::close(m_down);
        if (m_up >= 0)
            ::close(m_up);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return m_pid; }
    // Runs the next step in the child; true when it reported success.
    bool step()
    {
        char c = 0;
        return m_pid > 0 && ::write(m_down, "x", 1) == 1 && ::read(m_up, &c, 1) == 1 && c == 1;
    }
    void stop()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }

private:
    pid_t m_pid = -1;
    int m_down = -1, m_up = -1;
};

const Process* findProcess(const Snapshot& s, int pid)
{
    for (const Process& p : s.processes)
        if (p.pid == pid)
            return &p;
    return nullptr;
}

// The warm scan's record of pid must be the cold scan's and carry the kernel's inodes.
void checkProcess(const Snapshot& warm, const Snapshot& cold, int pid)
{
    const Process* w = findProcess(warm, pid);
    const Process* c = findProcess(cold, pid);
    QVERIFY2(w && c, "process missing from a scan");
    QCOMPARE(w->uid, c->uid);
    QCOMPARE(w->nspid, c->nspid);
    QCOMPARE(w->startTime, c->startTime);
    QCOMPARE(w->cmdline, c->cmdline);
    for (NsType t : kAllNsTypes) {
        QCOMPARE(w->namespaces[index(t)], c->namespaces[index(t)]);
        QCOMPARE(w->namespaces[index(t)].value_or(0), nsInode(pid, toString(t).data()));
    }
}

// Our pid as the next fork's: ns_last_pid set just before fork (other processes forking at
// the same moment can take it first; then try again).
bool setLastPid(pid_t last)
{
    int fd = ::open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char text[16];
    const int n = std::snprintf(text, sizeof text, "%d", last);
    const bool ok = ::write(fd, text, n) == n;
    ::close(fd);
    return ok;
}

} // namespace

class TestScannerMemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("forks processes that change uid and namespaces: needs root");
    }

    // The uid, uts/net namespaces and pid_for_children of a watched process change between
    // scans; its pid namespace cannot (unshare(CLONE_NEWPID) moves only its children).
    void changesSeenByReusedScanner()
    {
        Child child({[] { return ::unshare(CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWPID) == 0; },
                     [] { return ::setresuid(65534, 65534, 65534) == 0; }});
        QVERIFY(child.pid() > 0);
        const int pid = child.pid();
        Scanner warm;
        warm.scan();
        Snapshot before = warm.scan();
        checkProcess(before, Scanner().scan(), pid);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(findProcess(before, pid)->uid, std::optional<std::uint32_t>(0));
        const std::uint64_t pidNs = nsInode(pid, "pid");
        const std::uint64_t uts = nsInode(pid, "uts");

        QVERIFY(child.step()); // new uts, net; pid_for_children
        QVERIFY(nsInode(pid, "uts") != uts);
        QCOMPARE(nsInode(pid, "pid"), pidNs);
        QVERIFY(nsInode(pid, "pid_for_children") != pidNs);
        Snapshot after = warm.scan();
        checkProcess(after, Scanner().scan(), pid);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(after.findNamespace(NsType::Uts, nsInode(pid, "uts")));

        QVERIFY(child.step()); // uid 65534
        Snapshot third = warm.scan();
        checkProcess(third, Scanner().scan(), pid);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(findProcess(third, pid)->uid, std::optional<std::uint32_t>(65534));
        QCOMPARE(findProcess(third, pid)->user, std::optional<std::string>("nobody"));
    }

    // A pid the previous scan saw in a child pid namespace goes to a process of ours: the
    // reused Scanner must not carry the old pid namespace or NSpid over to it.
    void reusedPidIsAnotherProcess()
    {
        // The first owner of the pid: init of a new pid namespace, forked by a middle child.
        int report[2];
        QVERIFY(::pipe2(report, O_CLOEXEC) == 0);
        pid_t middle = ::fork();
        if (middle == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::unshare(CLONE_NEWPID) != 0)
                ::_exit(1);
            pid_t init = ::fork();
            if (init == 0) {
                ::prctl(PR_SET_PDEATHSIG, SIGKILL);
                ::pause();
                ::_exit(0);
            }
            if (::write(report[1], &init, sizeof init) != sizeof init)
                ::_exit(1);
            ::waitpid(init, nullptr, 0);
            ::_exit(0);
        }
        ::close(report[1]);
        pid_t first = -1;
        const bool reported = ::read(report[0], &first, sizeof first) == sizeof first;
        ::close(report[0]);
        auto stopMiddle = qScopeGuard([&] {
            ::kill(middle, SIGKILL);
            ::waitpid(middle, nullptr, 0);
        });
        QVERIFY(reported && first > 1);
        const std::uint64_t ownPidNs = nsInode(::getpid(), "pid");
        QVERIFY(nsInode(first, "pid") != ownPidNs);

        Scanner warm;
        warm.scan();
        const Snapshot seen = warm.scan();
        const Process* old = findProcess(seen, first);
        QVERIFY(old && old->nspid && old->nspid->size() == 2);
        QCOMPARE(old->namespaces[index(NsType::Pid)].value_or(0), nsInode(first, "pid"));

        ::kill(middle, SIGKILL); // takes its pid namespace's init (first) with it
        ::waitpid(middle, nullptr, 0);
        stopMiddle.dismiss();
        QTRY_VERIFY_WITH_TIMEOUT(::kill(first, 0) != 0, 20000);

        // The same pid for a process in our own pid namespace.
        // Other processes forking meanwhile may take the pid first: again, until the budget
        // is spent.
        std::unique_ptr<Child> again;
        int attempts = 0;
        for (const QDeadlineTimer deadline = nsx::test::busyMachineDeadline();
             !again && !deadline.hasExpired(); ++attempts) {
            if (!setLastPid(first - 1))
                QSKIP("cannot write /proc/sys/kernel/ns_last_pid");
            auto c = std::make_unique<Child>(std::vector<std::function<bool()>>{});
            QVERIFY(c->pid() > 0);
            if (c->pid() == first)
                again = std::move(c);
        }
        if (!again)
            QFAIL(qPrintable(QStringLiteral("other processes kept taking pid %1 first (%2 "
                                            "attempts in %3 s)")
                                 .arg(first)
                                 .arg(attempts)
                                 .arg(nsx::test::kBusyMachineBudget.count())));
        const Snapshot now = warm.scan();
        checkProcess(now, Scanner().scan(), first);
        if (QTest::currentTestFailed())
            return;
        const Process* reused = findProcess(now, first);
        QCOMPARE(reused->nspid, std::optional<std::vector<int>>(std::vector<int>{first}));
        QCOMPARE(reused->namespaces[index(NsType::Pid)], std::optional<std::uint64_t>(ownPidNs));
        QVERIFY(reused->startTime != old->startTime);
    }

    // Nested pid namespaces watched by a reused Scanner: from the second scan on, their
    // lineage comes from the last scan (members it saw too); it must stay the kernel's.
    void nestedPidNamespacesStay()
    {
        // A middle child unshares and forks the outer init, which does the same for the inner.
        pid_t middle = ::fork();
        if (middle == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::unshare(CLONE_NEWPID) != 0)
                ::_exit(1);
            pid_t outer = ::fork();
            if (outer == 0) {
                ::prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (::unshare(CLONE_NEWPID) != 0)
                    ::_exit(1);
                pid_t inner = ::fork();
                if (inner == 0) {
                    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
                    ::pause();
                    ::_exit(0);
                }
                ::waitpid(inner, nullptr, 0);
                ::_exit(0);
            }
            ::waitpid(outer, nullptr, 0);
            ::_exit(0);
        }
        auto stop = qScopeGuard([&] {
            ::kill(middle, SIGKILL);
            ::waitpid(middle, nullptr, 0);
        });
        QVERIFY(middle > 0);
        const std::uint64_t own = nsInode(::getpid(), "pid");
        // Find the two inits among middle's descendants by their pid namespaces.
        std::uint64_t outerNs = 0, innerNs = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                outerNs = nsInode(middle, "pid_for_children");
                if (!outerNs || outerNs == own)
                    return false;
                const Snapshot s = Scanner().scan();
                for (const Process& p : s.processes)
                    if (p.nspid && p.nspid->size() == 3 && p.namespaces[index(NsType::Pid)] &&
                        nsInode(p.pid, "pid") != outerNs)
                        innerNs = *p.namespaces[index(NsType::Pid)];
                return innerNs != 0 && innerNs != outerNs;
            }(),
            20000);
        Scanner warm;
        for (int round = 0; round < 3; ++round) {
            const Snapshot s = warm.scan();
            const Namespace* outer = s.findNamespace(NsType::Pid, outerNs);
            const Namespace* inner = s.findNamespace(NsType::Pid, innerNs);
            QVERIFY(outer && inner);
            QCOMPARE(outer->parent, std::optional<std::uint64_t>(own));
            QCOMPARE(inner->parent, std::optional<std::uint64_t>(outerNs));
            QCOMPARE(outer->details.level, std::optional<int>(1));
            QCOMPARE(inner->details.level, std::optional<int>(2));
            QCOMPARE(inner->owner, std::optional<std::uint64_t>(nsInode(::getpid(), "user")));
        }
    }

    // A uts namespace inode the previous scan saw (owned by the initial user namespace) goes
    // to a new uts namespace owned by another user namespace: the owner must be the new one.
    void reusedNamespaceInode()
    {
        int attempts = 0;
        for (const QDeadlineTimer deadline = nsx::test::busyMachineDeadline();
             !deadline.hasExpired();) {
            ++attempts;
            Child first({[] { return ::unshare(CLONE_NEWUTS) == 0; }});
            QVERIFY(first.step());
            const std::uint64_t inode = nsInode(first.pid(), "uts");
            QVERIFY(inode);
            // The user namespace first, so that it does not take the freed inode itself.
            Child second({[] { return ::unshare(CLONE_NEWUSER) == 0; },
                          [] { return ::unshare(CLONE_NEWUTS) == 0; }});
            QVERIFY(second.step());
            const std::uint64_t user = nsInode(second.pid(), "user");

            Scanner warm;
            warm.scan();
            const Snapshot seen = warm.scan();
            const Namespace* n = seen.findNamespace(NsType::Uts, inode);
            QVERIFY(n);
            QCOMPARE(n->owner, std::optional<std::uint64_t>(ownerInode(first.pid(), "uts")));

            first.stop(); // the uts namespace is freed with its last process
            QVERIFY(second.step());
            if (nsInode(second.pid(), "uts") != inode)
                continue; // another namespace took the inode first: again
            QCOMPARE(ownerInode(second.pid(), "uts"), user);
            const Snapshot now = warm.scan();
            const Namespace* reused = now.findNamespace(NsType::Uts, inode);
            QVERIFY(reused);
            QCOMPARE(reused->owner, std::optional<std::uint64_t>(user));
            QCOMPARE(reused->processes, std::vector<int>{second.pid()});
            const Snapshot cold = Scanner().scan();
            const Namespace* fresh = cold.findNamespace(NsType::Uts, inode);
            QVERIFY(fresh);
            QCOMPARE(fresh->owner, reused->owner);
            return;
        }
        QFAIL(qPrintable(QStringLiteral("no uts namespace inode was handed out again in %1 "
                                        "attempts (%2 s): namespaces made elsewhere took them")
                             .arg(attempts)
                             .arg(nsx::test::kBusyMachineBudget.count())));
    }

    // A reused Scanner lists mounts through listmount/statmount and keeps, by mount id, only
    // what never changes (nsfs or not, the root mount's description): an nsfs bind mount
    // that moves, a new one, and one that goes must show at once, and every mount table must
    // say what the member's mountinfo says.
    void mountTablesFollowChanges()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const std::string dir = tmp.path().toStdString();
        const std::string a = dir + "/a", b = dir + "/b", c = dir + "/c";
        Child child(
            {[&] {
                 // A private mount namespace and uts namespace, a tmpfs, and the uts
                 // namespace bind-mounted on a file in it.
                 if (::unshare(CLONE_NEWNS | CLONE_NEWUTS) != 0 ||
                     ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
                     ::mount("nsxmemo", dir.c_str(), "tmpfs", 0, nullptr) != 0)
                     return false;
                 for (const std::string& f : {a, b, c}) {
                     int fd = ::open(f.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
                     if (fd < 0)
                         return false;
                     ::close(fd);
                 }
                 return ::mount("/proc/self/ns/uts", a.c_str(), nullptr, MS_BIND, nullptr) == 0;
             },
             [&] { return ::mount(a.c_str(), b.c_str(), nullptr, MS_MOVE, nullptr) == 0; },
             [&] {
                 return ::mount("/proc/self/ns/uts", c.c_str(), nullptr, MS_BIND, nullptr) == 0;
             },
             [&] { return ::umount2(b.c_str(), MNT_DETACH) == 0; }});
        QVERIFY(child.pid() > 0);
        const int pid = child.pid();
        Scanner reused;
        reused.scan();
        // What the child's mountinfo says, against a snapshot.
        auto check = [&](const Snapshot& s, const std::vector<std::string>& bindPaths) {
            QFile f(QStringLiteral("/proc/%1/mountinfo").arg(pid));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            const procfs::MountSummary sum = procfs::summarizeMountinfo(text.toStdString());
            const Namespace* mnt = s.findNamespace(NsType::Mnt, nsInode(pid, "mnt"));
            QVERIFY(mnt);
            QCOMPARE(mnt->details.mounts, std::optional<int>(sum.mounts));
            QCOMPARE(mnt->details.mntRoot, sum.root);
            QVERIFY(sum.root);
            const Namespace* uts = s.findNamespace(NsType::Uts, nsInode(pid, "uts"));
            QVERIFY(uts);
            std::vector<std::string> seen;
            for (const Reference& r : uts->references)
                if (r.kind == Reference::Kind::BindMount)
                    seen.push_back(r.path);
            std::vector<std::string> inMountinfo;
            // Only the test's own: the member's mount namespace is a copy of the machine's,
            // with whatever nsfs mounts it has (an `ip netns add` elsewhere, say).
            for (const procfs::MountInfoEntry& e : sum.nsfs)
                if (e.mountPoint.starts_with(dir + "/"))
                    inMountinfo.push_back(e.mountPoint);
            std::sort(inMountinfo.begin(), inMountinfo.end());
            QCOMPARE(seen, bindPaths);
            QCOMPARE(inMountinfo, bindPaths);
        };
        QVERIFY(child.step()); // bind mount at a
        reused.scan();         // the mounts are known from here on
        check(reused.scan(), {a});
        check(Scanner().scan(), {a});
        QVERIFY(child.step()); // moved to b
        check(reused.scan(), {b});
        check(Scanner().scan(), {b});
        QVERIFY(child.step()); // another one at c
        check(reused.scan(), {b, c});
        check(Scanner().scan(), {b, c});
        QVERIFY(child.step()); // b unmounted
        check(reused.scan(), {c});
        check(Scanner().scan(), {c});
    }
};

QTEST_GUILESS_MAIN(TestScannerMemo)
#include "tst_scanner_memo.moc"
