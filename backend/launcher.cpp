#include "launcher.h"

#include "trusted_path.h"

#include <cerrno>
#include <climits>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

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

// "NoNewPrivs:\t0" in /proc/PID/status (readable without ptrace access, unlike exe).
bool withoutNoNewPrivs(const std::string& procRoot, int pid)
{
    std::ifstream in(procRoot + "/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (starts(line, "NoNewPrivs:"))
            return line.find_first_not_of(" \t", 11) != std::string::npos &&
                   line[line.find_first_not_of(" \t", 11)] == '0';
    return false;
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
    if (has(cgroup, "libpod") || has(cgroup, "/podman-pause-"))
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

std::string orphanedHelperKind(std::string_view comm, const std::vector<std::string>& cmdline)
{
    const auto anyArg = [&](auto&& pred) {
        for (std::size_t i = 1; i < cmdline.size(); ++i)
            if (pred(std::string_view(cmdline[i])))
                return true;
        return false;
    };
    if (comm == "catatonit" && anyArg([](std::string_view a) { return a == "-P"; }))
        return "podman";
    if (comm == "slirp4netns" && anyArg([](std::string_view a) { return has(a, "/netns/netns-"); }))
        return "podman";
    return {};
}

bool launcherKindNeedsCgroup(std::string_view comm)
{
    return !(comm == "firejail" || comm == "unshare" || comm == "nsexplorer-help" ||
             comm == "systemd-nspawn" || starts(comm, "lxc") || comm == "conmon");
}

bool runsOurHelper(const std::string& procRoot, int pid, std::optional<std::uint32_t> euid,
                   const std::string& knownHelper)
{
    const std::string exe = procRoot + "/" + std::to_string(pid) + "/exe";
    struct stat running
    {};
    if (::stat(exe.c_str(), &running) != 0) {
        if ((errno != EACCES && errno != EPERM) || !euid)
            return false;
        if (*euid == 0)
            return true;
        return *euid == ::geteuid() && withoutNoNewPrivs(procRoot, pid);
    }
    const auto same = [&](const std::string& path) {
        struct stat st
        {};
        return ::stat(path.c_str(), &st) == 0 && st.st_dev == running.st_dev &&
               st.st_ino == running.st_ino;
    };
    if (!knownHelper.empty() && same(knownHelper))
        return true;
    char buf[PATH_MAX];
    const ssize_t n = ::readlink(exe.c_str(), buf, sizeof buf);
    if (n <= 0 || n >= ssize_t(sizeof buf))
        return false;
    const std::string target(buf, std::size_t(n)); // " (deleted)" fails the checks below
    const auto slash = target.rfind('/');
    if (slash == std::string::npos || target.substr(slash + 1) != "nsexplorer-helper")
        return false;
    const auto file = rootOnlyFile(target);
    return file && same(*file);
}

} // namespace nsx::backend
