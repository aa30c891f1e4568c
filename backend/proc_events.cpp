#include "proc_events.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

namespace nsx::backend {

ProcEvents::~ProcEvents()
{
    close();
}

void ProcEvents::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

int ProcEvents::open()
{
    close();
    const int fd =
        ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_CONNECTOR);
    if (fd < 0)
        return errno;
    // A fork storm produces tens of thousands of events a second: a large buffer keeps a
    // burst between two drains (one poll interval) from overflowing. FORCE works as root (which
    // listening needs anyway); the plain option is the fallback.
    const int size = 8 << 20;
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    addr.nl_groups = CN_IDX_PROC;
    addr.nl_pid = 0; // the kernel picks a unique port: several listeners in one process
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        const int err = errno;
        ::close(fd);
        return err;
    }
    // nlmsghdr, cn_msg (whose data is a flexible array) and the operation, back to back.
    alignas(nlmsghdr) char req[NLMSG_LENGTH(sizeof(cn_msg) + sizeof(proc_cn_mcast_op))] = {};
    auto* nl = reinterpret_cast<nlmsghdr*>(req);
    nl->nlmsg_len = sizeof req;
    nl->nlmsg_type = NLMSG_DONE;
    auto* cn = static_cast<cn_msg*>(NLMSG_DATA(nl));
    cn->id.idx = CN_IDX_PROC;
    cn->id.val = CN_VAL_PROC;
    cn->len = sizeof(proc_cn_mcast_op);
    const proc_cn_mcast_op op = PROC_CN_MCAST_LISTEN;
    std::memcpy(cn->data, &op, sizeof op);
    if (::send(fd, req, sizeof req, 0) != ssize_t(sizeof req)) {
        const int err = errno;
        ::close(fd);
        return err;
    }
    // The kernel answers nothing: a subscription it ignored (a caller outside the initial user
    // and pid namespaces) just never sees an event. Kernels since 6.6 let any user of the
    // initial namespaces bind the CN_IDX_PROC group; older ones want CAP_NET_ADMIN (bind fails
    // with EPERM above).
    m_fd = fd;
    return 0;
}

void ProcEvents::drain(Changes& out, int ignoreTgid,
                       std::vector<std::pair<std::uint64_t, int>>* timeline)
{
    if (m_fd < 0)
        return;
    m_buf.resize(64 * 1024);
    std::vector<int>& pids = out.pids;
    std::vector<int>& exited = out.exited;
    const std::size_t pidsBefore = pids.size(), exitedBefore = exited.size();
    while (true) {
        const ssize_t n = ::recv(m_fd, m_buf.data(), m_buf.size(), 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ENOBUFS) { // the kernel dropped events: keep reading what is left
                out.overflow = true;
                continue;
            }
            break; // EAGAIN: all read
        }
        if (n == 0)
            break;
        int len = static_cast<int>(n);
        for (auto* nl = reinterpret_cast<nlmsghdr*>(m_buf.data()); NLMSG_OK(nl, len);
             nl = NLMSG_NEXT(nl, len)) {
            if (nl->nlmsg_type == NLMSG_ERROR || nl->nlmsg_type == NLMSG_NOOP)
                continue;
            if (nl->nlmsg_len < NLMSG_LENGTH(sizeof(cn_msg) + sizeof(proc_event)))
                continue;
            const auto* cn = static_cast<const cn_msg*>(NLMSG_DATA(nl));
            if (cn->id.idx != CN_IDX_PROC || cn->id.val != CN_VAL_PROC ||
                cn->len < sizeof(proc_event))
                continue;
            proc_event ev;
            std::memcpy(&ev, cn->data, sizeof ev);
            ++out.events;
            if (!out.firstNs)
                out.firstNs = ev.timestamp_ns;
            out.lastNs = ev.timestamp_ns;
            auto mark = [&](int tgid) {
                if (tgid > 0 && tgid != ignoreTgid) {
                    pids.push_back(tgid);
                    if (timeline)
                        timeline->emplace_back(ev.timestamp_ns, tgid);
                }
            };
            switch (ev.what) {
            case proc_event::PROC_EVENT_FORK:
                // A new process, or a new thread (child pid != tgid: its process has one more
                // thread, which may sit in other namespaces). For a new process, the parent too:
                // what it did just before forking (opened a namespace file, say) shows now at
                // the latest. Not for a thread: the kernel names the thread's real_parent,
                // which is its process's parent, not the process that made it — marking it made
                // the parent of every threaded process (the GUI's shell, a daemon's init) change
                // at every thread start, and the GUI's own scan threads kept its idle polls from
                // ever being "unchanged" (issue 17).
                mark(static_cast<int>(ev.event_data.fork.child_tgid));
                if (ev.event_data.fork.child_pid == ev.event_data.fork.child_tgid)
                    mark(static_cast<int>(ev.event_data.fork.parent_tgid));
                break;
            case proc_event::PROC_EVENT_EXEC:
                mark(static_cast<int>(ev.event_data.exec.process_tgid));
                break;
            case proc_event::PROC_EVENT_UID:
            case proc_event::PROC_EVENT_GID:
                mark(static_cast<int>(ev.event_data.id.process_tgid));
                break;
            case proc_event::PROC_EVENT_SID:
                mark(static_cast<int>(ev.event_data.sid.process_tgid));
                break;
            case proc_event::PROC_EVENT_PTRACE:
                mark(static_cast<int>(ev.event_data.ptrace.process_tgid));
                break;
            case proc_event::PROC_EVENT_COMM:
                mark(static_cast<int>(ev.event_data.comm.process_tgid));
                break;
            case proc_event::PROC_EVENT_COREDUMP:
                mark(static_cast<int>(ev.event_data.coredump.process_tgid));
                break;
            case proc_event::PROC_EVENT_EXIT: {
                const int tgid = static_cast<int>(ev.event_data.exit.process_tgid);
                mark(tgid);
                if (tgid == static_cast<int>(ev.event_data.exit.process_pid) && tgid != ignoreTgid)
                    exited.push_back(tgid);
                break;
            }
            default:
                break;
            }
        }
    }
    auto tidy = [](std::vector<int>& v, std::size_t before) {
        if (v.size() == before)
            return;
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    tidy(pids, pidsBefore);
    tidy(exited, exitedBefore);
}

} // namespace nsx::backend
