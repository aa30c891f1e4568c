#include "launcher.h"

namespace nsx::backend {

namespace {
bool has(std::string_view s, std::string_view what)
{
    return s.find(what) != s.npos;
}
bool starts(std::string_view s, std::string_view what)
{
    return s.substr(0, what.size()) == what;
}
} // namespace

std::string launcherKind(std::string_view comm, std::string_view cgroup)
{
    // The cgroup names the manager better than the parent's comm: flatpak and snap start
    // bwrap / snap-confine, docker and containerd both use containerd-shim.
    if (has(cgroup, "app-flatpak-") || has(cgroup, "/flatpak-"))
        return "flatpak";
    if (comm == "bwrap")
        return "bwrap";
    if (comm == "firejail")
        return "firejail";
    if (comm == "unshare")
        return "unshare";
    // The kernel truncates comm to 15 bytes: our helper shows as "nsexplorer-help".
    if (starts(comm, "nsexplorer"))
        return "nsexplorer";
    if (comm == "systemd-nspawn" || has(cgroup, "machine-") || has(cgroup, "/machine.slice/"))
        return "systemd-nspawn";
    if (starts(comm, "lxc") || has(cgroup, "lxc.payload") || starts(cgroup, "/lxc/"))
        return "lxc";
    if (comm == "conmon" || has(cgroup, "libpod"))
        return "podman";
    if (has(cgroup, "docker") || comm == "dockerd")
        return "docker";
    if (starts(comm, "containerd") || has(cgroup, "containerd") || has(cgroup, "kubepods"))
        return "containerd";
    if (has(cgroup, "/snap.") || starts(comm, "snap"))
        return "snap";
    if (has(cgroup, "flatpak"))
        return "flatpak";
    return "other";
}

bool launcherKindNeedsCgroup(std::string_view comm)
{
    return !(comm == "firejail" || comm == "unshare" || starts(comm, "nsexplorer") ||
             comm == "systemd-nspawn" || starts(comm, "lxc") || comm == "conmon");
}

} // namespace nsx::backend
