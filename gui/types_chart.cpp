#include "types_chart.h"

#include "chart_colors.h"
#include "chart_common.h"
#include "snapshot.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace nsx::gui {

using backend::index;
using backend::kAllNsTypes;
using backend::kNsTypeCount;
using backend::NsType;

TypesChart::TypesChart(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setTitle(tr("Namespaces per type"));
    m_series = new QStackedBarSeries(m_chart);
    QStringList categories;
    for (NsType type : kAllNsTypes) {
        categories << typeName(type);
        auto* set = new QBarSet(typeName(type));
        set->append(QList<qreal>(kNsTypeCount, 0.0));
        m_sets[index(type)] = set;
        m_series->append(set);
    }
    // Counts go into the category labels rather than onto the bars: a bar of 1 next to one of
    // 300 is too thin for a label drawn on it.
    m_series->setBarWidth(0.7);
    m_chart->addSeries(m_series);
    m_categories = new QBarCategoryAxis(m_chart);
    m_categories->append(categories);
    m_chart->addAxis(m_categories, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_y = new QValueAxis(m_chart);
    m_y->setTitleText(tr("namespaces"));
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_y);
    m_chart->legend()->hide();

    m_view = makeChartView(m_chart);
    m_view->setAccessibleName(tr("Namespaces per type"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void TypesChart::setSnapshot(const model::SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    m_dirty = true;
}

void TypesChart::flush()
{
    if (m_dirty)
        update();
}

void TypesChart::update()
{
    m_dirty = false;
    std::array<int, kNsTypeCount> counts{};
    if (m_snapshot) {
        for (const auto& ns : m_snapshot->namespaces)
            ++counts[index(ns.type)];
    }
    // A poll that changed no count changes nothing here: re-setting the same values would
    // still make Qt Charts lay out and repaint the whole chart.
    const std::optional<std::size_t> total =
        m_snapshot ? std::optional(m_snapshot->namespaces.size()) : std::nullopt;
    if (m_shown && m_shown->first == counts && m_shown->second == total)
        return;
    m_shown = {counts, total};
    int max = 0;
    QStringList categories;
    for (std::size_t t = 0; t < kNsTypeCount; ++t) {
        // Only the type's own category carries a value, so each bar has its type's colour.
        for (std::size_t c = 0; c < kNsTypeCount; ++c)
            m_sets[t]->replace(int(c), c == t ? counts[t] : 0);
        max = std::max(max, counts[t]);
        categories << QStringLiteral("%1 (%2)").arg(typeName(kAllNsTypes[t])).arg(counts[t]);
    }
    m_categories->setCategories(categories);
    // Screen readers get the numbers the bars show.
    m_view->setAccessibleDescription(categories.join(QStringLiteral(", ")));
    setNiceRange(m_y, max);
    m_chart->setTitle(m_snapshot
                          ? tr("Namespaces per type (%1 in all)").arg(m_snapshot->namespaces.size())
                          : tr("Namespaces per type (no snapshot yet)"));
}

void TypesChart::applyPalette(const QPalette& pal)
{
    applyPaletteToChart(m_view, pal);
    for (NsType type : kAllNsTypes)
        styleTypeBars(m_sets[index(type)], type, pal);
}

} // namespace nsx::gui
