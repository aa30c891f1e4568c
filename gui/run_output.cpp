#include "run_output.h"

#include "terminal_emulator.h"

#include <QBoxLayout>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace nsx::gui {

QString requestText(const backend::RequestText& text)
{
    return QString::fromStdString(text.text([](const char* marked) {
        return QCoreApplication::translate("RequestError", marked).toStdString();
    }));
}

QString requestErrorLine(const backend::RequestError& error)
{
    //: An option name (hostname, map-user, command) and what is wrong with its value.
    return HelperDialog::tr("%1: %2").arg(QString::fromStdString(error.field),
                                          requestText(error.message));
}

QString helperNotFoundText()
{
    return RunOutput::tr(
        "nsexplorer-helper was not found next to nsexplorer or in the install prefix");
}

RunOutput::RunOutput(int previewLines, std::function<QStringList()> command, QWidget* parent)
    : QWidget(parent), m_command(std::move(command))
{
    // No margins: the widgets line up with the dialog's own, as if laid out there.
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    layout->addWidget(new QLabel(tr("Equivalent command line:"), this));
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName("preview");
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMaximumHeight(m_preview->fontMetrics().lineSpacing() * previewLines + 12);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_preview);
    m_error = new QLabel(this);
    m_error->setObjectName("error");
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->setVisible(false);
    layout->addWidget(m_error);
    m_privilegeNote = new QLabel(this);
    m_privilegeNote->setObjectName("privilegeNote");
    m_privilegeNote->setWordWrap(true);
    m_privilegeNote->setVisible(false);
    layout->addWidget(m_privilegeNote);

    auto* buttons = new QHBoxLayout;
    m_terminalButton = new QPushButton(tr("Open in &terminal"), this);
    m_terminalButton->setObjectName("openInTerminal");
    m_runButton = new QPushButton(tr("&Run and show output"), this);
    m_runButton->setObjectName("runAndShow");
    auto* close = new QPushButton(tr("Close"), this);
    buttons->addWidget(m_terminalButton);
    buttons->addWidget(m_runButton);
    buttons->addStretch(1);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(m_terminalButton, &QPushButton::clicked, this, &RunOutput::openInTerminal);
    connect(m_runButton, &QPushButton::clicked, this, &RunOutput::run);
    connect(close, &QPushButton::clicked, this, &RunOutput::closeRequested);

    m_output = new QPlainTextEdit(this);
    m_output->setObjectName("output");
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("Output of “Run and show output” appears here"));
    layout->addWidget(m_output, 1);
    m_exitStatus = new QLabel(this);
    m_exitStatus->setObjectName("exitStatus");
    layout->addWidget(m_exitStatus);

    m_process = new QProcess(this);
    connect(m_process, &QProcess::readyRead, this, &RunOutput::appendOutput);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        appendOutput();
        m_exitStatus->setText(st == QProcess::NormalExit ? tr("Exited with status %1").arg(code)
                                                         : tr("Terminated abnormally"));
        updateButtons();
    });
    updateButtons();
}

RunOutput::~RunOutput()
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process->waitForFinished(3000);
    }
}

void RunOutput::setPreview(const QString& commandLine)
{
    m_preview->setPlainText(commandLine);
}

QString RunOutput::previewText() const
{
    return m_preview->toPlainText();
}

void RunOutput::setError(const QString& error)
{
    m_errorText = error;
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    updateButtons();
}

void RunOutput::setPrivilegeNote(const QString& note)
{
    m_privilegeNote->setText(note);
    m_privilegeNote->setVisible(!note.isEmpty());
}

bool RunOutput::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

void RunOutput::openInTerminal()
{
    if (!m_errorText.isEmpty())
        return;
    const QStringList argv = m_command();
    if (argv.isEmpty())
        return;
    qint64 pid = 0;
    const QString error = TerminalEmulator::start(TerminalEmulator::keepOpenOnFailure(argv), &pid);
    if (!error.isEmpty()) {
        m_exitStatus->setText(error);
        return;
    }
    m_exitStatus->setText(tr("Started in a terminal"));
    emit launched(pid);
}

void RunOutput::run()
{
    if (!m_errorText.isEmpty() || isRunning())
        return;
    const QStringList argv = m_command();
    if (argv.isEmpty())
        return;
    m_output->clear();
    m_exitStatus->setText(tr("Running…"));
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProgram(argv.first());
    m_process->setArguments(argv.mid(1));
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_exitStatus->setText(
            tr("Cannot start %1: %2").arg(argv.first(), m_process->errorString()));
    } else {
        emit launched(m_process->processId());
    }
    updateButtons();
}

void RunOutput::appendOutput()
{
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(QString::fromLocal8Bit(m_process->readAll()));
}

void RunOutput::updateButtons()
{
    m_terminalButton->setEnabled(m_errorText.isEmpty());
    m_runButton->setEnabled(m_errorText.isEmpty() && !isRunning());
}

// ---------------------------------------------------------------- HelperDialog

HelperDialog::HelperDialog(QWidget* parent) : QDialog(parent) {}

void HelperDialog::addRunOutput(QBoxLayout* layout, int previewLines)
{
    m_run = new RunOutput(
        previewLines, [this] { return helperCommandLine(); }, this);
    layout->addWidget(m_run, 1);
    connect(m_run, &RunOutput::closeRequested, this, &QDialog::reject);
    connect(m_run, &RunOutput::launched, this, &HelperDialog::launched);
}

void HelperDialog::showState(const QString& preview, const QString& error, const QString& command,
                             const std::optional<backend::RequestError>& invalid,
                             const QString& privilegeNote)
{
    m_run->setPreview(preview);
    QString reason = error;
    if (reason.isEmpty() && !backend::splitShellWords(command.toStdString()))
        reason = tr("command: unterminated quote or trailing backslash");
    if (reason.isEmpty() && invalid)
        reason = requestErrorLine(*invalid);
    if (reason.isEmpty() && helperCommandLine().isEmpty())
        reason = helperNotFoundText();
    m_run->setError(reason);
    m_run->setPrivilegeNote(privilegeNote);
}

QString HelperDialog::previewText() const
{
    return m_run->previewText();
}

QString HelperDialog::errorText() const
{
    return m_run->errorText();
}

bool HelperDialog::canLaunch() const
{
    return m_run->errorText().isEmpty();
}

void HelperDialog::openInTerminal()
{
    m_run->openInTerminal();
}

void HelperDialog::runAndShowOutput()
{
    m_run->run();
}

} // namespace nsx::gui
