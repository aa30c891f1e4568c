// "New isolated shell…": builds a backend::LaunchRequest from checkboxes and fields, validates
// it with nsx_launch as the user types (the same validator the helper runs — one source of
// truth), previews the equivalent `unshare` command line, and starts the helper in the user's
// terminal or runs a non-interactive command and shows its output. Presets: three built in,
// the user's own saved with QSettings (group "launchPresets").
#pragma once

#include "launch_request.h"

#include <QDialog>
#include <QMap>
#include <QProcess>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace nsx::gui {

class LaunchDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LaunchDialog(QWidget* parent = nullptr);
    ~LaunchDialog() override;

    // The request as the widgets describe it now (possibly invalid).
    backend::LaunchRequest request() const;
    void setRequest(const backend::LaunchRequest& request);
    QString previewText() const;
    // Empty when the request is valid; otherwise the one-line reason, naming the field.
    QString errorText() const;
    bool canLaunch() const;

    static QStringList builtInPresetNames();
    QStringList presetNames() const; // built-in, then the user's
    bool applyPreset(const QString& name);
    void savePreset(const QString& name); // the current request under `name`
    void deletePreset(const QString& name);

    // The argv that starts the helper for the current request (pkexec first when it needs
    // privilege); empty if the helper was not found.
    QStringList helperCommandLine() const;

public slots:
    void openInTerminal();
    void runAndShowOutput();

signals:
    // A launch was started: the helper's pid (run) or the terminal's (terminal).
    void launched(qint64 pid);

private:
    void buildUi();
    void updateState();
    void onPresetChosen(int index);
    void onSavePreset();
    void onDeletePreset();
    void reloadPresetList();

    QMap<unsigned, QCheckBox*> m_nsBoxes;
    QLineEdit* m_hostname = nullptr;
    QCheckBox* m_mapRoot = nullptr;
    QCheckBox* m_mountProc = nullptr;
    QCheckBox* m_asPid1 = nullptr;
    QCheckBox* m_connectHost = nullptr;
    QLineEdit* m_root = nullptr;
    QLineEdit* m_workdir = nullptr;
    QLineEdit* m_command = nullptr;
    QSpinBox* m_monotonic = nullptr;
    QSpinBox* m_boottime = nullptr;
    QPlainTextEdit* m_preview = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_privilegeNote = nullptr;
    QComboBox* m_presets = nullptr;
    QPushButton* m_deletePreset = nullptr;
    QPushButton* m_terminalButton = nullptr;
    QPushButton* m_runButton = nullptr;
    QPlainTextEdit* m_output = nullptr;
    QLabel* m_exitStatus = nullptr;
    QProcess* m_process = nullptr;
    QString m_errorText;
};

// Shared by the launch and enter dialogs.
QString helperNotFoundText();
// Runs `argv` in `process`, streaming merged stdout/stderr into `output` and the final status
// into `status`. Returns false (with the reason in `status`) when it cannot start.
bool runInPane(QProcess* process, const QStringList& argv, QPlainTextEdit* output, QLabel* status);

} // namespace nsx::gui
