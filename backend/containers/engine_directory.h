// What the container engines' APIs say about running containers (issue 15): docker and podman
// over their unix sockets, rootful and each user's rootless socket. A scan never waits for an
// engine: it takes what the last background refresh found (see engine_directory.cpp).
#pragma once

#include "../snapshot.h"

#include <vector>

namespace nsx::backend::containers {

struct EngineContainer
{
    Container container; // key "docker:ID" / "podman:ID", engine, name, id, image, pod, labels
    int pid = 0;         // State.Pid: its init process, in the initial pid namespace's view
};

class EngineDirectory
{
public:
    // The process-wide directory.
    static EngineDirectory& shared();
    // What the last refresh found; thread-safe, never blocks on an engine.
    std::vector<EngineContainer> current() const;
    // Asks for a refresh in the background (a scan saw container processes it cannot name).
    void refreshSoon();
};

} // namespace nsx::backend::containers
