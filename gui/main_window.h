// The main window: four views of the live namespace set (By type, Hierarchy, Processes,
// Containers) over one filter bar, a details pane, a status bar, and the poller that feeds them.
// Opening a saved snapshot shows it read-only instead.
#pragma once

#include "browser_view.h"
#include "container_stopper.h"
#include "filter_proxy.h"
#include "notices.h"
#include "scanner.h"
#include "snapshot_ptr.h"

#include <QMainWindow>

#include <array>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QPushButton;

namespace nsx::model {
class Poller;
class SnapshotTreeModel;
} // namespace nsx::model

namespace nsx::gui {

class DetailsPane;
class LaunchDialog;
class MapView;
class FilterBar;
class NsTreeView;
class ProcessActions;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using View = gui::View;
    static constexpr int kViewCount = gui::kViewCount;

    struct Options
    {
        bool live = true;         // start the poller (false: wait for a snapshot or a file)
        bool loadSettings = true; // restore geometry, columns, filters...
        backend::ScanOptions scan;
    };

    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows a saved snapshot read-only (the poller stops). Throws nothing: false + message.
    bool openSnapshotFile(const QString& path, QString* error = nullptr);
    void showOfflineSnapshot(model::SnapshotPtr snapshot, const QString& origin);
    // Back to the live view after an offline snapshot.
    void goLive();
    bool isOffline() const { return m_offline; }
    // The opened file's name while offline (empty otherwise, or for a snapshot given directly).
    QString offlineOrigin() const { return m_offlineOrigin; }

    // The latest snapshot shown (live or offline).
    model::SnapshotPtr snapshot() const { return m_snapshot; }
    model::Poller* poller() const { return m_poller; }

    // The tree view on screen, or, while the Map tab is, the tree view shown last (which the
    // map's clicks select in, and the details pane follows).
    View currentView() const;
    void setCurrentView(View view);
    // The Map tab (issue 16), beside the three trees.
    MapView* mapView() const { return m_map; }
    bool mapShown() const;
    void showMap();
    // A view, its model and its proxy, brought up to the latest snapshot first (a view that
    // is not on screen does not follow every poll).
    NsTreeView* view(View view);
    model::SnapshotTreeModel* model(View view);
    model::NamespaceFilterProxy* proxy(View view);
    FilterBar* filterBar() const { return m_filterBar; }
    DetailsPane* detailsPane() const { return m_details; }
    QWidget* emptyNotice() const { return m_emptyNotice; }
    QPushButton* emptyResetButton() const { return m_emptyNotice->resetButton(); }
    QLabel* banner() const { return m_banner->label(); }

    // Select (and reveal) a namespace or a process in the most fitting view.
    bool selectNamespace(backend::NsType type, std::uint64_t inode);
    bool selectProcess(int pid);
    // The pid of the selected process row, 0 if none (for "Enter namespaces…").
    int selectedPid() const;
    // The selected row of the view on screen, in its model (not the proxy); invalid if none.
    QModelIndex currentSourceIndex() const;
    const Options& options() const { return m_options; }

    // Integration points for the launch / charts / export pieces.
    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* viewMenu() const { return m_viewMenu; }
    QMenu* namespacesMenu() const { return m_namespacesMenu; }

    // Sends a signal after asking (Delete = TERM, Shift+Delete = KILL), through a pidfd checked
    // against the start time shown. `confirm` false: no dialog at all (tests). Returns true when
    // the signal was sent.
    bool sendSignalToSelected(int signal, bool confirm = true);

    // A container nsexplorer's helper started, as its helper process: for a namespace row, the
    // helper that made the namespace; for a process row, the nearest helper among the process
    // and its ancestors. pid 0: none (or offline).
    using Container = ContainerStopper::Container;
    Container selectedContainer() const;
    // Stops it: SIGHUP and SIGTERM to the helper (which passes them on to the payload); after the
    // grace period SIGKILL to the helper and to its processes of the snapshot still there (each
    // checked by start time through a pidfd). Asks first, and explains refusals, unless
    // confirm is false (tests: no dialog at all). True when they were sent.
    bool stopSelectedContainer(bool confirm = true);
    void setStopGraceMs(int ms);

public slots:
    void applySnapshot(nsx::model::SnapshotPtr snapshot);
    void setPaused(bool paused);
    void refreshNow();
    void openFileDialog();
    void showAbout();
    // "Enter namespaces…" on the selected process (EnterDialog).
    void openEnterDialog();
    // "New isolated shell…" (fromSelection false) and "Launch isolated shell…" (true: prefilled
    // from the selected row, see the definition). The dialog deletes itself on close.
    LaunchDialog* openLaunchDialog(bool fromSelection);

signals:
    // After each snapshot has been applied to the models (tests, charts).
    void snapshotApplied(nsx::model::SnapshotPtr snapshot);
    // A live poll found nothing changed (the last snapshot still holds).
    void pollUnchanged();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void buildUi();
    void buildActions();
    void setupIntegrations();
    void loadSettings();
    void saveSettings() const;
    void onFilterChanged(const model::FilterState& state);
    void updateEmptyNotice();
    void updateStatus();
    void updateBanner();
    void updateBackground();
    void updateDetails();
    void onCurrentChanged(View view, const QModelIndex& current);
    void showContextMenu(View view, const QModelIndex& index, const QPoint& globalPos);
    void updateTitle();
    // Nothing is selected because the chosen row went: the details say so (true), else false.
    bool showLostSelection();
    bool revealSourceIndex(View view, const QModelIndex& sourceIndex);
    // Brings one view up to m_snapshot (and the banner, which is per view, when it is shown).
    void syncView(View view);
    BrowserView* browser(View view) const { return m_views[int(view)]; }

    Options m_options;
    model::Poller* m_poller = nullptr;
    model::SnapshotPtr m_snapshot;
    bool m_offline = false;
    QString m_offlineOrigin;
    std::array<BrowserView*, kViewCount> m_views{};
    MapView* m_map = nullptr;
    View m_lastTreeView = View::ByType;
    ProcessActions* m_actions = nullptr;

    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    FilterBar* m_filterBar = nullptr;
    DetailsPane* m_details = nullptr;
    EmptyNotice* m_emptyNotice = nullptr;
    ScanBanner* m_banner = nullptr;
    ScanStatus* m_scanStatus = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_namespacesMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_liveAction = nullptr;
    QActionGroup* m_intervalGroup = nullptr;
};

} // namespace nsx::gui
