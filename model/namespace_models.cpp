#include "namespace_models.h"

#include <algorithm>

namespace nsx::model {

using backend::Namespace;
using backend::NsType;
using backend::Process;
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
    std::vector<Field> f{Field::Name, Field::Pid,   Field::PidInside,
                         Field::User, Field::State, Field::Command};
    for (std::size_t t = 0; t < backend::kNsTypeCount; ++t)
        f.push_back(Field(int(Field::NsFirst) + int(t)));
    return f;
}

bool sameNamespace(const Namespace& a, const Namespace& b)
{
    return a.type == b.type && a.inode == b.inode;
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
        const int base = int(layout.rows.size());
        pids.clear();
        for (int pid : ns.processes) {
            if (!pids.empty() && pids.back() == pid)
                continue;
            const Process* p = s.findProcess(pid);
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
        // Nest by parent pid inside the namespace; pids are ascending, rows follow them.
        for (std::size_t i = 0; i < pids.size(); ++i) {
            const Process* p = processOf(layout.rows[base + i].entry);
            if (p->ppid == p->pid)
                continue;
            auto it = std::lower_bound(pids.begin(), pids.end(), p->ppid);
            if (it != pids.end() && *it == p->ppid)
                layout.rows[base + i].parent = base + int(it - pids.begin());
        }
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

} // namespace nsx::model
