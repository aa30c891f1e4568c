#include "charts_panel.h"

#include "chart_colors.h"
#include "export_dialog.h"
#include "tree_model.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGraphicsLayout>
#include <QGraphicsTextItem>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QKeyEvent>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QXYSeries>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <tuple>

namespace nsx::gui {

using nsx::backend::index;
using nsx::backend::kAllNsTypes;
using nsx::backend::kNsTypeCount;
using nsx::backend::NsType;
using nsx::model::History;
using nsx::model::HistoryEvent;
using nsx::model::HistorySample;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr std::array<qint64, 3> kWindows = {kMinute, 10 * kMinute, 60 * kMinute};

QString typeName(NsType type)
{
    const auto name = nsx::backend::toString(type);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString namespaceLabel(const nsx::backend::Namespace& ns)
{
    // The kernel's own spelling (as in /proc/PID/ns links), then who launched it when known.
    QString label = QStringLiteral("%1:[%2]").arg(typeName(ns.type)).arg(ns.inode);
    if (ns.launcher && !ns.launcher->comm.empty())
        label += QStringLiteral(" %1").arg(
            model::printable(ns.launcher->comm).left(24));
    return label;
}

int metricValue(const HistorySample& s, std::size_t type, ChartsPanel::HistoryMetric metric)
{
    return metric == ChartsPanel::HistoryMetric::Namespaces ? s.namespaces[type]
                                                            : s.isolatedProcesses[type];
}

void setNiceRange(QValueAxis* axis, qreal max)
{
    axis->setRange(0, std::max<qreal>(4, max * 1.05));
    axis->applyNiceNumbers();
    axis->setLabelFormat(QStringLiteral("%d"));
}

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent)
{
    qRegisterMetaType<nsx::gui::NamespaceKey>();
    qRegisterMetaType<nsx::backend::NsType>();

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildTypesTab(), tr("By &type"));
    m_tabs->addTab(buildTopTab(), tr("&Largest namespaces"));
    m_tabs->addTab(buildHistoryTab(), tr("H&istory"));

    m_exportPng = new QPushButton(tr("Export as &PNG…"), this);
    m_exportSvg = new QPushButton(tr("Export as S&VG…"), this);
    m_exportPng->setToolTip(tr("Save the chart shown above as a PNG image"));
    m_exportSvg->setToolTip(tr("Save the chart shown above as an SVG drawing"));
    connect(m_exportPng, &QPushButton::clicked, this,
            [this] { exportInteractive(currentChart(), false); });
    connect(m_exportSvg, &QPushButton::clicked, this,
            [this] { exportInteractive(currentChart(), true); });

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_exportPng);
    buttons->addWidget(m_exportSvg);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        flush(currentChart());
        if (currentChart() == Chart::TopNamespaces)
            m_topRelayout->start();
    });
    // After a resize the plot area settles in the chart's next layout pass: re-fit the number
    // of bars shortly after, once per burst of resizes.
    m_topRelayout = new QTimer(this);
    m_topRelayout->setSingleShot(true);
    m_topRelayout->setInterval(30);
    connect(m_topRelayout, &QTimer::timeout, this, [this] {
        if (topCapacity() != m_topCapacityUsed)
            updateTop();
    });

    applyTheme();
    updateTypes();
    updateTop();
    updateHistory();
}

ChartsPanel::~ChartsPanel() = default;

QSize ChartsPanel::sizeHint() const
{
    // Modest by default: as a dock under the tree it should not take the window's height.
    return QSize(640, 300);
}

QChartView* ChartsPanel::makeView(QChart* chart)
{
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(240, 150);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setFocusPolicy(Qt::StrongFocus);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    return view;
}

QWidget* ChartsPanel::buildTypesTab()
{
    m_typesChart = new QChart;
    m_typesChart->setTitle(tr("Namespaces per type"));
    m_typesSeries = new QStackedBarSeries(m_typesChart);
    QStringList categories;
    for (NsType type : kAllNsTypes) {
        categories << typeName(type);
        auto* set = new QBarSet(typeName(type));
        set->append(QList<qreal>(kNsTypeCount, 0.0));
        m_typesSets[index(type)] = set;
        m_typesSeries->append(set);
    }
    // Counts go into the category labels rather than onto the bars: a bar of 1 next to one of
    // 300 is too thin for a label drawn on it.
    m_typesSeries->setBarWidth(0.7);
    m_typesChart->addSeries(m_typesSeries);
    m_typesCategories = new QBarCategoryAxis(m_typesChart);
    m_typesCategories->append(categories);
    m_typesChart->addAxis(m_typesCategories, Qt::AlignBottom);
    m_typesSeries->attachAxis(m_typesCategories);
    m_typesY = new QValueAxis(m_typesChart);
    m_typesY->setTitleText(tr("namespaces"));
    m_typesChart->addAxis(m_typesY, Qt::AlignLeft);
    m_typesSeries->attachAxis(m_typesY);
    m_typesChart->legend()->hide();

    auto* view = makeView(m_typesChart);
    view->setAccessibleName(tr("Namespaces per type"));
    m_views[int(Chart::Types)] = view;
    connect(view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) { showContextMenu(Chart::Types, pos); });
    return view;
}

QWidget* ChartsPanel::buildTopTab()
{
    auto* page = new QWidget;
    m_topN = new QSpinBox(page);
    m_topN->setRange(1, 100);
    m_topN->setValue(15);
    m_topType = new QComboBox(page);
    m_topType->addItem(tr("all types"), -1);
    for (NsType type : kAllNsTypes)
        m_topType->addItem(typeName(type), int(index(type)));
    auto* nLabel = new QLabel(tr("Sho&w the"), page);
    nLabel->setBuddy(m_topN);
    auto* typeLabel = new QLabel(tr("largest namespaces of t&ype"), page);
    typeLabel->setBuddy(m_topType);
    auto* controls = new QHBoxLayout;
    controls->addWidget(nLabel);
    controls->addWidget(m_topN);
    controls->addWidget(typeLabel);
    controls->addWidget(m_topType);
    m_topSkipHost = new QCheckBox(tr("Leave out the host's namespace&s"), page);
    m_topSkipHost->setToolTip(
        tr("Hide the namespaces PID 1 is in, so containers and sandboxes stand out"));
    controls->addSpacing(12);
    controls->addWidget(m_topSkipHost);
    controls->addStretch(1);

    m_topChart = new QChart;
    m_topChart->setTitle(tr("Processes per namespace"));
    m_topSeries = new QHorizontalStackedBarSeries(m_topChart);
    for (NsType type : kAllNsTypes) {
        auto* set = new QBarSet(typeName(type));
        m_topSets[index(type)] = set;
        m_topSeries->append(set);
        connect(set, &QBarSet::clicked, this, &ChartsPanel::activateTopBar);
        connect(set, &QBarSet::hovered, this, [this](bool on, int i) {
            if (!on || i < 0 || i >= m_topKeys.size() || !m_snapshot) {
                QToolTip::hideText();
                return;
            }
            const auto& key = m_topKeys[i];
            const auto* ns = m_snapshot->findNamespace(key.type, key.inode);
            const int n = ns ? int(ns->processes.size()) : 0;
            QToolTip::showText(QCursor::pos(),
                               tr("%1:[%2] — %3 processes\nClick to select it in the tree")
                                   .arg(typeName(key.type))
                                   .arg(key.inode)
                                   .arg(n));
        });
    }
    m_topSeries->setBarWidth(0.75);
    m_topChart->addSeries(m_topSeries);
    m_topCategories = new QBarCategoryAxis(m_topChart);
    m_topChart->addAxis(m_topCategories, Qt::AlignLeft);
    m_topSeries->attachAxis(m_topCategories);
    m_topX = new QValueAxis(m_topChart);
    m_topChart->addAxis(m_topX, Qt::AlignBottom);
    m_topSeries->attachAxis(m_topX);
    // No legend: every bar's label already names its type, and in a dock the height is
    // better spent on the bars.
    m_topChart->legend()->hide();

    auto* view = makeView(m_topChart);
    view->setAccessibleName(tr("Processes per namespace"));
    view->setAccessibleDescription(
        tr("Up and Down move between bars; Enter selects the namespace in the tree"));
    view->installEventFilter(this);
    m_views[int(Chart::TopNamespaces)] = view;
    connect(view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) { showContextMenu(Chart::TopNamespaces, pos); });

    connect(m_topN, &QSpinBox::valueChanged, this, &ChartsPanel::updateTop);
    connect(m_topType, &QComboBox::currentIndexChanged, this, &ChartsPanel::updateTop);
    connect(m_topSkipHost, &QCheckBox::toggled, this, &ChartsPanel::updateTop);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(controls);
    layout->addWidget(view, 1);
    return page;
}

QWidget* ChartsPanel::buildHistoryTab()
{
    auto* page = new QWidget;
    m_window = new QComboBox(page);
    m_window->addItem(tr("1 minute"), kWindows[0]);
    m_window->addItem(tr("10 minutes"), kWindows[1]);
    m_window->addItem(tr("1 hour"), kWindows[2]);
    m_window->setCurrentIndex(0); // a new session has only seconds of history to show
    m_metric = new QComboBox(page);
    m_metric->addItem(tr("Namespaces per type"), int(HistoryMetric::Namespaces));
    m_metric->addItem(tr("Processes outside the host's namespaces"),
                      int(HistoryMetric::IsolatedProcesses));
    auto* windowLabel = new QLabel(tr("&Window:"), page);
    windowLabel->setBuddy(m_window);
    auto* metricLabel = new QLabel(tr("&Count:"), page);
    metricLabel->setBuddy(m_metric);
    auto* controls = new QHBoxLayout;
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addSpacing(12);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metric);
    controls->addStretch(1);

    m_historyChart = new QChart;
    m_historyChart->setTitle(tr("Over this session"));
    m_historyX = new QDateTimeAxis(m_historyChart);
    m_historyX->setFormat(QStringLiteral("HH:mm:ss"));
    m_historyX->setTickCount(6);
    m_historyY = new QValueAxis(m_historyChart);
    m_historyChart->addAxis(m_historyX, Qt::AlignBottom);
    m_historyChart->addAxis(m_historyY, Qt::AlignLeft);
    for (NsType type : kAllNsTypes) {
        auto* line = new QLineSeries(m_historyChart);
        line->setName(typeName(type));
        m_historyLines[index(type)] = line;
        m_historyChart->addSeries(line);
        line->attachAxis(m_historyX);
        line->attachAxis(m_historyY);
    }
    m_launches = new QScatterSeries(m_historyChart);
    m_launches->setName(tr("launches"));
    m_launches->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_launches->setMarkerSize(11);
    m_exits = new QScatterSeries(m_historyChart);
    m_exits->setName(tr("exits"));
    m_exits->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle);
    m_exits->setMarkerSize(10);
    for (QScatterSeries* s : {m_launches, m_exits}) {
        m_historyChart->addSeries(s);
        s->attachAxis(m_historyX);
        s->attachAxis(m_historyY);
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
    m_historyChart->legend()->setAlignment(Qt::AlignBottom);
    // Lines of equal counts lie on top of each other: clicking a legend entry hides or shows
    // its series so the one underneath can be seen.
    for (QLegendMarker* marker : m_historyChart->legend()->markers()) {
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            QAbstractSeries* series = marker->series();
            series->setVisible(!series->isVisible());
            marker->setVisible(true); // hiding a series hides its marker: keep it to click again
            applyLegendDimming();
        });
    }

    auto* view = makeView(m_historyChart);
    view->setAccessibleName(tr("History over this session"));
    m_views[int(Chart::History)] = view;
    connect(view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) { showContextMenu(Chart::History, pos); });
    connect(m_window, &QComboBox::currentIndexChanged, this, &ChartsPanel::updateHistory);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &ChartsPanel::updateHistory);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(controls);
    layout->addWidget(view, 1);
    return page;
}

QChartView* ChartsPanel::chartView(Chart which) const
{
    flush(which);
    return m_views[int(which)];
}

void ChartsPanel::flush(Chart which) const
{
    // Logically const: the charts are a cache of the snapshot and the history, filled when
    // someone looks (see setSnapshot).
    auto* self = const_cast<ChartsPanel*>(this);
    if (which == Chart::Types && m_typesDirty)
        self->updateTypes();
    else if (which == Chart::TopNamespaces && m_topDirty)
        self->updateTop();
    else if (which == Chart::History && m_historyDirty)
        self->updateHistory();
}

QChart* ChartsPanel::chart(Chart which) const
{
    return chartView(which)->chart();
}

ChartsPanel::Chart ChartsPanel::currentChart() const
{
    return static_cast<Chart>(m_tabs->currentIndex());
}

void ChartsPanel::setCurrentChart(Chart which)
{
    m_tabs->setCurrentIndex(int(which));
}

int ChartsPanel::topN() const
{
    return m_topN->value();
}

void ChartsPanel::setTopN(int n)
{
    m_topN->setValue(n);
}

bool ChartsPanel::skipsHostNamespaces() const
{
    return m_topSkipHost->isChecked();
}

void ChartsPanel::setSkipHostNamespaces(bool skip)
{
    m_topSkipHost->setChecked(skip);
}

qint64 ChartsPanel::historyWindowMs() const
{
    return m_window->currentData().toLongLong();
}

void ChartsPanel::setHistoryWindowMs(qint64 ms)
{
    const int i = m_window->findData(ms);
    if (i >= 0)
        m_window->setCurrentIndex(i);
}

ChartsPanel::HistoryMetric ChartsPanel::historyMetric() const
{
    return static_cast<HistoryMetric>(m_metric->currentData().toInt());
}

void ChartsPanel::setHistoryMetric(HistoryMetric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
}

QList<NamespaceKey> ChartsPanel::topNamespaceKeys() const
{
    flush(Chart::TopNamespaces);
    return m_topKeys;
}

int ChartsPanel::launchMarkerCount() const
{
    return int(m_launches->count());
}

int ChartsPanel::exitMarkerCount() const
{
    return int(m_exits->count());
}

void ChartsPanel::setSnapshot(nsx::model::SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    // Only the chart on screen follows each poll (a bar chart relayout costs about as much as
    // the tree's whole update); the others catch up when shown or asked for (flush).
    m_typesDirty = true;
    m_topDirty = true;
    if (isVisible())
        flush(currentChart());
}

void ChartsPanel::setHistory(History* history)
{
    for (const auto& c : m_historyConnections)
        disconnect(c);
    m_historyConnections.clear();
    m_history = history;
    if (history) {
        m_historyConnections << connect(history, &History::sampleAdded, this,
                                        &ChartsPanel::scheduleHistoryUpdate)
                             << connect(history, &History::cleared, this,
                                        &ChartsPanel::scheduleHistoryUpdate);
    }
    updateHistory();
}

void ChartsPanel::scheduleHistoryUpdate()
{
    // A hidden panel (or another tab) does not redraw 8 series every second; it catches up
    // when shown.
    if (isVisible() && currentChart() == Chart::History)
        updateHistory();
    else
        m_historyDirty = true;
}

void ChartsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    flush(currentChart());
}

void ChartsPanel::updateTypes()
{
    m_typesDirty = false;
    std::array<int, kNsTypeCount> counts{};
    if (m_snapshot) {
        for (const auto& ns : m_snapshot->namespaces)
            ++counts[index(ns.type)];
    }
    // A poll that changed no count changes nothing here: re-setting the same values would
    // still make Qt Charts lay out and repaint the whole chart.
    const std::optional<std::size_t> total =
        m_snapshot ? std::optional(m_snapshot->namespaces.size()) : std::nullopt;
    if (m_typesShown && m_typesShown->first == counts && m_typesShown->second == total)
        return;
    m_typesShown = {counts, total};
    int max = 0;
    QStringList categories;
    for (std::size_t t = 0; t < kNsTypeCount; ++t) {
        // Only the type's own category carries a value, so each bar has its type's colour.
        for (std::size_t c = 0; c < kNsTypeCount; ++c)
            m_typesSets[t]->replace(int(c), c == t ? counts[t] : 0);
        max = std::max(max, counts[t]);
        categories << QStringLiteral("%1 (%2)").arg(typeName(kAllNsTypes[t])).arg(counts[t]);
    }
    m_typesCategories->setCategories(categories);
    // Screen readers get the numbers the bars show.
    chartView(Chart::Types)->setAccessibleDescription(categories.join(QStringLiteral(", ")));
    setNiceRange(m_typesY, max);
    m_typesChart->setTitle(
        m_snapshot ? tr("Namespaces per type (%1 in all)").arg(m_snapshot->namespaces.size())
                   : tr("Namespaces per type (no snapshot yet)"));
}

void ChartsPanel::updateTop()
{
    m_topDirty = false;
    std::vector<const nsx::backend::Namespace*> chosen;
    const int typeFilter = m_topType->currentData().toInt();
    // The host's namespaces: backend::initialNamespaces, as everywhere (PID 1 may be unreadable).
    const nsx::backend::NsInodes host =
        m_snapshot ? nsx::backend::initialNamespaces(*m_snapshot) : nsx::backend::NsInodes{};
    const bool skipHost = m_topSkipHost->isChecked();
    if (m_snapshot) {
        for (const auto& ns : m_snapshot->namespaces) {
            if (ns.processes.empty())
                continue;
            if (skipHost && host[index(ns.type)] == ns.inode)
                continue;
            if (typeFilter >= 0 && int(index(ns.type)) != typeFilter)
                continue;
            chosen.push_back(&ns);
        }
    }
    // Largest first; ties in the snapshot's (type, inode) order so the chart does not shuffle.
    std::stable_sort(chosen.begin(), chosen.end(), [](const auto* a, const auto* b) {
        return a->processes.size() > b->processes.size();
    });
    // Qt Charts replaces a category label by "..." when its band is shorter than the label
    // (plus padding): show no more bars than the chart's height can label.
    const std::size_t available = chosen.size();
    m_topCapacityUsed = topCapacity();
    const std::size_t limit = std::size_t(std::min(topN(), m_topCapacityUsed));
    if (chosen.size() > limit)
        chosen.resize(limit);
    // Horizontal bar charts draw category 0 at the bottom: reverse so the largest is on top.
    std::reverse(chosen.begin(), chosen.end());

    // Keep the keyboard highlight on the same namespace across polls.
    const std::optional<NamespaceKey> highlighted =
        m_topCurrent >= 0 && m_topCurrent < m_topKeys.size()
            ? std::optional(m_topKeys[m_topCurrent])
            : std::nullopt;
    QList<NamespaceKey> keys;
    QStringList categories;
    std::array<QList<qreal>, kNsTypeCount> values;
    int max = 0;
    for (const auto* ns : chosen) {
        keys.append({ns->type, ns->inode});
        const int n = int(ns->processes.size());
        categories << QStringLiteral("%1 (%2)").arg(namespaceLabel(*ns)).arg(n);
        max = std::max(max, n);
        for (std::size_t t = 0; t < kNsTypeCount; ++t)
            values[t].append(t == index(ns->type) ? n : 0);
    }
    // The same bars with the same labels (counts are in the labels) and the same title: the
    // chart would only be laid out and repainted for nothing.
    const std::size_t shownOf = std::min(available, std::size_t(topN()));
    if (keys == m_topKeys && categories == m_topCategoriesShown && shownOf == m_topAvailableShown &&
        !keys.isEmpty())
        return;
    m_topKeys = keys;
    m_topCategoriesShown = categories;
    m_topAvailableShown = shownOf;
    for (std::size_t t = 0; t < kNsTypeCount; ++t) {
        QBarSet* set = m_topSets[t];
        set->deselectAllBars();
        if (set->count() > 0)
            set->remove(0, set->count());
        set->append(values[t]);
    }
    highlightTopBar(highlighted ? int(m_topKeys.indexOf(*highlighted)) : -1);
    m_topCategories->clear();
    m_topCategories->append(categories);
    setNiceRange(m_topX, max);
    if (chosen.empty())
        m_topChart->setTitle(tr("Processes per namespace (no data)"));
    else if (chosen.size() < std::min(available, std::size_t(topN())))
        m_topChart->setTitle(tr("Processes per namespace (largest %1; a taller panel shows %2)")
                                 .arg(chosen.size())
                                 .arg(std::min(available, std::size_t(topN()))));
    else
        m_topChart->setTitle(tr("Processes per namespace (largest %1)").arg(chosen.size()));
}

void ChartsPanel::activateTopBar(int i)
{
    flush(Chart::TopNamespaces);
    if (i < 0 || i >= m_topKeys.size())
        return;
    emit namespaceActivated(m_topKeys[i].type, m_topKeys[i].inode);
}

void ChartsPanel::updateHistory()
{
    m_historyDirty = false;
    const HistoryMetric metric = historyMetric();
    const qint64 window = historyWindowMs();
    m_historyChart->setTitle(metric == HistoryMetric::Namespaces
                                 ? tr("Namespaces per type over this session")
                                 : tr("Processes outside the host's namespaces, per type"));
    m_historyX->setFormat(window > 10 * kMinute ? QStringLiteral("HH:mm")
                                                : QStringLiteral("HH:mm:ss"));
    // 10 s, 2 min and 10 min between ticks.
    m_historyX->setTickCount(window <= kMinute ? 7 : window <= 10 * kMinute ? 6 : 7);

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
        m_historyLines[t]->replace(points);
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
    m_historyX->setRange(QDateTime::fromMSecsSinceEpoch(end - window),
                         QDateTime::fromMSecsSinceEpoch(end));
    setNiceRange(m_historyY, max);
}

void ChartsPanel::applyTheme()
{
    if (m_applyingTheme)
        return;
    m_applyingTheme = true;
    const QPalette pal = palette();
    const bool dark = isDarkPalette(pal);
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = blend(base, text, 0.15);
    const QColor axisLine = blend(base, text, 0.45);

    for (QChartView* view : m_views) {
        QChart* c = view->chart();
        // The built-in theme sets sensible fonts and defaults; the palette then overrides every
        // colour so that custom palettes (not only "light" or "dark") are followed too.
        c->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        c->setBackgroundBrush(base);
        c->setBackgroundPen(Qt::NoPen);
        c->setTitleBrush(text);
        c->legend()->setLabelColor(text);
        c->legend()->setBrush(Qt::NoBrush);
        for (QAbstractAxis* axis : c->axes()) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setLinePenColor(axisLine);
            axis->setGridLineColor(grid);
            axis->setMinorGridLineColor(grid);
            axis->setShadesVisible(false);
        }
        view->setBackgroundBrush(base);
    }
    // A slightly smaller font for the namespace names lets more bars fit a short dock.
    // (From the first font seen, so that repeated palette changes do not shrink it further.)
    if (m_topCategoryPointSize <= 0)
        m_topCategoryPointSize = m_topCategories->labelsFont().pointSizeF() * 0.9;
    QFont categoryFont = m_topCategories->labelsFont();
    categoryFont.setPointSizeF(m_topCategoryPointSize);
    m_topCategories->setLabelsFont(categoryFont);
    for (NsType type : kAllNsTypes) {
        const QColor color = typeColor(type, pal);
        for (QBarSet* set : {m_typesSets[index(type)], m_topSets[index(type)]}) {
            set->setColor(color);
            set->setBorderColor(color);
            // Bar labels sit on the bar: the palette's base contrasts with typeColor on both
            // themes (typeColor is deep on light themes and light on dark ones).
            set->setLabelColor(base);
            set->setSelectedColor(pal.color(QPalette::Highlight));
        }
        QPen pen(color);
        pen.setWidthF(2.0);
        m_historyLines[index(type)]->setPen(pen);
    }
    // Markers: a clear green and red (lighter on dark themes), outlined in the text colour so
    // they stand out from the lines they sit on.
    const qreal markerLightness = dark ? 0.62 : 0.42;
    m_launches->setColor(QColor::fromHslF(120 / 360.0, 0.75, markerLightness));
    m_launches->setBorderColor(text);
    m_exits->setColor(QColor::fromHslF(0, 0.8, markerLightness + 0.05));
    m_exits->setBorderColor(text);
    applyLegendDimming();
    m_applyingTheme = false;
}

void ChartsPanel::applyLegendDimming()
{
    // A hidden series keeps its legend entry, drawn faded.
    const QColor text = palette().color(QPalette::Text);
    for (QLegendMarker* marker : m_historyChart->legend()->markers()) {
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

void ChartsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

QString ChartsPanel::exportPng(Chart which, const QString& path) const
{
    return exportWidgetPng(chartView(which), path);
}

QString ChartsPanel::exportSvg(Chart which, const QString& path) const
{
    return exportWidgetSvg(chartView(which), path, chart(which)->title());
}

void ChartsPanel::exportInteractive(Chart which, bool svg)
{
    static constexpr std::array<const char*, 3> kNames = {"namespaces-per-type",
                                                          "largest-namespaces", "history"};
    const QString ext = svg ? QStringLiteral("svg") : QStringLiteral("png");
    const QString suggested = QDir::home().filePath(
        QStringLiteral("nsexplorer-%1.%2").arg(QLatin1String(kNames[int(which)]), ext));
    const QString filter = svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), suggested, filter);
    if (path.isEmpty())
        return;
    const QString error = svg ? exportSvg(which, path) : exportPng(which, path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export chart"), error);
}

void ChartsPanel::showContextMenu(Chart which, const QPoint& pos)
{
    QMenu menu(this);
    menu.addAction(tr("Export as &PNG…"), this, [this, which] { exportInteractive(which, false); });
    menu.addAction(tr("Export as S&VG…"), this, [this, which] { exportInteractive(which, true); });
    menu.exec(chartView(which)->mapToGlobal(pos));
}

int ChartsPanel::topCapacity() const
{
    const QChartView* view = chartView(Chart::TopNamespaces);
    const qreal plot = m_topChart->plotArea().height();
    if (!view->isVisible() || plot <= 0)
        return std::numeric_limits<int>::max(); // not laid out: no limit (e.g. before showing)
    // Measured the way Qt Charts measures its labels (a text item, with its document margin),
    // plus the axis' label padding above and below (5 px each in Qt 6.4) and a pixel of slack.
    QGraphicsTextItem probe;
    probe.setFont(m_topCategories->labelsFont());
    probe.setPlainText(QStringLiteral("Xg"));
    const qreal band = probe.boundingRect().height() + 2 * 5 + 1;
    return std::max(1, int(plot / band));
}

bool ChartsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == chartView(Chart::TopNamespaces) &&
        (event->type() == QEvent::Resize || event->type() == QEvent::Show) && m_topRelayout)
        m_topRelayout->start();
    // Keyboard access to the top-N bars: Up/Down move a highlighted bar, Enter activates it.
    // Claim the keys before window shortcuts see them (the main window pauses on Space).
    if (watched == chartView(Chart::TopNamespaces) && event->type() == QEvent::ShortcutOverride &&
        !m_topKeys.isEmpty()) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_Return ||
            key == Qt::Key_Enter || key == Qt::Key_Space) {
            event->accept();
            return true;
        }
    }
    if (watched == chartView(Chart::TopNamespaces) && event->type() == QEvent::KeyPress &&
        !m_topKeys.isEmpty()) {
        auto* key = static_cast<QKeyEvent*>(event);
        int current = m_topCurrent;
        switch (key->key()) {
        case Qt::Key_Up:
            current = current < 0 ? int(m_topKeys.size()) - 1
                                  : std::min(int(m_topKeys.size()) - 1, current + 1);
            break;
        case Qt::Key_Down:
            current = current < 0 ? int(m_topKeys.size()) - 1 : std::max(0, current - 1);
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            activateTopBar(m_topCurrent);
            return true;
        default:
            return QWidget::eventFilter(watched, event);
        }
        highlightTopBar(current);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ChartsPanel::highlightTopBar(int i)
{
    m_topCurrent = (i >= 0 && i < m_topKeys.size()) ? i : -1;
    for (QBarSet* set : m_topSets) {
        set->deselectAllBars();
        if (m_topCurrent >= 0)
            set->selectBar(m_topCurrent);
    }
}

} // namespace nsx::gui
