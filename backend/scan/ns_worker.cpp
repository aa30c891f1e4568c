// Pass 4, one worker thread: takes namespaces one by one, opens each once, asks nsfs for its
// owner and parent (climbing to namespaces met only that way) and reads its details, entering
// it with setns() where the details can only be read from inside.
#include "ns_worker.h"
#include "details.h"
#include "nsfs.h"
#include "proc_io.h"

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace nsx::backend::scan {

namespace {
std::optional<std::uint64_t> inodeOf(int fd)
{
    if (auto id = nsfs::identify(fd))
        return id.value->inode;
    return std::nullopt;
}

} // namespace

void ScanState::fileDetails(Namespace& ns, std::string& buf) const
{
    NamespaceDetails& d = ns.details;
    switch (ns.type) {
    case NsType::User:
        for (int pid : ns.processes) {
            char rel[32];
            std::snprintf(rel, sizeof rel, "%d/uid_map", pid);
            if (readFileAt(procFd, rel, buf) != 0)
                continue;
            auto uidMap = procfs::parseIdMap(buf);
            std::snprintf(rel, sizeof rel, "%d/gid_map", pid);
            if (readFileAt(procFd, rel, buf) != 0)
                continue;
            d.uidMap = std::move(uidMap);
            d.gidMap = procfs::parseIdMap(buf);
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
            ssize_t n = ::readlinkat(procFd, rel, link, sizeof link);
            if (n <= 0)
                continue;
            auto l = procfs::parseNsLink(std::string_view(link, static_cast<std::size_t>(n)));
            if (!l || l->inode != ns.inode)
                continue;
            std::snprintf(rel, sizeof rel, "%d/timens_offsets", pid);
            if (readFileAt(procFd, rel, buf, true) != 0)
                continue;
            procfs::TimeOffsets off = procfs::parseTimensOffsets(buf);
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

// The last scan's lineage of the namespace with this id, when it can be taken over: the
// namespaces it names must be entries already (else the worker climbs to describe them).
const NsLineage* ScanState::lineageFor(std::uint64_t id, const Namespace& ns) const
{
    auto it = cache.lineage.find(id);
    if (it == cache.lineage.end())
        return nullptr;
    const NsLineage& l = it->second;
    if (l.type != ns.type || l.inode != ns.inode || (l.owner && !known(NsType::User, *l.owner)) ||
        (l.parent && !known(ns.type, *l.parent)))
        return nullptr;
    return &l;
}

void ScanState::takeLineage(std::uint64_t id, const NsLineage& l, Namespace& ns, NsExtra& ex,
                            WorkerOutput& out) const
{
    ns.id = id;
    ns.owner = l.owner;
    ns.parent = l.parent;
    ns.ownerUid = l.ownerUid;
    ex.parentKnown = l.parentKnown;
    out.lineage.emplace_back(id, l);
}

void ScanState::worker(std::atomic<std::size_t>& next, WorkerOutput& out)
{
    const pid_t tid = static_cast<pid_t>(::syscall(SYS_gettid));
    registerWorkerThread(tid);
    std::string buf;
    std::vector<char> netBuf;
    // The namespaces this thread is in, per type, so that setns happens only when needed
    // (and the scanner's own namespaces are read without privilege).
    std::array<std::uint64_t, kNsTypeCount> current{};
    // Held to go back before this thread leaves the registry: a thread that ended in other
    // namespaces stays visible in them for a moment after it unregistered (even after join).
    std::array<RegisteredFd, kNsTypeCount> home;
    constexpr std::array<NsType, 4> kEntered{NsType::Uts, NsType::Ipc, NsType::Net, NsType::Cgroup};
    for (NsType t : kEntered) {
        char rel[64];
        std::snprintf(rel, sizeof rel, "/proc/thread-self/ns/%s", toString(t).data());
        home[index(t)] = RegisteredFd([&] { return ::open(rel, O_RDONLY | O_CLOEXEC); });
        if (home[index(t)])
            if (auto id = nsfs::identify(home[index(t)].get()))
                current[index(t)] = id.value->inode;
    }
    std::vector<NsKey> discoveredHere;

    // Describes a user or pid namespace met only as an owner or parent, and climbs on.
    std::function<void(int, NsType, std::uint64_t)> discover = [&](int fd, NsType type,
                                                                   std::uint64_t inode) {
        NsKey key{type, inode};
        if (known(type, inode) ||
            std::find(discoveredHere.begin(), discoveredHere.end(), key) != discoveredHere.end())
            return;
        discoveredHere.push_back(key);
        Discovered d;
        d.type = type;
        d.inode = inode;
        d.id = nsIdOf(fd);
        int ownerErr = 0;
        RegisteredFd owner = registeredFdFrom([&] { return nsfs::owningUserNs(fd); }, ownerErr);
        std::optional<std::uint64_t> ownerInode = owner ? inodeOf(owner.get()) : std::nullopt;
        d.owner = ownerInode;
        if (type == NsType::User) {
            d.parent = ownerInode;
            d.parentKnown = owner || ownerErr == EPERM;
            if (auto uid = nsfs::ownerUid(fd))
                d.ownerUid = *uid.value;
        }
        RegisteredFd parentFd;
        if (type == NsType::Pid) {
            int parentErr = 0;
            parentFd = registeredFdFrom([&] { return nsfs::parentNs(fd); }, parentErr);
            d.parentKnown = parentFd || parentErr == EPERM;
            if (parentFd)
                d.parent = inodeOf(parentFd.get());
        }
        out.discovered.push_back(d);
        if (owner && ownerInode)
            discover(owner.get(), NsType::User, *ownerInode);
        if (parentFd && d.parent)
            discover(parentFd.get(), NsType::Pid, *d.parent);
    };

    auto enter = [&](int fd, const Namespace& ns, const OpenCandidate* c) {
        if (current[index(ns.type)] == ns.inode)
            return true;
        if (::setns(fd, cloneFlag(ns.type)) == 0) {
            current[index(ns.type)] = ns.inode;
            return true;
        }
        out.errors.push_back({c->pid, fullPath(c->rel(ns.type)), procfs::errnoName(errno)});
        return false;
    };

    while (true) {
        std::size_t i = next.fetch_add(1);
        if (i >= snap.namespaces.size())
            break;
        Namespace& ns = snap.namespaces[i];
        NsExtra& ex = extra[i];
        // A pid namespace with a member the last scan saw too is the very namespace the last
        // scan described under this inode: that member was in it all along (its pid
        // namespace never changes), so no other namespace could have had the inode meanwhile.
        // Nothing else here needs it open.
        if (options.hierarchy && ns.type == NsType::Pid && ex.lastingMember)
            if (auto it = cache.pidNsIds.find(ns.inode); it != cache.pidNsIds.end())
                if (const NsLineage* memo = lineageFor(it->second, ns)) {
                    takeLineage(it->second, *memo, ns, ex, out);
                    continue;
                }
        // A mount or cgroup namespace the mount pass opened has its id already; with the last
        // scan's lineage nothing else here needs it open (a mount namespace's details come
        // from the mount pass, a cgroup namespace's root maybe from the last scan).
        if (options.hierarchy && ex.nsId &&
            (ns.type == NsType::Mnt ||
             (ns.type == NsType::Cgroup && (!options.details || ns.details.cgroupRoot))))
            if (const NsLineage* memo = lineageFor(*ex.nsId, ns)) {
                takeLineage(*ex.nsId, *memo, ns, ex, out);
                continue;
            }
        int lastErr = 0;
        const OpenCandidate* used = nullptr;
        RegisteredFd fd = openNamespace(i, lastErr, used);
        if (!fd) {
            if (lastErr && !vanished(lastErr) && lastErr != ESTALE && !ex.candidates.empty())
                out.errors.push_back({ex.candidates.front().pid,
                                      fullPath(ex.candidates.front().rel(ns.type)),
                                      procfs::errnoName(lastErr)});
            // Details read from /proc files need no fd.
            if (options.details)
                fileDetails(ns, buf);
            continue;
        }

        const std::optional<std::uint64_t> id = nsIdOf(fd.get());
        ns.id = id;
        if (options.hierarchy) {
            if (const NsLineage* memo = id ? lineageFor(*id, ns) : nullptr) {
                takeLineage(*id, *memo, ns, ex, out);
            } else {
                bool clean = true; // no answer that could differ next time
                int ownerErr = 0;
                RegisteredFd owner =
                    registeredFdFrom([&] { return nsfs::owningUserNs(fd.get()); }, ownerErr);
                if (owner) {
                    ns.owner = inodeOf(owner.get());
                    if (ns.owner)
                        discover(owner.get(), NsType::User, *ns.owner);
                    else
                        clean = false;
                } else if (ownerErr != EPERM) {
                    clean = false;
                    out.errors.push_back({used->pid,
                                          fullPath(used->rel(ns.type)) + " (NS_GET_USERNS)",
                                          procfs::errnoName(ownerErr)});
                }
                if (ns.type == NsType::User) {
                    ns.parent = ns.owner;
                    ex.parentKnown = owner || ownerErr == EPERM;
                    if (auto uid = nsfs::ownerUid(fd.get()))
                        ns.ownerUid = *uid.value;
                    else
                        clean = false;
                } else if (ns.type == NsType::Pid) {
                    int parentErr = 0;
                    RegisteredFd parent =
                        registeredFdFrom([&] { return nsfs::parentNs(fd.get()); }, parentErr);
                    ex.parentKnown = parent || parentErr == EPERM;
                    if (parent) {
                        ns.parent = inodeOf(parent.get());
                        if (ns.parent)
                            discover(parent.get(), NsType::Pid, *ns.parent);
                        else
                            clean = false;
                    } else if (parentErr != EPERM) {
                        clean = false;
                    }
                }
                if (id && clean)
                    out.lineage.emplace_back(*id, NsLineage{ns.type, ns.inode, ns.owner, ns.parent,
                                                            ns.ownerUid, ex.parentKnown});
            }
        }

        if (options.details) {
            NamespaceDetails& d = ns.details;
            switch (ns.type) {
            case NsType::Uts:
                if (enter(fd.get(), ns, used))
                    if (auto u = details::readUtsHere()) {
                        d.hostname = std::move(u->hostname);
                        d.domainname = std::move(u->domainname);
                    }
                break;
            case NsType::Ipc:
                if (enter(fd.get(), ns, used)) {
                    int err = 0;
                    if (auto c = details::readIpcHere(&err)) {
                        d.msgQueues = c->msgQueues;
                        d.shmSegments = c->shmSegments;
                        d.semaphoreSets = c->semaphoreSets;
                    } else {
                        out.errors.push_back({used->pid, fullPath(used->rel(ns.type)) + " (ipc)",
                                              procfs::errnoName(err)});
                    }
                }
                break;
            case NsType::Net:
                if (enter(fd.get(), ns, used)) {
                    int err = 0;
                    if (auto ifs = details::readNetHere(netBuf, &err))
                        d.interfaces = std::move(*ifs);
                    else
                        out.errors.push_back({used->pid,
                                              fullPath(used->rel(ns.type)) + " (netlink)",
                                              procfs::errnoName(err)});
                }
                break;
            case NsType::Cgroup:
                if (!d.cgroupRoot && ex.oldestPid && ex.oldestCgroup && enter(fd.get(), ns, used)) {
                    char rel[32];
                    std::snprintf(rel, sizeof rel, "%d/cgroup", ex.oldestPid);
                    // Read from inside, the same file names the path below the ns root.
                    if (readFileAt(procFd, rel, buf, true) == 0)
                        if (auto inside = procfs::parseCgroupV2Path(buf)) {
                            d.cgroupRoot = details::cgroupRootFrom(*ex.oldestCgroup, *inside);
                            if (d.cgroupRoot && ex.nsId)
                                out.cgroupRoots.push_back({*ex.nsId, *d.cgroupRoot, i});
                        }
                }
                break;
            case NsType::User:
            case NsType::Time:
                fileDetails(ns, buf);
                break;
            case NsType::Mnt:
            case NsType::Pid:
                break; // mountinfo pass and pidDetails
            }
        }
    }
    bool stranded = false;
    for (NsType t : kEntered) {
        std::uint64_t was = 0;
        if (home[index(t)])
            if (auto id = nsfs::identify(home[index(t)].get()))
                was = id.value->inode;
        if (current[index(t)] != was && (!was || ::setns(home[index(t)].get(), cloneFlag(t)) != 0))
            stranded = true;
    }
    if (!stranded)
        unregisterWorkerThread(tid);
    else
        out.strandedTid = tid; // unregistered after join, the best left to do
}

} // namespace nsx::backend::scan
