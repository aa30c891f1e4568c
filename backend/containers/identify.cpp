// The identification (issue 15): runs the sources of sources.h in their order and gives every
// process and non-initial namespace the container it belongs to.
#include "sources.h"

#include "engine_directory.h"
#include "safe_read.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

namespace nsx::backend::containers {

namespace {

constexpr int kNone = -1, kUnknown = -2;

struct Registry
{
    std::vector<Claim> claims;                     // accepted, by precedence
    std::map<std::string, std::size_t> byKey;      // container key -> claim
    std::unordered_map<int, std::size_t> rootOf;   // root pid -> claim
    std::unordered_map<int, std::size_t> memberOf; // member pid -> claim
    std::map<std::pair<NsType, std::uint64_t>, std::size_t> nsOf;

    // Later claims never override earlier ones; a later claim of a known key only adds the
    // roots, members and namespaces the earlier one did not have.
    void accept(Claim&& c)
    {
        if (c.container.key.empty())
            return;
        auto [it, added] = byKey.try_emplace(c.container.key, claims.size());
        const std::size_t at = it->second;
        if (added)
            claims.push_back(Claim{c.container, {}, {}, {}});
        Claim& into = claims[at];
        if (!into.container.pid && c.container.pid)
            into.container.pid = c.container.pid;
        for (int pid : c.roots)
            if (rootOf.try_emplace(pid, at).second)
                into.roots.push_back(pid);
        for (int pid : c.members)
            if (memberOf.try_emplace(pid, at).second)
                into.members.push_back(pid);
        for (const auto& n : c.namespaces)
            if (nsOf.try_emplace(n, at).second)
                into.namespaces.push_back(n);
    }
};

// The nearest claimed ancestor-or-self of every process (iterative, memoised).
std::vector<int> byAncestry(const Context& ctx, const Registry& reg)
{
    const auto& procs = ctx.snap.processes;
    std::vector<int> result(procs.size(), kUnknown);
    std::vector<std::size_t> chain;
    for (std::size_t i = 0; i < procs.size(); ++i) {
        chain.clear();
        std::size_t at = i;
        int found = kNone;
        for (int guard = 0; guard < 4096; ++guard) {
            if (result[at] != kUnknown) {
                found = result[at];
                break;
            }
            chain.push_back(at);
            const Process& p = procs[at];
            if (auto r = reg.rootOf.find(p.pid); r != reg.rootOf.end()) {
                found = static_cast<int>(r->second);
                break;
            }
            auto parent = ctx.byPid.find(p.ppid);
            if (p.ppid <= 0 || parent == ctx.byPid.end() || parent->second == at)
                break;
            at = parent->second;
        }
        for (std::size_t k : chain)
            result[k] = found;
        // The claimed root itself is in the chain and was given `found` too.
    }
    return result;
}

} // namespace

CgroupPaths parseCgroupPaths(std::string_view text)
{
    CgroupPaths out;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        // "ID:CONTROLLERS:PATH"
        const std::size_t a = line.find(':');
        const std::size_t b = a == std::string_view::npos ? a : line.find(':', a + 1);
        if (b == std::string_view::npos)
            continue;
        const std::string_view controllers = line.substr(a + 1, b - a - 1);
        const std::string_view path = line.substr(b + 1);
        if (line.substr(0, a) == "0" && controllers.empty())
            out.unified = std::string(path);
        else if (controllers == "name=systemd")
            out.systemd = std::string(path);
    }
    return out;
}

void scopeToUser(Container& c, std::uint32_t uid)
{
    if (uid == 0)
        return;
    c.ownerUid = uid;
    const std::string scope = "@" + std::to_string(uid);
    const std::size_t colon = c.key.find(':');
    const std::size_t at = c.key.find('@');
    if (colon == std::string::npos || (at != std::string::npos && at < colon))
        return; // no "ENGINE:" prefix, or already scoped
    c.key.insert(colon, scope);
}

std::optional<std::uint32_t> bindMountOwner(const Context& ctx, const Reference& r)
{
    if (!r.mountNs || r.mountNs == ctx.initial[index(NsType::Mnt)])
        return 0;
    const Namespace* mnt = ctx.findNamespace(NsType::Mnt, r.mountNs);
    if (!mnt || !mnt->owner)
        return std::nullopt;
    if (*mnt->owner == ctx.initial[index(NsType::User)])
        return 0;
    const Namespace* user = ctx.findNamespace(NsType::User, *mnt->owner);
    if (!user || !user->ownerUid)
        return std::nullopt;
    return *user->ownerUid;
}

void identify(Snapshot& snap, const std::vector<int>& oldest, Context& ctx)
{
    Registry reg;
    bool unnamedByApi = false;
    for (const NamedSource& s : kSources) {
        std::vector<Claim> claims;
        s.run(ctx, claims);
        for (Claim& c : claims) {
            if (c.by > 0) {
                const Process* by = ctx.process(c.by);
                if (!by || !by->uid)
                    continue; // nobody can say whose name it is
                scopeToUser(c.container, *by->uid);
            }
            // docker or podman containers that the API did not list: ask it again soon.
            const std::string& e = c.container.engine;
            if ((e == "docker" || e == "podman") && !reg.byKey.count(c.container.key))
                unnamedByApi = true;
            reg.accept(std::move(c));
        }
    }
    if (unnamedByApi)
        EngineDirectory::shared().refreshSoon();

    std::vector<int> of = byAncestry(ctx, reg);
    auto& procs = snap.processes;

    // 16. Named network namespaces (their processes are named after the cgroup step, below).
    {
        std::vector<Claim> claims;
        fromNetns(ctx, claims);
        for (Claim& c : claims)
            reg.accept(std::move(c));
    }

    // 15. The cgroup, only for processes in non-initial namespaces still unnamed; a process
    // with the namespaces and the (unnamed) state of its parent takes its parent's answer.
    std::unordered_map<int, int> cgroupAnswer; // pid -> claim or kNone
    for (std::size_t i = 0; i < procs.size(); ++i) {
        const Process& p = procs[i];
        if (of[i] != kNone || !ctx.nonInitial(p))
            continue;
        if (auto m = reg.memberOf.find(p.pid); m != reg.memberOf.end()) {
            of[i] = static_cast<int>(m->second);
            continue;
        }
        const Process* parent = ctx.process(p.ppid);
        if (parent && parent->namespaces == p.namespaces)
            if (auto a = cgroupAnswer.find(parent->pid); a != cgroupAnswer.end()) {
                cgroupAnswer[p.pid] = a->second;
                of[i] = a->second;
                continue;
            }
        int answer = kNone;
        // A process in a named network namespace (ip netns exec) is better called by that
        // name than by the login scope or service it was started from.
        const auto& net = p.namespaces[index(NsType::Net)];
        const bool inNamedNetns = net && reg.nsOf.count({NsType::Net, *net});
        if (const CgroupPaths* cg = ctx.cgroupOf(p.pid))
            if (std::optional<Claim> c = fromCgroup(*cg);
                c && !(inNamedNetns && c->container.engine == "service")) {
                c->members.push_back(p.pid);
                const std::string key = c->container.key;
                reg.accept(std::move(*c));
                answer = static_cast<int>(reg.byKey.at(key));
                Claim& claimed = reg.claims[static_cast<std::size_t>(answer)];
                if (!claimed.container.pid)
                    claimed.container.pid = p.pid;
            }
        cgroupAnswer[p.pid] = answer;
        of[i] = answer;
    }

    // Namespaces: the container of the oldest member, else the claim naming it. A claim naming
    // the namespace itself (`ip netns add green`) wins over a member that is only a tool's
    // (`ip netns exec green unshare -u sleep`: green is not "unshare: sleep"); an engine's
    // member wins over it (podman names its netns /run/netns/netns-UUID: that is the container).
    const auto weak = [&reg](int claim) {
        if (claim < 0)
            return true;
        const std::string& e = reg.claims[static_cast<std::size_t>(claim)].container.engine;
        return e == "unshare" || e == "other" || e == "service";
    };
    std::vector<int> nsOf(snap.namespaces.size(), kNone);
    for (std::size_t n = 0; n < snap.namespaces.size(); ++n) {
        const Namespace& ns = snap.namespaces[n];
        const bool initial = ctx.initial[index(ns.type)] == ns.inode;
        if (!initial && n < oldest.size() && oldest[n])
            if (auto it = ctx.byPid.find(oldest[n]); it != ctx.byPid.end())
                nsOf[n] = of[it->second];
        if (weak(nsOf[n]))
            if (auto it = reg.nsOf.find({ns.type, ns.inode}); it != reg.nsOf.end())
                nsOf[n] = static_cast<int>(it->second);
    }
    // Processes still unnamed in a named non-initial namespace (docker exec, ip netns exec):
    // that namespace's container, pid namespace first.
    {
        std::map<std::pair<NsType, std::uint64_t>, int> named;
        for (std::size_t n = 0; n < snap.namespaces.size(); ++n)
            if (nsOf[n] != kNone)
                named[{snap.namespaces[n].type, snap.namespaces[n].inode}] = nsOf[n];
        static constexpr NsType kOrder[] = {NsType::Pid,  NsType::Mnt, NsType::Net,
                                            NsType::Uts,  NsType::Ipc, NsType::Cgroup,
                                            NsType::User, NsType::Time};
        for (std::size_t i = 0; i < procs.size(); ++i) {
            if (of[i] != kNone)
                continue;
            for (NsType t : kOrder) {
                const auto& inode = procs[i].namespaces[index(t)];
                if (!inode || *inode == ctx.initial[index(t)])
                    continue;
                if (auto it = named.find({t, *inode}); it != named.end()) {
                    of[i] = it->second;
                    break;
                }
            }
        }
    }

    // Still unnamed processes in non-initial namespaces (a tool that exec'd its command, a
    // process that entered namespaces itself): the topmost of each unnamed subtree in the same
    // namespaces is the container, named by its command. A process in namespaces other than its
    // parent's starts a container of its own: a sandbox made inside an unnamed one (a login in a
    // private mount namespace, pam_namespace's, a CI runner's) is not the outer one's.
    {
        const std::vector<int> before = of;
        std::unordered_map<int, int> topClaim;
        for (std::size_t i = 0; i < procs.size(); ++i) {
            if (before[i] != kNone || !ctx.nonInitial(procs[i]))
                continue;
            const Process* top = &procs[i];
            for (int guard = 0; guard < 4096; ++guard) {
                const Process* parent = ctx.process(top->ppid);
                if (!parent || parent == top || !ctx.nonInitial(*parent) ||
                    parent->namespaces != top->namespaces ||
                    before[ctx.byPid.at(parent->pid)] != kNone)
                    break;
                top = parent;
            }
            auto [it, added] = topClaim.try_emplace(top->pid, kNone);
            if (added) {
                Claim c;
                c.container.engine = "other";
                c.container.name = cleanName(top->comm);
                c.container.id = std::to_string(top->pid);
                c.container.key = "other:" + c.container.id;
                c.container.pid = top->pid;
                c.container.source = "process";
                // Its comm names it, which its user chose ("web", "docker:web").
                if (top->uid)
                    scopeToUser(c.container, *top->uid);
                const std::string key = c.container.key;
                reg.accept(std::move(c));
                it->second = static_cast<int>(reg.byKey.at(key));
            }
            of[i] = it->second;
        }
    }

    // Namespaces still unnamed: their oldest member's container, now that every process in a
    // non-initial namespace has one.
    for (std::size_t n = 0; n < snap.namespaces.size(); ++n) {
        const Namespace& ns = snap.namespaces[n];
        if (nsOf[n] != kNone || ctx.initial[index(ns.type)] == ns.inode || n >= oldest.size() ||
            !oldest[n])
            continue;
        if (auto it = ctx.byPid.find(oldest[n]); it != ctx.byPid.end())
            nsOf[n] = of[it->second];
    }

    // Only containers something refers to are listed.
    std::set<int> used;
    for (std::size_t i = 0; i < procs.size(); ++i)
        if (of[i] >= 0) {
            procs[i].container = reg.claims[static_cast<std::size_t>(of[i])].container.key;
            used.insert(of[i]);
        }
    for (std::size_t n = 0; n < snap.namespaces.size(); ++n)
        if (nsOf[n] >= 0) {
            snap.namespaces[n].container =
                reg.claims[static_cast<std::size_t>(nsOf[n])].container.key;
            used.insert(nsOf[n]);
        }
    snap.containers.clear();
    for (int c : used) {
        Container container = reg.claims[static_cast<std::size_t>(c)].container;
        std::sort(container.labels.begin(), container.labels.end());
        snap.containers.push_back(std::move(container));
    }
    std::sort(snap.containers.begin(), snap.containers.end(),
              [](const Container& a, const Container& b) { return a.key < b.key; });
}

} // namespace nsx::backend::containers
