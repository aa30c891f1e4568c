// nsexplorer-cli snapshot | list | tree | diff.
#include "cli_common.h"
#include "cli_i18n.h"
#include "detail_fields.h"
#include "diff.h"
#include "json_value.h"
#include "netmap.h"
#include "snapshot_io.h"
#include "translate_noop.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::cli {

using namespace nsx::backend;

namespace {

constexpr const char* kSnapshotUsage = QT_TRANSLATE_NOOP("nsexplorer-cli", R"(Usage:
 nsexplorer-cli snapshot [options]

Write a snapshot of every namespace, from the live system or from a saved snapshot.

Options:
 -o, --output FILE      write to FILE instead of standard output; with --format csv the
                        namespaces go to FILE with "-namespaces" before its extension
                        (to standard output and other streams: both, a blank line apart)
     --from FILE        convert a saved snapshot instead of scanning ("-": stdin)
     --format FORMAT    json (default), csv or dot
     --no-details       leave out per-namespace details (no setns, faster)
 -h, --help             display this help
)");

constexpr const char* kListUsage = QT_TRANSLATE_NOOP("nsexplorer-cli", R"(Usage:
 nsexplorer-cli list [options]

One line per namespace: NS TYPE NPROCS PID USER HOLDERS NAME COMMAND. PID, USER and COMMAND
are those of the lowest pid in it; HOLDERS says what keeps it alive (procs, threads,
bind:PATH, fd:PID/FD, owner-only); NAME is the container, sandbox, app or service it belongs
to, as "engine: name" (docker: nsx-dock), empty when none.

Options:
 -t, --type TYPE        only namespaces of TYPE (cgroup, ipc, mnt, net, pid, time, user, uts)
 -J, --json             JSON output
     --from FILE        read a saved snapshot instead of scanning ("-": stdin)
 -h, --help             display this help
)");

constexpr const char* kTreeUsage = QT_TRANSLATE_NOOP("nsexplorer-cli", R"(Usage:
 nsexplorer-cli tree [options]

The user-namespace ownership tree with the namespaces each one owns, and the PID-namespace
nesting with the processes in each. Without --type both are shown.

Options:
 -t, --type user|pid    only one of the two trees
     --from FILE        read a saved snapshot instead of scanning ("-": stdin)
 -h, --help             display this help
)");

constexpr const char* kMapUsage = QT_TRANSLATE_NOOP("nsexplorer-cli", R"(Usage:
 nsexplorer-cli map [options]

The network topology: one card per network namespace with its interfaces, wires for veth
pairs, bridge ports, macvlan/vlan/vxlan lower devices and physical NICs (to "outside").

Options:
 -f, --format dot|svg|json
                        DOT text (default), SVG drawn by Graphviz, or the graph as JSON
 -o, --output FILE      write to FILE instead of standard output
     --loopback         show loopback interfaces too
     --from FILE        read a saved snapshot instead of scanning ("-": stdin)
 -h, --help             display this help
)");

constexpr const char* kDiffUsage = QT_TRANSLATE_NOOP("nsexplorer-cli", R"(Usage:
 nsexplorer-cli diff [options] OLD NEW

Compare two snapshot files; one of them may be "-", standard input. Namespaces match by
(type, inode), processes by (pid, start time): a reused pid is a removal and an addition.
Exit status: 0 same, 1 different, 2 trouble.

Options:
 -J, --json             the difference as JSON (see snapshot-format.md)
 -h, --help             display this help
)");

enum LongOnly
{
    OptFrom = 256,
    OptFormat,
    OptNoDetails,
    OptLoopback
};

std::optional<NsType> parseType(std::string_view cmd, const char* arg, bool userOrPidOnly)
{
    auto t = nsTypeFromString(arg);
    if (userOrPidOnly) {
        if (!t || (*t != NsType::User && *t != NsType::Pid))
            throw UsageError{
                std::string(cmd) + ": " +
                cli::arg(translate("nsexplorer-cli", "invalid --type '%1' (expected user or pid)"),
                         {displayString(arg)})};
    } else if (!t) {
        throw UsageError{std::string(cmd) + ": " +
                         cli::arg(translate("nsexplorer-cli",
                                            "invalid --type '%1' (expected cgroup, ipc, mnt, net, "
                                            "pid, time, user or uts)"),
                                  {displayString(arg)})};
    }
    return t;
}

void noPositional(std::string_view cmd, int argc, char** argv)
{
    if (optind < argc)
        throw UsageError{std::string(cmd) + ": " +
                         arg(translate("nsexplorer-cli", "unexpected argument '%1'"),
                             {displayString(argv[optind])})};
}

// What a subcommand accepts. Besides -h/--help, which every command has, it may take the
// shared --from, -t/--type and -J/--json, and options of its own.
struct CommandSpec
{
    std::string_view name; // as in its error messages: "list: ..."
    const char* usage;
    bool from = false;
    enum class Type
    {
        None,
        Any,      // any namespace type
        UserOrPid // the two that nest
    } type = Type::None;
    bool json = false;
    bool positional = false;   // else an argument left over is a usage error
    std::vector<option> own{}; // long options of its own (without the terminating entry)
    std::string ownShort{};    // getopt letters of its own, e.g. "o:"
};

// The values of the shared options.
struct CommonOptions
{
    std::string from;
    std::optional<NsType> type;
    bool json = false;
};

// Reads argv for `spec` (getopt_long, from argv[1]): the shared options into `common`, the
// command's own through `own` (returns false for an option it does not take). Returns false when
// --help was written (the command then exits 0). A bad option, a missing value or a stray
// argument is a UsageError that names it; positional arguments, when allowed, start at optind.
bool parseOptions(const CommandSpec& spec, int argc, char** argv, CommonOptions& common,
                  const std::function<bool(int, const char*)>& own = {})
{
    std::vector<option> longOptions = spec.own;
    std::string shortOptions = ":" + spec.ownShort + "h";
    if (spec.type != CommandSpec::Type::None) {
        longOptions.push_back({"type", required_argument, nullptr, 't'});
        shortOptions += "t:";
    }
    if (spec.json) {
        longOptions.push_back({"json", no_argument, nullptr, 'J'});
        shortOptions += "J";
    }
    if (spec.from)
        longOptions.push_back({"from", required_argument, nullptr, OptFrom});
    longOptions.push_back({"help", no_argument, nullptr, 'h'});
    longOptions.push_back({nullptr, 0, nullptr, 0});

    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shortOptions.c_str(), longOptions.data(), nullptr)) != -1) {
        switch (c) {
        case 'h':
            writeStdout(translateMarked("nsexplorer-cli", spec.usage));
            return false;
        case 't':
            common.type = parseType(spec.name, optarg, spec.type == CommandSpec::Type::UserOrPid);
            break;
        case 'J':
            common.json = true;
            break;
        case OptFrom:
            common.from = optarg;
            break;
        default:
            if (c == '?' || c == ':' || !own || !own(c, optarg))
                badOption(spec.name, c, argv);
        }
    }
    if (!spec.positional)
        noPositional(spec.name, argc, argv);
    return true;
}

// "out.csv" -> "out-namespaces.csv"; "dir.d/out" -> "dir.d/out-namespaces".
std::string namespacesPath(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    const std::size_t base = slash == std::string::npos ? 0 : slash + 1;
    if (dot == std::string::npos || dot <= base)
        return path + "-namespaces";
    return path.substr(0, dot) + "-namespaces" + path.substr(dot);
}

// /dev/stdout, a fifo, a terminal: one stream, so both CSV sections go there, as to stdout.
bool isStream(const std::string& path)
{
    struct stat st
    {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bool stdoutIsTty()
{
    return ::isatty(STDOUT_FILENO) == 1;
}

std::size_t terminalWidth()
{
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

// Display width as code points (good enough for commands; wide CJK counts one).
std::size_t width(std::string_view s)
{
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string truncateTo(const std::string& s, std::size_t cols)
{
    if (width(s) <= cols)
        return s;
    if (cols == 0)
        return {};
    std::size_t seen = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (seen == cols - 1)
                break;
            ++seen;
        }
    }
    return s.substr(0, i) + "\u2026";
}

std::string padRight(const std::string& s, std::size_t w)
{
    const std::size_t n = width(s);
    return n >= w ? s : s + std::string(w - n, ' ');
}
std::string padLeft(const std::string& s, std::size_t w)
{
    const std::size_t n = width(s);
    return n >= w ? s : std::string(w - n, ' ') + s;
}

std::string userOf(const Process& p)
{
    if (p.user)
        return displayString(*p.user);
    if (p.uid)
        return std::to_string(*p.uid);
    return "-";
}

std::string join(const std::vector<std::string>& v, std::string_view sep)
{
    std::string s;
    for (const std::string& x : v)
        s += (s.empty() ? "" : std::string(sep)) + x;
    return s;
}

} // namespace

int runSnapshot(int argc, char** argv)
{
    const CommandSpec spec{.name = "snapshot",
                           .usage = kSnapshotUsage,
                           .from = true,
                           .own = {{"output", required_argument, nullptr, 'o'},
                                   {"format", required_argument, nullptr, OptFormat},
                                   {"no-details", no_argument, nullptr, OptNoDetails}},
                           .ownShort = "o:"};
    CommonOptions options;
    std::string output, format = "json";
    bool details = true;
    const bool go = parseOptions(spec, argc, argv, options, [&](int c, const char* arg) {
        switch (c) {
        case 'o':
            output = arg;
            return true;
        case OptFormat:
            format = arg;
            return true;
        case OptNoDetails:
            details = false;
            return true;
        default:
            return false;
        }
    });
    if (!go)
        return 0;
    if (format != "json" && format != "csv" && format != "dot")
        throw UsageError{
            "snapshot: " +
            arg(translate("nsexplorer-cli", "invalid --format '%1' (expected json, csv or dot)"),
                {displayString(format)})};
    if (!output.empty() && output != "-" && output == options.from)
        throw UsageError{"snapshot: " +
                         translate("nsexplorer-cli", "--output and --from name the same file")};

    // Where a one-shot spends its time, at debug level (issue 17): the scan logs its passes.
    const auto t0 = std::chrono::steady_clock::now();
    Snapshot s = obtainSnapshot(options.from, details);
    if (!details)
        for (Namespace& ns : s.namespaces)
            ns.details = {};
    const auto t1 = std::chrono::steady_clock::now();
    if (format == "json") {
        const std::string text = toJson(s);
        const auto t2 = std::chrono::steady_clock::now();
        writeFile(output.empty() ? "-" : output, text);
        const auto ms = [](auto a, auto b) {
            return std::chrono::duration<double, std::milli>(b - a).count();
        };
        spdlog::debug("snapshot: obtained in {:.2f} ms, JSON made in {:.2f} ms, written in {:.2f} "
                      "ms ({} bytes)",
                      ms(t0, t1), ms(t1, t2), ms(t2, std::chrono::steady_clock::now()),
                      text.size());
    } else if (format == "dot") {
        writeFile(output.empty() ? "-" : output, toDot(s));
    } else if (output.empty() || output == "-" || isStream(output)) {
        writeFile(output.empty() ? "-" : output, toCsvProcesses(s) + "\n" + toCsvNamespaces(s));
    } else {
        writeFile(output, toCsvProcesses(s));
        writeFile(namespacesPath(output), toCsvNamespaces(s));
    }
    return 0;
}

namespace {

// The NAME column: the namespace's container as "engine: name" (containerTitle); empty when it
// has none.
std::string containerName(const Snapshot& s, const Namespace& ns)
{
    const Container* c = ns.container ? s.findContainer(*ns.container) : nullptr;
    return c ? containerTitle(*c) : std::string();
}

} // namespace

int runList(int argc, char** argv)
{
    const CommandSpec spec{.name = "list",
                           .usage = kListUsage,
                           .from = true,
                           .type = CommandSpec::Type::Any,
                           .json = true};
    CommonOptions options;
    if (!parseOptions(spec, argc, argv, options))
        return 0;
    const Snapshot s = obtainSnapshot(options.from);
    const auto holders = holderLabels(s);
    struct Line
    {
        const Namespace* ns;
        const Process* first; // lowest pid, as lsns shows
        std::vector<std::string> holders;
    };
    std::vector<Line> lines;
    for (std::size_t i = 0; i < s.namespaces.size(); ++i) {
        const Namespace& ns = s.namespaces[i];
        if (options.type && ns.type != *options.type)
            continue;
        const Process* first = nullptr;
        for (int pid : ns.processes) // ascending: the first one found is the lowest
            if ((first = s.findProcess(pid)))
                break;
        lines.push_back({&ns, first, holders[i]});
    }

    if (options.json) {
        using json::Value;
        Value root = Value::makeObject();
        Value& list = root.add("namespaces", Value::makeArray());
        for (const Line& l : lines) {
            Value o = Value::makeObject();
            o.add("ns", Value::fromUint(l.ns->inode));
            o.add("type", Value::fromString(toString(l.ns->type)));
            o.add("nprocs", Value::fromUint(l.ns->processes.size()));
            o.add("pid", l.first ? Value::fromInt(l.first->pid) : Value::null());
            o.add("user", l.first && l.first->user ? Value::fromString(*l.first->user)
                          : l.first && l.first->uid
                              ? Value::fromString(std::to_string(*l.first->uid))
                              : Value::null());
            if (l.first) {
                std::string cmd;
                for (const std::string& a : l.first->cmdline)
                    cmd += (cmd.empty() ? "" : " ") + a;
                o.add("command", Value::fromString(cmd.empty() ? l.first->comm : cmd));
            } else {
                o.add("command", Value::null());
            }
            Value h = Value::makeArray();
            for (const std::string& x : l.holders)
                h.push(Value::fromString(x));
            o.add("holders", std::move(h));
            const Container* c = l.ns->container ? s.findContainer(*l.ns->container) : nullptr;
            o.add("name", c ? Value::fromString(containerName(s, *l.ns)) : Value::null());
            o.add("container", c ? Value::fromString(c->key) : Value::null());
            list.push(std::move(o));
        }
        writeStdout(json::write(root));
        return 0;
    }

    std::vector<std::array<std::string, 8>> rows;
    rows.push_back({"NS", "TYPE", "NPROCS", "PID", "USER", "HOLDERS", "NAME", "COMMAND"});
    for (const Line& l : lines) {
        std::vector<std::string> shown;
        for (const std::string& h : l.holders)
            shown.push_back(displayString(h));
        rows.push_back(
            {std::to_string(l.ns->inode), std::string(toString(l.ns->type)),
             std::to_string(l.ns->processes.size()), l.first ? std::to_string(l.first->pid) : "-",
             l.first ? userOf(*l.first) : "-", join(shown, ","),
             displayString(containerName(s, *l.ns)), l.first ? commandOf(*l.first) : "-"});
    }
    std::array<std::size_t, 8> w{};
    for (const auto& r : rows)
        for (std::size_t k = 0; k < 7; ++k)
            w[k] = std::max(w[k], width(r[k]));
    const bool tty = stdoutIsTty();
    const std::size_t cols = tty ? terminalWidth() : 0;
    std::string out;
    for (const auto& r : rows) {
        std::string line = padLeft(r[0], w[0]) + " " + padRight(r[1], w[1]) + " " +
                           padLeft(r[2], w[2]) + " " + padLeft(r[3], w[3]) + " " +
                           padRight(r[4], w[4]) + " " + padRight(r[5], w[5]) + " " +
                           padRight(r[6], w[6]) + " ";
        // Long commands are cut only for a person at a terminal; a pipe gets everything.
        const std::size_t used = width(line);
        line += tty ? truncateTo(r[7], cols > used + 10 ? cols - used : 10) : r[7];
        out += line + "\n";
    }
    writeStdout(out);
    return 0;
}

namespace {

struct TreeNode
{
    std::string label;
    std::vector<TreeNode> children;
};

constexpr std::size_t kMaxTreeDepth = 64; // the kernel allows 32 levels of user/pid nesting

void render(std::string& out, const TreeNode& node, const std::string& prefix, bool last, bool root,
            std::size_t depth)
{
    if (root)
        out += node.label + "\n";
    else
        out += prefix + (last ? "\u2514\u2500 " : "\u251c\u2500 ") + node.label + "\n";
    const std::string childPrefix = root ? "" : prefix + (last ? "   " : "\u2502  ");
    for (std::size_t i = 0; i < node.children.size(); ++i)
        render(out, node.children[i], childPrefix, i + 1 == node.children.size(), false, depth + 1);
}

TreeNode deeper()
{
    return {"\u2026 " + translate("nsexplorer-cli", "(deeper nesting not shown)"), {}};
}

// Marks everything below `children` as shown, so that the part cut off at kMaxTreeDepth does
// not come back as extra roots. Iterative: the chain may be as long as the file allows.
void markSubtree(std::set<std::size_t>& placed,
                 const std::map<std::uint64_t, std::vector<std::size_t>>& below,
                 const std::vector<std::size_t>& children, const Snapshot& s, NsType through)
{
    std::vector<std::size_t> todo = children;
    while (!todo.empty()) {
        const std::size_t i = todo.back();
        todo.pop_back();
        if (!placed.insert(i).second)
            continue;
        const Namespace& ns = s.namespaces[i];
        if (auto it = below.find(ns.inode); ns.type == through && it != below.end())
            todo.insert(todo.end(), it->second.begin(), it->second.end());
    }
}

std::string nsLabel(const Snapshot& s, const Namespace& ns, const std::vector<std::string>& h)
{
    std::string label = std::string(toString(ns.type)) + ":[" + std::to_string(ns.inode) + "]";
    if (ns.type == NsType::User && ns.ownerUid)
        label += " uid " + std::to_string(*ns.ownerUid);
    for (const auto& [field, text] : labelDetails(ns))
        label += " " + std::string(field->key) + " " +
                 (field->kind == DetailKind::Text ? "\"" + displayString(text) + "\"" : text);
    label += " " + std::to_string(ns.processes.size()) + " procs";
    if (!ns.processes.empty())
        if (const Process* p = s.findProcess(ns.processes.front()))
            label += " (" + std::to_string(p->pid) + " " + displayString(p->comm) + ")";
    std::vector<std::string> other;
    for (const std::string& x : h)
        if (x != "procs")
            other.push_back(displayString(x));
    if (!other.empty())
        label += " " + join(other, ",");
    return label;
}

// Builds one of the trees: a namespace's children are its `leaves` (a pid namespace's
// processes) and, for a namespace of type `through`, the namespaces `below` it (those a user
// namespace owns, a pid namespace's children), down to kMaxTreeDepth. `placed` records what is
// shown, so that what a cycle or a missing parent kept out can be shown as further roots.
struct NsTreeBuilder
{
    const Snapshot& s;
    const std::vector<std::vector<std::string>>& holders;
    const std::map<std::uint64_t, std::vector<std::size_t>>& below;
    NsType through;
    std::function<void(const Namespace&, TreeNode&)> leaves = {};
    std::set<std::size_t> placed = {};

    TreeNode build(std::size_t i, std::size_t depth)
    {
        placed.insert(i);
        const Namespace& ns = s.namespaces[i];
        TreeNode node{nsLabel(s, ns, holders[i]), {}};
        if (leaves)
            leaves(ns, node);
        if (ns.type != through)
            return node;
        if (auto it = below.find(ns.inode); it != below.end()) {
            if (depth >= kMaxTreeDepth) {
                node.children.push_back(deeper());
                markSubtree(placed, below, it->second, s, through);
                return node;
            }
            for (std::size_t k : it->second)
                if (!placed.count(k)) // a cycle in a hostile file
                    node.children.push_back(build(k, depth + 1));
        }
        return node;
    }
};

std::string userTree(const Snapshot& s)
{
    const auto holders = holderLabels(s);
    // owner inode -> indices of the namespaces it owns (a user namespace's owner is its
    // parent; fall back to parent when the owner could not be read).
    std::map<std::uint64_t, std::vector<std::size_t>> owned;
    std::set<std::uint64_t> users;
    for (const Namespace& ns : s.namespaces)
        if (ns.type == NsType::User)
            users.insert(ns.inode);
    std::vector<std::size_t> orphans;
    for (std::size_t i = 0; i < s.namespaces.size(); ++i) {
        const Namespace& ns = s.namespaces[i];
        std::optional<std::uint64_t> owner = ns.owner;
        if (ns.type == NsType::User && !owner)
            owner = ns.parent;
        if (owner && users.count(*owner) && !(ns.type == NsType::User && *owner == ns.inode))
            owned[*owner].push_back(i);
        else
            orphans.push_back(i);
    }
    NsTreeBuilder tree{s, holders, owned, NsType::User};
    std::string out;
    std::vector<std::size_t> others;
    for (std::size_t i : orphans) {
        if (s.namespaces[i].type == NsType::User)
            render(out, tree.build(i, 0), "", true, true, 0);
        else
            others.push_back(i);
    }
    // Whatever a cycle kept out of the trees above, and namespaces whose owner is unknown.
    for (std::size_t i = 0; i < s.namespaces.size(); ++i)
        if (!tree.placed.count(i) && s.namespaces[i].type == NsType::User)
            render(out, tree.build(i, 0), "", true, true, 0);
    TreeNode unknown{translate("nsexplorer-cli", "(owner not known)"), {}};
    for (std::size_t i : others)
        if (!tree.placed.count(i))
            unknown.children.push_back(tree.build(i, 0));
    for (std::size_t i = 0; i < s.namespaces.size(); ++i)
        if (!tree.placed.count(i))
            unknown.children.push_back(tree.build(i, 0));
    if (!unknown.children.empty())
        render(out, unknown, "", true, true, 0);
    return out;
}

std::string pidTree(const Snapshot& s)
{
    const auto holders = holderLabels(s);
    std::map<std::uint64_t, std::vector<std::size_t>> childNs;
    std::map<std::uint64_t, std::vector<const Process*>> procs;
    std::set<std::uint64_t> pidNs;
    for (const Namespace& ns : s.namespaces)
        if (ns.type == NsType::Pid)
            pidNs.insert(ns.inode);
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < s.namespaces.size(); ++i) {
        const Namespace& ns = s.namespaces[i];
        if (ns.type != NsType::Pid)
            continue;
        if (ns.parent && pidNs.count(*ns.parent) && *ns.parent != ns.inode)
            childNs[*ns.parent].push_back(i);
        else
            roots.push_back(i);
    }
    for (const Process& p : s.processes)
        if (auto inode = p.namespaces[index(NsType::Pid)])
            procs[*inode].push_back(&p);
    NsTreeBuilder tree{s, holders, childNs, NsType::Pid, [&](const Namespace& ns, TreeNode& node) {
                           auto it = procs.find(ns.inode);
                           if (it == procs.end())
                               return;
                           for (const Process* p : it->second) {
                               std::string label = std::to_string(p->pid);
                               if (p->nspid && p->nspid->size() > 1)
                                   label += " (" +
                                            arg(translate("nsexplorer-cli", "%1 inside"),
                                                {std::to_string(p->nspid->back())}) +
                                            ")";
                               node.children.push_back({label + " " + commandOf(*p), {}});
                           }
                       }};
    std::string out;
    for (std::size_t i : roots)
        render(out, tree.build(i, 0), "", true, true, 0);
    for (std::size_t i = 0; i < s.namespaces.size(); ++i)
        if (s.namespaces[i].type == NsType::Pid && !tree.placed.count(i))
            render(out, tree.build(i, 0), "", true, true, 0);
    return out;
}

} // namespace

int runTree(int argc, char** argv)
{
    const CommandSpec spec{
        .name = "tree", .usage = kTreeUsage, .from = true, .type = CommandSpec::Type::UserOrPid};
    CommonOptions options;
    if (!parseOptions(spec, argc, argv, options))
        return 0;
    const Snapshot s = obtainSnapshot(options.from);
    const std::optional<NsType>& type = options.type;
    std::string out;
    if (!type || *type == NsType::User)
        out += userTree(s);
    if (!type)
        out += "\n";
    if (!type || *type == NsType::Pid)
        out += pidTree(s);
    writeStdout(out);
    return 0;
}

int runDiff(int argc, char** argv)
{
    const CommandSpec spec{.name = "diff", .usage = kDiffUsage, .json = true, .positional = true};
    CommonOptions options;
    if (!parseOptions(spec, argc, argv, options))
        return 0;
    if (argc - optind < 2)
        throw UsageError{"diff: " +
                         translate("nsexplorer-cli", "expected two snapshot files, OLD and NEW")};
    if (argc - optind > 2)
        throw UsageError{"diff: " + arg(translate("nsexplorer-cli", "unexpected argument '%1'"),
                                        {displayString(argv[optind + 2])})};
    if (std::string_view(argv[optind]) == "-" && std::string_view(argv[optind + 1]) == "-")
        throw UsageError{"diff: " +
                         translate("nsexplorer-cli", "OLD and NEW cannot both be standard input")};
    // Like diff(1): trouble (an unreadable or bad file) is exit 2, not 1.
    const Snapshot before = obtainSnapshot(argv[optind], true, kExitUsage);
    const Snapshot after = obtainSnapshot(argv[optind + 1], true, kExitUsage);
    const SnapshotDiff d = diff(before, after);
    // The report's words in the user's language (context "DiffText"); its JSON never.
    writeStdout(options.json ? diffToJson(d) : diffToText(d, [](const char* marked) {
        return translateMarked("DiffText", marked);
    }));
    return d.empty() ? 0 : 1;
}

int runMap(int argc, char** argv)
{
    const CommandSpec spec{.name = "map",
                           .usage = kMapUsage,
                           .from = true,
                           .own = {{"output", required_argument, nullptr, 'o'},
                                   {"format", required_argument, nullptr, 'f'},
                                   {"loopback", no_argument, nullptr, OptLoopback}},
                           .ownShort = "o:f:"};
    CommonOptions options;
    std::string output = "-", format = "dot";
    netmap::Options mapOptions;
    const bool go = parseOptions(spec, argc, argv, options, [&](int c, const char* arg) {
        switch (c) {
        case 'o':
            output = arg;
            return true;
        case 'f':
            format = arg;
            return true;
        case OptLoopback:
            mapOptions.loopback = true;
            return true;
        default:
            return false;
        }
    });
    if (!go)
        return 0;
    if (format != "dot" && format != "svg" && format != "json")
        throw UsageError{
            "map: " +
            arg(translate("nsexplorer-cli", "invalid --format '%1' (expected dot, svg or json)"),
                {displayString(format)})};
    if (output != "-" && output == options.from)
        throw UsageError{"map: " +
                         translate("nsexplorer-cli", "--output and --from name the same file")};
    const netmap::Graph g = netmap::buildGraph(obtainSnapshot(options.from), mapOptions);
    std::string out;
    if (format == "json")
        out = netmap::toJson(g);
    else if (format == "dot")
        out = netmap::toDot(g);
    else
        try {
            out = netmap::render(netmap::toDot(g), "svg");
        } catch (const std::runtime_error& e) {
            throw RuntimeError{std::string("map: ") + e.what()};
        }
    writeFile(output, out);
    return 0;
}

} // namespace nsx::cli
