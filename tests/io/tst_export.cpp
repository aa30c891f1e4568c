// CSV (RFC 4180 quoting, read back with a strict RFC 4180 reader) and Graphviz DOT (structure,
// escaping, and `dot -Tsvg` when graphviz is installed).
#include "golden_snapshot.h"
#include "snapshot_io.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

using namespace nsx::backend;
using namespace nsx::test;

namespace {

using Table = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: fails (returns false) on a quote inside an unquoted field or a
// stray character after a closing quote. Records end with "\n".
bool readCsv(const std::string& text, Table& out)
{
    out.clear();
    std::vector<std::string> record;
    std::string field;
    std::size_t i = 0;
    bool recordOpen = false;
    while (i < text.size()) {
        recordOpen = true;
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size())
                    return false;
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n')
                return false;
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\n') {
                if (text[i] == '"')
                    return false;
                field += text[i++];
            }
        }
        record.push_back(std::move(field));
        field.clear();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        ++i; // '\n'
        out.push_back(std::move(record));
        record.clear();
        recordOpen = false;
    }
    return !recordOpen;
}

std::size_t column(const Table& t, const std::string& name)
{
    for (std::size_t k = 0; k < t[0].size(); ++k)
        if (t[0][k] == name)
            return k;
    qFatal("no column %s", name.c_str());
}

const std::vector<std::string>* rowWhere(const Table& t, const std::string& col,
                                         const std::string& value)
{
    const std::size_t k = column(t, col);
    for (std::size_t r = 1; r < t.size(); ++r)
        if (t[r][k] == value)
            return &t[r];
    return nullptr;
}

// A CSV header as docs/snapshot-format.md (the contract) lists it: the code-formatted line
// that starts with `start`, split at ','. Empty when the page has no such line.
std::vector<std::string> contractHeader(const std::string& start)
{
    QFile doc(QStringLiteral(NSX_IO_DATA_DIR "/../../../docs/snapshot-format.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : doc.readAll().split('\n')) {
        if (!line.startsWith("`" + QByteArray::fromStdString(start)) || !line.endsWith('`'))
            continue;
        std::vector<std::string> out;
        for (const QByteArray& name : line.mid(1, line.size() - 2).split(','))
            out.push_back(name.toStdString());
        return out;
    }
    return {};
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    // The exports are a format too: held byte for byte (NSX_REGENERATE_GOLDEN=1 rewrites the
    // files; review the diff before committing).
    void goldenFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        const Snapshot s = goldenSnapshot();
        QTest::newRow("processes csv")
            << "golden-processes.csv" << QByteArray::fromStdString(toCsvProcesses(s));
        QTest::newRow("namespaces csv")
            << "golden-namespaces.csv" << QByteArray::fromStdString(toCsvNamespaces(s));
        QTest::newRow("dot") << "golden.dot" << QByteArray::fromStdString(toDot(s));
    }

    void goldenFiles()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFile f(QStringLiteral(NSX_IO_DATA_DIR "/") + file);
        if (qEnvironmentVariableIsSet("NSX_REGENERATE_GOLDEN")) {
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
            f.close();
        }
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        QCOMPARE(text, f.readAll());
    }

    void csvProcesses()
    {
        Snapshot s = goldenSnapshot();
        s.processes[0].comm = "comma, \"quoted\"";
        s.processes[1].user = std::string("multi\nline\r\nuser");
        const std::string text = toCsvProcesses(s);
        // RFC 4180: quotes doubled inside a quoted field.
        QVERIFY(text.find("\"comma, \"\"quoted\"\"\"") != std::string::npos);
        Table t;
        QVERIFY2(readCsv(text, t), text.c_str());
        QCOMPARE(t.size(), s.processes.size() + 1);
        QCOMPARE(t[0], contractHeader("pid,ppid,"));
        for (const auto& row : t)
            QCOMPARE(row.size(), t[0].size());
        // Every field comes back byte for byte, hostile ones included.
        for (std::size_t r = 0; r < s.processes.size(); ++r) {
            const Process& p = s.processes[r];
            const auto& row = t[r + 1];
            QCOMPARE(row[0], std::to_string(p.pid));
            QCOMPARE(row[1], std::to_string(p.ppid));
            QCOMPARE(row[2], p.comm);
            QCOMPARE(row[3], p.uid ? std::to_string(*p.uid) : std::string());
            QCOMPARE(row[4], p.user.value_or(""));
            for (NsType type : kAllNsTypes) {
                const auto& v = p.namespaces[index(type)];
                QCOMPARE(row[5 + index(type)], v ? std::to_string(*v) : std::string());
            }
        }
        QCOMPARE(t[4][2], kHostileComm);
        QCOMPARE(t[5][2], kEscComm);
        QCOMPARE(t[2][4], std::string("multi\nline\r\nuser"));
    }

    void csvNamespaces()
    {
        const Snapshot s = goldenSnapshot();
        const std::string text = toCsvNamespaces(s);
        Table t;
        QVERIFY2(readCsv(text, t), text.c_str());
        QCOMPARE(t.size(), s.namespaces.size() + 1);
        const std::vector<std::string> head = contractHeader("type,inode,");
        QVERIFY(!head.empty());
        QCOMPARE(t[0], head);
        for (const auto& row : t)
            QCOMPARE(row.size(), head.size());
        const auto cell = [&](const std::vector<std::string>* row, const std::string& col) {
            return (*row)[column(t, col)];
        };
        const auto* blue = rowWhere(t, "inode", "4026532300");
        QVERIFY(blue);
        QCOMPARE(cell(blue, "type"), std::string("net"));
        QCOMPARE(cell(blue, "nprocs"), std::string("0"));
        QCOMPARE(cell(blue, "holders"), std::string("bind:/run/netns/blue;fd:812/7"));
        QCOMPARE(cell(blue, "interfaces"), std::string()); // null
        QCOMPARE(cell(blue, "launcher_pid"), std::string("700"));
        QCOMPARE(cell(blue, "launcher_kind"), std::string("other"));
        const auto* net = rowWhere(t, "inode", "4026531833");
        QVERIFY(net);
        // The older text keeps its form; the topology goes to a column at the end.
        QCOMPARE(cell(net, "interfaces"),
                 std::string("lo up 127.0.0.1/8 ::1/128;eth0 down;veth0 up 10.0.0.1/24;br0 up;"
                             "tap0 down;macvlan0 up"));
        QCOMPARE(cell(net, "interface_links"),
                 std::string("lo index=1 mac=00:00:00:00:00:00 mtu=65536 state=unknown;eth0;"
                             "veth0 index=5 kind=veth mac=02:42:ac:11:00:02 mtu=1500 state=up "
                             "master=br0 link=4026532300/5/eth0;"
                             "br0 index=6 kind=bridge mac=02:42:ac:11:00:01 mtu=1500 state=up;"
                             "tap0 index=7 kind=tun mtu=1500 state=down served_by=812;"
                             "macvlan0 index=8 kind=macvlan mac=02:42:ac:11:00:09 mtu=1500 "
                             "state=up link=self/4/eth0"));
        QCOMPARE(cell(net, "default_routes"),
                 std::string("inet via 192.0.2.1 dev br0;inet6 on-link dev veth0"));
        QCOMPARE(cell(blue, "interface_links"), std::string());
        QCOMPARE(cell(blue, "default_routes"), std::string());
        // Added columns come after all of the first version's (readers by position).
        QCOMPARE(t[0].back(), std::string("default_routes"));
        QVERIFY(column(t, "interface_links") > column(t, "id"));
        QVERIFY(column(t, "container_name") > column(t, "id"));
        QCOMPARE(cell(net, "hostname"), std::string());
        QCOMPARE(cell(net, "holders"), std::string("procs"));
        const auto* childTime = rowWhere(t, "inode", "4026532600");
        QVERIFY(childTime);
        QCOMPARE(cell(childTime, "monotonic_offset"), std::string("86400.5"));
        QCOMPARE(cell(childTime, "boottime_offset"), std::string("-1.25"));
        QCOMPARE(cell(childTime, "nthreads"), std::string("1"));
        QCOMPARE(cell(childTime, "holders"), std::string("threads"));
        const auto* childUser = rowWhere(t, "inode", std::to_string(kChildUser));
        QVERIFY(childUser);
        QCOMPARE(cell(childUser, "uid_map"), std::string("0 1000 1"));
        QCOMPARE(cell(childUser, "gid_map"), std::string());
        QCOMPARE(cell(childUser, "owner_uid"), std::string("1000"));
        QCOMPARE(cell(childUser, "parent"), std::to_string(kInitUser));
        const auto* childUts = rowWhere(t, "inode", "4026532700");
        QVERIFY(childUts);
        QCOMPARE(cell(childUts, "hostname"), kEscComm); // raw, inside quotes
        const auto* childPid = rowWhere(t, "inode", std::to_string(kChildPid));
        QVERIFY(childPid);
        QCOMPARE(cell(childPid, "launcher_comm"), kHostileComm);
        QCOMPARE(cell(childPid, "launcher_pid"), std::string());
        QCOMPARE(cell(childPid, "init"), std::string("900"));
        QCOMPARE(cell(childPid, "level"), std::string("1"));
        const auto* mnt = rowWhere(t, "type", "mnt");
        QVERIFY(mnt);
        QCOMPARE(cell(mnt, "root"), std::string("/dev/vda on / type ext4"));
        QCOMPARE(cell(mnt, "mounts"), std::string("31"));
    }

    void holders()
    {
        Snapshot s = goldenSnapshot();
        // A user namespace kept alive only because a namespace it owns is.
        Namespace lonely;
        lonely.type = NsType::User;
        lonely.inode = 4026533000;
        lonely.parent = kInitUser;
        Namespace owned;
        owned.type = NsType::Net;
        owned.inode = 4026533001;
        owned.owner = 4026533000;
        owned.references = {{Reference::Kind::Fd, "", 44, 3}};
        Namespace nothing;
        nothing.type = NsType::Ipc;
        nothing.inode = 4026533002;
        s.namespaces.insert(s.namespaces.end(), {lonely, owned, nothing});
        normalize(s);
        const auto h = holderLabels(s);
        QCOMPARE(h.size(), s.namespaces.size());
        for (std::size_t i = 0; i < s.namespaces.size(); ++i) {
            const auto& ns = s.namespaces[i];
            if (ns.inode == 4026533000)
                QCOMPARE(h[i], std::vector<std::string>({"owner-only"}));
            if (ns.inode == 4026533001)
                QCOMPARE(h[i], std::vector<std::string>({"fd:44/3"}));
            if (ns.inode == 4026533002)
                QCOMPARE(h[i], std::vector<std::string>({"none"}));
            if (ns.inode == 4026532300)
                QCOMPARE(h[i], std::vector<std::string>({"bind:/run/netns/blue", "fd:812/7"}));
        }
    }

    void displayStringIsSafe()
    {
        QCOMPARE(displayString("plain text"), std::string("plain text"));
        QCOMPARE(displayString(kEscComm), std::string("\\x1b[31mred\\x1b[0m"));
        QCOMPARE(displayString("a\\b\nc"), std::string("a\\x5cb\\x0ac"));
        QCOMPARE(displayString("\xff\xc3"), std::string("\\xff\\xc3"));
        QCOMPARE(displayString("\xc2\x9b"
                               "1m"),
                 std::string("\\xc2\\x9b1m")); // C1 CSI
        QCOMPARE(displayString(kUnicode), kUnicode);
    }

    void dotStructure()
    {
        Snapshot s = goldenSnapshot();
        s.namespaces.back().details.hostname = "quote \" back\\slash\nnew line";
        const std::string dot = toDot(s);
        const QString d = QString::fromStdString(dot);
        QVERIFY(d.startsWith("digraph nsexplorer {\n"));
        QVERIFY(d.endsWith("}\n"));
        // Every namespace is a node.
        for (const Namespace& ns : s.namespaces) {
            const QString id =
                QString("\"%1:%2\" [")
                    .arg(QString::fromUtf8(toString(ns.type).data()), QString::number(ns.inode));
            QVERIFY2(d.contains(id), qPrintable(id));
        }
        // User nesting, ownership of the namespaces a child user namespace owns, PID nesting.
        QVERIFY(d.contains(QString("\"user:%1\" -> \"user:%2\" [label=\"parent\"];")
                               .arg(kInitUser)
                               .arg(kChildUser)));
        QVERIFY(
            d.contains(QString("\"user:%1\" -> \"uts:4026532700\" [style=dashed, label=\"owns\"];")
                           .arg(kChildUser)));
        QVERIFY(d.contains(QString("\"user:%1\" -> \"pid:%2\" [style=dashed, label=\"owns\"];")
                               .arg(kChildUser)
                               .arg(kChildPid)));
        QVERIFY(d.contains(QString("\"pid:%1\" -> \"pid:%2\" [style=bold, label=\"nested\"];")
                               .arg(kInitPid)
                               .arg(kChildPid)));
        // The child user namespace's owner edge is its parent edge, not drawn twice.
        QVERIFY(!d.contains(
            QString("\"user:%1\" -> \"user:%2\" [style=dashed").arg(kInitUser).arg(kChildUser)));
        // Labels escaped: the quote and backslash escaped, the newline shown, not obeyed.
        QVERIFY2(d.contains("hostname quote \\\" back\\\\x5cslash\\\\x0anew line"), dot.c_str());
        QVERIFY2(d.contains("bind:/run/netns/blue\\nfd:812/7"), dot.c_str());
        QVERIFY2(d.contains("first 900 (a) b (c) ))"), dot.c_str());
        // Every line is a statement, a brace, or the header: no raw newline inside a label.
        for (const QString& line : d.split('\n', Qt::SkipEmptyParts))
            QVERIFY2(line == "digraph nsexplorer {" || line == "}" || line.endsWith(";"),
                     qPrintable(line));
    }

    void dotUnknownEndpoints()
    {
        Snapshot s;
        Namespace n;
        n.type = NsType::Net;
        n.inode = 5;
        n.owner = 77; // an owner the scanner could not see
        s.namespaces = {n};
        const QString d = QString::fromStdString(toDot(s));
        QVERIFY(d.contains(
            "\"user:77\" [shape=box3d, style=dashed, label=\"user 77\\n(not in snapshot)\"];"));
        QVERIFY(d.contains("\"user:77\" -> \"net:5\""));
    }

    void dotRendersWithGraphviz()
    {
        const QString dotExe = QStandardPaths::findExecutable("dot");
        if (dotExe.isEmpty())
            QSKIP("graphviz (dot) is not installed");
        Snapshot s = goldenSnapshot();
        s.namespaces.back().details.hostname = "quote \" back\\slash\nnew line \xff";
        QProcess dot;
        dot.start(dotExe, {"-Tsvg"});
        QVERIFY(dot.waitForStarted(20000));
        const std::string text = toDot(s);
        dot.write(text.data(), qint64(text.size()));
        dot.closeWriteChannel();
        QVERIFY(dot.waitForFinished(60000));
        const QByteArray err = dot.readAllStandardError();
        QCOMPARE(dot.exitCode(), 0);
        QVERIFY2(err.isEmpty(), err.constData()); // not even a warning
        const QByteArray svg = dot.readAllStandardOutput();
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("net 4026532300"));
        QVERIFY(svg.contains("bind:/run/netns/blue"));
        QVERIFY(svg.contains("quote &quot; back\\x5cslash\\x0anew line \\xff"));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
