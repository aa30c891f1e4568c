// Reading what containers, sandboxes and engines leave in /proc and /run (issue 15), as
// untrusted input: files a container's owner can write (its root, its config) must not make
// the scanner follow a symlink out of that root, hang on a FIFO, or read without end.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend::containers {

// The longest name, id, image or label value kept (bytes); longer ones are cut. Any bytes
// are kept (the snapshot writer escapes them), but never a NUL.
constexpr std::size_t kMaxNameBytes = 256;
// The largest config.json / config.v2.json / .flatpak-info read; bigger files are skipped.
constexpr std::size_t kMaxConfigBytes = 4u << 20;

// Untrusted bytes made a name: at most kMaxNameBytes (not cutting a UTF-8 sequence in two),
// NULs dropped.
std::string cleanName(std::string_view raw);

// Reads the regular file `rel` below the directory fd `dirFd` into `out`: openat with
// O_NOFOLLOW | O_NONBLOCK (a symlink at the last component is refused, a FIFO does not block),
// then fstat must say S_ISREG; at most `maxBytes` (more: false). `rel` must be one component
// or a path the caller trusts up to its last component. Returns 0 or an errno (EFBIG: too big,
// EINVAL: not a regular file).
int readRegularFileAt(int dirFd, const char* rel, std::size_t maxBytes, std::string& out);
// The same for an absolute path whose directories the caller trusts (/run, /var/lib).
int readRegularFile(const std::string& path, std::size_t maxBytes, std::string& out);

// The names in a directory (no dot entries); empty when it cannot be read.
std::vector<std::string> listDirectory(const std::string& path);

// Command-line helpers. The value of an option given as "--name=V", "--name V", "-n V" or
// "-nV" (short options only when `shortName` is not empty); nullopt when absent.
std::optional<std::string> optionValue(const std::vector<std::string>& argv,
                                       std::string_view longName, std::string_view shortName = {});
// The last path component ("/usr/bin/firefox" -> "firefox"; "a/b/" -> "b").
std::string baseName(std::string_view path);

} // namespace nsx::backend::containers
