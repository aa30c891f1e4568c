// Runs the Scanner on a worker thread and hands immutable snapshots to the GUI thread.
// The GUI thread never waits for a scan: ticks that come while a scan runs are skipped, and a
// refresh asked for during a scan runs right after it. Nor does it wait when the Poller goes:
// a scan in flight is abandoned (its thread ends on its own), so quitting is prompt.
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

    int interval() const { return m_timer.interval(); }
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_started; }
    bool isScanning() const { return m_scanning; }
    SnapshotPtr latest() const { return m_latest; }
    // How long the last scan took on the worker, in milliseconds.
    double lastScanMs() const { return m_lastScanMs; }

public slots:
    // Starts ticking and scans at once.
    void start();
    void stop();
    void setInterval(int ms);
    void setPaused(bool paused);
    void pause() { setPaused(true); }
    void resume() { setPaused(false); }
    // Scans now (even when paused); during a running scan, once more right after it.
    void refreshNow();

signals:
    void snapshotReady(nsx::model::SnapshotPtr snapshot);
    void scanFailed(const QString& message);
    void pausedChanged(bool paused);

private:
    void tick();
    void startScan();
    void onScanned(nsx::model::SnapshotPtr snapshot, double ms, const QString& error);

    QThread* m_thread = nullptr;    // not a member object: abandoned to a scan in flight at exit
    ScanWorker* m_worker = nullptr; // lives on m_thread
    QTimer m_timer;
    SnapshotPtr m_latest;
    bool m_started = false;
    bool m_paused = false;
    bool m_scanning = false;
    bool m_again = false;
    double m_lastScanMs = 0;
    HeapTrim m_heapTrim;
};

} // namespace nsx::model
