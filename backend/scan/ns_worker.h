// Pass 4, a worker thread (ns_worker.cpp) and what it hands back to pass_namespaces.cpp.
#pragma once

#include "scan_state.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nsx::backend::scan {

// A namespace a worker met only as the owner or parent of another one.
struct Discovered
{
    NsType type = NsType::User;
    std::uint64_t inode = 0;
    std::optional<std::uint64_t> owner, parent;
    std::optional<std::uint32_t> ownerUid;
    std::optional<std::uint64_t> id; // NS_GET_ID
    bool parentKnown = false;
};

struct WorkerOutput
{
    std::vector<ScanError> errors;
    std::vector<Discovered> discovered;
    std::vector<std::pair<std::uint64_t, NsLineage>> lineage; // for the next scan
    struct CgroupRoot                                         // computed now, for the next scan
    {
        std::uint64_t id;
        std::string root;
        std::size_t ns;
    };
    std::vector<CgroupRoot> cgroupRoots;
    pid_t strandedTid = 0; // a worker that could not go back to its namespaces
};

// One worker thread: describes namespaces, taking their indices from next, until none is left.
void runNsWorker(ScanState& scan, std::atomic<std::size_t>& next, WorkerOutput& out);

} // namespace nsx::backend::scan
