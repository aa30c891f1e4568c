#include "snapshot.h"

#include <algorithm>
#include <iterator>
#include <tuple>
#include <utility>

namespace nsx::backend {

const Namespace* Snapshot::findNamespace(NsType type, std::uint64_t inode) const
{
    auto key = std::make_tuple(type, inode);
    auto it = std::lower_bound(
        namespaces.begin(), namespaces.end(), key,
        [](const Namespace& ns, const auto& k) { return std::make_tuple(ns.type, ns.inode) < k; });
    if (it != namespaces.end() && it->type == type && it->inode == inode)
        return &*it;
    return nullptr;
}

const Process* ProcessCursor::find(int pid)
{
    const auto end = m_processes.end();
    if (m_at != m_processes.begin() && std::prev(m_at)->pid >= pid)
        m_at = m_processes.begin(); // asked out of order: start over
    int steps = 0;
    while (m_at != end && m_at->pid < pid && ++steps < 8)
        ++m_at;
    if (m_at != end && m_at->pid < pid)
        m_at = std::lower_bound(m_at, end, pid, [](const Process& p, int k) { return p.pid < k; });
    return m_at != end && m_at->pid == pid ? &*m_at : nullptr;
}

const Process* Snapshot::findProcess(int pid) const
{
    auto it = std::lower_bound(processes.begin(), processes.end(), pid,
                               [](const Process& p, int k) { return p.pid < k; });
    if (it != processes.end() && it->pid == pid)
        return &*it;
    return nullptr;
}

const Container* Snapshot::findContainer(std::string_view key) const
{
    auto it = std::lower_bound(containers.begin(), containers.end(), key,
                               [](const Container& c, std::string_view k) { return c.key < k; });
    if (it != containers.end() && it->key == key)
        return &*it;
    return nullptr;
}

NsInodes initialNamespaces(const Snapshot& s)
{
    NsInodes initial{};
    const Process* one = s.findProcess(1);
    const Process* kthreadd = s.findProcess(2);
    // PID 2 is kthreadd only in the initial pid namespace; in a container it is anybody.
    if (kthreadd && (kthreadd->comm != "kthreadd" || kthreadd->ppid != 0))
        kthreadd = nullptr;
    for (NsType t : kAllNsTypes) {
        if (one && one->namespaces[index(t)])
            initial[index(t)] = one->namespaces[index(t)];
        else if (kthreadd && kthreadd->namespaces[index(t)])
            initial[index(t)] = kthreadd->namespaces[index(t)];
    }
    // The inodes the kernel gives its initial namespaces (include/linux/proc_ns.h).
    constexpr std::pair<NsType, std::uint64_t> kFixed[] = {
        {NsType::Cgroup, 0xEFFFFFFBu}, {NsType::Ipc, 0xEFFFFFFFu},  {NsType::Pid, 0xEFFFFFFCu},
        {NsType::Time, 0xEFFFFFFAu},   {NsType::User, 0xEFFFFFFDu}, {NsType::Uts, 0xEFFFFFFEu}};
    for (const auto& [t, ino] : kFixed)
        if (!initial[index(t)] &&
            // Not findNamespace: a scan asks before its namespaces are sorted.
            std::any_of(s.namespaces.begin(), s.namespaces.end(),
                        [t = t, ino = ino](const Namespace& ns) {
                            return ns.type == t && ns.inode == ino;
                        }))
            initial[index(t)] = ino;
    const auto& initialUser = initial[index(NsType::User)];
    for (NsType t : {NsType::Mnt, NsType::Net}) {
        if (initial[index(t)])
            continue;
        std::size_t best = 0;
        for (const Namespace& ns : s.namespaces) {
            if (ns.type != t || ns.processes.size() <= best)
                continue;
            if (ns.owner && initialUser && *ns.owner != *initialUser)
                continue;
            best = ns.processes.size();
            initial[index(t)] = ns.inode;
        }
    }
    return initial;
}

bool differsFromParent(const NsInodes& initial, const Process* parent, NsType type,
                       std::uint64_t inode)
{
    if (parent && parent->namespaces[index(type)])
        return *parent->namespaces[index(type)] != inode;
    return initial[index(type)] && *initial[index(type)] != inode;
}

void normalize(Snapshot& snapshot)
{
    // A Namespace is large (its details): sorting them in place swapped each ~log n times, 8 %
    // of a rescan at 12,000 namespaces. Sort their keys, then move each once.
    auto& nss = snapshot.namespaces;
    auto key = [](const Namespace& ns) { return std::pair(ns.type, ns.inode); };
    if (!std::is_sorted(nss.begin(), nss.end(),
                        [&](const Namespace& a, const Namespace& b) { return key(a) < key(b); })) {
        std::vector<std::pair<std::pair<NsType, std::uint64_t>, std::size_t>> order;
        order.reserve(nss.size());
        for (std::size_t i = 0; i < nss.size(); ++i)
            order.emplace_back(key(nss[i]), i);
        std::sort(order.begin(), order.end());
        // In place, cycle by cycle (a second vector of 12,000 namespaces is megabytes of fresh
        // pages at every scan): position k takes the element at order[k].
        for (std::size_t i = 0; i < nss.size(); ++i) {
            if (order[i].second == i)
                continue;
            Namespace held = std::move(nss[i]);
            std::size_t j = i;
            while (true) {
                const std::size_t from = order[j].second;
                order[j].second = j;
                if (from == i) {
                    nss[j] = std::move(held);
                    break;
                }
                nss[j] = std::move(nss[from]);
                j = from;
            }
        }
    }
    for (Namespace& ns : snapshot.namespaces) {
        std::sort(ns.processes.begin(), ns.processes.end());
        std::sort(ns.threads.begin(), ns.threads.end());
    }
    std::sort(snapshot.processes.begin(), snapshot.processes.end(),
              [](const Process& a, const Process& b) { return a.pid < b.pid; });
    std::sort(snapshot.containers.begin(), snapshot.containers.end(),
              [](const Container& a, const Container& b) { return a.key < b.key; });
    for (Container& c : snapshot.containers)
        std::sort(c.labels.begin(), c.labels.end());
}

std::string containerTitle(const Container& c)
{
    std::string engine = c.engine;
    if (c.ownerUid)
        engine += "@" + std::to_string(*c.ownerUid);
    return engine + ": " + c.name;
}

} // namespace nsx::backend
