#include "enter_dialog.h"

#include "launch_dialog.h"
#include "terminal_launcher.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <unistd.h>

namespace nsx::gui {

using namespace nsx::backend;

namespace {

// "net:[4026531840]". Plain readlink(): QFileInfo would resolve it as a relative path.
QString nsLink(const QString& path)
{
    char buf[128];
    const ssize_t n = ::readlink(path.toLocal8Bit().constData(), buf, sizeof buf - 1);
    return n > 0 ? QString::fromLatin1(buf, static_cast<int>(n)) : QString();
}

} // namespace

EnterDialog::EnterDialog(int pid, QWidget* parent) : QDialog(parent), m_pid(pid)
{
    setWindowTitle(tr("Enter the namespaces of process %1").arg(pid));
    auto* layout = new QVBoxLayout(this);

    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    QFile status(proc + "/status");
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("Uid:")) {
                m_targetOwner = line.mid(4).simplified().split(' ').value(0).toUInt();
                m_targetReadable = true;
            }
        }
    }
    QFile comm(proc + "/comm");
    QString name;
    if (comm.open(QIODevice::ReadOnly))
        name = QString::fromUtf8(comm.readAll()).trimmed();
    auto* title =
        new QLabel(tr("Process %1 (%2), user %3").arg(pid).arg(name).arg(m_targetOwner), this);
    title->setTextFormat(Qt::PlainText);
    layout->addWidget(title);

    auto* group = new QGroupBox(tr("Namespaces to join"), this);
    auto* grid = new QGridLayout(group);
    int row = 0;
    for (const auto& o : kNsOptions) {
        const QString type = QString::fromLatin1(o.procName);
        const QString theirs = nsLink(proc + "/ns/" + type);
        const QString ours = nsLink("/proc/self/ns/" + type);
        m_links.insert(type, theirs);
        auto* box = new QCheckBox(type, group);
        box->setObjectName(QStringLiteral("ns_%1").arg(type));
        QString detail;
        if (theirs.isEmpty()) {
            detail = tr("not readable");
            box->setEnabled(false);
        } else if (theirs == ours) {
            detail = tr("%1 — the same as this program's").arg(theirs);
        } else {
            detail = theirs;
            box->setChecked(o.bit != kNsUser || ::geteuid() != 0);
        }
        auto* label = new QLabel(detail, group);
        label->setObjectName(QStringLiteral("inode_%1").arg(type));
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(box, row, 0);
        grid->addWidget(label, row, 1);
        m_nsBoxes.insert(o.bit, box);
        connect(box, &QCheckBox::toggled, this, &EnterDialog::updateState);
        ++row;
    }
    layout->addWidget(group);

    auto* form = new QFormLayout;
    const QString shell = qEnvironmentVariable("SHELL", "/bin/sh");
    m_command = new QLineEdit(checkAbsolutePath(shell.toStdString()) ? "/bin/sh" : shell, this);
    m_command->setObjectName("command");
    form->addRow(tr("&Command:"), m_command);
    layout->addLayout(form);
    connect(m_command, &QLineEdit::textChanged, this, &EnterDialog::updateState);

    layout->addWidget(new QLabel(tr("Equivalent command line:"), this));
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName("preview");
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMaximumHeight(m_preview->fontMetrics().lineSpacing() * 3 + 12);
    layout->addWidget(m_preview);
    m_error = new QLabel(this);
    m_error->setObjectName("error");
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    layout->addWidget(m_error);
    m_privilegeNote = new QLabel(this);
    m_privilegeNote->setObjectName("privilegeNote");
    m_privilegeNote->setWordWrap(true);
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
    connect(m_terminalButton, &QPushButton::clicked, this, &EnterDialog::openInTerminal);
    connect(m_runButton, &QPushButton::clicked, this, &EnterDialog::runAndShowOutput);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName("output");
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_output, 1);
    m_exitStatus = new QLabel(this);
    m_exitStatus->setObjectName("exitStatus");
    layout->addWidget(m_exitStatus);

    m_process = new QProcess(this);
    connect(m_process, &QProcess::readyRead, this, [this] {
        m_output->moveCursor(QTextCursor::End);
        m_output->insertPlainText(QString::fromLocal8Bit(m_process->readAll()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        m_output->moveCursor(QTextCursor::End);
        m_output->insertPlainText(QString::fromLocal8Bit(m_process->readAll()));
        m_exitStatus->setText(st == QProcess::NormalExit ? tr("Exited with status %1").arg(code)
                                                         : tr("Terminated abnormally"));
        updateState();
    });
    updateState();
}

EnterDialog::~EnterDialog()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process->waitForFinished(3000);
    }
}

EnterRequest EnterDialog::request() const
{
    EnterRequest r;
    r.target = m_pid;
    for (auto it = m_nsBoxes.cbegin(); it != m_nsBoxes.cend(); ++it)
        if (it.value()->isChecked())
            r.namespaces |= it.key();
    r.command =
        splitShellWords(m_command->text().toStdString()).value_or(std::vector<std::string>{});
    return r;
}

QString EnterDialog::previewText() const
{
    return m_preview->toPlainText();
}

QString EnterDialog::errorText() const
{
    return m_errorText;
}

bool EnterDialog::canLaunch() const
{
    return m_errorText.isEmpty();
}

QString EnterDialog::namespaceLink(const QString& type) const
{
    return m_links.value(type);
}

QStringList EnterDialog::helperCommandLine() const
{
    const std::string helper = findHelper(QCoreApplication::applicationFilePath().toStdString());
    if (helper.empty())
        return {};
    QStringList argv;
    const bool elevate = needsPrivilegeToEnter(m_targetOwner, ::geteuid());
    for (const auto& a : helperCommand(helper, toHelperArgs(request()), elevate))
        argv << QString::fromStdString(a);
    return argv;
}

void EnterDialog::updateState()
{
    const EnterRequest r = request();
    m_preview->setPlainText(QString::fromStdString(nsenterCommandLine(r)));
    QString error;
    if (!m_targetReadable)
        error = tr("Process %1 is gone or not readable").arg(m_pid);
    else if (!splitShellWords(m_command->text().toStdString()))
        error = tr("command: unterminated quote or trailing backslash");
    else if (auto e = validate(r))
        error = QString::fromStdString(e->line());
    else if (helperCommandLine().isEmpty())
        error = helperNotFoundText();
    m_errorText = error;
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    const bool elevate = needsPrivilegeToEnter(m_targetOwner, ::geteuid());
    m_privilegeNote->setText(elevate ? tr("This process belongs to another user: you will be "
                                          "asked to authenticate (pkexec).")
                                     : QString());
    m_privilegeNote->setVisible(elevate);
    const bool running = m_process && m_process->state() != QProcess::NotRunning;
    m_terminalButton->setEnabled(error.isEmpty());
    m_runButton->setEnabled(error.isEmpty() && !running);
}

void EnterDialog::openInTerminal()
{
    if (!canLaunch())
        return;
    qint64 pid = 0;
    const QString error =
        TerminalLauncher::start(TerminalLauncher::keepOpenOnFailure(helperCommandLine()), &pid);
    if (!error.isEmpty()) {
        m_exitStatus->setText(error);
        return;
    }
    m_exitStatus->setText(tr("Started in a terminal"));
    emit launched(pid);
}

void EnterDialog::runAndShowOutput()
{
    if (!canLaunch() || m_process->state() != QProcess::NotRunning)
        return;
    if (runInPane(m_process, helperCommandLine(), m_output, m_exitStatus))
        emit launched(m_process->processId());
    updateState();
}

} // namespace nsx::gui
