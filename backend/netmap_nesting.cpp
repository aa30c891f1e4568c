// The nesting picture (issue 16): user namespaces as boxes holding the namespaces they own,
// a PID namespace holding its processes (each with its PID at every level, from NSpid) and the
// PID namespaces nested in it that the same user namespace owns. A plain shelf layout: the
// picture is a tree of boxes, there is nothing for a graph layout engine to decide.
#include "netmap.h"

#include "printable.h"

#include <algorithm>
#include <functional>
#include <map>

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

// Sizes every box (children relative to their parent's top-left), then makes them absolute.
void measure(NestBox& b, const NestOptions& o)
{
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
        measure(c, o);
    const double top = o.lineHeight + 1.5 * o.padding;
    double x = o.padding, y = top, rowH = 0, maxW = textW;
    for (NestBox& c : b.children) {
        if (x > o.padding && x + c.width > o.maxRowWidth) {
            x = o.padding;
            y += rowH + o.padding;
            rowH = 0;
        }
        c.x = x;
        c.y = y;
        x += c.width + o.padding;
        rowH = std::max(rowH, c.height);
        maxW = std::max(maxW, x);
    }
    b.width = maxW;
    b.height = y + rowH + o.padding;
}

void makeAbsolute(NestBox& b, double ox, double oy)
{
    b.x += ox;
    b.y += oy;
    for (NestBox& c : b.children)
        makeAbsolute(c, b.x, b.y);
}

} // namespace

std::vector<NestBox> buildNesting(const Snapshot& s, const NestOptions& options)
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
                more.title = "\u2026 " +
                             std::to_string(ns->processes.size() - options.maxProcesses) + " more";
                b.children.push_back(std::move(more));
                break;
            }
            NestBox pb;
            pb.kind = Kind::Process;
            pb.pid = pid;
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

    double x = 0;
    for (NestBox& b : out) {
        measure(b, options);
        b.x = x;
        b.y = 0;
        for (NestBox& c : b.children)
            makeAbsolute(c, b.x, b.y);
        x += b.width + 2 * options.padding;
    }
    return out;
}

} // namespace nsx::backend::netmap
