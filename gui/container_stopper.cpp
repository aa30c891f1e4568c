#include "container_stopper.h"

#include "nsfs.h"

#include <QMessageBox>
#include <QTimer>
#include <QWidget>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>

namespace nsx::gui {

ContainerStopper::ContainerStopper(QWidget* window) : QObject(window), m_window(window) {}

int ContainerStopper::refusal(const Container& c) const
{
    if (c.pid <= 0)
        return ESRCH;
    if (m_stopping.contains(c.pid))
        return EALREADY;
    // kill(pid, 0): is it ours to signal (a helper started through pkexec runs as root)?
    return ::kill(c.pid, 0) == 0 ? 0 : errno;
}

QString ContainerStopper::statusTip(const Container& c) const
{
    switch (refusal(c)) {
    case EALREADY:
        return tr("The container of %1 is being stopped").arg(c.pid);
    case EPERM:
        return tr("nsexplorer-helper (pid %1) runs as another user (pkexec): not ours to stop")
            .arg(c.pid);
    default:
        return tr("Ends the container nsexplorer started that the selection belongs to");
    }
}

bool ContainerStopper::stop(const Container& c, const backend::Snapshot& snapshot, bool confirm)
{
    if (const int why = refusal(c)) {
        if (confirm && why == EPERM)
            QMessageBox::warning(m_window, tr("Cannot stop the container"),
                                 tr("nsexplorer-helper (pid %1) runs as another user, probably "
                                    "through pkexec: it is not ours to signal.")
                                     .arg(c.pid));
        return false;
    }
    const std::vector<backend::PinnedProcess> members = backend::containerMembers(snapshot, c.pid);
    if (confirm &&
        QMessageBox::question(
            m_window, tr("Stop container"),
            tr("Stop the container started by nsexplorer-helper (pid %1)? Its %n process(es) get "
               "SIGHUP and SIGTERM; any still running after %2 s are killed.",
               nullptr, int(members.size()))
                .arg(c.pid)
                .arg(m_graceMs / 1000.0, 0, 'g', 2),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return false;
    auto helperFd =
        std::make_shared<backend::nsfs::UniqueFd>(backend::pidfdIfSame(c.pid, c.startTime));
    if (!*helperFd) {
        if (confirm)
            QMessageBox::warning(
                m_window, tr("Container gone"),
                tr("nsexplorer-helper (pid %1) has exited; nothing was sent.").arg(c.pid));
        return false;
    }
    if (!backend::sendStopSignals(helperFd->get())) {
        const int err = errno;
        if (confirm)
            QMessageBox::warning(
                m_window, tr("Cannot stop the container"),
                tr("Process %1: %2").arg(c.pid).arg(QString::fromLocal8Bit(std::strerror(err))));
        return false;
    }
    spdlog::info("stop container: SIGHUP and SIGTERM to helper pid {}", c.pid);
    m_stopping.insert(c.pid);
    emit changed();
    emit message(tr("Stopping the container of %1…").arg(c.pid), m_graceMs + 4000);
    // The helper passes both on to its payload (a shell ends on SIGHUP); what is left after
    // the grace period is killed.
    QTimer::singleShot(m_graceMs, this,
                       [this, c, helperFd, members] { finish(c, helperFd->get(), members); });
    emit refreshWanted();
    return true;
}

void ContainerStopper::finish(const Container& c, int helperPidfd,
                              const std::vector<backend::PinnedProcess>& members)
{
    m_stopping.remove(c.pid);
    const auto [killed, refused] = backend::killRemaining(helperPidfd, c.pid, members);
    if (refused)
        spdlog::warn("stop container {}: {} process(es) refused SIGKILL", c.pid, refused);
    else if (killed)
        spdlog::info("stop container {}: SIGKILL to {} process(es)", c.pid, killed);
    emit message(
        refused ? tr("The container of %1: %n process(es) could not be killed", nullptr, refused)
                      .arg(c.pid)
        : killed
            ? tr("Killed the container of %1 (%n process(es) had ignored SIGTERM)", nullptr, killed)
                  .arg(c.pid)
            : tr("The container of %1 ended").arg(c.pid),
        6000);
    emit changed();
    emit refreshWanted();
}

} // namespace nsx::gui
