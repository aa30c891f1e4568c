#include "event_scanner.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace nsx::backend {

EventScanner::Settings EventScanner::settingsFromEnvironment()
{
    Settings s;
    if (const char* mode = std::getenv("NSX_POLL"); mode && std::strcmp(mode, "full") == 0)
        s.events = false;
    if (const char* sec = std::getenv("NSX_RECONCILE_SECONDS")) {
        char* end = nullptr;
        const long v = std::strtol(sec, &end, 10);
        if (*sec && !*end && v >= 1 && v <= 86400)
            s.reconcileMs = static_cast<int>(v * 1000);
    }
    return s;
}

EventScanner::EventScanner(ScanOptions options, Settings settings)
    : m_scanner(std::move(options)), m_settings(settings), m_self(::getpid())
{
    // Only a real /proc names the processes the events name.
    if (!m_settings.events || m_scanner.options().procRoot != "/proc")
        return;
    m_eventsError = m_events.open();
    if (m_eventsError) {
        spdlog::info("process events unavailable ({}): polling with full scans",
                     std::strerror(m_eventsError));
        return;
    }
    m_mountinfo = ::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    mountsChanged(); // the first poll reports the table as changed: start from here
}

EventScanner::~EventScanner()
{
    if (m_mountinfo >= 0)
        ::close(m_mountinfo);
}

bool EventScanner::mountsChanged()
{
    // The kernel flags a mountinfo reader with POLLERR | POLLPRI when the mount namespace's
    // table changed since it last asked (a poll clears it).
    if (m_mountinfo < 0)
        return false;
    pollfd p{m_mountinfo, POLLPRI, 0};
    return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLPRI | POLLERR));
}

EventScanner::Result EventScanner::full(const char* reason)
{
    // Events up to now are covered by this scan; those during it mark processes for the next.
    ProcEvents::Changes dropped;
    m_events.drain(dropped, m_self);
    mountsChanged();
    Result r;
    r.kind = Kind::Full;
    r.reason = reason;
    r.events = dropped.events;
    m_lastFull = std::chrono::steady_clock::now();
    m_last = std::make_shared<const Snapshot>(m_scanner.scan());
    r.snapshot = m_last;
    return r;
}

EventScanner::Result EventScanner::next(bool forceFull)
{
    if (!m_events.isOpen())
        return full(m_settings.events ? "no events" : "events off");
    if (!m_last || !m_scanner.canRescan())
        return full("first");
    if (forceFull)
        return full("asked");
    if (std::chrono::steady_clock::now() - m_lastFull >=
        std::chrono::milliseconds(m_settings.reconcileMs))
        return full("reconcile");
    if (mountsChanged())
        return full("mounts");
    ProcEvents::Changes c;
    m_events.drain(c, m_self);
    if (c.overflow)
        return full("overflow");
    Result r;
    r.events = c.events;
    r.marked = c.pids.size();
    // Zombies are read again until they are reaped (which is no event), and so on (inTransit).
    bool zombies = false;
    for (const Process& p : m_last->processes)
        if (inTransit(p)) {
            zombies = true;
            break;
        }
    if (c.pids.empty() && !zombies && !m_scanner.hasLooseThreads()) {
        r.kind = Kind::Unchanged;
        r.snapshot = m_last;
        return r;
    }
    if (double(c.pids.size()) > m_settings.maxMarkedShare * double(m_last->processes.size()) &&
        c.pids.size() > 64) {
        Result f = full("many changes");
        f.events += c.events;
        f.marked = c.pids.size();
        return f;
    }
    r.kind = Kind::Incremental;
    m_last = std::make_shared<const Snapshot>(m_scanner.rescan(*m_last, std::move(c.pids)));
    r.snapshot = m_last;
    return r;
}

} // namespace nsx::backend
