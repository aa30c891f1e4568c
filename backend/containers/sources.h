// Naming what a namespace or process is (issue 15): the sources, in order of precedence.
//
// Each source looks at the scan (processes with their command lines, namespaces with their
// bind mounts) and at files in /proc and /run, and makes Claims: "the process P and its
// descendants are container C" (roots), "the process P is in C" (members: cgroup-defined
// ones), "the namespace N is C" (netns names, snap mount namespaces). identify.cpp then gives
// every process the claim of its nearest claimed ancestor-or-self — so a container inside a
// container is the inner one — and every non-initial namespace the container of its oldest
// member (else the claim naming it). Where two claims name the same root, the earlier source
// wins; where two name the same container key, the earlier one's description wins.
//
// kSources below, in order of precedence (add a source: write a function with the Source
// signature in a file of this folder, declare it here, put it in its place in kSources):
//   1. api          EngineDirectory (docker/podman Engine API, refreshed in the background);
//                   toolbox (com.github.containers.toolbox or, older, ...debarshiray.toolbox
//                   "true") and distrobox (manager=distrobox) from their labels
//   2. nsexplorer   our own launched containers: the supervisors of namespaces whose launcher
//                   is our helper, named by their --name (own.h: how the name travels)
//   3. containerd   task bundles /run/containerd/io.containerd.runtime.v2.task/NS/ID
//                   (init.pid, config.json annotations: kubernetes; namespace moby: docker,
//                   named from /var/lib/docker/containers/ID/config.v2.json)
//   4. docker       /var/lib/docker/containers/ID/config.v2.json (State.Pid, Name, image, labels)
//   5. conmon       podman's conmon command line (-n NAME -c ID; --exit-command-arg: podman)
//   6. shim         containerd-shim's -id (and -namespace) when no bundle said more
//   7. lxc          the monitor's command line ("[lxc monitor] PATH NAME", lxc-start -n NAME)
//   8. machined     systemd-machined's Varlink socket (io.systemd.Machine.List), where it runs
//                   (src_machined.cpp; 200 ms at most, then left alone for 30 s)
//      nspawn       systemd-nspawn's command line (--machine/-M, else -D's or -i's name)
//   9. flatpak      /run/user/UID/.flatpak/INSTANCE/{bwrapinfo.json,info}, and
//                   /proc/PID/root/.flatpak-info of each non-initial mount namespace
//  10. snap         /run/snapd/ns/NAME.mnt bind mounts (the snap's mount namespace)
//  11. firejail     /run/firejail/name/PID (the --name), /run/firejail/profile/PID, else the
//                   command it runs
//  12. browser      Chromium helpers (--type=...) and Firefox content processes (-contentproc):
//                   the browser that started them
//  13. bwrap        bwrap's command line (--args? no: the command it runs)
//  14. unshare      unshare's command line (the command it runs)
//  15. cgroup       for processes in non-initial namespaces still unnamed: lxc.payload.NAME,
//                   docker-ID.scope, libpod-ID.scope, machine-NAME.scope, snap.NAME.*,
//                   app-flatpak-ID-N.scope, then systemd units (*.service, *.scope) — the
//                   name=systemd line on a hybrid hierarchy, else 0::
//  16. netns        /run/netns/NAME bind mounts: engine "netns", name NAME
#pragma once

#include "../snapshot.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace nsx::backend::containers {

struct Claim
{
    Container container;
    std::vector<int> roots;   // these processes and their descendants
    std::vector<int> members; // these processes alone (cgroup-defined)
    std::vector<std::pair<NsType, std::uint64_t>> namespaces; // named directly
    // The process whose command line (or files of its own) made this claim, when one did:
    // anyone can call a process "conmon" or "systemd-nspawn" and give it any --name, so the
    // name is its user's (identify.cpp: Container::ownerUid and an "ENGINE@UID:ID" key when
    // that user is not root; dropped when its user is unknown). 0: root's files or daemons.
    int by = 0;
};

// A claim of user `uid` (not root): Container::ownerUid set and the key "ENGINE@UID:ID", apart
// from root's claims and other users' (a forged conmon naming a root container's id then
// never merges into it). identify() applies it to every claim with `by`; sources whose owner
// is not a process (a user's engine socket) call it themselves.
void scopeToUser(Container& c, std::uint32_t uid);

struct Context;
// Whose name a bind mount is (Reference::mountNs), for the sources that name a namespace by
// one (/run/netns/NAME, /run/snapd/ns/NAME.mnt): root's (0) when the initial mount namespace
// shows it, or a mount namespace of root's user namespace (only root mounts there), or when
// where it was seen is not known (a snapshot from before); else the user owning the user
// namespace of that mount namespace, who mounted it there; nullopt when that is not known.
std::optional<std::uint32_t> bindMountOwner(const Context& ctx, const Reference& r);

// A process's cgroup paths: the unified (0::) one and, on a hybrid hierarchy, name=systemd's.
struct CgroupPaths
{
    std::optional<std::string> unified, systemd;
    const std::optional<std::string>& unitPath() const { return systemd ? systemd : unified; }
};
CgroupPaths parseCgroupPaths(std::string_view text);

// What the sources see. Only the identification pass makes one.
struct Context
{
    explicit Context(const Snapshot& s) : snap(s) {}
    const Snapshot& snap;
    NsInodes initial;     // initialNamespaces(snap)
    int procFd = -1;      // the procfs root
    std::string procRoot; // its path, for messages
    std::string hostRoot; // prefix of /run and /var/lib ("" on a live system)
    std::uint32_t scannerUid = 0;
    // pid -> index in snap.processes
    std::unordered_map<int, std::size_t> byPid;
    // Children of each process (pids), by pid.
    std::unordered_map<int, std::vector<int>> children;
    // The cgroup of a process, read once per scan (memoised by the caller); nullptr when
    // unreadable.
    std::function<const CgroupPaths*(int pid)> cgroupOf;
    // Per mount namespace (by inode): its oldest member and, when the mount pass opened it,
    // NS_GET_ID (for a memo across scans); filled by the pass.
    std::function<int(NsType, std::uint64_t)> oldestMember;
    // Reports a file that could not be used (a malformed config, a FIFO): one line each.
    std::function<void(int pid, const std::string& path, const std::string& why)> problem;
    // A namespace of the scan by type and inode (the scan's namespaces are not sorted yet, so
    // Snapshot::findNamespace does not apply); unset: Snapshot::findNamespace.
    std::function<const Namespace*(NsType, std::uint64_t)> namespaceOf;
    const Namespace* findNamespace(NsType type, std::uint64_t inode) const
    {
        return namespaceOf ? namespaceOf(type, inode) : snap.findNamespace(type, inode);
    }
    // Our helper's container for a supervisor pid (own.h: nameOurContainer); unset: none.
    std::function<std::optional<Container>(int pid)> ourContainer;

    const Process* process(int pid) const
    {
        auto it = byPid.find(pid);
        return it == byPid.end() ? nullptr : &snap.processes[it->second];
    }
    bool nonInitial(const Process& p) const
    {
        for (NsType t : kAllNsTypes)
            if (p.namespaces[index(t)] && initial[index(t)] &&
                p.namespaces[index(t)] != initial[index(t)])
                return true;
        return false;
    }
    std::string path(std::string_view abs) const { return hostRoot + std::string(abs); }
};

using Source = void (*)(const Context&, std::vector<Claim>&);

// The sources (one file per family).
void fromEngineApi(const Context&, std::vector<Claim>&);         // src_engines.cpp
void fromOwnLaunches(const Context&, std::vector<Claim>&);       // own.cpp
void fromContainerdBundles(const Context&, std::vector<Claim>&); // src_engines.cpp
void fromDockerConfigs(const Context&, std::vector<Claim>&);     // src_engines.cpp
void fromConmon(const Context&, std::vector<Claim>&);            // src_engines.cpp
void fromShim(const Context&, std::vector<Claim>&);              // src_engines.cpp
void fromLxcMonitor(const Context&, std::vector<Claim>&);        // src_machines.cpp
void fromMachined(const Context&, std::vector<Claim>&);          // src_machined.cpp
void fromNspawn(const Context&, std::vector<Claim>&);            // src_machines.cpp
void fromFlatpak(const Context&, std::vector<Claim>&);           // src_flatpak.cpp
void fromSnap(const Context&, std::vector<Claim>&);              // src_sandboxes.cpp
void fromFirejail(const Context&, std::vector<Claim>&);          // src_sandboxes.cpp
void fromBrowsers(const Context&, std::vector<Claim>&);          // src_sandboxes.cpp
void fromBwrap(const Context&, std::vector<Claim>&);             // src_sandboxes.cpp
void fromUnshare(const Context&, std::vector<Claim>&);           // src_sandboxes.cpp
// 15 (cgroup) runs in identify.cpp on the processes still unnamed: one cgroup read each.
std::optional<Claim> fromCgroup(const CgroupPaths& cg); // src_cgroup.cpp
void fromNetns(const Context&, std::vector<Claim>&);    // src_cgroup.cpp

struct NamedSource
{
    const char* name;
    Source run;
};
inline constexpr NamedSource kSources[] = {
    {"api", &fromEngineApi},
    {"nsexplorer", &fromOwnLaunches},
    {"containerd", &fromContainerdBundles},
    {"docker", &fromDockerConfigs},
    {"conmon", &fromConmon},
    {"shim", &fromShim},
    {"lxc", &fromLxcMonitor},
    {"machined", &fromMachined},
    {"nspawn", &fromNspawn},
    {"flatpak", &fromFlatpak},
    {"snap", &fromSnap},
    {"firejail", &fromFirejail},
    {"browser", &fromBrowsers},
    {"bwrap", &fromBwrap},
    {"unshare", &fromUnshare},
};
// netns runs after the cgroup step: a named network namespace is the weakest name.

// Runs every source and writes Snapshot::containers and the container keys of namespaces and
// processes (identify.cpp). `oldest` is each namespace's oldest member (parallel to
// snap.namespaces; 0 = none).
void identify(Snapshot& snap, const std::vector<int>& oldest, Context& ctx);

} // namespace nsx::backend::containers
