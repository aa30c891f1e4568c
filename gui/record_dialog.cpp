#include "record_dialog.h"

#include "chart_colors.h"
#include "chart_common.h"
#include "recorder.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace nsx::gui {

RecordDialog::RecordDialog(nsx::model::Recorder* recorder, QWidget* parent)
    : QDialog(parent), m_recorder(recorder)
{
    setWindowTitle(tr("Record snapshots"));

    m_enabled = new QCheckBox(tr("&Record a snapshot at regular intervals"), this);
    m_folder = new QLineEdit(this);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_interval = new QSpinBox(this);
    m_interval->setRange(1, 24 * 3600);
    m_interval->setSuffix(tr(" s"));
    m_maxFiles = new QSpinBox(this);
    m_maxFiles->setRange(1, 100000);
    m_maxFiles->setSuffix(tr(" files"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    auto* intervalLabel = new QLabel(tr("&Every:"), this);
    intervalLabel->setBuddy(m_interval);
    auto* keepLabel = new QLabel(tr("&Keep at most:"), this);
    keepLabel->setBuddy(m_maxFiles);
    form->addRow(folderLabel, folderRow);
    form->addRow(intervalLabel, m_interval);
    form->addRow(keepLabel, m_maxFiles);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* compare = buttons->addButton(tr("&Compare recordings…"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &RecordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(compare, &QPushButton::clicked, this,
            [this] { emit compareRequested(m_folder->text()); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString current = m_folder->text();
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Record into"), QFileInfo(current).isDir() ? current : lastFileFolder());
        if (dir.isEmpty())
            return;
        rememberFileFolder(dir);
        m_folder->setText(dir);
    });
    connect(m_folder, &QLineEdit::textChanged, this, &RecordDialog::updateStatus);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);

    m_enabled->setChecked(recorder->isEnabled());
    m_folder->setText(recorder->folder().isEmpty() ? defaultFolder() : recorder->folder());
    m_interval->setValue(recorder->intervalSeconds());
    m_maxFiles->setValue(recorder->maxFiles());
    updateStatus();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

QString RecordDialog::defaultFolder()
{
    // Not AppLocalDataLocation: that is <data>/<organization>/<application>, and both are
    // "nsexplorer" (main.cpp; the organization also names the settings file), which doubled
    // the folder: <data>/nsexplorer/recordings.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QCoreApplication::applicationName() + QStringLiteral("/recordings"));
}

void RecordDialog::setRecordingEnabled(bool on)
{
    m_enabled->setChecked(on);
}

void RecordDialog::setFolder(const QString& folder)
{
    m_folder->setText(folder);
}

void RecordDialog::setIntervalSeconds(int seconds)
{
    m_interval->setValue(seconds);
}

void RecordDialog::setMaxFiles(int count)
{
    m_maxFiles->setValue(count);
}

void RecordDialog::updateStatus()
{
    const int count = int(nsx::model::Recorder::recordedFiles(m_folder->text()).size());
    QString text = count == 1 ? tr("1 snapshot recorded in this folder.")
                              : tr("%1 snapshots recorded in this folder.").arg(count);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    if (!m_recorder->lastError().isEmpty()) {
        text += QLatin1Char(' ') + tr("Last error: %1").arg(m_recorder->lastError());
        p.setColor(QPalette::WindowText, diffForeground(DiffKind::Removed, palette()));
    }
    m_status->setPalette(p);
    m_status->setText(text);
}

void RecordDialog::accept()
{
    m_recorder->setFolder(m_folder->text());
    m_recorder->setIntervalSeconds(m_interval->value());
    m_recorder->setMaxFiles(m_maxFiles->value());
    m_recorder->setEnabled(m_enabled->isChecked());
    QDialog::accept();
}

} // namespace nsx::gui
