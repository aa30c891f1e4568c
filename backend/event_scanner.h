// Watching at a cost that follows the changes, not the machine: a Scanner driven by process
// events (proc_events.h). Each next() drains the events, and
//   - nothing happened: returns the last snapshot as it is (no system call beyond the drain
//     and one poll of our mountinfo);
//   - some processes changed: Scanner::rescan reads only those (scan/rescan.cpp says what it
//     takes over and why that is sound, and what only a full scan sees);
//   - a full scan, the reconciliation, runs when asked (F5), every `reconcileMs`, at once when
//     events were lost (ENOBUFS), when our own mount table changed (a bind mount such as `ip
//     netns add` makes: /proc/self/mountinfo polls with POLLPRI), and when more than
//     `maxMarkedShare` of the processes changed (then reading all is as cheap).
// Without the connector (no CONFIG_PROC_EVENTS, a caller outside the initial user or pid
// namespace, a kernel before 6.6 without CAP_NET_ADMIN) or with events off, every next() is a
// full scan, as before.
// One thread at a time (the poller's worker thread). No Qt.
#pragma once

#include "proc_events.h"
#include "scanner.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace nsx::backend {

class EventScanner
{
public:
    struct Settings
    {
        bool events = true;          // false: every next() is a full scan (the old poller)
        int reconcileMs = 30000;     // the pace of full scans when events are on
        double maxMarkedShare = 0.5; // more processes marked than this share: a full scan
    };
    // Settings from the environment, for benchmarks and for users who want the old behaviour:
    // NSX_POLL=full (events off), NSX_RECONCILE_SECONDS=N.
    static Settings settingsFromEnvironment();

    explicit EventScanner(ScanOptions options = {}, Settings settings = settingsFromEnvironment());

    enum class Kind
    {
        Full,
        Incremental,
        Unchanged
    };
    struct Result
    {
        std::shared_ptr<const Snapshot> snapshot; // the same pointer as last time when Unchanged
        Kind kind = Kind::Full;
        const char* reason = ""; // why a full scan: "first", "asked", "events off", ...
        std::size_t marked = 0;  // processes the events marked (Incremental)
        std::uint64_t events = 0;
    };
    // Scans as little as the events allow; `full` forces a full scan (F5).
    Result next(bool full = false);

    bool eventsOn() const { return m_events.isOpen(); }
    int eventsError() const { return m_eventsError; } // why not (an errno), 0 when on or off
    const Settings& settings() const { return m_settings; }
    void setReconcileMs(int ms) { m_settings.reconcileMs = ms; }

private:
    bool mountsChanged();
    Result full(const char* reason);

    Scanner m_scanner;
    Settings m_settings;
    ProcEvents m_events;
    int m_eventsError = 0;
    int m_mountinfo = -1; // our /proc/self/mountinfo, polled for POLLPRI
    int m_self = 0;
    std::shared_ptr<const Snapshot> m_last;
    std::chrono::steady_clock::time_point m_lastFull;

public:
    ~EventScanner();
    EventScanner(const EventScanner&) = delete;
    EventScanner& operator=(const EventScanner&) = delete;
};

} // namespace nsx::backend
