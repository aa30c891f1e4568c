// One container engine's API over its unix socket (issue 15): docker's Engine API and podman's
// (its docker-compatible API and its libpod endpoints, which also name the pod). HTTP through
// libcurl, JSON through nlohmann-json; every request is bounded (connect and total timeouts, a
// response-size cap, a deadline for the whole socket, a cancel flag), so a dead or hung engine
// costs at most one timeout. Used by EngineDirectory on its background thread.
#pragma once

#include "engine_directory.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace nsx::backend::containers {

struct EngineSocket
{
    std::string path;
    // The uid of a rootless engine's user (the socket under /run/user/UID): its containers
    // count only when their init process sits in a user namespace that uid made, so a user's
    // fake server cannot name another user's (or root's) processes. nullopt: a system socket.
    std::optional<uid_t> user;
    friend bool operator==(const EngineSocket&, const EngineSocket&) = default;
};

// The sockets to ask, for a process of effective uid `euid`: docker's and rootful podman's, and
// rootless podman's under `runRoot`/user/UID — every user's for root, only its own otherwise.
// Only sockets that exist are listed.
std::vector<EngineSocket> engineSockets(uid_t euid, const std::string& runRoot = "/run");
// engineSockets(geteuid()) and the sockets that DOCKER_HOST and CONTAINER_HOST (podman's) name
// when they are unix:// addresses — the engines' own clients honour them, and so do we.
std::vector<EngineSocket> defaultEngineSockets();

// The largest answer read from an engine socket (a body beyond it is refused whole).
inline constexpr std::size_t kMaxEngineAnswerBytes = 4u << 20;

struct EngineQuery
{
    std::chrono::milliseconds requestTimeout{300};  // connect and whole-request timeout, each
    std::chrono::steady_clock::time_point deadline; // for the whole socket; default: none
    // docker's list and inspect, libpod's list for thousands of containers: well under 4 MB.
    std::size_t maxResponseBytes = kMaxEngineAnswerBytes;
    std::size_t maxContainers = 4096;
    const std::atomic<bool>* cancel = nullptr; // set: the transfer stops at once
    std::string procRoot = "/proc";            // for the rootless user-namespace check
};

struct EngineAnswer
{
    bool ok = false;
    std::string error;    // one line, e.g. "connect: Connection refused", "timeout"
    bool refused = false; // it answered, with what we will not parse (too big, nested too deep)
    std::string engine;   // "docker" | "podman" (podman answers with a Libpod-Api-Version header)
    std::vector<EngineContainer> containers; // running ones with a pid, sorted by key
};

EngineAnswer queryEngine(const EngineSocket& socket, const EngineQuery& query);

// Why a body is not parsed, or empty: nlohmann-json builds a node per bracket, so 16 MB of
// '[' cost ~620 MB; the engines' answers nest fewer than ten levels (docker's inspect: six).
// And a node per value: 4 MB of "[{},{},…]" (1.4 million empty objects, flat) cost ~130 MB;
// docker's list of 1,000 containers has ~60,000 values, one inspect a few hundred. Values are
// counted as the brackets and commas outside strings. Checked in one pass without allocating
// before any parse (the parsers below call it too).
inline constexpr int kMaxJsonDepth = 64;
inline constexpr long kMaxJsonValues = 250'000;
std::string jsonRefusal(std::string_view body, int maxDepth = kMaxJsonDepth,
                        long maxValues = kMaxJsonValues);

// Pure parsers of the engines' answers (tests and fuzzers feed them directly). Malformed input
// yields nothing, never an exception.
std::vector<std::string> parseContainerIds(std::string_view listBody, std::size_t max);
std::optional<EngineContainer> parseDockerInspect(std::string_view body, std::string_view engine);
std::vector<EngineContainer> parseLibpodList(std::string_view body, std::size_t max);

} // namespace nsx::backend::containers
