// Pass 4, the namespaces: every namespace described once, on worker threads (ns_worker.cpp)
// that may setns() into it; the calling thread never does. Then what needs all of them: the
// namespaces met only as an owner or parent, the next scan's memos, pid namespaces' init and
// level.
#include "ns_worker.h"
#include "proc_io.h"

#include <algorithm>
#include <cstdio>
#include <system_error>
#include <thread>

namespace nsx::backend::scan {

void ScanState::describeNamespaces()
{
    runWorkers();
    if (options.details) {
        pidDetails();
        findTunServers();
    }
}

void ScanState::runWorkers()
{
    if (!options.hierarchy && !options.details)
        return;
    // A rescan describes only what is new (rescan.cpp); a full scan everything.
    nsJobs.clear();
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i)
        if (fresh(i))
            nsJobs.push_back(i);
    std::vector<WorkerOutput> outputs = runJobs();
    finishHierarchy(outputs);
    if (!options.details)
        return;
    resolveNetLinks(outputs);
    // A rescan: the net namespaces taken over whose interfaces a new or gone net namespace
    // changed (net_topology.cpp, netPeersToReread) are read again, and the links resolved anew
    // with them (the NSIDs learnt just now are in the cache: no second round of queries).
    if (!prev)
        return;
    nsJobs = netPeersToReread();
    if (nsJobs.empty())
        return;
    std::vector<WorkerOutput> again = runJobs();
    finishHierarchy(again);
    for (WorkerOutput& out : again)
        outputs.push_back(std::move(out));
    resolveNetLinks(outputs);
}

std::vector<WorkerOutput> ScanState::runJobs()
{
    const std::size_t jobs = nsJobs.size();
    if (jobs == 0)
        return {};
    // At least one: the calling thread never setns()es.
    const std::size_t count =
        std::max<std::size_t>(1, std::min(workerCount(options.parallelism), (jobs + 15) / 16));
    std::atomic<std::size_t> next{0};
    std::vector<WorkerOutput> outputs(count);
    {
        // Workers setns(); the calling thread never does, so it keeps its namespaces.
        std::vector<std::thread> threads;
        threads.reserve(count);
        try {
            for (std::size_t k = 0; k < count; ++k)
                threads.emplace_back(
                    [this, &next, &outputs, k] { runNsWorker(*this, next, outputs[k]); });
        } catch (const std::system_error& e) {
            if (threads.empty())
                snap.errors.push_back({0, "", std::string("no worker thread: ") + e.what()});
        }
        for (std::thread& t : threads)
            t.join();
    }
    for (const WorkerOutput& out : outputs)
        if (out.strandedTid)
            unregisterWorkerThread(out.strandedTid);
    return outputs;
}

void ScanState::finishHierarchy(std::vector<WorkerOutput>& outputs)
{
    // The next scan's cgroup roots: those taken over, and those worked out now from an outside
    // and an inside read of the oldest member's cgroup, if it is still in the cgroup of the
    // outside read (had it moved in between, the root would be wrong for the namespace's life,
    // not for one scan). Read from here, the thread that never left our namespaces.
    // A rescan adds to what the last full scan knew (bounded by the namespaces seen between two
    // full scans); a full scan keeps only what it saw.
    if (!prev)
        cache.cgroupRoots.clear();
    for (auto& [id, root] : cgroupRootsSeen)
        cache.cgroupRoots.emplace(id, std::move(root));
    std::vector<WorkerOutput::CgroupRoot*> fresh;
    for (WorkerOutput& out : outputs)
        for (WorkerOutput::CgroupRoot& c : out.cgroupRoots)
            fresh.push_back(&c);
    std::vector<char> stayed(fresh.size());
    parallelFor(workerCount(options.parallelism), fresh.size(),
                [&](std::size_t k, std::string& buf) {
                    const NsExtra& ex = extra[fresh[k]->ns];
                    char rel[32];
                    std::snprintf(rel, sizeof rel, "%d/cgroup", ex.oldestPid);
                    stayed[k] = readFileAt(procFd, rel, buf, true) == 0 &&
                                procfs::parseCgroupV2Path(buf) == ex.oldestCgroup;
                });
    for (std::size_t k = 0; k < fresh.size(); ++k)
        if (stayed[k])
            cache.cgroupRoots.emplace(fresh[k]->id, std::move(fresh[k]->root));
    if (!prev) {
        cache.lineage.clear();
        cache.pidNsIds.clear();
    }
    for (WorkerOutput& out : outputs)
        for (auto& [id, l] : out.lineage) {
            cache.lineage.emplace(id, l);
            if (l.type == NsType::Pid)
                cache.pidNsIds.emplace(l.inode, id);
        }
    for (WorkerOutput& out : outputs) {
        for (ScanError& e : out.errors)
            snap.errors.push_back(std::move(e));
        for (const Discovered& d : out.discovered) {
            if (known(d.type, d.inode))
                continue; // another worker met it too
            std::size_t i = nsAt(d.type, d.inode);
            Namespace& ns = snap.namespaces[i];
            ns.owner = d.owner;
            ns.parent = d.parent;
            ns.ownerUid = d.ownerUid;
            ns.id = d.id;
            extra[i].parentKnown = d.parentKnown;
        }
    }
    // Every owner and parent named must be an entry (a worker may have failed to climb).
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        std::optional<std::uint64_t> owner = snap.namespaces[i].owner;
        std::optional<std::uint64_t> parent = snap.namespaces[i].parent;
        NsType type = snap.namespaces[i].type;
        for (auto [t, inode] : {std::pair{NsType::User, owner}, std::pair{type, parent}}) {
            if (!inode || known(t, *inode))
                continue;
            adoptNamed(nsAt(t, *inode)); // rescan: as the last scan described it
        }
    }
}

void ScanState::pidDetails()
{
    // init: the process whose innermost NSpid is 1. Processes with a one-level NSpid live in
    // the procfs root's own pid namespace even when their ns link was refused.
    std::optional<std::uint64_t> rootPidNs;
    for (const Process& pr : snap.processes)
        if (pr.nspid && pr.nspid->size() == 1 && pr.namespaces[index(NsType::Pid)]) {
            rootPidNs = pr.namespaces[index(NsType::Pid)];
            break;
        }
    for (const Process& pr : snap.processes) {
        if (!pr.nspid || pr.nspid->back() != 1)
            continue;
        std::optional<std::uint64_t> inode = pr.namespaces[index(NsType::Pid)];
        if (!inode && pr.nspid->size() == 1)
            inode = rootPidNs;
        if (!inode)
            continue;
        auto it = nsIndex.find(NsKey{NsType::Pid, *inode});
        if (it != nsIndex.end())
            snap.namespaces[it->second].details.init = pr.pid;
    }
    // level: the number of NS_GET_PARENT steps to the top; without a full chain, the depth
    // of a member's NSpid (both count from the scanner's own pid namespace).
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        Namespace& ns = snap.namespaces[i];
        if (ns.type != NsType::Pid)
            continue;
        int steps = 0;
        std::size_t at = i;
        bool complete = false;
        while (steps <= 64) {
            if (!extra[at].parentKnown)
                break;
            const Namespace& cur = snap.namespaces[at];
            if (!cur.parent) {
                complete = true;
                break;
            }
            auto it = nsIndex.find(NsKey{NsType::Pid, *cur.parent});
            if (it == nsIndex.end())
                break;
            at = it->second;
            ++steps;
        }
        if (complete) {
            ns.details.level = steps;
            continue;
        }
        for (int pid : ns.processes)
            if (const Process* pr = process(pid); pr && pr->nspid) {
                ns.details.level = static_cast<int>(pr->nspid->size()) - 1;
                break;
            }
    }
}

} // namespace nsx::backend::scan
