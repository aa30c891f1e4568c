#include "history.h"

#include "tree_model.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

namespace nsx::model {

using nsx::backend::index;
using nsx::backend::kNsTypeCount;
using nsx::backend::NsType;
using nsx::backend::Snapshot;

int HistorySample::namespacesTotal() const
{
    int total = 0;
    for (int n : namespaces)
        total += n;
    return total;
}

History::History(QObject* parent) : History(kDefaultCapacity, parent) {}

History::History(int capacity, QObject* parent) : QObject(parent), m_capacity(std::max(1, capacity))
{
    static const int registered = [] {
        qRegisterMetaType<nsx::model::HistorySample>();
        qRegisterMetaType<nsx::model::HistoryEvent>();
        qRegisterMetaType<QList<nsx::model::HistoryEvent>>();
        qRegisterMetaType<nsx::model::SnapshotPtr>();
        return 0;
    }();
    Q_UNUSED(registered);
}

void History::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    // Linearise, keeping the newest `capacity` samples.
    std::vector<HistorySample> kept;
    const int keep = std::min(size(), capacity);
    kept.reserve(static_cast<std::size_t>(keep));
    for (int i = size() - keep; i < size(); ++i)
        kept.push_back(sample(i));
    m_ring = std::move(kept);
    m_start = 0;
    m_count = m_ring.size();
    m_capacity = capacity;
    trimEvents();
}

void History::setMaxEvents(int maxEvents)
{
    m_maxEvents = std::max(0, maxEvents);
    trimEvents();
}

const HistorySample& History::sample(int i) const
{
    Q_ASSERT(i >= 0 && i < size());
    return m_ring[(m_start + static_cast<std::size_t>(i)) % m_ring.size()];
}

QList<HistorySample> History::samples() const
{
    return window(0);
}

int History::firstIndexAtOrAfter(qint64 timeMs) const
{
    // Samples are in time order (append enforces it), so binary search over the ring.
    int lo = 0, hi = size();
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (sample(mid).timeMs < timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

QList<HistorySample> History::window(qint64 windowMs) const
{
    QList<HistorySample> out;
    if (isEmpty())
        return out;
    const int first = windowMs > 0 ? firstIndexAtOrAfter(latest().timeMs - windowMs) : 0;
    out.reserve(size() - first);
    for (int i = first; i < size(); ++i)
        out.append(sample(i));
    return out;
}

QList<HistoryEvent> History::eventsInWindow(qint64 windowMs) const
{
    QList<HistoryEvent> out;
    if (isEmpty())
        return out;
    const qint64 from =
        windowMs > 0 ? latest().timeMs - windowMs : std::numeric_limits<qint64>::min();
    auto it = std::lower_bound(m_events.begin(), m_events.end(), from,
                               [](const HistoryEvent& e, qint64 t) { return e.timeMs < t; });
    for (; it != m_events.end(); ++it)
        out.append(*it);
    return out;
}

qint64 History::snapshotTimeMs(const Snapshot& snapshot)
{
    const QDateTime t =
        QDateTime::fromString(QString::fromStdString(snapshot.takenAt), Qt::ISODate);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

HistorySample History::makeSample(const Snapshot& snapshot, qint64 timeMs)
{
    HistorySample s;
    s.timeMs = timeMs;
    s.processes = static_cast<int>(snapshot.processes.size());
    for (const auto& ns : snapshot.namespaces)
        ++s.namespaces[index(ns.type)];

    // The host's namespaces: the one definition every view uses (backend::initialNamespaces).
    const nsx::backend::NsInodes host = nsx::backend::initialNamespaces(snapshot);
    for (const auto& p : snapshot.processes) {
        for (std::size_t t = 0; t < kNsTypeCount; ++t) {
            if (p.namespaces[t] && host[t] && *p.namespaces[t] != *host[t])
                ++s.isolatedProcesses[t];
        }
    }
    return s;
}

std::vector<HistoryEvent> History::makeEvents(const Snapshot& before, const Snapshot& after,
                                              qint64 timeMs)
{
    // Sorted keys make appeared/vanished two set differences; sorting here rather than trusting
    // the snapshot's order keeps this right for snapshots built by hand or read from old files.
    using Key = std::pair<NsType, std::uint64_t>;
    auto keysOf = [](const Snapshot& s) {
        std::vector<std::pair<Key, const nsx::backend::Namespace*>> keys;
        keys.reserve(s.namespaces.size());
        for (const auto& ns : s.namespaces)
            keys.push_back({{ns.type, ns.inode}, &ns});
        std::sort(keys.begin(), keys.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        return keys;
    };
    const auto a = keysOf(before);
    const auto b = keysOf(after);
    // A storm brings thousands of events from a handful of launchers, and the history keeps up
    // to maxEvents() of them for an hour: one shared (implicitly shared QString) copy of each
    // name rather than two strings per event.
    std::map<std::string, QString> names;
    auto shared = [&names](const std::string& name) {
        auto [it, added] = names.try_emplace(name);
        if (added)
            it->second = printable(name);
        return it->second;
    };
    auto toEvent = [timeMs, &shared](HistoryEvent::Kind kind, const nsx::backend::Namespace& ns) {
        HistoryEvent e;
        e.kind = kind;
        e.timeMs = timeMs;
        e.type = ns.type;
        e.inode = ns.inode;
        if (ns.launcher) {
            e.launcherKind = shared(ns.launcher->kind);
            e.launcherComm = shared(ns.launcher->comm);
        }
        return e;
    };
    std::vector<HistoryEvent> events;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
            events.push_back(toEvent(HistoryEvent::Kind::Vanished, *a[i].second));
            ++i;
        } else if (i == a.size() || b[j].first < a[i].first) {
            events.push_back(toEvent(HistoryEvent::Kind::Appeared, *b[j].second));
            ++j;
        } else {
            // A freed inode goes to the next new namespace: different ids, two namespaces.
            const auto& x = *a[i].second;
            const auto& y = *b[j].second;
            if (nsx::backend::differentNamespaces(x, y)) {
                events.push_back(toEvent(HistoryEvent::Kind::Vanished, x));
                events.push_back(toEvent(HistoryEvent::Kind::Appeared, y));
            }
            ++i;
            ++j;
        }
    }
    return events;
}

void History::extend(qint64 timeMs)
{
    if (isEmpty() || timeMs <= latest().timeMs)
        return;
    HistorySample s = latest();
    s.timeMs = timeMs;
    pushSample(s);
    emit sampleAdded(s);
}

void History::pushSample(const HistorySample& s)
{
    if (m_count < static_cast<std::size_t>(m_capacity)) {
        // Not yet full: the ring is a plain vector with m_start == 0.
        m_ring.push_back(s);
        ++m_count;
    } else {
        m_ring[m_start] = s;
        m_start = (m_start + 1) % m_ring.size();
    }
}

void History::append(SnapshotPtr snapshot)
{
    if (!snapshot)
        return;
    qint64 t = snapshotTimeMs(*snapshot);
    if (t < 0)
        t = QDateTime::currentMSecsSinceEpoch();
    if (!isEmpty() && t < latest().timeMs)
        t = latest().timeMs;

    const HistorySample s = makeSample(*snapshot, t);
    pushSample(s);

    std::vector<HistoryEvent> fresh;
    if (m_previous)
        fresh = makeEvents(*m_previous, *snapshot, t);
    m_previous = std::move(snapshot);
    m_events.insert(m_events.end(), fresh.begin(), fresh.end());
    trimEvents();

    emit sampleAdded(s);
    if (!fresh.empty())
        emit eventsAdded(QList<HistoryEvent>(fresh.begin(), fresh.end()));
}

void History::trimEvents()
{
    // Events older than the oldest sample can no longer be drawn; beyond m_maxEvents the
    // oldest go first (a fork bomb of namespaces must not grow memory without bound).
    std::size_t drop = 0;
    if (!isEmpty()) {
        const qint64 oldest = sample(0).timeMs;
        while (drop < m_events.size() && m_events[drop].timeMs < oldest)
            ++drop;
    }
    if (m_events.size() - drop > static_cast<std::size_t>(m_maxEvents))
        drop = m_events.size() - static_cast<std::size_t>(m_maxEvents);
    if (drop > 0)
        m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(drop));
}

void History::clear()
{
    m_ring.clear();
    m_start = 0;
    m_count = 0;
    m_events.clear();
    m_previous.reset();
    emit cleared();
}

} // namespace nsx::model
