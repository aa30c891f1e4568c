// Who made a namespace: the process outside it that started its oldest member. The scanner
// finds that process; this file names its kind from its comm and the cgroup path of the
// namespace's oldest member (container managers are recognised by the cgroups they create).
#pragma once

#include <string>
#include <string_view>

namespace nsx::backend {

// One of: bwrap, firejail, unshare, nsexplorer, systemd-nspawn, lxc, docker, podman,
// containerd, flatpak, snap, other.
std::string launcherKind(std::string_view comm, std::string_view cgroupPath);

// False when comm alone decides the kind (unshare, firejail, our helper, systemd-nspawn,
// conmon, lxc-*), so the scanner need not read a cgroup file.
bool launcherKindNeedsCgroup(std::string_view comm);

} // namespace nsx::backend
