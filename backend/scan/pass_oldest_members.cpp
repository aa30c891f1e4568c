// Pass 2, the oldest members: each namespace's oldest member process (its launcher's child),
// and which cgroup files the mount pass reads on its threads: those of cgroup namespaces'
// oldest members (half of each namespace's root) and those findLaunchers will need.
#include "launcher.h"
#include "scan_state.h"

#include <tuple>

namespace nsx::backend::scan {

void ScanState::findOldestMembers()
{
    // The oldest member of each namespace (its launcher's child), and for cgroup namespaces
    // that member's cgroup as seen from here (half of the namespace's root).
    const Process* self = selfPid ? process(selfPid) : nullptr;
    std::uint64_t ownCgroup = 0; // 0: not in the snapshot (a fixture, another pid ns's /proc)
    if (self && self->namespaces[index(NsType::Cgroup)])
        ownCgroup = *self->namespaces[index(NsType::Cgroup)];
    if (cache.cgroupRootsView != ownCgroup) {
        cache.cgroupRoots.clear(); // paths seen from another cgroup namespace
        cache.cgroupRootsView = ownCgroup;
    }
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        Namespace& ns = snap.namespaces[i];
        const Process* oldest = nullptr;
        ProcessCursor members(snap.processes); // both ascend by pid
        for (int pid : ns.processes) {
            const Process* pr = members.find(pid);
            if (pr && (!oldest ||
                       std::tie(pr->startTime, pr->pid) < std::tie(oldest->startTime, oldest->pid)))
                oldest = pr;
        }
        if (!oldest)
            continue;
        NsExtra& ex = extra[i];
        ex.oldestPid = oldest->pid;
        if (!regrouped(i))
            continue; // its launcher and cgroup root are the last scan's (rescan.cpp)
        // findLaunchers reads the oldest member's cgroup when a comm leaves the kind open: read
        // it with the others, on the mount pass's threads (a superset: findLaunchers skips some).
        const Process* outside = launcherOutside(ns, *oldest);
        if ((outside && launcherKindNeedsCgroup(outside->comm)) ||
            launcherKindNeedsCgroup(oldest->comm))
            launcherCgroups.push_back(oldest->pid);
        if (ns.type != NsType::Cgroup || !options.details || !fresh(i))
            continue;
        if (ownCgroup == ns.inode)
            ns.details.cgroupRoot.emplace("/"); // our own root, as we see it
        else
            cgroupJobs.push_back(i); // read by the mount pass
    }
}

} // namespace nsx::backend::scan
