// Graphviz (libgvc) for the network map: rendering DOT text for the CLI and placing cards for
// the GUI. Graphviz keeps global state (its error buffer, the cgraph id discipline, plugin
// tables), so every call holds one mutex; the GUI calls layout() from a worker thread. The
// library is opened on first use (dyn_lib.h): commands that draw no map never load it.
#include "dyn_lib.h"
#include "netmap.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>
#include <stdexcept>

namespace nsx::backend::netmap {

namespace {

std::mutex& gvMutex()
{
    static std::mutex m;
    return m;
}

// Graphviz's functions (libgvc and the libcgraph it loads), bound on first use.
struct GvApi
{
    decltype(&::agseterr) seterr = nullptr;
    decltype(&::aglasterr) lasterr = nullptr;
    decltype(&::gvContext) context = nullptr;
    decltype(&::gvLayout) layout = nullptr;
    decltype(&::gvFreeLayout) freeLayout = nullptr;
    decltype(&::gvRenderData) renderData = nullptr;
    decltype(&::gvFreeRenderData) freeRenderData = nullptr;
    decltype(&::agopen) open = nullptr;
    decltype(&::agclose) close = nullptr;
    decltype(&::agmemread) memread = nullptr;
    decltype(&::agnode) node = nullptr;
    decltype(&::agedge) edge = nullptr;
    decltype(&::agsafeset) safeset = nullptr;
    Agdesc_t* undirected = nullptr;
    GVC_t* gvc = nullptr; // one context for the process: gvContext() reads the plugin configuration
    std::string error;    // why gvc is null
};

// Graphviz, loaded and given its context; throws (one line) when it cannot be. Under gvMutex().
const GvApi& gv()
{
    // Never destroyed: the GUI's layout job may still run while the process exits. Only the
    // soname of the ABI the headers describe; global, as when it was linked, for the plugins
    // gvContext() loads.
    static const GvApi& api = *[] {
        auto* made = new GvApi;
        GvApi& a = *made;
        static DynLib& lib = *new DynLib({"libgvc.so.6"}, /*global=*/true);
        const bool all =
            lib.bind(a.seterr, "agseterr") && lib.bind(a.lasterr, "aglasterr") &&
            lib.bind(a.context, "gvContext") && lib.bind(a.layout, "gvLayout") &&
            lib.bind(a.freeLayout, "gvFreeLayout") && lib.bind(a.renderData, "gvRenderData") &&
            lib.bind(a.freeRenderData, "gvFreeRenderData") && lib.bind(a.open, "agopen") &&
            lib.bind(a.close, "agclose") && lib.bind(a.memread, "agmemread") &&
            lib.bind(a.node, "agnode") && lib.bind(a.edge, "agedge") &&
            lib.bind(a.safeset, "agsafeset") && lib.bind(a.undirected, "Agundirected");
        if (!all) {
            a.error = lib.error();
            return made;
        }
        a.seterr(AGMAX); // no warnings on stderr; errors come back through aglasterr()
        a.gvc = a.context();
        if (!a.gvc)
            a.error = "gvContext() failed";
        return made;
    }();
    if (!api.gvc)
        throw std::runtime_error("Graphviz (libgvc) is not available: " + api.error);
    return api;
}

std::string lastError(const char* fallback)
{
    const char* e = gv().lasterr();
    std::string s = e ? e : fallback;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    if (const auto nl = s.find('\n'); nl != std::string::npos)
        s.resize(nl);
    return s.empty() ? fallback : s;
}

struct GraphCloser
{
    GVC_t* gvc;
    Agraph_t* g;
    bool laidOut = false;
    ~GraphCloser()
    {
        if (laidOut)
            gv().freeLayout(gvc, g);
        gv().close(g);
    }
};

void set(void* obj, const char* name, const std::string& value)
{
    gv().safeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()),
                 const_cast<char*>(""));
}

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

struct Box
{
    double cx, cy, w, h;
    bool overlaps(const Box& o, double gap) const
    {
        return std::abs(cx - o.cx) * 2 < w + o.w + 2 * gap &&
               std::abs(cy - o.cy) * 2 < h + o.h + 2 * gap;
    }
};

constexpr double kGap = 24; // points between cards

// Runs `engine` over nodes (id -> size, optional pin) and edges; centres with y down.
std::map<std::string, std::pair<double, double>> runEngine(const std::vector<LayoutNode>& nodes,
                                                           const std::vector<LayoutEdge>& edges,
                                                           const char* engine)
{
    const GvApi& api = gv();
    GVC_t* gvc = api.gvc;
    Agraph_t* g = api.open(const_cast<char*>("layout"), *api.undirected, nullptr);
    GraphCloser closer{gvc, g};
    set(g, "rankdir", "LR");
    set(g, "nodesep", num(kGap / 72));
    set(g, "ranksep", num(2 * kGap / 72));
    set(g, "overlap", "true"); // overlaps of new cards are resolved below, pins never move
    std::map<std::string, Agnode_t*> made;
    for (const LayoutNode& n : nodes) {
        Agnode_t* an = api.node(g, const_cast<char*>(n.id.c_str()), 1);
        set(an, "shape", "box");
        set(an, "fixedsize", "true");
        set(an, "label", "");
        set(an, "width", num(n.width / 72));
        set(an, "height", num(n.height / 72));
        if (n.pinned) {
            set(an, "pos", num(n.pinned->first) + "," + num(-n.pinned->second) + "!");
            set(an, "pin", "true");
        }
        made[n.id] = an;
    }
    for (const LayoutEdge& e : edges) {
        const auto a = made.find(e.from), b = made.find(e.to);
        if (a != made.end() && b != made.end() && a->second != b->second)
            api.edge(g, a->second, b->second, nullptr, 1);
    }
    if (api.layout(gvc, g, engine) != 0)
        throw std::runtime_error("Graphviz layout failed: " + lastError("unknown error"));
    closer.laidOut = true;
    std::map<std::string, std::pair<double, double>> out;
    for (const auto& [id, an] : made)
        out[id] = {ND_coord(an).x, -ND_coord(an).y};
    return out;
}

} // namespace

std::string render(const std::string& dot, const std::string& format, const std::string& engine)
{
    std::lock_guard lock(gvMutex());
    const GvApi& api = gv();
    GVC_t* gvc = api.gvc;
    Agraph_t* g = api.memread(dot.c_str());
    if (!g)
        throw std::runtime_error("Graphviz cannot read the graph: " + lastError("syntax error"));
    GraphCloser closer{gvc, g};
    if (api.layout(gvc, g, engine.c_str()) != 0)
        throw std::runtime_error("Graphviz layout failed: " + lastError("unknown engine"));
    closer.laidOut = true;
    char* data = nullptr;
    unsigned int length = 0;
    if (api.renderData(gvc, g, format.c_str(), &data, &length) != 0 || !data)
        throw std::runtime_error("Graphviz cannot render " + format + ": " +
                                 lastError("unknown format"));
    std::string out(data, length);
    api.freeRenderData(data);
    return out;
}

std::map<std::string, std::pair<double, double>> layout(const std::vector<LayoutNode>& nodes,
                                                        const std::vector<LayoutEdge>& edges)
{
    std::lock_guard lock(gvMutex());
    std::map<std::string, std::pair<double, double>> out;
    std::map<std::string, const LayoutNode*> byId;
    for (const LayoutNode& n : nodes)
        byId[n.id] = &n;
    std::set<std::string> wired;
    for (const LayoutEdge& e : edges)
        if (e.from != e.to && byId.count(e.from) && byId.count(e.to)) {
            wired.insert(e.from);
            wired.insert(e.to);
        }

    std::vector<Box> placed;
    for (const LayoutNode& n : nodes)
        if (n.pinned) {
            out[n.id] = *n.pinned;
            placed.push_back({n.pinned->first, n.pinned->second, n.width, n.height});
        }
    const bool first = placed.empty();

    // The wired cards: dot on a fresh picture (layered, left to right, wires short); with pins,
    // neato over the new cards and the pinned cards they are wired to only, so a poll that adds
    // one container costs one small layout, not the whole machine.
    std::vector<LayoutNode> sub;
    std::vector<LayoutEdge> subEdges;
    std::set<std::string> inSub;
    for (const LayoutNode& n : nodes)
        if (!n.pinned && wired.count(n.id)) {
            sub.push_back(n);
            inSub.insert(n.id);
        }
    if (!sub.empty()) {
        for (const LayoutEdge& e : edges) {
            const bool a = inSub.count(e.from), b = inSub.count(e.to);
            if (!a && !b)
                continue;
            for (const std::string& other : {e.from, e.to})
                if (!inSub.count(other) && byId.count(other)) {
                    sub.push_back(*byId[other]);
                    inSub.insert(other);
                }
            subEdges.push_back(e);
        }
        auto pos = runEngine(sub, subEdges, first ? "dot" : "neato");
        if (first) {
            // dot's picture starts at its own origin; put its top-left at (0, 0).
            double minX = 1e18, minY = 1e18;
            for (const LayoutNode& n : sub) {
                minX = std::min(minX, pos[n.id].first - n.width / 2);
                minY = std::min(minY, pos[n.id].second - n.height / 2);
            }
            for (auto& [id, p] : pos)
                p = {p.first - minX, p.second - minY};
        }
        for (const LayoutNode& n : sub)
            if (!n.pinned) {
                out[n.id] = pos[n.id];
                if (first)
                    placed.push_back({pos[n.id].first, pos[n.id].second, n.width, n.height});
            }
    }

    // The rest: unwired cards (a namespace with only loopback) in rows under the picture on a
    // first layout; later, next to where they would go. Then every new card that overlaps one
    // already placed moves outwards, in steps of its size, to the nearest free place.
    double bottom = 0, right = 0;
    for (const Box& b : placed) {
        bottom = std::max(bottom, b.cy + b.h / 2);
        right = std::max(right, b.cx + b.w / 2);
    }
    const double rowWidth = std::max(right, 1200.0);
    double x = 0, y = placed.empty() ? 0 : bottom + 2 * kGap, rowHeight = 0;
    for (const LayoutNode& n : nodes) {
        if (n.pinned)
            continue;
        auto it = out.find(n.id);
        if (it == out.end()) {
            if (x > 0 && x + n.width > rowWidth) {
                x = 0;
                y += rowHeight + kGap;
                rowHeight = 0;
            }
            it = out.emplace(n.id, std::make_pair(x + n.width / 2, y + n.height / 2)).first;
            x += n.width + kGap;
            rowHeight = std::max(rowHeight, n.height);
        }
        if (first && wired.count(n.id))
            continue; // dot's own places do not overlap
        Box box{it->second.first, it->second.second, n.width, n.height};
        const auto free = [&](const Box& b) {
            return std::none_of(placed.begin(), placed.end(),
                                [&](const Box& p) { return p.overlaps(b, kGap / 2); });
        };
        const double stepX = n.width + kGap, stepY = n.height + kGap;
        for (int ring = 1; !free(box) && ring < 200; ++ring) {
            bool found = false;
            for (int dy = -ring; dy <= ring && !found; ++dy)
                for (int dx = -ring; dx <= ring && !found; ++dx) {
                    if (std::max(std::abs(dx), std::abs(dy)) != ring)
                        continue;
                    Box b = box;
                    b.cx += dx * stepX;
                    b.cy += dy * stepY;
                    if (free(b)) {
                        box = b;
                        found = true;
                    }
                }
            if (found)
                break;
        }
        it->second = {box.cx, box.cy};
        placed.push_back(box);
    }
    return out;
}

} // namespace nsx::backend::netmap
