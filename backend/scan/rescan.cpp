// The incremental scan (Scanner::rescan): pass 1 reads only the processes something marked and
// takes every other process over from the last snapshot; the passes after it describe only the
// namespaces that are new, and take the rest over.
//
// What a process keeps from one scan to the next unless an event marks it (proc_events.h):
//   - its pid, start time, pid namespace and NSpid (fixed for life);
//   - comm (PROC_EVENT_COMM, EXEC), uid (UID), cmdline (EXEC; a process that rewrites its own
//     argv memory, setproctitle, is seen at the next full scan), parent (a parent's EXIT marks
//     its children, which the kernel re-parents: see below), thread count (FORK and EXIT of a
//     thread mark its process);
//   - its namespaces: only clone, unshare and setns change them. clone is a FORK; unshare and
//     setns are not events. Tools that unshare or setns run a program afterwards (unshare,
//     nsenter, ip netns exec, runc/crun exec, bwrap, systemd's services): an EXEC or FORK of the
//     same process follows, which marks it. A process that calls setns or unshare and goes on
//     without forking or exec'ing — and a thread that does (loose threads) — is seen at the
//     next full scan. The alternative, a per-process check of the eight /proc/PID/ns links
//     every poll, costs 8 system calls per process per poll (10,000 at the 200x5 bench load,
//     more than the rest of a quiet poll together), grows with the processes and not with the
//     changes, and would still miss the threads; the reconciliation scan (every N seconds,
//     F5, and at once after lost events) catches the rare case at a cost divided by N. (A
//     process that has loose threads already is read again at every rescan: its threads may
//     move on without events; only its first setns waits for the full scan.)
//   - the descriptors that hold namespaces: opening or closing a file is not an event. A FORK of
//     a new process marks the parent as well as the child (a new thread marks its process:
//     the kernel's "parent" of a thread is its process's parent), which catches the common
//     pattern (open, then fork or exec: `exec 3</proc/self/ns/net; cmd`, ip netns, container
//     runtimes handing fds to their children); a long-running process that opens a namespace file
//     and stays is seen at the next full scan.
// State (R, S, D...) changes constantly without events: it is as the last read of the process
// saw it (the last event, or the last full scan).
//
// What a namespace keeps: its owner, parent, owner uid and id (fixed for life); its details
// (hostname, IPC objects, interfaces and routes, mount count and root, id maps, time offsets)
// change without any process event and are read again by the full scans — except the
// interfaces of a net namespace that a new net namespace's link names, or whose peer's
// namespace is gone: those are read again at once (net_topology.cpp, netPeersToReread); the
// link ends (NSIDs) are resolved for every namespace read. Its bind mounts are
// those of the last full scan plus those of new mount namespaces — a mount or unmount in our
// own mount namespace (where `ip netns add` mounts) makes the event scanner run a full scan at
// once (event_scanner.cpp).
//
// A namespace counts as the same one as the last scan's with its type and inode (`lasting`)
// when something that holds it now was taken over unchanged (a process not read again, a
// descriptor of such a process, a bind mount): that holder held it all along, so the inode was
// never free for another namespace to take. Else it is described afresh, as a full scan would.
//
// The containers pass (pass_containers.cpp) runs whole on every rescan: a name depends on
// other processes (ancestry, a container's other members, the oldest member of a namespace)
// and on files outside /proc, so which keys one event changes cannot be told locally.
#include "pass_processes.h"
#include "proc_io.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <tuple>
#include <type_traits>

namespace nsx::backend::scan {

namespace {

template <class T> auto rangeOf(const std::vector<T>& v, int pid)
{
    return std::equal_range(v.begin(), v.end(), pid, [](const auto& a, const auto& b) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, int>)
            return a < b.pid;
        else
            return a.pid < b;
    });
}

bool contains(const std::vector<int>& sorted, int pid)
{
    return std::binary_search(sorted.begin(), sorted.end(), pid);
}

// The (pid, fd) pairs of a namespace's descriptor references, sorted.
std::vector<std::pair<int, int>> fdRefs(const Namespace& ns)
{
    std::vector<std::pair<int, int>> out;
    for (const Reference& r : ns.references)
        if (r.kind == Reference::Kind::Fd)
            out.emplace_back(r.pid, r.fd);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

void ScanState::walkMarked()
{
    readSelfPid();
    checkMemo();
    const RescanBase& base = cache.base;
    // Read again: the marked processes, the last scan's zombies (a reaped zombie leaves without
    // an event) and processes caught in the middle of an exec or an exit (inTransit), the children
    // of marked processes (when a process exits, the kernel gives its children another parent,
    // without an event of theirs), and the processes with loose threads (a thread that entered
    // another namespace with setns, as the scanners of tools like ours do, may move on or back
    // without an event; such processes are few).
    std::vector<int>& want = reread;
    const std::vector<int> marked = want;
    for (const Process& p : prev->processes)
        if (inTransit(p) || (p.ppid > 0 && contains(marked, p.ppid)))
            want.push_back(p.pid);
    for (const LooseThread& l : base.loose)
        want.push_back(l.pid);
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());

    WalkOutput readNow;
    WalkBuffers b;
    b.buf.swap(cache.buf);
    for (int pid : want)
        scanProcess(pid, readNow, b);
    b.buf.swap(cache.buf);

    // One output in pid order: the processes taken over and those read now.
    WalkOutput all;
    all.processes.reserve(prev->processes.size() + readNow.processes.size());
    std::vector<ProcessMemo> memo;
    memo.reserve(cache.memo.size() + readNow.memo.size());
    std::size_t k = 0;
    auto takeRead = [&](int upTo) {
        for (; k < readNow.processes.size() && readNow.processes[k].pid < upTo; ++k) {
            all.processes.push_back(std::move(readNow.processes[k]));
            all.lasting.push_back(readNow.lasting[k]);
        }
    };
    // The memo of a process taken over moves over (cache.memo is replaced below; the reads
    // above were its last use), found by walking it forward: both ascend by pid.
    std::vector<ProcessMemo>& oldMemo = cache.memo;
    std::size_t mi = 0;
    for (const Process& p : prev->processes) {
        if (contains(want, p.pid))
            continue;
        takeRead(p.pid);
        all.processes.push_back(p);
        all.lasting.push_back(1);
        if (memoOn) {
            while (mi < oldMemo.size() && oldMemo[mi].pid < p.pid)
                ++mi;
            if (mi < oldMemo.size() && oldMemo[mi].pid == p.pid)
                memo.push_back(std::move(oldMemo[mi++]));
        }
        auto [l0, l1] = rangeOf(base.loose, p.pid);
        all.loose.insert(all.loose.end(), l0, l1);
        auto [f0, f1] = rangeOf(base.fds, p.pid);
        all.fds.insert(all.fds.end(), f0, f1);
        auto [t0, t1] = rangeOf(base.tunFds, p.pid);
        all.tunFds.insert(all.tunFds.end(), t0, t1);
        auto [e0, e1] = rangeOf(base.walkErrors, p.pid);
        all.errors.insert(all.errors.end(), e0, e1);
    }
    takeRead(std::numeric_limits<int>::max());
    all.loose.insert(all.loose.end(), readNow.loose.begin(), readNow.loose.end());
    all.fds.insert(all.fds.end(), readNow.fds.begin(), readNow.fds.end());
    all.tunFds.insert(all.tunFds.end(), readNow.tunFds.begin(), readNow.tunFds.end());
    all.errors.insert(all.errors.end(), readNow.errors.begin(), readNow.errors.end());
    auto byPid = [](const auto& a, const auto& b) { return a.pid < b.pid; };
    // Two ascending runs (those read now were read in pid order): merge, no sort of 12,000.
    const auto taken = static_cast<std::ptrdiff_t>(memo.size());
    memo.insert(memo.end(), std::make_move_iterator(readNow.memo.begin()),
                std::make_move_iterator(readNow.memo.end()));
    if (!std::is_sorted(memo.begin() + taken, memo.end(), byPid))
        std::sort(memo.begin() + taken, memo.end(), byPid);
    std::inplace_merge(memo.begin(), memo.begin() + taken, memo.end(), byPid);
    std::stable_sort(all.loose.begin(), all.loose.end(), byPid);
    std::stable_sort(all.fds.begin(), all.fds.end(), byPid);
    std::stable_sort(all.tunFds.begin(), all.tunFds.end(), byPid);
    std::stable_sort(all.errors.begin(), all.errors.end(), byPid);
    // About as many namespaces as last time: no growth of these while merging.
    snap.processes.reserve(all.processes.size());
    snap.namespaces.reserve(prev->namespaces.size() + 64);
    extra.reserve(prev->namespaces.size() + 64);
    nsIndex.reserve(prev->namespaces.size() + 64);
    mergeChunk(all);
    cache.memo = std::move(memo);
    walkErrorCount = snap.errors.size();
    nsfsDev = base.nsfsDev;
    if (!nsfsDev)
        findNsfsDev();
    adoptLasting();
}

void ScanState::adoptLasting()
{
    // Bind mounts as the last scan saw them (see the top of this file); their namespaces are
    // entries even when nothing else holds them.
    std::vector<char> heldByMount;
    for (const Namespace& old : prev->namespaces)
        for (const Reference& r : old.references)
            if (r.kind == Reference::Kind::BindMount) {
                const std::size_t i = nsAt(old.type, old.inode);
                snap.namespaces[i].references.push_back(r);
                heldByMount.resize(snap.namespaces.size());
                heldByMount[i] = 1;
            }
    const std::size_t n = snap.namespaces.size();
    lasting.assign(n, 0);
    regroupedFlags.assign(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        Namespace& ns = snap.namespaces[i];
        const Namespace* old = prev->findNamespace(ns.type, ns.inode);
        // Described in vain last time (its holders were gone before a worker could open it):
        // describe it now.
        if (!old || (options.hierarchy && !old->id && !old->owner))
            continue;
        bool held = i < heldByMount.size() && heldByMount[i];
        bool markedMember = false;
        for (int pid : ns.processes) {
            if (contains(reread, pid))
                markedMember = true;
            else
                held = true;
        }
        for (const Reference& r : ns.references)
            if (r.kind == Reference::Kind::Fd && !contains(reread, r.pid))
                held = true;
        if (!held)
            continue;
        lasting[i] = 1;
        bool sameThreads = ns.threads.empty() && old->threads.empty();
        if (!sameThreads) {
            std::vector<int> threads = ns.threads;
            std::sort(threads.begin(), threads.end());
            sameThreads = old->threads == threads;
        }
        const bool regrouped = markedMember || old->processes != ns.processes || !sameThreads ||
                               fdRefs(*old) != fdRefs(ns);
        regroupedFlags[i] = regrouped;
        ns.owner = old->owner;
        ns.parent = old->parent;
        ns.ownerUid = old->ownerUid;
        ns.id = old->id;
        ns.details = old->details;
        if (!regrouped)
            ns.launcher = old->launcher;
        extra[i].parentKnown = cache.base.parentKnown.count(NsKey{ns.type, ns.inode}) != 0;
    }
}

void ScanState::adoptNamed(std::size_t i)
{
    // An owner or parent no process holds: as the last scan described it, when it had it.
    if (!prev)
        return;
    Namespace& ns = snap.namespaces[i];
    const Namespace* old = prev->findNamespace(ns.type, ns.inode);
    if (!old)
        return;
    ns.owner = old->owner;
    ns.parent = old->parent;
    ns.ownerUid = old->ownerUid;
    ns.id = old->id;
    ns.details = old->details;
    extra[i].parentKnown = cache.base.parentKnown.count(NsKey{ns.type, ns.inode}) != 0;
}

void ScanState::finishRescan()
{
    // Errors of the passes after the walk, about what was taken over: still true.
    if (!prev)
        return;
    for (const ScanError& e : cache.base.passErrors)
        if (e.pid == 0 || (process(e.pid) && !contains(reread, e.pid)))
            snap.errors.push_back(e);
    auto tail = snap.errors.begin() + static_cast<std::ptrdiff_t>(walkErrorCount);
    auto key = [](const ScanError& e) { return std::tie(e.pid, e.path, e.error); };
    std::sort(tail, snap.errors.end(),
              [&](const ScanError& a, const ScanError& b) { return key(a) < key(b); });
    snap.errors.erase(std::unique(tail, snap.errors.end()), snap.errors.end());
}

void ScanState::keepForRescan()
{
    RescanBase& base = cache.base;
    base.loose = std::move(walkLoose);
    base.fds = std::move(walkFds);
    base.tunFds = std::move(tunFds);
    base.walkErrors = std::move(walkErrors);
    base.passErrors.assign(snap.errors.begin() + static_cast<std::ptrdiff_t>(walkErrorCount),
                           snap.errors.end());
    base.parentKnown.clear();
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i)
        if (extra[i].parentKnown)
            base.parentKnown.emplace(NsKey{snap.namespaces[i].type, snap.namespaces[i].inode},
                                     true);
    base.nsfsDev = nsfsDev;
    base.valid = true;
}

} // namespace nsx::backend::scan
