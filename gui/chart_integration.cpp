#include "chart_integration.h"

#include "charts_panel.h"
#include "compare_dialog.h"
#include "export_dialog.h"
#include "history.h"
#include "main_window.h"
#include "record_dialog.h"
#include "recorder.h"
#include "tree_views.h"

#include <QDateTime>

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace nsx::gui {

ChartsIntegration::ChartsIntegration(MainWindow* window) : QObject(window), m_window(window)
{
    m_history = new model::History(this);
    m_fileHistory = new model::History(this);
    m_shown = m_history;
    m_recorder = new model::Recorder(this);
    loadRecorderSettings();

    m_charts = new ChartsPanel;
    m_charts->setHistory(m_history);
    m_dock = new QDockWidget(tr("Charts"), window);
    // The object name lets QMainWindow::saveState()/restoreState() remember the dock.
    m_dock->setObjectName(QStringLiteral("chartsDock"));
    m_dock->setWidget(m_charts);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // Hidden until asked for (View > Charts, F9): the tree is the window's content. Shown,
    // a third of a typical window; restoreState() brings back the user's choice and size.
    window->resizeDocks({m_dock}, {300}, Qt::Vertical);
    m_dock->hide();
    QAction* toggle = m_dock->toggleViewAction();
    toggle->setText(tr("&Charts"));
    // F9 (a side panel's key, as in Dolphin and Kate): Ctrl+1..4 are the four views.
    toggle->setShortcut(QKeySequence(Qt::Key_F9));
    if (QMenu* view = window->viewMenu())
        view->addAction(toggle);

    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(
        tr("Save the snapshot as JSON, CSV or Graphviz DOT, or the current view as an image"));
    m_compareAction = new QAction(tr("&Compare with snapshot…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareAction"));
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_recordAction = new QAction(tr("&Record snapshots…"), this);
    m_recordAction->setObjectName(QStringLiteral("recordAction"));
    connect(m_exportAction, &QAction::triggered, this, &ChartsIntegration::openExportDialog);
    connect(m_compareAction, &QAction::triggered, this, [this] { openCompareDialog(); });
    connect(m_recordAction, &QAction::triggered, this, &ChartsIntegration::openRecordDialog);
    if (QMenu* file = window->fileMenu()) {
        // Before the separator that precedes Quit, i.e. after Open and "Back to live".
        const auto actions = file->actions();
        QAction* before = nullptr;
        for (QAction* a : actions) {
            if (a->isSeparator()) {
                before = a;
                break;
            }
        }
        file->insertActions(before, {m_exportAction, m_compareAction, m_recordAction});
        file->insertSeparator(m_exportAction);
    }

    connect(window, &MainWindow::snapshotApplied, this, &ChartsIntegration::onSnapshot);
    // A quiet poll: the timeline goes on at the same values (no gap for the chart to bridge
    // with a slope).
    connect(window, &MainWindow::pollUnchanged, this, [this] {
        if (!m_window->isOffline() && m_shown == m_history)
            m_history->extend(QDateTime::currentMSecsSinceEpoch());
    });
    connect(
        m_charts, &ChartsPanel::namespaceActivated, window,
        [window](backend::NsType type, quint64 inode) { window->selectNamespace(type, inode); });
    connect(m_recorder, &model::Recorder::error, window,
            [window](const QString& message) { window->statusBar()->showMessage(message, 15000); });
}

void ChartsIntegration::onSnapshot(nsx::model::SnapshotPtr snapshot)
{
    m_charts->setSnapshot(snapshot);
    m_exportAction->setEnabled(bool(snapshot));
    // The history and the recordings are about the live system; an opened file is shown in
    // the bar charts but neither joins the timeline nor gets recorded.
    if (m_window->isOffline()) {
        // The history chart shows the file's moment, on the file's clock.
        m_fileHistory->clear();
        m_fileHistory->append(snapshot);
        if (m_shown != m_fileHistory)
            m_charts->setHistory(m_shown = m_fileHistory, m_window->offlineOrigin());
        return;
    }
    if (m_shown != m_history)
        m_charts->setHistory(m_shown = m_history);
    m_history->append(snapshot);
    m_recorder->offer(snapshot);
    if (m_compare)
        m_compare->setLive(snapshot);
}

namespace {

// The title of the tab `widget` sits in (without its mnemonic), or empty.
QString tabTitleOf(const QWidget* widget)
{
    for (const QWidget* up = widget ? widget->parentWidget() : nullptr; up;
         up = up->parentWidget()) {
        if (const auto* tabs = qobject_cast<const QTabWidget*>(up)) {
            for (int i = 0; i < tabs->count(); ++i)
                if (tabs->widget(i) == widget || tabs->widget(i)->isAncestorOf(widget))
                    return tabs->tabText(i).remove(QLatin1Char('&'));
            return {};
        }
    }
    return {};
}

} // namespace

QList<ExportView> ChartsIntegration::exportViews() const
{
    // What is on screen, not what has the focus: the tab's tree first (the window's main
    // content), then the chart showing in the charts dock.
    QList<ExportView> views;
    QWidget* tree = m_window->view(m_window->currentView());
    if (tree && tree->isVisible())
        views.append({tr("%1 tab").arg(tabTitleOf(tree)), tree});
    QWidget* chart = m_charts->chartView(m_charts->currentChart());
    if (chart && m_dock->isVisible() && chart->isVisible())
        views.append({tr("%1 chart").arg(tabTitleOf(chart)), chart});
    // A window not shown yet (tests, start-up): the tree all the same.
    if (views.isEmpty() && tree)
        views.append({tr("%1 tab").arg(tabTitleOf(tree)), tree});
    return views;
}

QWidget* ChartsIntegration::currentViewWidget() const
{
    const QList<ExportView> views = exportViews();
    return views.isEmpty() ? nullptr : views.first().widget;
}

void ChartsIntegration::openExportDialog()
{
    ExportDialog dialog(m_window->snapshot(), exportViews(), m_window);
    connect(&dialog, &ExportDialog::exported, m_window, [this](const QStringList& paths) {
        m_window->statusBar()->showMessage(
            tr("Exported to %1").arg(paths.join(QStringLiteral(", "))), 10000);
    });
    dialog.exec();
}

CompareDialog* ChartsIntegration::openCompareDialog(const QString& folder)
{
    if (!m_compare) {
        const bool offline = m_window->isOffline();
        m_compare = new CompareDialog(offline ? nullptr : m_window->snapshot(), m_window);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
        if (offline && m_window->snapshot())
            m_compare->setSnapshot(CompareDialog::Side::After, m_window->snapshot(),
                                   tr("The snapshot shown"));
    }
    m_compare->setRecordingFolder(folder.isEmpty() ? m_recorder->folder() : folder);
    m_compare->show();
    m_compare->raise();
    m_compare->activateWindow();
    return m_compare;
}

void ChartsIntegration::openRecordDialog()
{
    RecordDialog dialog(m_recorder, m_window);
    connect(&dialog, &RecordDialog::compareRequested, this,
            [this](const QString& folder) { openCompareDialog(folder); });
    if (dialog.exec() == QDialog::Accepted)
        saveRecorderSettings();
}

void ChartsIntegration::loadRecorderSettings()
{
    QSettings s;
    s.beginGroup(QStringLiteral("recording"));
    m_recorder->setFolder(
        s.value(QStringLiteral("folder"), RecordDialog::defaultFolder()).toString());
    m_recorder->setIntervalSeconds(
        s.value(QStringLiteral("interval"), model::Recorder::kDefaultIntervalSeconds).toInt());
    m_recorder->setMaxFiles(
        s.value(QStringLiteral("maxFiles"), model::Recorder::kDefaultMaxFiles).toInt());
    m_recorder->setEnabled(s.value(QStringLiteral("enabled"), false).toBool());
}

void ChartsIntegration::saveRecorderSettings() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("recording"));
    s.setValue(QStringLiteral("folder"), m_recorder->folder());
    s.setValue(QStringLiteral("interval"), m_recorder->intervalSeconds());
    s.setValue(QStringLiteral("maxFiles"), m_recorder->maxFiles());
    s.setValue(QStringLiteral("enabled"), m_recorder->isEnabled());
}

} // namespace nsx::gui
