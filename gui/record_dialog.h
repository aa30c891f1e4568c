// "Record snapshots…": the settings of a model::Recorder (on/off, folder, interval, how many
// files to keep), what it has recorded so far and its last error, and a way into the compare
// dialog over the recordings.
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace nsx::model {
class Recorder;
}

namespace nsx::gui {

class RecordDialog : public QDialog
{
    Q_OBJECT
public:
    // The recorder is not owned and must outlive the dialog. Changes apply on OK (accept()).
    explicit RecordDialog(nsx::model::Recorder* recorder, QWidget* parent = nullptr);

    // Where recordings go when the recorder has no folder yet (under the user's data folder).
    static QString defaultFolder();

    void setRecordingEnabled(bool on);
    void setFolder(const QString& folder);
    void setIntervalSeconds(int seconds);
    void setMaxFiles(int count);

public slots:
    void accept() override;

signals:
    // "Compare recordings…" was pressed; the folder is the one shown in the dialog.
    void compareRequested(const QString& folder);

private:
    void updateStatus();

    nsx::model::Recorder* m_recorder;
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_folder = nullptr;
    QSpinBox* m_interval = nullptr;
    QSpinBox* m_maxFiles = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace nsx::gui
