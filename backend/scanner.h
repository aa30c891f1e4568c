// Discovery: walks a procfs root and produces a Snapshot. No Qt; safe to run on any thread
// (one Scanner per thread). Processes vanishing mid-scan, pid reuse and refused reads are
// normal: they end up in Snapshot::errors, never in an exception.
#pragma once

#include "snapshot.h"

#include <memory>
#include <string>

namespace nsx::backend {

struct ScanOptions
{
    std::string procRoot = "/proc"; // a fixture tree in tests
    bool details = true;            // per-namespace details (some need setns into the namespace)
    bool threads = true;            // look at /proc/PID/task/TID/ns for loose threads
    bool fds = true;                // look at /proc/PID/fd for namespace fds
    bool mounts = true;             // look at mountinfo for nsfs bind mounts
    bool hierarchy = true;          // nsfs ioctls: owner, parent, owner uid
};

class Scanner
{
public:
    explicit Scanner(ScanOptions options = {});
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    Snapshot scan();
    const ScanOptions& options() const { return m_options; }

private:
    ScanOptions m_options;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace nsx::backend
