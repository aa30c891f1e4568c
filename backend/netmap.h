// The network map (issue 16) as a graph, Qt-free, shared by `nsexplorer-cli map` and the GUI's
// Map view: one card per network namespace, its interfaces as ports, and wires between them —
// veth pairs (across namespaces through NetInterface::link), bridge/bond ports to their master,
// macvlan/ipvlan/vlan/vxlan to their lower device, physical NICs to an "outside" node.
//
// Ids are stable across polls so a layout can be kept: a card is "net:INODE", a port
// "net:INODE/IFINDEX" (the name when the snapshot has no ifindex), the outside node "outside".
// Wires name their two ends by port id (or card id / "outside"), so a renamed interface keeps
// its wire and a moved one (a veth pushed into another namespace) takes its wire along.
//
// Also here: the DOT text of the graph, its JSON, Graphviz rendering (libgvc), the card layout
// the GUI asks for off its thread, and the nesting picture (user namespaces holding what they
// own, PID namespaces holding their processes).
#pragma once

#include "snapshot.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nsx::backend::netmap {

inline constexpr const char* kOutsideId = "outside";
// The colour of the net type (gui/chart_colors typeBaseColor, checked by tst_map_view) for the
// DOT and SVG output, which has no palette.
inline constexpr const char* kNetColor = "#2878c8";

struct Port
{
    std::string id;   // "net:INODE/IFINDEX"
    std::string name; // raw bytes from the kernel
    std::string kind; // "veth", "bridge", ... ; "" physical or loopback; "?" not read
    bool up = false;
    bool loopback = false;
    std::optional<std::string> mac;
    std::optional<int> mtu;
    std::vector<std::string> addresses;
    std::vector<int> servedBy;
    friend bool operator==(const Port&, const Port&) = default;
};

struct Card
{
    std::string id; // "net:INODE"
    std::uint64_t inode = 0;
    std::optional<std::uint64_t> nsId;
    std::string title;    // container "engine: name", else hostname, launcher, inode
    std::string subtitle; // "net 4026532001", and the launcher when the title is not it
    bool initial = false; // the host's network namespace
    std::vector<std::string> addresses; // every address of every shown port, loopback excluded
    std::vector<std::string> routes;    // "default via 10.0.0.1 dev eth0"
    std::vector<Port> ports;            // in the snapshot's order; loopback only when asked
    int processes = 0;
    friend bool operator==(const Card&, const Card&) = default;
};

struct Wire
{
    enum class Kind
    {
        Veth,   // a veth pair (one wire for both ends)
        Master, // a bridge or bond port to its master
        Lower,  // a macvlan/ipvlan/vlan/vxlan to its lower device
        Uplink  // a physical NIC to the outside
    };
    Kind kind = Kind::Veth;
    std::string from, to; // port ids, or "outside"
    std::string fromCard, toCard;
    friend bool operator==(const Wire&, const Wire&) = default;
};

struct Graph
{
    std::vector<Card> cards; // by inode
    std::vector<Wire> wires;
    bool hasOutside = false;
    // The card and port each id names (indexes into cards / cards[i].ports).
    std::map<std::string, std::pair<int, int>> portIndex;
    const Card* findCard(const std::string& id) const;
};

struct Options
{
    bool loopback = false; // show "lo" ports
};

Graph buildGraph(const Snapshot& snapshot, const Options& options = {});

// "net:INODE"; parses back to the inode (nullopt for anything else, "outside" included).
std::string cardId(std::uint64_t inode);
std::optional<std::uint64_t> inodeOfCardId(const std::string& id);

const char* toString(Wire::Kind kind);

// DOT text: each card an HTML-like table with one cell (PORT) per interface, wires between
// ports; `dot -Tsvg` renders it.
std::string toDot(const Graph& graph);
// The graph as JSON (cards with ports, wires), for scripts.
std::string toJson(const Graph& graph);
// Renders DOT text through libgvc ("svg", "png", ...) with the given engine; std::runtime_error
// with one line when Graphviz refuses.
std::string render(const std::string& dot, const std::string& format,
                   const std::string& engine = "dot");

// The GUI's layout: boxes of known size (points), some pinned where the user saw them last.
struct LayoutNode
{
    std::string id;
    double width = 0, height = 0;
    std::optional<std::pair<double, double>> pinned; // centre, y down
};
struct LayoutEdge
{
    std::string from, to; // node ids
};
// Centres (y down, top-left of the whole picture near 0,0) for every node. With nothing pinned
// a layered layout (dot, left to right); otherwise pinned nodes stay exactly where they are and
// the new ones take the places neato gives them next to their neighbours, moved off any overlap.
// Serialised internally: Graphviz keeps global state.
std::map<std::string, std::pair<double, double>> layout(const std::vector<LayoutNode>& nodes,
                                                        const std::vector<LayoutEdge>& edges);

// The nesting picture: boxes in boxes.
struct NestBox
{
    enum class Kind
    {
        User,
        Pid,
        Process,
        Other, // a namespace of another type owned by a user namespace (a chip)
        More   // "… and N more"
    };
    Kind kind = Kind::User;
    // Stable across polls: "user:INODE", "pid:INODE", "proc:PIDNS/PID", "ns:TYPE:INODE",
    // "more:PIDNS"; the GUI keys its items by it and the next layout keeps its place.
    std::string id;
    // Gone from this snapshot, kept (greyed) for one poll where it was, with what it held.
    bool vanished = false;
    NsType type = NsType::User; // User/Pid/Other: the namespace's type
    std::uint64_t inode = 0;    // User/Pid/Other
    int pid = 0;                // Process
    std::string title;          // "user 4026531837 (uid 0)", "bash  4711 › 1"
    std::vector<NestBox> children;
    double x = 0, y = 0, width = 0, height = 0; // filled by layoutNesting, relative to the picture
};
struct NestOptions
{
    int maxProcesses = 8; // per PID namespace box; the rest as "… and N more"
    double charWidth = 7, lineHeight = 18, padding = 8, maxRowWidth = 1400;
};
// The roots (user namespaces without a parent in the snapshot), laid out.
// With `previous` (the last picture shown) the layout is stable: a box still there keeps its
// place within its parent (moved only if a grown neighbour now covers it), a new one takes the
// first free spot (rows top to bottom, left to right), and a box of `previous` that is gone
// comes back once as a `vanished` ghost at its old place (dropped when it was a ghost already).
std::vector<NestBox> buildNesting(const Snapshot& snapshot, const NestOptions& options = {},
                                  const std::vector<NestBox>* previous = nullptr);

} // namespace nsx::backend::netmap
