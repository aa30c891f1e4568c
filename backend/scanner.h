// Discovery: walks a procfs root and produces a Snapshot. No Qt; safe to run on any thread
// (one Scanner per thread; several Scanners may scan at once). Processes vanishing mid-scan,
// pid reuse and refused reads are normal: they end up in Snapshot::errors, never in an
// exception. Snapshot::complete is true when errors is empty.
//
// The passes, in order (one file each in scan/, listed in scan/scan_state.h): processes (stat,
// status, cmdline, ns links, loose threads, held fds) → oldest members → mount tables of every
// mount namespace (bind mounts, mount counts, root; listmount/statmount on Linux 6.11+ as root,
// else mountinfo) → per namespace, once: nsfs ioctls (owner, parent, owner uid) and details, on
// short-lived worker threads that setns() into uts/ipc/net/cgroup namespaces (never mnt, user or
// pid), then pid init/level → launchers → our own containers. The scanner's worker threads and
// its descriptors are never reported as members or references. Without privilege, a uts, ipc or
// net namespace owned by a user namespace of the scanning user's own is read by a short-lived
// forked child that joins that user namespace first (a multithreaded process may not); other
// details that need setns stay nullopt and the refusal is listed in errors.
//
// Reuse one Scanner for repeated scans (as the poller does): it keeps, from one scan to the
// next, only facts the kernel never changes for a live process or namespace, which saves
// the most expensive reads; its snapshots are the same as a new Scanner's.
#pragma once

#include "snapshot.h"

#include <functional>
#include <memory>
#include <string>

namespace nsx::backend {

struct ScanOptions
{
    std::string procRoot = "/proc"; // a fixture tree in tests
    bool details = true;            // per-namespace details (some need setns into the namespace)
    bool threads = true;            // look at /proc/PID/task/TID/ns for loose threads
    bool fds = true;                // look at /proc/PID/fd for namespace fds
    bool mounts = true;             // look at mountinfo for nsfs bind mounts
    bool hierarchy = true;          // nsfs ioctls: owner, parent, owner uid
    // Threads for the process walk, the mount tables and the per-namespace work; 0 = one per
    // core, up to 4. The per-namespace work always runs on at least one worker thread: the
    // thread calling scan() never setns()es.
    unsigned parallelism = 0;
    // The nsexplorer-helper this program starts (findHelper), if any: processes running it are
    // launchers of kind "nsexplorer" wherever it was built. Others count only when their
    // executable is a root-only file named nsexplorer-helper (see runsOurHelper).
    std::string helperPath;
    // Name what each namespace and process is (issue 15): containers, sandboxes, apps, units.
    bool containers = true;
    // Where /run and /var/lib are, for the container sources: "" on a live system, a fixture
    // tree in tests (with procRoot pointing into it).
    std::string hostRoot;
    // Called on the scanning thread just before the containers pass: a one-shot command waits
    // there for the engines' API round it started beside the walk (cli_main.cpp).
    std::function<void()> beforeContainers;
};

// A process a read caught where the next may differ without an event: a zombie (its reaping
// is no event), or a user process without a command line (in the middle of an exec, whose event
// comes when it is done, or of an exit). Scanner::rescan reads these again every time.
bool inTransit(const Process& p);

class Scanner
{
public:
    explicit Scanner(ScanOptions options = {});
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    Snapshot scan();
    // An incremental scan (scan/rescan.cpp): reads again only the processes in `marked` (pids
    // of processes that changed or are new, as process events name them; sorted or not) and
    // those the kernel may have changed along with them (their children, zombies), takes every
    // other process over from `previous`, and describes only namespaces that are new. What it
    // cannot see without reading everything (a setns without exec, a descriptor opened by a
    // process that did nothing else, a namespace's details) is as the last full scan saw it:
    // scan() now and then sets that right (event_scanner.h does). `previous` must be the last
    // snapshot this Scanner returned, unchanged; without one (canRescan() false) it is a full
    // scan.
    Snapshot rescan(const Snapshot& previous, std::vector<int> marked);
    bool canRescan() const;
    // The last scan found threads in other namespaces than their process (a rescan reads those
    // processes again even without events).
    bool hasLooseThreads() const;
    const ScanOptions& options() const { return m_options; }

private:
    Snapshot run(const Snapshot* previous, std::vector<int> marked);
    ScanOptions m_options;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace nsx::backend
