// Sources 1 and 3-6 of sources.h: the engines' APIs (EngineDirectory), containerd's task
// bundles, docker's config.v2.json, podman's conmon and the containerd shim's command lines.
#include "config_json.h"
#include "engine_directory.h"
#include "safe_read.h"
#include "sources.h"

namespace nsx::backend::containers {

namespace {

const std::string kTaskDir = "/run/containerd/io.containerd.runtime.v2.task";
const std::string kDockerDir = "/var/lib/docker/containers";

// A container id as a path component: no '/', no dot names, not empty, not huge.
bool safeComponent(std::string_view s)
{
    return !s.empty() && s.size() <= 128 && s != "." && s != ".." &&
           s.find('/') == std::string_view::npos && s.find('\0') == std::string_view::npos;
}

std::optional<std::string> labelOf(const Container& c, std::string_view key)
{
    for (const auto& [k, v] : c.labels)
        if (k == key)
            return v;
    return std::nullopt;
}

// As Toolbx itself decides (IsToolboxContainer): either label "true", the one of Toolbx 0.0.90
// and later or the one that older versions put on their containers.
bool isToolbox(const Container& c)
{
    const std::optional<std::string> yes("true");
    return labelOf(c, "com.github.containers.toolbox") == yes ||
           labelOf(c, "com.github.debarshiray.toolbox") == yes;
}

// Reads /var/lib/docker/containers/ID/config.v2.json; `pid` gets State.Pid when running.
std::optional<Container> dockerConfig(const Context& ctx, const std::string& id, int* pid)
{
    if (!safeComponent(id))
        return std::nullopt;
    const std::string path = ctx.path(kDockerDir) + "/" + id + "/config.v2.json";
    std::string text;
    if (int err = readRegularFile(path, kMaxConfigBytes, text)) {
        if (err != ENOENT && err != EACCES && err != ENOTDIR)
            ctx.problem(0, path, err == EFBIG ? "too big" : "not a regular file");
        return std::nullopt;
    }
    json::Value v;
    std::string why;
    if (!parseConfig(text, v, why)) {
        ctx.problem(0, path, why);
        return std::nullopt;
    }
    Container c;
    c.engine = "docker";
    c.id = cleanName(id);
    c.key = "docker:" + c.id;
    std::string name = stringMember(&v, "Name").value_or(std::string());
    if (!name.empty() && name[0] == '/')
        name.erase(0, 1);
    c.name = name.empty() ? c.id.substr(0, 12) : name;
    const json::Value* config = member(&v, "Config");
    c.image = stringMember(config, "Image");
    c.labels = stringMap(member(config, "Labels"));
    c.project = labelOf(c, "com.docker.compose.project");
    c.source = "config.v2.json";
    const json::Value* state = member(&v, "State");
    const json::Value* running = member(state, "Running");
    if (pid && running && running->kind == json::Value::Kind::Bool && running->boolean)
        if (auto p = intMember(state, "Pid"); p && *p > 0)
            *pid = *p;
    return c;
}

void childrenAsRoots(const Context& ctx, int pid, Claim& claim)
{
    if (auto it = ctx.children.find(pid); it != ctx.children.end())
        for (int child : it->second) {
            claim.roots.push_back(child);
            if (!claim.container.pid)
                claim.container.pid = child;
        }
}

} // namespace

void fromEngineApi(const Context& ctx, std::vector<Claim>& out)
{
    for (const EngineContainer& e : EngineDirectory::shared().current()) {
        const Process* init = e.pid > 0 ? ctx.process(e.pid) : nullptr;
        if (!init || e.container.key.empty())
            continue;
        // The pid still names the process the engine meant only if it started when that one
        // did: a pid reused since the cache's last refresh (up to 5 s ago) inherits nothing.
        if (e.startTime == 0 || init->startTime != e.startTime)
            continue;
        Claim c;
        c.container = e.container;
        c.container.name = cleanName(c.container.name);
        c.container.pid = e.pid;
        if (c.container.source.empty())
            c.container.source = "api";
        // toolbox and distrobox are podman (distrobox: or docker) containers with their labels;
        // the key stays the engine's, as conmon's and the shim's fallbacks make it.
        if (isToolbox(c.container))
            c.container.engine = "toolbox";
        else if (labelOf(c.container, "manager") == std::optional<std::string>("distrobox"))
            c.container.engine = "distrobox";
        if (!c.container.project)
            c.container.project = labelOf(c.container, "com.docker.compose.project");
        c.roots.push_back(e.pid);
        out.push_back(std::move(c));
    }
}

void fromContainerdBundles(const Context& ctx, std::vector<Claim>& out)
{
    const std::string base = ctx.path(kTaskDir);
    for (const std::string& ns : listDirectory(base)) {
        if (!safeComponent(ns))
            continue;
        for (const std::string& id : listDirectory(base + "/" + ns)) {
            if (!safeComponent(id))
                continue;
            const std::string dir = base + "/" + ns + "/" + id;
            std::string text;
            if (readRegularFile(dir + "/init.pid", 64, text))
                continue;
            const int pid = std::atoi(text.c_str());
            if (pid <= 0 || !ctx.process(pid))
                continue;
            Claim c;
            c.roots.push_back(pid);
            c.container.pid = pid;
            if (ns == "moby")
                if (auto d = dockerConfig(ctx, id, nullptr)) {
                    c.container = std::move(*d);
                    c.container.pid = pid;
                    out.push_back(std::move(c));
                    continue;
                }
            c.container.id = cleanName(id);
            c.container.name = c.container.id.substr(0, 12);
            c.container.engine = ns == "moby" ? "docker" : "containerd";
            c.container.source = "bundle";
            std::string config;
            if (int err = readRegularFile(dir + "/config.json", kMaxConfigBytes, config);
                err && err != ENOENT)
                ctx.problem(pid, dir + "/config.json", err == EFBIG ? "too big" : "unreadable");
            json::Value v;
            std::string why;
            if (!config.empty() && !parseConfig(config, v, why)) {
                ctx.problem(pid, dir + "/config.json", why);
                v = json::Value{};
            }
            const json::Value* ann = member(&v, "annotations");
            const auto type = stringMember(ann, "io.kubernetes.cri.container-type");
            const auto pod = stringMember(ann, "io.kubernetes.cri.sandbox-name");
            if (type || pod) {
                c.container.engine = "kubernetes";
                c.container.pod = pod;
                c.container.podNamespace = stringMember(ann, "io.kubernetes.cri.sandbox-namespace");
                c.container.image = stringMember(ann, "io.kubernetes.cri.image-name");
                if (auto name = stringMember(ann, "io.kubernetes.cri.container-name"))
                    c.container.name = *name;
                else if (type == std::optional<std::string>("sandbox") && pod)
                    c.container.name = *pod; // the pause container holds the pod's namespaces
            }
            c.container.labels = stringMap(ann);
            c.container.key = c.container.engine + ":" + c.container.id;
            out.push_back(std::move(c));
        }
    }
}

void fromDockerConfigs(const Context& ctx, std::vector<Claim>& out)
{
    for (const std::string& id : listDirectory(ctx.path(kDockerDir))) {
        int pid = 0;
        std::optional<Container> d = dockerConfig(ctx, id, &pid);
        if (!d || pid <= 0 || !ctx.process(pid))
            continue;
        Claim c;
        c.container = std::move(*d);
        c.container.pid = pid;
        c.roots.push_back(pid);
        out.push_back(std::move(c));
    }
}

void fromConmon(const Context& ctx, std::vector<Claim>& out)
{
    for (const Process& p : ctx.snap.processes) {
        if (p.comm != "conmon" || p.cmdline.empty())
            continue;
        const auto id = optionValue(p.cmdline, "--cid", "-c");
        if (!id)
            continue;
        Claim c;
        c.container.id = cleanName(*id);
        const auto name = optionValue(p.cmdline, "--name", "-n");
        c.container.name = name ? cleanName(*name) : c.container.id.substr(0, 12);
        // podman hands conmon the command to run when the container exits; CRI-O does not.
        bool podman = false;
        for (const std::string& a : p.cmdline)
            if (a == "--exit-command-arg" || a.rfind("--exit-command", 0) == 0)
                podman = true;
        c.container.engine = podman ? "podman" : "cri-o";
        c.container.key = c.container.engine + ":" + c.container.id;
        c.container.source = "conmon";
        c.by = p.pid;
        childrenAsRoots(ctx, p.pid, c);
        if (!c.roots.empty())
            out.push_back(std::move(c));
    }
}

void fromShim(const Context& ctx, std::vector<Claim>& out)
{
    for (const Process& p : ctx.snap.processes) {
        if (p.comm.rfind("containerd-shim", 0) != 0 || p.cmdline.empty())
            continue;
        const auto id = optionValue(p.cmdline, "-id");
        if (!id)
            continue;
        const std::string ns = optionValue(p.cmdline, "-namespace").value_or(std::string());
        Claim c;
        // docker's description of that id only for root's shim: another user's process can
        // copy a running container's id into its command line.
        std::optional<Container> d = ns == "moby" && p.uid == std::optional<std::uint32_t>(0)
                                         ? dockerConfig(ctx, *id, nullptr)
                                         : std::nullopt;
        if (d) {
            c.container = std::move(*d);
        } else {
            c.container.id = cleanName(*id);
            c.container.name = c.container.id.substr(0, 12);
            c.container.engine = ns == "moby"     ? "docker"
                                 : ns == "k8s.io" ? "kubernetes"
                                                  : "containerd";
            c.container.key = c.container.engine + ":" + c.container.id;
        }
        c.container.source = d ? "config.v2.json" : "shim";
        c.by = p.pid;
        childrenAsRoots(ctx, p.pid, c);
        if (!c.roots.empty())
            out.push_back(std::move(c));
    }
}

} // namespace nsx::backend::containers
