// Serialisation of Snapshot, kept apart from the model (snapshot-format.md is the contract).
// Writers produce the exact key order and escaping rules of the contract, so that
// toJson(fromJson(toJson(s))) == toJson(s) byte for byte.
//
// Strings are raw bytes. JSON: valid UTF-8 is written as is, control characters, '"' and '\'
// as JSON escapes, and every byte of invalid UTF-8 as \u00XX (its Latin-1 value); on reading,
// \u0080..\u00ff gives back that single byte (not the UTF-8 of U+0080..U+00FF).
#pragma once

#include "printable.h" // displayString(), which the writers' error texts and the CLI use
#include "request_text.h"
#include "snapshot.h"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend {

// A bad snapshot file: the message is one line naming the problem (file, line or key).
// what() is the English (logs, the CLI's stderr in English); message() the same words apart
// from their language, templates in context "SnapshotError" (request_text.h), which the GUI
// (gui::snapshotErrorText) and the CLI translate.
class SnapshotError : public std::runtime_error
{
public:
    explicit SnapshotError(RequestText message)
        : std::runtime_error(message.text()), m_message(std::move(message))
    {}
    const RequestText& message() const { return m_message; }

private:
    RequestText m_message;
};

// The contract's layout: 2-space indentation, short arrays/objects on one line, a final newline.
// Sorts a copy when `snapshot` is not normalized.
std::string toJson(const Snapshot& snapshot);
// Throws SnapshotError. `origin` (a file name) prefixes error messages when given. Strict:
// "format" and "version" (1) first, then every required key with its type; unknown keys are
// ignored; duplicate keys and duplicate namespaces/pids are errors. The result is normalized.
// Nesting deeper than 64 levels and more than 8 Mi JSON values held at once are refused
// (namespace and process entries are converted as they are read and do not add up).
Snapshot fromJson(std::string_view text, std::string_view origin = {});
// Reads and parses a regular file; refuses anything else (a FIFO, a device, a directory)
// without blocking on it, and files over maxBytes before reading them. Throws SnapshotError.
Snapshot loadSnapshotFile(const std::string& path, std::size_t maxBytes = 256u << 20);
// The same from an open descriptor (a pipe, standard input); `name` stands for it in errors.
// Does not close `fd`.
Snapshot loadSnapshotFd(int fd, const std::string& name, std::size_t maxBytes = 256u << 20);

// CSV (RFC 4180 quoting, "\n" line ends, a header row; raw bytes kept): one row per process:
//   pid,ppid,comm,uid,user,ns_cgroup,ns_ipc,ns_mnt,ns_net,ns_pid,ns_time,ns_user,ns_uts
// (the ns_ prefix because "pid" and "user" are already columns) ...
std::string toCsvProcesses(const Snapshot& snapshot);
// ... and one row per namespace:
//   type,inode,dev,owner,parent,owner_uid,nprocs,nthreads,holders,hostname,domainname,
//   msg_queues,shm_segments,semaphore_sets,interfaces,init,level,uid_map,gid_map,
//   monotonic_offset,boottime_offset,mounts,root,launcher_pid,launcher_comm,launcher_kind
// Lists inside a cell are separated by ';' (holders, uid_map "0 1000 1;...", interfaces
// "lo up 127.0.0.1/8 ::1/128;eth0 down"). Empty cell = null.
std::string toCsvNamespaces(const Snapshot& snapshot);
// Graphviz DOT: user-namespace ownership (solid edges parent -> child user namespace, dashed
// edges user namespace -> each namespace it owns) and PID nesting (bold edges parent -> child).
// Node ids are "type:inode"; labels are escaped for DOT and shown as UTF-8 text.
std::string toDot(const Snapshot& snapshot);

// What keeps each namespace alive, one list per entry of snapshot.namespaces (same order):
// "procs", "threads", "bind:/run/netns/blue", "fd:812/7"; "owner-only" when nothing but its
// role as owner or parent of another namespace; "none" otherwise.
std::vector<std::vector<std::string>> holderLabels(const Snapshot& snapshot);

} // namespace nsx::backend
