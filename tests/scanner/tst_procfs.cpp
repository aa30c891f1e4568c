// The pure /proc parsers, with the hostile and broken input a kernel (or a fixture) can hand
// them: comm with ')', spaces, newlines, escape bytes and invalid UTF-8; truncated and empty
// files; link targets that are not namespaces.
#include "procfs.h"

#include <QtTest>

using namespace nsx::backend;
using namespace nsx::backend::procfs;

Q_DECLARE_METATYPE(std::string)

namespace {
std::string bytes(const QByteArray& b)
{
    return std::string(b.constData(), b.size());
}
// A stat line as the kernel writes it, with the given comm and tail fields after the comm.
QByteArray statLine(int pid, const QByteArray& comm, const QByteArray& tail)
{
    return QByteArray::number(pid) + " (" + comm + ") " + tail;
}
const QByteArray kTail = "S 1 42 42 0 -1 4194560 1000 0 0 0 5 3 0 0 20 0 3 0 123456 10000000 "
                         "500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
} // namespace

class TestProcfs : public QObject
{
    Q_OBJECT

private slots:
    void stat_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("parses");
        QTest::addColumn<QByteArray>("comm");
        QTest::addColumn<int>("ppid");
        QTest::addColumn<int>("threads");
        QTest::addColumn<qulonglong>("start");
        QTest::addColumn<bool>("complete");

        QTest::newRow("plain") << statLine(812, "sleep", kTail) << true << QByteArray("sleep") << 1
                               << 3 << 123456ull << true;
        QTest::newRow("paren") << statLine(7, "a) S 99 (b", kTail) << true
                               << QByteArray("a) S 99 (b") << 1 << 3 << 123456ull << true;
        QTest::newRow("spaces") << statLine(7, "my prog ", kTail) << true << QByteArray("my prog ")
                                << 1 << 3 << 123456ull << true;
        QTest::newRow("newline") << statLine(7, "x\ny)\nz", kTail) << true << QByteArray("x\ny)\nz")
                                 << 1 << 3 << 123456ull << true;
        QTest::newRow("escape") << statLine(7, "\x1b[31mred\x1b[0m", kTail) << true
                                << QByteArray("\x1b[31mred\x1b[0m") << 1 << 3 << 123456ull << true;
        QTest::newRow("invalid-utf8") << statLine(7, "\xff\xfe\xc3(", kTail) << true
                                      << QByteArray("\xff\xfe\xc3(") << 1 << 3 << 123456ull << true;
        QTest::newRow("empty-comm")
            << statLine(7, "", kTail) << true << QByteArray() << 1 << 3 << 123456ull << true;
        QTest::newRow("truncated") << statLine(9, "cut", "S 4 9 9") << true << QByteArray("cut")
                                   << 4 << 0 << 0ull << false;
        QTest::newRow("truncated-before-start")
            << statLine(9, "cut", "S 4 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 2 0") << true
            << QByteArray("cut") << 4 << 2 << 0ull << false;
        QTest::newRow("no-close") << QByteArray("9 (never closed S 1") << false << QByteArray() << 0
                                  << 0 << 0ull << false;
        QTest::newRow("empty") << QByteArray() << false << QByteArray() << 0 << 0 << 0ull << false;
        QTest::newRow("no-pid") << QByteArray("(x) S 1") << false << QByteArray() << 0 << 0 << 0ull
                                << false;
        QTest::newRow("bad-ppid") << statLine(3, "x", "S y 1") << true << QByteArray("x") << 0 << 0
                                  << 0ull << false;
        QTest::newRow("nul-in-comm") << statLine(3, QByteArray("a\0b", 3), kTail) << true
                                     << QByteArray("a\0b", 3) << 1 << 3 << 123456ull << true;
    }
    void stat()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, parses);
        const std::string s = bytes(text);
        auto info = parseStat(s);
        QCOMPARE(info.has_value(), parses);
        if (!parses)
            return;
        QFETCH(QByteArray, comm);
        QFETCH(int, ppid);
        QFETCH(int, threads);
        QFETCH(qulonglong, start);
        QFETCH(bool, complete);
        QCOMPARE(QByteArray::fromStdString(info->comm), comm);
        QCOMPARE(info->ppid, ppid);
        QCOMPARE(info->numThreads, threads);
        QCOMPARE(info->startTime, static_cast<std::uint64_t>(start));
        QCOMPARE(info->complete(), complete);
        if (complete)
            QCOMPARE(info->state, 'S');
    }

    void status_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("uid"); // effective; -1 = none
        QTest::addColumn<QList<int>>("nspid");
        QTest::addColumn<bool>("hasNspid");

        const QByteArray head = "Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t812\n";
        QTest::newRow("root") << head + "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:\t812\n"
                              << 0 << QList<int>{812} << true;
        QTest::newRow("nested") << head + "Uid:\t1000\t1001\t1000\t1000\nNSpid:\t812\t40\t1\n"
                                << 1001 << QList<int>{812, 40, 1} << true;
        QTest::newRow("no-nspid-kernel") << head + "Uid:\t5\t5\t5\t5\n"
                                         << 5 << QList<int>{} << false;
        QTest::newRow("escaped-name") << QByteArray("Name:\tx\\ny\nUid:\t7\t7\t7\t7\nNSpid:\t3\n")
                                      << 7 << QList<int>{3} << true;
        QTest::newRow("empty") << QByteArray() << -1 << QList<int>{} << false;
        QTest::newRow("truncated-uid")
            << QByteArray("Name:\tx\nUid:\t12") << -1 << QList<int>{} << false;
        QTest::newRow("bad-nspid")
            << QByteArray("Uid:\t1\t1\t1\t1\nNSpid:\t3\tx\n") << 1 << QList<int>{} << false;
        QTest::newRow("no-newline-end")
            << QByteArray("Uid:\t2\t3\t2\t2\nNSpid:\t9\t1") << 3 << QList<int>{9, 1} << true;
    }
    void status()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, uid);
        QFETCH(QList<int>, nspid);
        QFETCH(bool, hasNspid);
        StatusInfo info = parseStatus(bytes(text));
        if (uid < 0)
            QVERIFY(!info.effectiveUid);
        else
            QCOMPARE(info.effectiveUid.value_or(-1), static_cast<std::uint32_t>(uid));
        QCOMPARE(info.nspid.has_value(), hasNspid);
        if (hasNspid)
            QCOMPARE(QList<int>(info.nspid->begin(), info.nspid->end()), nspid);
    }

    void cmdline_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("kernel-thread") << QByteArray() << QStringList{};
        QTest::newRow("sleep") << QByteArray("sleep\0"
                                             "100\0",
                                             10)
                               << QStringList{"sleep", "100"};
        QTest::newRow("empty-arg") << QByteArray("a\0\0b\0", 5) << QStringList{"a", "", "b"};
        QTest::newRow("rewritten")
            << QByteArray("nginx: worker process") << QStringList{"nginx: worker process"};
        QTest::newRow("only-nul") << QByteArray("\0", 1) << QStringList{};
    }
    void cmdline()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, args);
        auto got = parseCmdline(bytes(text));
        QStringList q;
        for (const auto& a : got)
            q << QString::fromStdString(a);
        QCOMPARE(q, args);
    }

    void nsLink_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("type");
        QTest::addColumn<qulonglong>("inode");
        QTest::newRow("net") << QByteArray("net:[4026531833]") << true << "net" << 4026531833ull;
        QTest::newRow("mnt") << QByteArray("mnt:[4026531832]") << true << "mnt" << 4026531832ull;
        QTest::newRow("time") << QByteArray("time:[4026531834]") << true << "time" << 4026531834ull;
        QTest::newRow("cgroup") << QByteArray("cgroup:[1]") << true << "cgroup" << 1ull;
        QTest::newRow("socket") << QByteArray("socket:[1234]") << false << "" << 0ull;
        QTest::newRow("pipe") << QByteArray("pipe:[1234]") << false << "" << 0ull;
        QTest::newRow("file") << QByteArray("/run/netns/net:[5]") << false << "" << 0ull;
        QTest::newRow("children") << QByteArray("pid_for_children:[5]") << false << "" << 0ull;
        QTest::newRow("anon") << QByteArray("anon_inode:[eventfd]") << false << "" << 0ull;
        QTest::newRow("no-digits") << QByteArray("net:[]") << false << "" << 0ull;
        QTest::newRow("trailing") << QByteArray("net:[12]x") << false << "" << 0ull;
        QTest::newRow("negative") << QByteArray("net:[-12]") << false << "" << 0ull;
        QTest::newRow("overflow") << QByteArray("net:[99999999999999999999999]") << false << ""
                                  << 0ull;
        QTest::newRow("empty") << QByteArray() << false << "" << 0ull;
    }
    void nsLink()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        auto link = parseNsLink(bytes(text));
        QCOMPARE(link.has_value(), ok);
        if (!ok)
            return;
        QFETCH(QString, type);
        QFETCH(qulonglong, inode);
        QCOMPARE(QString::fromStdString(std::string(toString(link->type))), type);
        QCOMPARE(link->inode, static_cast<std::uint64_t>(inode));
    }

    void mountinfo()
    {
        const std::string text =
            "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
            "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
            "300 27 0:4 net:[4026532177] /run/netns/blue rw shared:5 - nsfs nsfs rw\n"
            "301 27 0:4 net:[4026532178] /run/netns/with\\040space rw - nsfs nsfs rw\n"
            "garbage line\n"
            "\n"
            "302 27 0:4 / /x rw master:3 propagate_from:2\n" // no separator: skipped
            "400 27 0:50 /sub / rw - overlay overlay rw,lowerdir=/a\n";
        int skipped = -1;
        auto entries = parseMountinfo(text, &skipped);
        QCOMPARE(entries.size(), std::size_t(5));
        QCOMPARE(skipped, 2);
        QCOMPARE(entries[2].fsType, std::string("nsfs"));
        QCOMPARE(entries[2].root, std::string("net:[4026532177]"));
        QCOMPARE(entries[2].mountPoint, std::string("/run/netns/blue"));
        QCOMPARE(entries[3].mountPoint, std::string("/run/netns/with space"));
        QCOMPARE(entries[1].major, 254u);
        QCOMPARE(entries[1].options, std::string("rw,relatime"));
        QCOMPARE(countMountinfoLines(text), 7);
        // The last mount of "/" is the one on top.
        QCOMPARE(describeRootMount(entries).value_or(""),
                 std::string("overlay[/sub] on / type overlay"));
        entries.pop_back();
        QCOMPARE(describeRootMount(entries).value_or(""), std::string("/dev/vda on / type ext4"));
        QVERIFY(!describeRootMount({}));
        // The summary the scanner uses agrees with the full parse.
        MountSummary sum = summarizeMountinfo(text);
        QCOMPARE(sum.mounts, 7);
        QCOMPARE(sum.root.value_or(""), std::string("overlay[/sub] on / type overlay"));
        QCOMPARE(sum.nsfs.size(), std::size_t(2));
        QCOMPARE(sum.nsfs[1].mountPoint, std::string("/run/netns/with space"));
        QCOMPARE(sum.nsfs[0].root, std::string("net:[4026532177]"));
        QCOMPARE(summarizeMountinfo("").mounts, 0);
        QVERIFY(!summarizeMountinfo("1 2 3:4 / /a rw - ext4 x rw\n").root);
        QVERIFY(parseMountinfo("").empty());
        QVERIFY(parseMountinfo("1 2 3:4 / /a rw -").empty()); // truncated after separator
    }

    void unescape_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("space") << QByteArray("a\\040b") << QByteArray("a b");
        QTest::newRow("tab-nl") << QByteArray("\\011\\012") << QByteArray("\t\n");
        QTest::newRow("backslash") << QByteArray("\\134") << QByteArray("\\");
        QTest::newRow("short") << QByteArray("a\\04") << QByteArray("a\\04");
        QTest::newRow("not-octal") << QByteArray("\\09x") << QByteArray("\\09x");
        QTest::newRow("too-big") << QByteArray("\\777") << QByteArray("\\777");
        QTest::newRow("end") << QByteArray("\\") << QByteArray("\\");
    }
    void unescape()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(QByteArray::fromStdString(unescapeOctal(bytes(in))), out);
    }

    void cgroup_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("path"); // "<none>" = nullopt
        QTest::newRow("v2") << QByteArray("0::/user.slice/session-1.scope\n")
                            << "/user.slice/session-1.scope";
        QTest::newRow("hybrid") << QByteArray("9:name=systemd:/\n4:memory:/x\n0::/\n") << "/";
        QTest::newRow("v1-only") << QByteArray("4:memory:/x\n1:cpu:/\n") << "<none>";
        QTest::newRow("colon-in-path") << QByteArray("0::/a:b\n") << "/a:b";
        QTest::newRow("empty") << QByteArray() << "<none>";
        QTest::newRow("no-newline") << QByteArray("0::/docker/abc") << "/docker/abc";
    }
    void cgroup()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, path);
        auto p = parseCgroupV2Path(bytes(text));
        QCOMPARE(p ? QString::fromStdString(*p) : QString("<none>"), path);
    }

    void idMap()
    {
        auto m = parseIdMap("         0       1000          1\n"
                            "         1     100000      65536\n"
                            "bad line\n"
                            "1 2\n"
                            "1 2 3 4\n");
        QCOMPARE(m.size(), std::size_t(2));
        QCOMPARE(m[0], (IdMapEntry{0, 1000, 1}));
        QCOMPARE(m[1], (IdMapEntry{1, 100000, 65536}));
        auto full = parseIdMap("         0          0 4294967295\n");
        QCOMPARE(full.size(), std::size_t(1));
        QCOMPARE(full[0].count, 4294967295ull);
        QVERIFY(parseIdMap("").empty());
    }

    void timens_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qlonglong>("mono"); // LLONG_MIN = absent
        QTest::addColumn<qlonglong>("boot");
        const qlonglong none = std::numeric_limits<qlonglong>::min();
        QTest::newRow("zero") << QByteArray("monotonic           0         0\n"
                                            "boottime            0         0\n")
                              << 0ll << 0ll;
        QTest::newRow("set") << QByteArray("monotonic         500         0\n"
                                           "boottime         1000         0\n")
                             << 500ll << 1000ll;
        QTest::newRow("negative") << QByteArray("monotonic -20 5\nboottime 3 0\n") << -20ll << 3ll;
        QTest::newRow("clock-ids") << QByteArray("1 7 0\n7 9 0\n") << 7ll << 9ll;
        QTest::newRow("no-timens-kernel") << QByteArray() << none << none;
        QTest::newRow("bad-nsec") << QByteArray("monotonic 1 1000000000\nboottime 2 0\n") << none
                                  << 2ll;
        QTest::newRow("truncated") << QByteArray("monotonic 1") << none << none;
    }
    void timens()
    {
        QFETCH(QByteArray, text);
        QFETCH(qlonglong, mono);
        QFETCH(qlonglong, boot);
        const qlonglong none = std::numeric_limits<qlonglong>::min();
        TimeOffsets o = parseTimensOffsets(bytes(text));
        QCOMPARE(o.monotonic ? qlonglong(o.monotonic->seconds) : none, mono);
        QCOMPARE(o.boottime ? qlonglong(o.boottime->seconds) : none, boot);
    }
    void timensNanoseconds()
    {
        TimeOffsets o = parseTimensOffsets("monotonic 1 250000000\n");
        QVERIFY(o.monotonic);
        QCOMPARE(o.monotonic->nanoseconds, 250000000);
    }

    void pidName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("pid"); // 0 = not a pid
        QTest::newRow("one") << "1" << 1;
        QTest::newRow("big") << "4194304" << 4194304;
        QTest::newRow("self") << "self" << 0;
        QTest::newRow("leading-zero") << "0012" << 0;
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("overflow") << "99999999999" << 0;
        QTest::newRow("mixed") << "12a" << 0;
        QTest::newRow("empty") << "" << 0;
    }
    void pidName()
    {
        QFETCH(QString, name);
        QFETCH(int, pid);
        QCOMPARE(parsePid(name.toStdString()).value_or(0), pid);
    }

    void errnoNames()
    {
        QCOMPARE(errnoName(EACCES), std::string("EACCES"));
        QCOMPARE(errnoName(ENOENT), std::string("ENOENT"));
        QCOMPARE(errnoName(ESRCH), std::string("ESRCH"));
        QCOMPARE(errnoName(99999), std::string("E99999"));
    }
};

QTEST_GUILESS_MAIN(TestProcfs)
#include "tst_procfs.moc"
