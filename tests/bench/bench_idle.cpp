// bench_idle [CONTAINERS [PROCESSES [SECONDS]]] — defaults 200 5 60. As root.
//
// What watching costs (issue 17): the real GUI pipeline (MainWindow offscreen: its Poller on the
// worker thread, the models and views, the charts dock) left alone on By type while the machine
// holds CONTAINERS containers of PROCESSES processes (bench_containers.h), next to htop
// refreshing every second (`htop -d 10` in a tmux session) in the same run. Four phases of
// SECONDS each:
//   full  quiet   the old poller: a full scan every poll (NSX_POLL=full)
//   full  churn   the same while a small churn runs (10 namespaced processes born a second,
//                 each living 0.3 s)
//   events quiet  the event-driven poller (EventScanner: rescans of what changed, a full scan
//                 every 30 s)
//   events churn
// Per phase (stdout): polls, polls that brought a snapshot, this process's CPU (all threads,
// less the bench's own event listener) as % of one core and per poll, htop's CPU from
// /proc/PID/stat (utime + stime) over the same seconds, their ratio; and the equivalence check
// (snapshot_equivalence.h): the poller's latest snapshot against a full scan at the end of the
// phase, excusing the processes that events named since that snapshot's scan started.
// NSX_BENCH_IDLE_PHASES="events churn": only the phases both of whose words are listed.
// Asserts nothing. Everything it started is killed at the end (also on Ctrl+C).
#include "../churn/snapshot_equivalence.h"
#include "bench_containers.h"
#include "log_to_stderr.h"
#include "main_window.h"
#include "poller.h"
#include "proc_events.h"
#include "scanner.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

using namespace nsx;

namespace {

double cpuMsSelf()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

// utime + stime of a process, in ms; -1 when gone.
double cpuMsOf(int pid)
{
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const auto close = s.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream in(s.substr(close + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {
        if (i == 14)
            utime = std::stoull(field);
        if (i == 15)
            stime = std::stoull(field);
    }
    return double(utime + stime) * 1e3 / double(::sysconf(_SC_CLK_TCK));
}

std::string run(const std::string& cmd)
{
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[256];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        ::pclose(p);
    }
    return out;
}

// htop in a detached tmux session (a terminal of its own), refreshing every second.
class Htop
{
public:
    Htop()
    {
        m_session = "events-htop-" + std::to_string(::getpid());
        run("tmux new-session -d -s " + m_session + " -x 200 -y 50 'exec htop -d 10' 2>&1");
        ::usleep(500000);
        m_pid = std::atoi(run("tmux list-panes -t " + m_session + " -F '#{pane_pid}'").c_str());
    }
    ~Htop() { run("tmux kill-session -t " + m_session + " 2>&1"); }
    int pid() const { return m_pid; }

private:
    std::string m_session;
    int m_pid = 0;
};

// A small, steady churn: 5 namespaced processes (each in new pid, uts, ipc and net namespaces,
// living 0.3 s) every half second, in a process group killed at the end.
class SmallChurn
{
public:
    SmallChurn()
    {
        m_pid = ::fork();
        if (m_pid == 0) {
            ::setpgid(0, 0);
            const char* script = "while :; do for i in 1 2 3 4 5; do unshare --fork --pid --uts "
                                 "--ipc --net sh -c 'sleep 0.3' & done; sleep 0.5; wait; done";
            ::execl("/bin/bash", "bash", "-c", script, static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (m_pid > 0)
            ::setpgid(m_pid, m_pid);
    }
    ~SmallChurn()
    {
        if (m_pid > 0) {
            ::kill(-m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }

private:
    pid_t m_pid = -1;
};

// The bench's own process-events listener, on a thread of its own whose CPU time is left out
// of the GUI's: every mark with its time, for the equivalence check's excuses.
class Listener
{
public:
    Listener()
    {
        if (m_events.open() != 0)
            return;
        m_thread = std::thread([this] {
            pollfd p{m_events.fd(), POLLIN, 0};
            while (!m_stop) {
                ::poll(&p, 1, 50);
                std::vector<std::pair<std::uint64_t, int>> got;
                backend::ProcEvents::Changes c;
                // Not this process's own events (its scans' threads).
                m_events.drain(c, static_cast<int>(::getpid()), &got);
                // The reaper (see spin()) runs here too, so its cost — wait4 walks all of this
                // process's children, the containers, at every call: 5 % of the samples at
                // 2,000x5 — is not counted as the GUI's.
                while (::waitpid(-1, nullptr, WNOHANG) > 0) {
                }
                timespec ts{};
                ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
                std::lock_guard lock(m_mutex);
                m_overflow = m_overflow || c.overflow;
                m_timeline.insert(m_timeline.end(), got.begin(), got.end());
                m_cpuMs = double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
            }
        });
    }
    ~Listener()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    bool ok() const { return m_thread.joinable(); }
    double cpuMs()
    {
        std::lock_guard lock(m_mutex);
        return m_cpuMs;
    }
    // Pids named by events at or after `sinceNs`; clears the timeline up to now.
    std::vector<int> since(std::int64_t sinceNs, bool& overflow)
    {
        std::lock_guard lock(m_mutex);
        std::vector<int> out;
        // Nor this process as a parent (it spawns htop's tmux: a fork marks the parent): the
        // containers are its children, and marking it excused every one of them from the
        // comparison (1,204 of 1,271 processes in the quiet phases, before).
        const int self = static_cast<int>(::getpid());
        for (auto [t, pid] : m_timeline)
            if (std::int64_t(t) >= sinceNs && pid != self)
                out.push_back(pid);
        overflow = m_overflow;
        m_overflow = false;
        m_timeline.clear();
        return out;
    }

private:
    backend::ProcEvents m_events;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::vector<std::pair<std::uint64_t, int>> m_timeline;
    bool m_overflow = false;
    double m_cpuMs = 0;
};

// Runs the event loop for ms, reaping dead children meanwhile: this process is the
// containers' subreaper, so the churn's orphans come back to it, and as zombies left unreaped
// (no init here to do it) they made every later poll a rescan (the scanner reads zombies again
// until they are reaped), which no real machine's idle GUI pays. The Listener's thread reaps
// when it runs (its CPU time is left out); else this thread does.
std::atomic<bool> g_listenerReaps{false};
void spin(int ms)
{
    QEventLoop loop;
    QTimer reaper;
    QObject::connect(&reaper, &QTimer::timeout, [] {
        while (!g_listenerReaps && ::waitpid(-1, nullptr, WNOHANG) > 0) {
        }
    });
    reaper.start(100);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

std::int64_t monotonicNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Phase
{
    std::string name;
    double cpuPct = 0, cpuPerPoll = 0, htopPct = 0;
    int polls = 0, snapshots = 0;
};

} // namespace

int main(int argc, char** argv)
{
    backend::logToStderr();
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_idle: needs root (it makes containers)\n");
        return 1;
    }
    const int containers = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const int processes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int seconds = argc > 3 ? std::max(5, std::atoi(argv[3])) : 60;
    test::bench::catchSignals();
    std::printf("# bench_idle: %d containers of %d processes, %d s per phase\n", containers,
                processes, seconds);
    std::fflush(stdout);
    if (!test::bench::startContainers(containers, processes)) {
        test::bench::reapContainers();
        return 1;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Htop htop;
    if (htop.pid() <= 0)
        std::fprintf(stderr, "bench_idle: htop did not start (apt-get install htop tmux)\n");
    Listener listener;
    if (!listener.ok())
        std::fprintf(stderr, "bench_idle: no process events: the equivalence check is off\n");
    g_listenerReaps = listener.ok();
    // NSX_BENCH_IDLE_PHASES="events churn" (any of the words full, events, quiet, churn): only
    // the phases whose both words are listed, for profiling one of them.
    const QString only = qEnvironmentVariable("NSX_BENCH_IDLE_PHASES");
    auto wanted = [&](const char* word) {
        return only.isEmpty() || only.split(u' ', Qt::SkipEmptyParts).contains(QLatin1String(word));
    };

    std::vector<Phase> phases;
    std::printf("#phase         procs    nss  polls snaps  cpu_%%  cpu_ms/poll  htop_%%  ratio  "
                "equivalence\n");
    for (const char* mode : {"full", "events"}) {
        for (const bool churning : {false, true}) {
            if (test::bench::g_stop)
                break;
            if (!wanted(mode) || !wanted(churning ? "churn" : "quiet"))
                continue;
            qputenv("NSX_POLL", mode);
            std::unique_ptr<SmallChurn> churn;
            if (churning)
                churn = std::make_unique<SmallChurn>();
            gui::MainWindow::Options o;
            o.live = true;
            o.loadSettings = false;
            auto w = std::make_unique<gui::MainWindow>(o);
            w->resize(1400, 900);
            w->setCurrentView(gui::MainWindow::View::ByType);
            w->show();
            int polls = 0, snapshots = 0;
            QObject::connect(w.get(), &gui::MainWindow::snapshotApplied, [&] {
                ++polls;
                ++snapshots;
            });
            QObject::connect(w.get(), &gui::MainWindow::pollUnchanged, [&] { ++polls; });
            spin(4000); // the first full scans, the views and charts filled
            polls = snapshots = 0;
            const double cpu0 = cpuMsSelf(), listen0 = listener.cpuMs();
            const double htop0 = htop.pid() > 0 ? cpuMsOf(htop.pid()) : -1;
            QElapsedTimer wall;
            wall.start();
            spin(seconds * 1000);
            const double wallMs = double(wall.elapsed());
            const double cpu = cpuMsSelf() - cpu0 - (listener.cpuMs() - listen0);
            const double htopMs = htop.pid() > 0 ? cpuMsOf(htop.pid()) - htop0 : -1;
            // The truth check, at the end of the phase.
            model::SnapshotPtr held = w->poller()->latest();
            const std::int64_t heldStart = w->poller()->latestStartedNs();
            const backend::Snapshot full = backend::Scanner().scan();
            const std::int64_t fullEnd = monotonicNs();
            while (monotonicNs() - fullEnd < 150 * 1000000LL) // the listener's next drain
                ::usleep(20000);
            bool overflow = false;
            const std::vector<int> excused = listener.since(heldStart, overflow);
            Phase p;
            p.name = std::string(mode) + (churning ? " churn" : " quiet");
            p.polls = polls;
            p.snapshots = snapshots;
            p.cpuPct = 100 * cpu / wallMs;
            p.cpuPerPoll = polls ? cpu / polls : 0;
            p.htopPct = htopMs >= 0 ? 100 * htopMs / wallMs : -1;
            std::string eqText = "not checked (no events)";
            test::Equivalence eq;
            if (listener.ok() && held && !overflow) {
                eq = test::compareWithFull(*held, full, excused);
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "%s (%zu procs, %zu nss compared; %zu excused; %zu "
                              "differences)",
                              eq.ok() ? "OK" : "FAILED", eq.processesCompared,
                              eq.namespacesCompared, eq.processesExcused, eq.differenceCount);
                eqText = buf;
            } else if (overflow) {
                eqText = "not checked (the listener lost events)";
            }
            std::printf("%-13s %6zu %6zu %6d %5d %6.2f %12.2f %7.2f %6.2f  %s\n", p.name.c_str(),
                        full.processes.size(), full.namespaces.size(), p.polls, p.snapshots,
                        p.cpuPct, p.cpuPerPoll, p.htopPct,
                        p.htopPct > 0 ? p.cpuPct / p.htopPct : 0.0, eqText.c_str());
            for (const std::string& d : eq.differences)
                std::printf("#   %s\n", d.c_str());
            std::fflush(stdout);
            phases.push_back(p);
            w.reset();
            churn.reset();
        }
    }
    if (phases.size() == 4)
        std::printf("# events vs full: quiet %.2f -> %.2f %% of a core (x%.2f), churn %.2f -> "
                    "%.2f %% (x%.2f)\n",
                    phases[0].cpuPct, phases[2].cpuPct, phases[2].cpuPct / phases[0].cpuPct,
                    phases[1].cpuPct, phases[3].cpuPct, phases[3].cpuPct / phases[1].cpuPct);
    test::bench::reapContainers();
    return test::bench::g_stop ? 130 : 0;
}
