// nsexplorer-cli end to end: help/version, usage errors (one line, exit 2), snapshot on the
// live system (also as uid 65534), formats and files, list with a real bind-mounted netns,
// tree, and diff exit codes.
#include "../run_process.h"
#include "golden_snapshot.h"
#include "snapshot_io.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace nsx::backend;

namespace {

using nsx::test::Run;

Run cli(const QStringList& args, const QString& program = QStringLiteral(NSX_CLI_PATH),
        const QByteArray& input = {}, const QStringList& extraEnv = {})
{
    nsx::test::RunOptions o;
    o.input = input;
    o.extraEnv = extraEnv;
    return nsx::test::runProcess(program, args, o);
}

bool writeFile(const QString& path, const std::string& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) &&
           f.write(text.data(), qint64(text.size())) == qint64(text.size());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool runQuiet(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QString m_netns;

private slots:
    void initTestCase()
    {
        // A run killed hard (timeout, sanitizer abort) cannot clean up: remove the network
        // namespaces such runs left, known by the name and a pid that no longer exists.
        if (::geteuid() != 0)
            return;
        static const QRegularExpression own(QStringLiteral("^nsxio(\\d+)$"));
        for (const QString& name : QDir(QStringLiteral("/run/netns")).entryList(QDir::Files)) {
            const auto m = own.match(name);
            if (m.hasMatch() && ::kill(m.captured(1).toInt(), 0) != 0 && errno == ESRCH)
                runQuiet("ip", {"netns", "delete", name});
        }
    }

    void cleanup()
    {
        // Even when a check failed half-way.
        if (!m_netns.isEmpty()) {
            runQuiet("ip", {"netns", "delete", m_netns});
            m_netns.clear();
        }
    }

    void helpAndVersion_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringList{"--help"} << "Usage:\n nsexplorer-cli <command>";
        QTest::newRow("-h") << QStringList{"-h"} << "Usage:";
        QTest::newRow("--version")
            << QStringList{"--version"} << "nsexplorer-cli from nsexplorer " NSX_VERSION "\n";
        QTest::newRow("-V") << QStringList{"-V"} << "nsexplorer-cli from nsexplorer";
        QTest::newRow("snapshot --help")
            << QStringList{"snapshot", "--help"} << "nsexplorer-cli snapshot [options]";
        QTest::newRow("list -h") << QStringList{"list", "-h"}
                                 << "NS TYPE NPROCS PID USER HOLDERS NAME COMMAND";
        QTest::newRow("tree --help") << QStringList{"tree", "--help"} << "--type user|pid";
        QTest::newRow("diff --help")
            << QStringList{"diff", "--help"} << "nsexplorer-cli diff [options] OLD NEW";
    }

    void helpAndVersion()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(expected.toUtf8()), r.out.constData());
        QVERIFY(r.err.isEmpty());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command")
            << QStringList{} << "nsexplorer-cli: no command given (try 'nsexplorer-cli --help')";
        QTest::newRow("bad global option")
            << QStringList{"--frobnicate"} << "nsexplorer-cli: unrecognized option '--frobnicate'";
        QTest::newRow("bad short option")
            << QStringList{"-x"} << "nsexplorer-cli: unrecognized option '-x'";
        QTest::newRow("unknown command")
            << QStringList{"lsit"}
            << "nsexplorer-cli: unknown command 'lsit' (try 'nsexplorer-cli --help')";
        QTest::newRow("bad list option") << QStringList{"list", "--colour"}
                                         << "nsexplorer-cli: list: unrecognized option '--colour'";
        QTest::newRow("bad option with value")
            << QStringList{"list", "--colour=red"}
            << "nsexplorer-cli: list: unrecognized option '--colour'";
        QTest::newRow("value for a flag")
            << QStringList{"snapshot", "--no-details=yes"}
            << "nsexplorer-cli: snapshot: option '--no-details' doesn't allow an argument";
        QTest::newRow("unknown short in list")
            << QStringList{"list", "-Jz"} << "nsexplorer-cli: list: unrecognized option '-z'";
        QTest::newRow("bad --type") << QStringList{"list", "--type", "bogus"}
                                    << "nsexplorer-cli: list: invalid --type 'bogus' (expected "
                                       "cgroup, ipc, mnt, net, pid, time, user or uts)";
        QTest::newRow("bad -t") << QStringList{"list", "-tnett"}
                                << "nsexplorer-cli: list: invalid --type 'nett' (expected cgroup, "
                                   "ipc, mnt, net, pid, time, user or uts)";
        QTest::newRow("missing --type value")
            << QStringList{"list", "--type"}
            << "nsexplorer-cli: list: option '--type' requires an argument";
        QTest::newRow("tree type net")
            << QStringList{"tree", "--type=net"}
            << "nsexplorer-cli: tree: invalid --type 'net' (expected user or pid)";
        QTest::newRow("list positional")
            << QStringList{"list", "extra"} << "nsexplorer-cli: list: unexpected argument 'extra'";
        QTest::newRow("bad format")
            << QStringList{"snapshot", "--format", "xml"}
            << "nsexplorer-cli: snapshot: invalid --format 'xml' (expected json, csv or dot)";
        QTest::newRow("missing -o value")
            << QStringList{"snapshot", "-o"}
            << "nsexplorer-cli: snapshot: option '-o' requires an argument";
        QTest::newRow("diff one file")
            << QStringList{"diff", "a.json"}
            << "nsexplorer-cli: diff: expected two snapshot files, OLD and NEW";
        QTest::newRow("diff three files") << QStringList{"diff", "a", "b", "c"}
                                          << "nsexplorer-cli: diff: unexpected argument 'c'";
        QTest::newRow("escape in argument")
            << QStringList{"list", "--type", "\x1b[2J"}
            << "nsexplorer-cli: list: invalid --type '\\x1b[2J' (expected cgroup, ipc, mnt, net, "
               "pid, time, user or uts)";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromUtf8(r.err), message + "\n"); // exactly one line
        QVERIFY(r.out.isEmpty());
    }

    void snapshotLiveParsesBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("live.json");
        Run r = cli({"snapshot", "-o", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QVERIFY(r.out.isEmpty());
        const Snapshot s = loadSnapshotFile(path.toStdString());
        QVERIFY(!s.namespaces.empty());
        QVERIFY(s.findProcess(int(::getpid())) != nullptr); // this test is in it
        QCOMPARE(s.scannerUid, std::uint32_t(::geteuid()));
        // Converting the file again gives the same bytes (stdout this time).
        r = cli({"snapshot", "--from", path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, readAll(path));
        // --no-details: every details value null.
        r = cli({"snapshot", "--no-details"});
        QCOMPARE(r.exitCode, 0);
        const Snapshot bare = fromJson(r.out.toStdString());
        for (const Namespace& ns : bare.namespaces)
            QVERIFY(ns.details == NamespaceDetails{});
    }

    void snapshotAsNobody()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to switch to uid 65534");
        const Run r = cli({NSX_CLI_PATH, "snapshot"}, QStringLiteral(NSX_RUN_AS_NOBODY_SCRIPT));
        QCOMPARE(r.exitCode, 0);
        const Snapshot s = fromJson(r.out.toStdString(), "nobody");
        QCOMPARE(s.scannerUid, std::uint32_t(65534));
        QVERIFY(!s.namespaces.empty());
        // list and tree work with what an ordinary user may see.
        Run l = cli({NSX_CLI_PATH, "list"}, QStringLiteral(NSX_RUN_AS_NOBODY_SCRIPT));
        QCOMPARE(l.exitCode, 0);
        QVERIFY(l.out.startsWith("        NS TYPE") || l.out.trimmed().startsWith("NS TYPE"));
        QVERIFY(l.out.count('\n') > 1);
        Run t = cli({NSX_CLI_PATH, "tree"}, QStringLiteral(NSX_RUN_AS_NOBODY_SCRIPT));
        QCOMPARE(t.exitCode, 0);
        QVERIFY(t.out.contains("user:["));
    }

    void snapshotFormats()
    {
        QTemporaryDir dir;
        const QString from = dir.filePath("golden.json");
        QVERIFY(writeFile(from, toJson(nsx::test::goldenSnapshot())));
        // csv to files: FILE and FILE-namespaces.EXT
        const QString csv = dir.filePath("out.v1.csv");
        Run r = cli({"snapshot", "--from", from, "--format", "csv", "-o", csv});
        QCOMPARE(r.exitCode, 0);
        const QByteArray procs = readAll(csv);
        const QByteArray nss = readAll(dir.filePath("out.v1-namespaces.csv"));
        QVERIFY(procs.startsWith("pid,ppid,comm,uid,user,ns_cgroup"));
        QVERIFY(nss.startsWith("type,inode,dev,owner,parent,owner_uid,nprocs,nthreads,holders"));
        QCOMPARE(procs.count('\n'), 6);
        // csv to stdout: both, separated by one blank line
        r = cli({"snapshot", "--from", from, "--format=csv"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, procs + "\n" + nss);
        // dot
        r = cli({"snapshot", "--from", from, "--format", "dot"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("digraph nsexplorer {"));
        // A bad --from file: runtime error, one line, exit 1.
        QVERIFY(writeFile(dir.filePath("bad.json"),
                          "{\"format\": \"nsexplorer-snapshot\", \"version\": 2}"));
        r = cli({"snapshot", "--from", dir.filePath("bad.json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err),
                 "nsexplorer-cli: " + dir.filePath("bad.json") +
                     ": unsupported snapshot version 2 (this nsexplorer reads version 1)\n");
        // Through a symlink: the link stays, its target gets the data.
        const QString target = dir.filePath("target.json"), link = dir.filePath("link.json");
        QVERIFY(QFile::link(target, link));
        r = cli({"snapshot", "--from", from, "-o", link});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), readAll(from));
        // csv to a stream given as a file name: both sections, as to stdout; nothing created.
        r = cli({"snapshot", "--from", from, "--format", "csv", "-o", "/dev/stdout"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, procs + "\n" + nss);
        QVERIFY(!QFileInfo::exists("/dev/stdout-namespaces"));
        // A character device is written to, not replaced (as root, rename() could replace it).
        r = cli({"snapshot", "--from", from, "-o", "/dev/null"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFileInfo("/dev/null").exists() && !QFileInfo("/dev/null").isFile());
        // An unwritable output: exit 1, one line.
        r = cli({"snapshot", "--from", from, "-o", "/nonexistent/dir/x.json"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.startsWith("nsexplorer-cli: cannot write '/nonexistent/dir/x.json'"));
    }

    void standardInput()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.json");
        const std::string golden = toJson(nsx::test::goldenSnapshot());
        QVERIFY(writeFile(a, golden));
        const QByteArray in = QByteArray::fromStdString(golden);
        Run r = cli({"snapshot", "--from", "-"}, NSX_CLI_PATH, in);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, in);
        r = cli({"diff", a, "-"}, NSX_CLI_PATH, in);
        QCOMPARE(r.exitCode, 0);
        r = cli({"list", "--from", "-"}, NSX_CLI_PATH, "{\"format\": 1}");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err),
                 QString("nsexplorer-cli: (standard input): format: not an nsexplorer snapshot "
                         "(expected \"nsexplorer-snapshot\")\n"));
        r = cli({"diff", "-", "-"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromUtf8(r.err),
                 QString("nsexplorer-cli: diff: OLD and NEW cannot both be standard input\n"));
    }

    void listFromFile()
    {
        QTemporaryDir dir;
        const QString from = dir.filePath("golden.json");
        QVERIFY(writeFile(from, toJson(nsx::test::goldenSnapshot())));
        Run r = cli({"list", "--from", from, "--type", "net"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromUtf8(r.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].simplified() == "NS TYPE NPROCS PID USER HOLDERS NAME COMMAND");
        // Lowest pid: 1, its user and full command line; not a tty, so nothing is cut.
        QCOMPARE(lines[1].simplified(), QString("4026531833 net 2 1 root procs /sbin/init splash"));
        // NAME: the golden file's container for the netns, when it has one (issue 15).
        QString name;
        const Snapshot golden = nsx::test::goldenSnapshot();
        if (const auto* ns = golden.findNamespace(nsx::backend::NsType::Net, 4026532300u))
            if (const auto* c = ns->container ? golden.findContainer(*ns->container) : nullptr)
                name = QString::fromStdString(c->engine + ": " + c->name) + ' ';
        QCOMPARE(lines[2].simplified(),
                 "4026532300 net 0 - - bind:/run/netns/blue,fd:812/7 " + name + "-");
        // Hostile strings are shown escaped.
        r = cli({"list", "--from", from, "-t", "pid"});
        QVERIFY2(r.out.contains("line\\x0abreak\\x09tab"), r.out.constData());
        r = cli({"list", "--from", from, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(r.out).object()["namespaces"].toArray();
        QCOMPARE(list.size(), 13);
        const QJsonObject first = list[0].toObject();
        QCOMPARE(first.keys(), QStringList({"command", "container", "holders", "name", "nprocs",
                                            "ns", "pid", "type", "user"}));
        QCOMPARE(first["pid"].toInt(), 1);
        QCOMPARE(first["command"].toString(), "/sbin/init splash");
    }

    void listTruncatesOnlyOnATerminal()
    {
        if (QStandardPaths::findExecutable("script").isEmpty())
            QSKIP("script(1) from util-linux is not installed");
        QTemporaryDir dir;
        const QString from = dir.filePath("long.json");
        Snapshot s = nsx::test::goldenSnapshot();
        s.processes[0].cmdline = {"/usr/bin/python3", std::string(200, 'x'), "--end-marker"};
        QVERIFY(writeFile(from, toJson(s)));
        // A pipe gets the whole command line.
        Run r = cli({"list", "--from", from, "-t", "cgroup"});
        QVERIFY(r.out.contains("--end-marker"));
        // A terminal 70 columns wide gets lines cut to fit, with an ellipsis.
        const QString cmd = QString("stty cols 70 rows 20; exec %1 list --from %2 -t cgroup")
                                .arg(NSX_CLI_PATH, from);
        r = cli({"-qec", cmd, "/dev/null"}, QStandardPaths::findExecutable("script"));
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out).remove('\r');
        QVERIFY2(!text.contains("--end-marker"), qPrintable(text));
        QVERIFY2(text.contains("/usr/bin/python3 xxx"), qPrintable(text));
        bool cut = false;
        for (const QString& line : text.split('\n', Qt::SkipEmptyParts)) {
            QVERIFY2(line.size() <= 70, qPrintable(line));
            cut = cut || line.endsWith(QChar(0x2026));
        }
        QVERIFY(cut);
    }

    void listShowsBindMountedNetns()
    {
        if (::geteuid() != 0)
            QSKIP("ip netns add needs root");
        if (QStandardPaths::findExecutable("ip").isEmpty())
            QSKIP("iproute2 is not installed");
        m_netns = QString("nsxio%1").arg(::getpid());
        QVERIFY(runQuiet("ip", {"netns", "add", m_netns}));
        const Run r = cli({"list", "--type", "net"});
        QCOMPARE(r.exitCode, 0);
        const QString holder = "bind:/run/netns/" + m_netns;
        QString line;
        for (const QString& l : QString::fromUtf8(r.out).split('\n'))
            if (l.contains(holder))
                line = l;
        QVERIFY2(!line.isEmpty(), r.out.constData());
        const QStringList cols = line.simplified().split(' ');
        QCOMPARE(cols[1], QString("net"));
        QCOMPARE(cols[2], QString("0")); // no process in it
        QVERIFY(cols[5].split(',').contains(holder));
        // Its inode is the one the kernel gives for the bind mount.
        QFileInfo fi("/run/netns/" + m_netns);
        QProcess stat;
        stat.start("stat", {"-L", "-c", "%i", "/run/netns/" + m_netns});
        QVERIFY(stat.waitForFinished(20000));
        QCOMPARE(cols[0], QString::fromUtf8(stat.readAllStandardOutput()).trimmed());
        // JSON says the same.
        const Run j = cli({"list", "--type", "net", "--json"});
        bool found = false;
        for (const auto& v : QJsonDocument::fromJson(j.out).object()["namespaces"].toArray())
            if (v.toObject()["holders"].toArray().contains(holder)) {
                found = true;
                QVERIFY(v.toObject()["pid"].isNull());
                QCOMPARE(v.toObject()["nprocs"].toInt(), 0);
            }
        QVERIFY(found);
    }

    void tree()
    {
        QTemporaryDir dir;
        const QString from = dir.filePath("golden.json");
        QVERIFY(writeFile(from, toJson(nsx::test::goldenSnapshot())));
        Run r = cli({"tree", "--from", from, "--type", "user"});
        QCOMPARE(r.exitCode, 0);
        const QString t = QString::fromUtf8(r.out);
        const QStringList lines = t.split('\n', Qt::SkipEmptyParts);
        QVERIFY2(lines[0].startsWith("user:[4026531837] uid 0 3 procs (1 systemd)"), qPrintable(t));
        // The child user namespace hangs under the initial one with what it owns.
        QVERIFY2(t.contains("\u251c\u2500 user:[4026532400] uid 1000 1 procs (900 a) b (c) ))\n"
                            "\u2502  \u251c\u2500 pid:[4026532500] level 1 1 procs"),
                 qPrintable(t));
        QVERIFY2(
            t.contains("\u2502  \u2514\u2500 uts:[4026532700] hostname \"\\x1b[31mred\\x1b[0m\""),
            qPrintable(t));
        QVERIFY2(t.contains("\u251c\u2500 net:[4026532300] 0 procs bind:/run/netns/blue,fd:812/7"),
                 qPrintable(t));
        QVERIFY(!t.contains("pid:[4026532500] level 1 1 procs (900 a) b (c) ))\n\u2502  \u2502"));
        r = cli({"tree", "--from", from, "--type", "pid"});
        QCOMPARE(r.exitCode, 0);
        const QString p = QString::fromUtf8(r.out);
        QVERIFY2(p.startsWith("pid:[4026531836] level 0 3 procs (1 systemd)\n"
                              "\u251c\u2500 1 /sbin/init splash\n"
                              "\u251c\u2500 2 [kthreadd]\n"
                              "\u251c\u2500 812 sleep 100"),
                 qPrintable(p));
        QVERIFY2(p.contains("\u2514\u2500 pid:[4026532500] level 1 1 procs (900 a) b (c) ))\n"
                            "   \u2514\u2500 900 (1 inside) line\\x0abreak\\x09tab\n"),
                 qPrintable(p));
        // Both trees without --type, and live.
        r = cli({"tree"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("user:[") && r.out.contains("pid:["));
    }

    void treeLive()
    {
        if (::geteuid() != 0)
            QSKIP("needs root for a pid namespace without a user namespace mapping");
        if (QStandardPaths::findExecutable("unshare").isEmpty())
            QSKIP("unshare (util-linux) is not installed");
        // A user namespace owning a pid namespace, with a sleep as its init.
        QProcess unshare;
        unshare.start("unshare", {"--user", "--map-root-user", "--pid", "--fork", "--kill-child",
                                  "sleep", "300"});
        QVERIFY(unshare.waitForStarted(20000));
        struct Stop
        {
            QProcess& p;
            ~Stop()
            {
                p.kill(); // --kill-child takes the sleep with it
                p.waitForFinished(20000);
            }
        } stop{unshare};
        const qint64 parent = unshare.processId();
        QString sleepPid;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(sleepPid =
                  QString::fromUtf8(readAll(QString("/proc/%1/task/%1/children").arg(parent)))
                      .trimmed())
                    .isEmpty() &&
                QFileInfo(QString("/proc/%1/ns/pid").arg(sleepPid)).symLinkTarget() !=
                    QFileInfo(QString("/proc/%1/ns/pid").arg(parent)).symLinkTarget() &&
                readAll(QString("/proc/%1/comm").arg(sleepPid)) == "sleep\n",
            20000);
        const auto inode = [&](const char* type) {
            struct stat st
            {};
            const QByteArray path = QString("/proc/%1/ns/%2").arg(sleepPid, type).toLocal8Bit();
            return ::stat(path.constData(), &st) == 0 ? QString::number(st.st_ino) : QString();
        };
        const QString user = inode("user"), pid = inode("pid");
        QVERIFY(!user.isEmpty() && !pid.isEmpty());

        Run r = cli({"tree", "--type", "user"});
        QCOMPARE(r.exitCode, 0);
        QStringList lines = QString::fromUtf8(r.out).split('\n');
        // The child user namespace sits one level under a root, the pid namespace under it.
        int userLine = -1;
        for (int i = 0; i < lines.size(); ++i)
            // unshare(1) itself moved into the user namespace before forking the sleep.
            if (lines[i].contains(
                    QString("user:[%1] uid 0 2 procs (%2 unshare)").arg(user).arg(parent)))
                userLine = i;
        QVERIFY2(userLine > 0, r.out.constData());
        QVERIFY2(lines[userLine].startsWith(QString::fromUtf8("\u251c\u2500 user:[")) ||
                     lines[userLine].startsWith(QString::fromUtf8("\u2514\u2500 user:[")),
                 qPrintable(lines[userLine]));
        bool owned = false;
        for (int i = userLine + 1; i < lines.size() && lines[i].size() > 3 &&
                                   (lines[i][0] == QChar(0x2502) || lines[i][0] == ' ');
             ++i)
            owned = owned ||
                    lines[i].contains("pid:[" + pid + "] level 1 1 procs (" + sleepPid + " sleep)");
        QVERIFY2(owned, r.out.constData());

        r = cli({"tree", "--type", "pid"});
        QCOMPARE(r.exitCode, 0);
        const QString expected =
            QString::fromUtf8("\u2500 pid:[%1] level 1 1 procs (%2 sleep)\n").arg(pid, sleepPid);
        const QString t = QString::fromUtf8(r.out);
        QVERIFY2(t.contains(expected), qPrintable(t));
        const int at = t.indexOf(expected) + expected.size();
        QVERIFY2(t.mid(at).contains(
                     QString::fromUtf8("\u2514\u2500 %1 (1 inside) sleep 300\n").arg(sleepPid)),
                 qPrintable(t.mid(at, 200)));
    }

    void treeSurvivesCycles()
    {
        // A hostile file: two user namespaces that own each other, and a very long chain.
        Snapshot s;
        Namespace a, b;
        a.type = b.type = NsType::User;
        a.inode = 10;
        b.inode = 11;
        a.parent = a.owner = 11;
        b.parent = b.owner = 10;
        s.namespaces = {a, b};
        for (std::uint64_t i = 0; i < 500; ++i) {
            Namespace p;
            p.type = NsType::Pid;
            p.inode = 1000 + i;
            if (i)
                p.parent = 1000 + i - 1;
            s.namespaces.push_back(p);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath("cycle.json");
        QVERIFY(writeFile(path, toJson(s)));
        const Run r = cli({"tree", "--from", path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("user:[10]") && r.out.contains("user:[11]"));
        QVERIFY(r.out.contains("(deeper nesting not shown)"));
        // One root for the chain, not hundreds: the cut-off part is not repeated.
        QCOMPARE(r.out.count("\npid:["), 1);
    }

    // stdout carries data only: with every log level on, what a command prints still parses,
    // and the log lines went to stderr (spdlog's own default logger writes to stdout).
    void debugLogsGoToStderr()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString a = dir.filePath("a.json"), b = dir.filePath("b.json");
        Snapshot old = nsx::test::goldenSnapshot();
        QVERIFY(writeFile(a, toJson(old)));
        old.processes[2].startTime += 1;
        QVERIFY(writeFile(b, toJson(old)));
        const QStringList debug{QStringLiteral("SPDLOG_LEVEL=debug")};
        // A log line starts with spdlog's "[date time] [level]" (or "[level]") prefix.
        static const QRegularExpression logLine(
            QStringLiteral(
                R"(^\[(\d{4}-\d\d-\d\d [\d:.]+|trace|debug|info|warning|error|critical)\])"),
            QRegularExpression::MultilineOption);

        // The live commands scan, and a scan logs its phases at debug level.
        for (const QStringList& args :
             {QStringList{"snapshot"}, QStringList{"list", "-J"}, QStringList{"tree"}}) {
            const Run r = cli(args, QStringLiteral(NSX_CLI_PATH), {}, debug);
            const QByteArray what = args.join(' ').toUtf8();
            QVERIFY2(r.exitCode == 0, what + ": " + r.err);
            QVERIFY2(r.err.contains("scan: "), what + ": no debug line on stderr: " + r.err);
            QVERIFY2(!logLine.match(QString::fromUtf8(r.out)).hasMatch(),
                     what + ": a log line on stdout: " +
                         logLine.match(QString::fromUtf8(r.out)).captured(0).toUtf8());
            if (args.first() == "tree") {
                QVERIFY(r.out.startsWith("user:[") && r.out.contains("\npid:["));
                continue;
            }
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
            QVERIFY2(error.error == QJsonParseError::NoError,
                     what + ": stdout is not JSON: " + error.errorString().toUtf8() + " at " +
                         QByteArray::number(error.offset));
            if (args.first() == "snapshot")
                QVERIFY(!fromJson(r.out.toStdString()).namespaces.empty());
        }
        // From files: byte for byte what the default level prints.
        for (const QStringList& args :
             {QStringList{"diff", "--json", a, b}, QStringList{"tree", "--from", a},
              QStringList{"list", "-J", "--from", a}, QStringList{"snapshot", "--from", a}}) {
            const Run quiet = cli(args), loud = cli(args, QStringLiteral(NSX_CLI_PATH), {}, debug);
            QVERIFY(quiet.exitCode >= 0);
            QCOMPARE(loud.exitCode, quiet.exitCode);
            QCOMPARE(loud.out, quiet.out);
            QVERIFY(!quiet.out.isEmpty());
            if (args.first() != "tree")
                QVERIFY(QJsonDocument::fromJson(loud.out).isObject() ||
                        QJsonDocument::fromJson(loud.out).isArray());
        }
    }

    void diffExitCodes()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.json"), b = dir.filePath("b.json");
        Snapshot old = nsx::test::goldenSnapshot();
        QVERIFY(writeFile(a, toJson(old)));
        Run r = cli({"diff", a, a});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("namespaces: 0 added, 0 removed, 0 changed; processes: 0 added, "
                                   "0 removed, 0 changed\n"));
        Snapshot changed = old;
        changed.processes[2].startTime += 1; // pid 812 reused
        QVERIFY(writeFile(b, toJson(changed)));
        r = cli({"diff", a, b});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("+ process 812 sleep\n- process 812 sleep\n"), r.out.constData());
        QVERIFY(r.out.endsWith("processes: 1 added, 1 removed, 0 changed\n"));
        r = cli({"diff", "--json", a, b});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["processes"].toObject()["added"].toArray().size(), 1);
        QCOMPARE(j["processes"].toObject()["removed"].toArray().size(), 1);
        r = cli({"diff", a, b, "-J"}); // options after operands, as getopt permits
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.startsWith("{"));
        // Trouble is 2, like diff(1): a missing file, a bad file.
        r = cli({"diff", a, dir.filePath("missing.json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromUtf8(r.err), "nsexplorer-cli: " + dir.filePath("missing.json") +
                                               ": cannot open: No such file or directory\n");
        QVERIFY(writeFile(b, "{\"format\": \"nsexplorer-snapshot\""));
        r = cli({"diff", a, b});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("line 1, column 32: not valid JSON"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
