// Pass 6 (a hook until the containers pass of issue 15 calls nameOurContainer itself): the
// namespaces our helper launched, and the processes under its supervisor, get their container.
#include "containers/own.h"
#include "scan_state.h"

#include <algorithm>
#include <unordered_map>

namespace nsx::backend::scan {

void ScanState::nameOwnContainers()
{
    std::unordered_map<int, std::optional<Container>> bySupervisor;
    for (Namespace& ns : snap.namespaces) {
        if (ns.container || !ns.launcher || ns.launcher->kind != "nsexplorer" || !ns.launcher->pid)
            continue;
        const int pid = *ns.launcher->pid;
        auto [it, added] = bySupervisor.try_emplace(pid);
        if (added)
            it->second = containers::nameOurContainer(*this, pid);
        if (it->second)
            ns.container = it->second->key;
    }
    // The supervisor and everything below it belong to the container (processes are sorted
    // by pid, parents mostly before children: climb each one's ancestry, memoised).
    std::unordered_map<int, const std::string*> keyOf;
    for (const auto& [pid, c] : bySupervisor)
        if (c)
            keyOf[pid] = &c->key;
    if (keyOf.empty())
        return;
    std::unordered_map<int, const std::string*> memo;
    auto containerOf = [&](int pid) -> const std::string* {
        std::vector<int> path;
        const std::string* found = nullptr;
        for (int guard = 0; guard < 4096 && pid > 0; ++guard) {
            if (auto k = keyOf.find(pid); k != keyOf.end()) {
                found = k->second;
                break;
            }
            if (auto m = memo.find(pid); m != memo.end()) {
                found = m->second;
                break;
            }
            path.push_back(pid);
            const Process* pr = process(pid);
            pid = pr ? pr->ppid : 0;
        }
        for (int p : path)
            memo[p] = found;
        return found;
    };
    for (Process& pr : snap.processes)
        if (!pr.container)
            if (const std::string* key = containerOf(pr.pid))
                pr.container = *key;
    for (auto& [pid, c] : bySupervisor)
        if (c && std::none_of(snap.containers.begin(), snap.containers.end(),
                              [&](const Container& o) { return o.key == c->key; }))
            snap.containers.push_back(std::move(*c));
    std::sort(snap.containers.begin(), snap.containers.end(),
              [](const Container& a, const Container& b) { return a.key < b.key; });
}

} // namespace nsx::backend::scan
