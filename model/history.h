// The session's history for the charts: per poll, a compact sample (time and counts per
// namespace type), and the namespaces that appeared or vanished between consecutive polls
// ("launches and exits"). Whole snapshots are not kept: an hour at one poll a second is 3600
// samples of a few dozen integers, held in a ring buffer.
#pragma once

#include "snapshot_ptr.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <array>
#include <vector>

namespace nsx::model {

struct HistorySample
{
    qint64 timeMs = 0; // UTC milliseconds since the epoch (the snapshot's taken_at)
    // Number of namespaces of each type, indexed by nsx::backend::index(NsType).
    std::array<int, nsx::backend::kNsTypeCount> namespaces{};
    // Number of processes that are NOT in the host's namespace of that type (the one PID 1 is
    // in) — i.e. how many processes are isolated along each axis. Every process is in exactly
    // one namespace per type, so a plain count per type would be the same eight times.
    std::array<int, nsx::backend::kNsTypeCount> isolatedProcesses{};
    int processes = 0; // all processes in the snapshot
    int namespacesTotal() const;
};

struct HistoryEvent
{
    enum class Kind
    {
        Appeared,
        Vanished
    };
    Kind kind = Kind::Appeared;
    qint64 timeMs = 0; // time of the snapshot in which the change was first seen
    nsx::backend::NsType type = nsx::backend::NsType::Net;
    quint64 inode = 0;
    QString launcherKind; // "unshare", "bwrap", ... or empty when unknown
    QString launcherComm;
};

class History : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 3600; // one hour at one poll per second

    explicit History(QObject* parent = nullptr);
    explicit History(int capacity, QObject* parent = nullptr);

    int capacity() const { return m_capacity; }
    // Shrinking drops the oldest samples (and events older than the oldest sample kept).
    void setCapacity(int capacity);
    int maxEvents() const { return m_maxEvents; }
    void setMaxEvents(int maxEvents);

    int size() const { return static_cast<int>(m_count); }
    bool isEmpty() const { return m_count == 0; }
    // i = 0 is the oldest sample kept.
    const HistorySample& sample(int i) const;
    const HistorySample& latest() const { return sample(size() - 1); }
    QList<HistorySample> samples() const;
    // The samples no older than windowMs before the newest one (all of them if windowMs <= 0).
    QList<HistorySample> window(qint64 windowMs) const;
    const std::vector<HistoryEvent>& events() const { return m_events; }
    QList<HistoryEvent> eventsInWindow(qint64 windowMs) const;

    // The pure computations, public so the tests can check them without signals.
    static HistorySample makeSample(const nsx::backend::Snapshot& snapshot, qint64 timeMs);
    static std::vector<HistoryEvent> makeEvents(const nsx::backend::Snapshot& before,
                                                const nsx::backend::Snapshot& after, qint64 timeMs);
    // taken_at as UTC milliseconds, or -1 when it does not parse.
    static qint64 snapshotTimeMs(const nsx::backend::Snapshot& snapshot);

public slots:
    // Adds one poll. The sample's time is the snapshot's taken_at (now if unparsable), never
    // earlier than the previous sample's, so the series stay ordered if the clock steps back.
    void append(nsx::model::SnapshotPtr snapshot);
    // A poll found nothing changed: the latest sample again at `timeMs` (no events); nothing
    // when empty or when timeMs is not after the latest sample.
    void extend(qint64 timeMs);
    // Forget everything (e.g. when an offline file replaces the live view).
    void clear();

signals:
    void sampleAdded(const nsx::model::HistorySample& sample);
    // Only emitted when the list is non-empty.
    void eventsAdded(const QList<nsx::model::HistoryEvent>& events);
    void cleared();

private:
    void pushSample(const HistorySample& s);
    void trimEvents();
    int firstIndexAtOrAfter(qint64 timeMs) const;

    int m_capacity = kDefaultCapacity;
    int m_maxEvents = 20000;
    std::vector<HistorySample> m_ring; // m_capacity slots once full
    std::size_t m_start = 0;           // index of the oldest sample in m_ring
    std::size_t m_count = 0;
    std::vector<HistoryEvent> m_events; // oldest first
    SnapshotPtr m_previous;
};

} // namespace nsx::model

Q_DECLARE_METATYPE(nsx::model::HistorySample)
Q_DECLARE_METATYPE(nsx::model::HistoryEvent)
