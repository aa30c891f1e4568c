// The kernel's process events connector (netlink NETLINK_CONNECTOR, CN_IDX_PROC): fork, exec,
// exit, uid/gid, sid, comm, ptrace and coredump events of every process on the machine, as
// they happen. The event-driven scan (event_scanner.h) uses them to re-read only the processes
// that changed. No Qt.
//
// Listening needs CAP_NET_ADMIN in the initial user namespace (the kernel checks it when the
// socket subscribes, since Linux 3.x: an ordinary user gets EPERM), and a kernel built with
// CONFIG_PROC_EVENTS. Events are multicast: when this socket's receive buffer overflows, the
// kernel drops what did not fit and the next read fails with ENOBUFS; drain() then says
// `overflow`, and the caller must assume anything changed (a full scan).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace nsx::backend {

class ProcEvents
{
public:
    ProcEvents() = default;
    ~ProcEvents();
    ProcEvents(const ProcEvents&) = delete;
    ProcEvents& operator=(const ProcEvents&) = delete;

    // Opens the socket and subscribes; 0 or the errno that refused it (EPERM without
    // CAP_NET_ADMIN, EPROTONOSUPPORT/ENOENT without CONFIG_PROC_EVENTS).
    int open();
    bool isOpen() const { return m_fd >= 0; }
    int fd() const { return m_fd; } // readable when events are pending

    // What the events read so far say changed.
    struct Changes
    {
        // Processes (thread group ids) to read again: forked children and their parents, a
        // process that exec'd, changed credentials, session or name, was traced, dumped core, or
        // one of whose threads started or ended; sorted, each once.
        std::vector<int> pids;
        std::vector<int> exited;  // thread group leaders that exited (also in pids), sorted
        std::uint64_t events = 0; // events read (all, also those of ignoreTgid)
        bool overflow = false;    // events were lost: anything may have changed
        // CLOCK_MONOTONIC ns of the first and last event read (0: none).
        std::uint64_t firstNs = 0, lastNs = 0;
    };
    // Reads every pending event without blocking, adds what they mark to `out`. Events of
    // threads of `ignoreTgid` (the caller's own process, whose worker threads come and go every
    // scan) mark nothing, unless that process itself exec'd (it cannot, while it reads this).
    // With `timeline`, also each mark as (CLOCK_MONOTONIC ns of its event, pid), in order.
    void drain(Changes& out, int ignoreTgid = 0,
               std::vector<std::pair<std::uint64_t, int>>* timeline = nullptr);

    void close();

private:
    int m_fd = -1;
    std::vector<char> m_buf;
};

} // namespace nsx::backend
