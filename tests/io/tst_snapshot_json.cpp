// Snapshot JSON: the golden document (key by key and byte for byte), byte-identical round
// trips (built in code and from a live scan), hostile strings, and bad files.
#include "detail_fields.h"
#include "golden_snapshot.h"
#include "json_value.h"
#include "scanner.h"
#include "snapshot_io.h"
#include "snapshot_json.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;
using namespace nsx::test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

std::string str(const QByteArray& b)
{
    return std::string(b.constData(), std::size_t(b.size()));
}

QStringList keysInOrder(const json::Value& v)
{
    QStringList keys;
    for (const auto& m : v.members)
        keys << QString::fromStdString(m.first);
    return keys;
}

// Returns the SnapshotError message, or "" when the text loaded.
QString loadError(const QString& path)
{
    try {
        loadSnapshotFile(path.toStdString());
    } catch (const SnapshotError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QByteArray replaceOnce(QByteArray text, const QByteArray& from, const QByteArray& to)
{
    const qsizetype at = text.indexOf(from);
    if (at < 0)
        qFatal("test data: '%s' not in the golden file", from.constData());
    return text.replace(at, from.size(), to);
}

} // namespace

class TestSnapshotJson : public QObject
{
    Q_OBJECT

private:
    QString goldenPath() const { return QStringLiteral(NSX_IO_DATA_DIR "/golden.json"); }
    QByteArray golden() const { return readAll(goldenPath()); }

private slots:
    void initTestCase()
    {
        QVERIFY2(!golden().isEmpty(), qPrintable(goldenPath()));
        if (qEnvironmentVariableIsSet("NSX_REGENERATE_GOLDEN")) {
            QFile f(goldenPath());
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            const std::string text = toJson(goldenSnapshot());
            f.write(text.data(), qint64(text.size()));
            qWarning("regenerated %s: review the diff before committing", qPrintable(goldenPath()));
        }
    }

    void goldenBytes()
    {
        const std::string written = toJson(goldenSnapshot());
        QCOMPARE(QByteArray::fromStdString(written), golden());
        // The streaming writer and the generic Value printer agree.
        QCOMPARE(QByteArray::fromStdString(json::write(json::toValue(goldenSnapshot()))), golden());
        Snapshot empty;
        QCOMPARE(toJson(empty), json::write(json::toValue(empty)));
        // Valid UTF-8 throughout, whatever bytes the kernel gave us.
        std::string_view rest = written;
        while (!rest.empty()) {
            const std::size_t n = json::validUtf8Length(rest);
            QVERIFY2(n > 0, "writer produced invalid UTF-8");
            rest.remove_prefix(n);
        }
    }

    // An independent parser (Qt's) reads the golden file; every key has the contract's type.
    void goldenKeyByKey()
    {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(golden(), &err);
        QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
        const QJsonObject root = doc.object();
        QCOMPARE(root["format"].toString(), "nsexplorer-snapshot");
        QCOMPARE(root["version"].toInt(), 1);
        QCOMPARE(root["taken_at"].toString(), "2026-11-29T05:00:00Z");
        QCOMPARE(root["host"].toObject()["hostname"].toString(), "vm");
        QCOMPARE(root["host"].toObject()["kernel"].toString(), "6.18.44");
        const QJsonObject scanner = root["scanner"].toObject();
        QCOMPARE(scanner["uid"].toInt(-1), 0);
        QCOMPARE(scanner["complete"].toBool(true), false);
        const QJsonArray errors = scanner["errors"].toArray();
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors[0].toObject()["pid"].toInt(), 1);
        QCOMPARE(errors[0].toObject()["path"].toString(), "/proc/1/ns/cgroup");
        QCOMPARE(errors[0].toObject()["error"].toString(), "EACCES");
        QVERIFY(errors[1].toObject()["pid"].isNull()); // not about one process

        const QJsonArray nss = root["namespaces"].toArray();
        QCOMPARE(nss.size(), 13);
        // Sorted by (type, inode): cgroup, ipc, mnt, net, net, pid, pid, time, time, ...
        QStringList types;
        for (const auto& v : nss)
            types << v.toObject()["type"].toString();
        QCOMPARE(types, QStringList({"cgroup", "ipc", "mnt", "net", "net", "pid", "pid", "time",
                                     "time", "user", "user", "uts", "uts"}));
        const QStringList required = {"type",      "inode",     "dev",     "owner",      "parent",
                                      "owner_uid", "processes", "threads", "references", "details"};
        for (const auto& v : nss)
            for (const QString& k : required)
                QVERIFY2(v.toObject().contains(k), qPrintable(k));

        const QJsonObject cgroup = nss[0].toObject();
        QCOMPARE(cgroup["inode"].toDouble(), 4026531835.0);
        QCOMPARE(cgroup["dev"].toInt(), 4);
        QCOMPARE(cgroup["owner"].toDouble(), double(kInitUser));
        QVERIFY(cgroup["parent"].isNull());
        QVERIFY(cgroup["owner_uid"].isNull());
        QCOMPARE(cgroup["processes"].toArray(), QJsonArray({1, 2, 812}));
        QCOMPARE(cgroup["threads"].toArray(), QJsonArray());
        QCOMPARE(cgroup["details"].toObject(), QJsonObject({{"root", "/"}}));
        QVERIFY(!cgroup.contains("launcher"));

        const QJsonObject ipc = nss[1].toObject()["details"].toObject();
        QCOMPARE(ipc["msg_queues"].toInt(), 1);
        QCOMPARE(ipc["shm_segments"].toInt(-1), 0);
        QVERIFY(ipc.contains("semaphore_sets") && ipc["semaphore_sets"].isNull());

        QCOMPARE(nss[2].toObject()["details"].toObject(),
                 QJsonObject({{"mounts", 31}, {"root", "/dev/vda on / type ext4"}}));

        const QJsonArray ifaces = nss[3].toObject()["details"].toObject()["interfaces"].toArray();
        QCOMPARE(ifaces.size(), 6);
        QCOMPARE(ifaces[0].toObject()["name"].toString(), "lo");
        QCOMPARE(ifaces[0].toObject()["up"].toBool(), true);
        QCOMPARE(ifaces[0].toObject()["addresses"].toArray(),
                 QJsonArray({"127.0.0.1/8", "::1/128"}));
        QCOMPARE(ifaces[0].toObject()["kind"].toString("x"), QString());
        QCOMPARE(ifaces[1].toObject()["up"].toBool(true), false);
        QCOMPARE(ifaces[1].toObject().keys(), QStringList({"addresses", "name", "up"}));
        // The topology keys (issue 16), in the writer's order.
        const QJsonObject veth = ifaces[2].toObject();
        QCOMPARE(veth["index"].toInt(), 5);
        QCOMPARE(veth["kind"].toString(), "veth");
        QCOMPARE(veth["mac"].toString(), "02:42:ac:11:00:02");
        QCOMPARE(veth["mtu"].toInt(), 1500);
        QCOMPARE(veth["operstate"].toString(), "up");
        QCOMPARE(veth["master"].toString(), "br0");
        QCOMPARE(
            veth["link"].toObject(),
            QJsonObject({{"netns", 4026532300.0}, {"ifindex", 5}, {"name", "eth0"}, {"nsid", 0}}));
        QCOMPARE(ifaces[4].toObject()["served_by"].toArray(), QJsonArray({812}));
        QVERIFY(!ifaces[4].toObject().contains("mac"));
        const QJsonObject lower = ifaces[5].toObject()["link"].toObject();
        QVERIFY(lower["netns"].isNull() && !lower.contains("nsid"));
        const QJsonArray routes =
            nss[3].toObject()["details"].toObject()["default_routes"].toArray();
        QCOMPARE(routes.size(), 2);
        QCOMPARE(routes[0].toObject(),
                 QJsonObject({{"family", "inet"}, {"gateway", "192.0.2.1"}, {"device", "br0"}}));
        QVERIFY(routes[1].toObject()["gateway"].isNull());

        const QJsonObject blue = nss[4].toObject();
        QVERIFY(blue["details"].toObject()["interfaces"].isNull());
        const QJsonArray refs = blue["references"].toArray();
        QCOMPARE(refs[0].toObject(),
                 QJsonObject({{"kind", "bind-mount"}, {"path", "/run/netns/blue"}}));
        QCOMPARE(refs[1].toObject(), QJsonObject({{"kind", "fd"}, {"pid", 812}, {"fd", 7}}));
        QCOMPARE(blue["launcher"].toObject(),
                 QJsonObject({{"pid", 700}, {"comm", "ip"}, {"kind", "other"}}));

        const QJsonObject childPid = nss[6].toObject();
        QCOMPARE(childPid["parent"].toDouble(), double(kInitPid));
        QCOMPARE(childPid["details"].toObject(), QJsonObject({{"init", 900}, {"level", 1}}));
        QVERIFY(childPid["launcher"].toObject()["pid"].isNull());
        QCOMPARE(childPid["launcher"].toObject()["comm"].toString(), "a) b (c) )");

        QCOMPARE(nss[7].toObject()["details"].toObject(),
                 QJsonObject({{"monotonic_offset", 0}, {"boottime_offset", 0}}));
        const QJsonObject childTime = nss[8].toObject();
        QCOMPARE(childTime["threads"].toArray(), QJsonArray({903}));
        QCOMPARE(childTime["details"].toObject()["monotonic_offset"].toDouble(), 86400.5);
        QCOMPARE(childTime["details"].toObject()["boottime_offset"].toDouble(), -1.25);

        const QJsonObject user = nss[9].toObject();
        QVERIFY(user["owner"].isNull());
        QCOMPARE(user["owner_uid"].toInt(-1), 0);
        QCOMPARE(user["details"].toObject()["uid_map"].toArray(),
                 QJsonArray({QJsonArray({0, 0, 4294967295.0})}));
        const QJsonObject childUser = nss[10].toObject();
        QCOMPARE(childUser["parent"].toDouble(), double(kInitUser));
        QCOMPARE(childUser["owner_uid"].toInt(), 1000);
        QVERIFY(childUser["details"].toObject()["gid_map"].isNull());

        QCOMPARE(nss[11].toObject()["details"].toObject(),
                 QJsonObject({{"hostname", "vm"}, {"domainname", "(none)"}}));
        QCOMPARE(nss[12].toObject()["details"].toObject()["hostname"].toString(),
                 QString::fromStdString(kEscComm));

        const QJsonArray procs = root["processes"].toArray();
        QCOMPARE(procs.size(), 5);
        const QJsonObject p812 = procs[2].toObject();
        QCOMPARE(p812["pid"].toInt(), 812);
        QCOMPARE(p812["ppid"].toInt(), 1);
        QCOMPARE(p812["comm"].toString(), "sleep");
        QCOMPARE(p812["cmdline"].toArray()[0].toString(), "sleep");
        QCOMPARE(p812["uid"].toInt(-1), 0);
        QCOMPARE(p812["user"].toString(), "root");
        QCOMPARE(p812["state"].toString(), "R");
        QCOMPARE(p812["start_time"].toInt(), 123456);
        QCOMPARE(p812["nspid"].toArray(), QJsonArray({812}));
        const QJsonObject nsOf = p812["namespaces"].toObject();
        QCOMPARE(nsOf.keys(),
                 QStringList({"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"}));
        QCOMPARE(nsOf["net"].toDouble(), 4026531833.0);
        const QJsonObject p900 = procs[3].toObject();
        QCOMPARE(p900["nspid"].toArray(), QJsonArray({900, 1}));
        QVERIFY(p900["user"].isNull());
        QVERIFY(p900["namespaces"].toObject()["cgroup"].isNull());
        const QJsonObject ghost = procs[4].toObject();
        QVERIFY(ghost["uid"].isNull());
        QVERIFY(ghost["nspid"].isNull());
        QCOMPARE(ghost["pid"].toInt(), 4194304);
    }

    // Key order is part of the contract; Qt's parser forgets it, so read the text in order.
    void goldenKeyOrder()
    {
        json::Value root;
        std::string error;
        QVERIFY2(json::parse(str(golden()), root, error), error.c_str());
        QCOMPARE(keysInOrder(root), QStringList({"format", "version", "taken_at", "host", "scanner",
                                                 "namespaces", "processes", "containers"}));
        const QStringList nsKeys = {"type",      "inode",     "dev",     "owner",      "parent",
                                    "owner_uid", "processes", "threads", "references", "details"};
        const auto& nss = root.members[5].second.items;
        QCOMPARE(keysInOrder(nss[0]), nsKeys);
        QCOMPARE(keysInOrder(nss[4]), nsKeys + QStringList({"launcher", "container", "id"}));
        QCOMPARE(keysInOrder(nss[8].members[9].second),
                 QStringList({"monotonic_offset", "boottime_offset"}));
        QCOMPARE(keysInOrder(root.members[6].second.items[0]),
                 QStringList({"pid", "ppid", "comm", "cmdline", "uid", "user", "state",
                              "start_time", "nspid", "namespaces"}));
        QCOMPARE(keysInOrder(root.members[6].second.items[3]),
                 QStringList({"pid", "ppid", "comm", "cmdline", "uid", "user", "state",
                              "start_time", "nspid", "namespaces", "container"}));
        QCOMPARE(keysInOrder(root.members[7].second.items[0]),
                 QStringList({"key", "engine", "name", "id", "image", "pod", "pod_namespace",
                              "project", "unit", "app_id", "labels", "pid", "source"}));
        QCOMPARE(keysInOrder(root.members[4].second), QStringList({"uid", "complete", "errors"}));
    }

    // The details table (detail_fields.cpp) against the contract's "details by type" table:
    // per type the same keys in the same order, so a renamed key cannot pass.
    void detailKeysAreTheContracts()
    {
        const QByteArray doc =
            readAll(QStringLiteral(NSX_IO_DATA_DIR "/../../../docs/snapshot-format.md"));
        QVERIFY(!doc.isEmpty());
        const QRegularExpression key(QStringLiteral("`([a-z_]+)`"));
        int rows = 0;
        for (const QString& line : QString::fromUtf8(doc).split('\n')) {
            const QStringList cells = line.split('|');
            if (cells.size() != 4 || !cells[0].isEmpty())
                continue;
            const auto type = nsTypeFromString(cells[1].trimmed().toStdString());
            if (!type)
                continue;
            QStringList documented;
            for (const auto& m : key.globalMatch(cells[2]))
                documented << m.captured(1);
            QStringList table;
            for (const DetailField* f : detailFields(*type))
                table << QString::fromLatin1(f->key.data(), qsizetype(f->key.size()));
            QCOMPARE(table, documented);
            ++rows;
        }
        QCOMPARE(rows, int(kNsTypeCount));
    }

    // The views lay a value out by its field's kind: each kind must hold its one alternative.
    // The golden snapshot has a value for every field but semaphore_sets (null there).
    void detailKindsMatchValues()
    {
        const auto alternative = [](DetailKind kind) -> std::size_t {
            switch (kind) {
            case DetailKind::Text:
                return 1;
            case DetailKind::Count:
            case DetailKind::Pid:
                return 2;
            case DetailKind::Interfaces:
                return 3;
            case DetailKind::IdMap:
                return 4;
            case DetailKind::Seconds:
                return 5;
            case DetailKind::Routes:
                return 6;
            }
            return 0;
        };
        Snapshot s = goldenSnapshot();
        for (Namespace& ns : s.namespaces)
            if (ns.type == NsType::Ipc)
                ns.details.semaphoreSets = 3;
        std::set<const DetailField*> seen;
        for (const Namespace& ns : s.namespaces)
            for (const DetailField* f : detailFields(ns.type)) {
                const DetailValue v = f->get(ns.details);
                if (v.index() == 0)
                    continue;
                QCOMPARE(v.index(), alternative(f->kind));
                seen.insert(f);
            }
        QCOMPARE(seen.size(), detailFields().size());
    }

    void roundTripGolden()
    {
        const QByteArray text = golden();
        const Snapshot back = fromJson(str(text), "golden.json");
        QVERIFY(back == goldenSnapshot());
        QCOMPARE(QByteArray::fromStdString(toJson(back)), text);
    }

    void writerSortsACopy()
    {
        Snapshot s = goldenSnapshot();
        std::reverse(s.namespaces.begin(), s.namespaces.end());
        std::reverse(s.processes.begin(), s.processes.end());
        std::reverse(s.namespaces[3].processes.begin(), s.namespaces[3].processes.end());
        const Snapshot before = s;
        QCOMPARE(QByteArray::fromStdString(toJson(s)), golden());
        QVERIFY(s == before); // the argument is left alone
    }

    void roundTripLive()
    {
        // A real process whose comm and argv[0] hold ')', a newline, an escape sequence,
        // invalid UTF-8, a quote and a backslash: exec'd through a symlink of that name.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string name = "x) \n\x1b[1m\xff\xfe\"\\"; // 12 bytes, under comm's 15
        const std::string link = dir.path().toStdString() + "/" + name;
        QCOMPARE(::symlink("/bin/sleep", link.c_str()), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::execl(link.c_str(), link.c_str(), "120", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        struct Reaper
        {
            pid_t pid;
            ~Reaper()
            {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        } reaper{child};
        // Wait until the exec happened (comm changes from the test's name to ours).
        QTRY_VERIFY_WITH_TIMEOUT(readAll(QString("/proc/%1/comm").arg(child)) ==
                                     QByteArray::fromStdString(name + "\n"),
                                 20000);

        Scanner scanner{ScanOptions{}};
        const Snapshot live = scanner.scan();
        QVERIFY(!live.namespaces.empty());
        const Process* p = live.findProcess(child);
        QVERIFY(p);
        QCOMPARE(p->comm, name);
        QVERIFY(!p->cmdline.empty());
        QCOMPARE(p->cmdline[0], link);
        const std::string first = toJson(live);
        QVERIFY(first.find("\"comm\": \"x) \\n\\u001b[1m\\u00ff\\u00fe\\\"\\\\\"") !=
                std::string::npos);
        const Snapshot back = fromJson(first, "live");
        QVERIFY(back == live); // nothing the scanner found is lost or altered
        QCOMPARE(back.findProcess(child)->comm, name);
        const std::string second = toJson(back);
        QCOMPARE(second.size(), first.size());
        QVERIFY(second == first);
    }

    void hostileStrings_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("escaped");
        QTest::newRow("paren") << QByteArray::fromStdString(kHostileComm)
                               << QByteArray("\"a) b (c) )\"");
        QTest::newRow("newline") << QByteArray::fromStdString(kNewlineComm)
                                 << QByteArray("\"line\\nbreak\\ttab\"");
        QTest::newRow("esc") << QByteArray::fromStdString(kEscComm)
                             << QByteArray("\"\\u001b[31mred\\u001b[0m\"");
        QTest::newRow("invalid utf-8")
            << QByteArray::fromStdString(kInvalidUtf8)
            << QByteArray("\"bad\\u00ff\\u00fe-\\u00c3-end\\u00e2\\u0082\"");
        QTest::newRow("quotes") << QByteArray::fromStdString(kQuotes)
                                << QByteArray("\"say \\\"hi\\\" \\\\ back\\\\slash\"");
        QTest::newRow("unicode raw")
            << QByteArray::fromStdString(kUnicode)
            << QByteArray("\"") + QByteArray::fromStdString(kUnicode) + "\"";
        QTest::newRow("nul and del")
            << QByteArray::fromStdString(kNulDel) << QByteArray("\"nul\\u0000byte\\u007f\"");
        QTest::newRow("surrogate bytes")
            << QByteArray("\xed\xa0\x80") << QByteArray("\"\\u00ed\\u00a0\\u0080\"");
        QTest::newRow("overlong slash")
            << QByteArray("\xc0\xaf") << QByteArray("\"\\u00c0\\u00af\"");
        QTest::newRow("above U+10FFFF")
            << QByteArray("\xf4\x90\x80\x80") << QByteArray("\"\\u00f4\\u0090\\u0080\\u0080\"");
        QTest::newRow("C1 control raw") << QByteArray("\xc2\x9b") << QByteArray("\"\xc2\x9b\"");
        QTest::newRow("all latin-1 bytes")
            << QByteArray("\x80\xff") << QByteArray("\"\\u0080\\u00ff\"");
    }

    void hostileStrings()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, escaped);
        std::string out;
        json::appendString(out, str(raw));
        QCOMPARE(QByteArray::fromStdString(out), escaped);

        // Through a whole snapshot, in every place a kernel string can sit.
        Snapshot s = goldenSnapshot();
        s.processes[0].comm = str(raw);
        s.processes[0].cmdline = {str(raw), str(raw) + str(raw)};
        s.processes[0].user = str(raw);
        s.namespaces[4].references[0].path = str(raw);
        s.namespaces.back().details.hostname = str(raw);
        s.errors[0].path = str(raw);
        const std::string text = toJson(s);
        QVERIFY(text.find(str(escaped)) != std::string::npos);
        const Snapshot back = fromJson(text);
        QVERIFY(back == s);
        QCOMPARE(back.processes[0].comm.size(), std::size_t(raw.size()));
        QVERIFY(toJson(back) == text);
        // And Qt's parser (a third party) accepts what we wrote.
        QJsonParseError err{};
        QJsonDocument::fromJson(QByteArray::fromStdString(text), &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
    }

    // A producer that writes UTF-8 as escapes for U+0100 and above, and surrogate pairs.
    void readerEscapes()
    {
        json::Value v;
        std::string error;
        // (Plain literals: moc misreads raw strings holding \u escapes.)
        QVERIFY(json::parse("[\"\\u00e9\", \"\\u0100\", \"\\ud83d\\udc27\", \"\\/\\b\\f\\r\", "
                            "\"\xc3\xa9\"]",
                            v, error));
        QCOMPARE(v.items[0].str, std::string("\xe9"));
        QCOMPARE(v.items[1].str, std::string("\xc4\x80"));
        QCOMPARE(v.items[2].str, std::string("\xf0\x9f\x90\xa7"));
        QCOMPARE(v.items[3].str, std::string("/\b\f\r"));
        QCOMPARE(v.items[4].str, std::string("\xc3\xa9"));
        QVERIFY(json::parse("{\"k\\u00ffey\": \"x\\\"y\", \"\\\\\": 1.50}", v, error));
        QCOMPARE(v.members[0].first, std::string("k\xff"
                                                 "ey"));
        QCOMPARE(v.members[0].second.str, std::string("x\"y"));
        QCOMPARE(v.members[1].first, std::string("\\"));
        QCOMPARE(v.members[1].second.str, std::string("1.50"));
    }

    void timeOffsets_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<qint64>("nanoseconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << qint64(0) << "0";
        QTest::newRow("whole") << qint64(86400) << qint64(0) << "86400";
        QTest::newRow("negative whole") << qint64(-5) << qint64(0) << "-5";
        QTest::newRow("half") << qint64(1) << qint64(500000000) << "1.5";
        QTest::newRow("nanosecond") << qint64(0) << qint64(1) << "0.000000001";
        QTest::newRow("negative fraction") << qint64(-1) << qint64(999999999) << "-0.000000001";
        QTest::newRow("negative -1.25") << qint64(-2) << qint64(750000000) << "-1.25";
        QTest::newRow("big") << qint64(9223372035) << qint64(854775807) << "9223372035.854775807";
    }

    void timeOffsets()
    {
        QFETCH(qint64, seconds);
        QFETCH(qint64, nanoseconds);
        QFETCH(QString, text);
        const TimeOffset t{seconds, nanoseconds};
        QCOMPARE(QString::fromStdString(json::write(json::timeOffsetValue(t), false)), text);
        Snapshot s = goldenSnapshot();
        s.namespaces[8].details.monotonicOffset = t;
        const Snapshot back = fromJson(toJson(s));
        QVERIFY(back.namespaces[8].details.monotonicOffset == t);
    }

    void readerAcceptsOtherwiseLaidOut()
    {
        // Compact, reordered, unknown keys, details keys absent, launcher null: still valid.
        const QByteArray text = R"({"version":1,"format":"nsexplorer-snapshot","extra":{"a":[1,2]},
            "taken_at":"t","host":{"kernel":"k","hostname":"h","x":1},
            "scanner":{"uid":0,"complete":true,"errors":[]},
            "namespaces":[{"type":"uts","inode":9,"dev":4,"owner":null,"parent":null,
              "owner_uid":null,"processes":[3,1],"threads":[],"references":[],"details":{},
              "launcher":null,"future":"ok"}],
            "processes":[]})";
        const Snapshot s = fromJson(str(text));
        QCOMPARE(s.namespaces.size(), std::size_t(1));
        QCOMPARE(s.namespaces[0].processes, std::vector<int>({1, 3})); // normalized
        QVERIFY(!s.namespaces[0].details.hostname);
        QVERIFY(!s.namespaces[0].launcher);
        QCOMPARE(s.hostname, std::string("h"));
    }

    // Entries are converted while parsing once the header was seen; a header at the end must
    // give the same result, and a future version is still reported as such.
    void headerAfterEntries()
    {
        const QByteArray g = golden();
        QByteArray moved = g;
        moved.replace("  \"format\": \"nsexplorer-snapshot\",\n  \"version\": 1,\n", "");
        QVERIFY(moved.size() < g.size());
        moved.chop(3); // "\n}\n"
        moved += ",\n  \"version\": 1, \"format\": \"nsexplorer-snapshot\"\n}\n";
        QVERIFY(fromJson(str(moved)) == goldenSnapshot());
        QByteArray future = moved;
        future.replace("\"version\": 1", "\"version\": 2");
        future.replace("\"inode\": 4026531835", "\"inode\": \"changed in v2\"");
        try {
            fromJson(str(future));
            QFAIL("accepted a future version");
        } catch (const SnapshotError& e) {
            QCOMPARE(QString(e.what()), QString("unsupported snapshot version 2 (this nsexplorer "
                                                "reads version 1)"));
        }
        // Header first (as written), the same bad entry is named by its path.
        QByteArray bad = g;
        bad.replace("\"inode\": 4026531835", "\"inode\": \"x\"");
        try {
            fromJson(str(bad));
            QFAIL("accepted a bad inode");
        } catch (const SnapshotError& e) {
            QCOMPARE(QString(e.what()),
                     QString("namespaces[0].inode: expected an unsigned integer, found a string"));
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected"); // a regular expression the message must match
        const QByteArray g = golden();
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("whitespace") << QByteArray(" \n") << "line 2, column 1: not valid JSON";
        QTest::newRow("not json") << QByteArray("hello") << "line 1, column 1: not valid JSON";
        QTest::newRow("truncated")
            << g.left(g.lastIndexOf(',', g.size() / 2) + 1) // cut between two values
            << "line \\d+, column \\d+: not valid JSON.*end of input";
        QTest::newRow("trailing garbage") << g + "}"
                                          << "not valid JSON";
        QTest::newRow("raw invalid utf-8")
            << replaceOnce(g, "\"vm\"", "\"v\xffm\"") << "line 5, column \\d+: not valid JSON";
        QTest::newRow("top-level array")
            << QByteArray("[1]") << "expected a JSON object at the top level";
        QTest::newRow("no format") << QByteArray("{\"version\":1}")
                                   << "not an nsexplorer snapshot \\(no \"format\" key\\)";
        QTest::newRow("other format") << replaceOnce(g, "nsexplorer-snapshot", "lsns")
                                      << "format: not an nsexplorer snapshot";
        QTest::newRow("future version") << replaceOnce(g, "\"version\": 1", "\"version\": 2")
                                        << ": unsupported snapshot version 2 ";
        QTest::newRow("version zero") << replaceOnce(g, "\"version\": 1", "\"version\": 0")
                                      << "unsupported snapshot version 0";
        QTest::newRow("version string") << replaceOnce(g, "\"version\": 1", "\"version\": \"1\"")
                                        << "version: expected an integer, found a string";
        QTest::newRow("missing taken_at")
            << replaceOnce(g, "\"taken_at\": \"2026-11-29T05:00:00Z\",", "")
            << "\\(top level\\): missing key \"taken_at\"";
        QTest::newRow("missing details")
            << replaceOnce(g, ",\n      \"details\": {\"root\": \"/\"}", "")
            << "namespaces\\[0\\]: missing key \"details\"";
        QTest::newRow("inode as string")
            << replaceOnce(g, "\"inode\": 4026531839", "\"inode\": \"4026531839\"")
            << "namespaces\\[1\\].inode: expected an unsigned integer, found a string";
        QTest::newRow("negative inode") << replaceOnce(g, "\"inode\": 4026531839", "\"inode\": -1")
                                        << "namespaces\\[1\\].inode: expected an unsigned integer "
                                           "\\(0 to 18446744073709551615\\)";
        QTest::newRow("huge integer")
            << replaceOnce(g, "\"inode\": 4026531839", "\"inode\": 123456789012345678901234567890")
            << "namespaces\\[1\\].inode: expected an unsigned integer, found a decimal number";
        QTest::newRow("number overflow")
            << replaceOnce(g, "\"inode\": 4026531839", "\"inode\": 1e99999")
            << "line \\d+, column \\d+: not valid JSON: number overflow";
        QTest::newRow("pid out of range")
            << replaceOnce(g, "\"pid\": 812,\n      \"ppid\"",
                           "\"pid\": 4294967296,\n      \"ppid\"")
            << "processes\\[2\\].pid: expected an integer from 0 to 2147483647";
        QTest::newRow("complete as string")
            << replaceOnce(g, "\"complete\": false", "\"complete\": \"no\"")
            << "scanner.complete: expected true or false, found a string";
        QTest::newRow("host as array")
            << replaceOnce(g, "\"host\": {\"hostname\": \"vm\", \"kernel\": \"6.18.44\"}",
                           "\"host\": []")
            << "host: expected an object, found an array";
        QTest::newRow("unknown type")
            << replaceOnce(g, "\"type\": \"cgroup\"", "\"type\": \"cgroupv3\"")
            << "namespaces\\[0\\].type: unknown namespace type \"cgroupv3\"";
        QTest::newRow("uid_map row")
            << replaceOnce(g, "[[0, 1000, 1]]", "[[0, 1000]]")
            << "namespaces\\[10\\].details.uid_map\\[0\\]: expected \\[inside, outside, count\\]";
        QTest::newRow("interface up") << replaceOnce(g, "\"up\": true", "\"up\": 1")
                                      << "namespaces\\[3\\].details.interfaces\\[0\\].up: expected "
                                         "true or false, found an integer";
        QTest::newRow("interface index as string")
            << replaceOnce(g, "\"index\": 5,", "\"index\": \"5\",")
            << "namespaces\\[3\\].details.interfaces\\[2\\].index: expected an integer, found a "
               "string";
        QTest::newRow("interface mtu negative")
            << replaceOnce(g, "\"mtu\": 1500,\n            \"operstate\"",
                           "\"mtu\": -1,\n            \"operstate\"")
            << "namespaces\\[3\\].details.interfaces\\[2\\].mtu: expected an integer from 0";
        QTest::newRow("interface kind as number")
            << replaceOnce(g, "\"kind\": \"veth\"", "\"kind\": 3")
            << "namespaces\\[3\\].details.interfaces\\[2\\].kind: expected a string, found an "
               "integer";
        QTest::newRow("link without ifindex")
            << replaceOnce(g, "\"ifindex\": 5, ", "")
            << "namespaces\\[3\\].details.interfaces\\[2\\].link: missing key \"ifindex\"";
        QTest::newRow("link netns as string")
            << replaceOnce(g, "{\"netns\": 4026532300", "{\"netns\": \"4026532300\"")
            << "namespaces\\[3\\].details.interfaces\\[2\\].link.netns: expected an unsigned "
               "integer, found a string";
        QTest::newRow("link as array")
            << replaceOnce(g, "\"link\": {\"netns\": null, \"ifindex\": 4, \"name\": \"eth0\"}",
                           "\"link\": [4]")
            << "namespaces\\[3\\].details.interfaces\\[5\\].link: expected an object, found an "
               "array";
        QTest::newRow("served_by entry")
            << replaceOnce(g, "\"served_by\": [812]", "\"served_by\": [\"812\"]")
            << "namespaces\\[3\\].details.interfaces\\[4\\].served_by\\[0\\]: expected an integer";
        QTest::newRow("route family")
            << replaceOnce(g, "\"family\": \"inet\"", "\"family\": \"ipx\"")
            << "namespaces\\[3\\].details.default_routes\\[0\\].family: expected \"inet\" or "
               "\"inet6\"";
        QTest::newRow("route without device")
            << replaceOnce(g, ", \"device\": \"br0\"", "")
            << "namespaces\\[3\\].details.default_routes\\[0\\]: missing key \"device\"";
        QTest::newRow("routes as object")
            << replaceOnce(g, "\"default_routes\": null", "\"default_routes\": {}")
            << "namespaces\\[4\\].details.default_routes: expected an array, found an object";
        QTest::newRow("time offset exponent")
            << replaceOnce(g, "86400.5", "8.64005e4")
            << "namespaces\\[8\\].details.monotonic_offset: expected seconds as a decimal";
        QTest::newRow("time offset too precise")
            << replaceOnce(g, "86400.5", "86400.0000000001")
            << "namespaces\\[8\\].details.monotonic_offset: expected seconds as a decimal";
        QTest::newRow("reference kind")
            << replaceOnce(g, "\"kind\": \"fd\"", "\"kind\": \"socket\"")
            << "namespaces\\[4\\].references\\[1\\].kind: expected \"bind-mount\" or \"fd\"";
        QTest::newRow("process ns as bool")
            << replaceOnce(g, "\"net\": 4026531833", "\"net\": true")
            << "processes\\[0\\].namespaces.net: expected an unsigned integer, found a boolean";
        QTest::newRow("state too long")
            << replaceOnce(g, "\"state\": \"R\"", "\"state\": \"RS\"")
            << "processes\\[2\\].state: expected a one-character string";
        QTest::newRow("cmdline entry")
            << replaceOnce(g, "[\"sleep\", \"100\"", "[\"sleep\", 100")
            << "processes\\[2\\].cmdline\\[1\\]: expected a string, found an integer";
        QTest::newRow("duplicate key") << replaceOnce(g, "\"dev\": 4,", "\"dev\": 4, \"dev\": 5,")
                                       << "namespaces\\[0\\]: duplicate key \"dev\"";
        QTest::newRow("duplicate namespace")
            << replaceOnce(g, "\"inode\": 4026532300", "\"inode\": 4026531833")
            << "namespaces: duplicate namespace net 4026531833";
        // Containers (issue 15).
        QTest::newRow("container key not a string")
            << replaceOnce(g, "\"container\": \"netns:blue\"", "\"container\": 7")
            << "namespaces\\[4\\].container: expected a string, found an integer";
        QTest::newRow("dangling container key")
            << replaceOnce(g, "\"container\": \"netns:blue\"", "\"container\": \"netns:red\"")
            << "namespaces: net 4026532300: no container with key \"netns:red\"";
        QTest::newRow("containers not an array")
            << replaceOnce(g, "\"containers\": [", "\"containers\": 5, \"x\": [")
            << "containers: expected an array, found an integer";
        QTest::newRow("container without name") << replaceOnce(g, "\"name\": \"blue\",\n      ", "")
                                                << "containers\\[1\\]: missing key \"name\"";
        QTest::newRow("label not a string")
            << replaceOnce(g, "\"com.docker.compose.project\": \"shop\"",
                           "\"com.docker.compose.project\": [1]")
            << "containers\\[0\\].labels.com.docker.compose.project: expected a string";
        QTest::newRow("duplicate container")
            << replaceOnce(
                   g, "\"key\": \"netns:blue\"",
                   "\"key\": "
                   "\"docker:3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a\"")
            << "containers: duplicate container key";
        QTest::newRow("deep nesting") << QByteArray(100000, '[') + QByteArray(100000, ']')
                                      << "JSON nested deeper than 64 levels";
        QTest::newRow("deep objects")
            << QByteArray("{\"format\":\"nsexplorer-snapshot\",\"x\":") +
                   QByteArray(5000, '{').replace("{", "{\"a\":") + "1" + QByteArray(5001, '}')
            << "JSON nested deeper than 64 levels";
        QTest::newRow("comment") << QByteArray("// hi\n{}") << "line 1, column 1: not valid JSON";
        QTest::newRow("newline in bad value")
            << replaceOnce(g, "\"taken_at\": \"2026-11-29T05:00:00Z\"", "\"taken_at\": [\n1]")
            << "taken_at: expected a string, found an array";
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("bad snapshot.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        const QString message = loadError(path);
        QVERIFY2(!message.isEmpty(), "a bad file loaded without error");
        QVERIFY2(!message.contains('\n'), qPrintable(message));
        QVERIFY2(message.startsWith(path + ": "), qPrintable(message));
        QVERIFY2(message.contains(QRegularExpression(expected)),
                 qPrintable(message + "  /  expected: " + expected));
        // fromJson without a file name says the same minus the prefix.
        try {
            fromJson(str(text));
            QFAIL("fromJson accepted it");
        } catch (const SnapshotError& e) {
            QCOMPARE(path + ": " + QString::fromUtf8(e.what()), message);
        }
    }

    void oversizeFileRefusedBeforeReading()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("huge.json");
        // 300 MB, sparse: costs no disk, and is refused by size before a byte is read.
        const int fd = ::open(path.toLocal8Bit().constData(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
        QVERIFY(fd >= 0);
        QCOMPARE(::ftruncate(fd, off_t(300) << 20), 0);
        ::close(fd);
        const QString message = loadError(path);
        QVERIFY2(message.contains("file too large (300 MiB; the limit is 256 MiB)"),
                 qPrintable(message));
        QVERIFY(message.startsWith(path + ": "));
        // A smaller limit applies the same way.
        try {
            loadSnapshotFile(NSX_IO_DATA_DIR "/golden.json", 100);
            QFAIL("loaded over the limit");
        } catch (const SnapshotError& e) {
            QVERIFY2(QString(e.what()).contains("file too large"), e.what());
        }
    }

    void oversizePipeStopsAtLimit()
    {
        // A pipe has no size: the reader must stop at the limit instead of reading forever.
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // The reader closes early on purpose: EPIPE ends the loop, not QtTest's handler.
            ::signal(SIGPIPE, SIG_IGN);
            ::close(fds[0]);
            std::string chunk(65536, ' ');
            for (int i = 0; i < 64; ++i) // 4 MiB, then EOF
                if (::write(fds[1], chunk.data(), chunk.size()) < 0)
                    break;
            ::_exit(0);
        }
        ::close(fds[1]);
        // By name a pipe is refused outright (only regular files: tst_input_boundary); as a
        // descriptor (standard input, `--from -`) it is read up to the limit.
        const std::string path = "/proc/self/fd/" + std::to_string(fds[0]);
        QVERIFY_THROWS_EXCEPTION(SnapshotError, loadSnapshotFile(path, 1 << 20));
        QString message;
        try {
            loadSnapshotFd(fds[0], "(pipe)", 1 << 20);
        } catch (const SnapshotError& e) {
            message = e.what();
        }
        ::close(fds[0]);
        ::waitpid(child, nullptr, 0);
        QVERIFY2(message.contains("input too large (more than 1 MiB)"), qPrintable(message));
    }

    void unreadableFiles()
    {
        QString m = loadError("/nonexistent/nsx.json");
        QCOMPARE(m, QString("/nonexistent/nsx.json: cannot open: No such file or directory"));
        m = loadError("/tmp");
        QCOMPARE(m, QString("/tmp: is a directory, expected a snapshot file"));
        // A file name with a newline still makes a one-line message.
        QTemporaryDir dir;
        const QString odd = dir.filePath("a\nb.json");
        QFile f(odd);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{");
        f.close();
        m = loadError(odd);
        QVERIFY2(!m.contains('\n') && m.contains("a\\x0ab.json"), qPrintable(m));
    }

    void tooManyValues()
    {
        json::Value v;
        std::string error;
        json::ParseLimits limits;
        limits.maxValues = 1000;
        std::string text = "[";
        for (int i = 0; i < 2000; ++i)
            text += i ? ",0" : "0";
        text += "]";
        QVERIFY(!json::parse(text, v, error, limits));
        QCOMPARE(QString::fromStdString(error), QString("too many JSON values (more than 1000)"));
        // Entries handed to a sink no longer count: 2000 objects of 3 values each pass.
        std::string entries = "{\"list\": [";
        for (int i = 0; i < 2000; ++i)
            entries += std::string(i ? "," : "") + "{\"a\": 1, \"b\": [2]}";
        entries += "], \"after\": true}";
        QVERIFY(!json::parse(entries, v, error, limits));
        std::size_t seen = 0;
        const json::EntrySink sink = [&](const json::Value& root, const std::string& key,
                                         std::size_t index, json::Value& entry) {
            if (key != "list" || index != seen || entry.members.size() != 2 || !root.isObject())
                return false;
            ++seen;
            return true;
        };
        QVERIFY2(json::parse(entries, v, error, limits, sink), error.c_str());
        QCOMPARE(seen, std::size_t(2000));
        QVERIFY(v.members[0].second.items.empty());
        QCOMPARE(v.members[1].first, std::string("after"));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotJson)
#include "tst_snapshot_json.moc"
