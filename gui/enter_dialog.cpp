#include "enter_dialog.h"

#include "process_control.h"
#include "process_ids.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFile>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <sys/stat.h>
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

// The inode in "net:[4026531840]", 0 when there is none.
std::uint64_t linkInode(const QString& link)
{
    const qsizetype open = link.indexOf('[');
    return open < 0 || !link.endsWith(']') ? 0 : link.mid(open + 1).chopped(1).toULongLong();
}

// The socket the D-Bus system bus listens on: $DBUS_SYSTEM_BUS_ADDRESS's first unix:path=,
// else D-Bus's default. Empty for an address we cannot check (an abstract socket, tcp).
QString systemBusSocket(const QProcessEnvironment& env)
{
    const QString address = env.value("DBUS_SYSTEM_BUS_ADDRESS");
    if (address.isEmpty())
        return QStringLiteral("/run/dbus/system_bus_socket");
    for (const QString& entry : address.split(';', Qt::SkipEmptyParts)) {
        if (!entry.startsWith(QLatin1String("unix:")))
            continue;
        for (const QString& kv : entry.mid(5).split(','))
            if (kv.startsWith(QLatin1String("path=")))
                return kv.mid(5);
    }
    return {};
}

} // namespace

QString EnterDialog::elevationUnavailable(const QProcessEnvironment& env)
{
    // The agents named are Debian 12 packages for the common desktops.
    const QString agents =
        QStringLiteral("polkit-kde-agent-1, policykit-1-gnome, mate-polkit, lxpolkit");
    const QStringList path = env.value("PATH").split(':', Qt::SkipEmptyParts);
    const bool pkexec =
        ::access("/usr/bin/pkexec", X_OK) == 0 ||
        (!path.isEmpty() && !QStandardPaths::findExecutable("pkexec", path).isEmpty());
    if (!pkexec)
        return tr("pkexec is not installed, and entering another user's process needs it to ask "
                  "for an administrator's password. Install Debian's “pkexec” package and a "
                  "polkit agent for your desktop (one of %1), or start nsexplorer as root.")
            .arg(agents);
    const QString bus = systemBusSocket(env);
    struct stat st
    {};
    if (!bus.isEmpty() &&
        (::stat(QFile::encodeName(bus).constData(), &st) != 0 || !S_ISSOCK(st.st_mode)))
        return tr("polkit is not running (there is no D-Bus system bus at %1), so pkexec cannot "
                  "ask for a password. Install and start Debian's “polkitd” and “dbus” packages, "
                  "with a polkit agent for your desktop (one of %2), or start nsexplorer as root.")
            .arg(bus, agents);
    return {};
}

QString EnterDialog::refusalText(const RequestError& e)
{
    const QString field = QString::fromStdString(e.field);
    switch (e.code) {
    case RequestErrorCode::NoneSelected:
        return tr("Tick at least one namespace to join.");
    case RequestErrorCode::Missing:
        return tr("Give a command to run.");
    case RequestErrorCode::NotReadable:
        return tr("The process's %1 namespace is not readable: untick it.").arg(field);
    case RequestErrorCode::Refused:
        if (field == QLatin1String("unsafe-host-root"))
            return tr("Only root may keep host root's rights.");
        return tr("The %1 namespace belongs to a user namespace other than this program's and "
                  "the process's: it cannot be joined safely.")
            .arg(field);
    default:
        break;
    }
    if (field == QLatin1String("unsafe-host-root"))
        return tr("Keeping host root's rights excludes joining the user namespace.");
    if (field == QLatin1String("command"))
        return tr("The command cannot be run: %1.").arg(requestText(e.message));
    if (field == QLatin1String("target") || field == QLatin1String("expect-start"))
        return tr("This process cannot be identified any more: close the dialog and choose it "
                  "again.");
    return tr("This request cannot be started (%1).").arg(requestText(e.message));
}

EnterDialog::EnterDialog(int pid, std::uint64_t startTime, QWidget* parent,
                         const SnapshotNamespaces& known)
    : HelperDialog(parent), m_pid(pid), m_startTime(startTime), m_pidfd(pidfdIfSame(pid, startTime))
{
    setWindowTitle(tr("Enter the namespaces of process %1").arg(pid));
    auto* layout = new QVBoxLayout(this);

    // Everything below is read after the pidfd was opened and checked; stillThere() after it
    // proves it was read from that very process.
    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    if (const auto ids = m_pidfd ? readProcessIds(pid) : std::nullopt) {
        m_targetOwner = ids->realUid;
        m_targetReadable = true;
    }
    QFile comm(proc + "/comm");
    QString name;
    if (m_pidfd && comm.open(QIODevice::ReadOnly))
        name = QString::fromUtf8(comm.readAll()).trimmed();
    auto infos = m_pidfd ? probeEnterTarget(pid) : std::vector<EnterNsInfo>{};
    QMap<unsigned, EnterNsInfo> byBit;
    for (const auto& i : infos)
        byBit.insert(i.bit, i);
    m_targetReadable = m_targetReadable && stillThere();
    m_nsReadable = m_targetReadable && std::any_of(infos.begin(), infos.end(),
                                                   [](const EnterNsInfo& i) { return i.readable; });
    if (!m_targetReadable)
        byBit.clear();
    else if (m_nsReadable)
        m_probe = infos;
    unsigned defaults = defaultEnterNamespaces(infos);
    // Another user's process: the helper reads its namespaces once pkexec made it root. Until
    // then the snapshot tells what it knows (a scan as root, or a saved one).
    const bool viaPkexec =
        m_targetReadable && !m_nsReadable && needsPrivilegeToEnter(m_targetOwner, ::geteuid());

    auto* title =
        new QLabel(tr("Process %1 (%2), user %3").arg(pid).arg(name).arg(m_targetOwner), this);
    title->setTextFormat(Qt::PlainText);
    layout->addWidget(title);

    auto* group = new QGroupBox(tr("Namespaces to join"), this);
    auto* grid = new QGridLayout(group);
    int row = 0;
    for (const auto& o : kNsOptions) {
        const QString type = QString::fromLatin1(o.procName);
        const EnterNsInfo info = byBit.value(o.bit);
        const QString theirs = info.readable ? nsLink(proc + "/ns/" + type) : QString();
        m_links.insert(type, theirs);
        auto* box = new QCheckBox(type, group);
        box->setObjectName(QStringLiteral("ns_%1").arg(type));
        QString detail;
        const auto nsType = nsTypeFromString(o.procName);
        const QString ours = nsLink(QStringLiteral("/proc/self/ns/") + type);
        const std::uint64_t snapshot =
            nsType && known[index(*nsType)] ? *known[index(*nsType)] : 0; // 0: not known
        if (theirs.isEmpty() && viaPkexec && !ours.isEmpty()) {
            if (snapshot == 0) {
                detail = tr("not readable as you (pkexec reads it when joining)");
            } else if (snapshot == linkInode(ours)) {
                detail = tr("%1:[%2] — the same as this program's (from the snapshot)")
                             .arg(type)
                             .arg(snapshot);
            } else {
                detail = tr("%1:[%2] (from the snapshot)").arg(type).arg(snapshot);
                defaults |= o.bit;
            }
        } else if (theirs.isEmpty()) {
            detail = tr("not readable");
            box->setEnabled(false);
        } else if (!info.differs) {
            detail = tr("%1 — the same as this program's").arg(theirs);
        } else {
            detail = theirs;
            if (o.bit != kNsUser && info.owner != NsOwner::Caller) {
                m_foreignOwned |= o.bit;
                detail += info.owner == NsOwner::Target
                              ? tr(" — owned by the process's user namespace")
                              : tr(" — owned by another user namespace");
            }
        }
        box->setChecked(defaults & o.bit);
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

    // Root only, and only when it matters: joining namespaces owned by another user namespace
    // without it keeps host root's rights in a place whose owner decides which programs run.
    m_unsafeHostRoot =
        new QCheckBox(tr("Keep host root's rights (do not join the owning user namespace)"), this);
    m_unsafeHostRoot->setObjectName("unsafeHostRoot");
    m_unsafeWarning = new QLabel(
        tr("Unsafe: the programs and libraries found in these namespaces are chosen by the "
           "user who owns them. Run as host root, they can take over this machine."),
        this);
    m_unsafeWarning->setObjectName("unsafeWarning");
    m_unsafeWarning->setWordWrap(true);
    m_unsafeWarning->setStyleSheet(QStringLiteral("color: #b00020"));
    const bool offerUnsafe = ::geteuid() == 0 && m_foreignOwned != 0;
    m_unsafeHostRoot->setVisible(offerUnsafe);
    m_unsafeHostRoot->setEnabled(offerUnsafe);
    m_unsafeWarning->setVisible(false);
    layout->addWidget(m_unsafeHostRoot);
    layout->addWidget(m_unsafeWarning);
    connect(m_unsafeHostRoot, &QCheckBox::toggled, this, [this](bool on) {
        m_unsafeWarning->setVisible(on);
        if (auto* user = m_nsBoxes.value(kNsUser)) {
            if (on)
                user->setChecked(false);
            user->setEnabled(!on && !m_links.value("user").isEmpty());
        }
        updateState();
    });

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

bool EnterDialog::stillThere() const
{
    return pidfdAlive(m_pidfd.get()) && liveStat(m_pid).start == m_startTime;
}

EnterRequest EnterDialog::request() const
{
    EnterRequest r;
    r.target = m_pid;
    for (auto it = m_nsBoxes.cbegin(); it != m_nsBoxes.cend(); ++it)
        if (it.value()->isChecked())
            r.namespaces |= it.key();
    if (m_startTime != 0)
        r.expectStart = m_startTime;
    r.unsafeHostRoot = m_unsafeHostRoot->isEnabled() && m_unsafeHostRoot->isChecked();
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
    // Asked for at the moment of starting: a process that exited since the dialog opened is
    // not entered (nor another one that took its pid); the error line then says so.
    if (!stillThere()) {
        QTimer::singleShot(0, const_cast<EnterDialog*>(this), &EnterDialog::updateState);
        return {};
    }
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
    QString problem;
    if (!m_targetReadable || !stillThere())
        problem = tr("Process %1 is gone or not readable (it exited, or its pid now names another "
                     "process)")
                      .arg(m_pid);
    const QString unavailable = elevate ? elevationUnavailable() : QString();
    if (problem.isEmpty())
        problem = unavailable;
    QString note = elevate && unavailable.isEmpty()
                       ? tr("This process belongs to another user: pkexec will ask for an "
                            "administrator's password (through your desktop's polkit "
                            "agent; without one running, nothing is started).")
                       : QString();
    if (!r.unsafeHostRoot && !(r.namespaces & kNsUser) && (r.namespaces & m_foreignOwned) &&
        !m_links.value("user").isEmpty()) {
        if (!note.isEmpty())
            note += ' ';
        note += tr("The process's user namespace is joined as well: some of these namespaces "
                   "belong to it.");
    }
    // What the helper would refuse (a namespace owned by a third user namespace, say), inline,
    // in the dialog's words. Not readable to us: the helper plans it once it is root.
    auto invalid = validate(r);
    if (!invalid && problem.isEmpty() && m_nsReadable)
        invalid = planEnter(r, m_probe, ::geteuid() == 0).error;
    // A command that does not split is said by showState(); its request has no command.
    if (problem.isEmpty() && invalid && splitShellWords(m_command->text().toStdString()))
        problem = refusalText(*invalid);
    showState(QString::fromStdString(nsenterCommandLine(r)), problem, m_command->text(),
              std::nullopt, note);
}

} // namespace nsx::gui
