// Pass 5, the launchers: who started each non-initial namespace, from its oldest member and
// the first process outside it, by comm and, where the comm leaves it open, by cgroup.
#include "launcher.h"
#include "proc_io.h"
#include "scan_state.h"

#include <array>
#include <cstdio>

namespace nsx::backend::scan {

const Process* ScanState::launcherOutside(const Namespace& ns, const Process& oldest) const
{
    // Climb out of the namespace (several members can share the oldest start tick).
    int ppid = oldest.ppid;
    for (int guard = 0; guard < 64 && ppid > 0; ++guard) {
        const Process* pr = process(ppid);
        if (!pr)
            return nullptr;
        if (pr->namespaces[index(ns.type)] != ns.inode)
            return pr;
        ppid = pr->ppid;
    }
    return nullptr;
}

const std::optional<std::string>& ScanState::cgroupOf(int pid)
{
    auto [it, added] = cgroupCache.try_emplace(pid);
    if (added) {
        char rel[32];
        std::snprintf(rel, sizeof rel, "%d/cgroup", pid);
        int err = readFileAt(procFd, rel, cache.buf, true);
        if (!err)
            it->second = procfs::parseCgroupV2Path(cache.buf);
        else if (!vanished(err))
            error(pid, rel, err);
    }
    return it->second;
}

namespace {

// Field 6 of /proc/PID/stat, read now; nullopt when the process is gone or is another one
// than `startTime` names.
std::optional<int> sessionOf(int procFd, int pid, std::uint64_t startTime, std::string& buf)
{
    char rel[32];
    std::snprintf(rel, sizeof rel, "%d/stat", pid);
    if (readFileAt(procFd, rel, buf, true) != 0)
        return std::nullopt;
    const auto st = procfs::parseStat(buf);
    if (!st || !st->complete() || st->startTime != startTime)
        return std::nullopt;
    return st->session;
}

} // namespace

// An orphan's parent is a reaper, not its maker: when the process that made a namespace dies,
// its members go to the init of their pid namespace, which then looks like their launcher. The
// kernel keeps no note of that, but the session does: a child starts in its parent's session
// and may start one of its own (setsid), so a member in neither its parent's session nor one of
// its own came from someone else — one that is gone. Unknown then, rather than the reaper.
bool ScanState::orphanedUnderInit(const Process& oldest, const Process& outside)
{
    const bool init = outside.pid == 1 || (outside.nspid && outside.nspid->back() == 1);
    if (!init || oldest.ppid != outside.pid)
        return false;
    const auto mine = sessionOf(procFd, oldest.pid, oldest.startTime, cache.buf);
    const auto theirs = sessionOf(procFd, outside.pid, outside.startTime, cache.buf);
    return mine && theirs && *mine != *theirs && *mine != oldest.pid && *mine != 0;
}

void ScanState::findLaunchers()
{
    // Initial namespaces have no launcher: those of pid 1, or of kthreadd when pid 1 refuses
    // (kernel threads always sit in the initial namespaces).
    std::array<std::optional<std::uint64_t>, kNsTypeCount> initial{};
    const Process* one = process(1);
    const Process* kthreadd = process(2);
    if (kthreadd && (kthreadd->comm != "kthreadd" || kthreadd->ppid != 0))
        kthreadd = nullptr;
    for (NsType t : kAllNsTypes) {
        if (one && one->namespaces[index(t)])
            initial[index(t)] = one->namespaces[index(t)];
        else if (kthreadd)
            initial[index(t)] = kthreadd->namespaces[index(t)];
    }
    for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
        Namespace& ns = snap.namespaces[i];
        const NsExtra& ex = extra[i];
        if (!ex.oldestPid || initial[index(ns.type)] == ns.inode || !regrouped(i))
            continue;
        if ((ns.type == NsType::User || ns.type == NsType::Pid) && ex.parentKnown && !ns.parent)
            continue; // the top of what the kernel lets us see
        const Process* oldest = process(ex.oldestPid);
        if (!oldest)
            continue;
        const Process* outside = launcherOutside(ns, *oldest);
        // Namespaces the kernel made for its own threads (kdevtmpfs) have no launcher.
        if (outside && outside->pid == 2 && outside->ppid == 0)
            continue;
        // The cgroup is read only when the comm leaves the kind open (bwrap of flatpak,
        // containerd-shim of docker, a shell of a snap...).
        auto kindOf = [&](const Process& pr) {
            if (!launcherKindNeedsCgroup(pr.comm)) {
                std::string kind = launcherKind(pr.comm, "");
                // Anyone can call a process nsexplorer-helper; "nsexplorer" is what the GUI
                // stops as its container, so the executable decides (runsOurHelper).
                if (kind == "nsexplorer" &&
                    !runsOurHelper(options.procRoot, pr.pid, pr.uid, options.helperPath))
                    kind = "other";
                return kind;
            }
            const std::optional<std::string>& cg = cgroupOf(oldest->pid);
            return launcherKind(pr.comm, cg ? std::string_view(*cg) : std::string_view());
        };
        Launcher l;
        // One rule for every type one call made: tools that name themselves (unshare, firejail,
        // nsexplorer-helper, systemd-nspawn, lxc-*, conmon: comm alone decides) unshare()
        // themselves into the namespaces they make, so such a tool that is the oldest member
        // made it, whoever its parent is — an outer unshare is not the launcher of what the
        // inner one made, just as it is not of the inner one's pid namespace. PID and time
        // namespaces take only the maker's children, so there the maker is always outside.
        if (ns.type != NsType::Pid && ns.type != NsType::Time &&
            !launcherKindNeedsCgroup(oldest->comm)) {
            std::string own = kindOf(*oldest);
            if (own != "other") {
                l.pid = oldest->pid;
                l.comm = oldest->comm;
                l.kind = std::move(own);
                ns.launcher = std::move(l);
                continue;
            }
        }
        if (outside) {
            l.pid = outside->pid;
            l.comm = outside->comm;
            l.kind = kindOf(*outside);
            // No launcher beats a wrong one (orphanedUnderInit); its own kind may still say.
            if (l.kind == "other" && orphanedUnderInit(*oldest, *outside))
                l = Launcher{};
        }
        // Tools like bwrap unshare() themselves into the namespaces they make too (their kind
        // may need the cgroup), so the oldest member is the launcher and its parent a shell.
        if (!l.pid || l.kind == "other") {
            std::string own = kindOf(*oldest);
            if (own != "other") {
                l.pid = oldest->pid;
                l.comm = oldest->comm;
                l.kind = std::move(own);
            }
        }
        // A helper its engine left behind, re-parented to PID 1 (rootless podman's pause
        // process and slirp4netns): the engine made the namespace, through that helper.
        if (l.kind.empty() || l.kind == "other") {
            std::string orphan = orphanedHelperKind(oldest->comm, oldest->cmdline);
            if (!orphan.empty()) {
                l.pid = oldest->pid;
                l.comm = oldest->comm;
                l.kind = std::move(orphan);
            }
        }
        if (l.pid)
            ns.launcher = std::move(l);
    }
}

} // namespace nsx::backend::scan
