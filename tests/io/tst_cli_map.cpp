// nsexplorer-cli map end to end: usage errors (one line, exit 2), dot/svg/json from the golden
// file and from standard input, --output, and the live system with real network namespaces
// (ip netns add nsx-map-cli-*, a veth pair between them); Graphviz and libcurl loaded only
// when a command needs them.
#include "../run_process.h"
#include "golden_snapshot.h"
#include "snapshot_io.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace nsx::backend;

namespace {

using nsx::test::Run;

Run cli(const QStringList& args, const QByteArray& input = {})
{
    nsx::test::RunOptions o;
    o.input = input;
    return nsx::test::runProcess(QStringLiteral(NSX_CLI_PATH), args, o);
}

bool ip(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral("ip"), args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString golden()
{
    return QStringLiteral(NSX_IO_DATA_DIR "/golden.json");
}

} // namespace

class TestCliMap : public QObject
{
    Q_OBJECT
private slots:
    void usageErrors_data();
    void usageErrors();
    void helpListsFormats();
    void dotFromFile();
    void svgFromFile();
    void graphvizAndCurlOnlyOnDemand();
    void withoutGraphviz();
    void jsonFromStdin();
    void outputFile();
    void badFileIsOneLine();
    void liveNetnsWithVethPair();
    void cleanupTestCase();
};

void TestCliMap::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("format") << QStringList{"map", "--format", "png"} << "--format 'png'";
    QTest::newRow("no value") << QStringList{"map", "--format"} << "--format";
    QTest::newRow("unknown") << QStringList{"map", "--bogus"} << "--bogus";
    QTest::newRow("stray") << QStringList{"map", "extra"} << "extra";
    QTest::newRow("same file") << QStringList{"map", "--from", "/tmp/x.json", "-o", "/tmp/x.json"}
                               << "same file";
}

void TestCliMap::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("nsexplorer-cli: map: "), r.err.constData());
    QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
}

void TestCliMap::helpListsFormats()
{
    const Run r = cli({"map", "--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("dot|svg|json"));
    const Run top = cli({"--help"});
    QVERIFY(top.out.contains(" map "));
}

void TestCliMap::dotFromFile()
{
    const Run r = cli({"map", "--from", golden()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    QVERIFY(r.out.startsWith("graph netmap {"));
    // One card per network namespace of the file.
    const Snapshot s = loadSnapshotFile(golden().toStdString());
    int nets = 0;
    for (const Namespace& ns : s.namespaces)
        if (ns.type == NsType::Net) {
            ++nets;
            QVERIFY(r.out.contains(QByteArray("\"net:") + QByteArray::number(qulonglong(ns.inode)) +
                                   "\" [label="));
        }
    QVERIFY(nets >= 2);
    QCOMPARE(int(r.out.count("[label=<<table")), nets);
}

void TestCliMap::svgFromFile()
{
    const Run r = cli({"map", "--format", "svg", "--from", golden()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("<svg"));
    QVERIFY(r.out.contains("</svg>"));
    QVERIFY(r.out.contains("net 4026531"));
    // The same picture as `dot -Tsvg` would draw from our dot output (nodes and edges).
    const Run dot = cli({"map", "--from", golden()});
    QProcess p;
    p.start(QStringLiteral("dot"), {"-Tsvg"});
    QVERIFY(p.waitForStarted());
    p.write(dot.out);
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(60000));
    const QByteArray viaProgram = p.readAllStandardOutput();
    QCOMPARE(r.out.count("class=\"node\""), viaProgram.count("class=\"node\""));
    QCOMPARE(r.out.count("class=\"edge\""), viaProgram.count("class=\"edge\""));
}

// Issue 17: libcurl and Graphviz (with their TLS, Kerberos, LDAP, ... dependencies) were more
// than half of every command's start-up. They are opened on first use: the dynamic loader's
// own account (LD_DEBUG=files) says which libraries a command loaded and why.
void TestCliMap::graphvizAndCurlOnlyOnDemand()
{
    const auto loaded = [](const QStringList& args) {
        nsx::test::RunOptions o;
        o.extraEnv << QStringLiteral("LD_DEBUG=files");
        const Run r = nsx::test::runProcess(QStringLiteral(NSX_CLI_PATH), args, o);
        return std::make_pair(r.exitCode, r.err);
    };
    const auto [versionRc, atStart] = loaded({"--version"});
    QCOMPARE(versionRc, 0);
    QVERIFY2(atStart.contains("file=libspdlog"), "LD_DEBUG=files printed nothing");
    for (const char* lib :
         {"file=libcurl", "file=libgvc", "file=libcgraph", "file=libssl", "file=libgssapi"})
        QVERIFY2(!atStart.contains(lib), lib);
    // The map loads Graphviz when it draws, and says so as a dynamic load, not a start-up one.
    const auto [svgRc, drawing] = loaded({"map", "--format", "svg", "--from", golden()});
    QCOMPARE(svgRc, 0);
    QVERIFY(drawing.contains("file=libgvc.so.6 [0];  dynamically loaded by"));
    QVERIFY(!drawing.contains("file=libcurl"));
}

// A machine where libgvc cannot be loaded (here: a broken one found first on the library
// path): only drawing fails, in one line; DOT text and everything else still work.
void TestCliMap::withoutGraphviz()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char* name : {"libgvc.so.6", "libgvc.so"}) {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        QVERIFY(f.open(QIODevice::WriteOnly)); // empty: "file too short"
    }
    nsx::test::RunOptions o;
    o.extraEnv << QStringLiteral("LD_LIBRARY_PATH=") + dir.path();
    const Run svg = nsx::test::runProcess(QStringLiteral(NSX_CLI_PATH),
                                          {"map", "--format", "svg", "--from", golden()}, o);
    QCOMPARE(svg.exitCode, 1);
    QVERIFY(svg.out.isEmpty());
    QCOMPARE(svg.err.count('\n'), 1);
    QVERIFY2(svg.err.contains("Graphviz (libgvc) is not available"), svg.err.constData());
    const Run dot =
        nsx::test::runProcess(QStringLiteral(NSX_CLI_PATH), {"map", "--from", golden()}, o);
    QCOMPARE(dot.exitCode, 0);
    QVERIFY(dot.out.startsWith("graph netmap {"));
}

void TestCliMap::jsonFromStdin()
{
    QFile f(golden());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Run r = cli({"map", "--format", "json", "--from", "-"}, f.readAll());
    QCOMPARE(r.exitCode, 0);
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    const QJsonArray cards = doc.object()["cards"].toArray();
    QVERIFY(cards.size() >= 2);
    for (const QJsonValue& c : cards) {
        QVERIFY(c.toObject()["id"].toString().startsWith("net:"));
        QVERIFY(!c.toObject()["title"].toString().isEmpty());
    }
}

void TestCliMap::outputFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("map.svg");
    const Run r = cli({"map", "-f", "svg", "-o", path, "--from", golden()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<svg"));
}

void TestCliMap::badFileIsOneLine()
{
    QTemporaryDir dir;
    QFile f(dir.filePath("bad.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    for (const QString& path : {f.fileName(), dir.filePath("missing.json")}) {
        const Run r = cli({"map", "--from", path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
    }
}

// Two named netns joined by a veth pair, on the live system: the cards, the interface names and
// the wire between them, from the topology the scanner reads through netlink.
void TestCliMap::liveNetnsWithVethPair()
{
    if (geteuid() != 0)
        QFAIL("needs root to add network namespaces (ctest runs as root)");
    cleanupTestCase();
    QVERIFY(ip({"netns", "add", "nsx-map-cli-a"}));
    QVERIFY(ip({"netns", "add", "nsx-map-cli-b"}));
    QVERIFY(ip({"-n", "nsx-map-cli-a", "link", "add", "nsxmap-a", "type", "veth", "peer", "name",
                "nsxmap-b", "netns", "nsx-map-cli-b"}));
    QVERIFY(ip({"-n", "nsx-map-cli-a", "link", "set", "nsxmap-a", "up"}));
    QVERIFY(ip({"-n", "nsx-map-cli-a", "addr", "add", "10.231.0.1/30", "dev", "nsxmap-a"}));
    const Run r = cli({"map", "--format", "json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    QJsonObject a, b;
    for (const QJsonValue& v : root["cards"].toArray()) {
        const QJsonObject c = v.toObject();
        if (c["title"].toString() == "netns: nsx-map-cli-a")
            a = c;
        if (c["title"].toString() == "netns: nsx-map-cli-b")
            b = c;
    }
    QVERIFY2(!a.isEmpty() && !b.isEmpty(), r.out.left(400).constData());
    QStringList names;
    for (const QJsonValue& p : a["ports"].toArray())
        names << p.toObject()["name"].toString();
    QVERIFY2(names.contains("nsxmap-a"), qPrintable(names.join(',')));
    QVERIFY(a["addresses"].toArray().contains(QJsonValue("10.231.0.1/30")));
    bool wired = false;
    for (const QJsonValue& v : root["wires"].toArray()) {
        const QJsonObject w = v.toObject();
        const QSet<QString> ends{w["fromCard"].toString(), w["toCard"].toString()};
        wired |= w["kind"].toString() == "veth" && ends.contains(a["id"].toString()) &&
                 ends.contains(b["id"].toString());
    }
    QVERIFY(wired);
}

void TestCliMap::cleanupTestCase()
{
    for (const char* n : {"nsx-map-cli-a", "nsx-map-cli-b"}) {
        QProcess p;
        p.start(QStringLiteral("ip"), {"netns", "del", n});
        p.waitForFinished(30000);
    }
}

QTEST_GUILESS_MAIN(TestCliMap)
#include "tst_cli_map.moc"
