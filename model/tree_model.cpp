#include "tree_model.h"

#include <QStringList>

#include <algorithm>

namespace nsx::model {

using backend::Namespace;
using backend::NsType;
using backend::Process;
using backend::Snapshot;

std::shared_ptr<const SnapshotInfo> SnapshotInfo::make(SnapshotPtr snapshot)
{
    auto info = std::make_shared<SnapshotInfo>();
    info->snapshot = std::move(snapshot);
    const Snapshot& s = *info->snapshot;
    for (const Process& p : s.processes)
        if (p.uid && p.user && !info->users.contains(*p.uid))
            info->users.emplace(*p.uid, printable(*p.user));
    info->initialKnown = backend::initialNamespaces(s);
    for (std::size_t t = 0; t < backend::kNsTypeCount; ++t)
        info->initial[t] = info->initialKnown[t].value_or(0);
    return info;
}

QString SnapshotInfo::userName(std::uint32_t uid) const
{
    auto it = users.find(uid);
    return it != users.end() ? it->second : QString::number(uid);
}

bool SnapshotInfo::isInitial(NsType type, std::uint64_t inode) const
{
    return initial[index(type)] != 0 && initial[index(type)] == inode;
}

// ---------------------------------------------------------------------------------------------

SnapshotTreeModel::SnapshotTreeModel(std::vector<Field> fields, QObject* parent)
    : KeyedTreeModel(int(fields.size()), parent), m_fields(std::move(fields))
{}

SnapshotTreeModel::~SnapshotTreeModel() = default;

SnapshotPtr SnapshotTreeModel::snapshot() const
{
    return m_info ? m_info->snapshot : nullptr;
}

int SnapshotTreeModel::columnOf(Field field) const
{
    auto it = std::find(m_fields.begin(), m_fields.end(), field);
    return it == m_fields.end() ? -1 : int(it - m_fields.begin());
}

void SnapshotTreeModel::clear()
{
    beginResetModel();
    clearRows();
    m_nsKeyIds.clear();
    m_info.reset();
    m_vanishedInfo.reset();
    m_textMemo.clear();
    m_sameMemo.clear();
    endResetModel();
    emit snapshotApplied();
}

void SnapshotTreeModel::setSnapshot(SnapshotPtr snapshot, Update mode)
{
    if (!snapshot)
        return clear();
    auto info = SnapshotInfo::make(snapshot);
    rekeyNamespaces(*snapshot, mode == Update::Reset || !m_info);
    Layout layout;
    buildLayout(*snapshot, layout);

    if (mode == Update::Reset || !m_info) {
        beginResetModel();
        m_info = info;
        m_textMemo.clear();
        m_vanishedInfo.reset();
        resetRows(layout);
        endResetModel();
        emit snapshotApplied();
        return;
    }
    // Old entries stay readable until every row points into the new snapshot.
    const std::shared_ptr<const SnapshotInfo> oldInfo = m_info;
    const std::shared_ptr<const SnapshotInfo> oldVanished = m_vanishedInfo;
    m_info = info;
    m_sameMemo.clear();
    m_textMemo.clear();
    m_oldInfo = oldInfo.get();
    noteRenamed(*oldInfo, *info);
    reconcileRows(layout);
    m_oldInfo = nullptr;
    m_vanishedInfo = oldInfo;
    removeStale();
    emit snapshotApplied();
}

void SnapshotTreeModel::noteRenamed(const SnapshotInfo& before, const SnapshotInfo& after)
{
    // What names a namespace (shortName) changed: the cells of unchanged processes that show
    // the name must still be compared (see changedColumns).
    m_renamed.clear();
    // A container renamed (docker rename keeps the id, so the key) or gone: the Container cells
    // of its namespaces and processes change though those entries did not.
    m_changedContainers.clear();
    for (const backend::Container& c : after.snapshot->containers)
        if (const backend::Container* old = before.snapshot->findContainer(c.key);
            !old || !(*old == c))
            m_changedContainers.insert(c.key);
    for (const backend::Container& c : before.snapshot->containers)
        if (!after.snapshot->findContainer(c.key))
            m_changedContainers.insert(c.key);
    m_allRenamed = before.initial != after.initial;
    if (m_allRenamed)
        return;
    for (const Namespace& ns : after.snapshot->namespaces)
        if (const Namespace* old = before.snapshot->findNamespace(ns.type, ns.inode))
            if (old->details.hostname != ns.details.hostname || old->references != ns.references ||
                old->launcher != ns.launcher)
                m_renamed.insert(nsSlot(ns.type, ns.inode));
}

bool SnapshotTreeModel::containerChanged(const std::optional<std::string>& key) const
{
    return key && !m_changedContainers.empty() && m_changedContainers.contains(*key);
}

bool SnapshotTreeModel::inRenamed(const Process& p) const
{
    if (m_allRenamed || containerChanged(p.container))
        return true;
    if (m_renamed.empty())
        return false;
    for (NsType t : backend::kAllNsTypes)
        if (const auto& ino = p.namespaces[backend::index(t)])
            if (m_renamed.contains(nsSlot(t, *ino)))
                return true;
    return false;
}

void SnapshotTreeModel::rekeyNamespaces(const Snapshot& s, bool reset)
{
    std::unordered_map<std::uint64_t, NsKeyId> next;
    next.reserve(s.namespaces.size() + (reset ? 0 : m_nsKeyIds.size() / 8));
    for (const Namespace& ns : s.namespaces) {
        const std::uint64_t slot = nsSlot(ns.type, ns.inode);
        NsKeyId e;
        bool had = false;
        if (!reset)
            if (auto it = m_nsKeyIds.find(slot); it != m_nsKeyIds.end()) {
                e = it->second;
                had = true;
            }
        if (ns.id) {
            if (!had || (e.lastId && e.lastId != *ns.id))
                e.keyId = *ns.id; // first seen, or a new namespace under the inode
            e.lastId = *ns.id;
        }
        e.gone = false;
        next.emplace(slot, e);
    }
    // Gone namespaces stay one snapshot more, as their greyed rows do: one that comes back
    // under the inode meanwhile is told apart from them by its id.
    if (!reset)
        for (const auto& [slot, e] : m_nsKeyIds)
            if (!e.gone && next.find(slot) == next.end()) {
                NsKeyId g = e;
                g.gone = true;
                next.emplace(slot, g);
            }
    m_nsKeyIds.swap(next);
}

RowKey SnapshotTreeModel::namespaceKey(const Namespace& ns, std::uint8_t section) const
{
    RowKey k;
    k.kind = RowKind::Namespace;
    k.section = section;
    k.type = std::uint8_t(ns.type);
    k.inode = ns.inode;
    auto it = m_nsKeyIds.find(nsSlot(ns.type, ns.inode));
    k.instance = it != m_nsKeyIds.end() ? it->second.keyId : ns.id.value_or(0);
    return k;
}

const SnapshotInfo& SnapshotTreeModel::infoFor(const Node& node) const
{
    return node.vanished && m_vanishedInfo ? *m_vanishedInfo : *m_info;
}

quint64 SnapshotTreeModel::changedColumns(const Node& node, const RowEntry& oldEntry,
                                          const RowEntry& newEntry) const
{
    const SnapshotInfo& oldInfo = *m_oldInfo;
    // Fast path: an unchanged entry changes no cell (the common case on every poll).
    switch (node.key.kind) {
    case RowKind::Process: {
        // A process is listed under several rows (By type shows it under each of its eight
        // namespaces): compare its entries once per poll, not once per row.
        const Process* a = processOf(oldEntry);
        const Process* b = processOf(newEntry);
        const auto& procs = m_info->snapshot->processes;
        const std::size_t i = procs.empty() ? 0 : std::size_t(b - procs.data());
        if (i < procs.size() && &procs[i] == b) {
            if (m_sameMemo.size() != procs.size())
                m_sameMemo.assign(procs.size(), {nullptr, false});
            auto& memo = m_sameMemo[i];
            if (memo.first != a)
                memo = {a, *a == *b};
            if (memo.second && !inRenamed(*b))
                return 0;
        } else if (*a == *b && !inRenamed(*b)) {
            return 0;
        }
        break;
    }
    case RowKind::Namespace: {
        const Namespace& a = *namespaceOf(oldEntry);
        const Namespace& b = *namespaceOf(newEntry);
        if (a == b && !m_allRenamed && !containerChanged(b.container)) {
            // The leader's command lives in the process entry: compare it as well.
            const Process* la =
                a.processes.empty() ? nullptr : oldInfo.snapshot->findProcess(a.processes[0]);
            const Process* lb =
                b.processes.empty() ? nullptr : m_info->snapshot->findProcess(b.processes[0]);
            if ((!la && !lb) || (la && lb && la->comm == lb->comm))
                return 0;
        }
        break;
    }
    default:
        break;
    }
    quint64 mask = 0;
    for (int c = 0; c < int(m_fields.size()) && c < 64; ++c) {
        if (cell(oldInfo, node, oldEntry, m_fields[c], Qt::DisplayRole) !=
                cell(*m_info, node, newEntry, m_fields[c], Qt::DisplayRole) ||
            cell(oldInfo, node, oldEntry, m_fields[c], Qt::ToolTipRole) !=
                cell(*m_info, node, newEntry, m_fields[c], Qt::ToolTipRole))
            mask |= quint64(1) << c;
    }
    return mask;
}

const Namespace* SnapshotTreeModel::namespaceAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return namespaceOf(nodeOf(index)->entry);
}

const Process* SnapshotTreeModel::processAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return processOf(nodeOf(index)->entry);
}

QModelIndex SnapshotTreeModel::findNamespace(NsType type, std::uint64_t inode) const
{
    RowKey key;
    key.kind = RowKind::Namespace;
    key.type = std::uint8_t(type);
    key.inode = inode;
    if (auto it = m_nsKeyIds.find(nsSlot(type, inode)); it != m_nsKeyIds.end())
        key.instance = it->second.keyId; // the latest namespace with the inode (or a greyed one)
    return indexOfKey(key);
}

QModelIndex SnapshotTreeModel::findProcess(int pid) const
{
    if (!m_info)
        return {};
    const Process* p = m_info->snapshot->findProcess(pid);
    if (!p)
        return {};
    RowKey key = processKey(*m_info->snapshot, *p);
    return key.kind == RowKind::Process ? indexOfKey(key) : QModelIndex();
}

RowKey SnapshotTreeModel::processKey(const Snapshot&, const Process&) const
{
    return {};
}

QString SnapshotTreeModel::sectionTitle(int) const
{
    return {};
}

QString SnapshotTreeModel::fieldTitle(Field field)
{
    switch (field) {
    case Field::Name:
        return tr("Name");
    case Field::Inode:
        return tr("Inode");
    case Field::Processes:
        return tr("Processes");
    case Field::Owner:
        return tr("Owner");
    case Field::Holders:
        return tr("Held by");
    case Field::Leader:
        return tr("Leader");
    case Field::Hostname:
        return tr("Hostname");
    case Field::Container:
        return tr("Container");
    case Field::Pid:
        return tr("PID");
    case Field::PidInside:
        return tr("PID inside");
    case Field::Command:
        return tr("Command line");
    case Field::User:
        return tr("User");
    case Field::State:
        return tr("State");
    default:
        break;
    }
    const int t = int(field) - int(Field::NsFirst);
    if (t >= 0 && t < int(backend::kNsTypeCount))
        return QString::fromLatin1(toString(backend::kAllNsTypes[t]));
    return {};
}

QVariant SnapshotTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= int(m_fields.size()))
        return {};
    const Field f = m_fields[section];
    if (role == Qt::DisplayRole)
        return fieldTitle(f);
    if (role == Qt::ToolTipRole) {
        if (int(f) >= int(Field::NsFirst))
            return tr("The process's %1 namespace, shown where it differs from its parent's")
                .arg(fieldTitle(f));
        if (f == Field::PidInside)
            return tr("The process's PID inside its own PID namespace (last NSpid)");
        if (f == Field::Container)
            return tr("The container, sandbox, app or service it belongs to (engine: name); "
                      "else what started the namespace");
    }
    return {};
}

namespace {
// Printable ASCII only: shown as it is (the common case, checked without building strings).
bool plainAscii(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7F;
    });
}
// What the filter matches for a kernel string: what the user sees, and the raw text too when
// it differs (a pasted name with its U+202E still finds the process).
void appendRaw(QString& text, const std::string& bytes)
{
    if (!plainAscii(bytes))
        text += QLatin1Char('\n') + QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}
void appendSearchable(QString& text, const std::string& bytes)
{
    text += QLatin1Char('\n') + printable(bytes);
    appendRaw(text, bytes);
}
void appendSearchable(QString& text, const Process& p)
{
    appendSearchable(text, p.comm);
    text += QLatin1Char('\n') + SnapshotTreeModel::commandLine(p);
    for (const std::string& a : p.cmdline)
        appendRaw(text, a);
}
} // namespace

QString SnapshotTreeModel::commandLine(const Process& p)
{
    if (p.cmdline.empty())
        return QLatin1Char('[') + printable(p.comm) + QLatin1Char(']');
    QStringList parts;
    parts.reserve(qsizetype(p.cmdline.size()));
    for (const std::string& a : p.cmdline)
        parts << printable(a);
    return parts.join(QLatin1Char(' '));
}

namespace {

QString holdersText(const Namespace& ns, bool full)
{
    QStringList parts;
    if (!ns.processes.empty())
        parts << SnapshotTreeModel::tr("%n process(es)", nullptr, int(ns.processes.size()));
    if (!ns.threads.empty())
        parts << SnapshotTreeModel::tr("%n thread(s)", nullptr, int(ns.threads.size()));
    int shown = 0;
    for (const backend::Reference& r : ns.references) {
        if (!full && shown == 2) {
            parts << SnapshotTreeModel::tr("+%1 more").arg(ns.references.size() - 2);
            break;
        }
        if (r.kind == backend::Reference::Kind::BindMount)
            parts << SnapshotTreeModel::tr("bind mount %1").arg(printable(r.path));
        else
            parts << SnapshotTreeModel::tr("fd %1 of pid %2").arg(r.fd).arg(r.pid);
        ++shown;
    }
    if (parts.isEmpty())
        return SnapshotTreeModel::tr("other namespaces only");
    return parts.join(QLatin1String(", "));
}

QString ownerUser(const SnapshotInfo& info, const Namespace& ns)
{
    const Namespace* userNs =
        ns.type == NsType::User
            ? &ns
            : (ns.owner ? info.snapshot->findNamespace(NsType::User, *ns.owner) : nullptr);
    if (!userNs || !userNs->ownerUid)
        return {};
    return info.userName(*userNs->ownerUid);
}

} // namespace

QString SnapshotTreeModel::inodeName(NsType type, std::uint64_t inode)
{
    return QStringLiteral("%1:[%2]").arg(QLatin1String(toString(type))).arg(inode);
}

QString SnapshotTreeModel::shortName(const SnapshotInfo& info, const Namespace& ns)
{
    // What the namespace is, most telling first: the hostname a uts namespace gives, the name
    // `ip netns` gave a network namespace, another bind mount, what launched it, the host's.
    if (ns.type == NsType::Uts && ns.details.hostname && !ns.details.hostname->empty())
        return printable(*ns.details.hostname);
    static const std::string kNetns = "/run/netns/";
    for (const backend::Reference& r : ns.references)
        if (r.kind == backend::Reference::Kind::BindMount && r.path.starts_with(kNetns) &&
            r.path.size() > kNetns.size())
            return printable(r.path.substr(kNetns.size()));
    if (ns.launcher && !ns.launcher->kind.empty()) {
        // A launcher of no known kind ("other") is named by its command instead.
        const std::string& what = ns.launcher->kind == "other" && !ns.launcher->comm.empty()
                                      ? ns.launcher->comm
                                      : ns.launcher->kind;
        return ns.launcher->pid
                   ? QStringLiteral("%1 %2").arg(printable(what)).arg(*ns.launcher->pid)
                   : printable(what);
    }
    for (const backend::Reference& r : ns.references)
        if (r.kind == backend::Reference::Kind::BindMount && !r.path.empty())
            return printable(r.path);
    if (info.isInitial(ns.type, ns.inode))
        return tr("host");
    return {};
}

QString SnapshotTreeModel::displayName(const SnapshotInfo& info, const Namespace& ns)
{
    const QString name = shortName(info, ns);
    if (name.isEmpty())
        return inodeName(ns.type, ns.inode);
    return QLatin1String(toString(ns.type)) + QLatin1Char(' ') + name;
}

QString SnapshotTreeModel::namespaceSearchText(const SnapshotInfo& info, const Namespace& ns) const
{
    // The inode, both as a number and as the kernel spells it (net:[4026531840]), and the name
    // the Name column shows.
    QString text = QString::number(ns.inode);
    text += QLatin1Char('\n') + inodeName(ns.type, ns.inode);
    if (ns.details.hostname)
        appendSearchable(text, *ns.details.hostname);
    const QString name = shortName(info, ns);
    if (!name.isEmpty())
        text += QLatin1Char('\n') + name;
    appendContainerText(text, info, ns.container);
    return text;
}

void SnapshotTreeModel::appendContainerText(QString& text, const SnapshotInfo& info,
                                            const std::optional<std::string>& key)
{
    // Its container by name, engine and "engine: name" (as the column shows it), and its id.
    if (const backend::Container* c = findContainer(*info.snapshot, key)) {
        text += QLatin1Char('\n') + containerLabel(*c);
        appendSearchable(text, c->name);
        appendSearchable(text, c->engine);
        if (c->id != c->name)
            appendSearchable(text, c->id);
    }
}

const backend::Container* SnapshotTreeModel::findContainer(const Snapshot& s,
                                                           const std::optional<std::string>& key)
{
    return key ? s.findContainer(*key) : nullptr;
}

QString SnapshotTreeModel::containerLabel(const backend::Container& c)
{
    return printable(backend::containerTitle(c));
}

QString SnapshotTreeModel::containerSummary(const backend::Container& c)
{
    QStringList lines;
    lines << containerLabel(c);
    auto add = [&](const QString& label, const std::optional<std::string>& v) {
        if (v && !v->empty())
            lines << QStringLiteral("%1: %2").arg(label, printable(*v));
    };
    if (c.id != c.name)
        add(tr("Id"), c.id.substr(0, 12));
    add(tr("Image"), c.image);
    add(tr("Pod"), c.pod);
    add(tr("Pod namespace"), c.podNamespace);
    add(tr("Project"), c.project);
    add(tr("Unit"), c.unit);
    add(tr("App id"), c.appId);
    if (c.pid)
        lines << tr("Init pid: %1").arg(*c.pid);
    add(tr("Source"), c.source);
    return lines.join(QLatin1Char('\n'));
}

template <typename F>
QString SnapshotTreeModel::memoized(const SnapshotInfo& info, const void* entry, F&& make) const
{
    // Only for the snapshot shown (not the one vanished rows still point into); cleared when
    // the next one is applied, so it never outlives the entries it is keyed by.
    if (&info != m_info.get())
        return make();
    auto [it, added] = m_textMemo.try_emplace(entry);
    if (added)
        it->second = make();
    return it->second;
}

QString SnapshotTreeModel::searchText(const SnapshotInfo& info, const Node& node) const
{
    switch (node.key.kind) {
    case RowKind::Namespace:
        return namespaceSearchText(info, *namespaceOf(node.entry));
    case RowKind::Process: {
        const Process& p = *processOf(node.entry);
        if (node.key.type != kNoType) {
            // Listed under each of its namespaces (By type): build the text once per poll.
            // The hostname of its uts namespace goes with the process wherever it is listed, as
            // in the Processes view: `box2` finds box2's processes under their net, pid... too.
            return memoized(info, &p, [&] {
                QString text = QString::number(p.pid);
                appendSearchable(text, p);
                appendContainerText(text, info, p.container);
                if (const auto& ino = p.namespaces[backend::index(NsType::Uts)])
                    if (const Namespace* uts = info.snapshot->findNamespace(NsType::Uts, *ino);
                        uts && uts->details.hostname)
                        appendSearchable(text, *uts->details.hostname);
                return text;
            });
        }
        QString text = QString::number(p.pid);
        appendSearchable(text, p);
        appendContainerText(text, info, p.container);
        {
            // The process view has no namespace rows: let inodes and hostnames find processes.
            for (NsType t : backend::kAllNsTypes) {
                if (const auto& ino = p.namespaces[backend::index(t)]) {
                    text += QLatin1Char('\n') + QString::number(*ino);
                    if (t == NsType::Uts)
                        if (const Namespace* uts = info.snapshot->findNamespace(t, *ino);
                            uts && uts->details.hostname)
                            appendSearchable(text, *uts->details.hostname);
                }
            }
        }
        return text;
    }
    case RowKind::Pod:
        if (const backend::Container* c = containerOf(node.entry)) {
            QString text;
            appendSearchable(text, c->pod.value_or(std::string()));
            if (c->podNamespace)
                appendSearchable(text, *c->podNamespace);
            return text;
        }
        return {};
    case RowKind::Container:
        if (const backend::Container* c = containerOf(node.entry)) {
            QString text = containerLabel(*c);
            appendSearchable(text, c->name);
            appendSearchable(text, c->engine);
            appendSearchable(text, c->id);
            for (const auto* v : {&c->image, &c->pod, &c->project, &c->unit, &c->appId})
                if (*v)
                    appendSearchable(text, **v);
            return text;
        }
        return {};
    default:
        return {};
    }
}

QVariant SnapshotTreeModel::containerRowCell(const Node& node, const RowEntry& entry, Field field,
                                             int role) const
{
    // An engine, pod or container row of the Containers view: its entry is the container
    // (for an engine or pod row, the first one of the group).
    const backend::Container* c = containerOf(entry);
    if (!c)
        return {};
    switch (node.key.kind) {
    case RowKind::Engine:
        if (field != Field::Name)
            return {};
        if (role == Qt::ToolTipRole)
            return tr("Containers, sandboxes, apps and services of %1").arg(printable(c->engine));
        return printable(c->engine);
    case RowKind::Pod:
        if (field != Field::Name)
            return {};
        if (role == Qt::ToolTipRole)
            return c->podNamespace ? tr("Pod %1 in namespace %2")
                                         .arg(printable(c->pod.value_or(std::string())),
                                              printable(*c->podNamespace))
                                   : tr("Pod %1").arg(printable(c->pod.value_or(std::string())));
        return printable(c->pod.value_or(std::string()));
    default:
        break;
    }
    switch (field) {
    case Field::Name:
        if (role == Qt::ToolTipRole)
            return containerSummary(*c);
        return printable(c->name);
    case Field::Container:
        if (role == Qt::ToolTipRole)
            return containerSummary(*c);
        return containerLabel(*c);
    case Field::Pid:
        if (role == Qt::ToolTipRole || !c->pid)
            return {};
        return role == Role::Sort ? QVariant(*c->pid) : QVariant(QString::number(*c->pid));
    case Field::Owner:
        // Whose name it is: a user's claim (a rootless engine, a sandbox, any process calling
        // itself conmon) says so here and in its label ("podman@1000: web").
        if (!c->ownerUid)
            return {};
        if (role == Qt::ToolTipRole)
            return tr("Named by user %1 (uid %2): a name that user chose")
                .arg(infoFor(node).userName(*c->ownerUid))
                .arg(*c->ownerUid);
        return infoFor(node).userName(*c->ownerUid);
    default:
        return {};
    }
}

QVariant SnapshotTreeModel::cell(const SnapshotInfo& info, const Node& node, const RowEntry& entry,
                                 Field field, int role) const
{
    const bool sort = role == Role::Sort;
    switch (node.key.kind) {
    case RowKind::Section:
        if (field == Field::Name && role != Qt::ToolTipRole)
            return sectionTitle(node.key.section);
        return {};
    case RowKind::TypeGroup: {
        const auto type = NsType(node.key.type);
        if (field != Field::Name)
            return {};
        const auto& nss = info.snapshot->namespaces;
        auto range =
            std::equal_range(nss.begin(), nss.end(), type, [](const auto& a, const auto& b) {
                if constexpr (std::is_same_v<std::decay_t<decltype(a)>, NsType>)
                    return a < b.type;
                else
                    return a.type < b;
            });
        const int n = int(range.second - range.first);
        if (role == Role::NamespaceCount)
            return n;
        if (role == Qt::ToolTipRole)
            return tr("%n %1 namespace(s)", nullptr, n).arg(QLatin1String(toString(type)));
        if (sort)
            return QString::fromLatin1(toString(type));
        return QStringLiteral("%1 (%2)").arg(QLatin1String(toString(type))).arg(n);
    }
    case RowKind::Namespace: {
        const Namespace& ns = *namespaceOf(entry);
        switch (field) {
        case Field::Name:
            if (role == Qt::ToolTipRole)
                return info.isInitial(ns.type, ns.inode)
                           ? tr("The initial %1 namespace (the host's: PID 1's, or kthreadd's when "
                                "PID 1 "
                                "cannot be read)")
                                 .arg(QLatin1String(toString(ns.type)))
                           : QVariant(inodeName(ns.type, ns.inode));
            return displayName(info, ns);
        case Field::Inode:
            if (role == Qt::ToolTipRole)
                return {};
            return sort ? QVariant(qulonglong(ns.inode)) : QVariant(QString::number(ns.inode));
        case Field::Processes:
            if (role == Qt::ToolTipRole)
                return {};
            return sort ? QVariant(int(ns.processes.size()))
                        : QVariant(QString::number(ns.processes.size()));
        case Field::Owner:
            if (role == Qt::ToolTipRole)
                return {};
            return ownerUser(info, ns);
        case Field::Holders:
            return holdersText(ns, role == Qt::ToolTipRole);
        case Field::Leader: {
            if (ns.processes.empty())
                return {};
            const Process* l = info.snapshot->findProcess(ns.processes.front());
            if (role == Qt::ToolTipRole)
                return l ? commandLine(*l) : QVariant();
            if (sort)
                return ns.processes.front();
            return l ? QStringLiteral("%1 %2").arg(l->pid).arg(printable(l->comm))
                     : QString::number(ns.processes.front());
        }
        case Field::Hostname:
            if (role == Qt::ToolTipRole || !ns.details.hostname)
                return {};
            return printable(*ns.details.hostname);
        case Field::Container:
            // Its container by name; else what launched it (a kind: "unshare", "bwrap").
            if (const backend::Container* c = findContainer(*info.snapshot, ns.container))
                return role == Qt::ToolTipRole ? containerSummary(*c) : containerLabel(*c);
            if (!ns.launcher)
                return {};
            if (role == Qt::ToolTipRole)
                return ns.launcher->pid ? tr("Started by pid %1 (%2)")
                                              .arg(*ns.launcher->pid)
                                              .arg(printable(ns.launcher->comm))
                                        : QVariant();
            return printable(ns.launcher->kind);
        default:
            return {};
        }
    }
    case RowKind::Process: {
        const Process& p = *processOf(entry);
        if (int(field) >= int(Field::NsFirst)) {
            const auto t = std::size_t(int(field) - int(Field::NsFirst));
            if (t >= backend::kNsTypeCount)
                return {};
            const NsType type = backend::kAllNsTypes[t];
            const auto& mine = p.namespaces[t];
            if (!mine)
                return role == Qt::ToolTipRole ? QVariant(tr("not readable")) : QVariant();
            const Process* parent = node.parent ? processOf(node.parent->entry) : nullptr;
            const bool differs = backend::differsFromParent(info.initialKnown, parent, type, *mine);
            // Where it differs: the namespace's name (the inode when it has none) and a mark
            // in the type's colour (Role::MarkType); where it is the parent's, nothing.
            const Namespace* ns = info.snapshot->findNamespace(type, *mine);
            const QString name = ns ? shortName(info, *ns) : QString();
            if (role == Qt::ToolTipRole) {
                // Only a differing cell names it: the others need no update when it changes.
                if (!differs)
                    return tr("%1\nThe parent's").arg(inodeName(type, *mine));
                QString tip = inodeName(type, *mine);
                if (!name.isEmpty())
                    tip += QStringLiteral(" — ") + name;
                return tr("%1\nDiffers from its parent's").arg(tip);
            }
            if (role == Role::MarkType)
                return differs ? QVariant(int(type)) : QVariant();
            if (!differs)
                return {};
            if (sort)
                return qulonglong(*mine);
            return name.isEmpty() ? QString::number(*mine) : name;
        }
        switch (field) {
        case Field::Name:
            if (role == Qt::ToolTipRole)
                return commandLine(p);
            // Under a namespace the pid leads (the PID column is far to the right there).
            if (node.key.type != kNoType && role == Qt::DisplayRole)
                return QStringLiteral("%1 %2").arg(p.pid).arg(printable(p.comm));
            return printable(p.comm);
        case Field::Pid:
            if (role == Qt::ToolTipRole)
                return {};
            return sort ? QVariant(p.pid) : QVariant(QString::number(p.pid));
        case Field::PidInside:
            if (role == Qt::ToolTipRole || !p.nspid || p.nspid->empty())
                return {};
            return sort ? QVariant(p.nspid->back()) : QVariant(QString::number(p.nspid->back()));
        case Field::Command:
            return commandLine(p);
        case Field::User:
            if (role == Qt::ToolTipRole)
                return p.uid ? QVariant(tr("uid %1").arg(*p.uid)) : QVariant();
            if (p.user)
                return printable(*p.user);
            return p.uid ? QString::number(*p.uid) : QString();
        case Field::State:
            if (role == Qt::ToolTipRole)
                return {};
            return QString(QLatin1Char(p.state));
        case Field::Container:
            if (const backend::Container* c = findContainer(*info.snapshot, p.container))
                return role == Qt::ToolTipRole ? containerSummary(*c) : containerLabel(*c);
            return {};
        default:
            return {};
        }
    }
    case RowKind::Engine:
    case RowKind::Pod:
    case RowKind::Container:
        return containerRowCell(node, entry, field, role);
    }
    return {};
}

QVariant SnapshotTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_info)
        return {};
    const Node& node = *nodeOf(index);
    const SnapshotInfo& info = infoFor(node);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Role::Sort:
        return cell(info, node, node.entry, m_fields[index.column()], role);
    case Role::NamespaceCount:
        if (node.key.kind != RowKind::TypeGroup)
            return {};
        return cell(info, node, node.entry, Field::Name, role);
    case Role::MarkType:
        if (node.key.kind != RowKind::Process ||
            int(m_fields[index.column()]) < int(Field::NsFirst))
            return {};
        return cell(info, node, node.entry, m_fields[index.column()], role);
    case Qt::TextAlignmentRole: {
        const Field f = m_fields[index.column()];
        if (f == Field::Inode || f == Field::Processes || f == Field::Pid || f == Field::PidInside)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    case Role::Kind:
        return int(node.key.kind);
    case Role::Type:
        return node.key.type == kNoType ? QVariant() : QVariant(int(node.key.type));
    case Role::Inode:
        // (An engine, pod or container row's key holds an interned id there, not an inode.)
        return node.key.inode && int(node.key.kind) <= int(RowKind::Process)
                   ? QVariant(qulonglong(node.key.inode))
                   : QVariant();
    case Role::ContainerKey: {
        const std::optional<std::string>* key = nullptr;
        if (const backend::Container* c = containerOf(node.entry))
            return node.key.kind == RowKind::Container ? QVariant(QString::fromStdString(c->key))
                                                       : QVariant();
        if (const Namespace* ns = namespaceOf(node.entry))
            key = &ns->container;
        else if (const Process* p = processOf(node.entry))
            key = &p->container;
        return key && *key ? QVariant(QString::fromStdString(**key)) : QVariant();
    }
    case Role::Pid:
        return node.key.kind == RowKind::Process ? QVariant(node.key.pid) : QVariant();
    case Role::StartTime:
        return node.key.kind == RowKind::Process ? QVariant(qulonglong(node.key.instance))
                                                 : QVariant();
    case Role::Age:
        return int(node.age);
    case Role::Vanished:
        return node.vanished;
    case Role::Section:
        return int(node.key.section);
    case Role::NamespaceId:
        if (node.key.kind == RowKind::Namespace) {
            if (const auto& id = namespaceOf(node.entry)->id)
                return QVariant(qulonglong(*id));
            if (node.key.instance) // the id the row was keyed with: its namespace's
                return QVariant(qulonglong(node.key.instance));
        }
        return {};
    case Role::SearchText:
        return searchText(info, node);
    case Role::ContextSearchText:
        if (node.key.kind == RowKind::Process && node.key.type != kNoType)
            if (const Namespace* ns =
                    info.snapshot->findNamespace(NsType(node.key.type), node.key.inode))
                return memoized(info, ns, [&] { return namespaceSearchText(info, *ns); });
        return {};
    case Role::UserName:
        if (node.key.kind == RowKind::Namespace)
            return ownerUser(info, *namespaceOf(node.entry));
        if (node.key.kind == RowKind::Process) {
            const Process& p = *processOf(node.entry);
            return p.user ? printable(*p.user) : (p.uid ? QString::number(*p.uid) : QString());
        }
        return {};
    case Role::NonInitial:
        if (node.key.kind == RowKind::Container || node.key.kind == RowKind::Pod)
            return true;
        if (node.key.kind == RowKind::Namespace ||
            (node.key.kind == RowKind::Process && node.key.type != kNoType))
            return !info.isInitial(NsType(node.key.type), node.key.inode);
        if (node.key.kind == RowKind::Process) {
            const Process& p = *processOf(node.entry);
            for (NsType t : backend::kAllNsTypes)
                if (p.namespaces[backend::index(t)] &&
                    !info.isInitial(t, *p.namespaces[backend::index(t)]))
                    return true;
            return false;
        }
        return false;
    default:
        return {};
    }
}

} // namespace nsx::model