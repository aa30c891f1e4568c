#include "process_actions.h"

#include "containers/container_lookup.h"
#include "enter_dialog.h"
#include "launch_dialog.h"
#include "launch_request.h"
#include "main_window.h"
#include "namespace_models.h"
#include "nsfs.h"
#include "process_control.h"
#include "roles.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace nsx::gui {

namespace Role = model::Role;
using model::RowKind;

namespace {

QString signalName(int sig)
{
    switch (sig) {
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGKILL:
        return QStringLiteral("SIGKILL");
    case SIGSTOP:
        return QStringLiteral("SIGSTOP");
    case SIGCONT:
        return QStringLiteral("SIGCONT");
    default:
        return ProcessActions::tr("signal %1").arg(sig);
    }
}

} // namespace

ProcessActions::ProcessActions(MainWindow* window)
    : QObject(window), m_window(window), m_stopper(new ContainerStopper(window))
{
    connect(m_stopper, &ContainerStopper::changed, this, &ProcessActions::update);
    connect(m_stopper, &ContainerStopper::message, m_window->statusBar(), &QStatusBar::showMessage);
    connect(m_stopper, &ContainerStopper::refreshWanted, m_window, &MainWindow::refreshNow);

    // Signals to the selected process: Delete terminates, Shift+Delete kills (ksysguard's keys).
    m_term = new QAction(tr("Terminate (SIGTERM)"), this);
    m_term->setObjectName(QStringLiteral("terminateProcess"));
    m_term->setShortcut(QKeySequence(Qt::Key_Delete));
    m_term->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_term, &QAction::triggered, this, [this] { sendSignal(SIGTERM, true); });
    m_kill = new QAction(tr("Kill (SIGKILL)"), this);
    m_kill->setObjectName(QStringLiteral("killProcess"));
    m_kill->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    m_kill->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_kill, &QAction::triggered, this, [this] { sendSignal(SIGKILL, true); });
}

void ProcessActions::addShortcutsTo(QWidget* view)
{
    view->addAction(m_term);
    view->addAction(m_kill);
}

// "New isolated shell…" (Ctrl+N) → LaunchDialog; "Launch isolated shell…" (Ctrl+Shift+N, also
// in the context menu) → LaunchDialog prefilled from the selected row; "Enter namespaces…"
// (Ctrl+E is the charts' Export, so Ctrl+Shift+E) → EnterDialog on the selected process, also
// in the tree's context menu. A launch refreshes the view at once.
void ProcessActions::fillNamespacesMenu(QMenu* menu)
{
    QAction* shell =
        menu->addAction(tr("&New isolated shell…"), this, [this] { openLaunchDialog(false); });
    shell->setObjectName(QStringLiteral("newShell"));
    shell->setShortcut(QKeySequence::New);
    m_launchFromSelection =
        menu->addAction(tr("&Launch isolated shell…"), this, [this] { openLaunchDialog(true); });
    m_launchFromSelection->setObjectName(QStringLiteral("launchFromSelection"));
    m_launchFromSelection->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_launchFromSelection->setStatusTip(
        tr("A new isolated shell, with a new namespace of the selected namespace's type"));
    m_enter = menu->addAction(tr("&Enter namespaces…"), this, &ProcessActions::openEnterDialog);
    m_enter->setObjectName(QStringLiteral("enterNamespaces"));
    m_enter->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_enter->setEnabled(false);
    m_stop = menu->addAction(tr("&Stop container…"), this, [this] { stopSelectedContainer(true); });
    m_stop->setObjectName(QStringLiteral("stopContainer"));
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_stop->setEnabled(false);
}

void ProcessActions::addToContextMenu(QMenu* menu)
{
    if (m_window->selectedPid() > 0 && !m_window->isOffline()) {
        menu->addSeparator();
        QMenu* sig = menu->addMenu(tr("Send signal"));
        sig->addAction(m_term);
        sig->addAction(m_kill);
        const QString refusal = signalRefusal();
        sig->setToolTipsVisible(true);
        for (QAction* a :
             {sig->addAction(tr("Stop (SIGSTOP)"), this, [this] { sendSignal(SIGSTOP, true); }),
              sig->addAction(tr("Continue (SIGCONT)"), this,
                             [this] { sendSignal(SIGCONT, true); })}) {
            a->setEnabled(refusal.isEmpty());
            a->setStatusTip(refusal);
            if (!refusal.isEmpty())
                a->setToolTip(refusal);
        }
        if (m_enter)
            menu->addAction(m_enter);
    } else if (m_enter && !m_window->isOffline() &&
               RowKind(m_window->currentSourceIndex().data(Role::Kind).toInt()) ==
                   RowKind::Container) {
        // A container row: its init's namespaces, or disabled with the reason.
        menu->addSeparator();
        menu->setToolTipsVisible(true);
        menu->addAction(m_enter);
    }
    if (m_launchFromSelection) {
        menu->addSeparator();
        menu->addAction(m_launchFromSelection);
    }
    if (m_stop && selectedContainer().pid > 0) {
        menu->addSeparator();
        menu->addAction(m_stop); // disabled, with the reason, when not ours
    }
}

void ProcessActions::update()
{
    const QString refusal = signalRefusal();
    for (QAction* a : {m_term, m_kill}) {
        a->setEnabled(refusal.isEmpty());
        a->setStatusTip(refusal);
        a->setToolTip(refusal.isEmpty() ? a->text() : refusal);
    }
    if (m_enter) {
        const EnterTarget target = enterTarget();
        m_enter->setEnabled(target.pid > 0);
        m_enter->setStatusTip(target.refusal);
        m_enter->setToolTip(target.refusal); // empty: the action's text
    }
    if (!m_stop)
        return;
    const ContainerStopper::Container c = selectedContainer();
    m_stop->setEnabled(m_stopper->refusal(c) == 0);
    m_stop->setStatusTip(m_stopper->statusTip(c));
}

void ProcessActions::selectionChanged()
{
    update();
}

ProcessActions::EnterTarget ProcessActions::enterTarget() const
{
    const QModelIndex src = m_window->currentSourceIndex();
    const model::SnapshotPtr s = m_window->snapshot();
    const QString select = tr("Select a process or a container to enter its namespaces");
    if (m_window->isOffline() || !s || !src.isValid())
        return {0, 0, select};
    if (src.data(Role::Vanished).toBool())
        return {0, 0, tr("It has ended: nothing to enter")};
    switch (RowKind(src.data(Role::Kind).toInt())) {
    case RowKind::Process:
        return {src.data(Role::Pid).toInt(), src.data(Role::StartTime).toULongLong(), {}};
    case RowKind::Container: {
        const backend::Container* c =
            s->findContainer(src.data(Role::ContainerKey).toString().toStdString());
        if (!c)
            return {0, 0, tr("It has ended: nothing to enter")};
        const int pid = backend::containers::processToEnter(*s, *c);
        const backend::Process* p = pid > 0 ? s->findProcess(pid) : nullptr;
        if (!p)
            return {0, 0,
                    tr("Container %1 has no running process whose namespaces to enter")
                        .arg(model::printable(c->name))};
        return {pid, p->startTime, {}};
    }
    default:
        return {0, 0, select};
    }
}

QString ProcessActions::signalRefusal() const
{
    const int pid = m_window->selectedPid();
    if (pid <= 0 || m_window->isOffline() ||
        m_window->currentSourceIndex().data(Role::Vanished).toBool())
        return tr("Select a running process to send it a signal");
    // kill(pid, 0): the kernel's own answer to "may we signal it" (another user's process,
    // root's for an ordinary user), so no signal is offered only to fail after the question.
    if (::kill(pid, 0) != 0 && errno == EPERM)
        return tr("Process %1 belongs to another user: not ours to signal").arg(pid);
    return {};
}

bool ProcessActions::sendSignal(int sig, bool confirm)
{
    const QModelIndex src = m_window->currentSourceIndex();
    const int pid = m_window->selectedPid();
    if (pid <= 0 || m_window->isOffline() || src.data(Role::Vanished).toBool())
        return false;
    const std::uint64_t start = src.data(Role::StartTime).toULongLong();
    const QString comm = src.siblingAtColumn(0).data().toString();
    if (confirm &&
        QMessageBox::question(
            m_window, tr("Send %1").arg(signalName(sig)),
            tr("Send %1 to process %2 (%3)?").arg(signalName(sig)).arg(pid).arg(comm),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return false;
    const backend::nsfs::UniqueFd target(backend::pidfdIfSame(pid, start));
    if (!target) {
        if (confirm)
            QMessageBox::warning(
                m_window, tr("Process gone"),
                tr("Process %1 (%2) has exited; nothing was sent.").arg(pid).arg(comm));
        return false;
    }
    if (!backend::signalPidfd(target.get(), sig)) {
        const int err = errno;
        if (confirm)
            QMessageBox::warning(
                m_window, tr("Cannot send %1").arg(signalName(sig)),
                tr("Process %1: %2").arg(pid).arg(QString::fromLocal8Bit(std::strerror(err))));
        return false;
    }
    spdlog::info("sent {} to pid {}", signalName(sig).toStdString(), pid);
    m_window->statusBar()->showMessage(
        tr("Sent %1 to %2 (%3)").arg(signalName(sig)).arg(pid).arg(comm), 4000);
    m_window->refreshNow();
    return true;
}

ContainerStopper::Container ProcessActions::selectedContainer() const
{
    const QModelIndex src = m_window->currentSourceIndex();
    const model::SnapshotPtr s = m_window->snapshot();
    if (m_window->isOffline() || !s || !src.isValid() || src.data(Role::Vanished).toBool())
        return {};
    const std::string& helperPath = m_window->options().scan.helperPath;
    const backend::Process* helper = nullptr;
    switch (RowKind(src.data(Role::Kind).toInt())) {
    case RowKind::Namespace:
        helper =
            backend::containerHelperOfNamespace(*s, backend::NsType(src.data(Role::Type).toInt()),
                                                src.data(Role::Inode).toULongLong(), helperPath);
        break;
    case RowKind::Process:
        helper = backend::containerHelperOfProcess(*s, src.data(Role::Pid).toInt(), helperPath);
        break;
    default:
        break;
    }
    if (!helper)
        return {};
    return {helper->pid, helper->startTime, model::printable(helper->comm)};
}

bool ProcessActions::stopSelectedContainer(bool confirm)
{
    const model::SnapshotPtr s = m_window->snapshot();
    return s && m_stopper->stop(selectedContainer(), *s, confirm);
}

// From a namespace row (or a type's group row) the dialog starts with a new namespace of that
// type ticked: "another one of these". Any other row, or none, gives the dialog's defaults.
LaunchDialog* ProcessActions::openLaunchDialog(bool fromSelection)
{
    auto* dialog = new LaunchDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LaunchDialog::launched, m_window, [this](qint64) { m_window->refreshNow(); });
    const QModelIndex src = fromSelection ? m_window->currentSourceIndex() : QModelIndex();
    const auto kind = RowKind(src.data(Role::Kind).toInt());
    const QVariant type = src.data(Role::Type);
    if (src.isValid() && (kind == RowKind::Namespace || kind == RowKind::TypeGroup) &&
        type.isValid()) {
        backend::LaunchRequest r = dialog->request();
        r.namespaces |= unsigned(backend::cloneFlag(backend::NsType(type.toInt())));
        dialog->setRequest(r);
    }
    dialog->show();
    return dialog;
}

void ProcessActions::openEnterDialog()
{
    const EnterTarget target = enterTarget();
    const int pid = target.pid;
    if (pid <= 0)
        return;
    // Pinned to the row's process (pid and start time), not to whatever has the pid later.
    // The snapshot's inodes tell the types of another user's process, unreadable to us.
    const std::uint64_t start = target.startTime;
    const model::SnapshotPtr snapshot = m_window->snapshot();
    const auto* proc = snapshot ? snapshot->findProcess(pid) : nullptr;
    auto* dialog =
        new EnterDialog(pid, start, m_window,
                        proc && proc->startTime == start ? proc->namespaces : SnapshotNamespaces{});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EnterDialog::launched, m_window, [this](qint64) { m_window->refreshNow(); });
    dialog->show();
}

} // namespace nsx::gui
