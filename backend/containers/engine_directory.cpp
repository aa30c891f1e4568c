// The engine directory: a cache of what docker and podman say, filled by one background thread.
//
// The thread starts on the first current() or refreshSoon() and runs a round every `interval`
// (sooner after refreshSoon, at most once per `soonGap`). A round asks every socket that
// engineSockets() lists, one after the other, each within `socketBudget` and each request within
// `requestTimeout` (300 ms): a dead socket (ECONNREFUSED) fails at once, a hung one (accepts and
// never answers) after one timeout. A failed socket contributes nothing and is left alone for
// backoffMin, doubled per failure up to backoffMax. The destructor sets a flag that cancels a
// transfer under way within 20 ms (engine_api.cpp polls it) and joins: no hang at exit.
#include "engine_directory.h"

#include "engine_api.h"
#include "nsfs.h"
#include "procfs.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <thread>
#include <time.h>
#include <unistd.h>

namespace nsx::backend::containers {

using Clock = std::chrono::steady_clock;

namespace {

std::uint64_t bootTicksNow()
{
    timespec ts{};
    ::clock_gettime(CLOCK_BOOTTIME, &ts);
    static const long hz = ::sysconf(_SC_CLK_TCK);
    const std::uint64_t perTick = 1000000000ull / static_cast<std::uint64_t>(hz > 0 ? hz : 100);
    return (static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ull +
            static_cast<std::uint64_t>(ts.tv_nsec)) /
           perTick;
}

// Field 22 of procRoot/PID/stat, 0 when unreadable; a process that started after `asked` (boot
// ticks, when the engine was asked) is not the one the engine named: 0 too.
std::uint64_t startTimeOf(const std::string& procRoot, int pid, std::uint64_t asked)
{
    const std::string path = procRoot + "/" + std::to_string(pid) + "/stat";
    nsfs::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return 0;
    char buf[1024];
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n <= 0)
        return 0;
    const auto stat = procfs::parseStat(std::string_view(buf, static_cast<std::size_t>(n)));
    if (!stat || !stat->complete() || stat->pid != pid || stat->startTime > asked)
        return 0;
    return stat->startTime;
}

struct SocketState
{
    EngineDirectory::SocketStatus status;
    std::vector<EngineContainer> containers;
    Clock::time_point retryAt{};
    std::chrono::milliseconds backoff{0};
};

} // namespace

struct EngineDirectory::Private
{
    Options options;

    mutable std::mutex mutex; // guards everything below but `stop`
    std::condition_variable wake;
    std::map<std::string, SocketState> sockets; // by path
    std::vector<EngineContainer> merged;
    std::uint64_t rounds = 0;
    bool started = false;
    bool soon = false;
    std::atomic<bool> stop{false};
    std::thread thread;
    std::mutex roundMutex; // one round at a time (background and refreshNow)

    void round(std::chrono::milliseconds socketBudget);
    void run();
    void startLocked()
    {
        if (started)
            return;
        started = true;
        thread = std::thread([this] { run(); });
    }
};

void EngineDirectory::Private::round(std::chrono::milliseconds socketBudget)
{
    std::lock_guard roundLock(roundMutex);
    const auto list = options.sockets ? options.sockets() : defaultEngineSockets();
    std::vector<const EngineSocket*> due;
    {
        std::lock_guard lock(mutex);
        // forget sockets that went away
        for (auto it = sockets.begin(); it != sockets.end();) {
            const bool listed = std::any_of(list.begin(), list.end(), [&](const EngineSocket& s) {
                return s.path == it->first;
            });
            it = listed ? std::next(it) : sockets.erase(it);
        }
        const auto now = Clock::now();
        for (const auto& s : list) {
            auto& state = sockets[s.path];
            state.status.path = s.path;
            if (state.retryAt <= now)
                due.push_back(&s);
        }
    }
    for (const EngineSocket* s : due) {
        if (stop)
            break;
        EngineQuery query;
        query.requestTimeout = options.requestTimeout;
        query.deadline = Clock::now() + socketBudget;
        query.cancel = &stop;
        query.procRoot = options.procRoot;
        query.maxResponseBytes = options.maxResponseBytes;
        const std::uint64_t asked = bootTicksNow();
        EngineAnswer answer = queryEngine(*s, query);
        // Each pid pinned to the process it names now (see EngineContainer::startTime).
        for (EngineContainer& c : answer.containers)
            c.startTime = startTimeOf(options.procRoot, c.pid, asked);
        std::lock_guard lock(mutex);
        auto it = sockets.find(s->path);
        if (it == sockets.end())
            continue;
        SocketState& state = it->second;
        if (!answer.engine.empty())
            state.status.engine = answer.engine;
        state.status.ok = answer.ok;
        state.status.error = answer.error;
        if (answer.ok) {
            if (state.status.failures > 0)
                spdlog::info("engines: {} answers again ({} containers)", s->path,
                             answer.containers.size());
            state.status.failures = 0;
            state.backoff = std::chrono::milliseconds{0};
            state.retryAt = {};
            state.containers = std::move(answer.containers);
        } else {
            // An answer refused (too big, nested too deep) is worth a word: a hostile or
            // broken engine. Once per run of failures, as the rest.
            if (state.status.failures == 0 && answer.refused)
                spdlog::warn("engines: {}: answer refused: {}", s->path, answer.error);
            else if (state.status.failures == 0)
                spdlog::debug("engines: {}: {}", s->path, answer.error);
            ++state.status.failures;
            state.backoff = state.backoff.count() == 0
                                ? options.backoffMin
                                : std::min(state.backoff * 2, options.backoffMax);
            state.retryAt = Clock::now() + state.backoff;
            state.containers.clear();
        }
        state.status.containers = state.containers.size();
    }
    std::lock_guard lock(mutex);
    std::vector<EngineContainer> all;
    for (const auto& [path, state] : sockets)
        for (const auto& c : state.containers)
            all.push_back(c);
    // A key seen twice (a socket linked under two names, or a user's server repeating a
    // system engine's id): the first in path order, system sockets before /run/user ones.
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.container.key < b.container.key;
    });
    all.erase(std::unique(
                  all.begin(), all.end(),
                  [](const auto& a, const auto& b) { return a.container.key == b.container.key; }),
              all.end());
    merged = std::move(all);
    ++rounds;
}

void EngineDirectory::Private::run()
{
    auto last = Clock::now() - options.interval;
    while (!stop) {
        {
            std::unique_lock lock(mutex);
            soon = false;
        }
        round(options.socketBudget);
        last = Clock::now();
        std::unique_lock lock(mutex);
        // the next round: after `interval`, or after `soonGap` when asked to hurry
        while (!stop) {
            const auto next = last + (soon ? options.soonGap : options.interval);
            if (Clock::now() >= next)
                break;
            wake.wait_until(lock, next);
        }
    }
}

EngineDirectory::EngineDirectory() : EngineDirectory(Options{}) {}

EngineDirectory::EngineDirectory(Options options) : d(std::make_unique<Private>())
{
    d->options = std::move(options);
}

EngineDirectory::~EngineDirectory()
{
    {
        std::lock_guard lock(d->mutex);
        d->stop = true;
    }
    d->wake.notify_all();
    if (d->thread.joinable())
        d->thread.join();
}

EngineDirectory& EngineDirectory::shared()
{
    // Never destroyed: a scan still running when the program ends (a poller abandons one in
    // flight, see ~Poller) may ask it after static destructors ran (UBSan saw current() on a
    // destroyed one at a test's exit). Its thread ends with the process.
    static EngineDirectory* directory = new EngineDirectory;
    return *directory;
}

std::vector<EngineContainer> EngineDirectory::current() const
{
    std::lock_guard lock(d->mutex);
    d->startLocked();
    return d->merged;
}

void EngineDirectory::refreshSoon()
{
    {
        std::lock_guard lock(d->mutex);
        d->soon = true;
        d->startLocked();
    }
    d->wake.notify_all();
}

void EngineDirectory::refreshNow(std::chrono::milliseconds budget)
{
    const auto end = Clock::now() + budget;
    std::size_t count = 1;
    {
        auto list = d->options.sockets ? d->options.sockets() : defaultEngineSockets();
        count = std::max<std::size_t>(1, list.size());
    }
    const auto share = std::chrono::duration_cast<std::chrono::milliseconds>(
        (end - Clock::now()) / static_cast<long>(count));
    if (share.count() > 0)
        d->round(share);
}

std::uint64_t EngineDirectory::rounds() const
{
    std::lock_guard lock(d->mutex);
    return d->rounds;
}

std::vector<EngineDirectory::SocketStatus> EngineDirectory::sockets() const
{
    std::lock_guard lock(d->mutex);
    std::vector<SocketStatus> out;
    for (const auto& [path, state] : d->sockets)
        out.push_back(state.status);
    return out;
}

} // namespace nsx::backend::containers
