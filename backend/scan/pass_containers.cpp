// Pass 6, the containers (issue 15): what each namespace and process is, by name. The sources
// and the rules are in containers/sources.h and containers/identify.cpp; this pass gives them
// the scan: the processes and namespaces found, each namespace's oldest member, and a cgroup
// reader that reads a process's cgroup file at most once per scan, and only when asked (for
// processes in non-initial namespaces that nothing else named).
#include "containers/own.h"
#include "containers/sources.h"
#include "proc_io.h"
#include "scan_state.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace nsx::backend::scan {

void ScanState::identifyContainers()
{
    if (!options.containers)
        return;
    if (options.beforeContainers)
        options.beforeContainers();
    // A rescan (rescan.cpp) took processes over with the keys the last scan gave them; every
    // key is given anew here, as in a full scan (identify sets only the named ones).
    for (Process& p : snap.processes)
        p.container.reset();
    for (Namespace& ns : snap.namespaces)
        ns.container.reset();
    containers::Context ctx(snap);
    ctx.initial = initialNamespaces(snap);
    ctx.procFd = procFd;
    ctx.procRoot = options.procRoot;
    ctx.hostRoot = options.hostRoot;
    while (!ctx.hostRoot.empty() && ctx.hostRoot.back() == '/')
        ctx.hostRoot.pop_back();
    ctx.scannerUid = snap.scannerUid;
    ctx.byPid.reserve(snap.processes.size());
    for (std::size_t i = 0; i < snap.processes.size(); ++i) {
        ctx.byPid.emplace(snap.processes[i].pid, i);
        if (snap.processes[i].ppid > 0)
            ctx.children[snap.processes[i].ppid].push_back(snap.processes[i].pid);
    }
    std::unordered_map<int, std::optional<containers::CgroupPaths>> cgroups;
    ctx.cgroupOf = [&](int pid) -> const containers::CgroupPaths* {
        auto [it, added] = cgroups.try_emplace(pid);
        if (added) {
            char rel[32];
            std::snprintf(rel, sizeof rel, "%d/cgroup", pid);
            if (readFileAt(procFd, rel, cache.buf, true) == 0)
                it->second = containers::parseCgroupPaths(cache.buf);
        }
        return it->second ? &*it->second : nullptr;
    };
    ctx.namespaceOf = [this](NsType type, std::uint64_t inode) -> const Namespace* {
        auto it = nsIndex.find(NsKey{type, inode});
        return it == nsIndex.end() ? nullptr : &snap.namespaces[it->second];
    };
    ctx.oldestMember = [this](NsType type, std::uint64_t inode) {
        auto it = nsIndex.find(NsKey{type, inode});
        return it == nsIndex.end() ? 0 : extra[it->second].oldestPid;
    };
    ctx.problem = [this](int pid, const std::string& path, const std::string& why) {
        // Once per file and reason, not at every poll.
        if (cache.containerProblems.size() < 4096 &&
            cache.containerProblems.try_emplace(path + '\n' + why, true).second)
            spdlog::warn("container name source {}{}: {}", path,
                         pid ? " (pid " + std::to_string(pid) + ")" : std::string(),
                         why.substr(0, 200));
    };
    ctx.ourContainer = [this](int pid) { return containers::nameOurContainer(*this, pid); };
    std::vector<int> oldest(snap.namespaces.size(), 0);
    for (std::size_t i = 0; i < snap.namespaces.size() && i < extra.size(); ++i)
        oldest[i] = extra[i].oldestPid;
    containers::identify(snap, oldest, ctx);
}

} // namespace nsx::backend::scan
