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
// Much cheaper than mountinfo, which renders every mount as text. The mounts are those a
// member's mountinfo shows: its root mount and what is reachable below it. Not the whole
// namespace: systemd-nspawn, for one, leaves the host's mounts that it cloned in its
// namespace, detached from the container's root, where nothing inside can reach them (78 of
// them counted where mountinfo says 32, issue 15). False (the caller reads mountinfo) when
// anything is refused, and for a member chrooted into a directory (no mount at its "/"),
// whose mountinfo the kernel filters by that directory.
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
    if (!id)
        return false;
    char rel[32];
    std::snprintf(rel, sizeof rel, "%d/root", used->pid);
    const std::optional<mountapi::MountOf> rootMount = mountapi::mountOf(procFd, rel);
    if (!rootMount || !rootMount->isMountRoot)
        return false;
    // ENOENT when the root mount is not the namespace's: the member moved, or its pid is
    // another process's now.
    if (mountapi::listMounts(*id, ids, rootMount->id) != 0)
        return false;
    ids.insert(ids.begin(), rootMount->id);
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
    // The root mount's description, read every scan: the path of a mount's root changes when
    // its directory is renamed.
    {
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

namespace {

// A /proc/PID/cgroup file as a job read it.
struct CgroupFile
{
    int err = 0;
    std::optional<std::string> path;
    std::optional<std::uint64_t> nsId;
    const std::string* root = nullptr; // the last scan's, for this very namespace
    bool prefetched = false;           // its oldest member's file is read for launchers
};

// The mount pass's three kinds of jobs, each with its own list and results. They run together
// on a few threads (so that no core waits for a serial tail), and their results are taken into
// the ScanState afterwards, on the calling thread.
class MountPass
{
public:
    explicit MountPass(ScanState& scan);
    void run();

private:
    void readTable(std::size_t k, std::string& buf);
    void readCgroupNs(std::size_t j, std::string& buf);
    void readCgroup(int pid, CgroupFile& f, std::string& buf) const;
    void takeTables();
    void takeCgroupNs();
    void takeLauncherCgroups();

    ScanState& m_scan;
    // 1. Each mount namespace with members: its table, read once, through the mount API where
    // it can, else from the mountinfo of the first member that answers.
    std::vector<std::size_t> m_mnts;
    std::vector<MountTable> m_tables;
    bool m_byApi = false;
    // 2. Each cgroup namespace findOldestMembers picked: its id, and unless the last scan knew
    // its root, its oldest member's cgroup file (half of the root).
    std::vector<CgroupFile> m_cgroupNs; // parallel to m_scan.cgroupJobs
    bool m_cgroupIds = false;
    // 3. The cgroup files findLaunchers will need (m_scan.launcherCgroups, sorted, each once).
    std::vector<CgroupFile> m_launcherCgroups;
};

MountPass::MountPass(ScanState& scan) : m_scan(scan)
{
    const Snapshot& snap = scan.snap;
    if (scan.options.mounts || scan.options.details)
        for (std::size_t i = 0; i < snap.namespaces.size(); ++i)
            if (snap.namespaces[i].type == NsType::Mnt && !snap.namespaces[i].processes.empty() &&
                scan.fresh(i))
                m_mnts.push_back(i);
    // The mount API asks one statmount per mount the last scan did not know; a first scan
    // knows none, and one mountinfo per namespace is far fewer syscalls (scan_state.h, warm).
    m_byApi = !m_mnts.empty() && scan.warm() && scan.mountApiOn();
    m_tables.resize(m_mnts.size());
    // A cgroup namespace is opened here once for its id: with it, the last scan's root
    // (ScanCache::cgroupRoots) and lineage apply, and the worker needs neither this read nor
    // to enter it.
    m_cgroupIds = scan.memoOn && scan.warm() && !scan.cgroupJobs.empty();
    m_cgroupNs.resize(scan.cgroupJobs.size());
    std::vector<int>& pids = scan.launcherCgroups;
    std::sort(pids.begin(), pids.end());
    pids.erase(std::unique(pids.begin(), pids.end()), pids.end());
    m_launcherCgroups.resize(pids.size());
}

void MountPass::run()
{
    parallelJobs(workerCount(m_scan.options.parallelism),
                 {{m_mnts.size(), [this](std::size_t k, std::string& buf) { readTable(k, buf); }},
                  {m_scan.cgroupJobs.size(),
                   [this](std::size_t j, std::string& buf) { readCgroupNs(j, buf); }},
                  {m_scan.launcherCgroups.size(), [this](std::size_t j, std::string& buf) {
                       readCgroup(m_scan.launcherCgroups[j], m_launcherCgroups[j], buf);
                   }}});
    takeTables();
    takeCgroupNs();
    takeLauncherCgroups();
}

void MountPass::readTable(std::size_t k, std::string& buf)
{
    MountTable& t = m_tables[k];
    if (m_byApi) {
        std::vector<std::uint64_t> ids;
        std::vector<char> statBuf;
        if (m_scan.mountTableByApi(m_mnts[k], t, ids, statBuf))
            return;
        t = {};
    }
    for (int pid : m_scan.snap.namespaces[m_mnts[k]].processes) {
        char rel[32];
        std::snprintf(rel, sizeof rel, "%d/mountinfo", pid);
        t.lastErr = readFileAt(m_scan.procFd, rel, buf);
        if (!t.lastErr) {
            t.from = pid;
            t.sum = procfs::summarizeMountinfo(buf);
            break;
        }
        if (!vanished(t.lastErr))
            break;
    }
}

void MountPass::readCgroupNs(std::size_t j, std::string& buf)
{
    CgroupFile& f = m_cgroupNs[j];
    const std::size_t ci = m_scan.cgroupJobs[j];
    if (m_cgroupIds) {
        int err = 0;
        const OpenCandidate* used = nullptr;
        RegisteredFd fd = m_scan.openNamespace(ci, err, used);
        if (fd)
            f.nsId = nsIdOf(fd.get());
        if (f.nsId)
            if (auto it = m_scan.cache.cgroupRoots.find(*f.nsId);
                it != m_scan.cache.cgroupRoots.end()) {
                f.root = &it->second;
                return;
            }
    }
    const int oldest = m_scan.extra[ci].oldestPid;
    const std::vector<int>& pids = m_scan.launcherCgroups;
    f.prefetched = std::binary_search(pids.begin(), pids.end(), oldest);
    if (!f.prefetched)
        readCgroup(oldest, f, buf);
}

void MountPass::readCgroup(int pid, CgroupFile& f, std::string& buf) const
{
    char rel[32];
    std::snprintf(rel, sizeof rel, "%d/cgroup", pid);
    f.err = readFileAt(m_scan.procFd, rel, buf, true);
    if (!f.err)
        f.path = procfs::parseCgroupV2Path(buf);
}

void MountPass::takeTables()
{
    ScanState& s = m_scan;
    // What the next scan may take over: the mounts seen now (bounded by the live mounts).
    if (!s.prev) // a rescan reads a few tables: it adds to what the last full scan knew
        s.cache.mountIsNsfs.clear();
    for (std::size_t k = 0; k < m_mnts.size(); ++k) {
        MountTable& t = m_tables[k];
        for (auto [id, nsfs] : t.seen)
            s.cache.mountIsNsfs.emplace(id, nsfs);
        s.extra[m_mnts[k]].nsId = t.nsId;
    }
    const std::uint64_t initialMnt =
        s.options.mounts ? initialNamespaces(s.snap)[index(NsType::Mnt)].value_or(0) : 0;
    for (std::size_t k = 0; k < m_mnts.size(); ++k) {
        const std::size_t mi = m_mnts[k];
        const int from = m_tables[k].from;
        procfs::MountSummary& sum = m_tables[k].sum;
        if (!from) {
            const int first = s.snap.namespaces[mi].processes.front();
            if (m_tables[k].lastErr && !vanished(m_tables[k].lastErr))
                s.error(first, std::to_string(first) + "/mountinfo", m_tables[k].lastErr);
            continue;
        }
        if (s.options.details) {
            Namespace& mnt = s.snap.namespaces[mi];
            mnt.details.mounts = sum.mounts;
            mnt.details.mntRoot = std::move(sum.root);
        }
        if (!s.options.mounts)
            continue;
        const std::uint64_t seenIn = s.snap.namespaces[mi].inode;
        for (const procfs::MountInfoEntry& e : sum.nsfs) {
            auto link = procfs::parseNsLink(e.root);
            if (!link)
                continue;
            // Once per path (many mount namespaces copied the same mount), also against the
            // bind mounts a rescan took over; seen in the initial mount namespace when that
            // shows it too (a copy in someone's own mount namespace is not where it was made).
            std::size_t i = s.nsAt(link->type, link->inode);
            auto& refs = s.snap.namespaces[i].references;
            auto known = std::find_if(refs.begin(), refs.end(), [&](const Reference& r) {
                return r.kind == Reference::Kind::BindMount && r.path == e.mountPoint;
            });
            if (known != refs.end()) {
                if (seenIn == initialMnt)
                    known->mountNs = seenIn;
                continue;
            }
            Reference r;
            r.kind = Reference::Kind::BindMount;
            r.path = e.mountPoint;
            r.mountNs = seenIn;
            s.snap.namespaces[i].references.push_back(std::move(r));
            auto& cands = s.extra[i].candidates;
            if (cands.size() < kMaxMemberCandidates + kMaxOtherCandidates)
                cands.push_back({OpenCandidate::Kind::Mount, from, 0, e.mountPoint});
        }
    }
}

void MountPass::takeCgroupNs()
{
    ScanState& s = m_scan;
    const std::vector<int>& pids = s.launcherCgroups;
    for (std::size_t j = 0; j < s.cgroupJobs.size(); ++j) {
        CgroupFile& f = m_cgroupNs[j];
        NsExtra& ex = s.extra[s.cgroupJobs[j]];
        ex.nsId = f.nsId;
        if (f.root) {
            s.snap.namespaces[s.cgroupJobs[j]].details.cgroupRoot = *f.root;
            s.cgroupRootsSeen.emplace_back(*ex.nsId, *f.root);
            continue;
        }
        if (f.prefetched) {
            const auto at = std::lower_bound(pids.begin(), pids.end(), ex.oldestPid) - pids.begin();
            f.err = m_launcherCgroups[at].err;
            f.path = m_launcherCgroups[at].path;
        }
        auto [it, added] = s.cgroupCache.try_emplace(ex.oldestPid);
        if (added) {
            if (!f.err)
                it->second = std::move(f.path);
            else if (!vanished(f.err))
                s.error(ex.oldestPid, std::to_string(ex.oldestPid) + "/cgroup", f.err);
        }
        ex.oldestCgroup = it->second;
    }
}

void MountPass::takeLauncherCgroups()
{
    // Refusals are left to cgroupOf, which lists them when findLaunchers really needs the file.
    for (std::size_t j = 0; j < m_scan.launcherCgroups.size(); ++j)
        if (!m_launcherCgroups[j].err)
            m_scan.cgroupCache.try_emplace(m_scan.launcherCgroups[j],
                                           std::move(m_launcherCgroups[j].path));
}

} // namespace

void ScanState::readMountTables()
{
    MountPass(*this).run();
}

} // namespace nsx::backend::scan
