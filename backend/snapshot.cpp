#include "snapshot.h"

#include <algorithm>
#include <tuple>

namespace nsx::backend {

const Namespace* Snapshot::findNamespace(NsType type, std::uint64_t inode) const
{
    auto key = std::make_tuple(type, inode);
    auto it = std::lower_bound(namespaces.begin(), namespaces.end(), key,
                               [](const Namespace& ns, const auto& k) {
                                   return std::make_tuple(ns.type, ns.inode) < k;
                               });
    if (it != namespaces.end() && it->type == type && it->inode == inode)
        return &*it;
    return nullptr;
}

const Process* Snapshot::findProcess(int pid) const
{
    auto it = std::lower_bound(processes.begin(), processes.end(), pid,
                               [](const Process& p, int k) { return p.pid < k; });
    if (it != processes.end() && it->pid == pid)
        return &*it;
    return nullptr;
}

void normalize(Snapshot& snapshot)
{
    std::sort(snapshot.namespaces.begin(), snapshot.namespaces.end(),
              [](const Namespace& a, const Namespace& b) {
                  return std::tie(a.type, a.inode) < std::tie(b.type, b.inode);
              });
    for (Namespace& ns : snapshot.namespaces) {
        std::sort(ns.processes.begin(), ns.processes.end());
        std::sort(ns.threads.begin(), ns.threads.end());
    }
    std::sort(snapshot.processes.begin(), snapshot.processes.end(),
              [](const Process& a, const Process& b) { return a.pid < b.pid; });
}

} // namespace nsx::backend
