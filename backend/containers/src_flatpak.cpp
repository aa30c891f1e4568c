// Source 9 of sources.h: flatpak. Two ways, both documented by flatpak:
//  - each user's instance directories, $XDG_RUNTIME_DIR/.flatpak/INSTANCE/ with bwrapinfo.json
//    ({"child-pid": N}) and info (a copy of .flatpak-info) — trusted only for processes of the
//    user who owns that runtime directory;
//  - /proc/PID/root/.flatpak-info inside the sandbox, read once per non-initial mount
//    namespace: opened relative to the process's root, O_NOFOLLOW (a symlink the app planted
//    is not followed), O_NONBLOCK and S_ISREG (a FIFO does not hang the scan).
#include "config_json.h"
#include "safe_read.h"
#include "sources.h"

#include <cerrno>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::backend::containers {

namespace {

struct FlatpakInfo
{
    std::optional<std::string> app, runtime, instance;
};

// The keyfile: [Application] name=, runtime=; [Runtime] name= (a bare runtime);
// [Instance] instance-id=.
FlatpakInfo parseInfo(std::string_view text)
{
    FlatpakInfo info;
    std::string_view section;
    std::optional<std::string> runtimeName;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line[0] == '#')
            continue;
        if (line.front() == '[' && line.back() == ']') {
            section = line.substr(1, line.size() - 2);
            continue;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos)
            continue;
        std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
        while (!key.empty() && key.back() == ' ')
            key.remove_suffix(1);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        if (value.empty())
            continue;
        if (section == "Application" && key == "name")
            info.app = cleanName(value);
        else if (section == "Application" && key == "runtime")
            info.runtime = cleanName(value);
        else if (section == "Runtime" && key == "name")
            runtimeName = cleanName(value);
        else if (section == "Instance" && key == "instance-id")
            info.instance = cleanName(value);
    }
    if (!info.app && runtimeName)
        info.app = runtimeName;
    return info;
}

bool makeClaim(const Context& ctx, const FlatpakInfo& info, int pid, const char* source,
               std::vector<Claim>& out)
{
    if (!info.app || info.app->empty())
        return false;
    Claim c;
    c.container.engine = "flatpak";
    c.container.name = *info.app;
    c.container.appId = info.app;
    c.container.image = info.runtime;
    c.container.id = info.instance ? *info.instance : *info.app + "/" + std::to_string(pid);
    c.container.key = "flatpak:" + c.container.id;
    c.container.pid = pid;
    c.container.source = source;
    c.roots.push_back(pid);
    c.by = pid;
    // flatpak's own bwrap above the sandbox belongs to it too.
    if (const Process* p = ctx.process(pid))
        if (const Process* parent = ctx.process(p->ppid); parent && parent->comm == "bwrap")
            c.roots.push_back(parent->pid);
    out.push_back(std::move(c));
    return true;
}

struct Fd
{
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

void fromInstances(const Context& ctx, std::vector<Claim>& out, std::set<std::uint64_t>& seenMnt)
{
    const std::string runUser = ctx.path("/run/user");
    for (const std::string& uidName : listDirectory(runUser)) {
        char* end = nullptr;
        const unsigned long uid = std::strtoul(uidName.c_str(), &end, 10);
        if (uidName.empty() || *end || uid > 0xFFFFFFFFul)
            continue;
        Fd user(::open((runUser + "/" + uidName).c_str(),
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (user.fd < 0)
            continue;
        Fd flatpak(::openat(user.fd, ".flatpak", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (flatpak.fd < 0)
            continue;
        for (const std::string& instance : listDirectory(runUser + "/" + uidName + "/.flatpak")) {
            if (instance.find('/') != std::string::npos || instance.size() > 64)
                continue;
            Fd dir(::openat(flatpak.fd, instance.c_str(),
                            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (dir.fd < 0)
                continue;
            std::string text;
            if (readRegularFileAt(dir.fd, "bwrapinfo.json", 65536, text))
                continue;
            json::Value v;
            std::string why;
            if (!parseConfig(text, v, why))
                continue;
            const auto pid = intMember(&v, "child-pid");
            const Process* p = pid ? ctx.process(*pid) : nullptr;
            // Only the owner's own processes: anyone can write their runtime directory.
            if (!p || !p->uid || *p->uid != uid)
                continue;
            if (readRegularFileAt(dir.fd, "info", 65536, text))
                continue;
            FlatpakInfo info = parseInfo(text);
            if (!info.instance)
                info.instance = cleanName(instance);
            if (makeClaim(ctx, info, *pid, "flatpak-instance", out) &&
                p->namespaces[index(NsType::Mnt)])
                seenMnt.insert(*p->namespaces[index(NsType::Mnt)]);
        }
    }
}

} // namespace

void fromFlatpak(const Context& ctx, std::vector<Claim>& out)
{
    std::set<std::uint64_t> seenMnt;
    fromInstances(ctx, out, seenMnt);
    // Every other non-initial mount namespace that bwrap made (flatpak always sandboxes with
    // bwrap; the launcher pass found who made it): its oldest member's root.
    const auto& initialMnt = ctx.initial[index(NsType::Mnt)];
    const auto byBwrap = [&](const Namespace& ns, int oldest) {
        if (ns.launcher && (ns.launcher->kind == "bwrap" || ns.launcher->kind == "flatpak"))
            return true;
        const Process* p = ctx.process(oldest);
        for (int up = 0; p && up < 3; ++up, p = ctx.process(p->ppid))
            if (p->comm == "bwrap")
                return true;
        return false;
    };
    for (const Namespace& ns : ctx.snap.namespaces) {
        if (ns.type != NsType::Mnt || ns.processes.empty() || ns.inode == initialMnt ||
            seenMnt.count(ns.inode))
            continue;
        const int pid = ctx.oldestMember(NsType::Mnt, ns.inode);
        if (pid <= 0 || ctx.procFd < 0 || !byBwrap(ns, pid))
            continue;
        const std::string rel = std::to_string(pid) + "/root";
        Fd root(::openat(ctx.procFd, rel.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (root.fd < 0)
            continue;
        std::string text;
        const int err = readRegularFileAt(root.fd, ".flatpak-info", 65536, text);
        if (err == EINVAL || err == EFBIG || err == ELOOP)
            ctx.problem(pid, ctx.procRoot + "/" + rel + "/.flatpak-info",
                        err == EFBIG   ? "too big"
                        : err == ELOOP ? "a symlink, not followed"
                                       : "not a regular file");
        if (err)
            continue;
        // The topmost process of that namespace is the sandbox's init.
        int top = pid;
        for (int guard = 0; guard < 64; ++guard) {
            const Process* p = ctx.process(top);
            const Process* parent = p ? ctx.process(p->ppid) : nullptr;
            if (!parent || parent->namespaces[index(NsType::Mnt)] != ns.inode)
                break;
            top = parent->pid;
        }
        makeClaim(ctx, parseInfo(text), top, "flatpak-info", out);
    }
}

} // namespace nsx::backend::containers
