#include "own.h"
#include "sources.h"

#include <set>

#include "launch_request.h"
#include "launcher.h"
#include "procfs.h"
#include "scan/proc_io.h"
#include "scan/scan_state.h"

#include <cstdio>
#include <string_view>

namespace nsx::backend::containers {

std::optional<Container> ownContainerFromArgs(const std::vector<std::string>& args,
                                              int supervisorPid)
{
    // The helper's own parser: exactly what the helper ran with, or nothing (a helper that
    // refused its request has exited already; an `enter` makes no container).
    const auto parsed = parseHelperArgs(args);
    if (!parsed.request || parsed.help)
        return std::nullopt;
    const auto* launch = std::get_if<LaunchRequest>(&*parsed.request);
    if (!launch)
        return std::nullopt;
    Container c;
    c.engine = "nsexplorer";
    c.id = std::to_string(supervisorPid);
    c.key = c.engine + ":" + c.id;
    if (!launch->name.empty()) {
        c.name = launch->name;
    } else if (!launch->hostname.empty()) {
        c.name = launch->hostname;
    } else {
        const std::string_view program = launch->command.front(); // validated: not empty
        const auto slash = program.rfind('/');
        c.name = std::string(slash == program.npos ? program : program.substr(slash + 1));
    }
    c.pid = supervisorPid;
    c.source = "cmdline";
    return c;
}

std::optional<Container> nameOurContainer(const scan::ScanState& state, int supervisorPid)
{
    const Process* supervisor = state.process(supervisorPid);
    if (!supervisor || supervisor->cmdline.empty())
        return std::nullopt;
    // The executable decides, never the comm or argv[0] (anyone can choose those).
    if (!runsOurHelper(state.options.procRoot, supervisorPid, supervisor->uid,
                       state.options.helperPath))
        return std::nullopt;
    // The walk read stat and then cmdline through one /proc/PID directory, so that cmdline is
    // of the process that started at supervisor->startTime. The same start time read again
    // after runsOurHelper() means the pid named that one process throughout: the executable
    // checked is the one whose argv we read, not a successor's under a reused pid.
    char rel[32];
    std::snprintf(rel, sizeof rel, "%d/stat", supervisorPid);
    std::string buf;
    if (scan::readFileAt(state.procFd, rel, buf, true) != 0)
        return std::nullopt;
    const auto st = procfs::parseStat(buf);
    if (!st || st->startTime != supervisor->startTime)
        return std::nullopt;

    std::vector<std::string> args(supervisor->cmdline.begin() + 1, supervisor->cmdline.end());
    auto c = ownContainerFromArgs(args, supervisorPid);
    if (!c)
        return std::nullopt;
    // What `enter --container` enters: the supervisor's oldest child (the new PID namespace's
    // reaper, or the payload itself); the supervisor sits outside a new PID namespace.
    const Process* child = nullptr;
    for (const Process& p : state.snap.processes)
        if (p.ppid == supervisorPid && (!child || p.startTime < child->startTime))
            child = &p;
    if (child)
        c->pid = child->pid;
    return c;
}

// The source (sources.h, 2.): every supervisor that launched a namespace of this scan, the
// root of its container (the payload and everything below it).
void fromOwnLaunches(const Context& ctx, std::vector<Claim>& claims)
{
    if (!ctx.ourContainer)
        return;
    std::set<int> supervisors;
    for (const Namespace& ns : ctx.snap.namespaces)
        if (ns.launcher && ns.launcher->kind == "nsexplorer" && ns.launcher->pid)
            supervisors.insert(*ns.launcher->pid);
    for (int pid : supervisors)
        if (std::optional<Container> c = ctx.ourContainer(pid))
            claims.push_back(Claim{std::move(*c), {pid}, {}, {}, pid});
}

} // namespace nsx::backend::containers
