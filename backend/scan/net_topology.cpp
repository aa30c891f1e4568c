// Pass 4, after the namespace workers: what a net namespace's interfaces say about the others.
// - The other end of a link in another namespace (a veth's peer, a macvlan's or vxlan's lower
//   device) is named there by an NSID, a number only that namespace understands: each is asked
//   inside it (RTM_GETNSID with NETNSA_FD) of the namespaces likely to be it, found from the
//   interfaces the workers read (a veth whose peer index is ours and ours is its peer), then of
//   the rest; what is learnt is kept for the next scan (ScanCache::nsids).
// - A TUN/TAP interface's servers: the processes holding /dev/net/tun attached to it (the fd
//   walk kept those descriptors; their fdinfo names the interface), read only when some
//   namespace has a tun interface.
#include "ns_worker.h"
#include "proc_io.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <system_error>
#include <thread>
#include <unordered_map>

namespace nsx::backend::scan {

namespace {

struct IfRef
{
    std::size_t ns;  // namespace index
    std::size_t pos; // position in its details.interfaces
};

} // namespace

void ScanState::resolveNetLinks(std::vector<WorkerOutput>& outputs)
{
    std::unordered_map<std::uint64_t, std::size_t> byId; // NS_GET_ID -> index, net only
    std::unordered_map<int, std::vector<IfRef>> byIfindex;
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        const Namespace& ns = snap.namespaces[i];
        if (ns.type != NsType::Net)
            continue;
        if (ns.id)
            byId.emplace(*ns.id, i);
        if (ns.details.interfaces)
            for (std::size_t k = 0; k < ns.details.interfaces->size(); ++k)
                if (auto index = (*ns.details.interfaces)[k].index)
                    byIfindex[*index].push_back({i, k});
    }
    // A rescan keeps what was learnt of the namespaces taken over (their interfaces were not
    // read again, so they have no pending links here), for those still present.
    decltype(cache.nsids) nextNsids;
    if (prev)
        for (const auto& [giver, named] : cache.nsids) {
            if (!byId.count(giver))
                continue;
            auto& kept = nextNsids[giver];
            for (const auto& [nsid, otherId] : named)
                if (byId.count(otherId))
                    kept.emplace_back(nsid, otherId);
        }
    std::vector<NsidJob> jobs;
    std::vector<const WorkerOutput::PendingLinks*> pendingOf; // parallel to jobs
    std::vector<std::vector<std::pair<std::int32_t, std::size_t>>> resolved;
    std::vector<const WorkerOutput::PendingLinks*> all;
    for (const WorkerOutput& out : outputs)
        for (const WorkerOutput::PendingLinks& p : out.netLinks)
            all.push_back(&p);
    resolved.resize(all.size());
    for (std::size_t a = 0; a < all.size(); ++a) {
        const WorkerOutput::PendingLinks& p = *all[a];
        const Namespace& ns = snap.namespaces[p.ns];
        // From the last scan, for the namespaces still here.
        if (ns.id)
            if (auto it = cache.nsids.find(*ns.id); it != cache.nsids.end())
                for (const auto& [nsid, otherId] : it->second)
                    if (auto o = byId.find(otherId); o != byId.end())
                        resolved[a].emplace_back(nsid, o->second);
        NsidJob job;
        job.ns = p.ns;
        for (const auto& link : p.links)
            if (const std::int32_t nsid = link.second;
                std::none_of(resolved[a].begin(), resolved[a].end(),
                             [nsid](const auto& r) { return r.first == nsid; }) &&
                std::find(job.wanted.begin(), job.wanted.end(), nsid) == job.wanted.end())
                job.wanted.push_back(nsid);
        if (job.wanted.empty())
            continue;
        // Likely ones first: a namespace with an interface of the index our link names, which
        // (for a veth) names ours back. The rest (runNsidWorker) only when these fall short.
        const std::vector<NetInterface>& mine = *ns.details.interfaces;
        for (const auto& [pos, nsid] : p.links) {
            const NetInterface& me = mine[pos];
            auto it = byIfindex.find(me.link->ifindex);
            if (it == byIfindex.end())
                continue;
            for (const IfRef& r : it->second) {
                if (r.ns == p.ns || std::find(job.candidates.begin(), job.candidates.end(), r.ns) !=
                                        job.candidates.end())
                    continue;
                const NetInterface& them = (*snap.namespaces[r.ns].details.interfaces)[r.pos];
                if (me.kind == "veth" &&
                    (!them.link || !them.link->nsid || them.link->ifindex != me.index))
                    continue;
                job.candidates.push_back(r.ns);
            }
        }
        jobs.push_back(std::move(job));
        pendingOf.push_back(all[a]);
    }
    if (!jobs.empty()) {
        std::vector<std::size_t> allNet;
        for (std::size_t i = 0; i < snap.namespaces.size(); ++i)
            if (snap.namespaces[i].type == NsType::Net)
                allNet.push_back(i);
        const std::size_t count = std::max<std::size_t>(
            1, std::min(workerCount(options.parallelism), (jobs.size() + 15) / 16));
        std::atomic<std::size_t> next{0};
        std::vector<pid_t> stranded(count);
        std::vector<std::thread> threads;
        try {
            for (std::size_t k = 0; k < count; ++k)
                threads.emplace_back([this, &jobs, &allNet, &next, &stranded, k] {
                    stranded[k] = runNsidWorker(*this, jobs, allNet, next);
                });
        } catch (const std::system_error& e) {
            if (threads.empty())
                snap.errors.push_back({0, "", std::string("no worker thread: ") + e.what()});
        }
        for (std::thread& t : threads)
            t.join();
        for (pid_t tid : stranded)
            if (tid)
                unregisterWorkerThread(tid);
        std::size_t asked = 0;
        for (std::size_t j = 0; j < jobs.size(); ++j) {
            asked += jobs[j].asked;
            const auto a = static_cast<std::size_t>(
                std::find(all.begin(), all.end(), pendingOf[j]) - all.begin());
            for (const auto& f : jobs[j].found)
                resolved[a].push_back(f);
        }
        spdlog::debug("scan: {} NSID queries for {} net namespaces", asked, jobs.size());
    }
    // Fill the other ends in, and remember what was learnt.
    for (std::size_t a = 0; a < all.size(); ++a) {
        const WorkerOutput::PendingLinks& p = *all[a];
        Namespace& ns = snap.namespaces[p.ns];
        std::vector<NetInterface>& mine = *ns.details.interfaces;
        for (const auto& link : p.links) {
            // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
            const auto pos = link.first;
            const std::int32_t nsid = link.second;
            auto r = std::find_if(resolved[a].begin(), resolved[a].end(),
                                  [nsid](const auto& x) { return x.first == nsid; });
            if (r == resolved[a].end())
                continue;
            const Namespace& other = snap.namespaces[r->second];
            NetLinkEnd& end = *mine[pos].link;
            end.netns = other.inode;
            if (other.details.interfaces)
                for (const NetInterface& them : *other.details.interfaces)
                    if (them.index == end.ifindex)
                        end.name = them.name;
        }
        if (ns.id) {
            auto& learnt = nextNsids[*ns.id];
            learnt.clear(); // what a rescan kept of it: resolved[a] has it already
            for (const auto& [nsid, i] : resolved[a])
                if (snap.namespaces[i].id)
                    learnt.emplace_back(nsid, *snap.namespaces[i].id);
        }
    }
    cache.nsids = std::move(nextNsids);
}

std::vector<std::size_t> ScanState::netPeersToReread() const
{
    // A rescan takes a net namespace over with the interfaces the last scan read; those change
    // without process events. Two changes come with a net namespace born or gone, and are shown
    // at once: a new namespace's link end in one taken over (the host side of a new container's
    // veth pair, moved or made there), and a gone namespace's peers (the kernel destroys a veth
    // pair with either end's namespace). Other interface changes in namespaces taken over (an
    // `ip link add` on the host, a physical device given back to the initial namespace) wait for
    // the next full scan.
    std::vector<char> want(snap.namespaces.size(), 0);
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        const Namespace& ns = snap.namespaces[i];
        if (ns.type != NsType::Net || !ns.details.interfaces)
            continue;
        const bool isFresh = fresh(i);
        for (const NetInterface& nif : *ns.details.interfaces) {
            if (!nif.link || !nif.link->netns)
                continue;
            auto it = nsIndex.find(NsKey{NsType::Net, *nif.link->netns});
            if (it == nsIndex.end()) {
                if (!isFresh)
                    want[i] = 1; // its peer's namespace is gone
            } else if (isFresh && !fresh(it->second) && it->second != i) {
                want[it->second] = 1; // a new namespace's peer in one taken over
            }
        }
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < want.size(); ++i)
        if (want[i])
            out.push_back(i);
    return out;
}

void ScanState::findTunServers()
{
    // Tun interfaces by name; the fdinfo names only the interface, not its namespace. A rescan
    // took interfaces over with the last scan's servers: found again here from all descriptors
    // (those of processes not read again are taken over, rescan.cpp).
    std::unordered_map<std::string, std::vector<IfRef>> tuns;
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        if (prev && snap.namespaces[i].type == NsType::Net && snap.namespaces[i].details.interfaces)
            for (NetInterface& nif : *snap.namespaces[i].details.interfaces)
                nif.servedBy.clear();
        const Namespace& ns = snap.namespaces[i];
        if (ns.type == NsType::Net && ns.details.interfaces)
            for (std::size_t k = 0; k < ns.details.interfaces->size(); ++k)
                if ((*ns.details.interfaces)[k].kind == "tun")
                    tuns[(*ns.details.interfaces)[k].name].push_back({i, k});
    }
    if (tuns.empty() || tunFds.empty())
        return;
    std::string buf;
    for (const TunFd& t : tunFds) {
        char rel[48];
        std::snprintf(rel, sizeof rel, "%d/fdinfo/%d", t.pid, t.fd);
        if (readFileAt(procFd, rel, buf) != 0)
            continue; // gone, or not ours to read
        const std::optional<std::string> iff = procfs::parseTunIff(buf);
        if (!iff)
            continue;
        auto it = tuns.find(*iff);
        if (it == tuns.end())
            continue;
        // The one in the holder's net namespace (where it was made, as a rule), else the only
        // one of that name; two elsewhere of one name cannot be told apart from here.
        const IfRef* match = nullptr;
        if (const Process* pr = process(t.pid))
            if (auto net = pr->namespaces[index(NsType::Net)])
                for (const IfRef& r : it->second)
                    if (snap.namespaces[r.ns].inode == *net)
                        match = &r;
        if (!match && it->second.size() == 1)
            match = &it->second.front();
        if (!match)
            continue;
        std::vector<int>& by =
            (*snap.namespaces[match->ns].details.interfaces)[match->pos].servedBy;
        if (std::find(by.begin(), by.end(), t.pid) == by.end())
            by.insert(std::upper_bound(by.begin(), by.end(), t.pid), t.pid);
    }
}

} // namespace nsx::backend::scan
