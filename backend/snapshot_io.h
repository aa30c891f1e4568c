// Serialisation of Snapshot, kept apart from the model (snapshot-format.md is the contract).
// Writers produce the exact key order and escaping rules of the contract, so that
// toJson(fromJson(toJson(s))) == toJson(s) byte for byte.
#pragma once

#include "snapshot.h"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nsx::backend {

// A bad snapshot file: the message is one line naming the problem (file, line or key).
class SnapshotError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

std::string toJson(const Snapshot& snapshot);
// Throws SnapshotError. `origin` (a file name) prefixes error messages when given.
Snapshot fromJson(std::string_view text, std::string_view origin = {});
// Reads and parses a file; refuses files over maxBytes. Throws SnapshotError.
Snapshot loadSnapshotFile(const std::string& path, std::size_t maxBytes = 256u << 20);

// CSV: one row per process (pid, ppid, comm, uid, user, then the eight namespace inodes) ...
std::string toCsvProcesses(const Snapshot& snapshot);
// ... and one row per namespace.
std::string toCsvNamespaces(const Snapshot& snapshot);
// Graphviz DOT: user-namespace ownership with what each owns, and PID nesting.
std::string toDot(const Snapshot& snapshot);

} // namespace nsx::backend
