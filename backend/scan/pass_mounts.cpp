// Pass 3, the mount tables: each mount namespace's table read once (the mount API where it
// can, else a member's mountinfo) for its nsfs bind mounts, mount count and root; on the same
// threads, the cgroup files the oldest-members pass picked.
#include "mount_api.h"
#include "proc_io.h"
#include "scan_state.h"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <linux/magic.h>
#include <unistd.h>

namespace nsx::backend::scan {

// One mount namespace's table, as the mount pass read it.
struct MountTable
{
    int from = 0;    // the member it was read from (0: none answered)
    int lastErr = 0; // mountinfo: the last refusal
    procfs::MountSummary sum;
    std::optional<std::uint64_t> nsId;                // mount API: NS_GET_ID
    std::vector<std::pair<std::uint64_t, bool>> seen; // mount API: mount id, nsfs
};

bool ScanState::mountApiOn()
{
    // Only where the namespaces' processes are ours to open (a real procfs), and only on a
    // kernel that lists the mounts of another mount namespace: tried once per Scanner, on
    // our own mount namespace.
    // Other users' namespaces need CAP_SYS_ADMIN over them (else ENOENT after a refused open
    // per candidate): without root, mountinfo straight away.
    if (!memoOn || ::geteuid() != 0)
        return false;
    if (cache.mountApi < 0) {
        cache.mountApi = 0;
        RegisteredFd own([] { return ::open("/proc/thread-self/ns/mnt", O_RDONLY | O_CLOEXEC); });
        std::vector<std::uint64_t> ids;
        if (own)
            if (auto id = nsIdOf(own.get()))
                if (mountapi::listMounts(*id, ids) == 0 && !ids.empty())
                    if (mountapi::mountOf(procFd, "self/root"))
                        cache.mountApi = 1;
    }
    return cache.mountApi == 1;
}

// A mount table through the mount API: the namespace opened once (by a member, whose root
// then names the root mount), its mount ids listed, and only what is not known from the last
// scan asked with statmount: nsfs or not for new mounts (never changes), the root mount's
// description (never changes), and where each nsfs mount is (that may change: every scan).
// Much cheaper than mountinfo, which renders every mount as text. The mounts are those of
// the namespace (below its root): the same as a member's mountinfo unless the member is
// chrooted below that root. False (the caller reads mountinfo) when anything is refused.
bool ScanState::mountTableByApi(std::size_t mi, MountTable& t, std::vector<std::uint64_t>& ids,
                                std::vector<char>& statBuf) const
{
    int err = 0;
    const OpenCandidate* used = nullptr;
    RegisteredFd fd = openNamespace(mi, err, used);
    if (!fd || used->kind != OpenCandidate::Kind::Member)
        return false;
    const std::optional<std::uint64_t> id = nsIdOf(fd.get());
    fd.reset();
    if (!id || mountapi::listMounts(*id, ids) != 0)
        return false;
    char rel[32];
    std::snprintf(rel, sizeof rel, "%d/root", used->pid);
    const std::optional<mountapi::MountOf> rootMount = mountapi::mountOf(procFd, rel);
    if (!rootMount)
        return false;
    procfs::MountSummary sum;
    sum.mounts = static_cast<int>(ids.size());
    mountapi::MountFacts f;
    for (std::uint64_t m : ids) {
        bool nsfs = false;
        if (auto it = cache.mountIsNsfs.find(m); it != cache.mountIsNsfs.end()) {
            nsfs = it->second;
        } else {
            const int e = mountapi::statMount(m, *id, mountapi::kSuperBasic, f, statBuf);
            if (e == ENOENT) { // unmounted since it was listed
                --sum.mounts;
                continue;
            }
            if (e)
                return false;
            nsfs = f.magic == NSFS_MAGIC;
        }
        t.seen.emplace_back(m, nsfs);
        if (!nsfs)
            continue;
        const int e =
            mountapi::statMount(m, *id, mountapi::kRoot | mountapi::kMountPoint, f, statBuf);
        if (e == ENOENT) {
            --sum.mounts;
            continue;
        }
        if (e)
            return false;
        procfs::MountInfoEntry entry;
        entry.root = std::move(f.root);
        entry.mountPoint = std::move(f.mountPoint);
        entry.fsType = "nsfs";
        sum.nsfs.push_back(std::move(entry));
    }
    // The member's root is a mount's root when something is mounted at "/" as it sees it
    // (else it is chrooted into a directory, and its mountinfo has no "/" either). It must be
    // one of the namespace's mounts: else the member moved, or its pid is another process's.
    // Read every scan: the path of a mount's root changes when its directory is renamed.
    if (rootMount->isMountRoot) {
        if (std::find(ids.begin(), ids.end(), rootMount->id) == ids.end())
            return false;
        const int e = mountapi::statMount(rootMount->id, *id,
                                          mountapi::kSource | mountapi::kRoot | mountapi::kFsType |
                                              mountapi::kFsSubtype,
                                          f, statBuf);
        if (e)
            return false;
        sum.root = procfs::describeRootMount(
            f.source, f.root, f.subtype.empty() ? f.fsType : f.fsType + "." + f.subtype);
    }
    t.from = used->pid;
    t.nsId = id;
    t.sum = std::move(sum);
    return true;
}

void ScanState::readMountTables()
{
    std::vector<std::size_t> mnts;
    if (options.mounts || options.details)
        for (std::size_t i = 0; i < snap.namespaces.size(); ++i)
            if (snap.namespaces[i].type == NsType::Mnt && !snap.namespaces[i].processes.empty())
                mnts.push_back(i);
    // Each mount namespace's table is read once: through the mount API where it can, else
    // from the mountinfo of the first member that answers. The reads run on a few threads,
    // together with the cgroup files prepareLaunchers picked, for cgroup namespace roots and
    // for launchers (so that no core waits for a serial tail).
    const bool byApi = !mnts.empty() && mountApiOn();
    std::vector<MountTable> tables(mnts.size());
    struct CgroupFile
    {
        int err = 0;
        std::optional<std::string> path;
        std::optional<std::uint64_t> nsId;
        const std::string* root = nullptr; // the last scan's, for this very namespace
        bool prefetched = false;           // its oldest member's file is read for launchers
    };
    std::vector<CgroupFile> cgroups(cgroupJobs.size());
    std::sort(launcherCgroups.begin(), launcherCgroups.end());
    launcherCgroups.erase(std::unique(launcherCgroups.begin(), launcherCgroups.end()),
                          launcherCgroups.end());
    std::vector<CgroupFile> forLaunchers(launcherCgroups.size());
    auto readCgroup = [&](int pid, CgroupFile& f, std::string& buf) {
        char rel[32];
        std::snprintf(rel, sizeof rel, "%d/cgroup", pid);
        f.err = readFileAt(procFd, rel, buf, true);
        if (!f.err)
            f.path = procfs::parseCgroupV2Path(buf);
    };
    // A cgroup namespace is opened here once for its id: with it, the last scan's root
    // (ScanCache::cgroupRoots) and lineage apply, and the worker needs neither this read nor
    // to enter it.
    const bool cgroupIds = memoOn && !cgroupJobs.empty();
    const std::size_t cgroupEnd = mnts.size() + cgroupJobs.size();
    parallelFor(
        workerCount(options.parallelism), cgroupEnd + launcherCgroups.size(),
        [&](std::size_t k, std::string& buf) {
            if (k >= cgroupEnd) {
                readCgroup(launcherCgroups[k - cgroupEnd], forLaunchers[k - cgroupEnd], buf);
                return;
            }
            if (k >= mnts.size()) {
                CgroupFile& f = cgroups[k - mnts.size()];
                if (cgroupIds) {
                    const std::size_t ci = cgroupJobs[k - mnts.size()];
                    int err = 0;
                    const OpenCandidate* used = nullptr;
                    RegisteredFd fd = openNamespace(ci, err, used);
                    if (fd)
                        f.nsId = nsIdOf(fd.get());
                    if (f.nsId)
                        if (auto it = cache.cgroupRoots.find(*f.nsId);
                            it != cache.cgroupRoots.end()) {
                            f.root = &it->second;
                            return;
                        }
                }
                const int oldest = extra[cgroupJobs[k - mnts.size()]].oldestPid;
                f.prefetched =
                    std::binary_search(launcherCgroups.begin(), launcherCgroups.end(), oldest);
                if (!f.prefetched)
                    readCgroup(oldest, f, buf);
                return;
            }
            MountTable& t = tables[k];
            if (byApi) {
                std::vector<std::uint64_t> ids;
                std::vector<char> statBuf;
                if (mountTableByApi(mnts[k], t, ids, statBuf))
                    return;
                t = {};
            }
            for (int pid : snap.namespaces[mnts[k]].processes) {
                char rel[32];
                std::snprintf(rel, sizeof rel, "%d/mountinfo", pid);
                t.lastErr = readFileAt(procFd, rel, buf);
                if (!t.lastErr) {
                    t.from = pid;
                    t.sum = procfs::summarizeMountinfo(buf);
                    break;
                }
                if (!vanished(t.lastErr))
                    break;
            }
        });
    // What the next scan may take over: the mounts seen now (bounded by the live mounts).
    cache.mountIsNsfs.clear();
    for (std::size_t k = 0; k < mnts.size(); ++k) {
        MountTable& t = tables[k];
        for (auto [id, nsfs] : t.seen)
            cache.mountIsNsfs.emplace(id, nsfs);
        extra[mnts[k]].nsId = t.nsId;
    }
    std::unordered_map<NsKey, std::vector<std::string>, NsKeyHash> seenPaths;
    for (std::size_t k = 0; k < mnts.size(); ++k) {
        const std::size_t mi = mnts[k];
        const int from = tables[k].from;
        procfs::MountSummary& sum = tables[k].sum;
        if (!from) {
            const int first = snap.namespaces[mi].processes.front();
            if (tables[k].lastErr && !vanished(tables[k].lastErr))
                error(first, std::to_string(first) + "/mountinfo", tables[k].lastErr);
            continue;
        }
        if (options.details) {
            Namespace& mnt = snap.namespaces[mi];
            mnt.details.mounts = sum.mounts;
            mnt.details.mntRoot = std::move(sum.root);
        }
        if (!options.mounts)
            continue;
        for (const procfs::MountInfoEntry& e : sum.nsfs) {
            auto link = procfs::parseNsLink(e.root);
            if (!link)
                continue;
            auto& paths = seenPaths[NsKey{link->type, link->inode}];
            if (std::find(paths.begin(), paths.end(), e.mountPoint) != paths.end())
                continue;
            paths.push_back(e.mountPoint);
            std::size_t i = nsAt(link->type, link->inode);
            Reference r;
            r.kind = Reference::Kind::BindMount;
            r.path = e.mountPoint;
            snap.namespaces[i].references.push_back(std::move(r));
            auto& cands = extra[i].candidates;
            if (cands.size() < kMaxMemberCandidates + kMaxOtherCandidates)
                cands.push_back({OpenCandidate::Kind::Mount, from, 0, e.mountPoint});
        }
    }
    for (std::size_t j = 0; j < cgroupJobs.size(); ++j) {
        NsExtra& ex = extra[cgroupJobs[j]];
        ex.nsId = cgroups[j].nsId;
        if (cgroups[j].root) {
            snap.namespaces[cgroupJobs[j]].details.cgroupRoot = *cgroups[j].root;
            cgroupRootsSeen.emplace_back(*ex.nsId, *cgroups[j].root);
            continue;
        }
        if (cgroups[j].prefetched) {
            const auto at =
                std::lower_bound(launcherCgroups.begin(), launcherCgroups.end(), ex.oldestPid) -
                launcherCgroups.begin();
            cgroups[j].err = forLaunchers[at].err;
            cgroups[j].path = forLaunchers[at].path;
        }
        auto [it, added] = cgroupCache.try_emplace(ex.oldestPid);
        if (added) {
            if (!cgroups[j].err)
                it->second = std::move(cgroups[j].path);
            else if (!vanished(cgroups[j].err))
                error(ex.oldestPid, std::to_string(ex.oldestPid) + "/cgroup", cgroups[j].err);
        }
        ex.oldestCgroup = it->second;
    }
    // Refusals are left to cgroupOf, which lists them when launchers() really needs the file.
    for (std::size_t j = 0; j < launcherCgroups.size(); ++j)
        if (!forLaunchers[j].err)
            cgroupCache.try_emplace(launcherCgroups[j], std::move(forLaunchers[j].path));
}

} // namespace nsx::backend::scan
