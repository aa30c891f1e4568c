#include "namespace_models.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace nsx::model {

using backend::Namespace;
using backend::NsType;
using backend::Process;
using backend::ProcessCursor;
using backend::Snapshot;

namespace {

std::vector<Field> namespaceFields()
{
    return {Field::Name,    Field::Inode,    Field::Processes, Field::Owner, Field::Holders,
            Field::Leader,  Field::Hostname, Field::Container, Field::Pid,   Field::PidInside,
            Field::Command, Field::User,     Field::State};
}

std::vector<Field> processFields()
{
    std::vector<Field> f{Field::Name,  Field::Pid,       Field::PidInside, Field::User,
                         Field::State, Field::Container, Field::Command};
    for (std::size_t t = 0; t < backend::kNsTypeCount; ++t)
        f.push_back(Field(int(Field::NsFirst) + int(t)));
    return f;
}

bool sameNamespace(const Namespace& a, const Namespace& b)
{
    return a.type == b.type && a.inode == b.inode;
}

// A namespace's processes as rows under nsRow, nested by parent pid inside the namespace (a
// process whose parent is elsewhere is a top-level child of the namespace row).
void addNamespaceProcesses(const Snapshot& s, const Namespace& ns, int nsRow, Layout& layout,
                           std::vector<int>& pids)
{
    const int base = int(layout.rows.size());
    pids.clear();
    ProcessCursor members(s.processes);
    for (int pid : ns.processes) {
        if (!pids.empty() && pids.back() == pid)
            continue;
        const Process* p = members.find(pid);
        if (!p)
            continue;
        pids.push_back(pid);
        RowKey k;
        k.kind = RowKind::Process;
        k.type = std::uint8_t(ns.type);
        k.inode = ns.inode;
        k.pid = pid;
        k.instance = p->startTime;
        layout.add(k, nsRow, p);
    }
    // pids are ascending, rows follow them.
    for (std::size_t i = 0; i < pids.size(); ++i) {
        const Process* p = processOf(layout.rows[base + i].entry);
        if (p->ppid == p->pid)
            continue;
        auto it = std::lower_bound(pids.begin(), pids.end(), p->ppid);
        if (it != pids.end() && *it == p->ppid)
            layout.rows[base + i].parent = base + int(it - pids.begin());
    }
}

} // namespace

// --- by type ---------------------------------------------------------------------------------

ByTypeModel::ByTypeModel(QObject* parent) : SnapshotTreeModel(namespaceFields(), parent) {}

RowKey ByTypeModel::processKey(const Snapshot&, const Process& p) const
{
    // A process is listed under each of its namespaces; its PID namespace is where to find it.
    for (NsType t : {NsType::Pid, NsType::User, NsType::Mnt}) {
        if (const auto& ino = p.namespaces[backend::index(t)]) {
            RowKey k;
            k.kind = RowKind::Process;
            k.type = std::uint8_t(t);
            k.inode = *ino;
            k.pid = p.pid;
            k.instance = p.startTime;
            return k;
        }
    }
    return {};
}

void ByTypeModel::buildLayout(const Snapshot& s, Layout& layout) const
{
    layout.rows.reserve(s.namespaces.size() * 2 + s.processes.size() * backend::kNsTypeCount);
    int group = -1;
    const Namespace* previous = nullptr;
    std::vector<int> pids;
    for (const Namespace& ns : s.namespaces) {
        if (previous && sameNamespace(*previous, ns))
            continue; // a malformed offline file must not produce duplicate keys
        if (!previous || previous->type != ns.type) {
            RowKey g;
            g.kind = RowKind::TypeGroup;
            g.type = std::uint8_t(ns.type);
            group = layout.add(g, -1);
        }
        previous = &ns;
        const int nsRow = layout.add(namespaceKey(ns), group, &ns);
        addNamespaceProcesses(s, ns, nsRow, layout, pids);
    }
}

// --- hierarchy -------------------------------------------------------------------------------

HierarchyModel::HierarchyModel(QObject* parent) : SnapshotTreeModel(namespaceFields(), parent) {}

QString HierarchyModel::sectionTitle(int section) const
{
    return section == 0 ? tr("User namespaces and what they own") : tr("PID namespace nesting");
}

void HierarchyModel::buildLayout(const Snapshot& s, Layout& layout) const
{
    RowKey sec;
    sec.kind = RowKind::Section;
    sec.section = 0;
    const int owners = layout.add(sec, -1);
    sec.section = 1;
    const int nesting = layout.add(sec, -1);

    const std::size_t n = s.namespaces.size();
    std::vector<int> rowOf(n, -1);
    auto userRow = [&](std::uint64_t inode) {
        const Namespace* u = s.findNamespace(NsType::User, inode);
        return u ? rowOf[std::size_t(u - s.namespaces.data())] : -1;
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && sameNamespace(s.namespaces[i - 1], s.namespaces[i]))
            continue;
        rowOf[i] = layout.add(namespaceKey(s.namespaces[i]), owners, &s.namespaces[i]);
    }
    // A user namespace hangs under its parent; any other under its owning user namespace.
    for (std::size_t i = 0; i < n; ++i) {
        if (rowOf[i] < 0)
            continue;
        const Namespace& ns = s.namespaces[i];
        const auto up = ns.type == NsType::User ? ns.parent : ns.owner;
        if (up && !(ns.type == NsType::User && *up == ns.inode)) {
            const int r = userRow(*up);
            if (r >= 0)
                layout.rows[rowOf[i]].parent = r;
        }
    }
    // PID namespaces, nested by parent.
    std::vector<int> pidRow(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        if (rowOf[i] >= 0 && s.namespaces[i].type == NsType::Pid)
            pidRow[i] = layout.add(namespaceKey(s.namespaces[i], 1), nesting, &s.namespaces[i]);
    for (std::size_t i = 0; i < n; ++i) {
        if (pidRow[i] < 0 || !s.namespaces[i].parent ||
            *s.namespaces[i].parent == s.namespaces[i].inode)
            continue;
        if (const Namespace* p = s.findNamespace(NsType::Pid, *s.namespaces[i].parent)) {
            const int r = pidRow[std::size_t(p - s.namespaces.data())];
            if (r >= 0)
                layout.rows[pidRow[i]].parent = r;
        }
    }
}

// --- processes -------------------------------------------------------------------------------

ProcessTreeModel::ProcessTreeModel(QObject* parent) : SnapshotTreeModel(processFields(), parent) {}

RowKey ProcessTreeModel::processKey(const Snapshot&, const Process& p) const
{
    RowKey k;
    k.kind = RowKind::Process;
    k.pid = p.pid;
    k.instance = p.startTime;
    return k;
}

void ProcessTreeModel::buildLayout(const Snapshot& s, Layout& layout) const
{
    layout.rows.reserve(s.processes.size());
    std::vector<int> rowOf(s.processes.size(), -1);
    for (std::size_t i = 0; i < s.processes.size(); ++i) {
        const Process& p = s.processes[i];
        if (i > 0 && s.processes[i - 1].pid == p.pid)
            continue;
        rowOf[i] = layout.add(processKey(s, p), -1, &p);
    }
    for (std::size_t i = 0; i < s.processes.size(); ++i) {
        const Process& p = s.processes[i];
        if (rowOf[i] < 0 || p.ppid == p.pid || p.ppid <= 0)
            continue;
        if (const Process* parent = s.findProcess(p.ppid))
            layout.rows[rowOf[i]].parent = rowOf[std::size_t(parent - s.processes.data())];
    }
}

// --- containers ------------------------------------------------------------------------------

ContainersModel::ContainersModel(QObject* parent) : SnapshotTreeModel(namespaceFields(), parent) {}

std::uint64_t ContainersModel::intern(const std::string& text) const
{
    // Ids from 1 up, in order of first sight, kept for the model's life: a row's key stays the
    // same while its engine, pod or container does (the strings are few: one per container).
    auto [it, added] = m_ids.try_emplace(text, m_ids.size() + 1);
    return it->second;
}

RowKey ContainersModel::processKey(const Snapshot& s, const Process& p) const
{
    // Under the first of its container's namespaces that it is in (findProcess looks here).
    if (const backend::Container* c = findContainer(s, p.container)) {
        for (NsType t : backend::kAllNsTypes) {
            const auto& ino = p.namespaces[backend::index(t)];
            if (!ino)
                continue;
            const Namespace* ns = s.findNamespace(t, *ino);
            if (ns && ns->container == c->key) {
                RowKey k;
                k.kind = RowKind::Process;
                k.type = std::uint8_t(t);
                k.inode = *ino;
                k.pid = p.pid;
                k.instance = p.startTime;
                return k;
            }
        }
        RowKey k; // a container with no namespace of its own lists its processes itself
        k.kind = RowKind::Process;
        k.inode = intern(c->key);
        k.pid = p.pid;
        k.instance = p.startTime;
        return k;
    }
    return {};
}

void ContainersModel::buildLayout(const Snapshot& s, Layout& layout) const
{
    // Containers by engine, then pod (engines that have pods: kubernetes, podman), by key.
    std::vector<const backend::Container*> order;
    order.reserve(s.containers.size());
    std::unordered_set<std::string_view> keys; // a malformed file: no duplicate rows
    for (const backend::Container& c : s.containers)
        if (keys.insert(c.key).second)
            order.push_back(&c);
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
        return std::tie(a->engine, a->podNamespace, a->pod) <
               std::tie(b->engine, b->podNamespace, b->pod);
    });
    // Namespaces and processes of each container.
    std::unordered_map<std::string_view, std::vector<const Namespace*>> namespacesOf;
    const Namespace* previous = nullptr;
    for (const Namespace& ns : s.namespaces) {
        if (previous && sameNamespace(*previous, ns))
            continue;
        previous = &ns;
        if (ns.container)
            namespacesOf[*ns.container].push_back(&ns);
    }
    std::unordered_map<std::string_view, std::vector<const Process*>> loneProcesses;
    for (const Process& p : s.processes)
        if (p.container)
            loneProcesses[*p.container].push_back(&p);

    int engineRow = -1, podRow = -1;
    const backend::Container* last = nullptr;
    std::vector<int> pids;
    for (const backend::Container* c : order) {
        if (!last || last->engine != c->engine) {
            RowKey k;
            k.kind = RowKind::Engine;
            k.inode = intern(c->engine);
            engineRow = layout.add(k, -1, c);
            podRow = -1;
        }
        if (c->pod && (!last || last->engine != c->engine || last->pod != c->pod ||
                       last->podNamespace != c->podNamespace)) {
            RowKey k;
            k.kind = RowKind::Pod;
            k.inode =
                intern(c->engine + '\0' + c->podNamespace.value_or(std::string()) + '\0' + *c->pod);
            podRow = layout.add(k, engineRow, c);
        } else if (!c->pod) {
            podRow = -1;
        }
        last = c;
        RowKey k;
        k.kind = RowKind::Container;
        k.inode = intern(c->key);
        const int cRow = layout.add(k, podRow >= 0 ? podRow : engineRow, c);
        auto nss = namespacesOf.find(c->key);
        if (nss != namespacesOf.end()) {
            for (const Namespace* ns : nss->second)
                addNamespaceProcesses(s, *ns, layout.add(namespaceKey(*ns), cRow, ns), layout,
                                      pids);
            continue;
        }
        // No namespace of its own (a service that shares the host's): its processes.
        if (auto ps = loneProcesses.find(c->key); ps != loneProcesses.end()) {
            int previousPid = -1;
            for (const Process* p : ps->second) {
                if (p->pid == previousPid)
                    continue;
                previousPid = p->pid;
                layout.add(processKey(s, *p), cRow, p);
            }
        }
    }
}

} // namespace nsx::model
