// Plugs the charts, the session history, recording, export and compare into the main window in
// one call, from MainWindow::setupIntegrations():   new ChartsIntegration(this);
//   - a "Charts" dock (View menu, F9; hidden until asked for) with the ChartsPanel, fed by
//     snapshotApplied();
//     a click on a bar selects that namespace in the tree;
//   - the session History (live snapshots only) behind the history chart;
//   - the Recorder (settings kept in QSettings "recording/*"), offered every live snapshot;
//     its errors go to the status bar;
//   - File menu: "Export…" (Ctrl+E), "Compare with snapshot…" (Ctrl+D), "Record snapshots…".
// Only MainWindow's public interface is used.
#pragma once

#include "export_dialog.h"

#include "snapshot_ptr.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QWidget;

namespace nsx::model {
class History;
class Recorder;
} // namespace nsx::model

namespace nsx::gui {

class ChartsPanel;
class CompareDialog;
class MainWindow;

class ChartsIntegration : public QObject
{
    Q_OBJECT
public:
    // Parented to the window; creates everything at once.
    explicit ChartsIntegration(MainWindow* window);

    ChartsPanel* charts() const { return m_charts; }
    QDockWidget* dock() const { return m_dock; }
    model::History* history() const { return m_history; }
    // What the history chart shows: the session's history, or, while a file is open, that
    // file's one moment (so the chart shows the file's time, not the live session).
    model::History* shownHistory() const { return m_shown; }
    model::Recorder* recorder() const { return m_recorder; }
    QAction* exportAction() const { return m_exportAction; }
    QAction* compareAction() const { return m_compareAction; }
    QAction* recordAction() const { return m_recordAction; }

    // What "Export…" can render as "the current view", named, from what is on screen (never
    // from the focus): the current tab's tree, then the chart shown in the visible charts dock.
    // The first is the dialog's choice unless the user picks another.
    QList<ExportView> exportViews() const;
    QWidget* currentViewWidget() const; // the first of exportViews()

public slots:
    void openExportDialog();
    // Non-modal; `folder` (recordings to offer) defaults to the recorder's.
    CompareDialog* openCompareDialog(const QString& folder = {});
    void openRecordDialog();

private:
    void onSnapshot(nsx::model::SnapshotPtr snapshot);
    void loadRecorderSettings();
    void saveRecorderSettings() const;

    MainWindow* m_window;
    ChartsPanel* m_charts = nullptr;
    QDockWidget* m_dock = nullptr;
    model::History* m_history = nullptr;
    model::History* m_fileHistory = nullptr;
    model::History* m_shown = nullptr;
    model::Recorder* m_recorder = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_compareAction = nullptr;
    QAction* m_recordAction = nullptr;
    QPointer<CompareDialog> m_compare;
};

} // namespace nsx::gui
