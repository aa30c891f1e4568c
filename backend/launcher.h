// Who made a namespace: the process outside it that started its oldest member. The scanner
// finds that process; this file names its kind from its comm and the cgroup path of the
// namespace's oldest member (container managers are recognised by the cgroups they create).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend {

// One of: bwrap, firejail, unshare, nsexplorer, systemd-nspawn, lxc, docker, podman,
// containerd, flatpak, snap, other.
std::string launcherKind(std::string_view comm, std::string_view cgroupPath);

// The kind of a helper that an engine started and left behind, when it made namespaces of its
// own and was re-parented to PID 1 as the engine exited; "" for anything else. Rootless
// podman's pause process (`catatonit -P`, holding the user and mount namespaces of a user's
// containers) and its slirp4netns (on a network namespace podman made under
// $XDG_RUNTIME_DIR/netns/; --enable-sandbox gives it a mount namespace) are "podman".
std::string orphanedHelperKind(std::string_view comm, const std::vector<std::string>& cmdline);

// False when comm alone decides the kind (unshare, firejail, our helper, systemd-nspawn,
// conmon, lxc-*), so the scanner need not read a cgroup file.
bool launcherKindNeedsCgroup(std::string_view comm);

// Whether process `pid` runs our helper, for the comm "nsexplorer-help" that anyone can give
// a process (prctl(PR_SET_NAME), or exec through a file of that name). The kind "nsexplorer"
// is what the GUI offers to stop as a container (SIGTERM, then SIGKILL to every descendant),
// so a name is not enough; the executable decides:
//   - it is `knownHelper`, the helper this program itself starts (same device and inode as
//     /proc/PID/exe): true wherever that was built, a user's build folder included;
//   - or /proc/PID/exe names a file called nsexplorer-helper that only root can change
//     (rootOnlyFile: root-owned, no group/world-writable folder above it) and is the very file
//     running (device and inode): an installed helper. A user can neither create such a file
//     nor hard-link one into a place of their own that passes the check;
//   - /proc/PID/exe unreadable (the helper makes itself non-dumpable, so only root reads it):
//     true when the process runs as root (euid 0) — such a viewer cannot signal it anyway;
//     root can always read the link, so for a root GUI only the two rules above apply — or as
//     the viewer's own euid without no_new_privs (NoNewPrivs: 0 in /proc/PID/status): a rootless
//     launch's supervisor. Its payload, the one party that must not pass for our helper, runs
//     under no_new_privs from its first instruction, and every process it ever starts inherits
//     that for good (prctl cannot clear it). Anything else of the viewer's own uid could run the
//     real helper with any name it likes anyway.
bool runsOurHelper(const std::string& procRoot, int pid, std::optional<std::uint32_t> euid,
                   const std::string& knownHelper);

} // namespace nsx::backend
