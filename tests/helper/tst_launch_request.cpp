// nsx_launch: the request parser, validator, helper argv and the unshare preview. Pure functions;
// the end-to-end behaviour is in tst_helper.cpp.
#include "launch_request.h"
#include "printable.h"
#include "process_ids.h"

#include <unistd.h>

#include <QTest>

using namespace nsx::backend;

namespace {
std::vector<std::string> toStd(const QStringList& l)
{
    std::vector<std::string> v;
    for (const auto& s : l)
        v.push_back(s.toStdString());
    return v;
}
} // namespace

class TestLaunchRequest : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryOption()
    {
        auto p =
            parseLaunchArgs(toStd({"--uts", "--ipc", "--pid", "--hostname=box", "--map-root-user",
                                   "--root", "/srv/root", "--wd", "/home", "--boottime", "-60",
                                   "--monotonic=3600", "--no-mount-proc", "--", "bash", "-l"}));
        QVERIFY(!p.error);
        const LaunchRequest& r = *p.request;
        QCOMPARE(r.namespaces, unsigned(kNsUts | kNsIpc | kNsPid));
        QCOMPARE(r.hostname, std::string("box"));
        QVERIFY(r.mapRootUser);
        QCOMPARE(r.root, std::string("/srv/root"));
        QCOMPARE(r.workdir, std::string("/home"));
        QCOMPARE(*r.boottimeOffset, std::int64_t(-60));
        QCOMPARE(*r.monotonicOffset, std::int64_t(3600));
        QVERIFY(!r.mountProc);
        QCOMPARE(r.command, (std::vector<std::string>{"bash", "-l"}));
        // Options imply what they need.
        QCOMPARE(r.effectiveNamespaces(),
                 unsigned(kNsUts | kNsIpc | kNsPid | kNsUser | kNsMnt | kNsTime));
    }

    // --name: a container name (issue 15), printable UTF-8 up to 64 bytes.
    void containerNames()
    {
        auto p = parseLaunchArgs(toStd({"--name", "web1", "--uts", "--", "sh"}));
        QVERIFY(p.request);
        QCOMPARE(p.request->name, std::string("web1"));
        QCOMPARE(p.request->effectiveNamespaces(), unsigned(kNsUts)); // implies nothing
        QVERIFY(!checkContainerName("nsx-dock_2.web"));
        QVERIFY(!checkContainerName("Wéb 1 (test)"));
        QVERIFY(!checkContainerName("\xe5\xae\xb9\xe5\x99\xa8")); // 容器
        QVERIFY(!checkContainerName(std::string(64, 'n')));
        QVERIFY(checkContainerName(std::string(65, 'n')));
        QVERIFY(checkContainerName("\xc0\xaf"));     // overlong '/'
        QVERIFY(checkContainerName("\xed\xa0\x80")); // a surrogate
        QVERIFY(checkContainerName("a\xe2\x80\xa8"
                                   "b"));           // line separator
        QVERIFY(checkContainerName("\xc2\xa0web")); // no-break space first
        // Every invisible format character printable.h knows is refused here too (nsx_launch
        // keeps its own copy of the list).
        for (char32_t cp = 0x80; cp <= 0x10ffff; ++cp) {
            if (cp >= 0xd800 && cp <= 0xdfff)
                continue;
            if (!isInvisibleFormatChar(cp))
                continue;
            std::string s = "a";
            if (cp < 0x800) {
                s += char(0xc0 | (cp >> 6));
            } else if (cp < 0x10000) {
                s += char(0xe0 | (cp >> 12));
                s += char(0x80 | ((cp >> 6) & 0x3f));
            } else {
                s += char(0xf0 | (cp >> 18));
                s += char(0x80 | ((cp >> 12) & 0x3f));
                s += char(0x80 | ((cp >> 6) & 0x3f));
            }
            s += char(0x80 | (cp & 0x3f));
            s += "b";
            QVERIFY2(checkContainerName(s), qPrintable(QString::number(cp, 16)));
        }
        // In the usage, from the table.
        QVERIFY(launchUsage("x").find("--name NAME") != std::string::npos);
    }

    void allAndDefaults()
    {
        auto p = parseLaunchArgs(toStd({"--all", "true"}));
        QVERIFY(!p.error);
        QCOMPARE(p.request->namespaces, kAllNsBits);
        QVERIFY(p.request->mountProc);
        QCOMPARE(p.request->command, std::vector<std::string>{"true"});
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("field");
        QTest::newRow("name newline") << QStringList{"--name", "a\nb", "x"} << "name";
        QTest::newRow("name escape") << QStringList{"--name", "a\x1b[31m", "x"} << "name";
        QTest::newRow("name C1") << QStringList{"--name", "a\xc2\x9b", "x"} << "name";
        QTest::newRow("name bidi") << QStringList{"--name",
                                                  "a\xe2\x80\xae"
                                                  "b",
                                                  "x"}
                                   << "name";
        QTest::newRow("name 65 bytes") << QStringList{"--name", QString(65, 'n'), "x"} << "name";
        QTest::newRow("name empty") << QStringList{"--name=", "x"} << "name";
        QTest::newRow("name dash") << QStringList{"--name=-x", "x"} << "name";
        QTest::newRow("name blank end") << QStringList{"--name", "web ", "x"} << "name";
        QTest::newRow("long hostname")
            << QStringList{"--hostname", QString(65, 'a'), "--", "x"} << "hostname";
        QTest::newRow("64 is fine but 65 not")
            << QStringList{"--hostname", QString(65, 'b'), "x"} << "hostname";
        QTest::newRow("underscore") << QStringList{"--hostname", "a_b", "x"} << "hostname";
        QTest::newRow("leading dash") << QStringList{"--hostname", "-a", "x"} << "hostname";
        QTest::newRow("empty label") << QStringList{"--hostname", "a..b", "x"} << "hostname";
        QTest::newRow("empty hostname") << QStringList{"--hostname=", "x"} << "hostname";
        QTest::newRow("relative root") << QStringList{"--root", "srv", "x"} << "root";
        QTest::newRow("dot root") << QStringList{"--root", "/srv/./x", "x"} << "root";
        QTest::newRow("double slash") << QStringList{"--root", "/srv//x", "x"} << "root";
        QTest::newRow("trailing slash") << QStringList{"--wd", "/srv/", "x"} << "wd";
        QTest::newRow("dotdot wd") << QStringList{"--wd", "/a/..", "x"} << "wd";
        QTest::newRow("map conflict")
            << QStringList{"--map-root-user", "--map-user", "5", "x"} << "map-user";
        QTest::newRow("negative uid") << QStringList{"--map-user", "-1", "x"} << "map-user";
        QTest::newRow("uid -1 as unsigned")
            << QStringList{"--map-group", "4294967295", "x"} << "map-group";
        QTest::newRow("plus sign") << QStringList{"--monotonic", "+5", "x"} << "monotonic";
        QTest::newRow("junk number") << QStringList{"--boottime", "5s", "x"} << "boottime";
        QTest::newRow("offset range") << QStringList{"--boottime", "400000000", "x"} << "boottime";
        QTest::newRow("flag with value") << QStringList{"--uts=yes", "x"} << "uts";
        QTest::newRow("missing value") << QStringList{"--hostname"} << "hostname";
        QTest::newRow("as-pid-1 without pid") << QStringList{"--as-pid-1", "x"} << "as-pid-1";
        QTest::newRow("unknown short") << QStringList{"-x", "x"} << "option";
        QTest::newRow("no command") << QStringList{"--uts", "--"} << "command";
        QTest::newRow("relative program") << QStringList{"--", "bin/sh"} << "command";
        QTest::newRow("empty program") << QStringList{"--", ""} << "command";
    }

    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, field);
        auto p = parseLaunchArgs(toStd(args));
        QVERIFY(!p.request);
        QVERIFY(p.error);
        QCOMPARE(QString::fromStdString(p.error->field), field);
        // One line, whatever the input held.
        QVERIFY(p.error->line().find('\n') == std::string::npos);
    }

    void nulAndNewlineAnywhere()
    {
        // argv cannot carry a NUL, but requests built in memory (GUI, fuzzer) can: every
        // field is checked.
        LaunchRequest r;
        r.namespaces = kNsUts;
        r.command = {"echo", std::string("a\0b", 3)};
        QCOMPARE(validate(r)->field, std::string("command"));
        r.command = {"echo", "ok"};
        QVERIFY(!validate(r));
        r.hostname = std::string("a\0b", 3);
        QCOMPARE(validate(r)->field, std::string("hostname"));
        r.hostname.clear();
        r.root = std::string("/srv\0/x", 7);
        QCOMPARE(validate(r)->field, std::string("root"));
        r.root.clear();
        r.workdir = "/home\nx";
        QCOMPARE(validate(r)->field, std::string("wd"));
    }

    void sizeCaps()
    {
        LaunchRequest r;
        r.command.assign(kMaxArguments, "x");
        QVERIFY(!validate(r));
        r.command.push_back("x");
        QCOMPARE(validate(r)->field, std::string("command"));
        r.command = {"echo", std::string(kMaxArgumentBytes + 1, 'x')};
        QCOMPARE(validate(r)->field, std::string("command"));
        r.command.assign(20, std::string(kMaxArgumentBytes, 'x')); // 640 KiB in total
        QCOMPARE(validate(r)->field, std::string("command"));
        QVERIFY(validate(r)->message.text().find("too large") != std::string::npos);
    }

    // A refusal's words: English as before for the helper and the CLI; through a translator
    // every template (nested ones too) is looked up before its arguments go in, in one pass.
    void refusalWords()
    {
        QCOMPARE(checkHostname("my %2 host")->text(),
                 std::string("invalid character in 'my %2 host' (letters, digits, '-' and '.' "
                             "only)"));
        LaunchRequest r;
        r.command = {"/bin//sh"};
        const auto e = validate(r);
        QVERIFY(e);
        QCOMPARE(e->line(), std::string("command: program not normalised ('//'): '/bin//sh'"));
        const Translator marked = [](const char* text) { return "<" + std::string(text) + ">"; };
        QCOMPARE(e->line(marked),
                 std::string("command: <program <not normalised ('//'): '/bin//sh'>>"));
        r.command = {"sh"};
        r.mapUser = 0xffffffffu;
        QCOMPARE(validate(r)->line(), std::string("map-user: 4294967295 is not a valid uid"));
        QCOMPARE(parseLaunchArgs({"--monotonic=1s", "--", "sh"}).error->line(),
                 std::string("monotonic: not a number of seconds: '1s'"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("minimal") << QStringList{"--", "true"};
        QTest::newRow("all") << QStringList{"--all", "--hostname", "c",      "--",
                                            "sh",    "-c",         "echo $$"};
        QTest::newRow("name") << QStringList{"--name", "Wéb 1 (test)", "--uts", "--", "sh"};
        QTest::newRow("maps") << QStringList{"--map-user=1000", "--map-group", "100", "--", "id"};
        QTest::newRow("paths") << QStringList{
            "--root",          "/srv", "--wd",   "/", "--pid", "--as-pid-1",
            "--no-mount-proc", "--",   "/bin/sh"};
        QTest::newRow("clocks") << QStringList{
            "--monotonic", "-5", "--boottime", "7",  "--connect-host",
            "--verbose",   "--", "x",          "--", "-y"};
    }

    void roundTrip()
    {
        QFETCH(QStringList, args);
        auto p = parseLaunchArgs(toStd(args));
        QVERIFY(p.request);
        auto again = parseLaunchArgs(toHelperArgs(*p.request));
        QVERIFY(again.request);
        QVERIFY(*again.request == *p.request);
        // The helper's own parser reads the same argv as a launch request.
        auto h = parseHelperArgs(toHelperArgs(*p.request));
        QVERIFY(h.request && std::holds_alternative<LaunchRequest>(*h.request));
    }

    void enterRequests()
    {
        auto p = parseEnterArgs(toStd({"--target", "42", "--net", "--uts", "--", "ip", "a"}));
        QVERIFY(p.request);
        QCOMPARE(p.request->target, pid_t(42));
        QCOMPARE(p.request->namespaces, unsigned(kNsNet | kNsUts));
        auto h = parseHelperArgs(toHelperArgs(*p.request));
        QVERIFY(h.request && std::holds_alternative<EnterRequest>(*h.request));
        QVERIFY(std::get<EnterRequest>(*h.request) == *p.request);
        QCOMPARE(nsenterCommandLine(*p.request),
                 std::string("nsenter --target 42 --uts --net -- ip a"));
        QCOMPARE(parseEnterArgs(toStd({"--net", "--", "x"})).error->field, std::string("target"));
        QCOMPARE(parseEnterArgs(toStd({"--target", "0", "--net", "x"})).error->field,
                 std::string("target"));
        QCOMPARE(parseEnterArgs(toStd({"--target", "9999999", "--net", "x"})).error->field,
                 std::string("target"));
        QCOMPARE(parseEnterArgs(toStd({"--target", "5", "x"})).error->field,
                 std::string("namespaces"));
        // Pinning and the explicit unsafe choice survive the round trip through the helper argv.
        p = parseEnterArgs(toStd({"--target", "42", "--mount", "--expect-start", "123456",
                                  "--unsafe-host-root", "--", "sh"}));
        QVERIFY(p.request);
        QCOMPARE(p.request->expectStart.value_or(0), std::uint64_t(123456));
        QVERIFY(p.request->unsafeHostRoot);
        h = parseHelperArgs(toHelperArgs(*p.request));
        QVERIFY(h.request && std::get<EnterRequest>(*h.request) == *p.request);
        QCOMPARE(parseEnterArgs(toStd({"--target", "5", "--net", "--expect-start", "0", "x"}))
                     .error->field,
                 std::string("expect-start"));
        QCOMPARE(parseEnterArgs(toStd({"--target", "5", "--net", "--expect-start", "-1", "x"}))
                     .error->field,
                 std::string("expect-start"));
        QCOMPARE(parseEnterArgs(toStd({"--target", "5", "--user", "--unsafe-host-root", "x"}))
                     .error->field,
                 std::string("unsafe-host-root"));
    }

    // planEnter: which namespaces a request joins, from what a probe found.
    void enterPlans()
    {
        auto info = [](unsigned bit, bool differs, NsOwner owner) {
            EnterNsInfo i;
            i.bit = bit;
            i.readable = true;
            i.differs = differs;
            i.owner = owner;
            return i;
        };
        // A rootless container: user and mount differ, the mount namespace is owned by its
        // user namespace; the rest is the host's.
        const std::vector<EnterNsInfo> rootless{
            info(kNsUser, true, NsOwner::Target), info(kNsMnt, true, NsOwner::Target),
            info(kNsNet, false, NsOwner::Caller), info(kNsUts, false, NsOwner::Caller)};
        QCOMPARE(defaultEnterNamespaces(rootless), unsigned(kNsUser | kNsMnt));
        EnterRequest r;
        r.target = 7;
        r.namespaces = kNsMnt;
        auto plan = planEnter(r, rootless, true);
        QVERIFY(!plan.error);
        QCOMPARE(plan.join, unsigned(kNsUser | kNsMnt)); // joined with its owner
        QCOMPARE(plan.addedUser, unsigned(kNsUser));
        r.unsafeHostRoot = true;
        plan = planEnter(r, rootless, true);
        QCOMPARE(plan.join, unsigned(kNsMnt));
        QCOMPARE(plan.foreignOwned, unsigned(kNsMnt));
        plan = planEnter(r, rootless, false); // not root: refused
        QCOMPARE(plan.error->field, std::string("unsafe-host-root"));
        // A namespace owned by a third user namespace: refused.
        r.unsafeHostRoot = false;
        r.namespaces = kNsNet;
        plan = planEnter(
            r, {info(kNsUser, true, NsOwner::Target), info(kNsNet, true, NsOwner::Elsewhere)},
            true);
        QCOMPARE(plan.error->field, std::string("net"));
        // Root's own container (everything owned by our user namespace): no user namespace.
        r.namespaces = 0;
        r.all = true;
        plan = planEnter(r,
                         {info(kNsUser, false, NsOwner::Caller),
                          info(kNsUts, true, NsOwner::Caller), info(kNsPid, true, NsOwner::Caller)},
                         true);
        QCOMPARE(plan.join, unsigned(kNsUts | kNsPid));
    }

    void unsharePreview()
    {
        auto p = parseLaunchArgs(
            toStd({"--uts", "--ipc", "--pid", "--hostname", "container", "--", "/bin/bash"}));
        QCOMPARE(unshareCommandLine(*p.request),
                 std::string("unshare --mount --uts --ipc --pid --fork --mount-proc -- sh -c "
                             "'hostname \"$0\" && exec \"$@\"' container /bin/bash"));
        p = parseLaunchArgs(toStd({"--net", "--map-root-user", "--", "sh", "-c", "echo it's"}));
        QCOMPARE(unshareCommandLine(*p.request),
                 std::string("unshare --net --user --map-root-user -- sh -c 'echo it'\\''s'"));
        p = parseLaunchArgs(toStd({"--pid", "--no-mount-proc", "--boottime", "10", "--", "ps"}));
        QCOMPARE(unshareCommandLine(*p.request),
                 std::string("unshare --pid --time --fork --boottime=10 -- ps"));
        // Rootless, the helper adds a user namespace with the caller mapped to itself.
        QCOMPARE(unshareCommandLine(*p.request, true),
                 std::string("unshare --pid --user --time --fork --map-current-user "
                             "--boottime=10 -- ps"));
    }

    // Callers act on the code, not on the message (the CLI runs $SHELL when the command is
    // Missing).
    void errorCodes()
    {
        auto code = [](const QStringList& args) {
            return parseLaunchArgs(toStd(args)).error->code;
        };
        QCOMPARE(code({"--net"}), RequestErrorCode::Missing);
        QCOMPARE(code({"--net", "--"}), RequestErrorCode::Missing);
        QCOMPARE(code({"--hostname"}), RequestErrorCode::NeedsValue);
        QCOMPARE(code({"--net=1", "--", "x"}), RequestErrorCode::TakesNoValue);
        QCOMPARE(code({"--wd=", "--", "x"}), RequestErrorCode::EmptyValue);
        QCOMPARE(code({"--map-user", "me", "--", "x"}), RequestErrorCode::NotANumber);
        QCOMPARE(code({"--bogus", "--", "x"}), RequestErrorCode::UnknownOption);
        QCOMPARE(code({"--root", "rel", "--", "x"}), RequestErrorCode::Invalid);
        const auto enter = parseEnterArgs(toStd({"--net", "--", "x"}));
        QCOMPARE(enter.error->field, std::string("target"));
        QCOMPARE(enter.error->code, RequestErrorCode::Missing);
        QCOMPARE(parseEnterArgs(toStd({"--target", "5", "--net"})).error->code,
                 RequestErrorCode::Missing);
        // The enter dialog's sentences are chosen by these two.
        QCOMPARE(parseEnterArgs(toStd({"--target", "5", "--", "x"})).error->code,
                 RequestErrorCode::NoneSelected);
        EnterRequest r;
        r.target = 5;
        r.namespaces = kNsNet;
        r.command = {"x"};
        const std::vector<EnterNsInfo> unreadable{{kNsNet, false, false, NsOwner::Unknown, -1}};
        QCOMPARE(planEnter(r, unreadable, false).error->code, RequestErrorCode::NotReadable);
    }

    // Every option the usage lists is one the parser takes, and the other way round.
    void usageListsTheTable()
    {
        const std::string launch = launchUsage("p"), enter = enterUsage("p");
        for (const char* o :
             {"--hostname NAME", "--mount-proc", "--no-mount-proc", "--as-pid-1", "--map-root-user",
              "--map-user UID", "--map-group GID", "--root DIR", "--wd DIR", "--monotonic SECS",
              "--boottime SECS", "--connect-host", "--verbose", "--help"})
            QVERIFY2(launch.find(std::string("  ") + o + " ") != std::string::npos, o);
        for (const char* o :
             {"--wd DIR", "--expect-start TICKS", "--unsafe-host-root", "--verbose", "--help"})
            QVERIFY2(enter.find(std::string("  ") + o + " ") != std::string::npos, o);
        QVERIFY(launch.find("--expect-start") == std::string::npos);
        QVERIFY(enter.find("--hostname") == std::string::npos);
    }

    // The dialog's "Needed by" comes from the same rows as effectiveNamespaces().
    void impliedNamespaces()
    {
        LaunchRequest r;
        r.command = {"x"};
        QVERIFY(impliedBecause(kNsUser, r).empty());
        r.mapUser = 5;
        r.mapGroup = 5;
        QCOMPARE(impliedBecause(kNsUser, r),
                 std::vector<std::string_view>{"mapping you to root inside"});
        r.mountProc = true;
        QVERIFY(impliedBecause(kNsMnt, r).empty()); // a fresh /proc only with a PID namespace
        r.namespaces = kNsPid;
        r.root = "/srv";
        QCOMPARE(impliedBecause(kNsMnt, r).size(), std::size_t(2));
        QCOMPARE(r.effectiveNamespaces(), unsigned(kNsPid | kNsMnt | kNsUser));
        r.connectHost = true;
        QCOMPARE(impliedBecause(kNsNet, r),
                 std::vector<std::string_view>{"the connection to the host"});
    }

    void processIds()
    {
        const auto ids = parseProcessIds("Name:\tx\nUid:\t1000\t0\t0\t0\nGid:\t100\t50\t50\t50\n");
        QVERIFY(ids);
        QCOMPARE(ids->realUid, uid_t(1000));
        QCOMPARE(ids->effectiveUid, uid_t(0));
        QCOMPARE(ids->realGid, gid_t(100));
        QCOMPARE(ids->effectiveGid, gid_t(50));
        QVERIFY(!parseProcessIds("Uid:\t1000\t0\t0\t0\n"));    // no Gid: line
        QVERIFY(!parseProcessIds("Uid:\t1000\nGid:\t1\t1\n")); // no effective uid
        const auto self = readProcessIds(::getpid());
        QVERIFY(self);
        QCOMPARE(self->realUid, ::getuid());
        QCOMPARE(self->effectiveUid, ::geteuid());
        QCOMPARE(self->effectiveGid, ::getegid());
        QVERIFY(!readProcessIds(kMaxPid + 1));
    }

    void shellWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << "ls -l  /tmp" << QStringList{"ls", "-l", "/tmp"};
        QTest::newRow("single") << "sh -c 'echo $HOME; exit 3'"
                                << QStringList{"sh", "-c", "echo $HOME; exit 3"};
        // (no raw strings: moc of Qt 6.4 misreads them)
        QTest::newRow("double") << "echo \"a \\\"b\\\" \\x $y\""
                                << QStringList{"echo", "a \"b\" \\x $y"};
        QTest::newRow("escaped blank") << "touch a\\ b" << QStringList{"touch", "a b"};
        QTest::newRow("quoted quote") << "'it'\\''s'" << QStringList{"it's"};
        QTest::newRow("empty word") << "printf '' x" << QStringList{"printf", "", "x"};
        QTest::newRow("nothing") << "   " << QStringList{};
    }

    void shellWords()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        const auto split = splitShellWords(text.toStdString());
        QVERIFY(split);
        QCOMPARE(*split, toStd(words));
        // shellQuote is its inverse.
        std::string joined;
        for (const auto& w : *split)
            joined += (joined.empty() ? "" : " ") + shellQuote(w);
        QCOMPARE(splitShellWords(joined), split);
        QVERIFY(!splitShellWords("echo 'open"));
        QVERIFY(!splitShellWords("echo \"open"));
        QVERIFY(!splitShellWords("echo trailing\\"));
    }

    void privilegeDecision()
    {
        LaunchRequest r;
        r.command = {"true"};
        r.namespaces = kAllNsBits;
        QVERIFY(!needsPrivilege(r, 1000));
        r.connectHost = true;
        QVERIFY(needsPrivilege(r, 1000));
        QVERIFY(!needsPrivilege(r, 0));
        QVERIFY(needsPrivilegeToEnter(0, 1000));
        QVERIFY(!needsPrivilegeToEnter(1000, 1000));
        QVERIFY(!needsPrivilegeToEnter(1000, 0));
        const auto cmd = helperCommand("/usr/libexec/nsexplorer-helper", {"--uts"}, true);
        QVERIFY(cmd.front().ends_with("pkexec"));
        QCOMPARE(cmd[1], std::string("/usr/libexec/nsexplorer-helper"));
    }
};

QTEST_GUILESS_MAIN(TestLaunchRequest)
#include "tst_launch_request.moc"
