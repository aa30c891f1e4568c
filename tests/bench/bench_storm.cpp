// A namespace storm through the GUI's real pipeline: the live MainWindow
// (its Poller and Scanner on the worker thread, the tree models, proxies and views, the charts
// dock with the History) polls the real machine at its default interval while
//   1. idle      the machine as it is;
//   2. storm     waves of real namespaces (tests/storm.h) come up to NAMESPACES, then the
//                waves are replaced one by one (as many again are born and die), and the user
//                looks at every tab and chart once at the peak;
//   3. after     every storm process is killed;
//   4. idle      the machine as before, for as many polls as the first idle phase.
// Per poll (stdout, one line each, '#' lines are headers): phase, wall ms since the last
// poll, process CPU ms (all threads: scanner, GUI, details), GUI-thread CPU ms, scan ms,
// namespaces and processes in the snapshot, VmRSS, the malloc heap in use and held (mallinfo2),
// the rows of the view on screen and the History's events. Then a summary per phase, and at the
// end VmRSS after an explicit malloc_trim(0) (what glibc still held for nothing).
// Asserts nothing; logs go to stderr. Needs root.
//   bench_storm [NAMESPACES [IDLE_POLLS]]     (default 12000 namespaces at the peak, 15 polls)
// NSX_BENCH_CHART=types|top|history picks the chart on screen (default: the dock's default);
// NSX_BENCH_HISTORY_WINDOW=SECONDS sets the history chart's window (60, 600 or 3600).
// NSX_BENCH_EXIT_NOW=1 ends without destructors, so that under heaptrack whatever is still
// allocated after the storm is listed as leaked, with its call stack.
#include "charts_panel.h"
#include "history.h"
#include "log_to_stderr.h"
#include "main_window.h"
#include "poller.h"
#include "tree_model.h"

#include "../proc_self.h"
#include "../storm.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <malloc.h>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace nsx;

namespace {

double cpuMs(int who)
{
    rusage ru{};
    getrusage(who, &ru);
    return (double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3) +
           double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

struct Poll
{
    std::string phase;
    double wallMs = 0, cpuMs = 0, guiMs = 0, scanMs = 0;
    int namespaces = 0, processes = 0;
    double rssMb = 0, heapUsedMb = 0, heapHeldMb = 0;
    int rows = 0, events = 0;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

class PollLog : public QObject
{
public:
    PollLog(gui::MainWindow& w, model::History* history) : m_w(w), m_history(history)
    {
        connect(&w, &gui::MainWindow::snapshotApplied, this, &PollLog::onPoll);
        m_lastCpu = cpuMs(RUSAGE_SELF);
        m_lastGui = cpuMs(RUSAGE_THREAD);
        m_wall.start();
    }

    std::string phase = "warmup";
    std::vector<Poll> polls;

    // Runs the event loop until `n` more polls have been applied.
    void waitPolls(int n)
    {
        const std::size_t target = polls.size() + std::size_t(n);
        QEventLoop loop;
        QTimer check;
        QObject::connect(&check, &QTimer::timeout, &loop, [&] {
            if (polls.size() >= target)
                loop.quit();
        });
        check.start(20);
        loop.exec();
    }

private:
    void onPoll(model::SnapshotPtr s)
    {
        Poll p;
        p.phase = phase;
        const double cpu = cpuMs(RUSAGE_SELF), gui = cpuMs(RUSAGE_THREAD);
        p.wallMs = double(m_wall.nsecsElapsed()) / 1e6;
        m_wall.restart();
        p.cpuMs = cpu - m_lastCpu;
        p.guiMs = gui - m_lastGui;
        m_lastCpu = cpu;
        m_lastGui = gui;
        p.scanMs = m_w.poller() ? m_w.poller()->lastScanMs() : 0;
        p.namespaces = int(s->namespaces.size());
        p.processes = int(s->processes.size());
        p.rssMb = double(test::readStatusKb("VmRSS")) / 1024;
        // mallinfo2 walks every free chunk: on a fragmented heap that is milliseconds, which
        // must not count as the GUI's cost (the counters restart after it).
        const struct mallinfo2 mi = mallinfo2();
        p.heapUsedMb = double(mi.uordblks + mi.hblkhd) / 1048576;
        p.heapHeldMb = double(mi.arena + mi.hblkhd) / 1048576;
        p.rows = m_w.model(m_w.currentView())->rowsShown(); // on screen: already in sync
        p.events = m_history ? int(m_history->events().size()) : -1;
        m_lastCpu += cpuMs(RUSAGE_SELF) - cpu;
        m_lastGui += cpuMs(RUSAGE_THREAD) - gui;
        std::printf("%-8s %4zu %8.0f %8.1f %8.1f %8.0f %6d %6d %8.1f %8.1f %8.1f %7d %6d\n",
                    p.phase.c_str(), polls.size(), p.wallMs, p.cpuMs, p.guiMs, p.scanMs,
                    p.namespaces, p.processes, p.rssMb, p.heapUsedMb, p.heapHeldMb, p.rows,
                    p.events);
        std::fflush(stdout);
        polls.push_back(p);
    }

    gui::MainWindow& m_w;
    model::History* m_history;
    double m_lastCpu = 0, m_lastGui = 0;
    QElapsedTimer m_wall;
};

void summary(const std::vector<Poll>& polls, const char* phase)
{
    std::vector<double> cpu, gui, scan;
    double rssMax = 0, rssLast = 0, usedLast = 0, heldLast = 0, cpuSum = 0, wallSum = 0;
    int nsMax = 0, nsLast = 0, n = 0;
    for (const Poll& p : polls) {
        if (p.phase != phase)
            continue;
        ++n;
        cpu.push_back(p.cpuMs);
        gui.push_back(p.guiMs);
        scan.push_back(p.scanMs);
        cpuSum += p.cpuMs;
        wallSum += p.wallMs;
        rssMax = std::max(rssMax, p.rssMb);
        nsMax = std::max(nsMax, p.namespaces);
        rssLast = p.rssMb;
        usedLast = p.heapUsedMb;
        heldLast = p.heapHeldMb;
        nsLast = p.namespaces;
    }
    if (n == 0)
        return;
    std::printf("%-8s polls %3d  namespaces max %6d last %6d  CPU/poll median %7.1f ms "
                "(GUI thread %6.1f, scan %6.0f ms wall)  CPU %5.1f %%  RSS max %6.1f last %6.1f "
                "MB  heap in use %6.1f held %6.1f MB\n",
                phase, n, nsMax, nsLast, median(cpu), median(gui), median(scan),
                wallSum > 0 ? 100 * cpuSum / wallSum : 0, rssMax, rssLast, usedLast, heldLast);
}

} // namespace

int main(int argc, char** argv)
{
    backend::logToStderr(); // the figures are on stdout
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_storm: needs root (it makes real namespaces)\n");
        return 1;
    }
    const int target = argc > 1 ? std::max(400, std::atoi(argv[1])) : 12000;
    const int idlePolls = argc > 2 ? std::max(3, std::atoi(argv[2])) : 15;
    // Before QApplication and any thread: the keeper is a small single-threaded fork.
    test::Storm storm;
    if (!storm.ok()) {
        std::fprintf(stderr, "bench_storm: cannot start the storm keeper\n");
        return 1;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    // Four waves make the peak; a fifth of each wave's namespaces are held by members (in
    // every view), the rest by descriptors.
    test::StormWave wave;
    const int perWave = target / 4;
    wave.members = std::max(10, perWave / 5 / 4);
    wave.netEvery = 8;
    wave.holders = 1;
    wave.heldEach = std::max(10, (perWave - wave.planned() + wave.heldEach * 2) / 2);

    gui::MainWindow::Options o;
    o.live = true;
    o.loadSettings = false;
    gui::MainWindow w(o);
    w.resize(1400, 900);
    w.show();
    auto* history = w.findChild<model::History*>();
    auto* charts = w.findChild<gui::ChartsPanel*>();
    const QByteArray chart = qgetenv("NSX_BENCH_CHART");
    if (charts && !chart.isEmpty())
        charts->setCurrentChart(chart == "history" ? gui::ChartsPanel::Chart::History
                                : chart == "top"   ? gui::ChartsPanel::Chart::TopNamespaces
                                                   : gui::ChartsPanel::Chart::Types);
    if (charts && qEnvironmentVariableIsSet("NSX_BENCH_HISTORY_WINDOW"))
        charts->setHistoryWindowMs(qEnvironmentVariableIntValue("NSX_BENCH_HISTORY_WINDOW") *
                                   1000LL);
    PollLog rec(w, history);
    std::printf("# bench_storm: %d namespaces at the peak in 4 waves of %d members + %d held "
                "pairs, %d idle polls, poll interval %d ms\n",
                target, wave.members, wave.heldEach, idlePolls,
                w.poller() ? w.poller()->interval() : 0);
    std::printf("#phase   poll  wall_ms   cpu_ms   gui_ms  scan_ms    nss  procs   rss_mb "
                "heap_used heap_held    rows events\n");

    rec.waitPolls(3); // the first polls fill caches, the views and the charts
    rec.phase = "idle";
    rec.waitPolls(idlePolls);

    rec.phase = "storm";
    std::vector<int> waves;
    QElapsedTimer made;
    made.start();
    int total = 0;
    auto add = [&] {
        int n = 0;
        const int id = storm.addWave(wave, &n);
        if (id <= 0) {
            std::fprintf(stderr, "bench_storm: a wave failed\n");
            return false;
        }
        waves.push_back(id);
        total += n;
        return true;
    };
    bool ok = true;
    for (int i = 0; i < 4 && ok; ++i) {
        ok = add();
        rec.waitPolls(2);
    }
    std::fprintf(stderr, "bench_storm: peak reached, %d namespaces made in %.1f s\n", total,
                 double(made.elapsed()) / 1e3);
    // The user looks around at the peak: every tab, every chart.
    for (auto v : {gui::MainWindow::View::Hierarchy, gui::MainWindow::View::Processes,
                   gui::MainWindow::View::ByType}) {
        w.setCurrentView(v);
        rec.waitPolls(1);
    }
    if (charts) {
        const auto shown = charts->currentChart();
        for (auto c : {gui::ChartsPanel::Chart::Types, gui::ChartsPanel::Chart::TopNamespaces,
                       gui::ChartsPanel::Chart::History}) {
            charts->setCurrentChart(c);
            QApplication::processEvents();
        }
        charts->setCurrentChart(shown);
    }
    // The waves are replaced one by one: as many namespaces again are born and die.
    for (int i = 0; i < 4 && ok; ++i) {
        storm.killWave(waves.front());
        waves.erase(waves.begin());
        ok = add();
        rec.waitPolls(2);
    }
    rec.phase = "after";
    QElapsedTimer killed;
    killed.start();
    storm.killAll();
    std::fprintf(stderr, "bench_storm: %d namespaces made in all; storm killed in %.1f s\n", total,
                 double(killed.elapsed()) / 1e3);
    rec.waitPolls(5); // the kernel frees what the processes held; the views see it go
    rec.phase = "idle2";
    rec.waitPolls(idlePolls);

    std::printf("# summary (CPU/poll: process CPU time between two applied polls, all threads)\n");
    for (const char* phase : {"idle", "storm", "after", "idle2"})
        summary(rec.polls, phase);
    const double before = double(test::readStatusKb("VmRSS")) / 1024;
    malloc_trim(0);
    const double trimmed = double(test::readStatusKb("VmRSS")) / 1024;
    std::printf("final    RSS %.1f MB, after malloc_trim(0) %.1f MB; peak RSS %.1f MB; storm "
                "namespaces made %d\n",
                before, trimmed, double(test::readStatusKb("VmHWM")) / 1024, total);
    storm.stop();
    if (qEnvironmentVariableIsSet("NSX_BENCH_EXIT_NOW")) {
        // No destructors: under heaptrack, what is still allocated shows as "leaked".
        std::fflush(nullptr);
        std::_Exit(ok ? 0 : 1);
    }
    return ok ? 0 : 1;
}
