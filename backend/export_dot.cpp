// Graphviz DOT export (snapshot-format.md, "DOT"): user-namespace ownership with the
// namespaces each owns, and PID-namespace nesting. `dot -Tsvg` renders it.
#include "snapshot_io.h"

#include "detail_fields.h"
#include "json_value.h"

#include <map>
#include <set>
#include <vector>

namespace nsx::backend {

namespace {

// Inside a DOT quoted string only \" is an escape, but labels then interpret \n, \l, \N, \G
// and friends; so every backslash is doubled. Text that a terminal would not show
// (control bytes, invalid UTF-8, which graphviz rejects) goes through displayString(), whose
// \xHH then shows literally.
std::string dotString(std::string_view raw)
{
    std::string out = "\"";
    for (char c : displayString(raw)) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

std::string nodeId(NsType t, std::uint64_t inode)
{
    return "\"" + std::string(toString(t)) + ":" + std::to_string(inode) + "\"";
}

const char* shapeFor(NsType t)
{
    switch (t) {
    case NsType::User:
        return "box3d";
    case NsType::Pid:
        return "ellipse";
    default:
        return "box";
    }
}

} // namespace

std::string toDot(const Snapshot& snapshot)
{
    Snapshot sorted = snapshot;
    normalize(sorted);
    const auto holders = holderLabels(sorted);

    // Label: "net 4026531833", then what the reader needs to recognise it.
    const auto commOf = [&](int pid) -> std::string {
        const Process* p = sorted.findProcess(pid);
        return p ? p->comm : std::string();
    };
    std::string out;
    out += "digraph nsexplorer {\n";
    out += "  graph [rankdir=LR, fontname=\"sans-serif\", label=" +
           dotString("nsexplorer snapshot of " + sorted.hostname + " at " + sorted.takenAt) +
           "];\n";
    out += "  node [fontname=\"sans-serif\", fontsize=10];\n";
    out += "  edge [fontname=\"sans-serif\", fontsize=9];\n";

    std::set<std::pair<NsType, std::uint64_t>> known;
    for (std::size_t i = 0; i < sorted.namespaces.size(); ++i) {
        const Namespace& ns = sorted.namespaces[i];
        known.emplace(ns.type, ns.inode);
        // One entry per label line; each is escaped on its own so that a newline inside a
        // comm or a path shows as \x0a instead of breaking the label.
        std::vector<std::string> lines;
        lines.push_back(std::string(toString(ns.type)) + " " + std::to_string(ns.inode));
        if (ns.type == NsType::User && ns.ownerUid)
            lines.push_back("owner uid " + std::to_string(*ns.ownerUid));
        for (const auto& [field, text] : labelDetails(ns))
            lines.push_back(std::string(field->key) + " " + text);
        std::string procs = std::to_string(ns.processes.size()) + " procs";
        if (!ns.processes.empty()) {
            const std::string comm = commOf(ns.processes.front());
            procs += ", first " + std::to_string(ns.processes.front()) +
                     (comm.empty() ? "" : " (" + comm + ")");
        }
        lines.push_back(procs);
        for (const std::string& h : holders[i])
            if (h != "procs")
                lines.push_back(h);
        std::string escaped;
        for (const std::string& line : lines) {
            const std::string part = dotString(line);
            if (!escaped.empty())
                escaped += "\\n";
            escaped += part.substr(1, part.size() - 2);
        }
        out += "  " + nodeId(ns.type, ns.inode) + " [shape=" + shapeFor(ns.type) + ", label=\"" +
               escaped + "\"" + (ns.type == NsType::User ? ", style=bold" : "") + "];\n";
    }

    // Endpoints the snapshot names but does not describe (e.g. an owner the scanner could
    // not see) still get a node, so every edge has two ends with a meaning.
    std::set<std::pair<NsType, std::uint64_t>> unknown;
    const auto endpoint = [&](NsType t, std::uint64_t inode) {
        if (!known.count({t, inode}) && unknown.emplace(t, inode).second)
            out += "  " + nodeId(t, inode) + " [shape=" + shapeFor(t) + ", style=dashed, label=\"" +
                   std::string(toString(t)) + " " + std::to_string(inode) +
                   "\\n(not in snapshot)\"];\n";
    };

    for (const Namespace& ns : sorted.namespaces) {
        if (ns.type == NsType::User || ns.type == NsType::Pid) {
            if (ns.parent) {
                endpoint(ns.type, *ns.parent);
                out += "  " + nodeId(ns.type, *ns.parent) + " -> " + nodeId(ns.type, ns.inode) +
                       (ns.type == NsType::User ? " [label=\"parent\"];\n"
                                                : " [style=bold, label=\"nested\"];\n");
            }
        }
        // A user namespace's owner is its parent; that edge is drawn above already.
        if (ns.owner && !(ns.type == NsType::User && ns.parent && *ns.parent == *ns.owner)) {
            endpoint(NsType::User, *ns.owner);
            out += "  " + nodeId(NsType::User, *ns.owner) + " -> " + nodeId(ns.type, ns.inode) +
                   " [style=dashed, label=\"owns\"];\n";
        }
    }
    out += "}\n";
    return out;
}

} // namespace nsx::backend
