#include "poller.h"

#include "event_scanner.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <memory>
#include <vector>

namespace nsx::model {

// The object that owns the Scanner; it lives on the worker thread, so the Scanner is created,
// used and destroyed there.
class ScanWorker : public QObject
{
    Q_OBJECT
public:
    explicit ScanWorker(backend::ScanOptions options) : m_options(std::move(options)) {}

    // Two slots without arguments, invoked by member pointer: a lambda carrying `full` would be
    // written on the GUI thread and read here through Qt's (uninstrumented) event queue, which
    // ThreadSanitizer reports as a race.
    void scanEvents() { scan(false); }
    void scanFull() { scan(true); }

    void scan(bool full)
    {
        const auto t0 = std::chrono::steady_clock::now();
        SnapshotPtr snapshot;
        QString error;
        try {
            if (!m_scanner)
                m_scanner = std::make_unique<backend::EventScanner>(m_options);
            const backend::EventScanner::Result r = m_scanner->next(full);
            snapshot = r.snapshot;
            if (r.kind != backend::EventScanner::Kind::Unchanged)
                spdlog::debug("poll: {} ({}), {} events, {} processes marked",
                              r.kind == backend::EventScanner::Kind::Full ? "full scan" : "rescan",
                              r.reason, r.events, r.marked);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
            spdlog::error("scan failed: {}", e.what());
        }
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        emit scanned(snapshot, ms, error);
    }

signals:
    void scanned(nsx::model::SnapshotPtr snapshot, double ms, const QString& error);

private:
    backend::ScanOptions m_options;
    std::unique_ptr<backend::EventScanner> m_scanner;
};

Poller::Poller(backend::ScanOptions options, QObject* parent) : QObject(parent)
{
    qRegisterMetaType<SnapshotPtr>();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("nsx-scanner"));
    m_worker = new ScanWorker(std::move(options));
    m_worker->moveToThread(m_thread);
    // Also when the thread is abandoned (see ~Poller): the worker and its Scanner go with it.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ScanWorker::scanned, this, &Poller::onScanned, Qt::QueuedConnection);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &Poller::tick);
    m_thread->start();
}

namespace {

std::vector<QThread*>& abandonedThreads()
{
    static auto* abandoned = new std::vector<QThread*>;
    return *abandoned;
}

} // namespace

bool Poller::waitForAbandonedScans(int timeoutMs)
{
    bool all = true;
    for (QThread* t : abandonedThreads())
        all = t->wait(QDeadlineTimer(timeoutMs)) && all;
    return all;
}

Poller::~Poller()
{
    m_timer.stop();
    // Before quit: once the thread has ended (at once, when the scan in flight is already
    // over and only its result waits in our queue) the worker is deleted.
    if (m_scanning)
        disconnect(m_worker, nullptr, this, nullptr);
    m_thread->quit(); // after the scan in flight, if any
    if (m_scanning) {
        // Quitting must not wait for a scan (on a large or busy system one takes seconds, and
        // the window was gone while the process lingered): it only reads /proc and its result
        // is not wanted. The thread ends on its own after it, the worker deleted on the way
        // out; the QThread object is left to the process's exit (main() _exits).
        spdlog::debug("poller: a scan is in flight; not waiting for it");
        // Kept reachable, never deleted: the thread may outlive everything (a QThread deleted
        // while it runs aborts), and a leak checker should not count what is left on purpose.
        abandonedThreads().push_back(m_thread);
        return;
    }
    m_thread->wait(); // idle: returns at once
    delete m_thread;
}

void Poller::start()
{
    m_started = true;
    if (!m_paused)
        m_timer.start();
    startScan();
}

void Poller::stop()
{
    m_started = false;
    m_timer.stop();
}

void Poller::setInterval(int ms)
{
    ms = qBound(100, ms, 3600 * 1000);
    if (ms == m_interval)
        return;
    m_interval = ms;
    applyInterval();
}

void Poller::setBackground(bool background)
{
    if (background == m_background)
        return;
    m_background = background;
    applyInterval();
    // Back on screen: show what happened meanwhile at once.
    if (!m_background && m_started && !m_paused)
        startScan();
}

void Poller::applyInterval()
{
    const int ms = m_background ? m_interval * kBackgroundFactor : m_interval;
    if (ms != m_timer.interval())
        m_timer.setInterval(ms);
}

void Poller::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (m_paused)
        m_timer.stop();
    else if (m_started) {
        m_timer.start();
        startScan();
    }
    emit pausedChanged(m_paused);
}

void Poller::refreshNow()
{
    if (m_scanning) {
        m_again = true;
        return;
    }
    startScan(true);
}

void Poller::tick()
{
    if (m_paused)
        return;
    if (m_scanning) {
        return; // a slow scan is not doubled: this tick is dropped
    }
    startScan();
}

void Poller::startScan(bool full)
{
    if (m_scanning)
        return;
    m_scanning = true;
    m_scanStartedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count();
    QMetaObject::invokeMethod(m_worker, full ? &ScanWorker::scanFull : &ScanWorker::scanEvents,
                              Qt::QueuedConnection);
}

void Poller::onScanned(SnapshotPtr snapshot, double ms, const QString& error)
{
    m_scanning = false;
    m_lastScanMs = ms;
    if (snapshot && snapshot == m_latest) {
        emit unchanged();
    } else if (snapshot) {
        m_latest = snapshot;
        m_latestStartedNs = m_scanStartedNs;
        emit snapshotReady(snapshot);
        // After the views and the history have let go of a storm's snapshots and rows.
        m_heapTrim.trimAfter(snapshot->namespaces.size() + snapshot->processes.size());
    } else {
        emit scanFailed(error);
    }
    if (m_again) {
        m_again = false;
        startScan(true);
    }
}

} // namespace nsx::model

#include "poller.moc"
