// backend/process_control on real processes: children forked here, pinned by their start time,
// signalled through pidfds; a pid pinned with the wrong start time is never signalled.
#include "nsfs.h"
#include "process_control.h"
#include "snapshot.h"

#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;

namespace {

// Signal masks of /proc/PID/status ("SigIgn", "SigCgt"); false when unreadable.
bool signalMasks(pid_t pid, unsigned long long& ignored, unsigned long long& caught)
{
    FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r");
    if (!f)
        return false;
    char line[256];
    int found = 0;
    while (found < 2 && std::fgets(line, sizeof line, f))
        found += std::sscanf(line, "SigIgn: %llx", &ignored) +
                 std::sscanf(line, "SigCgt: %llx", &caught);
    std::fclose(f);
    return found == 2;
}

// A child that ignores `ignored` signals and waits to be killed. Returned once its signal
// dispositions are in place (no test races the child's start), -1 if they never are.
pid_t spawn(std::initializer_list<int> ignored = {})
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        // QtTest's crash handlers (a stack trace on SIGTERM, SIGHUP...) are not the child's.
        for (int sig = 1; sig < NSIG; ++sig)
            ::signal(sig, SIG_DFL);
        for (int sig : ignored)
            ::signal(sig, SIG_IGN);
        for (;;)
            ::pause();
    }
    unsigned long long want = 0;
    for (int sig : ignored)
        want |= 1ULL << (sig - 1);
    for (int i = 0; pid > 0 && i < 2500; ++i) {
        unsigned long long ign = 0, cgt = 0;
        // Signals 32 and 33 stay glibc's: only the standard ones count.
        if (signalMasks(pid, ign, cgt) && (cgt & 0x7fffffffULL) == 0 && (ign & want) == want)
            return pid;
        ::usleep(2000);
    }
    return -1;
}

// The child's start time (its stat is readable at once).
std::uint64_t startOf(pid_t pid)
{
    return liveStat(pid).start;
}

// Waits for the child; the signal that ended it, or 0.
int reap(pid_t pid)
{
    int status = 0;
    if (pid <= 0 || ::waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

Process proc(int pid, int ppid, std::uint64_t start = 0)
{
    Process p;
    p.pid = pid;
    p.ppid = ppid;
    p.startTime = start;
    return p;
}

} // namespace

class TestProcessControl : public QObject
{
    Q_OBJECT
private slots:
    void liveStatOfThisProcess()
    {
        const LiveStat self = liveStat(::getpid());
        QCOMPARE(self.state, 'R');
        QVERIFY(self.start > 0);
        QVERIFY(running(::getpid()));
        const LiveStat none = liveStat(0);
        QCOMPARE(none.state, char(0));
        QCOMPARE(none.start, std::uint64_t(0));
    }

    void pidfdOnlyForTheSameProcess()
    {
        const pid_t child = spawn();
        QVERIFY(child > 0);
        const std::uint64_t start = startOf(child);
        QVERIFY(start > 0);
        {
            const nsfs::UniqueFd same(pidfdIfSame(child, start));
            QVERIFY(same);
            QVERIFY(pidfdAlive(same.get()));
            // Another start time under the same pid: a reused pid, refused.
            QCOMPARE(pidfdIfSame(child, start + 1), -1);
            QCOMPARE(pidfdIfSame(child, 0), -1);
            QVERIFY(signalPidfd(same.get(), SIGKILL));
            QCOMPARE(reap(child), SIGKILL);
            // Reaped: the pidfd outlives the process and says so.
            QVERIFY(!pidfdAlive(same.get()));
        }
        QCOMPARE(pidfdIfSame(child, start), -1);
        QVERIFY(!running(child));
    }

    void zombieIsNotRunning()
    {
        const pid_t child = ::fork();
        if (child == 0)
            ::_exit(0);
        QVERIFY(child > 0);
        // Not reaped yet: a zombie until waitpid.
        QTRY_COMPARE(liveStat(child).state, 'Z');
        QVERIFY(!running(child));
        QCOMPARE(reap(child), 0);
    }

    // SIGHUP first, then SIGTERM: a payload that ignores SIGHUP (nohup) still ends.
    void stopSignalsReachAPayloadIgnoringHup()
    {
        const pid_t hupEnds = spawn();
        const pid_t nohup = spawn({SIGHUP});
        QVERIFY(hupEnds > 0 && nohup > 0);
        for (pid_t pid : {hupEnds, nohup}) {
            const nsfs::UniqueFd fd(pidfdIfSame(pid, startOf(pid)));
            QVERIFY(fd);
            QVERIFY(sendStopSignals(fd.get()));
        }
        QCOMPARE(reap(hupEnds), SIGHUP);
        QCOMPARE(reap(nohup), SIGTERM);
        // Gone: the first signal fails, with the reason.
        const pid_t gone = spawn();
        const nsfs::UniqueFd fd(pidfdIfSame(gone, startOf(gone)));
        QVERIFY(fd);
        ::kill(gone, SIGKILL);
        QCOMPARE(reap(gone), SIGKILL);
        errno = 0;
        QVERIFY(!sendStopSignals(fd.get()));
        QCOMPARE(errno, ESRCH);
    }

    // After the grace period: the helper and its members still there get SIGKILL; a member
    // pinned with a start time that is not its process's (its pid reused) is left alone.
    void killRemainingKillsOnlyWhatWasShown()
    {
        const pid_t helper = spawn({SIGHUP, SIGTERM});
        const pid_t member = spawn({SIGHUP, SIGTERM});
        const pid_t stranger = spawn({SIGHUP, SIGTERM});
        QVERIFY(helper > 0 && member > 0 && stranger > 0);
        const nsfs::UniqueFd helperFd(pidfdIfSame(helper, startOf(helper)));
        QVERIFY(helperFd);
        QVERIFY(sendStopSignals(helperFd.get())); // ignored
        QVERIFY(running(helper));
        const std::vector<PinnedProcess> members{{member, startOf(member)},
                                                 {stranger, startOf(stranger) + 1}};
        const KillCount n = killRemaining(helperFd.get(), helper, members);
        QCOMPARE(n.killed, 2);
        QCOMPARE(n.refused, 0);
        QCOMPARE(reap(helper), SIGKILL);
        QCOMPARE(reap(member), SIGKILL);
        QVERIFY(running(stranger));
        // Everything already gone: nothing to kill, nothing refused.
        const KillCount again = killRemaining(helperFd.get(), helper, {{member, 1}});
        QCOMPARE(again.killed, 0);
        QCOMPARE(again.refused, 0);
        ::kill(stranger, SIGKILL);
        QCOMPARE(reap(stranger), SIGKILL);
    }

    // The members of a container are the helper's descendants, however deep, and nothing else.
    void containerMembersAreDescendants()
    {
        Snapshot s;
        s.processes = {proc(1, 0),       proc(10, 1, 100), proc(11, 10, 110), proc(12, 11, 120),
                       proc(13, 1, 130), proc(20, 21),     proc(21, 20)}; // 20, 21: a cycle
        const auto members = containerMembers(s, 10);
        const std::vector<PinnedProcess> expected{{11, 110}, {12, 120}};
        QCOMPARE(members, expected);
        QVERIFY(containerMembers(s, 13).empty());
        QVERIFY(containerMembers(s, 99).empty());
    }

    // Only our helper counts: a process named like it, running something else, is no container.
    void helperOnlyWhenItRunsOurHelper()
    {
        Snapshot s;
        Process impostor = proc(::getpid(), 1, startOf(::getpid()));
        impostor.comm = "nsexplorer-help";
        Process child = proc(::getpid() + 1, ::getpid());
        s.processes = {proc(1, 0), impostor, child};
        QCOMPARE(containerHelperOfProcess(s, child.pid, "/nonexistent/nsexplorer-helper"), nullptr);
        QCOMPARE(containerHelperOfProcess(s, 12345678, "/nonexistent/nsexplorer-helper"), nullptr);
        QCOMPARE(containerHelperOfNamespace(s, NsType::Net, 1, "/nonexistent/nsexplorer-helper"),
                 nullptr);
    }
};

QTEST_GUILESS_MAIN(TestProcessControl)
#include "tst_process_control.moc"
