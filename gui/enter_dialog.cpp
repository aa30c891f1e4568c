#include "enter_dialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFile>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
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

EnterDialog::EnterDialog(int pid, QWidget* parent) : HelperDialog(parent), m_pid(pid)
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

    addRunOutput(layout, 3);
    updateState();
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
    const bool elevate = needsPrivilegeToEnter(m_targetOwner, ::geteuid());
    showState(QString::fromStdString(nsenterCommandLine(r)),
              m_targetReadable ? QString() : tr("Process %1 is gone or not readable").arg(m_pid),
              m_command->text(), validate(r),
              elevate ? tr("This process belongs to another user: you will be asked to "
                           "authenticate (pkexec).")
                      : QString());
}

} // namespace nsx::gui
