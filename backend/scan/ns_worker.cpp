// Pass 4, one worker thread: takes namespaces one by one, opens each once, asks nsfs for its
// owner and parent (climbing to the namespaces met only that way) and reads its details,
// entering it with setns() where they can only be read from inside.
#include "ns_worker.h"
#include "details.h"
#include "nsfs.h"
#include "proc_io.h"

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

namespace nsx::backend::scan {

namespace {

std::optional<std::uint64_t> inodeOf(int fd)
{
    if (auto id = nsfs::identify(fd))
        return id.value->inode;
    return std::nullopt;
}

// What nsfs says about one open namespace: its owning user namespace, for a user namespace its
// parent (the owner) and owner uid, for a pid namespace its parent. Asked in the same way of
// the snapshot's namespaces and of those met only as an owner or parent; the owner and parent
// stay open to climb on from.
struct NsfsAnswer
{
    std::optional<std::uint64_t> owner, parent;
    std::optional<std::uint32_t> ownerUid;
    bool parentKnown = false; // a parent, or EPERM at the top
    bool clean = true;        // no answer that could differ next time (see NsLineage)
    int ownerErr = 0;         // NS_GET_USERNS refused
    RegisteredFd ownerFd, parentFd;
};

NsfsAnswer askNsfs(int fd, NsType type)
{
    NsfsAnswer a;
    a.ownerFd = registeredFdFrom([&] { return nsfs::owningUserNs(fd); }, a.ownerErr);
    if (a.ownerFd) {
        a.owner = inodeOf(a.ownerFd.get());
        if (!a.owner)
            a.clean = false;
    } else if (a.ownerErr != EPERM) {
        a.clean = false;
    }
    if (type == NsType::User) {
        a.parent = a.owner;
        a.parentKnown = a.ownerFd || a.ownerErr == EPERM;
        if (auto uid = nsfs::ownerUid(fd))
            a.ownerUid = *uid.value;
        else
            a.clean = false;
    } else if (type == NsType::Pid) {
        int parentErr = 0;
        a.parentFd = registeredFdFrom([&] { return nsfs::parentNs(fd); }, parentErr);
        a.parentKnown = a.parentFd || parentErr == EPERM;
        if (a.parentFd) {
            a.parent = inodeOf(a.parentFd.get());
            if (!a.parent)
                a.clean = false;
        } else if (parentErr != EPERM) {
            a.clean = false;
        }
    }
    return a;
}

// The namespaces a worker thread is in, for each type it enters (uts, ipc, net, cgroup):
// setns() happens only when the next namespace of a type is another one (and the scanner's
// own namespaces are read without privilege), and the thread goes back to its own namespaces
// when it leaves (at the latest when this ends). A thread that ended in other namespaces stays
// visible in them for a moment after it ended (even after join): it must go back before it
// leaves the worker registry.
class EnteredNamespaces
{
public:
    EnteredNamespaces()
    {
        for (NsType t : kEntered) {
            char rel[64];
            std::snprintf(rel, sizeof rel, "/proc/thread-self/ns/%s", toString(t).data());
            m_home[index(t)] = RegisteredFd([&] { return ::open(rel, O_RDONLY | O_CLOEXEC); });
            if (m_home[index(t)])
                if (auto id = nsfs::identify(m_home[index(t)].get()))
                    m_current[index(t)] = id.value->inode;
        }
    }
    ~EnteredNamespaces() { leave(); }
    EnteredNamespaces(const EnteredNamespaces&) = delete;
    EnteredNamespaces& operator=(const EnteredNamespaces&) = delete;

    // 0, or the errno of setns.
    int enter(int fd, NsType type, std::uint64_t inode)
    {
        if (m_current[index(type)] == inode)
            return 0;
        if (::setns(fd, cloneFlag(type)) != 0)
            return errno;
        m_current[index(type)] = inode;
        return 0;
    }

    // Back to the thread's own namespaces; false when it could not go back (stranded).
    bool leave()
    {
        if (m_left)
            return m_homeOk;
        m_left = true;
        for (NsType t : kEntered) {
            std::uint64_t was = 0;
            if (m_home[index(t)])
                if (auto id = nsfs::identify(m_home[index(t)].get()))
                    was = id.value->inode;
            if (m_current[index(t)] != was &&
                (!was || ::setns(m_home[index(t)].get(), cloneFlag(t)) != 0))
                m_homeOk = false;
        }
        return m_homeOk;
    }

private:
    static constexpr std::array<NsType, 4> kEntered{NsType::Uts, NsType::Ipc, NsType::Net,
                                                    NsType::Cgroup};
    std::array<std::uint64_t, kNsTypeCount> m_current{};
    std::array<RegisteredFd, kNsTypeCount> m_home;
    bool m_left = false;
    bool m_homeOk = true;
};

// One worker thread's share of the namespaces, taken one at a time from a shared counter.
class NsWorker
{
public:
    NsWorker(ScanState& scan, WorkerOutput& out) : m_scan(scan), m_out(out) {}
    void run(std::atomic<std::size_t>& next);
    bool leave() { return m_entered.leave(); }

private:
    bool takeOverLineage(std::size_t i);
    const NsLineage* lineageFor(std::uint64_t id, const Namespace& ns) const;
    void takeLineage(std::uint64_t id, const NsLineage& l, Namespace& ns, NsExtra& ex);
    void describeHierarchy(std::size_t i, int fd, std::optional<std::uint64_t> id,
                           const OpenCandidate& used);
    void discover(int fd, NsType type, std::uint64_t inode);
    void climb(const NsfsAnswer& a);
    void readDetails(std::size_t i, int fd, const OpenCandidate& used);
    bool enter(int fd, const Namespace& ns, const OpenCandidate& used);
    void fileDetails(Namespace& ns);
    void fail(const OpenCandidate& c, NsType type, std::string_view what, int err)
    {
        m_out.errors.push_back(
            {c.pid, m_scan.fullPath(c.rel(type)).append(what), procfs::errnoName(err)});
    }

    ScanState& m_scan;
    WorkerOutput& m_out;
    std::string m_buf;
    std::vector<char> m_netBuf;
    std::vector<NsKey> m_discovered; // met only as an owner or parent, by this worker
    EnteredNamespaces m_entered;
};

void NsWorker::run(std::atomic<std::size_t>& next)
{
    const ScanOptions& options = m_scan.options;
    while (true) {
        const std::size_t job = next.fetch_add(1);
        if (job >= m_scan.nsJobs.size())
            break;
        const std::size_t i = m_scan.nsJobs[job];
        if (options.hierarchy && takeOverLineage(i))
            continue;
        Namespace& ns = m_scan.snap.namespaces[i];
        const NsExtra& ex = m_scan.extra[i];
        int lastErr = 0;
        const OpenCandidate* used = nullptr;
        RegisteredFd fd = m_scan.openNamespace(i, lastErr, used);
        if (!fd) {
            if (lastErr && !vanished(lastErr) && lastErr != ESTALE && !ex.candidates.empty())
                fail(ex.candidates.front(), ns.type, "", lastErr);
            // Details read from /proc files need no fd.
            if (options.details)
                fileDetails(ns);
            continue;
        }
        const std::optional<std::uint64_t> id = nsIdOf(fd.get());
        ns.id = id;
        if (options.hierarchy)
            describeHierarchy(i, fd.get(), id, *used);
        if (options.details)
            readDetails(i, fd.get(), *used);
    }
}

// The last scan's lineage, taken over without opening the namespace where nothing else here
// needs it open; true when done.
bool NsWorker::takeOverLineage(std::size_t i)
{
    Namespace& ns = m_scan.snap.namespaces[i];
    NsExtra& ex = m_scan.extra[i];
    // A pid namespace with a member the last scan saw too is the very namespace the last
    // scan described under this inode: that member was in it all along (its pid
    // namespace never changes), so no other namespace could have had the inode meanwhile.
    if (ns.type == NsType::Pid && ex.lastingMember)
        if (auto it = m_scan.cache.pidNsIds.find(ns.inode); it != m_scan.cache.pidNsIds.end())
            if (const NsLineage* memo = lineageFor(it->second, ns)) {
                takeLineage(it->second, *memo, ns, ex);
                return true;
            }
    // A mount or cgroup namespace the mount pass opened has its id already (a mount
    // namespace's details come from the mount pass, a cgroup namespace's root maybe from the
    // last scan).
    if (ex.nsId && (ns.type == NsType::Mnt || (ns.type == NsType::Cgroup &&
                                               (!m_scan.options.details || ns.details.cgroupRoot))))
        if (const NsLineage* memo = lineageFor(*ex.nsId, ns)) {
            takeLineage(*ex.nsId, *memo, ns, ex);
            return true;
        }
    return false;
}

// The last scan's lineage of the namespace with this id, when it can be taken over: the
// namespaces it names must be entries already (else the worker climbs to describe them).
const NsLineage* NsWorker::lineageFor(std::uint64_t id, const Namespace& ns) const
{
    auto it = m_scan.cache.lineage.find(id);
    if (it == m_scan.cache.lineage.end())
        return nullptr;
    const NsLineage& l = it->second;
    if (l.type != ns.type || l.inode != ns.inode ||
        (l.owner && !m_scan.known(NsType::User, *l.owner)) ||
        (l.parent && !m_scan.known(ns.type, *l.parent)))
        return nullptr;
    return &l;
}

void NsWorker::takeLineage(std::uint64_t id, const NsLineage& l, Namespace& ns, NsExtra& ex)
{
    ns.id = id;
    ns.owner = l.owner;
    ns.parent = l.parent;
    ns.ownerUid = l.ownerUid;
    ex.parentKnown = l.parentKnown;
    m_out.lineage.emplace_back(id, l);
}

void NsWorker::describeHierarchy(std::size_t i, int fd, std::optional<std::uint64_t> id,
                                 const OpenCandidate& used)
{
    Namespace& ns = m_scan.snap.namespaces[i];
    NsExtra& ex = m_scan.extra[i];
    if (const NsLineage* memo = id ? lineageFor(*id, ns) : nullptr) {
        takeLineage(*id, *memo, ns, ex);
        return;
    }
    NsfsAnswer a = askNsfs(fd, ns.type);
    if (!a.ownerFd && a.ownerErr != EPERM)
        fail(used, ns.type, " (NS_GET_USERNS)", a.ownerErr);
    ns.owner = a.owner;
    ns.parent = a.parent;
    ns.ownerUid = a.ownerUid;
    ex.parentKnown = a.parentKnown;
    climb(a);
    if (id && a.clean)
        m_out.lineage.emplace_back(
            *id, NsLineage{ns.type, ns.inode, ns.owner, ns.parent, ns.ownerUid, ex.parentKnown});
}

// Describes the owner and parent an answer names when they are no entries yet (namespaces
// met only that way), and climbs on from them.
void NsWorker::climb(const NsfsAnswer& a)
{
    if (a.ownerFd && a.owner)
        discover(a.ownerFd.get(), NsType::User, *a.owner);
    if (a.parentFd && a.parent)
        discover(a.parentFd.get(), NsType::Pid, *a.parent);
}

void NsWorker::discover(int fd, NsType type, std::uint64_t inode)
{
    NsKey key{type, inode};
    if (m_scan.known(type, inode) ||
        std::find(m_discovered.begin(), m_discovered.end(), key) != m_discovered.end())
        return;
    m_discovered.push_back(key);
    Discovered d;
    d.type = type;
    d.inode = inode;
    d.id = nsIdOf(fd);
    const NsfsAnswer a = askNsfs(fd, type);
    d.owner = a.owner;
    d.parent = a.parent;
    d.ownerUid = a.ownerUid;
    d.parentKnown = a.parentKnown;
    m_out.discovered.push_back(d);
    climb(a);
}

bool NsWorker::enter(int fd, const Namespace& ns, const OpenCandidate& used)
{
    const int err = m_entered.enter(fd, ns.type, ns.inode);
    if (err)
        fail(used, ns.type, "", err);
    return err == 0;
}

void NsWorker::readDetails(std::size_t i, int fd, const OpenCandidate& used)
{
    Namespace& ns = m_scan.snap.namespaces[i];
    const NsExtra& ex = m_scan.extra[i];
    NamespaceDetails& d = ns.details;
    switch (ns.type) {
    case NsType::Uts:
        if (enter(fd, ns, used))
            if (auto u = details::readUtsHere()) {
                d.hostname = std::move(u->hostname);
                d.domainname = std::move(u->domainname);
            }
        break;
    case NsType::Ipc:
        if (enter(fd, ns, used)) {
            int err = 0;
            if (auto c = details::readIpcHere(&err)) {
                d.msgQueues = c->msgQueues;
                d.shmSegments = c->shmSegments;
                d.semaphoreSets = c->semaphoreSets;
            } else {
                fail(used, ns.type, " (ipc)", err);
            }
        }
        break;
    case NsType::Net:
        if (enter(fd, ns, used)) {
            int err = 0;
            if (auto ifs = details::readNetHere(m_netBuf, &err))
                d.interfaces = std::move(*ifs);
            else
                fail(used, ns.type, " (netlink)", err);
        }
        break;
    case NsType::Cgroup:
        if (!d.cgroupRoot && ex.oldestPid && ex.oldestCgroup && enter(fd, ns, used)) {
            char rel[32];
            std::snprintf(rel, sizeof rel, "%d/cgroup", ex.oldestPid);
            // Read from inside, the same file names the path below the ns root.
            if (readFileAt(m_scan.procFd, rel, m_buf, true) == 0)
                if (auto inside = procfs::parseCgroupV2Path(m_buf)) {
                    d.cgroupRoot = details::cgroupRootFrom(*ex.oldestCgroup, *inside);
                    if (d.cgroupRoot && ex.nsId)
                        m_out.cgroupRoots.push_back({*ex.nsId, *d.cgroupRoot, i});
                }
        }
        break;
    case NsType::User:
    case NsType::Time:
        fileDetails(ns);
        break;
    case NsType::Mnt:
    case NsType::Pid:
        break; // the mount pass and pidDetails
    }
}

// Details read from /proc files, with or without the namespace open.
void NsWorker::fileDetails(Namespace& ns)
{
    NamespaceDetails& d = ns.details;
    switch (ns.type) {
    case NsType::User:
        for (int pid : ns.processes) {
            char rel[32];
            std::snprintf(rel, sizeof rel, "%d/uid_map", pid);
            if (readFileAt(m_scan.procFd, rel, m_buf) != 0)
                continue;
            auto uidMap = procfs::parseIdMap(m_buf);
            std::snprintf(rel, sizeof rel, "%d/gid_map", pid);
            if (readFileAt(m_scan.procFd, rel, m_buf) != 0)
                continue;
            d.uidMap = std::move(uidMap);
            d.gidMap = procfs::parseIdMap(m_buf);
            break;
        }
        break;
    case NsType::Time: {
        // timens_offsets shows the offsets of time_for_children: read it from a
        // member whose children would also land here.
        std::size_t tries = 0;
        for (int pid : ns.processes) {
            if (++tries > 8)
                break;
            char rel[48], link[128];
            std::snprintf(rel, sizeof rel, "%d/ns/time_for_children", pid);
            ssize_t n = ::readlinkat(m_scan.procFd, rel, link, sizeof link);
            if (n <= 0)
                continue;
            auto l = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
            if (!l || l->inode != ns.inode)
                continue;
            std::snprintf(rel, sizeof rel, "%d/timens_offsets", pid);
            if (readFileAt(m_scan.procFd, rel, m_buf, true) != 0)
                continue;
            procfs::TimeOffsets off = procfs::parseTimensOffsets(m_buf);
            d.monotonicOffset = off.monotonic;
            d.boottimeOffset = off.boottime;
            break;
        }
        break;
    }
    default:
        break;
    }
}

} // namespace

void runNsWorker(ScanState& scan, std::atomic<std::size_t>& next, WorkerOutput& out)
{
    WorkerThreadEntry self; // from before its first setns until it is back in its namespaces
    NsWorker worker(scan, out);
    worker.run(next);
    if (!worker.leave()) {
        self.keepUntilJoined(); // unregistered after join, the best left to do
        out.strandedTid = self.tid();
    }
}

} // namespace nsx::backend::scan
