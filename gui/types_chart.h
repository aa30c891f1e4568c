// The "By type" chart of the ChartsPanel: namespaces per type, one bar per type in the type's
// colour, the counts in the category labels.
#pragma once

#include "ns_type.h"
#include "snapshot_ptr.h"

#include <QWidget>

#include <array>
#include <optional>
#include <utility>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QStackedBarSeries;
class QValueAxis;

namespace nsx::gui {

class TypesChart : public QWidget
{
    Q_OBJECT
public:
    explicit TypesChart(QWidget* parent = nullptr);

    QChartView* view() const { return m_view; }
    // Only remembered: the chart is redrawn by flush() (when it is on screen or asked for).
    void setSnapshot(const model::SnapshotPtr& snapshot);
    void flush();
    void applyPalette(const QPalette& palette);

private:
    void update();

    model::SnapshotPtr m_snapshot;
    bool m_dirty = true;
    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QStackedBarSeries* m_series = nullptr;
    // One stacked set per type so that each bar takes its type's colour.
    std::array<QBarSet*, backend::kNsTypeCount> m_sets{};
    QBarCategoryAxis* m_categories = nullptr;
    QValueAxis* m_y = nullptr;
    // What the chart shows now, to skip polls that change nothing in it.
    std::optional<std::pair<std::array<int, backend::kNsTypeCount>, std::optional<std::size_t>>>
        m_shown;
};

} // namespace nsx::gui
