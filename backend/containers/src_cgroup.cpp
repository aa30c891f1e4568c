// Sources 15 and 16 of sources.h: what a process's cgroup path says (engines' scopes, LXC's
// payload cgroup, snaps, flatpak apps, systemd units) and ip netns names.
#include "safe_read.h"
#include "sources.h"

#include <algorithm>
#include <cctype>

namespace nsx::backend::containers {

namespace {

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

// systemd escapes unit name parts: "\x2d" for '-'.
std::string unescapeUnit(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 3]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 2, 2)), nullptr, 16));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

bool isHexId(std::string_view s)
{
    return s.size() >= 12 && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c));
           });
}

Claim make(std::string engine, std::string id, std::string name)
{
    Claim c;
    c.container.engine = std::move(engine);
    c.container.id = cleanName(id);
    c.container.name = cleanName(name);
    c.container.key = c.container.engine + ":" + c.container.id;
    c.container.source = "cgroup";
    return c;
}

// One path component, innermost first is tried by the caller.
std::optional<Claim> fromComponent(std::string_view part, std::string_view previous)
{
    if (startsWith(part, "lxc.payload.") && part.size() > 12) {
        const std::string name(part.substr(12));
        return make("lxc", name, name);
    }
    if (previous == "lxc.payload" && !part.empty())
        return make("lxc", std::string(part), std::string(part));
    if (startsWith(part, "docker-") && endsWith(part, ".scope") &&
        isHexId(part.substr(7, part.size() - 13)))
        return make("docker", std::string(part.substr(7, part.size() - 13)),
                    std::string(part.substr(7, 12)));
    if (previous == "docker" && isHexId(part))
        return make("docker", std::string(part), std::string(part.substr(0, 12)));
    if (startsWith(part, "libpod-") && endsWith(part, ".scope") &&
        !startsWith(part, "libpod-conmon-") && isHexId(part.substr(7, part.size() - 13)))
        return make("podman", std::string(part.substr(7, part.size() - 13)),
                    std::string(part.substr(7, 12)));
    if (startsWith(part, "cri-containerd-") && endsWith(part, ".scope") &&
        isHexId(part.substr(15, part.size() - 21)))
        return make("kubernetes", std::string(part.substr(15, part.size() - 21)),
                    std::string(part.substr(15, 12)));
    if (startsWith(part, "crio-") && endsWith(part, ".scope") &&
        isHexId(part.substr(5, part.size() - 11)))
        return make("cri-o", std::string(part.substr(5, part.size() - 11)),
                    std::string(part.substr(5, 12)));
    if (startsWith(part, "machine-") && endsWith(part, ".scope") && part.size() > 14) {
        const std::string name = unescapeUnit(part.substr(8, part.size() - 14));
        Claim c = make("systemd-nspawn", name, name);
        c.container.unit = cleanName(part);
        return c;
    }
    if (startsWith(part, "systemd-nspawn@") && endsWith(part, ".service") && part.size() > 23) {
        const std::string name = unescapeUnit(part.substr(15, part.size() - 23));
        Claim c = make("systemd-nspawn", name, name);
        c.container.unit = cleanName(part);
        return c;
    }
    if (startsWith(part, "snap.") && (endsWith(part, ".scope") || endsWith(part, ".service"))) {
        const std::string_view rest = part.substr(5);
        const std::size_t dot = rest.find('.');
        if (dot != std::string_view::npos && dot > 0) {
            const std::string name(rest.substr(0, dot));
            Claim c = make("snap", name, name);
            c.container.appId = c.container.name;
            c.container.unit = cleanName(part);
            return c;
        }
    }
    // app-flatpak-org.example.App-12345.scope
    if (startsWith(part, "app-flatpak-") && endsWith(part, ".scope")) {
        std::string_view rest = part.substr(12, part.size() - 18);
        const std::size_t dash = rest.rfind('-');
        if (dash != std::string_view::npos && dash > 0) {
            const std::string app = unescapeUnit(rest.substr(0, dash));
            Claim c = make("flatpak", app + "/" + std::string(rest.substr(dash + 1)), app);
            c.container.appId = c.container.name;
            c.container.unit = cleanName(part);
            return c;
        }
    }
    return std::nullopt;
}

// The user a cgroup path was delegated to ("…/user@1000.service/…"): below it that user makes
// cgroups of any name ("lxc.payload.web", "db.service"), so the names are theirs.
std::optional<std::uint32_t> delegatedTo(const std::optional<std::string>& path)
{
    if (!path)
        return std::nullopt;
    constexpr std::string_view kUser = "/user@";
    const std::size_t at = path->find(kUser);
    if (at == std::string::npos)
        return std::nullopt;
    const std::size_t from = at + kUser.size();
    const std::size_t dot = path->find(".service", from);
    if (dot == std::string::npos || dot == from || dot - from > 10)
        return std::nullopt;
    std::uint32_t uid = 0;
    for (std::size_t i = from; i < dot; ++i) {
        const char ch = (*path)[i];
        if (ch < '0' || ch > '9' || uid > (UINT32_MAX - 9) / 10)
            return std::nullopt;
        uid = uid * 10 + static_cast<std::uint32_t>(ch - '0');
    }
    return uid;
}

std::optional<Claim> fromCgroupPaths(const CgroupPaths& cg)
{
    // Engines and sandboxes first (innermost component first), on either hierarchy.
    for (const std::optional<std::string>* path : {&cg.unified, &cg.systemd}) {
        if (!*path)
            continue;
        std::vector<std::string_view> parts;
        std::string_view s = **path;
        while (!s.empty()) {
            const std::size_t slash = s.find('/');
            if (slash != 0)
                parts.push_back(s.substr(0, slash));
            if (slash == std::string_view::npos)
                break;
            s.remove_prefix(slash + 1);
        }
        for (std::size_t i = parts.size(); i-- > 0;)
            if (auto c = fromComponent(parts[i], i ? parts[i - 1] : std::string_view()))
                return c;
    }
    // Then the systemd unit: the innermost .service or .scope (name=systemd on a hybrid
    // hierarchy, where 0:: may not follow the units).
    const std::optional<std::string>& unitPath = cg.unitPath();
    if (!unitPath)
        return std::nullopt;
    std::string_view s = *unitPath;
    while (!s.empty() && s.back() == '/')
        s.remove_suffix(1);
    while (!s.empty()) {
        const std::size_t slash = s.rfind('/');
        const std::string_view part = slash == std::string_view::npos ? s : s.substr(slash + 1);
        if ((endsWith(part, ".service") || endsWith(part, ".scope")) && part != "init.scope") {
            const std::string unit = cleanName(part);
            Claim c = make("service", unit, unit);
            c.container.unit = unit;
            return c;
        }
        if (slash == std::string_view::npos)
            break;
        s = s.substr(0, slash);
    }
    return std::nullopt;
}

} // namespace

std::optional<Claim> fromCgroup(const CgroupPaths& cg)
{
    std::optional<Claim> c = fromCgroupPaths(cg);
    if (c) {
        auto user = delegatedTo(cg.unified);
        if (!user)
            user = delegatedTo(cg.systemd);
        if (user)
            scopeToUser(c->container, *user);
    }
    return c;
}

void fromNetns(const Context& ctx, std::vector<Claim>& out)
{
    for (const Namespace& ns : ctx.snap.namespaces) {
        if (ns.type != NsType::Net)
            continue;
        for (const Reference& r : ns.references) {
            if (r.kind != Reference::Kind::BindMount)
                continue;
            std::string_view p = r.path;
            if (startsWith(p, "/var/run/netns/"))
                p.remove_prefix(15);
            else if (startsWith(p, "/run/netns/"))
                p.remove_prefix(11);
            else
                continue;
            if (p.empty() || p.find('/') != std::string_view::npos)
                continue;
            const std::optional<std::uint32_t> owner = bindMountOwner(ctx, r);
            if (!owner)
                continue; // mounted where nobody can say by whom
            Claim c;
            c.container.engine = "netns";
            c.container.name = cleanName(p);
            c.container.id = c.container.name;
            c.container.key = "netns:" + c.container.id;
            c.container.source = "netns";
            c.namespaces.push_back({NsType::Net, ns.inode});
            scopeToUser(c.container, *owner);
            out.push_back(std::move(c));
            break;
        }
    }
}

} // namespace nsx::backend::containers
