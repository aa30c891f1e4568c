#include "charts_panel.h"

#include "chart_common.h"
#include "export_dialog.h"
#include "history.h"
#include "types_chart.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <array>

namespace nsx::gui {

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent)
{
    qRegisterMetaType<nsx::gui::NamespaceKey>();
    qRegisterMetaType<nsx::backend::NsType>();

    m_tabs = new QTabWidget(this);
    m_types = new TypesChart;
    m_top = new TopNamespacesChart;
    m_history = new HistoryChart;
    m_tabs->addTab(m_types, tr("By &type"));
    m_tabs->addTab(m_top, tr("&Largest namespaces"));
    m_tabs->addTab(m_history, tr("H&istory"));
    connect(m_top, &TopNamespacesChart::namespaceActivated, this, &ChartsPanel::namespaceActivated);
    for (Chart which : {Chart::Types, Chart::TopNamespaces, Chart::History})
        connect(chartView(which), &QWidget::customContextMenuRequested, this,
                [this, which](const QPoint& pos) { showContextMenu(which, pos); });

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
            m_top->scheduleRelayout();
    });

    applyTheme();
    m_types->flush();
    m_top->flush();
    m_history->update();
}

ChartsPanel::~ChartsPanel() = default;

QSize ChartsPanel::sizeHint() const
{
    // Modest by default: as a dock under the tree it should not take the window's height.
    return QSize(640, 300);
}

QChartView* ChartsPanel::chartView(Chart which) const
{
    flush(which);
    switch (which) {
    case Chart::Types:
        return m_types->view();
    case Chart::TopNamespaces:
        return m_top->view();
    case Chart::History:
        break;
    }
    return m_history->view();
}

void ChartsPanel::flush(Chart which) const
{
    // The charts are a cache of the snapshot and the history, filled when someone looks (see
    // setSnapshot).
    if (which == Chart::Types)
        m_types->flush();
    else if (which == Chart::TopNamespaces)
        m_top->flush();
    else
        m_history->flush();
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
    return m_top->topN();
}

void ChartsPanel::setTopN(int n)
{
    m_top->setTopN(n);
}

void ChartsPanel::setSkipHostNamespaces(bool skip)
{
    m_top->setSkipHostNamespaces(skip);
}

qint64 ChartsPanel::historyWindowMs() const
{
    return m_history->windowMs();
}

void ChartsPanel::setHistoryWindowMs(qint64 ms)
{
    m_history->setWindowMs(ms);
}

ChartsPanel::HistoryMetric ChartsPanel::historyMetric() const
{
    return m_history->metric();
}

void ChartsPanel::setHistoryMetric(HistoryMetric metric)
{
    m_history->setMetric(metric);
}

QList<NamespaceKey> ChartsPanel::topNamespaceKeys() const
{
    return m_top->keys();
}

int ChartsPanel::launchMarkerCount() const
{
    return m_history->launchMarkerCount();
}

int ChartsPanel::exitMarkerCount() const
{
    return m_history->exitMarkerCount();
}

void ChartsPanel::setSnapshot(nsx::model::SnapshotPtr snapshot)
{
    // Only the chart on screen follows each poll (a bar chart relayout costs about as much as
    // the tree's whole update); the others catch up when shown or asked for (flush).
    m_types->setSnapshot(snapshot);
    m_top->setSnapshot(snapshot);
    if (isVisible())
        flush(currentChart());
}

void ChartsPanel::setHistory(model::History* history, const QString& subject)
{
    for (const auto& c : m_historyConnections)
        disconnect(c);
    m_historyConnections.clear();
    if (history) {
        m_historyConnections << connect(history, &model::History::sampleAdded, this,
                                        &ChartsPanel::scheduleHistoryUpdate)
                             << connect(history, &model::History::cleared, this,
                                        &ChartsPanel::scheduleHistoryUpdate);
    }
    m_history->setHistory(history, subject);
}

void ChartsPanel::scheduleHistoryUpdate()
{
    // A hidden panel (or another tab) does not redraw 8 series every second; it catches up
    // when shown.
    if (isVisible() && currentChart() == Chart::History)
        m_history->update();
    else
        m_history->markDirty();
}

void ChartsPanel::activateTopBar(int i)
{
    m_top->activateBar(i);
}

void ChartsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    flush(currentChart());
}

void ChartsPanel::applyTheme()
{
    if (m_applyingTheme)
        return;
    m_applyingTheme = true;
    const QPalette pal = palette();
    m_types->applyPalette(pal);
    m_top->applyPalette(pal);
    m_history->applyPalette(pal);
    m_applyingTheme = false;
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
    const QString suggested = inLastFileFolder(
        QStringLiteral("nsexplorer-%1.%2").arg(QLatin1String(kNames[int(which)]), ext));
    const QString filter = svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), suggested, filter);
    if (path.isEmpty())
        return;
    rememberFileFolder(path);
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

} // namespace nsx::gui
