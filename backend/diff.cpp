// Snapshot diff (snapshot-format.md): namespaces keyed by (type, inode), processes by
// (pid, start_time). Both snapshots are walked in key order, so the result is sorted too.
// The kernel hands a freed namespace inode to the next new namespace, so a namespace whose id
// (NS_GET_ID, never reused) is known on both sides and differs is a removal and an addition,
// as a reused pid is.
#include "diff.h"

#include "detail_fields.h"
#include "json_value.h"
#include "snapshot_io.h"
#include "snapshot_json.h"
#include "translate_noop.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace nsx::backend {

bool SnapshotDiff::empty() const
{
    return namespacesAdded.empty() && namespacesRemoved.empty() && namespacesChanged.empty() &&
           processesAdded.empty() && processesRemoved.empty() && processesChanged.empty() &&
           containersAdded.empty() && containersRemoved.empty() && containersChanged.empty();
}

namespace {

// Merge-walk two sorted ranges by key; equal keys that are not same() are changes, unless
// distinct() says they are two different things under one key.
template <typename T, typename Key, typename Distinct, typename Same>
void walk(std::vector<T> a, std::vector<T> b, Key key, Distinct distinct, Same same,
          std::vector<T>& added, std::vector<T>& removed, std::vector<Changed<T>>& changed)
{
    const auto less = [&](const T& x, const T& y) { return key(x) < key(y); };
    std::stable_sort(a.begin(), a.end(), less);
    std::stable_sort(b.begin(), b.end(), less);
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && key(a[i]) < key(b[j]))) {
            removed.push_back(std::move(a[i++]));
        } else if (i == a.size() || key(b[j]) < key(a[i])) {
            added.push_back(std::move(b[j++]));
        } else if (distinct(a[i], b[j])) {
            removed.push_back(std::move(a[i++]));
            added.push_back(std::move(b[j++]));
        } else {
            if (!same(a[i], b[j]))
                changed.push_back({std::move(a[i]), std::move(b[j])});
            ++i;
            ++j;
        }
    }
}

std::vector<Namespace> sortedPids(std::vector<Namespace> v)
{
    for (Namespace& ns : v) {
        std::sort(ns.processes.begin(), ns.processes.end());
        std::sort(ns.threads.begin(), ns.threads.end());
    }
    return v;
}

std::vector<Container> sortedContainers(std::vector<Container> v)
{
    std::sort(v.begin(), v.end(),
              [](const Container& a, const Container& b) { return a.key < b.key; });
    for (Container& c : v)
        std::sort(c.labels.begin(), c.labels.end());
    return v;
}

// What a user calls the container: a renamed or replaced one is a change of what names it.
bool sameContainer(const SnapshotDiff& d, const std::optional<std::string>& a,
                   const std::optional<std::string>& b)
{
    if (a != b)
        return false;
    return containerText(a, findContainerIn(d.containersBefore, a)) ==
           containerText(b, findContainerIn(d.containersAfter, b));
}

} // namespace

const Container* findContainerIn(const std::vector<Container>& sorted,
                                 const std::optional<std::string>& key)
{
    if (!key)
        return nullptr;
    auto it = std::lower_bound(sorted.begin(), sorted.end(), *key,
                               [](const Container& c, const std::string& k) { return c.key < k; });
    return it != sorted.end() && it->key == *key ? &*it : nullptr;
}

std::optional<std::string> containerText(const std::optional<std::string>& key, const Container* c)
{
    if (!key)
        return std::nullopt;
    if (!c)
        return *key;
    std::string s = containerTitle(*c);
    if (c->image)
        s += " (" + *c->image + ")";
    return s;
}

namespace {
std::vector<InterfaceMove> interfaceMoves(const SnapshotDiff& d);
}

SnapshotDiff diff(const Snapshot& before, const Snapshot& after)
{
    SnapshotDiff d;
    d.containersBefore = sortedContainers(before.containers);
    d.containersAfter = sortedContainers(after.containers);
    walk(
        d.containersBefore, d.containersAfter, [](const Container& c) { return c.key; },
        [](const Container&, const Container&) { return false; },
        [](const Container& x, const Container& y) { return x == y; }, d.containersAdded,
        d.containersRemoved, d.containersChanged);
    // Pid lists are sets: their order must not count as a change.
    walk(
        sortedPids(before.namespaces), sortedPids(after.namespaces),
        [](const Namespace& n) { return std::make_tuple(n.type, n.inode); }, differentNamespaces,
        [&d](const Namespace& x, const Namespace& y) {
            if (!sameContainer(d, x.container, y.container))
                return false;
            // An id on one side only (an older file, a namespace not opened) is no change.
            if (x.id == y.id || (x.id && y.id))
                return x == y;
            Namespace yy = y;
            yy.id = x.id;
            return x == yy;
        },
        d.namespacesAdded, d.namespacesRemoved, d.namespacesChanged);
    walk(
        before.processes, after.processes,
        [](const Process& p) { return std::make_tuple(p.pid, p.startTime); },
        [](const Process&, const Process&) { return false; },
        [&d](const Process& x, const Process& y) {
            return x == y && sameContainer(d, x.container, y.container);
        },
        d.processesAdded, d.processesRemoved, d.processesChanged);
    d.interfacesMoved = interfaceMoves(d);
    return d;
}

std::string diffToJson(const SnapshotDiff& d)
{
    using json::Value;
    const auto section = [](const auto& added, const auto& removed, const auto& changed) {
        Value o = Value::makeObject();
        Value& a = o.add("added", Value::makeArray());
        for (const auto& x : added)
            a.push(json::toValue(x));
        Value& r = o.add("removed", Value::makeArray());
        for (const auto& x : removed)
            r.push(json::toValue(x));
        Value& c = o.add("changed", Value::makeArray());
        for (const auto& x : changed) {
            Value pair = Value::makeObject();
            pair.add("before", json::toValue(x.before));
            pair.add("after", json::toValue(x.after));
            c.push(std::move(pair));
        }
        return o;
    };
    Value root = Value::makeObject();
    root.add("namespaces", section(d.namespacesAdded, d.namespacesRemoved, d.namespacesChanged));
    root.add("processes", section(d.processesAdded, d.processesRemoved, d.processesChanged));
    root.add("containers", section(d.containersAdded, d.containersRemoved, d.containersChanged));
    if (!d.interfacesMoved.empty()) {
        Value& moved = root.add("interfaces_moved", Value::makeArray());
        for (const InterfaceMove& m : d.interfacesMoved) {
            Value e = Value::makeObject();
            e.add("name", Value::fromString(m.name));
            e.add("to_name", Value::fromString(m.toName));
            e.add("mac", Value::fromString(m.mac));
            e.add("from", Value::fromUint(m.from));
            e.add("to", Value::fromUint(m.to));
            moved.push(std::move(e));
        }
    }
    return json::write(root);
}

namespace {

std::string nsTitle(const Namespace& ns)
{
    return std::string(toString(ns.type)) + " " + std::to_string(ns.inode);
}

std::string joinParts(const std::vector<std::string>& parts)
{
    std::string s;
    for (const std::string& p : parts)
        s += (s.empty() ? "" : "; ") + p;
    return s;
}

// "hostname \"a\" -> \"b\"; processes +2 -1; ipc objects".
std::string changesText(const std::vector<FieldChange>& changes)
{
    const auto show = [](const FieldChange& c, const std::optional<std::string>& v) {
        if (!v)
            return std::string("null");
        return c.quoted ? "\"" + displayString(*v) + "\"" : displayString(*v);
    };
    std::vector<std::string> parts;
    for (const FieldChange& c : changes) {
        if (!c.brief.empty()) {
            if (std::find(parts.begin(), parts.end(), c.brief) == parts.end())
                parts.emplace_back(c.brief);
        } else if (c.pidSet) {
            std::string s(c.key);
            s += " ";
            if (!c.added.empty())
                s += "+" + std::to_string(c.added.size());
            if (!c.removed.empty())
                s += (c.added.empty() ? "-" : " -") + std::to_string(c.removed.size());
            parts.push_back(std::move(s));
        } else {
            parts.push_back(std::string(c.key) + " " + show(c, c.before) + " -> " +
                            show(c, c.after));
        }
    }
    return joinParts(parts);
}

// Builds the list of FieldChanges for namespaceChanges() and processChanges().
class Changes
{
public:
    FieldChange& add(std::string_view key, std::string_view label,
                     std::optional<std::string> before, std::optional<std::string> after)
    {
        FieldChange& c = m_out.emplace_back();
        c.key = key;
        c.label = label;
        c.before = std::move(before);
        c.after = std::move(after);
        return c;
    }
    template <typename T>
    void number(std::string_view key, std::string_view label, const T& x, const T& y)
    {
        const auto text = [](const T& v) -> std::optional<std::string> {
            if constexpr (requires { v.has_value(); })
                return v ? std::optional(std::to_string(*v)) : std::nullopt;
            else
                return std::to_string(v);
        };
        if (x != y)
            add(key, label, text(x), text(y));
    }
    void text(std::string_view key, std::string_view label, const std::optional<std::string>& x,
              const std::optional<std::string>& y)
    {
        if (x != y)
            add(key, label, x, y).quoted = true;
    }
    // Pid sets: their order does not count.
    void pids(std::string_view key, std::string_view label, std::vector<int> x, std::vector<int> y)
    {
        std::sort(x.begin(), x.end());
        std::sort(y.begin(), y.end());
        if (x == y)
            return;
        FieldChange& c = add(key, label, std::to_string(x.size()), std::to_string(y.size()));
        c.pidSet = true;
        std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(c.added));
        std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(c.removed));
    }
    // A namespace's or process's container: its key, or what the key's container is called.
    void container(const std::optional<std::string>& x, const std::optional<std::string>& y,
                   const Container* cx, const Container* cy)
    {
        std::optional<std::string> tx = containerText(x, cx), ty = containerText(y, cy);
        if (x != y || tx != ty)
            add("container", QT_TRANSLATE_NOOP("nsx::backend", "Container"), std::move(tx),
                std::move(ty))
                .quoted = true;
    }
    std::vector<FieldChange> take() { return std::move(m_out); }

private:
    std::vector<FieldChange> m_out;
};

template <typename T, typename F> std::string join(const std::vector<T>& v, const char* sep, F f)
{
    std::string s;
    for (const T& x : v)
        s += (s.empty() ? "" : sep) + f(x);
    return s;
}

// Per interface present on both sides with its topology read: the topology keys that differ,
// as "NAME key=before…" -> "NAME key=after…" ("-" for none).
void interfaceLinkChanges(Changes& c, const std::vector<NetInterface>& a,
                          const std::vector<NetInterface>& b)
{
    const auto pairs = [](const NetInterface& i) {
        std::vector<std::pair<std::string, std::string>> kv;
        const std::string text = interfaceTopologyText(i);
        std::string_view t = text;
        t.remove_prefix(std::min(t.size(), i.name.size()));
        while (!t.empty()) {
            t.remove_prefix(1); // ' '
            const std::size_t sp = t.find(' ');
            const std::string_view item = t.substr(0, sp);
            const std::size_t eq = item.find('=');
            kv.emplace_back(std::string(item.substr(0, eq)), std::string(item.substr(eq + 1)));
            t.remove_prefix(sp == std::string_view::npos ? t.size() : sp);
        }
        return kv;
    };
    for (const NetInterface& x : a) {
        auto y = std::find_if(b.begin(), b.end(),
                              [&](const NetInterface& i) { return i.name == x.name; });
        if (y == b.end() || !x.index || !y->index)
            continue;
        const auto kx = pairs(x), ky = pairs(*y);
        std::string before = x.name, after = x.name;
        bool differ = false;
        for (const char* key :
             {"index", "kind", "mac", "mtu", "state", "master", "link", "served_by"}) {
            const auto value = [&](const auto& kv) {
                for (const auto& [k, v] : kv)
                    if (k == key)
                        return v;
                return std::string("-");
            };
            const std::string vx = value(kx), vy = value(ky);
            if (vx == vy)
                continue;
            differ = true;
            before += " " + std::string(key) + "=" + vx;
            after += " " + std::string(key) + "=" + vy;
        }
        if (differ)
            c.add("interface_links", QT_TRANSLATE_NOOP("nsx::backend", "Interface links"),
                  std::move(before), std::move(after));
    }
}

// Interfaces that left one net namespace for another, by (kind, MAC), unique on both sides.
std::vector<InterfaceMove> interfaceMoves(const SnapshotDiff& d)
{
    struct Seen
    {
        const NetInterface* iface;
        std::uint64_t ns;
    };
    using Key = std::pair<std::string, std::string>; // kind, mac
    const auto collect = [](const auto& source, auto netns, auto interfaces) {
        std::map<Key, std::vector<Seen>> out;
        for (const auto& entry : source) {
            const Namespace& ns = netns(entry);
            if (ns.type != NsType::Net || !interfaces(entry))
                continue;
            for (const NetInterface& i : *interfaces(entry))
                if (i.mac && i.kind && *i.kind != "" &&
                    i.mac->find_first_not_of("0:") != std::string::npos)
                    out[{*i.kind, *i.mac}].push_back({&i, ns.inode});
        }
        return out;
    };
    const auto self = [](const Namespace& ns) -> const Namespace& { return ns; };
    const auto before = [](const Changed<Namespace>& c) -> const Namespace& { return c.before; };
    const auto after = [](const Changed<Namespace>& c) -> const Namespace& { return c.after; };
    const auto ifs = [](const Namespace& ns) {
        return ns.details.interfaces ? &*ns.details.interfaces : nullptr;
    };
    auto left = collect(d.namespacesRemoved, self, ifs);
    for (auto& [k, v] : collect(d.namespacesChanged, before,
                                [&](const Changed<Namespace>& c) { return ifs(c.before); }))
        left[k].insert(left[k].end(), v.begin(), v.end());
    auto came = collect(d.namespacesAdded, self, ifs);
    for (auto& [k, v] : collect(d.namespacesChanged, after,
                                [&](const Changed<Namespace>& c) { return ifs(c.after); }))
        came[k].insert(came[k].end(), v.begin(), v.end());
    std::vector<InterfaceMove> moves;
    for (const auto& [k, from] : left) {
        auto to = came.find(k);
        if (to == came.end() || from.size() != 1 || to->second.size() != 1 ||
            from[0].ns == to->second[0].ns)
            continue;
        // Only a real move: the interface is gone from where it was and new where it is.
        moves.push_back({from[0].iface->name, to->second[0].iface->name, k.second, from[0].ns,
                         to->second[0].ns});
    }
    std::sort(moves.begin(), moves.end(), [](const InterfaceMove& x, const InterfaceMove& y) {
        return std::tie(x.from, x.name) < std::tie(y.from, y.name);
    });
    return moves;
}

} // namespace

std::vector<FieldChange> namespaceChanges(const Namespace& a, const Namespace& b,
                                          const Container* ca, const Container* cb)
{
    Changes c;
    c.number("dev", QT_TRANSLATE_NOOP("nsx::backend", "Device"), a.dev, b.dev);
    c.number("owner", QT_TRANSLATE_NOOP("nsx::backend", "Owner"), a.owner, b.owner);
    c.number("parent", QT_TRANSLATE_NOOP("nsx::backend", "Parent"), a.parent, b.parent);
    c.number("owner_uid", QT_TRANSLATE_NOOP("nsx::backend", "Owner uid"), a.ownerUid, b.ownerUid);
    c.pids("processes", QT_TRANSLATE_NOOP("nsx::backend", "Processes"), a.processes, b.processes);
    c.pids("threads", QT_TRANSLATE_NOOP("nsx::backend", "Threads"), a.threads, b.threads);
    if (a.references != b.references) {
        // As the CSV's holders: "bind:PATH;fd:PID/FD".
        const auto refs = [](const Namespace& ns) {
            return join(ns.references, ";", [](const Reference& r) {
                return r.kind == Reference::Kind::BindMount
                           ? "bind:" + r.path
                           : "fd:" + std::to_string(r.pid) + "/" + std::to_string(r.fd);
            });
        };
        c.add("references", QT_TRANSLATE_NOOP("nsx::backend", "References"), refs(a), refs(b))
            .brief = "references";
    }
    for (const DetailField* f : detailFields(b.type)) {
        const DetailValue x = f->get(a.details), y = f->get(b.details);
        if (x == y)
            continue;
        std::optional<std::string> tx = detailText(x), ty = detailText(y);
        // Interfaces: what the text shows (names, states, addresses), then each interface's
        // topology on its own (kind, mtu, state, master, other end...).
        if (tx != ty || f->kind != DetailKind::Interfaces) {
            FieldChange& d = c.add(f->key, f->label, std::move(tx), std::move(ty));
            d.brief = f->brief;
            d.quoted = f->kind == DetailKind::Text;
        }
        if (f->kind == DetailKind::Interfaces && x.index() == y.index())
            interfaceLinkChanges(c, std::get<std::vector<NetInterface>>(x),
                                 std::get<std::vector<NetInterface>>(y));
    }
    if (a.launcher != b.launcher) {
        const auto launcher = [](const std::optional<Launcher>& l) -> std::optional<std::string> {
            if (!l)
                return std::nullopt;
            return l->comm + " (" + l->kind +
                   (l->pid ? ", pid " + std::to_string(*l->pid) : std::string()) + ")";
        };
        c.add("launcher", QT_TRANSLATE_NOOP("nsx::backend", "Launcher"), launcher(a.launcher),
              launcher(b.launcher))
            .brief = "launcher";
    }
    c.container(a.container, b.container, ca, cb);
    return c.take();
}

std::vector<FieldChange> processChanges(const Process& a, const Process& b, const Container* ca,
                                        const Container* cb)
{
    // Labels are literals (see FieldChange), one per namespace type, in NsType order.
    static constexpr std::string_view kNamespaceLabels[kNsTypeCount] = {
        "cgroup namespace", "ipc namespace",  "mnt namespace",  "net namespace",
        "pid namespace",    "time namespace", "user namespace", "uts namespace"};
    Changes c;
    c.number("ppid", QT_TRANSLATE_NOOP("nsx::backend", "Parent pid"), a.ppid, b.ppid);
    c.text("comm", QT_TRANSLATE_NOOP("nsx::backend", "Command"), a.comm, b.comm);
    if (a.cmdline != b.cmdline) {
        const auto argv = [](const Process& p) {
            return join(p.cmdline, " ", [](const std::string& arg) { return arg; });
        };
        FieldChange& d =
            c.add("cmdline", QT_TRANSLATE_NOOP("nsx::backend", "Command line"), argv(a), argv(b));
        d.brief = "cmdline";
        d.quoted = true;
    }
    c.number("uid", QT_TRANSLATE_NOOP("nsx::backend", "Uid"), a.uid, b.uid);
    c.text("user", QT_TRANSLATE_NOOP("nsx::backend", "User"), a.user, b.user);
    if (a.state != b.state)
        c.add("state", QT_TRANSLATE_NOOP("nsx::backend", "State"), std::string(1, a.state),
              std::string(1, b.state));
    if (a.nspid != b.nspid) {
        const auto nspid = [](const Process& p) -> std::optional<std::string> {
            if (!p.nspid)
                return std::nullopt;
            return join(*p.nspid, ", ", [](int n) { return std::to_string(n); });
        };
        c.add("nspid", QT_TRANSLATE_NOOP("nsx::backend", "NSpid"), nspid(a), nspid(b)).brief =
            "nspid";
    }
    for (NsType t : kAllNsTypes)
        c.number(toString(t), kNamespaceLabels[index(t)], a.namespaces[index(t)],
                 b.namespaces[index(t)]);
    c.container(a.container, b.container, ca, cb);
    return c.take();
}

std::vector<FieldChange> containerChanges(const Container& a, const Container& b)
{
    Changes c;
    c.text("name", QT_TRANSLATE_NOOP("nsx::backend", "Name"), a.name, b.name);
    c.text("engine", QT_TRANSLATE_NOOP("nsx::backend", "Engine"), a.engine, b.engine);
    c.text("image", QT_TRANSLATE_NOOP("nsx::backend", "Image"), a.image, b.image);
    c.text("pod", QT_TRANSLATE_NOOP("nsx::backend", "Pod"), a.pod, b.pod);
    c.text("pod_namespace", QT_TRANSLATE_NOOP("nsx::backend", "Pod namespace"), a.podNamespace,
           b.podNamespace);
    c.text("project", QT_TRANSLATE_NOOP("nsx::backend", "Project"), a.project, b.project);
    c.text("unit", QT_TRANSLATE_NOOP("nsx::backend", "Unit"), a.unit, b.unit);
    c.text("app_id", QT_TRANSLATE_NOOP("nsx::backend", "App id"), a.appId, b.appId);
    if (a.labels != b.labels) {
        const auto labels = [](const Container& x) {
            return join(x.labels, ";", [](const auto& kv) { return kv.first + "=" + kv.second; });
        };
        c.add("labels", QT_TRANSLATE_NOOP("nsx::backend", "Labels"), labels(a), labels(b)).brief =
            "labels";
    }
    c.number("pid", QT_TRANSLATE_NOOP("nsx::backend", "Pid"), a.pid, b.pid);
    c.text("source", QT_TRANSLATE_NOOP("nsx::backend", "Source"), a.source, b.source);
    c.number("owner_uid", QT_TRANSLATE_NOOP("nsx::backend", "Owner uid"), a.ownerUid, b.ownerUid);
    return c.take();
}

std::string diffToText(const SnapshotDiff& d, Translator words)
{
    const auto before = [&d](const auto& x) {
        return findContainerIn(d.containersBefore, x.container);
    };
    const auto after = [&d](const auto& x) {
        return findContainerIn(d.containersAfter, x.container);
    };
    const auto say = [words](const char* marked, std::vector<RequestText> args) {
        return RequestText(marked, std::move(args)).text(words);
    };
    const auto nsLine = [&](const Namespace& ns) {
        std::string refs;
        for (const Reference& r : ns.references)
            refs += r.kind == Reference::Kind::BindMount
                        ? ", bind:" + displayString(r.path)
                        : ", fd:" + std::to_string(r.pid) + "/" + std::to_string(r.fd);
        return say(QT_TRANSLATE_NOOP("DiffText", "%1 (%2 procs%3)"),
                   {nsTitle(ns), std::to_string(ns.processes.size()), refs});
    };
    const auto procLine = [&](const Process& p) {
        return say(QT_TRANSLATE_NOOP("DiffText", "process %1 %2"),
                   {std::to_string(p.pid), displayString(p.comm)});
    };
    const auto containerLine = [&](const Container& c) {
        return say(QT_TRANSLATE_NOOP("DiffText", "container %1 %2"),
                   {displayString(c.key),
                    displayString(containerText(c.key, &c).value_or(std::string()))});
    };
    std::string out;
    for (const Namespace& ns : d.namespacesAdded)
        out += "+ " + nsLine(ns) + "\n";
    for (const Namespace& ns : d.namespacesRemoved)
        out += "- " + nsLine(ns) + "\n";
    for (const auto& c : d.namespacesChanged)
        out += "~ " + nsTitle(c.after) + ": " +
               changesText(namespaceChanges(c.before, c.after, before(c.before), after(c.after))) +
               "\n";
    for (const InterfaceMove& m : d.interfacesMoved) {
        const std::string from = "net:[" + std::to_string(m.from) + "]";
        const std::string to = "net:[" + std::to_string(m.to) + "]";
        out += "> " +
               (m.toName != m.name
                    ? say(QT_TRANSLATE_NOOP("DiffText", "interface %1 (%2) moved %3 -> %4 as %5"),
                          {displayString(m.name), m.mac, from, to, displayString(m.toName)})
                    : say(QT_TRANSLATE_NOOP("DiffText", "interface %1 (%2) moved %3 -> %4"),
                          {displayString(m.name), m.mac, from, to})) +
               "\n";
    }
    for (const Process& p : d.processesAdded)
        out += "+ " + procLine(p) + "\n";
    for (const Process& p : d.processesRemoved)
        out += "- " + procLine(p) + "\n";
    for (const auto& c : d.processesChanged)
        out += "~ " + procLine(c.after) + ": " +
               changesText(processChanges(c.before, c.after, before(c.before), after(c.after))) +
               "\n";
    for (const Container& c : d.containersAdded)
        out += "+ " + containerLine(c) + "\n";
    for (const Container& c : d.containersRemoved)
        out += "- " + containerLine(c) + "\n";
    for (const auto& c : d.containersChanged)
        out += "~ " + containerLine(c.after) + ": " +
               changesText(containerChanges(c.before, c.after)) + "\n";
    const auto counts = [&](std::size_t a, std::size_t r, std::size_t c) {
        return say(QT_TRANSLATE_NOOP("DiffText", "%1 added, %2 removed, %3 changed"),
                   {std::to_string(a), std::to_string(r), std::to_string(c)});
    };
    const std::string namespaces =
        counts(d.namespacesAdded.size(), d.namespacesRemoved.size(), d.namespacesChanged.size());
    const std::string processes =
        counts(d.processesAdded.size(), d.processesRemoved.size(), d.processesChanged.size());
    // Named only when containers changed, so that a diff of snapshots without any stays as it was.
    if (!d.containersAdded.empty() || !d.containersRemoved.empty() || !d.containersChanged.empty())
        out += say(QT_TRANSLATE_NOOP("DiffText", "namespaces: %1; processes: %2; containers: %3"),
                   {namespaces, processes,
                    counts(d.containersAdded.size(), d.containersRemoved.size(),
                           d.containersChanged.size())});
    else
        out += say(QT_TRANSLATE_NOOP("DiffText", "namespaces: %1; processes: %2"),
                   {namespaces, processes});
    out += "\n";
    return out;
}

} // namespace nsx::backend
