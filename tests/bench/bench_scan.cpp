// bench_scan [CONTAINERS [PROCESSES [RUNS]]] — defaults 200 5 7. As root.
//
// Starts CONTAINERS containers of PROCESSES processes each (a shell as PID 1 and sleeps), every
// one in new pid, mount, uts, ipc, net and cgroup namespaces, waits until all exist, then
// prints the median wall time over RUNS runs of:
//   (a) Scanner::scan() with everything on (threads, fds, mounts, hierarchy, details), twice:
//       warm — one Scanner reused for every run, as the GUI's poller does (steady state: it
//       takes over what cannot change from its last scan, see ProcessMemo in scanner.cpp);
//       cold — a new Scanner for every run, as nsexplorer-cli does,
//   (b) `lsns --json` (fork, exec, output discarded),
//   (c) the bare syscall floor: one stat per namespace link and one read of /proc/PID/stat
//       per process,
// the ratios a/b (the target is at most 0.25), and the peak resident memory of this process
// while the full scans ran (VmHWM, reset before them through /proc/self/clear_refs).
// Each timed run follows an untimed one of the same kind (see main; NSX_BENCH_INTERLEAVED=1
// for the plain warm, cold, lsns, floor rotation of earlier versions).
// NSX_BENCH_NO_CONTAINERS=1: the full scans without the container pass (what it costs);
// NSX_BENCH_CONTAINERS_AB=N: only N pairs of warm scans with and without it, taking turns.
// NSX_BENCH_VETH=1: every container wired to the host with a veth pair (the NSID resolution).
// NSX_BENCH_PROFILE=N: after the containers are up, only N warm scans and their median (for
// perf record: nothing else runs in the process meanwhile); with NSX_BENCH_PROFILE_COLD=1,
// N scans by a new Scanner each (the CLI's one-shot snapshot).
// NSX_BENCH_RESCAN=N: after the containers are up, only N rescans of 10 marked processes
// each (one poll of the event-driven GUI under a small churn) and their median CPU time.
// NSX_BENCH_CLI=PATH: after the containers are up, only whole processes, as a user times
// them: PATH (nsexplorer-cli) `snapshot -o /dev/null` against `lsns --json`, RUNS rounds
// taking turns (which goes first alternates, each after an untimed run of its own), and the
// median wall and CPU (user+sys of the child) of each and their ratios (target <= 0.25); and
// the floor under the walk: its unavoidable reads alone, in-process, on as many threads as it
// uses (runReadsFloor), as a fraction of lsns.
// Everything it started is killed at the end, also on Ctrl+C, SIGTERM or a closed pipe (the
// containers die with their unshare: --kill-child).
#include "../proc_self.h"
#include "bench_containers.h"
#include "log_to_stderr.h"
#include "scanner.h"

#include <spdlog/cfg/env.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <spawn.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using namespace nsx::test::bench;

bool parsePositive(const char* s, int& out, int max)
{
    char* end = nullptr;
    long v = std::strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > max)
        return false;
    out = static_cast<int>(v);
    return true;
}

int envIntOr(const char* name, int fallback, int max = 64)
{
    const char* v = std::getenv(name);
    int out = 0;
    return v && parsePositive(v, out, max) ? out : fallback;
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time (user + system) used so far by this process (all threads) or by its waited-for
// children: on a shared, loaded machine it shows the work apart from the waiting.
double cpuMs(int who)
{
    struct rusage ru;
    ::getrusage(who, &ru);
    auto ms = [](const timeval& tv) { return tv.tv_sec * 1000.0 + tv.tv_usec / 1000.0; };
    return ms(ru.ru_utime) + ms(ru.ru_stime);
}

// Resets VmHWM to the current RSS (Linux 4.0+), so that the peak read later belongs to what
// ran in between.
bool resetPeakRss()
{
    int fd = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, "5", 1) == 1;
    ::close(fd);
    return ok;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

std::vector<int> allPids()
{
    std::vector<int> pids;
    DIR* d = ::opendir("/proc");
    if (!d)
        return pids;
    while (dirent* e = ::readdir(d))
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
            pids.push_back(std::atoi(e->d_name));
    ::closedir(d);
    return pids;
}

// Runs argv (looked up in PATH) with stdout on /dev/null, waits; its wall time in ms, or -1
// when it failed. cpu (optional): its user+sys time.
double runProcess(char* const argv[], double* cpu = nullptr)
{
    int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, devnull, 1);
    const double cpu0 = cpuMs(RUSAGE_CHILDREN);
    const auto t0 = std::chrono::steady_clock::now();
    pid_t pid = 0;
    int rc = ::posix_spawnp(&pid, argv[0], &fa, nullptr, argv, environ);
    int status = 0;
    if (rc == 0)
        ::waitpid(pid, &status, 0);
    const double ms = msSince(t0);
    if (cpu)
        *cpu = cpuMs(RUSAGE_CHILDREN) - cpu0;
    posix_spawn_file_actions_destroy(&fa);
    ::close(devnull);
    if (rc != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_scan: %s failed\n", argv[0]);
        return -1;
    }
    return ms;
}

double runLsns(double* cpu = nullptr)
{
    char* argv[] = {const_cast<char*>("lsns"), const_cast<char*>("--json"), nullptr};
    return runProcess(argv, cpu);
}

// The reads the walk cannot do without, and nothing else (no parsing, no namespaces pass, no
// output), on `threads` threads in this process: per process its directory (O_PATH), the
// eight ns links, stat, cmdline and status, the fd/ listing and each descriptor's link. The
// floor under the one-shot snapshot's walk alone; wall ms.
double runReadsFloor(unsigned threads)
{
    static const char* kLinks[] = {"ns/cgroup", "ns/ipc",  "ns/mnt",  "ns/net",
                                   "ns/pid",    "ns/time", "ns/user", "ns/uts"};
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<int> pids = allPids();
    const int procFd = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        char buf[8192];
        char link[256];
        for (std::size_t i; (i = next.fetch_add(1)) < pids.size();) {
            char rel[16];
            std::snprintf(rel, sizeof rel, "%d", pids[i]);
            const int dir = ::openat(procFd, rel, O_PATH | O_DIRECTORY | O_CLOEXEC);
            if (dir < 0)
                continue;
            for (const char* l : kLinks)
                (void)!::readlinkat(dir, l, link, sizeof link);
            for (const char* f : {"stat", "cmdline", "status"}) {
                const int fd = ::openat(dir, f, O_RDONLY | O_CLOEXEC);
                if (fd >= 0) {
                    (void)!::read(fd, buf, sizeof buf);
                    ::close(fd);
                }
            }
            const int fdDir = ::openat(dir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fdDir >= 0) {
                const long n = ::syscall(SYS_getdents64, fdDir, buf, sizeof buf);
                for (long off = 0; off < n;) {
                    auto* d = reinterpret_cast<dirent64*>(buf + off);
                    off += d->d_reclen;
                    if (d->d_name[0] != '.')
                        (void)!::readlinkat(fdDir, d->d_name, link, sizeof link);
                }
                ::close(fdDir);
            }
            ::close(dir);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < threads; ++k)
        pool.emplace_back(work);
    work();
    for (std::thread& t : pool)
        t.join();
    ::close(procFd);
    return msSince(t0);
}

// NSX_BENCH_CLI: the CLI's one-shot snapshot and lsns as whole processes, taking turns.
int benchCli(const char* cli, int runs)
{
    char* argv[] = {const_cast<char*>(cli), const_cast<char*>("snapshot"), const_cast<char*>("-o"),
                    const_cast<char*>("/dev/null"), nullptr};
    std::vector<double> wallCli, wallLsns, cpuCli, cpuLsns, ratio, floorWall;
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    for (int r = 0; r < runs && !g_stop; ++r) {
        runReadsFloor(threads);
        floorWall.push_back(runReadsFloor(threads));
        double w[2] = {}, c[2] = {};
        for (int k = 0; k < 2; ++k) {
            const bool cliNow = (r + k) % 2 == 0; // alternate which goes first
            if (cliNow) {
                runProcess(argv);
                w[0] = runProcess(argv, &c[0]);
            } else {
                runLsns();
                w[1] = runLsns(&c[1]);
            }
        }
        if (w[0] < 0 || w[1] < 0)
            return 1;
        wallCli.push_back(w[0]);
        wallLsns.push_back(w[1]);
        cpuCli.push_back(c[0]);
        cpuLsns.push_back(c[1]);
        ratio.push_back(w[0] / w[1]);
    }
    if (wallCli.empty())
        return 1;
    std::printf("whole processes, median of %zu rounds:\n", wallCli.size());
    std::printf("  %s snapshot -o /dev/null  %9.2f ms wall, %8.2f ms cpu\n", cli, median(wallCli),
                median(cpuCli));
    std::printf("  lsns --json  %9.2f ms wall, %8.2f ms cpu\n", median(wallLsns), median(cpuLsns));
    std::printf("  ratio wall %.3f (median of the rounds' ratios %.3f; target <= 0.25), "
                "cpu %.3f\n",
                median(wallCli) / median(wallLsns), median(ratio),
                median(cpuCli) / median(cpuLsns));
    std::printf("  the walk's reads alone on %u threads, in-process (no start-up, parsing, "
                "namespaces, output): %.2f ms wall, %.3f of lsns\n",
                threads, median(floorWall), median(floorWall) / median(wallLsns));
    return 0;
}

double runFloor(std::size_t& namespaces)
{
    static const char* kTypes[] = {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"};
    const auto t0 = std::chrono::steady_clock::now();
    char path[64];
    char buf[1024];
    namespaces = 0;
    for (int pid : allPids()) {
        std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
        int fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            if (::read(fd, buf, sizeof buf) < 0)
                std::perror("read");
            ::close(fd);
        }
        for (const char* t : kTypes) {
            std::snprintf(path, sizeof path, "/proc/%d/ns/%s", pid, t);
            struct stat st;
            if (::stat(path, &st) == 0)
                ++namespaces;
        }
    }
    return msSince(t0);
}

} // namespace

int main(int argc, char** argv)
{
    // SPDLOG_LEVEL=debug prints each scan's time per phase (on stderr; the figures on stdout).
    nsx::backend::logToStderr();
    spdlog::cfg::load_env_levels();
    int containers = 200, processes = 5, runs = 7;
    if (argc > 4 || (argc > 1 && !parsePositive(argv[1], containers, kMaxContainers)) ||
        (argc > 2 && !parsePositive(argv[2], processes, 64)) ||
        (argc > 3 && !parsePositive(argv[3], runs, 1000))) {
        std::fprintf(stderr, "usage: bench_scan [CONTAINERS (1-%d) [PROCESSES (1-64) [RUNS]]]\n",
                     kMaxContainers);
        return 2;
    }
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_scan: must run as root to create namespaces\n");
        return 1;
    }
    catchSignals();
    std::printf("starting %d containers of %d processes...\n", containers, processes);
    std::fflush(stdout);
    if (!startContainers(containers, processes) && !g_stop) {
        reapContainers();
        return 1;
    }
    // NSX_BENCH_VETH=1: each container's network namespace gets a veth pair to the host's
    // (host end nsxbN, eth0 inside), as engines wire theirs: the scan then resolves each end's
    // other namespace (NSIDs, issue 16). The pairs go with the containers' namespaces.
    if (!g_stop && envIntOr("NSX_BENCH_VETH", 0, 1) == 1) {
        int wired = 0;
        for (int i = 0; i < g_count && !g_stop; ++i) {
            const std::vector<int> init = childrenOf(g_pids[i]);
            if (init.empty())
                continue;
            const std::string host = "nsxb" + std::to_string(i);
            const std::string target = std::to_string(init.front());
            char* args[] = {const_cast<char*>("ip"),           const_cast<char*>("link"),
                            const_cast<char*>("add"),          const_cast<char*>(host.c_str()),
                            const_cast<char*>("type"),         const_cast<char*>("veth"),
                            const_cast<char*>("peer"),         const_cast<char*>("name"),
                            const_cast<char*>("eth0"),         const_cast<char*>("netns"),
                            const_cast<char*>(target.c_str()), nullptr};
            pid_t pid = 0;
            int status = 0;
            if (::posix_spawnp(&pid, "ip", nullptr, nullptr, args, environ) == 0 &&
                ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
                ++wired;
        }
        std::printf("wired %d containers to the host with a veth pair\n", wired);
    }
    int rc = 0;
    if (const char* cli = std::getenv("NSX_BENCH_CLI"); cli && *cli && !g_stop) {
        rc = benchCli(cli, runs);
        reapContainers();
        return g_stop ? 130 : rc;
    }
    if (!g_stop) {
        const long rssBefore = nsx::test::readStatusKb("VmRSS");
        const bool peakReset = resetPeakRss();
        // NSX_SCAN_THREADS=N sets ScanOptions::parallelism (0 or unset: the default).
        nsx::backend::ScanOptions full;
        full.parallelism = unsigned(std::max(0, envIntOr("NSX_SCAN_THREADS", 0)));
        // NSX_BENCH_NO_CONTAINERS=1: without the container pass (issue 15), for its cost.
        full.containers = envIntOr("NSX_BENCH_NO_CONTAINERS", 0, 1) != 1;
        nsx::backend::Scanner scanner(full);
        std::size_t nsCount = 0, procCount = 0, errors = 0;
        scanner.scan(); // warm caches (user names, allocator, what a reused Scanner keeps)
        if (const int only = envIntOr("NSX_BENCH_PROFILE", 0, 100000)) {
            // For a profiler: only these scans, nothing else in the process meanwhile.
            const bool cold = envIntOr("NSX_BENCH_PROFILE_COLD", 0, 1) == 1;
            std::vector<double> wall;
            for (int r = 0; r < only && !g_stop; ++r) {
                const auto t0 = std::chrono::steady_clock::now();
                if (cold)
                    nsx::backend::Scanner(full).scan();
                else
                    scanner.scan();
                wall.push_back(msSince(t0));
            }
            std::printf("NSX_BENCH_PROFILE: %zu %s scans, median %.2f ms\n", wall.size(),
                        cold ? "cold" : "warm", median(wall));
            runs = 0;
        }
        if (const int rescans = envIntOr("NSX_BENCH_RESCAN", 0, 100000)) {
            // What one poll of the event-driven GUI costs the scanner thread under a small
            // churn: a rescan with 10 processes marked (the containers' sleeps in turn), its
            // CPU time (the whole process). Issue 17: the cost
            // should follow the marked processes, not the machine.
            std::vector<int> pool;
            {
                const nsx::backend::Snapshot s = scanner.scan();
                for (const nsx::backend::Process& p : s.processes)
                    if (p.comm == "sleep")
                        pool.push_back(p.pid);
            }
            auto last = std::make_shared<const nsx::backend::Snapshot>(scanner.scan());
            std::vector<double> cpu;
            std::size_t at = 0;
            for (int r = 0; r < rescans && !g_stop && !pool.empty(); ++r) {
                std::vector<int> marked;
                for (int k = 0; k < 10; ++k)
                    marked.push_back(pool[at++ % pool.size()]);
                timespec a{}, b{};
                ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
                auto next = std::make_shared<const nsx::backend::Snapshot>(
                    scanner.rescan(*last, std::move(marked)));
                last.reset(); // the old snapshot is freed as in the GUI's poller
                last = std::move(next);
                ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
                cpu.push_back(double(b.tv_sec - a.tv_sec) * 1e3 +
                              double(b.tv_nsec - a.tv_nsec) / 1e6);
            }
            std::printf("NSX_BENCH_RESCAN: %zu rescans of 10 marked among %zu processes, %zu "
                        "namespaces: median %.2f ms CPU (all threads)\n",
                        cpu.size(), last->processes.size(), last->namespaces.size(), median(cpu));
            runs = 0;
        }
        if (const int pairs = envIntOr("NSX_BENCH_CONTAINERS_AB", 0, 1000)) {
            // The container pass's cost (issue 15): warm scans with and without it, taking
            // turns so that whatever else the machine does falls on both alike.
            nsx::backend::ScanOptions off = full;
            off.containers = false;
            nsx::backend::ScanOptions on = full;
            on.containers = true;
            nsx::backend::Scanner withPass(on), withoutPass(off);
            withPass.scan();
            withoutPass.scan();
            std::vector<double> wallOn, wallOff, cpuOn, cpuOff;
            for (int r = 0; r < pairs && !g_stop; ++r) {
                for (int k = 0; k < 2; ++k) {
                    const bool first = (r + k) % 2 == 0; // alternate which goes first
                    nsx::backend::Scanner& sc = first ? withPass : withoutPass;
                    const double cpu0 = cpuMs(RUSAGE_SELF);
                    const auto t0 = std::chrono::steady_clock::now();
                    sc.scan();
                    (first ? wallOn : wallOff).push_back(msSince(t0));
                    (first ? cpuOn : cpuOff).push_back(cpuMs(RUSAGE_SELF) - cpu0);
                }
            }
            std::printf("containers A/B, %zu pairs of warm scans, medians: with the pass %.2f ms "
                        "(cpu %.2f ms), without %.2f ms (cpu %.2f ms): %+.1f %% wall, %+.1f %% "
                        "cpu\n",
                        wallOn.size(), median(wallOn), median(cpuOn), median(wallOff),
                        median(cpuOff), 100.0 * (median(wallOn) / median(wallOff) - 1),
                        100.0 * (median(cpuOn) / median(cpuOff) - 1));
            runs = 0;
        }
        std::vector<double> a, aCold, b, c, cpuA, cpuCold, cpuB;
        std::size_t links = 0;
        // Each timed run follows an untimed run of the same kind (unless
        // NSX_BENCH_INTERLEAVED=1): what ran just before leaves the kernel's and the CPU's
        // caches in its own state (right after the floor's stat of every ns link, the next
        // scan here takes 3-5 ms longer), and no contender should pay for another's.
        const bool warmUps = !std::getenv("NSX_BENCH_INTERLEAVED");
        for (int r = 0; r < runs && !g_stop; ++r) {
            if (warmUps)
                scanner.scan();
            auto t0 = std::chrono::steady_clock::now();
            double cpu0 = cpuMs(RUSAGE_SELF);
            nsx::backend::Snapshot s = scanner.scan();
            a.push_back(msSince(t0));
            cpuA.push_back(cpuMs(RUSAGE_SELF) - cpu0);
            nsCount = s.namespaces.size();
            procCount = s.processes.size();
            errors = s.errors.size();
            s = {};
            if (warmUps)
                nsx::backend::Scanner(full).scan();
            t0 = std::chrono::steady_clock::now();
            cpu0 = cpuMs(RUSAGE_SELF);
            {
                nsx::backend::Scanner fresh(full);
                s = fresh.scan();
            }
            aCold.push_back(msSince(t0));
            cpuCold.push_back(cpuMs(RUSAGE_SELF) - cpu0);
            s = {};
            if (warmUps)
                runLsns();
            const double cpuChildren0 = cpuMs(RUSAGE_CHILDREN);
            double l = runLsns();
            cpuB.push_back(cpuMs(RUSAGE_CHILDREN) - cpuChildren0);
            if (l < 0) {
                rc = 1;
                break;
            }
            b.push_back(l);
            if (warmUps)
                runFloor(links);
            c.push_back(runFloor(links));
        }
        const long peak = peakReset ? nsx::test::readStatusKb("VmHWM") : -1;
        if (!a.empty() && !b.empty()) {
            const double ma = median(a), mCold = median(aCold), mb = median(b), mc = median(c);
            std::printf("%zu processes, %zu namespaces (%zu scan errors), %zu ns links; "
                        "median of %zu runs\n",
                        procCount, nsCount, errors, links, a.size());
            std::printf("(a) Scanner::scan, full, warm %9.2f ms   (one Scanner reused: the GUI)\n",
                        ma);
            std::printf("    Scanner::scan, full, cold %9.2f ms   (a new Scanner each run: the "
                        "CLI)\n",
                        mCold);
            std::printf("(b) lsns --json               %9.2f ms\n", mb);
            std::printf("(c) syscall floor             %9.2f ms\n", mc);
            std::printf("ratio a/b warm                %9.3f (target <= 0.25)\n", ma / mb);
            std::printf("ratio a/b cold                %9.3f\n", mCold / mb);
            std::printf("ratio a/c warm                %9.3f\n", ma / mc);
            std::printf("cpu time (user+sys): scan warm %.2f ms, cold %.2f ms, lsns %.2f ms; "
                        "ratio warm %.3f, cold %.3f\n",
                        median(cpuA), median(cpuCold), median(cpuB), median(cpuA) / median(cpuB),
                        median(cpuCold) / median(cpuB));
            if (peak >= 0)
                std::printf("peak RSS during the full scans %.1f MiB (VmHWM; %.1f MiB before the "
                            "first scan)\n",
                            peak / 1024.0, rssBefore / 1024.0);
            else
                std::printf("peak RSS: /proc/self/clear_refs not writable; ru_maxrss %.1f MiB\n",
                            [] {
                                struct rusage ru;
                                ::getrusage(RUSAGE_SELF, &ru);
                                return ru.ru_maxrss / 1024.0;
                            }());
            // Where the scan's time goes: the same scan with parts switched off.
            struct Variant
            {
                const char* name;
                nsx::backend::ScanOptions options;
            };
            std::vector<Variant> variants(4);
            variants[0].name = "without details";
            variants[0].options.details = false;
            variants[1].name = "without details, hierarchy";
            variants[1].options.details = false;
            variants[1].options.hierarchy = false;
            variants[2].name = "without fds";
            variants[2].options.fds = false;
            variants[3].name = "processes only";
            variants[3].options.details = variants[3].options.threads = false;
            variants[3].options.fds = variants[3].options.mounts = false;
            variants[3].options.hierarchy = false;
            for (Variant& v : variants) {
                if (g_stop)
                    break;
                nsx::backend::Scanner partial(v.options);
                partial.scan();
                std::vector<double> wall, cpu;
                for (int r = 0; r < runs && !g_stop; ++r) {
                    const auto t0 = std::chrono::steady_clock::now();
                    const double c0 = cpuMs(RUSAGE_SELF);
                    partial.scan();
                    wall.push_back(msSince(t0));
                    cpu.push_back(cpuMs(RUSAGE_SELF) - c0);
                }
                std::printf("    scan %-28s %9.2f ms (cpu %.2f ms)\n", v.name, median(wall),
                            median(cpu));
            }
        }
    }
    reapContainers();
    return g_stop ? 130 : rc;
}
