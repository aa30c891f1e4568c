#include "netmap.h"

#include "printable.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace nsx::backend::netmap {

namespace {

std::string portId(std::uint64_t inode, const NetInterface& itf)
{
    return cardId(inode) + "/" + (itf.index ? std::to_string(*itf.index) : "name:" + itf.name);
}

bool isLoopback(const NetInterface& itf)
{
    return itf.name == "lo" && (!itf.kind || itf.kind->empty());
}

// A name a user recognises: the container, else the netns name of a bind mount under
// /run/netns, else the hostname of its processes' UTS namespace, else its launcher.
std::string titleOf(const Snapshot& s, const Namespace& ns, bool initial)
{
    if (ns.container)
        if (const Container* c = s.findContainer(*ns.container))
            return containerTitle(*c);
    for (const Reference& r : ns.references)
        if (r.kind == Reference::Kind::BindMount && r.path.rfind("/run/netns/", 0) == 0)
            return "netns: " + r.path.substr(11);
    if (initial)
        return "host: " + s.hostname;
    for (int pid : ns.processes) {
        const Process* p = s.findProcess(pid);
        if (!p)
            continue;
        if (const auto uts = p->namespaces[index(NsType::Uts)])
            if (const Namespace* u = s.findNamespace(NsType::Uts, *uts))
                if (u->details.hostname && *u->details.hostname != s.hostname)
                    return *u->details.hostname;
        break;
    }
    if (ns.launcher)
        return ns.launcher->kind + ": " + ns.launcher->comm;
    if (!ns.processes.empty())
        if (const Process* p = s.findProcess(ns.processes.front()))
            return p->comm;
    return "net " + std::to_string(ns.inode);
}

std::string dotEscape(std::string_view raw)
{
    // Inside an HTML-like label: entities for the markup characters; displayString() makes
    // control bytes and invalid UTF-8 visible (\xHH).
    std::string out;
    for (char c : displayString(raw)) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string dotQuoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

// "net:1/7" -> node "net:1", port "p7" (ports are named by their position in the card).
std::string endpoint(const Graph& g, const std::string& id)
{
    if (id == kOutsideId)
        return dotQuoted(id);
    const auto it = g.portIndex.find(id);
    if (it == g.portIndex.end())
        return dotQuoted(id);
    return dotQuoted(g.cards[it->second.first].id) + ":\"p" + std::to_string(it->second.second) +
           "\"";
}

} // namespace

std::string cardId(std::uint64_t inode)
{
    return "net:" + std::to_string(inode);
}

std::optional<std::uint64_t> inodeOfCardId(const std::string& id)
{
    if (id.rfind("net:", 0) != 0 || id.size() == 4 || id.find('/') != std::string::npos)
        return std::nullopt;
    try {
        std::size_t used = 0;
        const std::uint64_t v = std::stoull(id.substr(4), &used);
        if (used != id.size() - 4)
            return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

const char* toString(Wire::Kind kind)
{
    switch (kind) {
    case Wire::Kind::Veth:
        return "veth";
    case Wire::Kind::Master:
        return "master";
    case Wire::Kind::Lower:
        return "lower";
    case Wire::Kind::Uplink:
        return "uplink";
    }
    return "?";
}

const Card* Graph::findCard(const std::string& id) const
{
    const auto inode = inodeOfCardId(id);
    if (!inode)
        return nullptr;
    const auto it = std::lower_bound(cards.begin(), cards.end(), *inode,
                                     [](const Card& c, std::uint64_t i) { return c.inode < i; });
    return it != cards.end() && it->inode == *inode ? &*it : nullptr;
}

Graph buildGraph(const Snapshot& s, const Options& options)
{
    Graph g;
    const auto initial = initialNamespaces(s)[index(NsType::Net)];
    // Every interface of every namespace by (inode, ifindex) and (inode, name), loopback too:
    // a wire may end on a port that is not shown (then it is not drawn).
    std::map<std::pair<std::uint64_t, int>, std::string> byIndex;
    std::map<std::pair<std::uint64_t, std::string>, std::string> byName;
    for (const Namespace& ns : s.namespaces) {
        if (ns.type != NsType::Net)
            continue;
        Card c;
        c.id = cardId(ns.inode);
        c.inode = ns.inode;
        c.nsId = ns.id;
        c.initial = initial && *initial == ns.inode;
        c.title = titleOf(s, ns, c.initial);
        c.subtitle = "net " + std::to_string(ns.inode);
        c.processes = int(ns.processes.size());
        if (ns.details.defaultRoutes)
            for (const NetRoute& r : *ns.details.defaultRoutes)
                c.routes.push_back("default " + (r.gateway ? "via " + *r.gateway + " " : "") +
                                   "dev " + r.device);
        if (ns.details.interfaces)
            for (const NetInterface& itf : *ns.details.interfaces) {
                const std::string id = portId(ns.inode, itf);
                if (itf.index)
                    byIndex[{ns.inode, *itf.index}] = id;
                byName[{ns.inode, itf.name}] = id;
                const bool lo = isLoopback(itf);
                if (lo && !options.loopback)
                    continue;
                Port p;
                p.id = id;
                p.name = itf.name;
                p.kind = itf.kind ? *itf.kind : "?";
                p.up = itf.up;
                p.loopback = lo;
                p.mac = itf.mac;
                p.mtu = itf.mtu;
                p.addresses = itf.addresses;
                p.servedBy = itf.servedBy;
                if (!lo)
                    c.addresses.insert(c.addresses.end(), itf.addresses.begin(),
                                       itf.addresses.end());
                c.ports.push_back(std::move(p));
            }
        g.cards.push_back(std::move(c));
    }
    std::sort(g.cards.begin(), g.cards.end(),
              [](const Card& a, const Card& b) { return a.inode < b.inode; });
    for (int ci = 0; ci < int(g.cards.size()); ++ci)
        for (int pi = 0; pi < int(g.cards[ci].ports.size()); ++pi)
            g.portIndex[g.cards[ci].ports[pi].id] = {ci, pi};

    std::set<std::pair<std::string, std::string>> seen;
    const auto add = [&](Wire::Kind kind, const std::string& from, const std::string& to) {
        if (from == to)
            return;
        const auto key = std::minmax(from, to);
        if (!seen.insert(key).second)
            return;
        const auto card = [&](const std::string& id) -> std::string {
            if (id == kOutsideId)
                return id;
            const auto it = g.portIndex.find(id);
            return it == g.portIndex.end() ? std::string() : g.cards[it->second.first].id;
        };
        Wire w{kind, from, to, card(from), card(to)};
        if (w.fromCard.empty() || w.toCard.empty())
            return; // an end that is not drawn (loopback hidden, a namespace we could not see)
        if (to == kOutsideId)
            g.hasOutside = true;
        g.wires.push_back(std::move(w));
    };
    for (const Namespace& ns : s.namespaces) {
        if (ns.type != NsType::Net || !ns.details.interfaces)
            continue;
        for (const NetInterface& itf : *ns.details.interfaces) {
            const std::string id = portId(ns.inode, itf);
            if (itf.master)
                if (const auto it = byName.find({ns.inode, *itf.master}); it != byName.end())
                    add(Wire::Kind::Master, id, it->second);
            const std::string kind = itf.kind.value_or("?");
            if (itf.link && itf.link->ifindex > 0) {
                const std::uint64_t other = itf.link->netns.value_or(ns.inode);
                std::string peer;
                if (const auto it = byIndex.find({other, itf.link->ifindex}); it != byIndex.end())
                    peer = it->second;
                else if (itf.link->name)
                    if (const auto jt = byName.find({other, *itf.link->name}); jt != byName.end())
                        peer = jt->second;
                if (!peer.empty())
                    add(kind == "veth" ? Wire::Kind::Veth : Wire::Kind::Lower, id, peer);
            }
            if (itf.kind && itf.kind->empty() && !isLoopback(itf))
                add(Wire::Kind::Uplink, id, kOutsideId);
        }
    }
    return g;
}

std::string toDot(const Graph& g)
{
    std::string out = "graph netmap {\n"
                      "  graph [rankdir=LR, fontname=\"sans-serif\", nodesep=0.3, ranksep=0.8];\n"
                      "  node [shape=plaintext, fontname=\"sans-serif\", fontsize=10];\n"
                      "  edge [fontname=\"sans-serif\", fontsize=9];\n";
    if (g.hasOutside)
        out += "  \"outside\" [shape=ellipse, style=dashed, label=\"outside\"];\n";
    for (const Card& c : g.cards) {
        std::string label = "<<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" "
                            "cellpadding=\"3\" bgcolor=\"#eef4fb\" color=\"" +
                            std::string(kNetColor) + "\">";
        label += "<tr><td bgcolor=\"" + std::string(kNetColor) + "\"><font color=\"white\"><b>" +
                 dotEscape(c.title) + "</b></font></td></tr>";
        label += "<tr><td><font point-size=\"8\">" + dotEscape(c.subtitle) + "</font></td></tr>";
        for (std::size_t i = 0; i < c.ports.size(); ++i) {
            const Port& p = c.ports[i];
            std::string text = dotEscape(p.name);
            if (!p.kind.empty() && p.kind != "?")
                text += " (" + dotEscape(p.kind) + ")";
            for (const std::string& a : p.addresses)
                text += "<br/><font point-size=\"8\">" + dotEscape(a) + "</font>";
            label += "<tr><td port=\"p" + std::to_string(i) + "\" align=\"left\">" +
                     (p.up ? "" : "<font color=\"gray45\">") + text + (p.up ? "" : "</font>") +
                     "</td></tr>";
        }
        for (const std::string& r : c.routes)
            label += "<tr><td align=\"left\"><font point-size=\"8\">" + dotEscape(r) +
                     "</font></td></tr>";
        label += "</table>>";
        out += "  " + dotQuoted(c.id) + " [label=" + label + "];\n";
    }
    for (const Wire& w : g.wires) {
        out += "  " + endpoint(g, w.from) + " -- " + endpoint(g, w.to);
        switch (w.kind) {
        case Wire::Kind::Veth:
            out += " [penwidth=2]";
            break;
        case Wire::Kind::Master:
            out += " [style=bold, color=\"" + std::string(kNetColor) + "\"]";
            break;
        case Wire::Kind::Lower:
            out += " [style=dashed]";
            break;
        case Wire::Kind::Uplink:
            out += " [style=dotted]";
            break;
        }
        out += ";\n";
    }
    out += "}\n";
    return out;
}

std::string toJson(const Graph& g)
{
    using nlohmann::json;
    json cards = json::array();
    for (const Card& c : g.cards) {
        json ports = json::array();
        for (const Port& p : c.ports) {
            json jp = {{"id", p.id},
                       {"name", p.name},
                       {"kind", p.kind},
                       {"up", p.up},
                       {"loopback", p.loopback},
                       {"addresses", p.addresses},
                       {"servedBy", p.servedBy}};
            jp["mac"] = p.mac ? json(*p.mac) : json();
            jp["mtu"] = p.mtu ? json(*p.mtu) : json();
            ports.push_back(std::move(jp));
        }
        json jc = {{"id", c.id},           {"inode", c.inode},         {"title", c.title},
                   {"initial", c.initial}, {"processes", c.processes}, {"addresses", c.addresses},
                   {"routes", c.routes},   {"ports", std::move(ports)}};
        jc["nsId"] = c.nsId ? json(*c.nsId) : json();
        cards.push_back(std::move(jc));
    }
    json wires = json::array();
    for (const Wire& w : g.wires)
        wires.push_back({{"kind", toString(w.kind)},
                         {"from", w.from},
                         {"to", w.to},
                         {"fromCard", w.fromCard},
                         {"toCard", w.toCard}});
    json root = {
        {"cards", std::move(cards)}, {"wires", std::move(wires)}, {"outside", g.hasOutside}};
    // Names are raw kernel bytes: invalid UTF-8 becomes U+FFFD rather than an exception.
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace nsx::backend::netmap
