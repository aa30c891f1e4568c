// The "Largest namespaces" chart of the ChartsPanel: processes per namespace, top N, as
// horizontal bars in the type's colour (the largest on top), with how many to show, of which
// type, and whether to leave out the host's namespaces. A click on a bar, or Up/Down and
// Enter on the keyboard, emits namespaceActivated so the main window can select it in the
// tree. Shows no more bars than its height can label.
#pragma once

#include "ns_type.h"
#include "snapshot_ptr.h"

#include <QList>
#include <QWidget>

#include <array>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QHorizontalStackedBarSeries;
class QSpinBox;
class QTimer;
class QValueAxis;

namespace nsx::gui {

struct NamespaceKey
{
    nsx::backend::NsType type = nsx::backend::NsType::Net;
    quint64 inode = 0;
    friend bool operator==(const NamespaceKey&, const NamespaceKey&) = default;
};

class TopNamespacesChart : public QWidget
{
    Q_OBJECT
public:
    explicit TopNamespacesChart(QWidget* parent = nullptr);

    QChartView* view() const { return m_view; }
    int topN() const;
    void setTopN(int n);
    // Leave the host's namespaces (backend::initialNamespaces) out.
    void setSkipHostNamespaces(bool skip);
    // The namespaces behind the bars, indexed like the bar categories (index 0 is the bottom
    // bar, the last one the largest at the top). Brought up to date first.
    QList<NamespaceKey> keys();

    // Only remembered: the chart is redrawn by flush() (when it is on screen or asked for).
    void setSnapshot(const model::SnapshotPtr& snapshot);
    void flush();
    // Re-fits the number of bars shortly (after a resize or when the tab is shown).
    void scheduleRelayout();
    void applyPalette(const QPalette& palette);
    // What a click on bar `index` does.
    void activateBar(int index);

signals:
    void namespaceActivated(nsx::backend::NsType type, quint64 inode);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void update();
    void highlightBar(int index);
    // How many bars the chart can label at its current height.
    int capacity() const;

    model::SnapshotPtr m_snapshot;
    bool m_dirty = true;
    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QHorizontalStackedBarSeries* m_series = nullptr;
    std::array<QBarSet*, nsx::backend::kNsTypeCount> m_sets{};
    QBarCategoryAxis* m_categories = nullptr;
    QValueAxis* m_x = nullptr;
    QSpinBox* m_n = nullptr;
    QComboBox* m_type = nullptr;
    QCheckBox* m_skipHost = nullptr;
    QList<NamespaceKey> m_keys;
    // What the chart shows now, to skip polls that change nothing in it.
    QStringList m_categoriesShown;
    std::size_t m_availableShown = 0;
    int m_current = -1; // bar highlighted by the keyboard, -1 for none
    int m_capacityUsed = 0;
    qreal m_categoryPointSize = 0;
    QTimer* m_relayout = nullptr;
};

} // namespace nsx::gui

Q_DECLARE_METATYPE(nsx::gui::NamespaceKey)
