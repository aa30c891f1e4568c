// "New isolated shell…": builds a backend::LaunchRequest from checkboxes and fields, validates
// it with nsx_launch as the user types (the same validator the helper runs — one source of
// truth), previews the equivalent `unshare` command line, and starts the helper in the user's
// terminal or runs a non-interactive command and shows its output. Presets: three built in,
// the user's own saved with QSettings (group "launchPresets").
#pragma once

#include "launch_request.h"
#include "run_output.h"

#include <QMap>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace nsx::gui {

class LaunchDialog : public HelperDialog
{
    Q_OBJECT
public:
    explicit LaunchDialog(QWidget* parent = nullptr);

    // The request as the widgets describe it now (possibly invalid).
    backend::LaunchRequest request() const;
    void setRequest(const backend::LaunchRequest& request);

    static QStringList builtInPresetNames();
    QStringList presetNames() const; // built-in, then the user's
    bool applyPreset(const QString& name);
    void savePreset(const QString& name); // the current request under `name`
    void deletePreset(const QString& name);

    QStringList helperCommandLine() const override;

private:
    void buildUi();
    void updateState();
    // Ticks and disables the boxes of namespaces other choices imply (with why as tooltip).
    void showImpliedNamespaces(const backend::LaunchRequest& r, bool rootless);
    static QString impliedBy(unsigned bit, const backend::LaunchRequest& r, bool rootless);
    void onPresetChosen(int index);
    void onSavePreset();
    void onDeletePreset();
    void reloadPresetList();

    QMap<unsigned, QCheckBox*> m_nsBoxes;
    QLineEdit* m_name = nullptr;
    // The name follows the hostname until the user types one of their own (textEdited).
    bool m_nameEdited = false;
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
    QComboBox* m_presets = nullptr;
    QPushButton* m_deletePreset = nullptr;
};

} // namespace nsx::gui
