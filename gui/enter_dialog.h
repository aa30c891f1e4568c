// "Enter namespaces…" for a process: which of its namespaces to join (each with its inode, and
// whether it differs from ours), the command, then the user's terminal or an output pane — like
// the launch dialog, through nsexplorer-helper --enter (pidfd-pinned), via pkexec only when the
// process belongs to another user.
#pragma once

#include "launch_request.h"
#include "run_output.h"

#include <QMap>

class QCheckBox;
class QLineEdit;

namespace nsx::gui {

class EnterDialog : public HelperDialog
{
    Q_OBJECT
public:
    explicit EnterDialog(int pid, QWidget* parent = nullptr);

    backend::EnterRequest request() const;
    QStringList helperCommandLine() const override;
    // "net:[4026531840]" for the target's namespace of `type` ("net", "uts", ...), or empty.
    QString namespaceLink(const QString& type) const;

private:
    void updateState();

    int m_pid;
    bool m_targetReadable = false;
    uint m_targetOwner = 0;
    QMap<unsigned, QCheckBox*> m_nsBoxes;
    QMap<QString, QString> m_links; // type -> link text
    QLineEdit* m_command = nullptr;
};

} // namespace nsx::gui
