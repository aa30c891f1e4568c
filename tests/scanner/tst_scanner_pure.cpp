// Pure functions of the scanner: the launcher's kind from comm and cgroup, and the root of a
// cgroup namespace from one member's path seen from outside and from inside.
#include "details.h"
#include "launcher.h"
#include "snapshot.h"

#include <QtTest>

#include <sys/utsname.h>

using namespace nsx::backend;

class TestScannerPure : public QObject
{
    Q_OBJECT

private slots:
    void kind_data()
    {
        QTest::addColumn<QString>("comm");
        QTest::addColumn<QString>("cgroup");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("needsCgroup");
        QTest::newRow("unshare") << "unshare"
                                 << "/user.slice/x.scope"
                                 << "unshare" << false;
        QTest::newRow("bwrap") << "bwrap"
                               << "/user.slice/session-2.scope"
                               << "bwrap" << true;
        QTest::newRow("flatpak-bwrap") << "bwrap"
                                       << "/user.slice/user-1000.slice/user@1000.service/app.slice/"
                                          "app-flatpak-org.gnome.Calculator-1234.scope"
                                       << "flatpak" << true;
        QTest::newRow("firejail") << "firejail"
                                  << "/"
                                  << "firejail" << false;
        QTest::newRow("helper-truncated") << "nsexplorer-help"
                                          << "/"
                                          << "nsexplorer" << false;
        // The GUI starts the helper; it never launches namespaces itself.
        QTest::newRow("gui-is-no-launcher") << "nsexplorer"
                                            << "/user.slice/session-2.scope"
                                            << "other" << true;
        QTest::newRow("nspawn") << "systemd-nspawn"
                                << "/machine.slice/x"
                                << "systemd-nspawn" << false;
        QTest::newRow("lxc") << "lxc-start"
                             << "/lxc.payload.web"
                             << "lxc" << false;
        QTest::newRow("lxc-by-cgroup") << "init"
                                       << "/lxc.payload.web/init.scope"
                                       << "lxc" << true;
        QTest::newRow("podman") << "conmon"
                                << "/machine.slice/libpod-abc.scope"
                                << "podman" << false;
        QTest::newRow("docker") << "containerd-shim"
                                << "/system.slice/docker-0123abcd.scope"
                                << "docker" << true;
        QTest::newRow("containerd") << "containerd-shim"
                                    << "/k8s.io/abc"
                                    << "containerd" << true;
        QTest::newRow("snap") << "snap-confine"
                              << "/user.slice/snap.firefox.firefox-1.scope"
                              << "snap" << true;
        QTest::newRow("nspawn-by-cgroup") << "systemd"
                                          << "/machine.slice/systemd-nspawn@web.service/payload"
                                          << "systemd-nspawn" << true;
        QTest::newRow("podman-rootless") << "catatonit"
                                         << "/user.slice/user-1000.slice/user@1000.service/"
                                            "user.slice/libpod-4f2a.scope/container"
                                         << "podman" << true;
        QTest::newRow("shell") << "bash"
                               << "/user.slice/session-1.scope"
                               << "other" << true;
        QTest::newRow("empty") << ""
                               << ""
                               << "other" << true;
        QTest::newRow("hostile") << "a)\n\x1b[0m"
                                 << "/\xff"
                                 << "other" << true;
    }
    void kind()
    {
        QFETCH(QString, comm);
        QFETCH(QString, cgroup);
        QFETCH(QString, kind);
        QFETCH(bool, needsCgroup);
        QCOMPARE(QString::fromStdString(launcherKind(comm.toStdString(), cgroup.toStdString())),
                 kind);
        QCOMPARE(launcherKindNeedsCgroup(comm.toStdString()), needsCgroup);
        // When comm alone decides, the cgroup must indeed not matter.
        if (!needsCgroup)
            QCOMPARE(launcherKind(comm.toStdString(), ""),
                     launcherKind(comm.toStdString(), cgroup.toStdString()));
    }

    void cgroupRoot_data()
    {
        QTest::addColumn<QString>("outside");
        QTest::addColumn<QString>("inside");
        QTest::addColumn<QString>("root"); // "<none>" = nullopt
        QTest::newRow("at-root") << "/system.slice/c.scope"
                                 << "/"
                                 << "/system.slice/c.scope";
        QTest::newRow("below-root") << "/system.slice/c.scope/sub"
                                    << "/sub"
                                    << "/system.slice/c.scope";
        QTest::newRow("own") << "/a/b"
                             << "/a/b"
                             << "/";
        QTest::newRow("root-root") << "/"
                                   << "/"
                                   << "/";
        QTest::newRow("above-root") << "/a/sibling"
                                    << "/../sibling"
                                    << "<none>";
        QTest::newRow("no-boundary") << "/a/bc"
                                     << "/c"
                                     << "<none>";
        QTest::newRow("longer-inside") << "/a"
                                       << "/a/b"
                                       << "<none>";
        QTest::newRow("relative") << "a/b"
                                  << "/b"
                                  << "<none>";
        QTest::newRow("empty") << ""
                               << ""
                               << "<none>";
    }
    void cgroupRoot()
    {
        QFETCH(QString, outside);
        QFETCH(QString, inside);
        QFETCH(QString, root);
        auto r = details::cgroupRootFrom(outside.toStdString(), inside.toStdString());
        QCOMPARE(r ? QString::fromStdString(*r) : QString("<none>"), root);
    }

    // ProcessCursor (snapshot.h) against a binary search per pid, for ascending, repeated,
    // descending and missing pids: every lookup must agree.
    void processCursorFindsAsFindProcess()
    {
        Snapshot s;
        for (int pid : {1, 2, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 41, 100}) {
            Process p;
            p.pid = pid;
            s.processes.push_back(p);
        }
        const std::vector<std::vector<int>> asks = {
            {1, 2, 5, 100},                      // ascending, with long jumps
            {3, 9, 9, 21, 40, 41, 99, 100, 101}, // missing and repeated
            {20, 5, 1, 17, 2},                   // out of order (a malformed file)
            {0, -4, 100, 1},                     // below the first, then back
            {1, 2, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 41, 100}};
        int lookups = 0;
        for (const auto& ask : asks) {
            ProcessCursor cursor(s.processes);
            for (int pid : ask) {
                const Process* want = s.findProcess(pid);
                const Process* got = cursor.find(pid);
                QVERIFY2(got == want, qPrintable(QStringLiteral("pid %1").arg(pid)));
                ++lookups;
            }
        }
        QCOMPARE(lookups, 40);
        Snapshot empty;
        ProcessCursor none(empty.processes);
        QCOMPARE(none.find(1), nullptr);
    }

    void readHere()
    {
        // The *Here readers on the calling thread read our own namespaces.
        auto uts = details::readUtsHere();
        QVERIFY(uts);
        struct utsname u;
        ::uname(&u);
        QCOMPARE(uts->hostname, std::string(u.nodename));
        int err = 0;
        QVERIFY(details::readIpcHere(&err));
        std::vector<char> buf;
        auto net = details::readNetHere(buf, &err);
        QVERIFY2(net, qPrintable(QString::number(err)));
        const auto lo = std::find_if(net->interfaces.begin(), net->interfaces.end(),
                                     [](const NetInterface& i) { return i.name == "lo"; });
        QVERIFY(lo != net->interfaces.end());
        // Topology (issue 16): loopback has index 1 and no kind in the initial namespace too.
        QVERIFY(lo->index && lo->mtu && lo->operstate && lo->mac);
        QCOMPARE(lo->kind, std::optional<std::string>(""));
        QVERIFY(!lo->link);
        QCOMPARE(net->linkNsids.size(), net->interfaces.size());
        QVERIFY(net->defaultRoutes.size() <= 64);
    }
};

QTEST_GUILESS_MAIN(TestScannerPure)
#include "tst_scanner_pure.moc"
