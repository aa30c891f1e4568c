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
//
// Another user's process, for an ordinary user: its /proc/PID/ns is not readable, so the boxes
// come from the snapshot's inodes for it (ticked when they differ from ours); the types it does
// not know are offered unticked, for the helper (run through pkexec, as root) to read. When
// pkexec or polkit is missing, Run stays disabled and the reason names what to install.
// Refusals are shown as sentences chosen by RequestErrorCode, never with the CLI's options.
#pragma once

#include "launch_request.h"
#include "ns_type.h"
#include "nsfs.h"
#include "run_output.h"

#include <QMap>
#include <QProcessEnvironment>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace nsx::gui {

// A process's namespace inodes as the snapshot has them (backend::Process::namespaces), indexed
// by backend::index(NsType); nullopt where the scan could not read the link.
using SnapshotNamespaces = std::array<std::optional<std::uint64_t>, backend::kNsTypeCount>;

class EnterDialog : public HelperDialog
{
    Q_OBJECT
public:
    // `startTime`: the process's start time as the browser shows it (clock ticks after boot).
    // `known`: the snapshot's inodes for it, used for the types we cannot read ourselves.
    EnterDialog(int pid, std::uint64_t startTime, QWidget* parent = nullptr,
                const SnapshotNamespaces& known = {});

    // Why pkexec cannot authorise a run for us, in words naming the Debian packages to install;
    // empty when it can. pkexec: /usr/bin/pkexec or in `env`'s PATH (as helperCommand() runs
    // it). polkit: its daemon is reached on the D-Bus system bus, so that bus's socket
    // ($DBUS_SYSTEM_BUS_ADDRESS's unix:path, by default /run/dbus/system_bus_socket) must exist.
    static QString
    elevationUnavailable(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    // The dialog's sentence for a refusal from validate()/planEnter(), chosen by its code.
    static QString refusalText(const backend::RequestError& error);

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
    bool m_nsReadable = false; // its /proc/PID/ns could be probed (else the helper reads it)
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
