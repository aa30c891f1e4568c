// Charts over the current snapshot and the session's history (Qt Charts):
//   - namespaces per type (bars, one colour per type),
//   - processes per namespace, top N (horizontal bars; a click emits namespaceActivated so the
//     main window can select that namespace in the tree),
//   - history: namespace counts, or counts of processes outside the host's namespaces, per
//     type over the last 1 min / 10 min / 1 h, with namespaces that appeared (launches) and
//     vanished (exits) marked on the lines.
// Colours come from typeColor() and the palette, re-applied on every palette change; each chart
// exports as PNG or SVG through the buttons or the chart's context menu.
#pragma once

#include "history.h"
#include "snapshot_ptr.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <array>
#include <optional>
#include <utility>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDateTimeAxis;
class QHorizontalStackedBarSeries;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QStackedBarSeries;
class QTabWidget;
class QTimer;
class QValueAxis;

namespace nsx::gui {

struct NamespaceKey
{
    nsx::backend::NsType type = nsx::backend::NsType::Net;
    quint64 inode = 0;
    friend bool operator==(const NamespaceKey&, const NamespaceKey&) = default;
};

class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Chart
    {
        Types = 0,
        TopNamespaces = 1,
        History = 2
    };
    enum class HistoryMetric
    {
        Namespaces = 0,
        IsolatedProcesses = 1
    };

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;
    QSize sizeHint() const override;

    QChartView* chartView(Chart which) const;
    QChart* chart(Chart which) const;
    Chart currentChart() const;
    void setCurrentChart(Chart which);

    int topN() const;
    void setTopN(int n);
    // Leave the host's namespaces (backend::initialNamespaces) out of the top-N chart.
    bool skipsHostNamespaces() const;
    void setSkipHostNamespaces(bool skip);
    // 60'000, 600'000 or 3'600'000 ms: the history window's choices.
    qint64 historyWindowMs() const;
    void setHistoryWindowMs(qint64 ms);
    HistoryMetric historyMetric() const;
    void setHistoryMetric(HistoryMetric metric);

    // The namespaces behind the top-N bars, indexed like the bar categories (index 0 is the
    // bottom bar, the last one the largest at the top).
    QList<NamespaceKey> topNamespaceKeys() const;
    // The current value of each type's series in the history chart at its newest point, and
    // the number of launch / exit markers drawn (for tests and the accessible description).
    int launchMarkerCount() const;
    int exitMarkerCount() const;

    // Writes the chart as it is displayed; empty string on success, else a one-line error.
    QString exportPng(Chart which, const QString& path) const;
    QString exportSvg(Chart which, const QString& path) const;

public slots:
    void setSnapshot(nsx::model::SnapshotPtr snapshot);
    // Not owned; may be null. The panel follows its sampleAdded/eventsAdded/cleared signals.
    void setHistory(nsx::model::History* history);
    // What a click on top-N bar `index` does (public so keyboard actions can reuse it).
    void activateTopBar(int index);

signals:
    void namespaceActivated(nsx::backend::NsType type, quint64 inode);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildTypesTab();
    QWidget* buildTopTab();
    QWidget* buildHistoryTab();
    QChartView* makeView(QChart* chart);
    void applyTheme();
    // Brings one chart up to date if a poll left it behind (it was not on screen).
    void flush(Chart which) const;
    void updateTypes();
    void updateTop();
    void updateHistory();
    void scheduleHistoryUpdate();
    void exportInteractive(Chart which, bool svg);
    void showContextMenu(Chart which, const QPoint& pos);
    void highlightTopBar(int index);
    void applyLegendDimming();
    // How many bars the top chart can label at its current height.
    int topCapacity() const;

    nsx::model::SnapshotPtr m_snapshot;
    QPointer<nsx::model::History> m_history;
    QList<QMetaObject::Connection> m_historyConnections;
    bool m_historyDirty = true;
    bool m_typesDirty = true;
    bool m_topDirty = true;

    QTabWidget* m_tabs = nullptr;
    std::array<QChartView*, 3> m_views{};

    // Namespaces per type: one stacked set per type so that each bar takes its type's colour.
    QChart* m_typesChart = nullptr;
    QStackedBarSeries* m_typesSeries = nullptr;
    std::array<QBarSet*, nsx::backend::kNsTypeCount> m_typesSets{};
    QBarCategoryAxis* m_typesCategories = nullptr;
    QValueAxis* m_typesY = nullptr;

    // Top namespaces.
    QChart* m_topChart = nullptr;
    QHorizontalStackedBarSeries* m_topSeries = nullptr;
    std::array<QBarSet*, nsx::backend::kNsTypeCount> m_topSets{};
    QBarCategoryAxis* m_topCategories = nullptr;
    QValueAxis* m_topX = nullptr;
    QSpinBox* m_topN = nullptr;
    QComboBox* m_topType = nullptr;
    QCheckBox* m_topSkipHost = nullptr;
    QList<NamespaceKey> m_topKeys;
    // What the bar charts show now, to skip polls that change nothing in them.
    QStringList m_topCategoriesShown;
    std::size_t m_topAvailableShown = 0;
    std::optional<
        std::pair<std::array<int, nsx::backend::kNsTypeCount>, std::optional<std::size_t>>>
        m_typesShown;
    int m_topCurrent = -1; // bar highlighted by the keyboard, -1 for none
    int m_topCapacityUsed = 0;
    qreal m_topCategoryPointSize = 0;
    QTimer* m_topRelayout = nullptr;

    // History.
    QChart* m_historyChart = nullptr;
    std::array<QLineSeries*, nsx::backend::kNsTypeCount> m_historyLines{};
    QScatterSeries* m_launches = nullptr;
    QScatterSeries* m_exits = nullptr;
    QDateTimeAxis* m_historyX = nullptr;
    QValueAxis* m_historyY = nullptr;
    QComboBox* m_window = nullptr;
    QComboBox* m_metric = nullptr;
    // Tooltip text per marker, parallel to the scatter series' points.
    QStringList m_launchTexts, m_exitTexts;

    QPushButton* m_exportPng = nullptr;
    QPushButton* m_exportSvg = nullptr;
    bool m_applyingTheme = false;
};

} // namespace nsx::gui

Q_DECLARE_METATYPE(nsx::gui::NamespaceKey)
