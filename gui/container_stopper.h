// Stop container, for the main window: which containers may be stopped now (and why not), the
// question, the stop signals to the helper, and after the grace period SIGKILL to what is still
// there (backend/process_control does the signalling, each process checked by start time
// through a pidfd). Remembers the helpers being stopped until their grace period is over.
#pragma once

#include "process_control.h"

#include <QObject>
#include <QSet>
#include <QString>

class QWidget;

namespace nsx::gui {

class ContainerStopper : public QObject
{
    Q_OBJECT
public:
    // A container nsexplorer's helper started, as its helper process; pid 0: none.
    struct Container
    {
        int pid = 0;
        std::uint64_t startTime = 0;
        QString comm;
    };

    // `window` is the parent of the question and of the warnings.
    explicit ContainerStopper(QWidget* window);

    int graceMs() const { return m_graceMs; }
    void setGraceMs(int ms) { m_graceMs = ms; }

    // 0 when it can be stopped now, else why not (ESRCH none, EALREADY being stopped, EPERM
    // not ours to signal); and the matching status tip for the action.
    int refusal(const Container& c) const;
    QString statusTip(const Container& c) const;

    // SIGHUP and SIGTERM to the helper (which passes them on to the payload); after the grace
    // period SIGKILL to the helper and to its processes of `snapshot` still there. Asks first,
    // and explains refusals, unless confirm is false (tests: no dialog at all). True when they
    // were sent.
    bool stop(const Container& c, const backend::Snapshot& snapshot, bool confirm);

signals:
    // Which containers can be stopped changed (a stop began or its grace period ended).
    void changed();
    void message(const QString& text, int timeoutMs);
    // A stop step was taken: the browser should rescan now.
    void refreshWanted();

private:
    void finish(const Container& c, int helperPidfd,
                const std::vector<backend::PinnedProcess>& members);

    QWidget* m_window;
    int m_graceMs = 3000;
    QSet<int> m_stopping; // helpers sent SIGTERM, until their grace period is over
};

} // namespace nsx::gui
