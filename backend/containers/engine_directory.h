// What the container engines' APIs say about running containers (issue 15): docker and podman
// over their unix sockets, rootful and each user's rootless socket. A scan never waits for an
// engine: it takes what the last background refresh found (see engine_directory.cpp).
#pragma once

#include "../snapshot.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace nsx::backend::containers {

struct EngineContainer
{
    Container container; // key "docker:ID" / "podman:ID", engine, name, id, image, pod, labels
    int pid = 0;         // State.Pid: its init process, in the initial pid namespace's view
    // The start time of `pid` (field 22 of /proc/PID/stat, clock ticks after boot) read when the
    // directory took the answer; 0 when it could not be read, or when the process there started
    // after the engine was asked (not the one it meant). A name is given only to the process
    // with this start time, so a pid reused before the next refresh inherits nothing.
    std::uint64_t startTime = 0;
};

struct EngineSocket;

class EngineDirectory
{
public:
    struct Options
    {
        // The sockets to ask, listed again before every round (users log in and out);
        // default: defaultEngineSockets().
        std::function<std::vector<EngineSocket>()> sockets;
        std::chrono::milliseconds requestTimeout{300}; // per request (connect and total)
        std::chrono::milliseconds socketBudget{2000};  // per socket and round
        std::chrono::milliseconds interval{5000};      // between background rounds
        std::chrono::milliseconds soonGap{1000};       // refreshSoon: at most one round per gap
        std::chrono::milliseconds backoffMin{1000};    // a failed socket: first wait,
        std::chrono::milliseconds backoffMax{60000};   // doubled up to this
        std::size_t maxResponseBytes = 4u << 20;       // per answer (kMaxEngineAnswerBytes)
        std::string procRoot = "/proc";
    };
    // What one socket said in its last round (logs, tests).
    struct SocketStatus
    {
        std::string path;
        std::string engine; // "docker" | "podman" | "" (never answered)
        bool ok = false;
        std::string error;
        int failures = 0; // in a row
        std::size_t containers = 0;
    };

    EngineDirectory();
    explicit EngineDirectory(Options options);
    // Stops the background thread promptly (a transfer under way is cancelled) and joins it.
    ~EngineDirectory();
    EngineDirectory(const EngineDirectory&) = delete;
    EngineDirectory& operator=(const EngineDirectory&) = delete;

    // The process-wide directory.
    static EngineDirectory& shared();
    // What the last refresh found, sorted by key; thread-safe, never blocks on an engine. The
    // first call starts the background thread (so this first answer is usually empty).
    std::vector<EngineContainer> current() const;
    // Asks for a refresh in the background (a scan saw container processes it cannot name).
    void refreshSoon();
    // A round in the calling thread, finished within `budget` in total (the one-shot CLI, which
    // has no background life): every socket not in backoff gets an equal share. Does not start
    // the background thread.
    void refreshNow(std::chrono::milliseconds budget);
    // Rounds finished so far, and each socket's last word.
    std::uint64_t rounds() const;
    std::vector<SocketStatus> sockets() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace nsx::backend::containers
