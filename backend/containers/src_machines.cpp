// Sources 7 and 8 of sources.h: LXC's monitor and systemd-nspawn, by their command lines.
// (machined's Varlink socket, /run/systemd/machine/io.systemd.Machine, is not asked: nspawn's
// own command line names the machine the same way, without a blocking socket in a scan.)
#include "safe_read.h"
#include "sources.h"

namespace nsx::backend::containers {

namespace {

void childrenAsRoots(const Context& ctx, int pid, Claim& claim)
{
    if (auto it = ctx.children.find(pid); it != ctx.children.end())
        for (int child : it->second) {
            claim.roots.push_back(child);
            if (!claim.container.pid)
                claim.container.pid = child;
        }
}

std::string joined(const std::vector<std::string>& argv)
{
    std::string s;
    for (const std::string& a : argv) {
        if (!s.empty())
            s += ' ';
        s += a;
        if (s.size() > 4096)
            break;
    }
    return s;
}

} // namespace

void fromLxcMonitor(const Context& ctx, std::vector<Claim>& out)
{
    for (const Process& p : ctx.snap.processes) {
        if (p.cmdline.empty())
            continue;
        std::optional<std::string> name;
        // The monitor retitles itself "[lxc monitor] LXCPATH NAME".
        constexpr std::string_view kMonitor = "[lxc monitor] ";
        const bool monitor = p.cmdline[0].rfind("[lxc monitor]", 0) == 0;
        const std::string title = monitor ? joined(p.cmdline) : std::string();
        if (monitor && title.rfind(kMonitor, 0) == 0) {
            std::string_view rest = std::string_view(title).substr(kMonitor.size());
            while (!rest.empty() && rest.back() == ' ')
                rest.remove_suffix(1);
            const std::size_t space = rest.rfind(' ');
            if (space != std::string_view::npos)
                name = std::string(rest.substr(space + 1));
        } else if (p.comm == "lxc-start" || p.comm == "lxc-execute") {
            name = optionValue(p.cmdline, "--name", "-n");
        }
        if (!name || name->empty())
            continue;
        Claim c;
        c.container.engine = "lxc";
        c.container.name = cleanName(*name);
        c.container.id = c.container.name;
        c.container.key = "lxc:" + c.container.id;
        c.container.source = "cmdline";
        c.by = p.pid;
        childrenAsRoots(ctx, p.pid, c);
        if (!c.roots.empty())
            out.push_back(std::move(c));
    }
}

void fromNspawn(const Context& ctx, std::vector<Claim>& out)
{
    for (const Process& p : ctx.snap.processes) {
        if (p.comm != "systemd-nspawn" || p.cmdline.empty())
            continue;
        std::optional<std::string> name = optionValue(p.cmdline, "--machine", "-M");
        if (!name || name->empty())
            if (auto dir = optionValue(p.cmdline, "--directory", "-D"))
                name = baseName(*dir);
        if (!name || name->empty())
            if (auto image = optionValue(p.cmdline, "--image", "-i")) {
                name = baseName(*image);
                if (name->size() > 4 && name->substr(name->size() - 4) == ".raw")
                    name->resize(name->size() - 4);
            }
        if (!name || name->empty() || *name == "/")
            continue;
        Claim c;
        c.container.engine = "systemd-nspawn";
        c.container.name = cleanName(*name);
        c.container.id = c.container.name;
        c.container.key = "systemd-nspawn:" + c.container.id;
        c.container.source = "cmdline";
        c.by = p.pid;
        childrenAsRoots(ctx, p.pid, c);
        if (!c.roots.empty())
            out.push_back(std::move(c));
    }
}

} // namespace nsx::backend::containers
