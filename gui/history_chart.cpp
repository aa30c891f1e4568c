#include "history_chart.h"

#include "chart_colors.h"
#include "chart_common.h"
#include "history.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QXYSeries>

#include <algorithm>
#include <map>
#include <tuple>

namespace nsx::gui {

using backend::index;
using backend::kAllNsTypes;
using backend::kNsTypeCount;
using backend::NsType;
using model::HistoryEvent;
using model::HistorySample;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr std::array<qint64, 3> kWindows = {kMinute, 10 * kMinute, 60 * kMinute};

int metricValue(const HistorySample& s, std::size_t type, HistoryChart::Metric metric)
{
    return metric == HistoryChart::Metric::Namespaces ? s.namespaces[type]
                                                      : s.isolatedProcesses[type];
}

} // namespace

HistoryChart::HistoryChart(QWidget* parent) : QWidget(parent)
{
    m_window = new QComboBox(this);
    m_window->addItem(tr("1 minute"), kWindows[0]);
    m_window->addItem(tr("10 minutes"), kWindows[1]);
    m_window->addItem(tr("1 hour"), kWindows[2]);
    m_window->setCurrentIndex(0); // a new session has only seconds of history to show
    m_metric = new QComboBox(this);
    m_metric->addItem(tr("Namespaces per type"), int(Metric::Namespaces));
    m_metric->addItem(tr("Processes outside the host's namespaces"),
                      int(Metric::IsolatedProcesses));
    auto* windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    auto* metricLabel = new QLabel(tr("&Count:"), this);
    metricLabel->setBuddy(m_metric);
    auto* controls = new QHBoxLayout;
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addSpacing(12);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metric);
    controls->addStretch(1);

    m_chart = new QChart;
    m_chart->setTitle(tr("Over this session"));
    m_x = new QDateTimeAxis(m_chart);
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(6);
    m_y = new QValueAxis(m_chart);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (NsType type : kAllNsTypes) {
        auto* line = new QLineSeries(m_chart);
        line->setName(typeName(type));
        m_lines[index(type)] = line;
        m_chart->addSeries(line);
        line->attachAxis(m_x);
        line->attachAxis(m_y);
    }
    m_launches = new QScatterSeries(m_chart);
    m_launches->setName(tr("launches"));
    m_launches->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_launches->setMarkerSize(11);
    m_exits = new QScatterSeries(m_chart);
    m_exits->setName(tr("exits"));
    m_exits->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    m_exits->setMarkerSize(10);
    for (QScatterSeries* s : {m_launches, m_exits}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        connect(s, &QScatterSeries::hovered, this, [this, s](const QPointF& point, bool on) {
            if (!on) {
                QToolTip::hideText();
                return;
            }
            const QStringList& texts = s == m_launches ? m_launchTexts : m_exitTexts;
            const auto points = s->points();
            for (int i = 0; i < points.size() && i < texts.size(); ++i) {
                if (points[i] == point) {
                    QToolTip::showText(QCursor::pos(), texts[i]);
                    return;
                }
            }
        });
    }
    // Below, in one row: ten entries stacked on the right would not fit a short dock.
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    // Lines of equal counts lie on top of each other: clicking a legend entry hides or shows
    // its series so the one underneath can be seen.
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            QAbstractSeries* series = marker->series();
            series->setVisible(!series->isVisible());
            marker->setVisible(true); // hiding a series hides its marker: keep it to click again
            applyLegendDimming(palette());
        });
    }

    m_view = makeChartView(m_chart);
    m_view->setAccessibleName(tr("History over this session"));
    connect(m_window, &QComboBox::currentIndexChanged, this, &HistoryChart::update);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &HistoryChart::update);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
}

qint64 HistoryChart::windowMs() const
{
    return m_window->currentData().toLongLong();
}

void HistoryChart::setWindowMs(qint64 ms)
{
    const int i = m_window->findData(ms);
    if (i >= 0)
        m_window->setCurrentIndex(i);
}

HistoryChart::Metric HistoryChart::metric() const
{
    return static_cast<Metric>(m_metric->currentData().toInt());
}

void HistoryChart::setMetric(Metric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
}

int HistoryChart::launchMarkerCount() const
{
    return int(m_launches->count());
}

int HistoryChart::exitMarkerCount() const
{
    return int(m_exits->count());
}

void HistoryChart::setHistory(model::History* history, const QString& subject)
{
    m_history = history;
    m_subject = subject;
    update();
}

void HistoryChart::flush()
{
    if (m_dirty)
        update();
}

void HistoryChart::update()
{
    m_dirty = false;
    const Metric metric = this->metric();
    const qint64 window = windowMs();
    if (!m_subject.isEmpty())
        m_chart->setTitle(metric == Metric::Namespaces
                              ? tr("Namespaces per type in %1 (when it was taken)").arg(m_subject)
                              : tr("Processes outside the host's namespaces in %1").arg(m_subject));
    else
        m_chart->setTitle(metric == Metric::Namespaces
                              ? tr("Namespaces per type over this session")
                              : tr("Processes outside the host's namespaces, per type"));
    m_x->setFormat(window > 10 * kMinute ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    // 10 s, 2 min and 10 min between ticks.
    m_x->setTickCount(window <= kMinute ? 7 : window <= 10 * kMinute ? 6 : 7);

    const QList<HistorySample> samples =
        m_history ? m_history->window(window) : QList<HistorySample>();
    int max = 0;
    for (std::size_t t = 0; t < kNsTypeCount; ++t) {
        QList<QPointF> points;
        points.reserve(samples.size());
        for (const HistorySample& s : samples) {
            const int v = metricValue(s, t, metric);
            max = std::max(max, v);
            points.append(QPointF(qreal(s.timeMs), v));
        }
        m_lines[t]->replace(points);
    }

    // One marker per (time slot, type, kind), sitting on that type's line; its tooltip lists
    // the namespaces behind it. Qt Charts draws every scatter point as its own graphics item,
    // so the slot is 1/120 of the window (0.5 s for a minute: one per poll; 30 s for an hour):
    // a busy hour cannot turn into thousands of markers. The tooltip keeps the first few
    // names and counts the rest.
    struct Group
    {
        qint64 lastTime = 0;
        int count = 0;
        QStringList texts;
    };
    static constexpr int kSlotsPerWindow = 120;
    static constexpr int kTextsPerMarker = 8;
    const qint64 slot = std::max<qint64>(1, window / kSlotsPerWindow);
    const QList<HistoryEvent> events =
        m_history ? m_history->eventsInWindow(window) : QList<HistoryEvent>();
    std::map<std::tuple<qint64, std::size_t, int>, Group> groups;
    for (const HistoryEvent& e : events) {
        Group& g = groups[{e.timeMs / slot, index(e.type), int(e.kind)}];
        g.lastTime = std::max(g.lastTime, e.timeMs);
        if (++g.count > kTextsPerMarker)
            continue;
        QString text = e.kind == HistoryEvent::Kind::Appeared ? tr("%1:[%2] appeared")
                                                              : tr("%1:[%2] vanished");
        text = text.arg(typeName(e.type)).arg(e.inode);
        if (!e.launcherComm.isEmpty() || !e.launcherKind.isEmpty())
            text += tr(" (launched by %1)")
                        .arg(e.launcherComm.isEmpty() ? e.launcherKind : e.launcherComm);
        g.texts.append(text);
    }
    QList<QPointF> launches, exits;
    m_launchTexts.clear();
    m_exitTexts.clear();
    for (const auto& [key, group] : groups) {
        const auto& [slotIndex, type, kind] = key;
        Q_UNUSED(slotIndex);
        // On the line at the newest event of the slot (events happen at sample times).
        auto it = std::lower_bound(samples.begin(), samples.end(), group.lastTime,
                                   [](const HistorySample& s, qint64 t) { return s.timeMs < t; });
        if (it == samples.end())
            continue;
        const QPointF point(qreal(group.lastTime), metricValue(*it, type, metric));
        QString text = group.texts.join(QLatin1Char('\n'));
        if (group.count > group.texts.size())
            text += QLatin1Char('\n') + tr("… and %1 more").arg(group.count - group.texts.size());
        if (kind == int(HistoryEvent::Kind::Appeared)) {
            launches.append(point);
            m_launchTexts.append(text);
        } else {
            exits.append(point);
            m_exitTexts.append(text);
        }
    }
    m_launches->replace(launches);
    m_exits->replace(exits);

    // The axis always spans the whole window ending at the newest sample, so the lines scroll
    // steadily instead of stretching while the session is young.
    const qint64 end =
        samples.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : samples.last().timeMs;
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(end - window),
                  QDateTime::fromMSecsSinceEpoch(end));
    setNiceRange(m_y, max);
}

void HistoryChart::applyPalette(const QPalette& pal)
{
    applyPaletteToChart(m_view, pal);
    for (NsType type : kAllNsTypes) {
        QPen pen(typeColor(type, pal));
        pen.setWidthF(2.0);
        m_lines[index(type)]->setPen(pen);
    }
    // Markers: greys no type uses (a filled triangle in the text colour for launches, a lighter
    // diamond for exits), outlined in the base colour so they stand out from the lines.
    const QColor base = pal.color(QPalette::Base);
    m_launches->setColor(eventColor(ChartEvent::Launch, pal));
    m_launches->setBorderColor(base);
    m_exits->setColor(eventColor(ChartEvent::Exit, pal));
    m_exits->setBorderColor(eventColor(ChartEvent::Launch, pal));
    applyLegendDimming(pal);
}

void HistoryChart::applyLegendDimming(const QPalette& pal)
{
    // A hidden series keeps its legend entry, drawn faded.
    const QColor text = pal.color(QPalette::Text);
    for (QLegendMarker* marker : m_chart->legend()->markers()) {
        const bool shown = marker->series()->isVisible();
        QColor label = text;
        label.setAlphaF(shown ? 1.0 : 0.4);
        marker->setLabelBrush(label);
        // From the series, not the marker: an explicit marker brush no longer follows the
        // series when the palette changes.
        if (auto* xy = qobject_cast<QXYSeries*>(marker->series())) {
            QColor c = xy->color();
            c.setAlphaF(shown ? 1.0 : 0.3);
            marker->setBrush(c);
        }
    }
}

} // namespace nsx::gui
