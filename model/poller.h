// Runs the Scanner on a worker thread and hands immutable snapshots to the GUI thread.
// The GUI thread never waits for a scan: ticks that come while a scan runs are skipped, and a
// refresh asked for during a scan runs right after it. Nor does it wait when the Poller goes:
// a scan in flight is abandoned (its thread ends on its own), so quitting is prompt.
//
// Each tick runs backend::EventScanner (event_scanner.h): where process events are available
// it reads only what changed, and a tick on which nothing changed emits unchanged() instead of
// a snapshot (the views have nothing to do); a full scan runs every reconciliation interval,
// and at once on refreshNow() (F5). NSX_POLL=full gives the old behaviour (a full scan per
// tick). In the background (setBackground: the window minimised or hidden) the ticks come
// kBackgroundFactor times less often; the history's samples keep the snapshots' own times.
#pragma once

#include "heap_trim.h"
#include "scanner.h"
#include "snapshot_ptr.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <QTimer>

namespace nsx::model {

class ScanWorker;

class Poller : public QObject
{
    Q_OBJECT
public:
    explicit Poller(backend::ScanOptions options = {}, QObject* parent = nullptr);
    ~Poller() override;
    // Waits (up to `timeoutMs` each) for the scans that destroyed pollers left running. The
    // program _exits past them; a test returns from main(), and static destructors must not
    // run under a scan still using them (a hang at exit, seen in CI). True if all ended.
    static bool waitForAbandonedScans(int timeoutMs);

    int interval() const { return m_interval; }
    // How often it ticks now: interval(), kBackgroundFactor times that in the background.
    int tickInterval() const { return m_timer.interval(); }
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_started; }
    bool isScanning() const { return m_scanning; }
    SnapshotPtr latest() const { return m_latest; }
    // How long the last scan took on the worker, in milliseconds.
    double lastScanMs() const { return m_lastScanMs; }
    // When the scan behind latest() started (std::chrono::steady_clock, CLOCK_MONOTONIC ns).
    std::int64_t latestStartedNs() const { return m_latestStartedNs; }
    bool isBackground() const { return m_background; }
    static constexpr int kBackgroundFactor = 5;

public slots:
    // Starts ticking and scans at once.
    void start();
    void stop();
    void setInterval(int ms);
    void setPaused(bool paused);
    void pause() { setPaused(true); }
    void resume() { setPaused(false); }
    // A full scan now (even when paused); during a running scan, once more right after it.
    void refreshNow();
    // Polls kBackgroundFactor times less often while true (the window is not on screen).
    void setBackground(bool background);

signals:
    void snapshotReady(nsx::model::SnapshotPtr snapshot);
    void scanFailed(const QString& message);
    // A tick found nothing changed since the last snapshot (events said so).
    void unchanged();
    void pausedChanged(bool paused);

private:
    void tick();
    void startScan(bool full = false);
    void applyInterval();
    void onScanned(nsx::model::SnapshotPtr snapshot, double ms, const QString& error);

    QThread* m_thread = nullptr;    // not a member object: abandoned to a scan in flight at exit
    ScanWorker* m_worker = nullptr; // lives on m_thread
    QTimer m_timer;
    SnapshotPtr m_latest;
    bool m_started = false;
    bool m_paused = false;
    bool m_scanning = false;
    bool m_again = false;
    bool m_background = false;
    int m_interval = 1000; // as set; the timer's is longer in the background
    double m_lastScanMs = 0;
    std::int64_t m_latestStartedNs = 0, m_scanStartedNs = 0;
    HeapTrim m_heapTrim;
};

} // namespace nsx::model
