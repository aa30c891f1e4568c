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
    // Net namespaces whose interfaces name the other end's namespace by NSID: {interface's
    // position in details.interfaces, NSID}, resolved by resolveNetLinks (net_topology.cpp).
    struct PendingLinks
    {
        std::size_t ns;
        std::vector<std::pair<std::size_t, std::int32_t>> links;
    };
    std::vector<PendingLinks> netLinks;
    pid_t strandedTid = 0; // a worker that could not go back to its namespaces
};

// Resolving NSIDs for one net namespace (net_topology.cpp): asked inside it (RTM_GETNSID with
// NETNSA_FD) of the likely namespaces first, then of all others, until every wanted NSID is
// found.
struct NsidJob
{
    std::size_t ns = 0;
    std::vector<std::int32_t> wanted;
    std::vector<std::size_t> candidates;                     // the likely ones
    std::vector<std::pair<std::int32_t, std::size_t>> found; // NSID -> namespace index
    std::size_t asked = 0;                                   // queries sent (for the log)
};

// One worker thread: describes namespaces, taking their indices from next, until none is left.
void runNsWorker(ScanState& scan, std::atomic<std::size_t>& next, WorkerOutput& out);

// One worker thread: runs NsidJobs, taking their indices from next, until none is left; the
// thread's tid when it could not go back to its namespaces (see WorkerOutput), else 0.
// allNet: every net namespace's index, asked after a job's likely candidates.
pid_t runNsidWorker(ScanState& scan, std::vector<NsidJob>& jobs,
                    const std::vector<std::size_t>& allNet, std::atomic<std::size_t>& next);

} // namespace nsx::backend::scan
