// Sources 10-14 of sources.h: snap (its mount namespace's bind mount), firejail, browsers and
// Electron apps, bwrap and unshare — by command lines and /run files, no IO per process.
#include "safe_read.h"
#include "sources.h"

#include <cstdlib>
#include <map>

namespace nsx::backend::containers {

namespace {

bool parentHasComm(const Context& ctx, const Process& p, std::string_view comm)
{
    const Process* parent = ctx.process(p.ppid);
    return parent && parent->comm == comm;
}

Claim toolClaim(const Process& p, const char* engine, std::string name)
{
    Claim c;
    c.container.engine = engine;
    c.container.name = cleanName(name);
    c.container.id = std::to_string(p.pid);
    c.container.key = std::string(engine) + ":" + c.container.id;
    c.container.pid = p.pid;
    c.container.source = "cmdline";
    c.roots.push_back(p.pid);
    c.by = p.pid;
    return c;
}

// The first operand after the options, given how many values each option takes.
std::optional<std::string> commandOf(const std::vector<std::string>& argv,
                                     const std::map<std::string_view, int>& arity)
{
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--")
            return i + 1 < argv.size() ? std::optional(argv[i + 1]) : std::nullopt;
        if (a.empty() || a[0] != '-')
            return a;
        if (a.find('=') != std::string::npos)
            continue;
        if (auto it = arity.find(a); it != arity.end())
            i += static_cast<std::size_t>(it->second);
    }
    return std::nullopt;
}

} // namespace

void fromSnap(const Context& ctx, std::vector<Claim>& out)
{
    constexpr std::string_view kDir = "/run/snapd/ns/";
    for (const Namespace& ns : ctx.snap.namespaces) {
        if (ns.type != NsType::Mnt)
            continue;
        for (const Reference& r : ns.references) {
            std::string_view path = r.path;
            if (r.kind != Reference::Kind::BindMount || path.substr(0, kDir.size()) != kDir ||
                path.size() <= kDir.size() + 4 || path.substr(path.size() - 4) != ".mnt")
                continue;
            const std::string name =
                cleanName(path.substr(kDir.size(), path.size() - kDir.size() - 4));
            if (name.empty() || name.find('/') != std::string::npos)
                continue;
            const std::optional<std::uint32_t> owner = bindMountOwner(ctx, r);
            if (!owner)
                continue; // mounted where nobody can say by whom
            Claim c;
            c.container.engine = "snap";
            c.container.name = name;
            c.container.id = name;
            c.container.appId = name;
            c.container.key = "snap:" + name;
            c.container.source = "snapd";
            c.namespaces.push_back({NsType::Mnt, ns.inode});
            scopeToUser(c.container, *owner);
            out.push_back(std::move(c));
            break;
        }
    }
}

void fromFirejail(const Context& ctx, std::vector<Claim>& out)
{
    // firejail (setuid root; only root writes /run/firejail) keeps, per sandbox, the name
    // given with --name in /run/firejail/name/PID and the profile in /run/firejail/profile/PID,
    // PID being the outer firejail process.
    const auto runFile = [&](const char* dir, int pid) -> std::optional<std::string> {
        std::string text;
        if (readRegularFile(ctx.path(dir) + std::to_string(pid), 4096, text))
            return std::nullopt;
        while (!text.empty() && (text.back() == '\n' || text.back() == '\0'))
            text.pop_back();
        return text.empty() ? std::nullopt : std::optional(cleanName(text));
    };
    for (const Process& p : ctx.snap.processes) {
        if (p.comm != "firejail" || parentHasComm(ctx, p, "firejail"))
            continue;
        std::optional<std::string> name = runFile("/run/firejail/name/", p.pid);
        if (!name)
            name = optionValue(p.cmdline, "--name");
        if (!name)
            if (auto cmd = commandOf(p.cmdline, {}))
                name = baseName(*cmd);
        Claim c = toolClaim(p, "firejail", name.value_or("firejail"));
        c.container.source = "firejail";
        if (auto profile = runFile("/run/firejail/profile/", p.pid))
            c.container.labels.emplace_back("profile", *profile);
        out.push_back(std::move(c));
    }
}

void fromBrowsers(const Context& ctx, std::vector<Claim>& out)
{
    const auto isHelper = [](const Process& p) {
        for (std::size_t i = 1; i < p.cmdline.size(); ++i) {
            const std::string& a = p.cmdline[i];
            if (a.rfind("--type=", 0) == 0 || a == "-contentproc")
                return true;
        }
        return false;
    };
    std::map<int, Claim> browsers;
    for (const Process& p : ctx.snap.processes) {
        if (!isHelper(p))
            continue;
        const Process* at = &p;
        for (int guard = 0; guard < 64; ++guard) {
            const Process* parent = ctx.process(at->ppid);
            if (!parent || parent->pid <= 1)
                break;
            at = parent;
            if (!isHelper(*at))
                break;
        }
        if (at == &p || isHelper(*at))
            continue; // no browser above it in view
        // A browser's helpers are its own uid's: a process of another user cannot make its
        // parent (a daemon, a login) a "browser" by its arguments.
        if (!at->uid || at->uid != p.uid)
            continue;
        if (browsers.count(at->pid))
            continue;
        const std::string exe =
            at->cmdline.empty() || at->cmdline[0].empty() ? at->comm : baseName(at->cmdline[0]);
        Claim c = toolClaim(*at, "browser", exe);
        c.container.source = "browser";
        browsers.emplace(at->pid, std::move(c));
    }
    for (auto& [pid, c] : browsers)
        out.push_back(std::move(c));
}

void fromBwrap(const Context& ctx, std::vector<Claim>& out)
{
    static const std::map<std::string_view, int> kArity = {
        {"--args", 1},         {"--argv0", 1},
        {"--uid", 1},          {"--gid", 1},
        {"--hostname", 1},     {"--chdir", 1},
        {"--setenv", 2},       {"--unsetenv", 1},
        {"--lock-file", 1},    {"--sync-fd", 1},
        {"--bind", 2},         {"--bind-try", 2},
        {"--dev-bind", 2},     {"--dev-bind-try", 2},
        {"--ro-bind", 2},      {"--ro-bind-try", 2},
        {"--remount-ro", 1},   {"--exec-label", 1},
        {"--file-label", 1},   {"--proc", 1},
        {"--dev", 1},          {"--tmpfs", 1},
        {"--mqueue", 1},       {"--dir", 1},
        {"--file", 2},         {"--bind-data", 2},
        {"--ro-bind-data", 2}, {"--symlink", 2},
        {"--seccomp", 1},      {"--add-seccomp-fd", 1},
        {"--block-fd", 1},     {"--userns-block-fd", 1},
        {"--info-fd", 1},      {"--json-status-fd", 1},
        {"--cap-add", 1},      {"--cap-drop", 1},
        {"--perms", 1},        {"--size", 1},
        {"--chmod", 2},        {"--userns", 1},
        {"--userns2", 1},      {"--pidns", 1},
        {"--overlay-src", 1},  {"--overlay", 3},
        {"--tmp-overlay", 1},  {"--ro-overlay", 1}};
    for (const Process& p : ctx.snap.processes) {
        if (p.comm != "bwrap" || parentHasComm(ctx, p, "bwrap"))
            continue;
        const auto cmd = commandOf(p.cmdline, kArity);
        out.push_back(toolClaim(p, "bwrap", cmd ? baseName(*cmd) : std::string("bwrap")));
    }
}

void fromUnshare(const Context& ctx, std::vector<Claim>& out)
{
    static const std::map<std::string_view, int> kArity = {
        {"-S", 1},          {"--setuid", 1},     {"-G", 1},
        {"--setgid", 1},    {"-R", 1},           {"--root", 1},
        {"-w", 1},          {"--wd", 1},         {"--propagation", 1},
        {"--setgroups", 1}, {"--map-user", 1},   {"--map-group", 1},
        {"--map-users", 1}, {"--map-groups", 1}, {"--monotonic", 1},
        {"--boottime", 1}};
    for (const Process& p : ctx.snap.processes) {
        if (p.comm != "unshare" || parentHasComm(ctx, p, "unshare"))
            continue;
        const auto cmd = commandOf(p.cmdline, kArity);
        out.push_back(toolClaim(p, "unshare", cmd ? baseName(*cmd) : std::string("unshare")));
    }
}

} // namespace nsx::backend::containers
