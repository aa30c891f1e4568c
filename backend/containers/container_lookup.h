// Finding a container by the name a user types (issue 15): `nsexplorer-cli enter --container
// NAME`. Pure over a snapshot, so that it is tested with built ones.
#pragma once

#include "snapshot.h"

#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend::containers {

struct ContainerMatch
{
    enum class Result
    {
        Found,     // `container` and `pid` are set
        NotFound,  // no container has that name
        Ambiguous, // several do: `candidates` lists them ("engine:name (id)"), sorted
        NoProcess, // found, but no process of it to enter (an `ip netns` name with none inside)
        OtherUsers // only other users' containers have that name: `candidates` lists them as
                   // "engine@UID:name", the form that names one
    };
    Result result = Result::NotFound;
    const Container* container = nullptr;
    int pid = 0;
    std::vector<std::string> candidates;
};

// NAME is a container's name ("nsx-dock"), or "engine:name" ("docker:nsx-dock"), or its key
// ("docker:3f2a…" in full). An exact match only; an "engine:name" or key match wins over a
// bare name that also reads that way. The process to enter is the container's init (`pid`), else
// the lowest pid that belongs to it, else the lowest pid in one of its namespaces.
//
// A name and "engine:name" reach root's containers and `caller`'s own only: another user chose
// the names of theirs (Container::ownerUid; any user can run a process called "conmon" with
// --name web), so root typing "web" must not enter a stranger's "podman: web". Another user's
// container is named "engine@UID:name" or by its key ("podman@1000:3f2a…").
ContainerMatch findContainerByName(const Snapshot& snapshot, std::string_view name,
                                   std::uint32_t caller = 0);

// The process to enter for a container: its init (`pid`) when the snapshot has it, else the
// lowest pid that belongs to it, else the lowest pid in one of its namespaces; 0 when it has no
// process (an empty `ip netns`). What `enter --container` and the browser's Enter on a
// container row both take.
int processToEnter(const Snapshot& snapshot, const Container& container);

// "engine:name" ("engine@UID:name" for a user's), with the short id when a name alone does not
// tell two apart.
std::string describeCandidate(const Container& c);

} // namespace nsx::backend::containers
