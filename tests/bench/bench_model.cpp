// GUI-thread cost of the live browser: synthetic snapshots at 1,000 processes in 200+
// namespaces and 10,000 processes in 2,000+ namespaces, ~2% churn per poll (processes born and
// ending, commands changing, a container replaced now and then). For each size: the initial
// load, the median and p95 of applying one poll to the real MainWindow (three models, three
// proxies, three tree views, details pane, status), the same with a search filter active, the
// scan of the live /proc on a worker-style thread, and peak RSS. Prints figures; asserts nothing.
//   bench_model [polls [1k|10k]]      (default 60, both sizes)
// NSX_BENCH_NODOCK=1 closes the charts dock before measuring.
#include "filter_bar.h"
#include "log_to_stderr.h"
#include "main_window.h"
#include "namespace_models.h"
#include "scanner.h"
#include "snapshot_spec.h"
#include "tree_model.h"
#include "tree_views.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPaintEvent>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <sys/resource.h>
#include <utility>

using namespace nsx;
using backend::Namespace;
using backend::NsType;
using backend::Process;
using backend::Snapshot;

namespace {

constexpr NsType kContainerTypes[] = {NsType::Ipc, NsType::Mnt, NsType::Net, NsType::Pid,
                                      NsType::Uts};

// A machine that evolves poll by poll.
class World
{
public:
    World(int processes, int containers) : m_rng(42)
    {
        m_nextInode = 4026532000;
        for (int c = 0; c <= containers; ++c)
            m_containers.push_back(newContainer(c == 0));
        // pid 1 on the host
        addProcess(0, 0, "systemd");
        while (int(m_procs.size()) < processes)
            spawn();
    }

    void churn(int poll)
    {
        const int n = std::max(1, int(m_procs.size() / 100)); // 1% end, 1% start
        for (int i = 0; i < n; ++i)
            kill();
        for (int i = 0; i < n; ++i)
            spawn();
        for (int i = 0; i < std::max(1, n / 2); ++i) { // 0.5% exec a new command
            auto it = std::next(m_procs.begin(), 1 + m_rng.bounded(int(m_procs.size() - 1)));
            it->second.comm = "cmd" + std::to_string(m_rng.bounded(1000));
            it->second.cmdline = {it->second.comm, "--poll", std::to_string(poll)};
        }
        if (poll % 5 == 0 && m_containers.size() > 1) { // a container is replaced
            const int c = 1 + m_rng.bounded(int(m_containers.size() - 1));
            std::vector<int> victims;
            for (auto& [pid, p] : m_procs)
                if (m_containerOf[pid] == c)
                    victims.push_back(pid);
            for (int pid : victims)
                erase(pid);
            m_containers[c] = newContainer(false);
            for (int i = 0; i < 4; ++i)
                spawnIn(c);
        }
    }

    std::shared_ptr<const Snapshot> snapshot() const
    {
        const std::uint64_t hostUser = m_containers[0][backend::index(NsType::User)];
        return std::make_shared<const Snapshot>(
            test::snapshotOfProcesses(m_procs, "bench", [&](Namespace& ns) {
                if (ns.type == NsType::Uts)
                    ns.details.hostname = "host" + std::to_string(ns.inode % 1000);
                if (ns.type != NsType::User)
                    ns.owner = hostUser;
            }));
    }

private:
    using NsSet = std::array<std::uint64_t, backend::kNsTypeCount>;

    NsSet newContainer(bool host)
    {
        NsSet set{};
        for (NsType t : backend::kAllNsTypes)
            set[backend::index(t)] = host ? m_nextInode++ : 0;
        if (!host) {
            set = m_containers[0];
            for (NsType t : kContainerTypes)
                set[backend::index(t)] = m_nextInode++;
        }
        return set;
    }

    void addProcess(int container, int ppid, std::string comm)
    {
        Process p;
        p.pid = m_nextPid++;
        p.ppid = ppid;
        p.comm = std::move(comm);
        p.cmdline = {p.comm, "--serve"};
        p.uid = p.pid % 3 == 0 ? 1000 : 0;
        p.user = p.uid == 1000u ? "alice" : "root";
        p.state = 'S';
        p.startTime = std::uint64_t(m_nextPid) * 7;
        p.nspid = std::vector<int>{p.pid};
        for (NsType t : backend::kAllNsTypes)
            p.namespaces[backend::index(t)] = m_containers[container][backend::index(t)];
        m_containerOf[p.pid] = container;
        m_procs.emplace(p.pid, std::move(p));
    }

    void spawnIn(int container)
    {
        // a parent in the same container (or a host process for the container's first one)
        std::vector<int> candidates;
        for (const auto& [pid, c] : m_containerOf)
            if (c == container)
                candidates.push_back(pid);
        int parent = 1;
        if (!candidates.empty())
            parent = candidates[m_rng.bounded(int(candidates.size()))];
        static const char* names[] = {"bash", "nginx", "python3", "sleep", "postgres", "node"};
        addProcess(container, parent, names[m_rng.bounded(6)]);
    }

    void spawn()
    {
        // half on the host, half spread over containers
        const int c = m_rng.bounded(2) == 0 ? 0 : m_rng.bounded(int(m_containers.size()));
        // keep candidate search cheap: pick a random recent process of that container
        int parent = 1;
        for (int tries = 0; tries < 8 && !m_procs.empty(); ++tries) {
            auto it = std::next(m_procs.begin(), m_rng.bounded(int(m_procs.size())));
            if (m_containerOf[it->first] == c) {
                parent = it->first;
                break;
            }
        }
        static const char* names[] = {"bash", "nginx", "python3", "sleep", "postgres", "node"};
        addProcess(c, parent, names[m_rng.bounded(6)]);
    }

    void kill()
    {
        if (m_procs.size() < 3)
            return;
        // Real churn is mostly short-lived leaves (a command that ran and ended); now and then
        // a process with children ends and they move to PID 1.
        const bool leaf = m_rng.bounded(20) != 0;
        for (int tries = 0; tries < 50; ++tries) {
            auto it = std::next(m_procs.begin(), 1 + m_rng.bounded(int(m_procs.size() - 1)));
            if (!leaf || !m_hasChildren(it->first)) {
                erase(it->first);
                return;
            }
        }
    }

    bool m_hasChildren(int pid) const
    {
        for (const auto& [q, p] : m_procs)
            if (p.ppid == pid)
                return true;
        return false;
    }

    void erase(int pid)
    {
        const int ppid = m_procs[pid].ppid;
        m_procs.erase(pid);
        m_containerOf.erase(pid);
        for (auto& [q, p] : m_procs) // orphans go to pid 1 (a move in the tree)
            if (p.ppid == pid)
                p.ppid = 1;
        (void)ppid;
    }

    QRandomGenerator m_rng;
    std::vector<NsSet> m_containers;
    std::map<int, Process> m_procs;
    std::map<int, int> m_containerOf;
    int m_nextPid = 1;
    std::uint64_t m_nextInode;
};

// Share of the current view's viewport repainted per poll (Qt repaints it whole after any
// relayout unless NsTreeView finds nothing moved).
class PaintMeter : public QObject
{
public:
    double area = 0; // in viewports
    bool eventFilter(QObject* watched, QEvent* e) override
    {
        if (e->type() == QEvent::Paint) {
            const auto* w = static_cast<QWidget*>(watched);
            double a = 0;
            for (const QRect& r : static_cast<QPaintEvent*>(e)->region())
                a += double(r.width()) * r.height();
            area += a / std::max(1.0, double(w->width()) * w->height());
        }
        return false;
    }
};

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

long peakRssKb()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

void run(int processes, int containers, int polls)
{
    World world(processes, containers);
    auto first = world.snapshot();
    gui::MainWindow::Options o;
    o.live = false;
    o.loadSettings = false;
    gui::MainWindow w(o);
    w.resize(1400, 900);
    w.show();
    // The charts dock is hidden by default: shown here (the poll's cost with charts) unless
    // NSX_BENCH_NODOCK is set.
    if (auto* d = w.findChild<QDockWidget*>(QStringLiteral("chartsDock")))
        d->setVisible(!qEnvironmentVariableIsSet("NSX_BENCH_NODOCK"));
    QApplication::processEvents();

    QElapsedTimer t;
    t.start();
    w.applySnapshot(first);
    QApplication::processEvents();
    const double initial = double(t.nsecsElapsed()) / 1e6;
    int rows = 0;
    for (auto v : {gui::MainWindow::View::ByType, gui::MainWindow::View::Hierarchy,
                   gui::MainWindow::View::Processes})
        rows += w.model(v)->rowsShown();

    // The bare models (no proxy, no view) fed the same snapshots: the model's own share.
    model::ByTypeModel bareByType;
    model::HierarchyModel bareHierarchy;
    model::ProcessTreeModel bareProcesses;
    for (model::SnapshotTreeModel* m : std::initializer_list<model::SnapshotTreeModel*>{
             &bareByType, &bareHierarchy, &bareProcesses})
        m->setSnapshot(first);
    std::vector<double> bare;
    std::vector<double> bareCpu;   // the same in CPU time: what a refactoring of the models changes
    std::vector<double> applyOnly; // applySnapshot's own call: models, proxies, view signals...
    std::vector<double> cpu;       // the GUI thread's CPU time per poll (robust to a busy machine)
    std::vector<double> painted;   // viewport area repainted per poll
    PaintMeter meter;
    w.view(w.currentView())->viewport()->installEventFilter(&meter);
    auto measure = [&](int n, int offset) {
        std::vector<double> ms;
        for (int i = 0; i < n; ++i) {
            world.churn(offset + i);
            auto s = world.snapshot(); // built outside the timing: the scanner's job
            QElapsedTimer pt;
            meter.area = 0;
            const double cpu0 = threadCpuMs();
            pt.start();
            w.applySnapshot(s);
            applyOnly.push_back(double(pt.nsecsElapsed()) / 1e6);
            // ...and what it leaves to the event loop: the views' relayout and the paint.
            QApplication::processEvents();
            ms.push_back(double(pt.nsecsElapsed()) / 1e6);
            cpu.push_back(threadCpuMs() - cpu0);
            painted.push_back(meter.area);
            pt.restart();
            const double bareCpu0 = threadCpuMs();
            bareByType.setSnapshot(s);
            bareHierarchy.setSnapshot(s);
            bareProcesses.setSnapshot(s);
            bareCpu.push_back(threadCpuMs() - bareCpu0);
            bare.push_back(double(pt.nsecsElapsed()) / 1e6);
        }
        return ms;
    };
    const std::vector<double> plain = measure(polls, 1);
    const std::vector<double> plainApply = std::exchange(applyOnly, {});
    const std::vector<double> plainCpu = std::exchange(cpu, {});
    const std::vector<double> plainPainted = std::exchange(painted, {});
    // The views not on screen caught up when opened: what the first switch to each costs
    // after all those polls.
    double catchUp[2] = {0, 0};
    int k = 0;
    for (auto v : {gui::MainWindow::View::Hierarchy, gui::MainWindow::View::Processes}) {
        QElapsedTimer st;
        st.start();
        w.setCurrentView(v);
        QApplication::processEvents();
        catchUp[k++] = double(st.nsecsElapsed()) / 1e6;
    }
    w.setCurrentView(gui::MainWindow::View::ByType);
    QApplication::processEvents();
    // The same with the charts dock closed: the share of the charts in the poll.
    std::vector<double> noCharts;
    if (auto* dock = w.findChild<QDockWidget*>(QStringLiteral("chartsDock"))) {
        dock->hide();
        QApplication::processEvents();
        noCharts = measure(std::max(10, polls / 2), polls + 1000);
        applyOnly.clear();
        std::printf("  [dock closed] median cpu %.2f ms, painted %.0f %%\n", percentile(cpu, 0.5),
                    100 * percentile(painted, 0.5));
        cpu.clear();
        painted.clear();
        dock->show();
        QApplication::processEvents();
    }
    // A search typed into the filter bar: what it costs to apply (the view on screen filters at
    // once, the others when shown), then polls with the filter on.
    model::FilterState f;
    f.text = QStringLiteral("nginx");
    QElapsedTimer ft;
    ft.start();
    w.filterBar()->setState(f);
    QApplication::processEvents();
    const double filterMs = double(ft.nsecsElapsed()) / 1e6;
    cpu.clear();
    const std::vector<double> filtered = measure(std::max(10, polls / 3), polls + 1);
    const std::vector<double> filteredCpu = std::exchange(cpu, {});

    const auto snap = w.snapshot();
    std::printf("%6d processes, %5zu namespaces, %6d model rows (3 views)\n",
                int(snap->processes.size()), snap->namespaces.size(), rows);
    std::printf("  initial load (reset, 3 models + views):  %8.1f ms\n", initial);
    std::printf("  poll, no filter:   median %7.2f ms   p95 %7.2f ms   (%d polls)\n",
                percentile(plain, 0.5), percentile(plain, 0.95), int(plain.size()));
    std::printf(
        "    of which the applySnapshot call: median %7.2f ms (the rest: relayout, paint)\n",
        percentile(plainApply, 0.5));
    std::printf("    GUI thread CPU time:             median %7.2f ms   p95 %7.2f ms\n",
                percentile(plainCpu, 0.5), percentile(plainCpu, 0.95));
    double paintedSum = 0;
    for (double a : plainPainted)
        paintedSum += a;
    std::printf("    tree viewport repainted per poll: median %3.0f %%   mean %3.0f %%\n",
                100 * percentile(plainPainted, 0.5),
                100 * paintedSum / double(std::max<std::size_t>(1, plainPainted.size())));
    std::printf("  first switch to Hierarchy / Processes after those polls: %.1f / %.1f ms\n",
                catchUp[0], catchUp[1]);
    if (!noCharts.empty())
        std::printf("  poll, charts dock closed: median %7.2f ms   p95 %7.2f ms\n",
                    percentile(noCharts, 0.5), percentile(noCharts, 0.95));
    std::printf("  poll, models only: median %7.2f ms   p95 %7.2f ms\n", percentile(bare, 0.5),
                percentile(bare, 0.95));
    std::printf("    CPU time:                        median %7.2f ms   p95 %7.2f ms\n",
                percentile(bareCpu, 0.5), percentile(bareCpu, 0.95));
    std::printf("  applying a typed search: %.1f ms\n", filterMs);
    std::printf("  poll, text filter: median %7.2f ms   p95 %7.2f ms   (%d polls)\n",
                percentile(filtered, 0.5), percentile(filtered, 0.95), int(filtered.size()));
    std::printf("    GUI thread CPU time:             median %7.2f ms\n",
                percentile(filteredCpu, 0.5));
    std::printf("  peak RSS so far: %ld MiB\n", peakRssKb() / 1024);
}

} // namespace

int main(int argc, char** argv)
{
    nsx::backend::logToStderr(); // the figures are on stdout
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int polls = argc > 1 ? std::max(5, std::atoi(argv[1])) : 60;
    // A second argument "1k" or "10k" runs one size only (for a profiler).
    const QByteArray only = argc > 2 ? QByteArray(argv[2]) : QByteArray();
    if (only.isEmpty() || only == "1k")
        run(1000, 41, polls);
    if (only.isEmpty() || only == "10k")
        run(10000, 400, std::max(5, polls / 3));

    // The scan itself runs on the poller's worker thread; measured here on the live /proc.
    backend::Scanner scanner;
    std::vector<double> scans;
    std::size_t procs = 0;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        procs = scanner.scan().processes.size();
        scans.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("live scan on the worker (%zu processes here): median %.1f ms\n", procs,
                percentile(scans, 0.5));
    std::printf("peak RSS: %ld MiB\n", peakRssKb() / 1024);
    return 0;
}
