// Scanner::scan runs the passes of backend/scan/ in a fixed order, each reading what the ones
// before it left in the ScanState (scan/scan_state.h describes them):
//   1. processes      — one walk of the procfs root: stat, status, cmdline, ns links; the
//                       task/TID/ns of multi-threaded processes (loose threads) and
//                       /proc/PID/fd (namespaces held by descriptors)
//   2. oldest members — each namespace's oldest member, and which cgroup files to read
//   3. mounts         — the mount table of every mount namespace (listmount/statmount, else a
//                       member's mountinfo): nsfs bind mounts, mount counts and the root mount;
//                       with it, on the same threads, each cgroup namespace's id and (unless
//                       the last scan knew its root) its oldest member's cgroup file
//   4. namespaces     — hierarchy + details, per namespace, on worker threads (some setns
//                       into it); then pid namespaces' init and level
//   5. launchers      — who started each non-initial namespace
// Every namespace is opened at most once per scan, except mount and cgroup namespaces, which the
// mount pass opens for their id and a worker opens again when the last scan did not describe
// them; every process directory is opened once.
// A Scanner reused for the next scan takes over only what cannot have changed (ProcessMemo:
// a process's pid namespace and NSpid; NsLineage: a namespace's owner, parent and owner uid;
// ScanCache: a mount's filesystem and root, a cgroup namespace's root) and reads everything
// else again; a new Scanner reads everything.
#include "scanner.h"

#include "scan/proc_io.h"
#include "scan/scan_state.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <iterator>
#include <sys/utsname.h>
#include <tuple>
#include <unistd.h>

namespace nsx::backend {

namespace {

using scan::ScanState;

std::string isoNow()
{
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct Pass
{
    const char* name; // in the debug log of phase timings
    void (ScanState::*run)();
};

// The passes, in the order they run.
constexpr Pass kPasses[] = {
    {"walk", &ScanState::walkProcesses},                   // scan/pass_processes.cpp
    {"oldest", &ScanState::findOldestMembers},             // scan/pass_oldest_members.cpp
    {"mounts+cgroups", &ScanState::readMountTables},       // scan/pass_mounts.cpp
    {"hierarchy+details", &ScanState::describeNamespaces}, // scan/pass_namespaces.cpp
    {"launchers", &ScanState::findLaunchers},              // scan/pass_launchers.cpp
    {"containers", &ScanState::identifyContainers},        // scan/pass_containers.cpp
};

// CPU time of the whole process (all threads), so a loaded machine does not hide where the
// work is; and wall time.
double cpuMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
double wallMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

} // namespace

struct Scanner::Private : scan::ScanCache
{};

Scanner::Scanner(ScanOptions options)
    : m_options(std::move(options)), d(std::make_unique<Private>())
{}

Scanner::~Scanner() = default;

Snapshot Scanner::scan()
{
    return run(nullptr, {});
}

bool Scanner::canRescan() const
{
    return d->base.valid;
}

bool inTransit(const Process& p)
{
    const bool kernelThread = p.pid == 2 || p.ppid == 2;
    return p.state == 'Z' || p.state == 'X' || (p.cmdline.empty() && !kernelThread);
}

bool Scanner::hasLooseThreads() const
{
    return !d->base.loose.empty();
}

Snapshot Scanner::rescan(const Snapshot& previous, std::vector<int> marked)
{
    if (!d->base.valid)
        return run(nullptr, {});
    std::sort(marked.begin(), marked.end());
    marked.erase(std::unique(marked.begin(), marked.end()), marked.end());
    return run(&previous, std::move(marked));
}

Snapshot Scanner::run(const Snapshot* previous, std::vector<int> marked)
{
    ScanState s(m_options, *d);
    s.prev = previous;
    s.reread = std::move(marked);
    d->base.valid = false; // until this scan is through
    s.snap.takenAt = isoNow();
    struct utsname u;
    if (::uname(&u) == 0) {
        s.snap.hostname = u.nodename;
        s.snap.kernel = u.release;
    }
    s.snap.scannerUid = ::geteuid();

    scan::UniqueFd procFd(::open(m_options.procRoot.c_str(), scan::kDirFlags));
    if (!procFd) {
        s.snap.errors.push_back({0, m_options.procRoot, procfs::errnoName(errno)});
        s.snap.complete = false;
        return std::move(s.snap);
    }
    s.procFd = procFd.get();

    // Phase timings at debug level: where a slow scan spends its time.
    std::string cpu, wall;
    double cpuMark = cpuMs(), wallMark = wallMs();
    for (const Pass& pass : kPasses) {
        (s.*pass.run)();
        const double cpuNow = cpuMs(), wallNow = wallMs();
        fmt::format_to(std::back_inserter(cpu), "{}{} {:.2f}", cpu.empty() ? "" : ", ", pass.name,
                       cpuNow - cpuMark);
        fmt::format_to(std::back_inserter(wall), " {:.2f}", wallNow - wallMark);
        cpuMark = cpuNow;
        wallMark = wallNow;
    }
    spdlog::debug("{}: {} processes, {} namespaces; cpu ms: {}; wall ms:{}",
                  previous ? "rescan" : "scan", s.snap.processes.size(), s.snap.namespaces.size(),
                  cpu, wall);
    s.finishRescan();
    s.keepForRescan();

    for (Namespace& ns : s.snap.namespaces) {
        ns.dev = s.nsfsDev;
        std::sort(ns.references.begin(), ns.references.end(),
                  [](const Reference& a, const Reference& b) {
                      return std::tie(a.kind, a.path, a.pid, a.fd) <
                             std::tie(b.kind, b.path, b.pid, b.fd);
                  });
    }
    s.snap.complete = s.snap.errors.empty();
    normalize(s.snap);
    // The walk reserved for many namespaces (pass_processes.cpp); a snapshot the GUI keeps
    // should not carry megabytes it did not use.
    if (s.snap.namespaces.capacity() > 2 * s.snap.namespaces.size() + 64)
        s.snap.namespaces.shrink_to_fit();
    return std::move(s.snap);
}

} // namespace nsx::backend
