// "Enter namespaces…" for a process: which of its namespaces to join (each with its inode, and
// whether it differs from ours), the command, then the user's terminal or an output pane — like
// the launch dialog, through nsexplorer-helper --enter, via pkexec only when the process belongs
// to another user.
//
// Pinned to the process the browser showed: a pidfd opened (and checked against the start time
// shown) when the dialog opens; Run refuses once that process has exited, and the helper is
// given --expect-start so a pid reused in between is refused there too. Namespaces owned by the
// target's user namespace are joined with it by default (the user namespace is ticked whenever it
// differs, as root too); keeping host root's rights there takes an explicit, warned choice.
#pragma once

#include "launch_request.h"
#include "nsfs.h"
#include "run_output.h"

#include <QMap>

#include <cstdint>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace nsx::gui {

class EnterDialog : public HelperDialog
{
    Q_OBJECT
public:
    // `startTime`: the process's start time as the browser shows it (clock ticks after boot).
    EnterDialog(int pid, std::uint64_t startTime, QWidget* parent = nullptr);

    backend::EnterRequest request() const;
    QStringList helperCommandLine() const override;
    // "net:[4026531840]" for the target's namespace of `type` ("net", "uts", ...), or empty.
    QString namespaceLink(const QString& type) const;

private:
    void updateState();
    // The pinned process is still there (not exited; its pid not taken by another).
    bool stillThere() const;

    int m_pid;
    std::uint64_t m_startTime;
    backend::nsfs::UniqueFd m_pidfd;
    bool m_targetReadable = false;
    uint m_targetOwner = 0;
    unsigned m_foreignOwned = 0;               // types owned by a user namespace other than ours
    std::vector<backend::EnterNsInfo> m_probe; // what the helper will be checked against
    QMap<unsigned, QCheckBox*> m_nsBoxes;
    QMap<QString, QString> m_links; // type -> link text
    QLineEdit* m_command = nullptr;
    QCheckBox* m_unsafeHostRoot = nullptr;
    QLabel* m_unsafeWarning = nullptr;
};

} // namespace nsx::gui
