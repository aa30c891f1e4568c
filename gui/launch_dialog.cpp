#include "launch_dialog.h"

#include "trusted_path.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>
#include <unistd.h>

namespace nsx::gui {

using namespace nsx::backend;

namespace {

const char* const kPresetGroup = "launchPresets";

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> v;
    v.reserve(static_cast<std::size_t>(list.size()));
    for (const auto& s : list)
        v.push_back(s.toStdString());
    return v;
}

QString defaultShell()
{
    const QString shell = qEnvironmentVariable("SHELL");
    if (!shell.isEmpty() && !checkAbsolutePath(shell.toStdString())) {
        // As root $SHELL may be a user's (sudo -E): the default command runs as root, so only
        // a shell that only root can change (the same rule as NSX_HELPER and TERMINAL).
        if (::geteuid() != 0 || rootOnlyFile(shell.toStdString()))
            return shell;
        spdlog::warn("running as root: ignoring $SHELL ({}): not a file that only root can "
                     "change",
                     shell.toStdString());
    }
    return QStringLiteral("/bin/sh");
}

QString joinCommand(const std::vector<std::string>& command)
{
    QStringList parts;
    for (const auto& a : command)
        parts << QString::fromStdString(shellQuote(a));
    return parts.join(' ');
}

} // namespace

LaunchDialog::LaunchDialog(QWidget* parent) : HelperDialog(parent)
{
    setWindowTitle(tr("New isolated shell"));
    buildUi();
    updateState();
}

void LaunchDialog::buildUi()
{
    auto* layout = new QVBoxLayout(this);

    // Presets
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(tr("Preset:"), this));
    m_presets = new QComboBox(this);
    m_presets->setObjectName("presets");
    presetRow->addWidget(m_presets, 1);
    auto* save = new QPushButton(tr("Save as…"), this);
    save->setObjectName("savePreset");
    m_deletePreset = new QPushButton(tr("Delete"), this);
    m_deletePreset->setObjectName("deletePreset");
    presetRow->addWidget(save);
    presetRow->addWidget(m_deletePreset);
    layout->addLayout(presetRow);
    connect(m_presets, &QComboBox::activated, this, &LaunchDialog::onPresetChosen);
    connect(save, &QPushButton::clicked, this, &LaunchDialog::onSavePreset);
    connect(m_deletePreset, &QPushButton::clicked, this, &LaunchDialog::onDeletePreset);

    // The choices scroll when the screen is short: with the preview and the output below them
    // the dialog would otherwise be taller than the main window.
    auto* body = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);

    // Namespace types, each with what it isolates.
    auto* nsGroup = new QGroupBox(tr("New namespaces"), this);
    auto* grid = new QGridLayout(nsGroup);
    const struct
    {
        unsigned bit;
        const char* name;
        const char* label;
        const char* explanation;
    } types[] = {
        {kNsUts, "uts", QT_TR_NOOP("UTS"), QT_TR_NOOP("its own hostname and domain name")},
        {kNsIpc, "ipc", QT_TR_NOOP("IPC"),
         QT_TR_NOOP("its own System V message queues, semaphores, shared memory")},
        {kNsPid, "pid", QT_TR_NOOP("PID"), QT_TR_NOOP("its own process numbers; the first is 1")},
        {kNsMnt, "mnt", QT_TR_NOOP("Mount"), QT_TR_NOOP("its own mounts, invisible outside")},
        {kNsNet, "net", QT_TR_NOOP("Network"),
         QT_TR_NOOP("its own interfaces, addresses, routes, ports (only loopback)")},
        {kNsUser, "user", QT_TR_NOOP("User"),
         QT_TR_NOOP("its own user and group ids; root inside, nobody outside")},
        {kNsCgroup, "cgroup", QT_TR_NOOP("Cgroup"),
         QT_TR_NOOP("its own view of the cgroup tree, rooted at its cgroup")},
        {kNsTime, "time", QT_TR_NOOP("Time"),
         QT_TR_NOOP("its own monotonic and boot-time clock offsets")},
    };
    int row = 0;
    for (const auto& t : types) {
        auto* box = new QCheckBox(tr(t.label), nsGroup);
        box->setObjectName(QStringLiteral("ns_%1").arg(t.name));
        auto* what = new QLabel(tr(t.explanation), nsGroup);
        what->setBuddy(box);
        grid->addWidget(box, row, 0);
        grid->addWidget(what, row, 1);
        m_nsBoxes.insert(t.bit, box);
        connect(box, &QCheckBox::toggled, this, &LaunchDialog::updateState);
        ++row;
    }
    bodyLayout->addWidget(nsGroup);

    // Details
    auto* form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName("name");
    m_name->setPlaceholderText(tr("the hostname, else the command"));
    m_name->setToolTip(tr("What nsexplorer calls this container (\"nsexplorer: NAME\" in the "
                          "Container column). Follows the hostname until you type one."));
    form->addRow(tr("&Name:"), m_name);
    m_hostname = new QLineEdit(this);
    m_hostname->setObjectName("hostname");
    m_hostname->setPlaceholderText(tr("unchanged (e.g. container)"));
    form->addRow(tr("&Hostname:"), m_hostname);
    connect(m_name, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_nameEdited = !text.isEmpty(); });
    connect(m_hostname, &QLineEdit::textChanged, this, [this](const QString& host) {
        if (!m_nameEdited)
            m_name->setText(host);
    });
    m_command = new QLineEdit(defaultShell(), this);
    m_command->setObjectName("command");
    form->addRow(tr("&Command:"), m_command);
    m_mapRoot = new QCheckBox(tr("Map me to root inside (user namespace)"), this);
    m_mapRoot->setObjectName("mapRootUser");
    form->addRow(QString(), m_mapRoot);
    m_mountProc =
        new QCheckBox(tr("Fresh /proc for a new PID namespace (else ps shows the host)"), this);
    m_mountProc->setObjectName("mountProc");
    m_mountProc->setChecked(true);
    form->addRow(QString(), m_mountProc);
    m_asPid1 = new QCheckBox(tr("Command is PID 1 itself (no reaper)"), this);
    m_asPid1->setObjectName("asPid1");
    form->addRow(QString(), m_asPid1);
    m_connectHost =
        new QCheckBox(tr("Connect to the host with a veth pair (needs administrator)"), this);
    m_connectHost->setObjectName("connectHost");
    form->addRow(QString(), m_connectHost);
    auto* rootRow = new QHBoxLayout;
    m_root = new QLineEdit(this);
    m_root->setObjectName("rootDir");
    m_root->setPlaceholderText(tr("unchanged (a directory to pivot_root into)"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName("browseRoot");
    rootRow->addWidget(m_root, 1);
    rootRow->addWidget(browse);
    // A row holding a layout gets no buddy from addRow(): without one the '&' shows literally.
    // Alt+O, as Alt+R is "Run and show output".
    auto* rootLabel = new QLabel(tr("R&oot directory:"), this);
    rootLabel->setBuddy(m_root);
    form->addRow(rootLabel, rootRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Root directory"), m_root->text());
        if (!dir.isEmpty())
            m_root->setText(QDir::cleanPath(dir));
    });
    m_workdir = new QLineEdit(this);
    m_workdir->setObjectName("workdir");
    m_workdir->setPlaceholderText(tr("unchanged"));
    form->addRow(tr("&Working directory:"), m_workdir);
    auto makeOffset = [this](const char* name) {
        auto* spin = new QSpinBox(this);
        spin->setObjectName(name);
        spin->setRange(-static_cast<int>(kMaxClockOffset), static_cast<int>(kMaxClockOffset));
        spin->setSuffix(tr(" s"));
        spin->setValue(0);
        spin->setToolTip(tr("0: no offset (implies a time namespace otherwise)"));
        connect(spin, &QSpinBox::valueChanged, this, &LaunchDialog::updateState);
        return spin;
    };
    m_monotonic = makeOffset("monotonicOffset");
    m_boottime = makeOffset("boottimeOffset");
    form->addRow(tr("&Monotonic clock offset:"), m_monotonic);
    form->addRow(tr("&Boot-time clock offset:"), m_boottime);
    bodyLayout->addLayout(form);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName("choices");
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(body);
    // Never a horizontal scroll: as wide as its content plus the vertical bar.
    scroll->setMinimumWidth(body->sizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width());
    layout->addWidget(scroll, 2);
    for (QLineEdit* edit : {m_name, m_hostname, m_command, m_root, m_workdir})
        connect(edit, &QLineEdit::textChanged, this, &LaunchDialog::updateState);
    for (QCheckBox* box : {m_mapRoot, m_mountProc, m_asPid1, m_connectHost})
        connect(box, &QCheckBox::toggled, this, &LaunchDialog::updateState);

    // Preview, validation, actions and output
    addRunOutput(layout, 4);

    reloadPresetList();
}

LaunchRequest LaunchDialog::request() const
{
    LaunchRequest r;
    // A disabled box is ticked because another choice implies it (updateState): not the user's.
    for (auto it = m_nsBoxes.cbegin(); it != m_nsBoxes.cend(); ++it)
        if (it.value()->isEnabled() && it.value()->isChecked())
            r.namespaces |= it.key();
    r.name = m_name->text().toStdString();
    r.hostname = m_hostname->text().toStdString();
    r.mapRootUser = m_mapRoot->isChecked();
    r.mountProc = m_mountProc->isChecked();
    r.asPid1 = m_asPid1->isChecked();
    r.connectHost = m_connectHost->isChecked();
    r.root = m_root->text().toStdString();
    r.workdir = m_workdir->text().toStdString();
    if (m_monotonic->value() != 0)
        r.monotonicOffset = m_monotonic->value();
    if (m_boottime->value() != 0)
        r.boottimeOffset = m_boottime->value();
    r.command =
        splitShellWords(m_command->text().toStdString()).value_or(std::vector<std::string>{});
    return r;
}

void LaunchDialog::setRequest(const LaunchRequest& r)
{
    for (auto it = m_nsBoxes.cbegin(); it != m_nsBoxes.cend(); ++it) {
        const QSignalBlocker block(it.value());
        it.value()->setEnabled(true); // updateState() ticks and disables the implied ones again
        it.value()->setChecked(r.namespaces & it.key());
    }
    m_nameEdited = !r.name.empty() && r.name != r.hostname;
    m_hostname->setText(QString::fromStdString(r.hostname)); // sets the name unless edited
    m_name->setText(QString::fromStdString(r.name));
    m_mapRoot->setChecked(r.mapRootUser);
    m_mountProc->setChecked(r.mountProc);
    m_asPid1->setChecked(r.asPid1);
    m_connectHost->setChecked(r.connectHost);
    m_root->setText(QString::fromStdString(r.root));
    m_workdir->setText(QString::fromStdString(r.workdir));
    m_monotonic->setValue(static_cast<int>(r.monotonicOffset.value_or(0)));
    m_boottime->setValue(static_cast<int>(r.boottimeOffset.value_or(0)));
    m_command->setText(joinCommand(r.command));
    updateState();
}

QStringList LaunchDialog::helperCommandLine() const
{
    const std::string helper = findHelper(QCoreApplication::applicationFilePath().toStdString());
    if (helper.empty())
        return {};
    const LaunchRequest r = request();
    QStringList argv;
    for (const auto& a : helperCommand(helper, toHelperArgs(r), needsPrivilege(r, ::geteuid())))
        argv << QString::fromStdString(a);
    return argv;
}

void LaunchDialog::updateState()
{
    const LaunchRequest r = request();
    const bool rootless = ::geteuid() != 0;
    showState(QString::fromStdString(unshareCommandLine(r, rootless)), QString(), m_command->text(),
              validate(r),
              needsPrivilege(r, ::geteuid())
                  ? tr("This request needs administrator rights: you will be asked to "
                       "authenticate (pkexec).")
                  : QString());
    // Options that only mean something with their namespace.
    m_mountProc->setEnabled(r.namespaces & kNsPid);
    m_asPid1->setEnabled(r.namespaces & kNsPid);
    showImpliedNamespaces(r, rootless);
    // The name's own check, at the field too (the error line names it as well).
    const auto nameError = r.name.empty() ? std::nullopt : checkContainerName(r.name);
    m_name->setProperty("invalid", nameError.has_value());
    m_name->setToolTip(nameError ? tr("Name: %1").arg(requestText(*nameError))
                                 : tr("What nsexplorer calls this container (\"nsexplorer: "
                                      "NAME\" in the Container column). Follows the hostname "
                                      "until you type one."));
}

QString LaunchDialog::impliedBy(unsigned bit, const LaunchRequest& r, bool rootless)
{
    QStringList why;
    // The option table's words for the options that imply `bit` (backend/launch).
    for (const std::string_view reason : impliedBecause(bit, r))
        why << QCoreApplication::translate("LaunchOption", std::string(reason).c_str());
    if (bit == kNsUser && rootless)
        why << tr("running as an ordinary user (the helper makes the other namespaces inside a "
                  "new user namespace)");
    return why.isEmpty() ? QString() : tr("Needed by %1").arg(why.join(tr(", ")));
}

void LaunchDialog::showImpliedNamespaces(const LaunchRequest& r, bool rootless)
{
    // The preview lists every namespace the launch makes, asked for or implied: the boxes
    // show the same, an implied one ticked and disabled with the reason, and given back to the
    // user's own choice when nothing implies it any more.
    for (auto it = m_nsBoxes.cbegin(); it != m_nsBoxes.cend(); ++it) {
        QCheckBox* box = it.value();
        const QString reason =
            (r.namespaces & it.key()) ? QString() : impliedBy(it.key(), r, rootless);
        const QSignalBlocker block(box);
        if (!reason.isEmpty()) {
            if (box->isEnabled())
                box->setProperty("userChecked", box->isChecked());
            box->setChecked(true);
            box->setEnabled(false);
            box->setToolTip(reason);
        } else if (!box->isEnabled()) {
            box->setEnabled(true);
            box->setChecked(box->property("userChecked").toBool());
            box->setToolTip(QString());
        }
    }
}

// ---------------------------------------------------------------- presets

QStringList LaunchDialog::builtInPresetNames()
{
    return {tr("All namespaces"), tr("Network sandbox"), tr("The UTS+IPC+PID demo")};
}

QStringList LaunchDialog::presetNames() const
{
    QSettings settings;
    settings.beginGroup(kPresetGroup);
    QStringList user = settings.childGroups();
    user.sort();
    return builtInPresetNames() + user;
}

bool LaunchDialog::applyPreset(const QString& name)
{
    const QStringList builtIn = builtInPresetNames();
    LaunchRequest r;
    r.command = {defaultShell().toStdString()};
    if (name == builtIn[0]) {
        r.namespaces = kAllNsBits;
        r.hostname = "container";
        r.mapRootUser = true;
    } else if (name == builtIn[1]) {
        // Only loopback: a command that must not reach any network.
        r.namespaces = kNsNet;
    } else if (name == builtIn[2]) {
        // The classic article: clone(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID), hostname
        // "container", the shell as PID 1 — and the host's /proc, so ps still shows the host.
        r.namespaces = kNsUts | kNsIpc | kNsPid;
        r.hostname = "container";
        r.asPid1 = true;
        r.mountProc = false;
    } else {
        QSettings settings;
        settings.beginGroup(kPresetGroup);
        if (!settings.childGroups().contains(name))
            return false;
        // Stored as the helper's own argv: the parser is the one place that reads requests.
        const QStringList args = settings.value(name + "/args").toStringList();
        auto parsed = parseLaunchArgs(toStd(args));
        if (!parsed.request)
            return false;
        r = *parsed.request;
    }
    setRequest(r);
    return true;
}

void LaunchDialog::savePreset(const QString& name)
{
    if (name.trimmed().isEmpty() || builtInPresetNames().contains(name))
        return;
    QStringList args;
    for (const auto& a : toHelperArgs(request()))
        args << QString::fromStdString(a);
    QSettings settings;
    settings.beginGroup(kPresetGroup);
    settings.setValue(name + "/args", args);
    settings.endGroup();
    settings.sync();
    reloadPresetList();
    m_presets->setCurrentText(name);
}

void LaunchDialog::deletePreset(const QString& name)
{
    if (builtInPresetNames().contains(name))
        return;
    QSettings settings;
    settings.beginGroup(kPresetGroup);
    settings.remove(name);
    settings.endGroup();
    settings.sync();
    reloadPresetList();
}

void LaunchDialog::reloadPresetList()
{
    m_presets->clear();
    m_presets->addItem(tr("(choose a preset)"));
    m_presets->addItems(presetNames());
    m_deletePreset->setEnabled(false);
}

void LaunchDialog::onPresetChosen(int index)
{
    if (index <= 0) {
        m_deletePreset->setEnabled(false);
        return;
    }
    const QString name = m_presets->itemText(index);
    applyPreset(name);
    m_deletePreset->setEnabled(!builtInPresetNames().contains(name));
}

void LaunchDialog::onSavePreset()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Preset name:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !name.trimmed().isEmpty() && !name.contains('/'))
        savePreset(name.trimmed());
}

void LaunchDialog::onDeletePreset()
{
    if (m_presets->currentIndex() > 0)
        deletePreset(m_presets->currentText());
}

} // namespace nsx::gui
