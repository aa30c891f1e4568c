// What the user can do to the selected row's process or container: signals (Delete = SIGTERM,
// Shift+Delete = SIGKILL, Stop and Continue in the context menu, each through a pidfd checked
// against the start time shown), "Enter namespaces…" (of a process row, or of a container row's
// init), "Launch isolated shell…" from the
// selection and "Stop container…" (ContainerStopper). Each action is enabled only when it can
// succeed, with the reason in its status tip otherwise. Uses MainWindow's public interface.
#pragma once

#include "container_stopper.h"

#include <QObject>
#include <QString>

#include <cstdint>

class QAction;
class QMenu;
class QWidget;

namespace nsx::gui {

class LaunchDialog;
class MainWindow;

class ProcessActions : public QObject
{
    Q_OBJECT
public:
    explicit ProcessActions(MainWindow* window);

    // The entries of the Namespaces menu: New isolated shell, Launch isolated shell, Enter
    // namespaces, Stop container.
    void fillNamespacesMenu(QMenu* menu);
    // Delete and Shift+Delete on a tree view.
    void addShortcutsTo(QWidget* view);
    // What fits the selected row, for the tree's context menu.
    void addToContextMenu(QMenu* menu);
    // What the selection shows changed: enables the actions that can succeed now.
    void update();
    // Another row was selected: the same, and "Enter namespaces…" too.
    void selectionChanged();

    bool sendSignal(int sig, bool confirm);
    ContainerStopper::Container selectedContainer() const;
    bool stopSelectedContainer(bool confirm);
    ContainerStopper* stopper() const { return m_stopper; }
    LaunchDialog* openLaunchDialog(bool fromSelection);
    void openEnterDialog();

    // What "Enter namespaces…" enters: the selected process row's process, or a container row's
    // (containers::processToEnter, the process `nsexplorer-cli enter --container` takes);
    // pid 0 and the reason when there is none.
    struct EnterTarget
    {
        int pid = 0;
        std::uint64_t startTime = 0;
        QString refusal;
    };
    EnterTarget enterTarget() const;

private:
    // Why the selected process cannot be signalled (empty when it can).
    QString signalRefusal() const;

    MainWindow* m_window;
    ContainerStopper* m_stopper;
    QAction* m_term = nullptr;
    QAction* m_kill = nullptr;
    QAction* m_enter = nullptr;
    QAction* m_launchFromSelection = nullptr;
    QAction* m_stop = nullptr;
};

} // namespace nsx::gui
