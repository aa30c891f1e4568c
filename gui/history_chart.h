// The "History" chart of the ChartsPanel: namespace counts, or counts of processes outside the
// host's namespaces, per type over the last 1 min / 10 min / 1 h of the session's History,
// with namespaces that appeared (launches) and vanished (exits) marked on the lines. A click
// on a legend entry hides or shows its line.
#pragma once

#include "ns_type.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <array>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace nsx::model {
class History;
} // namespace nsx::model

namespace nsx::gui {

class HistoryChart : public QWidget
{
    Q_OBJECT
public:
    enum class Metric
    {
        Namespaces = 0,
        IsolatedProcesses = 1
    };

    explicit HistoryChart(QWidget* parent = nullptr);

    QChartView* view() const { return m_view; }
    // 60'000, 600'000 or 3'600'000 ms: the window's choices.
    qint64 windowMs() const;
    void setWindowMs(qint64 ms);
    Metric metric() const;
    void setMetric(Metric metric);
    // The markers drawn (for tests and the accessible description).
    int launchMarkerCount() const;
    int exitMarkerCount() const;

    // Not owned; may be null. Redraws at once.
    void setHistory(model::History* history, const QString& subject = {});
    // The history changed while the chart was not on screen: redraw at the next flush().
    void markDirty() { m_dirty = true; }
    void flush();
    void update();
    void applyPalette(const QPalette& palette);

private:
    void applyLegendDimming(const QPalette& palette);

    QPointer<model::History> m_history;
    QString m_subject; // an opened file whose moment the history shows; empty: this session
    bool m_dirty = true;
    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    std::array<QLineSeries*, backend::kNsTypeCount> m_lines{};
    QScatterSeries* m_launches = nullptr;
    QScatterSeries* m_exits = nullptr;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QComboBox* m_window = nullptr;
    QComboBox* m_metric = nullptr;
    // Tooltip text per marker, parallel to the scatter series' points.
    QStringList m_launchTexts, m_exitTexts;
};

} // namespace nsx::gui
