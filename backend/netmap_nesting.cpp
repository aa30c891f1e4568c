// The nesting picture (issue 16): user namespaces as boxes holding the namespaces they own,
// a PID namespace holding its processes (each with its PID at every level, from NSpid) and the
// PID namespaces nested in it that the same user namespace owns. A plain shelf layout: the
// picture is a tree of boxes, there is nothing for a graph layout engine to decide.
#include "netmap.h"

#include "printable.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace nsx::backend::netmap {

namespace {

using Kind = NestBox::Kind;

std::string processTitle(const Process& p)
{
    std::string t = displayString(p.comm) + "  ";
    if (p.nspid && !p.nspid->empty()) {
        for (std::size_t i = 0; i < p.nspid->size(); ++i)
            t += (i ? " \u203a " : "") + std::to_string((*p.nspid)[i]);
    } else {
        t += std::to_string(p.pid);
    }
    return t;
}

int order(Kind k)
{
    switch (k) {
    case Kind::User:
        return 0;
    case Kind::Pid:
        return 1;
    case Kind::Process:
        return 2;
    case Kind::Other:
        return 3;
    case Kind::More:
        return 4;
    }
    return 5;
}

// Where each box of the previous picture was, relative to its parent.
struct Prev
{
    std::string parent; // "" for a root
    double x = 0, y = 0;
    bool vanished = false;
};
struct PrevIndex
{
    std::map<std::string, Prev> boxes;
    // A parent's children as they were (absolute coordinates) and the parent's own corner.
    std::map<std::string, std::pair<std::pair<double, double>, std::vector<const NestBox*>>> kids;
};

void indexPrevious(const NestBox& b, const std::string& parent, double px, double py,
                   PrevIndex& out)
{
    out.boxes[b.id] = {parent, b.x - px, b.y - py, b.vanished};
    auto& k = out.kids[parent];
    k.first = {px, py};
    k.second.push_back(&b);
    for (const NestBox& c : b.children)
        indexPrevious(c, b.id, b.x, b.y, out);
}

void collectIds(const NestBox& b, std::set<std::string>& ids)
{
    ids.insert(b.id);
    for (const NestBox& c : b.children)
        collectIds(c, ids);
}

// A ghost: the old box and what it held, greyed, in coordinates relative to its parent.
NestBox ghostOf(const NestBox& old, double px, double py)
{
    NestBox g = old;
    g.vanished = true;
    g.x -= px;
    g.y -= py;
    std::function<void(NestBox&, double, double)> rel = [&](NestBox& b, double ax, double ay) {
        for (NestBox& c : b.children) {
            const double cx = c.x, cy = c.y;
            c.vanished = true;
            c.x -= ax;
            c.y -= ay;
            rel(c, cx, cy);
        }
    };
    rel(g, old.x, old.y);
    return g;
}

// Adds, under every parent present in both pictures, the ghosts of its children that went.
void addGhosts(std::vector<NestBox>& children, const std::string& parent, const PrevIndex& prev,
               const std::set<std::string>& ids)
{
    if (const auto it = prev.kids.find(parent); it != prev.kids.end()) {
        const auto [px, py] = it->second.first;
        for (const NestBox* old : it->second.second)
            if (!old->vanished && !ids.count(old->id))
                children.push_back(ghostOf(*old, px, py));
    }
    for (NestBox& c : children)
        if (!c.vanished)
            addGhosts(c.children, c.id, prev, ids);
}

struct Area
{
    double left, top, gap, maxRight; // children go right of left, below top, gap apart
};

bool overlaps(const NestBox& a, double x, double y, double w, double h, double gap)
{
    constexpr double eps = 0.01;
    return x < a.x + a.width + gap - eps && a.x < x + w + gap - eps &&
           y < a.y + a.height + gap - eps && a.y < y + h + gap - eps;
}

// Places `boxes` (sized) in the area: those with a pin where they were (pushed down only when a
// grown neighbour now covers them), the others at the first free spot, rows top to bottom.
void place(std::vector<NestBox>& boxes, const Area& a, const std::string& parent,
           const PrevIndex* prev)
{
    std::vector<std::size_t> pinned, fresh;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        NestBox& b = boxes[i];
        if (b.vanished) { // a ghost keeps its relative place
            pinned.push_back(i);
            continue;
        }
        const auto it = prev ? prev->boxes.find(b.id) : decltype(prev->boxes.end()){};
        if (prev && it != prev->boxes.end() && it->second.parent == parent) {
            b.x = std::max(a.left, it->second.x);
            b.y = std::max(a.top, it->second.y);
            pinned.push_back(i);
        } else {
            fresh.push_back(i);
        }
    }
    std::vector<const NestBox*> done;
    std::stable_sort(pinned.begin(), pinned.end(), [&](std::size_t i, std::size_t j) {
        return std::pair(boxes[i].y, boxes[i].x) < std::pair(boxes[j].y, boxes[j].x);
    });
    for (std::size_t i : pinned) {
        NestBox& b = boxes[i];
        for (bool moved = true; moved;) {
            moved = false;
            for (const NestBox* d : done)
                if (overlaps(*d, b.x, b.y, b.width, b.height, a.gap)) {
                    b.y = d->y + d->height + a.gap;
                    moved = true;
                }
        }
        done.push_back(&b);
    }
    // No pins (the first picture) or too many new boxes for the search: the shelf, below
    // whatever is already placed.
    double bottom = a.top - a.gap;
    for (const NestBox* d : done)
        bottom = std::max(bottom, d->y + d->height);
    const bool search = !done.empty() && fresh.size() <= 64 &&
                        double(fresh.size()) * double(done.size()) * double(done.size()) < 4e7;
    double x = a.left, y = done.empty() ? a.top : bottom + a.gap, rowH = 0;
    for (std::size_t i : fresh) {
        NestBox& b = boxes[i];
        if (search) {
            // Bottom-left fill: candidate corners next to and under what is placed.
            std::vector<std::pair<double, double>> cand{{a.left, a.top}};
            for (const NestBox* d : done) {
                cand.emplace_back(d->x + d->width + a.gap, d->y);
                cand.emplace_back(a.left, d->y + d->height + a.gap);
                cand.emplace_back(d->x, d->y + d->height + a.gap);
            }
            std::sort(cand.begin(), cand.end(), [](const auto& p, const auto& q) {
                return std::pair(p.second, p.first) < std::pair(q.second, q.first);
            });
            for (const auto& corner : cand) {
                // (no structured binding: clang 14, the fuzz build, cannot capture one)
                const double cx = corner.first, cy = corner.second;
                if (cx > a.left && cx + b.width > a.maxRight)
                    continue;
                if (std::none_of(done.begin(), done.end(), [&](const NestBox* d) {
                        return overlaps(*d, cx, cy, b.width, b.height, a.gap);
                    })) {
                    b.x = cx;
                    b.y = cy;
                    break;
                }
            }
            done.push_back(&b);
            continue;
        }
        if (x > a.left && x + b.width > a.maxRight) {
            x = a.left;
            y += rowH + a.gap;
            rowH = 0;
        }
        b.x = x;
        b.y = y;
        x += b.width + a.gap;
        rowH = std::max(rowH, b.height);
    }
}

// Sizes every box (children relative to their parent's top-left), then makes them absolute.
void measure(NestBox& b, const NestOptions& o, const PrevIndex* prev)
{
    if (b.vanished)
        return; // a ghost is drawn as it was
    const double textW = o.charWidth * double(b.title.size()) + 2 * o.padding;
    if (b.children.empty()) {
        b.width = textW;
        b.height = o.lineHeight + o.padding;
        return;
    }
    std::stable_sort(b.children.begin(), b.children.end(), [](const NestBox& x, const NestBox& y) {
        return order(x.kind) < order(y.kind);
    });
    for (NestBox& c : b.children)
        measure(c, o, prev);
    const double top = o.lineHeight + 1.5 * o.padding;
    place(b.children, {o.padding, top, o.padding, o.maxRowWidth}, b.id, prev);
    double maxW = textW, maxH = top;
    for (const NestBox& c : b.children) {
        maxW = std::max(maxW, c.x + c.width + o.padding);
        maxH = std::max(maxH, c.y + c.height + o.padding);
    }
    b.width = maxW;
    b.height = maxH;
}

void makeAbsolute(NestBox& b, double ox, double oy)
{
    b.x += ox;
    b.y += oy;
    for (NestBox& c : b.children)
        makeAbsolute(c, b.x, b.y);
}

} // namespace

std::vector<NestBox> buildNesting(const Snapshot& s, const NestOptions& options,
                                  const std::vector<NestBox>* previous)
{
    std::map<std::uint64_t, NestBox> users; // by inode, filled bottom-up below
    std::map<std::uint64_t, const Namespace*> userNs, pidNs;
    for (const Namespace& ns : s.namespaces) {
        if (ns.type == NsType::User)
            userNs[ns.inode] = &ns;
        else if (ns.type == NsType::Pid)
            pidNs[ns.inode] = &ns;
    }
    const auto owned = [&](const Namespace& ns) -> std::uint64_t {
        return ns.owner && userNs.count(*ns.owner) ? *ns.owner : 0; // 0: owner not visible
    };

    // PID namespaces: a box with its processes; nested inside its parent when the same user
    // namespace owns both, else it goes into its owner's box.
    std::map<std::uint64_t, NestBox> pids;
    for (const auto& [inode, ns] : pidNs) {
        NestBox b;
        b.kind = Kind::Pid;
        b.type = NsType::Pid;
        b.inode = inode;
        b.id = "pid:" + std::to_string(inode);
        b.title = "pid " + std::to_string(inode) +
                  (ns->details.level ? " (level " + std::to_string(*ns->details.level) + ")" : "");
        int shown = 0;
        for (int pid : ns->processes) {
            const Process* p = s.findProcess(pid);
            if (!p)
                continue;
            if (shown++ == options.maxProcesses) {
                NestBox more;
                more.kind = Kind::More;
                more.id = "more:" + std::to_string(inode);
                more.title = "\u2026 " +
                             std::to_string(ns->processes.size() - options.maxProcesses) + " more";
                b.children.push_back(std::move(more));
                break;
            }
            NestBox pb;
            pb.kind = Kind::Process;
            pb.pid = pid;
            pb.id = "proc:" + std::to_string(inode) + "/" + std::to_string(pid);
            pb.title = processTitle(*p);
            b.children.push_back(std::move(pb));
        }
        pids[inode] = std::move(b);
    }
    std::map<std::uint64_t, std::vector<std::uint64_t>> pidChildren; // parent pid ns -> nested
    std::map<std::uint64_t, std::vector<std::uint64_t>> pidOfUser;   // user ns -> top pid boxes
    for (const auto& [inode, ns] : pidNs) {
        const std::uint64_t owner = owned(*ns);
        if (ns->parent && pidNs.count(*ns->parent) && owned(*pidNs[*ns->parent]) == owner)
            pidChildren[*ns->parent].push_back(inode);
        else
            pidOfUser[owner].push_back(inode);
    }
    std::function<NestBox(std::uint64_t)> pidBox = [&](std::uint64_t inode) {
        NestBox b = std::move(pids[inode]);
        for (std::uint64_t child : pidChildren[inode])
            b.children.push_back(pidBox(child));
        return b;
    };

    std::map<std::uint64_t, std::vector<std::uint64_t>> userChildren;
    std::vector<std::uint64_t> roots;
    for (const auto& [inode, ns] : userNs) {
        if (ns->parent && userNs.count(*ns->parent))
            userChildren[*ns->parent].push_back(inode);
        else
            roots.push_back(inode);
    }
    std::map<std::uint64_t, std::vector<const Namespace*>> chips;
    for (const Namespace& ns : s.namespaces)
        if (ns.type != NsType::User && ns.type != NsType::Pid)
            chips[owned(ns)].push_back(&ns);

    std::function<NestBox(std::uint64_t)> userBox = [&](std::uint64_t inode) {
        NestBox b;
        b.kind = Kind::User;
        b.type = NsType::User;
        b.inode = inode;
        b.id = "user:" + std::to_string(inode);
        if (inode == 0) {
            b.title = "owner not visible";
        } else {
            const Namespace* ns = userNs[inode];
            b.title = "user " + std::to_string(inode) +
                      (ns->ownerUid ? " (uid " + std::to_string(*ns->ownerUid) + ")" : "");
        }
        for (std::uint64_t child : userChildren[inode])
            b.children.push_back(userBox(child));
        for (std::uint64_t p : pidOfUser[inode])
            b.children.push_back(pidBox(p));
        for (const Namespace* ns : chips[inode]) {
            NestBox c;
            c.kind = Kind::Other;
            c.type = ns->type;
            c.inode = ns->inode;
            c.id = "ns:" + std::string(toString(ns->type)) + ":" + std::to_string(ns->inode);
            c.title = std::string(toString(ns->type)) + " " + std::to_string(ns->inode);
            b.children.push_back(std::move(c));
        }
        return b;
    };
    std::vector<NestBox> out;
    for (std::uint64_t r : roots)
        out.push_back(userBox(r));
    if (!pidOfUser[0].empty() || !chips[0].empty())
        out.push_back(userBox(0));

    PrevIndex index;
    if (previous) {
        for (const NestBox& b : *previous)
            indexPrevious(b, "", 0, 0, index);
        std::set<std::string> ids;
        for (const NestBox& b : out)
            collectIds(b, ids);
        addGhosts(out, "", index, ids);
    }
    const PrevIndex* prev = previous ? &index : nullptr;
    for (NestBox& b : out)
        measure(b, options, prev);
    // The roots side by side, one row.
    place(out, {0, 0, 2 * options.padding, std::numeric_limits<double>::infinity()}, "", prev);
    for (NestBox& b : out)
        for (NestBox& c : b.children)
            makeAbsolute(c, b.x, b.y);
    return out;
}

} // namespace nsx::backend::netmap
