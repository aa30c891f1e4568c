// The engine directory against servers on real unix sockets that answer like docker and podman,
// and against the engines' failure modes that a real engine cannot be made to show on demand:
// a dead socket (ECONNREFUSED), a hung one (listens and never accepts; accepts and never
// answers), an oversized answer, garbage. Timings are measured, not assumed. The real engines:
// tst_engine_*.cpp (label `engines`).
#include "containers/engine_api.h"
#include "containers/engine_directory.h"
#include "fake_engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace nsx::backend;
using namespace nsx::backend::containers;
using nsx::test::FakeEngine;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kDockerId = std::string(64, 'a');
const std::string kDockerId2 = "0123456789abcdef" + std::string(48, 'b');
const std::string kPodmanId = std::string(64, 'c');

std::string dockerList(const std::vector<std::string>& ids)
{
    std::string out = "[";
    for (const auto& id : ids)
        out +=
            (out.size() > 1 ? "," : "") + std::string("{\"Id\":\"") + id + "\",\"Names\":[\"/x\"]}";
    return out + "]";
}

std::string dockerInspect(const std::string& id, const std::string& name, int pid)
{
    return R"({"Id":")" + id + R"(","Name":"/)" + name +
           R"(","State":{"Status":"running","Running":true,"Pid":)" + std::to_string(pid) +
           R"(},"Config":{"Image":"localhost/nsx-engines:latest","Labels":{"nsx.test":"engines","com.docker.compose.project":"proj"}}})";
}

// A socket that is bound but not listening: connect() gets ECONNREFUSED, as from a dead daemon.
struct DeadSocket
{
    int fd;
    std::string path;
    explicit DeadSocket(std::string p) : path(std::move(p))
    {
        fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path.copy(addr.sun_path, sizeof addr.sun_path - 1);
        ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    }
    ~DeadSocket()
    {
        ::close(fd);
        ::unlink(path.c_str());
    }
};

// Listens (the kernel completes connect() from its backlog) but never accepts.
struct SilentSocket : DeadSocket
{
    explicit SilentSocket(std::string p) : DeadSocket(std::move(p)) { ::listen(fd, 4); }
};

EngineDirectory::Options options(std::vector<EngineSocket> sockets)
{
    EngineDirectory::Options o;
    o.sockets = [sockets] { return sockets; };
    o.backoffMin = std::chrono::milliseconds(200);
    o.backoffMax = std::chrono::milliseconds(800);
    return o;
}

const EngineContainer* byName(const std::vector<EngineContainer>& all, const std::string& name)
{
    for (const auto& c : all)
        if (c.container.name == name)
            return &c;
    return nullptr;
}

constexpr long kUnmeasured = -1000000;

// How much `work`'s peak RSS exceeds the RSS before it, in KiB, measured in a child process
// (fork; VmHWM reset by writing 5 to /proc/self/clear_refs); kUnmeasured where that cannot be
// measured (a sanitizer's allocator, no clear_refs, `work` returned false).
long peakGrowthKiB(const std::function<bool()>& work)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return kUnmeasured;
#endif
    int fds[2];
    if (::pipe(fds) != 0)
        return kUnmeasured;
    const pid_t child = ::fork();
    if (child == 0) {
        auto field = [](const char* name) {
            FILE* f = std::fopen("/proc/self/status", "r");
            long value = -1;
            char line[256];
            while (f && std::fgets(line, sizeof line, f))
                if (std::strncmp(line, name, std::strlen(name)) == 0)
                    value = std::atol(line + std::strlen(name));
            if (f)
                std::fclose(f);
            return value;
        };
        long out = kUnmeasured;
        const int clear = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
        if (clear >= 0 && ::write(clear, "5", 1) == 1) {
            const long before = field("VmRSS:");
            const bool ok = work();
            const long peak = field("VmHWM:");
            out = ok && before >= 0 && peak >= 0 ? peak - before : kUnmeasured;
        }
        if (::write(fds[1], &out, sizeof out) != sizeof out)
            _exit(1);
        _exit(0);
    }
    ::close(fds[1]);
    long growth = kUnmeasured;
    if (child < 0 || ::read(fds[0], &growth, sizeof growth) != sizeof growth)
        growth = kUnmeasured;
    ::close(fds[0]);
    if (child > 0)
        ::waitpid(child, nullptr, 0);
    return growth;
}

long long msSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

} // namespace

class TestEngineDirectory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }

    void serveDocker(FakeEngine& e, bool chunked)
    {
        e.setReply("/containers/json", {200, dockerList({kDockerId, kDockerId2}), chunked});
        e.setReply("/containers/" + kDockerId + "/json",
                   {200, dockerInspect(kDockerId, "nsx-dock", 4242), chunked});
        // the second one stopped between the list and its inspect
        e.setReply("/containers/" + kDockerId2 + "/json", {404, "{}", false});
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void parsers()
    {
        auto c = parseDockerInspect(dockerInspect(kDockerId, "nsx-dock", 77), "docker");
        QVERIFY(c);
        QCOMPARE(c->pid, 77);
        QCOMPARE(c->container.key, "docker:" + kDockerId);
        QCOMPARE(c->container.name, std::string("nsx-dock"));
        QCOMPARE(c->container.engine, std::string("docker"));
        QCOMPARE(c->container.image.value_or(""), std::string("localhost/nsx-engines:latest"));
        QCOMPARE(c->container.project.value_or(""), std::string("proj"));
        QCOMPARE(c->container.pid.value_or(0), 77);
        QCOMPARE(c->container.source, std::string("api"));
        const std::vector<std::pair<std::string, std::string>> labels{
            {"com.docker.compose.project", "proj"}, {"nsx.test", "engines"}};
        QCOMPARE(c->container.labels, labels);
        // not running: no pid
        QVERIFY(!parseDockerInspect(dockerInspect(kDockerId, "x", 0), "docker"));
        // garbage, wrong types, hostile ids: nothing, no exception
        for (const char* bad :
             {"", "{", "[]", "null", "{\"Id\":5}", R"({"Id":"../../x","State":{"Pid":3}})",
              R"({"Id":"aa","State":{"Pid":"3"}})", R"({"Id":"aa","State":{"Pid":-3}})",
              R"({"Id":"aa","State":{"Pid":99999999999}})"})
            QVERIFY2(!parseDockerInspect(bad, "docker"), bad);
        QVERIFY(parseContainerIds("{\"a\":1}", 10).empty());
        QCOMPARE(parseContainerIds(R"([{"Id":"ab"},{"Id":"../x"},{"Id":3},{"Id":"cd"}])", 10),
                 (std::vector<std::string>{"ab", "cd"}));
        QCOMPARE(parseContainerIds(R"([{"Id":"ab"},{"Id":"cd"}])", 1).size(), std::size_t(1));
        const auto pods = parseLibpodList(
            R"([{"Id":")" + kPodmanId +
                R"(","Names":["nsx-pod"],"Pid":12,"Image":"img","PodName":"nsx-pod-pod","Labels":{"b":"2","a":"1"}},
                {"Id":"dd","Names":["stopped"],"Pid":0},{"Names":["no-id"],"Pid":5},7])",
            10);
        QCOMPARE(pods.size(), std::size_t(1));
        QCOMPARE(pods[0].container.key, "podman:" + kPodmanId);
        QCOMPARE(pods[0].container.pod.value_or(""), std::string("nsx-pod-pod"));
        QCOMPARE(pods[0].container.labels.front().first, std::string("a"));
    }

    // docker's sequence (ping, list, inspect per container), chunked bodies joined by curl, a
    // container gone between list and inspect skipped.
    void dockerAnswers_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("content-length") << false;
        QTest::newRow("chunked") << true;
    }
    void dockerAnswers()
    {
        QFETCH(bool, chunked);
        FakeEngine docker(path("docker.sock"), FakeEngine::Mode::Docker);
        serveDocker(docker, chunked);
        EngineDirectory dir(options({{path("docker.sock"), std::nullopt}}));
        dir.refreshNow(std::chrono::milliseconds(2000));
        const auto all = dir.current();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].container.name, std::string("nsx-dock"));
        QCOMPARE(all[0].pid, 4242);
        QCOMPARE(all[0].container.engine, std::string("docker"));
        const auto status = dir.sockets();
        QCOMPARE(status.size(), std::size_t(1));
        QVERIFY(status[0].ok);
        QCOMPARE(status[0].engine, std::string("docker"));
        QCOMPARE(docker.requests(),
                 (std::vector<std::string>{"/_ping", "/containers/json",
                                           "/containers/" + kDockerId + "/json",
                                           "/containers/" + kDockerId2 + "/json"}));
        // curl keeps the connection for the next request (not asserted: it may reconnect)
        qInfo("%d connection(s) for 4 requests", docker.connections());
    }

    // An engine that says Libpod-Api-Version is asked libpod's list: pod names, one request.
    void podmanAnswers()
    {
        FakeEngine podman(path("podman.sock"), FakeEngine::Mode::Podman);
        podman.setReply(
            "/v4.0.0/libpod/containers/json",
            {200,
             R"([{"Id":")" + kPodmanId +
                 R"(","Names":["nsx-pod"],"Pid":4343,"Image":"localhost/nsx-engines:latest","PodName":"nsx-pod-pod","Labels":{"nsx.test":"engines"}}])",
             true});
        EngineDirectory dir(options({{path("podman.sock"), std::nullopt}}));
        dir.refreshNow(std::chrono::milliseconds(2000));
        const auto all = dir.current();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].container.key, "podman:" + kPodmanId);
        QCOMPARE(all[0].container.pod.value_or(""), std::string("nsx-pod-pod"));
        QCOMPARE(all[0].pid, 4343);
        QCOMPARE(dir.sockets()[0].engine, std::string("podman"));
    }

    // A user's socket (root reading /run/user/UID) names only processes in that user's user
    // namespaces: this test process sits in the initial one, whose owner is uid 0.
    void userSocketsNameOnlyTheirOwn()
    {
        FakeEngine podman(path("user.sock"), FakeEngine::Mode::Podman);
        podman.setReply("/v4.0.0/libpod/containers/json",
                        {200, R"([{"Id":")" + kPodmanId + R"(","Names":["claims-you"],"Pid":)" +
                                  std::to_string(::getpid()) + "}]"});
        {
            EngineDirectory dir(options({{path("user.sock"), uid_t(65534)}}));
            dir.refreshNow(std::chrono::milliseconds(2000));
            QVERIFY(dir.sockets()[0].ok);
            QVERIFY2(dir.current().empty(),
                     "a user's engine named a process outside its user namespaces");
        }
        {
            EngineDirectory dir(options({{path("user.sock"), uid_t(0)}}));
            dir.refreshNow(std::chrono::milliseconds(2000));
            QCOMPARE(dir.current().size(), std::size_t(1));
            // A key of its own: the id it reports may be copied from another user's container
            // (conmon's command line is world-readable) and must not merge with that one.
            QCOMPARE(dir.current()[0].container.key, "podman@0:" + kPodmanId);
        }
    }

    // A dead socket fails at once and contributes nothing; the live one beside it still does; the
    // dead one is not asked again before its backoff, which doubles.
    void deadSocket()
    {
        DeadSocket dead(path("dead.sock"));
        FakeEngine docker(path("docker.sock"), FakeEngine::Mode::Docker);
        serveDocker(docker, false);
        EngineDirectory dir(
            options({{path("dead.sock"), std::nullopt}, {path("docker.sock"), std::nullopt}}));
        auto start = Clock::now();
        dir.refreshNow(std::chrono::milliseconds(2000));
        const auto took = msSince(start);
        qInfo("round with a dead socket: %lld ms", took);
        QVERIFY2(took < 150, qPrintable(QString::number(took)));
        QVERIFY(byName(dir.current(), "nsx-dock"));
        auto status = dir.sockets();
        QCOMPARE(status.size(), std::size_t(2));
        QCOMPARE(status[0].path, path("dead.sock"));
        QVERIFY(!status[0].ok);
        QCOMPARE(status[0].failures, 1);
        QVERIFY2(!status[0].error.empty(), status[0].error.c_str());
        dir.refreshNow(std::chrono::milliseconds(2000)); // in backoff: not asked
        QCOMPARE(dir.sockets()[0].failures, 1);
        QTest::qWait(250);
        dir.refreshNow(std::chrono::milliseconds(2000));
        QCOMPARE(dir.sockets()[0].failures, 2);
        QTest::qWait(250); // backoff now 400 ms
        dir.refreshNow(std::chrono::milliseconds(2000));
        QCOMPARE(dir.sockets()[0].failures, 2);
        QVERIFY(byName(dir.current(), "nsx-dock"));
    }

    // A hung engine costs one request timeout, then nothing from it; the live one still answers.
    void hungSocket_data()
    {
        QTest::addColumn<bool>("accepts");
        QTest::newRow("listens, never accepts") << false;
        QTest::newRow("accepts, never answers") << true;
    }
    void hungSocket()
    {
        QFETCH(bool, accepts);
        std::unique_ptr<SilentSocket> silent;
        std::unique_ptr<FakeEngine> hanging;
        if (accepts)
            hanging =
                std::make_unique<FakeEngine>(path("hung.sock"), FakeEngine::Mode::AcceptAndHang);
        else
            silent = std::make_unique<SilentSocket>(path("hung.sock"));
        FakeEngine docker(path("docker.sock"), FakeEngine::Mode::Docker);
        serveDocker(docker, false);
        EngineDirectory dir(
            options({{path("hung.sock"), std::nullopt}, {path("docker.sock"), std::nullopt}}));
        const auto start = Clock::now();
        dir.refreshNow(std::chrono::milliseconds(5000));
        const auto took = msSince(start);
        qInfo("round with a hung socket: %lld ms", took);
        QVERIFY2(took >= 250 && took < 700, qPrintable(QString::number(took)));
        const auto status = dir.sockets();
        QVERIFY(!status[1].ok);
        QCOMPARE(status[1].path, path("hung.sock"));
        QVERIFY2(status[1].error.starts_with("timeout"), status[1].error.c_str());
        QVERIFY(byName(dir.current(), "nsx-dock"));
        if (accepts)
            QCOMPARE(hanging->requests(), std::vector<std::string>{"/_ping"});
    }

    // An answer beyond the cap is refused whole.
    void oversizedAnswer()
    {
        FakeEngine docker(path("big.sock"), FakeEngine::Mode::Docker);
        std::string huge = "[";
        while (huge.size() < (2u << 20))
            huge += "{\"Id\":\"" + kDockerId + "\"},";
        huge += "{\"Id\":\"" + kDockerId + "\"}]";
        docker.setReply("/containers/json", {200, huge, true});
        auto o = options({{path("big.sock"), std::nullopt}});
        o.maxResponseBytes = 1u << 20;
        o.requestTimeout = std::chrono::milliseconds(5000); // sanitizers make 2 MB slow
        EngineDirectory dir(o);
        dir.refreshNow(std::chrono::milliseconds(2000));
        QVERIFY(dir.current().empty());
        QVERIFY(!dir.sockets()[0].ok);
        QVERIFY2(dir.sockets()[0].error.starts_with("response larger"),
                 dir.sockets()[0].error.c_str());
    }

    // The nesting check: brackets in strings do not count; 64 levels pass, 65 do not.
    void jsonDepth()
    {
        const auto nest = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
        QVERIFY(jsonRefusal(nest(kMaxJsonDepth)).empty());
        QVERIFY(jsonRefusal(nest(kMaxJsonDepth + 1)).starts_with("JSON nested deeper than 64"));
        // {"a":"[[[[[[\"[[[[","b":[1]}: the brackets in the string (one escaped quote
        // inside) do not count
        const std::string quoted = "{\"a\":\"[[[[[[\\\"[[[[\",\"b\":[1]}";
        QVERIFY(jsonRefusal(quoted, 2).empty());
        QVERIFY(!jsonRefusal(quoted, 1).empty());
        QVERIFY(!jsonRefusal("]][[[[", 8).empty());
        QVERIFY(!parseContainerIds(R"([{"Id":"ab"}])", 10).empty());
        // an Id list as docker's, under a nest too deep: nothing, never a parse
        QVERIFY(parseContainerIds(R"([{"Id":"ab","x":)" + nest(100) + "}]", 10).empty());
    }

private:
    // A hostile engine's /containers/json answer `body` (under the size cap) is refused before
    // it is parsed, with the reason (`error`), and the socket failed. Measured in a child
    // process: its peak RSS (VmHWM, reset through clear_refs) grows by a few MB at most.
    void refusedBeforeParsing(const std::string& body, const char* sock, const char* what,
                              const std::string& error)
    {
        FakeEngine docker(path(sock), FakeEngine::Mode::Docker);
        docker.setReply("/containers/json", {200, body, true});
        const long growth = peakGrowthKiB([&] {
            EngineQuery q;
            q.requestTimeout = std::chrono::milliseconds(5000);
            queryEngine({path(sock), std::nullopt}, q);
            return true;
        });
        if (growth != kUnmeasured) {
            qInfo("peak RSS growth for %s: %ld KiB", what, growth);
            QVERIFY2(growth >= 0 && growth < 32 * 1024, qPrintable(QString::number(growth)));
        }
        auto o = options({{path(sock), std::nullopt}});
        o.requestTimeout = std::chrono::milliseconds(5000);
        EngineDirectory dir(o);
        dir.refreshNow(std::chrono::milliseconds(5000));
        QVERIFY(dir.current().empty());
        const auto status = dir.sockets();
        QVERIFY(!status[0].ok);
        QVERIFY2(status[0].error.starts_with(error + " from /containers/json"),
                 status[0].error.c_str());
    }

private slots:
    // 3 MB of '[' and ']' (parsing it took ~115 MB).
    void deeplyNestedAnswer()
    {
        const std::string deep = std::string(3u << 19, '[') + std::string(3u << 19, ']');
        refusedBeforeParsing(deep, "deep.sock", "a 3 MB nested answer",
                             "JSON nested deeper than 64 levels");
    }

    // 3 MB of "[{},{},…]" (one level, a million empty objects). The limit counts no comma or
    // bracket inside a string.
    void manyValuesAnswer()
    {
        std::string flat = "[";
        for (int i = 0; i < 1'000'000; ++i)
            flat += i ? ",{}" : "{}";
        flat += "]";
        QVERIFY(jsonRefusal(flat).starts_with("JSON with more than 250000 values"));
        QVERIFY(jsonRefusal("[1,2,3]", kMaxJsonDepth, 3).empty());
        QVERIFY(!jsonRefusal("[1,2,3,4]", kMaxJsonDepth, 3).empty());
        QVERIFY(jsonRefusal(R"(["a,b,c,d,e,f"])", kMaxJsonDepth, 2).empty());
        refusedBeforeParsing(flat, "flat.sock", "a 3 MB flat answer",
                             "JSON with more than 250000 values");
    }

    // Without options, an answer larger than 4 MB (8 MB of nesting here) is refused whole.
    void defaultCap()
    {
        FakeEngine docker(path("eight.sock"), FakeEngine::Mode::Docker);
        docker.setReply("/containers/json",
                        {200, std::string(4u << 20, '[') + std::string(4u << 20, ']'), true});
        EngineQuery q;
        q.requestTimeout = std::chrono::milliseconds(5000);
        const EngineAnswer a = queryEngine({path("eight.sock"), std::nullopt}, q);
        QVERIFY(!a.ok);
        QVERIFY(a.refused);
        QCOMPARE(a.error, std::string("response larger than 4194304 bytes"));
    }

    // current() never waits: the background thread fills the cache; refreshSoon() hurries it.
    void backgroundRefresh()
    {
        FakeEngine docker(path("docker.sock"), FakeEngine::Mode::Docker);
        serveDocker(docker, false);
        SilentSocket hung(path("hung.sock"));
        auto o = options({{path("hung.sock"), std::nullopt}, {path("docker.sock"), std::nullopt}});
        o.interval = std::chrono::milliseconds(60000);
        o.soonGap = std::chrono::milliseconds(50);
        o.backoffMin = std::chrono::milliseconds(0);
        EngineDirectory dir(o);
        auto start = Clock::now();
        QVERIFY(dir.current().empty()); // starts the thread, does not wait for it
        QVERIFY2(msSince(start) < 50, "current() waited");
        QTRY_VERIFY_WITH_TIMEOUT(dir.rounds() >= 1, 3000);
        QVERIFY(byName(dir.current(), "nsx-dock"));
        // a new container appears; the next round (hurried) finds it
        docker.setReply("/containers/json", {200, dockerList({kDockerId, kDockerId2})});
        docker.setReply("/containers/" + kDockerId2 + "/json",
                        {200, dockerInspect(kDockerId2, "second", 99)});
        const auto before = dir.rounds();
        start = Clock::now();
        QVERIFY(!byName(dir.current(), "second"));
        dir.refreshSoon();
        QTRY_VERIFY_WITH_TIMEOUT(dir.rounds() > before, 3000);
        QVERIFY(byName(dir.current(), "second"));
        qInfo("refreshSoon to a new name: %lld ms (one hung socket in the round)", msSince(start));
    }

    // Destroying the directory while a transfer hangs (a long request timeout, so only the
    // cancel flag can end it) returns promptly: no hang at exit.
    void promptStopWhileHung()
    {
        SilentSocket hung(path("hung.sock"));
        auto o = options({{path("hung.sock"), std::nullopt}});
        o.requestTimeout = std::chrono::milliseconds(30000);
        o.socketBudget = std::chrono::milliseconds(30000);
        auto dir = std::make_unique<EngineDirectory>(o);
        dir->refreshSoon();
        QTest::qWait(200); // the thread is now inside the transfer
        QCOMPARE(dir->rounds(), std::uint64_t(0));
        const auto start = Clock::now();
        dir.reset();
        const auto took = msSince(start);
        qInfo("stop while hung: %lld ms", took);
        QVERIFY2(took < 150, qPrintable(QString::number(took)));
    }

    // Which sockets: docker's and rootful podman's, and rootless ones — all users' for root,
    // one's own otherwise; only sockets that exist; a link to a listed socket listed once.
    void socketDiscovery()
    {
        QTemporaryDir run;
        const std::string r = run.path().toStdString();
        QVERIFY(QDir().mkpath(run.path() + "/podman") &&
                QDir().mkpath(run.path() + "/user/1000/podman") &&
                QDir().mkpath(run.path() + "/user/1001/podman") &&
                QDir().mkpath(run.path() + "/user/x/podman"));
        DeadSocket a(r + "/docker.sock"), b(r + "/podman/podman.sock"),
            c(r + "/user/1000/podman/podman.sock"), d(r + "/user/1001/podman/podman.sock"),
            e(r + "/user/x/podman/podman.sock");
        const auto asRoot = engineSockets(0, r);
        const std::vector<EngineSocket> rootWants{
            {r + "/docker.sock", std::nullopt},
            {r + "/podman/podman.sock", std::nullopt},
            {r + "/user/1000/podman/podman.sock", uid_t(1000)},
            {r + "/user/1001/podman/podman.sock", uid_t(1001)}};
        QCOMPARE(asRoot, rootWants);
        const auto asUser = engineSockets(1001, r);
        const std::vector<EngineSocket> userWants{
            {r + "/docker.sock", std::nullopt},
            {r + "/podman/podman.sock", std::nullopt},
            {r + "/user/1001/podman/podman.sock", uid_t(1001)}};
        QCOMPARE(asUser, userWants);
        QVERIFY(engineSockets(1003, r).size() == 2);
        // DOCKER_HOST / CONTAINER_HOST: one more socket, the same one not twice
        qputenv("DOCKER_HOST",
                QByteArray("unix://") + (r + "/user/1001/podman/podman.sock").c_str());
        qputenv("CONTAINER_HOST", "tcp://example:2375");
        const auto all = defaultEngineSockets();
        qunsetenv("DOCKER_HOST");
        qunsetenv("CONTAINER_HOST");
        QVERIFY(std::any_of(all.begin(), all.end(), [&](const auto& s) {
            return s.path == r + "/user/1001/podman/podman.sock";
        }));
    }
};

QTEST_GUILESS_MAIN(TestEngineDirectory)
#include "tst_engine_directory.moc"
