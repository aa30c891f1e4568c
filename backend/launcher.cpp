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
    // Tools that name themselves: their comm decides (launcherKindNeedsCgroup is false).
    if (comm == "firejail")
        return "firejail";
    if (comm == "unshare")
        return "unshare";
    // The kernel truncates comm to 15 bytes: our helper shows as "nsexplorer-help". Only the
    // helper: the GUI ("nsexplorer") starts it, and when the helper moved into the namespaces
    // itself, it is their launcher, not the GUI.
    if (comm == "nsexplorer-help")
        return "nsexplorer";
    if (comm == "systemd-nspawn")
        return "systemd-nspawn";
    if (starts(comm, "lxc"))
        return "lxc";
    if (comm == "conmon")
        return "podman";
    // Otherwise the cgroup names the manager better than the parent's comm: flatpak and
    // snap start bwrap / snap-confine, docker and containerd both use containerd-shim, and
    // podman's containers sit in machine.slice like nspawn's.
    if (has(cgroup, "app-flatpak-") || has(cgroup, "/flatpak-"))
        return "flatpak";
    if (has(cgroup, "libpod"))
        return "podman";
    if (has(cgroup, "docker"))
        return "docker";
    if (has(cgroup, "lxc.payload") || starts(cgroup, "/lxc/"))
        return "lxc";
    if (has(cgroup, "/snap.") || starts(comm, "snap"))
        return "snap";
    if (has(cgroup, "containerd") || has(cgroup, "kubepods") || starts(comm, "containerd"))
        return "containerd";
    if (has(cgroup, "systemd-nspawn@") || has(cgroup, "/machine.slice/machine-"))
        return "systemd-nspawn";
    if (comm == "bwrap")
        return "bwrap";
    if (comm == "dockerd")
        return "docker";
    if (has(cgroup, "flatpak"))
        return "flatpak";
    return "other";
}

bool launcherKindNeedsCgroup(std::string_view comm)
{
    return !(comm == "firejail" || comm == "unshare" || comm == "nsexplorer-help" ||
             comm == "systemd-nspawn" || starts(comm, "lxc") || comm == "conmon");
}

} // namespace nsx::backend
