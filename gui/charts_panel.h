// Charts over the current snapshot and the session's history (Qt Charts), one tab each:
//   - TypesChart: namespaces per type (bars, one colour per type),
//   - TopNamespacesChart: processes per namespace, top N (a click emits namespaceActivated
//     so the main window can select that namespace in the tree),
//   - HistoryChart: counts per type over the last 1 min / 10 min / 1 h, launches and exits
//     marked on the lines.
// The panel feeds them (only the chart on screen follows each poll; the others catch up when
// shown or asked for), applies the palette on every palette change, and exports each chart as
// PNG or SVG through the buttons or the chart's context menu.
#pragma once

#include "history_chart.h"
#include "snapshot_ptr.h"
#include "top_namespaces_chart.h"

#include <QList>
#include <QWidget>

class QChart;
class QChartView;
class QPushButton;
class QTabWidget;

namespace nsx::model {
class History;
} // namespace nsx::model

namespace nsx::gui {

class TypesChart;

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
    using HistoryMetric = HistoryChart::Metric;

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;
    QSize sizeHint() const override;

    // Brought up to date first.
    QChartView* chartView(Chart which) const;
    QChart* chart(Chart which) const;
    Chart currentChart() const;
    void setCurrentChart(Chart which);

    int topN() const;
    void setTopN(int n);
    // Leave the host's namespaces (backend::initialNamespaces) out of the top-N chart.
    void setSkipHostNamespaces(bool skip);
    // 60'000, 600'000 or 3'600'000 ms: the history window's choices.
    qint64 historyWindowMs() const;
    void setHistoryWindowMs(qint64 ms);
    HistoryMetric historyMetric() const;
    void setHistoryMetric(HistoryMetric metric);

    // The namespaces behind the top-N bars, indexed like the bar categories (index 0 is the
    // bottom bar, the last one the largest at the top).
    QList<NamespaceKey> topNamespaceKeys() const;
    // The launch / exit markers drawn in the history chart (for tests and the accessible
    // description).
    int launchMarkerCount() const;
    int exitMarkerCount() const;

    // Writes the chart as it is displayed; empty string on success, else a one-line error.
    QString exportPng(Chart which, const QString& path) const;
    QString exportSvg(Chart which, const QString& path) const;

public slots:
    void setSnapshot(nsx::model::SnapshotPtr snapshot);
    // Not owned; may be null. The panel follows its sampleAdded/cleared signals. `subject`
    // names an opened file whose moment the history shows (empty: this session).
    void setHistory(nsx::model::History* history, const QString& subject = {});
    // What a click on top-N bar `index` does (public so keyboard actions can reuse it).
    void activateTopBar(int index);

signals:
    void namespaceActivated(nsx::backend::NsType type, quint64 inode);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void applyTheme();
    // Brings one chart up to date if a poll left it behind (it was not on screen).
    void flush(Chart which) const;
    void scheduleHistoryUpdate();
    void exportInteractive(Chart which, bool svg);
    void showContextMenu(Chart which, const QPoint& pos);

    TypesChart* m_types = nullptr;
    TopNamespacesChart* m_top = nullptr;
    HistoryChart* m_history = nullptr;
    QList<QMetaObject::Connection> m_historyConnections;
    QTabWidget* m_tabs = nullptr;
    QPushButton* m_exportPng = nullptr;
    QPushButton* m_exportSvg = nullptr;
    bool m_applyingTheme = false;
};

} // namespace nsx::gui
