// Pass 4, one worker thread: takes namespaces one by one, opens each once, asks nsfs for its
// owner and parent (climbing to the namespaces met only that way) and reads its details,
// entering it with setns() where they can only be read from inside.
#include "ns_worker.h"
#include "details.h"
#include "nsfs.h"
#include "proc_io.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/netlink.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
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

// What a forked child read inside a namespace for a worker that could not enter it.
struct ReadInside
{
    bool ok = false;
    details::UtsNames uts;
    details::IpcCounts ipc;
    UniqueFd netSock; // NETLINK_ROUTE, made in the network namespace
};

// An ordinary user may not setns() into a uts, ipc or net namespace even when a user namespace
// of their own owns it: that takes CAP_SYS_ADMIN over the namespace *and* in one's current user
// namespace, which only joining the owning user namespace gives — and the kernel refuses that
// to a multithreaded process (the scanner is one). So when the scanning user owns the owning
// user namespace (NS_GET_OWNER_UID), a forked child — single-threaded — joins it, then the
// namespace, reads there and hands back over a socket pair: the names, the counts, or a
// netlink socket made inside (read from here; a socket keeps its network namespace). The
// child uses system calls only (a fork of a multithreaded process); it never runs anything
// else and ends within the scan. Root needs none of this (it enters directly).
ReadInside readThroughOwner(int nsFd, NsType type)
{
    ReadInside r;
    if (::geteuid() == 0 || (type != NsType::Uts && type != NsType::Ipc && type != NsType::Net))
        return r;
    int err = 0;
    RegisteredFd user = registeredFdFrom([&] { return nsfs::owningUserNs(nsFd); }, err);
    if (!user)
        return r;
    const auto owner = nsfs::ownerUid(user.get());
    if (!owner || *owner.value != ::geteuid())
        return r;
    int sp[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0)
        return r;
    UniqueFd mine(sp[0]), theirs(sp[1]);
    const pid_t child = ::fork();
    if (child < 0)
        return r;
    if (child == 0) {
        ::close(sp[0]);
        if (::setns(user.get(), CLONE_NEWUSER) != 0 || ::setns(nsFd, cloneFlag(type)) != 0)
            ::_exit(1);
        char buf[2 * 65 + 3 * sizeof(std::int64_t)];
        iovec iov{buf, 0};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))]{};
        if (type == NsType::Uts) {
            struct utsname u;
            if (::uname(&u) != 0)
                ::_exit(1);
            const std::size_t h = ::strnlen(u.nodename, 64), d = ::strnlen(u.domainname, 64);
            std::memcpy(buf, u.nodename, h);
            buf[h] = '\0';
            std::memcpy(buf + h + 1, u.domainname, d);
            iov.iov_len = h + 1 + d;
        } else if (type == NsType::Ipc) {
            const auto c = details::readIpcHere();
            if (!c)
                ::_exit(1);
            const std::int64_t v[3] = {c->msgQueues, c->shmSegments, c->semaphoreSets};
            std::memcpy(buf, v, sizeof v);
            iov.iov_len = sizeof v;
        } else {
            const int sock = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
            if (sock < 0)
                ::_exit(1);
            buf[0] = 'n';
            iov.iov_len = 1;
            msg.msg_control = control;
            msg.msg_controllen = sizeof control;
            cmsghdr* c = CMSG_FIRSTHDR(&msg);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int));
            std::memcpy(CMSG_DATA(c), &sock, sizeof(int));
        }
        ::_exit(::sendmsg(sp[1], &msg, MSG_NOSIGNAL) == static_cast<ssize_t>(iov.iov_len) ? 0 : 1);
    }
    theirs.reset();
    char buf[2 * 65 + 3 * sizeof(std::int64_t)];
    iovec iov{buf, sizeof buf};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))]{};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    pollfd p{mine.get(), POLLIN, 0};
    ssize_t n = -1;
    if (::poll(&p, 1, 5000) > 0) // system calls only: never long, but a scan must not hang
        n = ::recvmsg(mine.get(), &msg, MSG_CMSG_CLOEXEC);
    else
        ::kill(child, SIGKILL);
    while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
    }
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); n > 0 && c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int fd = -1;
            std::memcpy(&fd, CMSG_DATA(c), sizeof(int));
            r.netSock = UniqueFd(fd);
        }
    if (n <= 0)
        return r;
    if (type == NsType::Uts) {
        const std::string_view all(buf, static_cast<std::size_t>(n));
        const auto nul = all.find('\0');
        if (nul == all.npos)
            return r;
        r.uts.hostname = std::string(all.substr(0, nul));
        r.uts.domainname = std::string(all.substr(nul + 1));
    } else if (type == NsType::Ipc) {
        if (n != 3 * sizeof(std::int64_t))
            return r;
        std::int64_t v[3];
        std::memcpy(v, buf, sizeof v);
        r.ipc = {v[0], v[1], v[2]};
    } else if (!r.netSock) {
        return r;
    }
    r.ok = true;
    return r;
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
    // The interfaces and routes, and the links whose other end's NSID the topology pass
    // (net_topology.cpp) resolves later.
    const auto takeNet = [&](details::NetReadout&& net) {
        WorkerOutput::PendingLinks pending{i, {}};
        for (std::size_t k = 0; k < net.linkNsids.size(); ++k)
            if (net.linkNsids[k]) {
                net.interfaces[k].link->nsid = *net.linkNsids[k];
                pending.links.emplace_back(k, *net.linkNsids[k]);
            }
        if (!pending.links.empty())
            m_out.netLinks.push_back(std::move(pending));
        d.interfaces = std::move(net.interfaces);
        d.defaultRoutes = std::move(net.defaultRoutes);
    };
    switch (ns.type) {
    case NsType::Uts:
    case NsType::Ipc:
    case NsType::Net:
        if (const int err = m_entered.enter(fd, ns.type, ns.inode)) {
            // Not ours to enter directly: through its owning user namespace, if that is ours.
            ReadInside in = err == EPERM ? readThroughOwner(fd, ns.type) : ReadInside{};
            if (!in.ok) {
                fail(used, ns.type, "", err);
            } else if (ns.type == NsType::Uts) {
                d.hostname = std::move(in.uts.hostname);
                d.domainname = std::move(in.uts.domainname);
            } else if (ns.type == NsType::Ipc) {
                d.msgQueues = in.ipc.msgQueues;
                d.shmSegments = in.ipc.shmSegments;
                d.semaphoreSets = in.ipc.semaphoreSets;
            } else {
                int netErr = 0;
                if (auto net = details::readNetThrough(in.netSock.release(), m_netBuf, &netErr))
                    takeNet(std::move(*net));
                else
                    fail(used, ns.type, " (netlink)", netErr);
            }
        } else if (ns.type == NsType::Uts) {
            if (auto u = details::readUtsHere()) {
                d.hostname = std::move(u->hostname);
                d.domainname = std::move(u->domainname);
            }
        } else if (ns.type == NsType::Ipc) {
            int ipcErr = 0;
            if (auto c = details::readIpcHere(&ipcErr)) {
                d.msgQueues = c->msgQueues;
                d.shmSegments = c->shmSegments;
                d.semaphoreSets = c->semaphoreSets;
            } else {
                fail(used, ns.type, " (ipc)", ipcErr);
            }
        } else {
            int netErr = 0;
            if (auto net = details::readNetHere(m_netBuf, &netErr))
                takeNet(std::move(*net));
            else
                fail(used, ns.type, " (netlink)", netErr);
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

pid_t runNsidWorker(ScanState& scan, std::vector<NsidJob>& jobs,
                    const std::vector<std::size_t>& allNet, std::atomic<std::size_t>& next)
{
    WorkerThreadEntry self;
    EnteredNamespaces entered;
    while (true) {
        const std::size_t j = next.fetch_add(1);
        if (j >= jobs.size())
            break;
        NsidJob& job = jobs[j];
        const Namespace& ns = scan.snap.namespaces[job.ns];
        int err = 0;
        const OpenCandidate* used = nullptr;
        RegisteredFd fd = scan.openNamespace(job.ns, err, used);
        if (!fd || entered.enter(fd.get(), NsType::Net, ns.inode) != 0)
            continue; // the details pass said why already
        nsfs::UniqueFd sock(details::openRtnetlink());
        if (!sock)
            continue;
        std::size_t left = job.wanted.size();
        const auto ask = [&](std::size_t c) {
            RegisteredFd other = scan.openNamespace(c, err, used);
            if (!other)
                return;
            ++job.asked;
            const std::optional<std::int32_t> nsid = details::nsidOf(sock.get(), other.get());
            if (!nsid || std::find(job.wanted.begin(), job.wanted.end(), *nsid) == job.wanted.end())
                return;
            if (std::none_of(job.found.begin(), job.found.end(),
                             [&](const auto& f) { return f.first == *nsid; })) {
                job.found.emplace_back(*nsid, c);
                --left;
            }
        };
        for (std::size_t c : job.candidates)
            if (left > 0)
                ask(c);
        for (std::size_t c : allNet)
            if (left > 0 && c != job.ns &&
                std::find(job.candidates.begin(), job.candidates.end(), c) == job.candidates.end())
                ask(c);
    }
    if (!entered.leave()) {
        self.keepUntilJoined();
        return self.tid();
    }
    return 0;
}

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
