// EnterDialog for an ordinary user (run as uid 65534) on a root-owned process, offscreen: its
// /proc/PID/ns is unreadable to us, so the dialog offers what pkexec can do — the types the
// snapshot knows (with their inodes), the others as unknown — says plainly when pkexec or polkit
// (its D-Bus system bus) is missing and then keeps Run disabled with that reason, and never
// shows command-line option syntax outside the equivalent command-line preview.
// pkexec is looked up in PATH (a stand-in script here); polkit through DBUS_SYSTEM_BUS_ADDRESS
// (a listening stand-in socket here). $NSX_SCREENSHOT_DIR: each case's dialog is saved there.
#include "enter_dialog.h"
#include "launch_request.h"
#include "process_control.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace nsx::gui;
using namespace nsx::backend;

namespace {

template <typename T> T* child(QWidget& parent, const char* name)
{
    T* w = parent.findChild<T*>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// A live process owned by root (uid 0 on the "Uid:" line of its status, which anyone may read).
pid_t rootProcess()
{
    const QStringList pids = QDir("/proc").entryList(QDir::Dirs);
    for (const QString& name : pids) {
        bool ok = false;
        const int pid = name.toInt(&ok);
        if (!ok)
            continue;
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("Uid:") && line.simplified().split(' ').value(1) == "0")
                return pid;
    }
    return 0;
}

std::uint64_t ownInode(const char* type)
{
    char buf[128] = {};
    const QByteArray path = QByteArray("/proc/self/ns/") + type;
    if (::readlink(path.constData(), buf, sizeof buf - 1) <= 0)
        return 0;
    const QByteArray link(buf);
    return link.mid(link.indexOf('[') + 1).chopped(1).toULongLong();
}

// Every text a user reads in the dialog except the command-line preview.
QStringList visibleTexts(QWidget& d)
{
    QStringList texts{d.windowTitle()};
    for (auto* l : d.findChildren<QLabel*>())
        texts << l->text();
    for (auto* b : d.findChildren<QAbstractButton*>())
        texts << b->text();
    return texts;
}

void noOptionSyntax(QWidget& d)
{
    for (const QString& t : visibleTexts(d))
        QVERIFY2(!t.contains(QLatin1String("--")), qPrintable(t));
}

void screenshot(QWidget& d, const QString& name)
{
    const QString dir = qEnvironmentVariable("NSX_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    d.resize(d.sizeHint().expandedTo(QSize(640, 560)));
    d.grab().save(dir + '/' + name + ".png");
}

} // namespace

class TestEnterDialog : public QObject
{
    Q_OBJECT

    pid_t m_target = 0;
    std::uint64_t m_start = 0;
    QTemporaryDir m_dir;
    QString m_bus; // a listening unix socket standing in for the system bus
    QByteArray m_path;

    void withPkexec(bool present)
    {
        const QString bin = m_dir.filePath("bin");
        qputenv("PATH", (present ? bin.toLocal8Bit() + ':' : QByteArray()) + m_path);
    }
    void withBus(bool present)
    {
        qputenv("DBUS_SYSTEM_BUS_ADDRESS",
                "unix:path=" + (present ? m_bus : m_dir.filePath("nobus")).toLocal8Bit());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(::geteuid() != 0, "run as an ordinary user (ctest runs it as uid 65534)");
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath("bin"));
        QFile pkexec(m_dir.filePath("bin/pkexec"));
        QVERIFY(pkexec.open(QIODevice::WriteOnly));
        pkexec.write("#!/bin/sh\nexit 127\n");
        pkexec.close();
        QVERIFY(pkexec.setPermissions(QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther |
                                      QFile::ExeOther));
        m_bus = m_dir.filePath("system_bus_socket");
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        QVERIFY(m_bus.size() < int(sizeof addr.sun_path));
        std::strcpy(addr.sun_path, QFile::encodeName(m_bus).constData());
        QVERIFY(fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                ::listen(fd, 1) == 0);
        m_path = qgetenv("PATH").isEmpty() ? QByteArray("/usr/bin:/bin") : qgetenv("PATH");
        QVERIFY2(::access("/usr/bin/pkexec", X_OK) != 0,
                 "this test needs a machine without /usr/bin/pkexec");
        m_target = rootProcess();
        QVERIFY2(m_target > 0, "no root-owned process found");
        m_start = liveStat(m_target).start;
        QVERIFY(m_start != 0);
        // The premise: its namespaces are not readable to us.
        char buf[128];
        QVERIFY(::readlink(qPrintable(QStringLiteral("/proc/%1/ns/net").arg(m_target)), buf,
                           sizeof buf) < 0);
    }

    // No snapshot inodes: every type the kernel has is offered (pkexec reads them), none ticked;
    // nothing ticked asks for a choice in words, not with the command line's options.
    void unknownTypesAreOffered()
    {
        withPkexec(true);
        withBus(true);
        EnterDialog d(m_target, m_start);
        screenshot(d, "enter-unknown-types");
        for (const auto& o : kNsOptions) {
            if (::access((QByteArray("/proc/self/ns/") + o.procName).constData(), F_OK) != 0)
                continue;
            auto* box = child<QCheckBox>(d, (QByteArray("ns_") + o.procName).constData());
            QVERIFY2(box->isEnabled(), o.procName);
            QVERIFY(!box->isChecked());
        }
        QVERIFY(!d.canLaunch());
        QVERIFY(!d.errorText().isEmpty());
        noOptionSyntax(d);
        child<QCheckBox>(d, "ns_net")->setChecked(true);
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        QVERIFY(child<QPushButton>(d, "runAndShow")->isEnabled());
        QVERIFY(child<QPushButton>(d, "openInTerminal")->isEnabled());
        const QStringList argv = d.helperCommandLine();
        QCOMPARE(argv.value(0), QStringLiteral("pkexec"));
        QVERIFY(argv.contains(QStringLiteral("--net")));
        noOptionSyntax(d);
    }

    // The snapshot's inodes: a type that differs from ours is ticked and shows its inode, one
    // that is ours is not ticked.
    void snapshotTypesAreTicked()
    {
        withPkexec(true);
        withBus(true);
        SnapshotNamespaces known{};
        known[index(NsType::Net)] = ownInode("net") + 1000;
        known[index(NsType::Uts)] = ownInode("uts");
        QVERIFY(*known[index(NsType::Uts)] != 0);
        EnterDialog d(m_target, m_start, nullptr, known);
        screenshot(d, "enter-with-pkexec");
        auto* net = child<QCheckBox>(d, "ns_net");
        QVERIFY(net->isEnabled());
        QVERIFY(net->isChecked());
        QVERIFY2(child<QLabel>(d, "inode_net")
                     ->text()
                     .contains(QStringLiteral("net:[%1]").arg(*known[index(NsType::Net)])),
                 qPrintable(child<QLabel>(d, "inode_net")->text()));
        QVERIFY(child<QCheckBox>(d, "ns_uts")->isEnabled());
        QVERIFY(!child<QCheckBox>(d, "ns_uts")->isChecked());
        QVERIFY(!child<QCheckBox>(d, "ns_ipc")->isChecked());
        QVERIFY2(d.canLaunch(), qPrintable(d.errorText()));
        QVERIFY(!child<QLabel>(d, "privilegeNote")->text().isEmpty());
        noOptionSyntax(d);
    }

    // No pkexec: Run and Open in terminal disabled, the reason names the Debian packages.
    void withoutPkexecRunIsDisabled()
    {
        withPkexec(false);
        withBus(true);
        SnapshotNamespaces known{};
        known[index(NsType::Net)] = ownInode("net") + 1000;
        EnterDialog d(m_target, m_start, nullptr, known);
        screenshot(d, "enter-without-pkexec");
        QVERIFY(child<QCheckBox>(d, "ns_net")->isChecked());
        QVERIFY(!d.canLaunch());
        QVERIFY2(d.errorText().contains("pkexec") && d.errorText().contains("polkit"),
                 qPrintable(d.errorText()));
        QVERIFY(!child<QPushButton>(d, "runAndShow")->isEnabled());
        QVERIFY(!child<QPushButton>(d, "openInTerminal")->isEnabled());
        noOptionSyntax(d);
    }

    // pkexec but no polkit (no system bus to reach it): disabled too, said so.
    void withoutPolkitRunIsDisabled()
    {
        withPkexec(true);
        withBus(false);
        SnapshotNamespaces known{};
        known[index(NsType::Net)] = ownInode("net") + 1000;
        EnterDialog d(m_target, m_start, nullptr, known);
        QVERIFY(!d.canLaunch());
        QVERIFY2(d.errorText().contains("polkit"), qPrintable(d.errorText()));
        QVERIFY(!child<QPushButton>(d, "runAndShow")->isEnabled());
        noOptionSyntax(d);
    }
};

QTEST_MAIN(TestEnterDialog)
#include "tst_enter_dialog.moc"
