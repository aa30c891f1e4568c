// Files that only root can change: what a process running as root may execute when the name
// of the file came from somewhere less trusted (an environment variable a user passed through
// `sudo -E`, a process's /proc/PID/exe).
#pragma once

#include <optional>
#include <string>

namespace nsx::backend {

// The resolved (symlink-free, absolute) path of `path` when it names a regular file that
// only root can replace or change: the file and every directory above it owned by uid 0 and
// writable by neither group nor others. A world-writable directory counts against the path
// even when it is sticky (/tmp): a sticky bit keeps others from renaming root's file, but it
// is one rule more to get right, and nothing of ours needs to live there. nullopt otherwise,
// with the first offending component and why in `why` (one line) when given.
std::optional<std::string> rootOnlyFile(const std::string& path, std::string* why = nullptr);

} // namespace nsx::backend
