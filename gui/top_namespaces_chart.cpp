#include "top_namespaces_chart.h"

#include "chart_common.h"
#include "snapshot.h"
#include "tree_model.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGraphicsTextItem>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QKeyEvent>
#include <QLabel>
#include <QSpinBox>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <limits>
#include <optional>

namespace nsx::gui {

using backend::index;
using backend::kAllNsTypes;
using backend::kNsTypeCount;
using backend::NsType;

namespace {

QString namespaceLabel(const backend::Namespace& ns)
{
    // The kernel's own spelling (as in /proc/PID/ns links), then who launched it when known.
    QString label = QStringLiteral("%1:[%2]").arg(typeName(ns.type)).arg(ns.inode);
    if (ns.launcher && !ns.launcher->comm.empty())
        label += QStringLiteral(" %1").arg(model::printable(ns.launcher->comm).left(24));
    return label;
}

} // namespace

TopNamespacesChart::TopNamespacesChart(QWidget* parent) : QWidget(parent)
{
    qRegisterMetaType<nsx::gui::NamespaceKey>();
    // After a resize the plot area settles in the chart's next layout pass: re-fit the number
    // of bars shortly after, once per burst of resizes.
    m_relayout = new QTimer(this);
    m_relayout->setSingleShot(true);
    m_relayout->setInterval(30);
    connect(m_relayout, &QTimer::timeout, this, [this] {
        if (capacity() != m_capacityUsed)
            update();
    });
    m_n = new QSpinBox(this);
    m_n->setRange(1, 100);
    m_n->setValue(15);
    m_type = new QComboBox(this);
    m_type->addItem(tr("all types"), -1);
    for (NsType type : kAllNsTypes)
        m_type->addItem(typeName(type), int(index(type)));
    auto* nLabel = new QLabel(tr("Sho&w the"), this);
    nLabel->setBuddy(m_n);
    auto* typeLabel = new QLabel(tr("largest namespaces of t&ype"), this);
    typeLabel->setBuddy(m_type);
    auto* controls = new QHBoxLayout;
    controls->addWidget(nLabel);
    controls->addWidget(m_n);
    controls->addWidget(typeLabel);
    controls->addWidget(m_type);
    m_skipHost = new QCheckBox(tr("Leave out the host's namespace&s"), this);
    m_skipHost->setToolTip(
        tr("Hide the namespaces PID 1 is in, so containers and sandboxes stand out"));
    controls->addSpacing(12);
    controls->addWidget(m_skipHost);
    controls->addStretch(1);

    m_chart = new QChart;
    m_chart->setTitle(tr("Processes per namespace"));
    m_series = new QHorizontalStackedBarSeries(m_chart);
    for (NsType type : kAllNsTypes) {
        auto* set = new QBarSet(typeName(type));
        m_sets[index(type)] = set;
        m_series->append(set);
        connect(set, &QBarSet::clicked, this, &TopNamespacesChart::activateBar);
        connect(set, &QBarSet::hovered, this, [this](bool on, int i) {
            if (!on || i < 0 || i >= m_keys.size() || !m_snapshot) {
                QToolTip::hideText();
                return;
            }
            const auto& key = m_keys[i];
            const auto* ns = m_snapshot->findNamespace(key.type, key.inode);
            const int n = ns ? int(ns->processes.size()) : 0;
            QToolTip::showText(QCursor::pos(),
                               tr("%1:[%2] — %3 processes\nClick to select it in the tree")
                                   .arg(typeName(key.type))
                                   .arg(key.inode)
                                   .arg(n));
        });
    }
    m_series->setBarWidth(0.75);
    m_chart->addSeries(m_series);
    m_categories = new QBarCategoryAxis(m_chart);
    m_chart->addAxis(m_categories, Qt::AlignLeft);
    m_series->attachAxis(m_categories);
    m_x = new QValueAxis(m_chart);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_series->attachAxis(m_x);
    // No legend: every bar's label already names its type, and in a dock the height is
    // better spent on the bars.
    m_chart->legend()->hide();

    m_view = makeChartView(m_chart);
    m_view->setAccessibleName(tr("Processes per namespace"));
    m_view->setAccessibleDescription(
        tr("Up and Down move between bars; Enter selects the namespace in the tree"));
    m_view->installEventFilter(this);

    connect(m_n, &QSpinBox::valueChanged, this, &TopNamespacesChart::update);
    connect(m_type, &QComboBox::currentIndexChanged, this, &TopNamespacesChart::update);
    connect(m_skipHost, &QCheckBox::toggled, this, &TopNamespacesChart::update);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
}

int TopNamespacesChart::topN() const
{
    return m_n->value();
}

void TopNamespacesChart::setTopN(int n)
{
    m_n->setValue(n);
}

void TopNamespacesChart::setSkipHostNamespaces(bool skip)
{
    m_skipHost->setChecked(skip);
}

QList<NamespaceKey> TopNamespacesChart::keys()
{
    flush();
    return m_keys;
}

void TopNamespacesChart::setSnapshot(const model::SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    m_dirty = true;
}

void TopNamespacesChart::flush()
{
    if (m_dirty)
        update();
}

void TopNamespacesChart::scheduleRelayout()
{
    m_relayout->start();
}

void TopNamespacesChart::update()
{
    m_dirty = false;
    std::vector<const backend::Namespace*> chosen;
    const int typeFilter = m_type->currentData().toInt();
    // The host's namespaces: backend::initialNamespaces, as everywhere (PID 1 may be unreadable).
    const backend::NsInodes host =
        m_snapshot ? backend::initialNamespaces(*m_snapshot) : backend::NsInodes{};
    const bool skipHost = m_skipHost->isChecked();
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
    m_capacityUsed = capacity();
    const std::size_t limit = std::size_t(std::min(topN(), m_capacityUsed));
    if (chosen.size() > limit)
        chosen.resize(limit);
    // Horizontal bar charts draw category 0 at the bottom: reverse so the largest is on top.
    std::reverse(chosen.begin(), chosen.end());

    // Keep the keyboard highlight on the same namespace across polls.
    const std::optional<NamespaceKey> highlighted = m_current >= 0 && m_current < m_keys.size()
                                                        ? std::optional(m_keys[m_current])
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
    if (keys == m_keys && categories == m_categoriesShown && shownOf == m_availableShown &&
        !keys.isEmpty())
        return;
    m_keys = keys;
    m_categoriesShown = categories;
    m_availableShown = shownOf;
    for (std::size_t t = 0; t < kNsTypeCount; ++t) {
        QBarSet* set = m_sets[t];
        set->deselectAllBars();
        if (set->count() > 0)
            set->remove(0, set->count());
        set->append(values[t]);
    }
    highlightBar(highlighted ? int(m_keys.indexOf(*highlighted)) : -1);
    m_categories->clear();
    m_categories->append(categories);
    setNiceRange(m_x, max);
    if (chosen.empty())
        m_chart->setTitle(tr("Processes per namespace (no data)"));
    else if (chosen.size() < std::min(available, std::size_t(topN())))
        m_chart->setTitle(tr("Processes per namespace (largest %1; a taller panel shows %2)")
                              .arg(chosen.size())
                              .arg(std::min(available, std::size_t(topN()))));
    else
        m_chart->setTitle(tr("Processes per namespace (largest %1)").arg(chosen.size()));
}

void TopNamespacesChart::activateBar(int i)
{
    flush();
    if (i < 0 || i >= m_keys.size())
        return;
    emit namespaceActivated(m_keys[i].type, m_keys[i].inode);
}

void TopNamespacesChart::applyPalette(const QPalette& pal)
{
    applyPaletteToChart(m_view, pal);
    // A slightly smaller font for the namespace names lets more bars fit a short dock.
    // (From the first font seen, so that repeated palette changes do not shrink it further.)
    if (m_categoryPointSize <= 0)
        m_categoryPointSize = m_categories->labelsFont().pointSizeF() * 0.9;
    QFont categoryFont = m_categories->labelsFont();
    categoryFont.setPointSizeF(m_categoryPointSize);
    m_categories->setLabelsFont(categoryFont);
    for (NsType type : kAllNsTypes)
        styleTypeBars(m_sets[index(type)], type, pal);
}

int TopNamespacesChart::capacity() const
{
    const qreal plot = m_chart->plotArea().height();
    if (!m_view->isVisible() || plot <= 0)
        return std::numeric_limits<int>::max(); // not laid out: no limit (e.g. before showing)
    // Measured the way Qt Charts measures its labels (a text item, with its document margin),
    // plus the axis' label padding above and below (5 px each in Qt 6.4) and a pixel of slack.
    QGraphicsTextItem probe;
    probe.setFont(m_categories->labelsFont());
    probe.setPlainText(QStringLiteral("Xg"));
    const qreal band = probe.boundingRect().height() + 2 * 5 + 1;
    return std::max(1, int(plot / band));
}

bool TopNamespacesChart::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view)
        return QWidget::eventFilter(watched, event);
    flush();
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
        m_relayout->start();
    // Keyboard access to the bars: Up/Down move a highlighted bar, Enter activates it. Claim
    // the keys before window shortcuts see them (the main window pauses on Space).
    if (event->type() == QEvent::ShortcutOverride && !m_keys.isEmpty()) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_Return ||
            key == Qt::Key_Enter || key == Qt::Key_Space) {
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::KeyPress && !m_keys.isEmpty()) {
        auto* key = static_cast<QKeyEvent*>(event);
        int current = m_current;
        switch (key->key()) {
        case Qt::Key_Up:
            current = current < 0 ? int(m_keys.size()) - 1
                                  : std::min(int(m_keys.size()) - 1, current + 1);
            break;
        case Qt::Key_Down:
            current = current < 0 ? int(m_keys.size()) - 1 : std::max(0, current - 1);
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            activateBar(m_current);
            return true;
        default:
            return QWidget::eventFilter(watched, event);
        }
        highlightBar(current);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TopNamespacesChart::highlightBar(int i)
{
    m_current = (i >= 0 && i < m_keys.size()) ? i : -1;
    for (QBarSet* set : m_sets) {
        set->deselectAllBars();
        if (m_current >= 0)
            set->selectBar(m_current);
    }
}

} // namespace nsx::gui
