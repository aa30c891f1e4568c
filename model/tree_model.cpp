#include "tree_model.h"

#include "snapshot_io.h"

#include <QStringList>

#include <algorithm>
#include <bit>

namespace nsx::model {

using backend::Namespace;
using backend::NsType;
using backend::Process;
using backend::Snapshot;

std::size_t RowKeyHash::operator()(const RowKey& k) const noexcept
{
    // splitmix-style mixing: keys differ mostly in low inode / pid bits.
    auto mix = [](std::uint64_t x) {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebULL;
        x ^= x >> 31;
        return x;
    };
    std::uint64_t h = (std::uint64_t(k.kind) << 56) ^ (std::uint64_t(k.section) << 48) ^
                      (std::uint64_t(k.type) << 40) ^ std::uint32_t(k.pid);
    h = mix(h ^ mix(k.inode) ^ (mix(k.start) << 1));
    return std::size_t(h);
}

void Layout::finish()
{
    const int n = int(rows.size());
    // Parent chains come from pids, and a pid reused during a scan can close a loop: walk each
    // chain once (0 = unseen, 1 = on the current walk, 2 = done) and cut a loop at its fallback.
    {
        std::vector<std::uint8_t> state(n, 0);
        std::vector<int> path;
        for (int i = 0; i < n; ++i) {
            path.clear();
            int r = i;
            while (r >= 0 && state[r] == 0) {
                state[r] = 1;
                path.push_back(r);
                int up = rows[r].parent;
                if (up >= 0 && state[up] == 1) {
                    rows[r].parent = rows[r].fallback == up ? -1 : rows[r].fallback;
                    up = rows[r].parent;
                }
                r = up;
            }
            for (int p : path)
                state[p] = 2;
        }
    }
    // Depth of each row, iteratively (chains are as long as the input makes them); rows
    // deeper than kMaxDepth move up to the depth limit, next to each other.
    {
        std::vector<int> depth(n, 0);
        std::vector<int> path;
        flattened = 0;
        for (int i = 0; i < n; ++i) {
            path.clear();
            for (int r = i; r >= 0 && depth[r] == 0; r = rows[r].parent)
                path.push_back(r);
            for (auto it = path.rbegin(); it != path.rend(); ++it) {
                Row& row = rows[*it];
                const int up = row.parent;
                depth[*it] = up < 0 ? 1 : depth[up] + 1;
                if (depth[*it] > kMaxDepth) {
                    // `up` sits at kMaxDepth (it was capped first): share its parent.
                    row.parent = rows[up].parent;
                    depth[*it] = kMaxDepth;
                    ++flattened;
                }
            }
        }
    }
    childBegin.assign(n + 2, 0);
    for (const Row& r : rows)
        ++childBegin[r.parent + 2];
    for (int i = 1; i < n + 2; ++i)
        childBegin[i] += childBegin[i - 1];
    childList.assign(n, 0);
    std::vector<int> fill(childBegin.begin(), childBegin.end() - 1);
    for (int i = 0; i < n; ++i)
        childList[fill[rows[i].parent + 1]++] = i;
    // Builders append in key order; this only costs a scan when they did.
    auto less = [this](int a, int b) { return rows[a].key < rows[b].key; };
    for (int p = 0; p < n + 1; ++p) {
        auto first = childList.begin() + childBegin[p];
        auto last = childList.begin() + childBegin[p + 1];
        if (!std::is_sorted(first, last, less))
            std::sort(first, last, less);
    }
}

std::shared_ptr<const SnapshotInfo> SnapshotInfo::make(SnapshotPtr snapshot)
{
    auto info = std::make_shared<SnapshotInfo>();
    info->snapshot = std::move(snapshot);
    const Snapshot& s = *info->snapshot;
    for (const Process& p : s.processes)
        if (p.uid && p.user && !info->users.contains(*p.uid))
            info->users.emplace(*p.uid, SnapshotTreeModel::printable(*p.user));
    info->initialKnown = backend::initialNamespaces(s);
    for (std::size_t t = 0; t < backend::kNsTypeCount; ++t)
        info->initial[t] = info->initialKnown[t].value_or(0);
    return info;
}

std::array<std::uint64_t, backend::kNsTypeCount> SnapshotInfo::initialNamespaces(const Snapshot& s)
{
    // backend::initialNamespaces is the one definition (PID 1, else kthreadd, else...).
    std::array<std::uint64_t, backend::kNsTypeCount> initial{};
    const backend::NsInodes known = backend::initialNamespaces(s);
    for (std::size_t t = 0; t < backend::kNsTypeCount; ++t)
        initial[t] = known[t].value_or(0);
    return initial;
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
    : QAbstractItemModel(parent), m_fields(std::move(fields)), m_root(std::make_unique<Node>())
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
    m_nodes.clear();
    m_nsKeyIds.clear();
    m_root->children.clear();
    m_info.reset();
    m_vanishedInfo.reset();
    m_textMemo.clear();
    m_sameMemo.clear();
    m_flattened = 0;
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
    layout.finish();
    m_flattened = layout.flattened;

    ++m_generation;
    if (mode == Update::Reset || !m_info) {
        beginResetModel();
        m_info = info;
        m_textMemo.clear();
        m_vanishedInfo.reset();
        resetTo(layout);
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
    m_root->seen = m_generation;
    reconcileChildren(m_root.get(), -1, layout, *oldInfo);
    m_vanishedInfo = oldInfo;
    removeStale();
    emit snapshotApplied();
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
    k.start = it != m_nsKeyIds.end() ? it->second.keyId : ns.id.value_or(0);
    return k;
}

void SnapshotTreeModel::resetTo(const Layout& layout)
{
    m_nodes.clear();
    m_root->children.clear();
    m_nodes.reserve(layout.rows.size());
    auto [first, last] = layout.children(-1);
    for (int k = first; k < last; ++k)
        m_root->children.push_back(
            std::unique_ptr<Node>(createSubtree(layout, layout.childList[k], m_root.get(), false)));
    renumber(m_root.get(), 0);
}

SnapshotTreeModel::Node* SnapshotTreeModel::createSubtree(const Layout& layout, int row,
                                                          Node* parent, bool fresh)
{
    const Layout::Row& r = layout.rows[row];
    auto* node = new Node;
    node->key = r.key;
    node->parent = parent;
    node->entry = r.entry;
    node->seen = node->born = m_generation;
    node->age = fresh ? 0 : -1;
    m_nodes.emplace(r.key, node);
    // A row born during a poll arrives without children: they are inserted level by level when
    // it is reconciled. QSortFilterProxyModel's recursive filtering only looks at the inserted
    // rows themselves, so a whole subtree inserted at once would leave a hidden parent hidden
    // even when a new grandchild matches.
    if (fresh)
        return node;
    auto [first, last] = layout.children(row);
    node->children.reserve(last - first);
    for (int k = first; k < last; ++k)
        node->children.push_back(
            std::unique_ptr<Node>(createSubtree(layout, layout.childList[k], node, fresh)));
    renumber(node, 0);
    return node;
}

int SnapshotTreeModel::rowOf(const Node* node) const
{
    return node->row;
}

void SnapshotTreeModel::renumber(Node* parent, std::size_t from)
{
    auto& ch = parent->children;
    for (std::size_t i = from; i < ch.size(); ++i)
        ch[i]->row = int(i);
}

QModelIndex SnapshotTreeModel::indexOf(Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(rowOf(node), column, node);
}

SnapshotTreeModel::Node* SnapshotTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

void SnapshotTreeModel::moveNode(Node* node, Node* newParent)
{
    Node* oldParent = node->parent;
    const int from = rowOf(node);
    auto& dest = newParent->children;
    const int to = int(std::lower_bound(dest.begin(), dest.end(), node->key,
                                        [](const std::unique_ptr<Node>& n, const RowKey& k) {
                                            return n->key < k;
                                        }) -
                       dest.begin());
    if (!beginMoveRows(indexOf(oldParent), from, from, indexOf(newParent), to)) {
        qWarning("nsexplorer: refused move of a row into its own subtree");
        return;
    }
    std::unique_ptr<Node> owned = std::move(oldParent->children[from]);
    oldParent->children.erase(oldParent->children.begin() + from);
    renumber(oldParent, std::size_t(from));
    dest.insert(dest.begin() + to, std::move(owned));
    renumber(newParent, std::size_t(to));
    node->parent = newParent;
    node->moved = m_generation;
    endMoveRows();
}

void SnapshotTreeModel::reconcileChildren(Node* node, int row, const Layout& layout,
                                          const SnapshotInfo& oldInfo)
{
    auto [first, last] = layout.children(row);
    if (first == last && node->children.empty())
        return;
    const int count = last - first;
    std::vector<Node*> wanted(count, nullptr);

    // Most wanted rows are already here: both lists are in key order, so one merge finds them
    // without touching the hash (it is the model's costliest part at 100,000 rows).
    {
        const auto& current = node->children;
        std::size_t ci = 0;
        for (int k = 0; k < count && ci < current.size(); ++k) {
            const RowKey& key = layout.rows[layout.childList[first + k]].key;
            while (ci < current.size() && current[ci]->key < key)
                ++ci;
            if (ci < current.size() && current[ci]->key == key)
                wanted[k] = current[ci++].get();
        }
    }

    // 1. Rows that exist under another parent move here (a process whose parent changed).
    bool anyNew = false;
    for (int k = 0; k < count; ++k) {
        if (wanted[k])
            continue;
        const Layout::Row& r = layout.rows[layout.childList[first + k]];
        auto it = m_nodes.find(r.key);
        if (it == m_nodes.end()) {
            anyNew = true;
            continue;
        }
        wanted[k] = it->second;
        if (it->second->parent != node)
            moveNode(it->second, node);
    }

    // 2. New rows, inserted in runs that land in the same gap between existing siblings.
    if (anyNew) {
        const QModelIndex parentIndex = indexOf(node);
        auto& siblings = node->children;
        int offset = 0;
        int k = 0;
        while (k < count) {
            if (wanted[k]) {
                ++k;
                continue;
            }
            const RowKey& key = layout.rows[layout.childList[first + k]].key;
            const int gap = int(std::lower_bound(siblings.begin() + offset, siblings.end(), key,
                                                 [](const std::unique_ptr<Node>& n,
                                                    const RowKey& kk) { return n->key < kk; }) -
                                siblings.begin());
            // extend the run while the next new key still sorts before siblings[gap]
            int end = k + 1;
            while (end < count && !wanted[end] &&
                   (gap == int(siblings.size()) ||
                    layout.rows[layout.childList[first + end]].key < siblings[gap]->key))
                ++end;
            beginInsertRows(parentIndex, gap, gap + (end - k) - 1);
            std::vector<std::unique_ptr<Node>> fresh;
            fresh.reserve(end - k);
            for (int j = k; j < end; ++j) {
                Node* created = createSubtree(layout, layout.childList[first + j], node, true);
                wanted[j] = created;
                fresh.emplace_back(created);
            }
            siblings.insert(siblings.begin() + gap, std::make_move_iterator(fresh.begin()),
                            std::make_move_iterator(fresh.end()));
            renumber(node, std::size_t(gap));
            endInsertRows();
            offset = gap + (end - k);
            k = end;
        }
    }

    // 3. Rows that stayed: new entry pointer, fading age, dataChanged for the cells that differ.
    for (int k = 0; k < count; ++k) {
        Node* n = wanted[k];
        const Layout::Row& r = layout.rows[layout.childList[first + k]];
        if (n->born == m_generation)
            continue;
        n->seen = m_generation;
        quint64 mask = 0;
        const void* oldEntry = n->entry;
        n->entry = r.entry;
        if (n->vanished || n->moved == m_generation) {
            n->vanished = false;
            mask = ~quint64(0);
        }
        if (n->age >= 0) {
            n->age = n->age + 1 >= kRecentPolls ? -1 : n->age + 1;
            mask = ~quint64(0);
        }
        if (!mask)
            mask = changedColumns(*n, oldEntry, oldInfo, r.entry);
        if (mask)
            emitChanged(n, mask);
    }

    // 4. Top-down: a node's children are reconciled once the node sits where it belongs.
    for (int k = 0; k < count; ++k)
        reconcileChildren(wanted[k], layout.childList[first + k], layout, oldInfo);
}

void SnapshotTreeModel::emitChanged(Node* node, quint64 mask)
{
    const int columns = int(m_fields.size());
    const int row = rowOf(node);
    int c = 0;
    while (c < columns) {
        if (!(mask >> c & 1)) {
            ++c;
            continue;
        }
        int end = c;
        while (end + 1 < columns && (mask >> (end + 1) & 1))
            ++end;
        emit dataChanged(createIndex(row, c, node), createIndex(row, end, node));
        c = end + 1;
    }
}

void SnapshotTreeModel::removeStale()
{
    struct Run
    {
        Node* parent;
        int first, last;
    };
    std::vector<Run> removals;
    std::vector<Node*> vanishing;
    // Pass 1 moved every wanted row under its wanted parent, so an unwanted row's subtree holds
    // only unwanted rows: remove whole runs, and never look inside them.
    std::vector<Node*> stack{m_root.get()};
    while (!stack.empty()) {
        Node* p = stack.back();
        stack.pop_back();
        const int n = int(p->children.size());
        for (int i = 0; i < n; ++i) {
            Node* c = p->children[i].get();
            if (c->seen == m_generation) {
                if (!c->children.empty())
                    stack.push_back(c);
                continue;
            }
            if (!c->vanished) {
                vanishing.push_back(c);
                if (!c->children.empty())
                    stack.push_back(c);
                continue;
            }
            int j = i;
            while (j + 1 < n && p->children[j + 1]->seen != m_generation &&
                   p->children[j + 1]->vanished)
                ++j;
            removals.push_back({p, i, j});
            i = j;
        }
    }
    // Last run first: earlier runs in the same parent keep their row numbers.
    for (auto it = removals.rbegin(); it != removals.rend(); ++it) {
        beginRemoveRows(indexOf(it->parent), it->first, it->last);
        auto& ch = it->parent->children;
        for (int i = it->first; i <= it->last; ++i)
            forgetSubtree(ch[i].get());
        ch.erase(ch.begin() + it->first, ch.begin() + it->last + 1);
        renumber(it->parent, std::size_t(it->first));
        endRemoveRows();
    }
    for (Node* n : vanishing) {
        n->vanished = true;
        n->age = -1;
        emitChanged(n, ~quint64(0));
    }
}

QString SnapshotTreeModel::checkInvariants() const
{
    std::size_t count = 0;
    std::vector<const Node*> stack{m_root.get()};
    while (!stack.empty()) {
        const Node* p = stack.back();
        stack.pop_back();
        for (std::size_t i = 0; i < p->children.size(); ++i) {
            const Node* c = p->children[i].get();
            ++count;
            if (c->parent != p)
                return QStringLiteral("parent pointer wrong at row %1").arg(i);
            if (c->row != int(i))
                return QStringLiteral("cached row %1 but at %2").arg(c->row).arg(i);
            if (i > 0 && !(p->children[i - 1]->key < c->key))
                return QStringLiteral("siblings out of key order at row %1").arg(i);
            auto it = m_nodes.find(c->key);
            if (it == m_nodes.end() || it->second != c)
                return QStringLiteral("key index does not point at the row");
            stack.push_back(c);
        }
    }
    if (count != m_nodes.size())
        return QStringLiteral("%1 rows but %2 keys").arg(count).arg(m_nodes.size());
    return {};
}

void SnapshotTreeModel::forgetSubtree(Node* node)
{
    m_nodes.erase(node->key);
    for (auto& c : node->children)
        forgetSubtree(c.get());
}

const SnapshotInfo& SnapshotTreeModel::infoFor(const Node& node) const
{
    return node.vanished && m_vanishedInfo ? *m_vanishedInfo : *m_info;
}

quint64 SnapshotTreeModel::changedColumns(const Node& node, const void* oldEntry,
                                          const SnapshotInfo& oldInfo, const void* newEntry) const
{
    // Fast path: an unchanged entry changes no cell (the common case on every poll).
    switch (node.key.kind) {
    case RowKind::Process: {
        // A process is listed under several rows (By type shows it under each of its eight
        // namespaces): compare its entries once per poll, not once per row.
        const auto* a = static_cast<const Process*>(oldEntry);
        const auto* b = static_cast<const Process*>(newEntry);
        const auto& procs = m_info->snapshot->processes;
        const std::size_t i = procs.empty() ? 0 : std::size_t(b - procs.data());
        if (i < procs.size() && &procs[i] == b) {
            if (m_sameMemo.size() != procs.size())
                m_sameMemo.assign(procs.size(), {nullptr, false});
            auto& memo = m_sameMemo[i];
            if (memo.first != a)
                memo = {a, *a == *b};
            if (memo.second)
                return 0;
        } else if (*a == *b) {
            return 0;
        }
        break;
    }
    case RowKind::Namespace: {
        const auto& a = *static_cast<const Namespace*>(oldEntry);
        const auto& b = *static_cast<const Namespace*>(newEntry);
        if (a == b) {
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

// --- QAbstractItemModel ----------------------------------------------------------------------

QModelIndex SnapshotTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= int(m_fields.size()) || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    Node* p = nodeOf(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[row].get());
}

QModelIndex SnapshotTreeModel::parent(const QModelIndex& index) const
{
    if (!index.isValid())
        return {};
    Node* n = nodeOf(index);
    return indexOf(n->parent);
}

int SnapshotTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int SnapshotTreeModel::columnCount(const QModelIndex&) const
{
    return int(m_fields.size());
}

bool SnapshotTreeModel::hasChildren(const QModelIndex& parent) const
{
    return rowCount(parent) > 0;
}

const Namespace* SnapshotTreeModel::namespaceAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    Node* n = nodeOf(index);
    return n->key.kind == RowKind::Namespace ? static_cast<const Namespace*>(n->entry) : nullptr;
}

const Process* SnapshotTreeModel::processAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    Node* n = nodeOf(index);
    return n->key.kind == RowKind::Process ? static_cast<const Process*>(n->entry) : nullptr;
}

RowKey SnapshotTreeModel::keyAt(const QModelIndex& index) const
{
    return index.isValid() ? nodeOf(index)->key : RowKey{};
}

QModelIndex SnapshotTreeModel::indexOfKey(const RowKey& key, int column) const
{
    auto it = m_nodes.find(key);
    return it == m_nodes.end() ? QModelIndex() : indexOf(it->second, column);
}

QModelIndex SnapshotTreeModel::findNamespace(NsType type, std::uint64_t inode) const
{
    RowKey key;
    key.kind = RowKind::Namespace;
    key.type = std::uint8_t(type);
    key.inode = inode;
    if (auto it = m_nsKeyIds.find(nsSlot(type, inode)); it != m_nsKeyIds.end())
        key.start = it->second.keyId; // the latest namespace with the inode (or a greyed one)
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
            return tr("What started the namespace (from the launcher's command and cgroup)");
    }
    return {};
}

QString SnapshotTreeModel::printable(const std::string& bytes)
{
    // The CLI's function in its screen style: control characters as Control Pictures, bidi
    // and other invisible format characters as \u202e (a name must not display reversed).
    const std::string shown = backend::displayString(bytes, backend::DisplayStyle::Screen);
    return QString::fromUtf8(shown.data(), qsizetype(shown.size()));
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
    text += QLatin1Char('\n') + SnapshotTreeModel::printable(bytes);
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
            parts
                << SnapshotTreeModel::tr("bind mount %1").arg(SnapshotTreeModel::printable(r.path));
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

QString SnapshotTreeModel::namespaceSearchText(const SnapshotInfo&, const Namespace& ns) const
{
    QString text = QString::number(ns.inode);
    if (ns.details.hostname)
        appendSearchable(text, *ns.details.hostname);
    return text;
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
        return namespaceSearchText(info, *static_cast<const Namespace*>(node.entry));
    case RowKind::Process: {
        const auto& p = *static_cast<const Process*>(node.entry);
        if (node.key.type != kNoType) {
            // Listed under each of its namespaces (By type): build the text once per poll.
            // The hostname of its uts namespace goes with the process wherever it is listed, as
            // in the Processes view: `box2` finds box2's processes under their net, pid... too.
            return memoized(info, &p, [&] {
                QString text = QString::number(p.pid);
                appendSearchable(text, p);
                if (const auto& ino = p.namespaces[backend::index(NsType::Uts)])
                    if (const Namespace* uts = info.snapshot->findNamespace(NsType::Uts, *ino);
                        uts && uts->details.hostname)
                        appendSearchable(text, *uts->details.hostname);
                return text;
            });
        }
        QString text = QString::number(p.pid);
        appendSearchable(text, p);
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
    default:
        return {};
    }
}

QVariant SnapshotTreeModel::cell(const SnapshotInfo& info, const Node& node, const void* entry,
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
        if (role == Qt::ToolTipRole)
            return tr("%n %1 namespace(s)", nullptr, n).arg(QLatin1String(toString(type)));
        if (sort)
            return QString::fromLatin1(toString(type));
        return QStringLiteral("%1 (%2)").arg(QLatin1String(toString(type))).arg(n);
    }
    case RowKind::Namespace: {
        const auto& ns = *static_cast<const Namespace*>(entry);
        switch (field) {
        case Field::Name:
            if (role == Qt::ToolTipRole)
                return info.isInitial(ns.type, ns.inode)
                           ? tr("The initial %1 namespace (the host's: PID 1's, or kthreadd's when "
                                "PID 1 "
                                "cannot be read)")
                                 .arg(QLatin1String(toString(ns.type)))
                           : QVariant();
            return QStringLiteral("%1:[%2]").arg(QLatin1String(toString(ns.type))).arg(ns.inode);
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
        const auto& p = *static_cast<const Process*>(entry);
        if (int(field) >= int(Field::NsFirst)) {
            const auto t = std::size_t(int(field) - int(Field::NsFirst));
            if (t >= backend::kNsTypeCount)
                return {};
            const auto& mine = p.namespaces[t];
            if (role == Qt::ToolTipRole)
                return mine ? QVariant(QStringLiteral("%1:[%2]")
                                           .arg(QLatin1String(toString(backend::kAllNsTypes[t])))
                                           .arg(*mine))
                            : QVariant(tr("not readable"));
            const Process* parent = node.parent && node.parent->key.kind == RowKind::Process
                                        ? static_cast<const Process*>(node.parent->entry)
                                        : nullptr;
            const bool differs = mine && backend::differsFromParent(info.initialKnown, parent,
                                                                    backend::kAllNsTypes[t], *mine);
            if (!differs)
                return {};
            return sort ? QVariant(qulonglong(*mine)) : QVariant(QString::number(*mine));
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
        default:
            return {};
        }
    }
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
    case Qt::TextAlignmentRole: {
        const Field f = m_fields[index.column()];
        if (f == Field::Inode || f == Field::Processes || f == Field::Pid ||
            f == Field::PidInside || int(f) >= int(Field::NsFirst))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    case Role::Kind:
        return int(node.key.kind);
    case Role::Type:
        return node.key.type == kNoType ? QVariant() : QVariant(int(node.key.type));
    case Role::Inode:
        return node.key.inode ? QVariant(qulonglong(node.key.inode)) : QVariant();
    case Role::Pid:
        return node.key.kind == RowKind::Process ? QVariant(node.key.pid) : QVariant();
    case Role::StartTime:
        return node.key.kind == RowKind::Process ? QVariant(qulonglong(node.key.start))
                                                 : QVariant();
    case Role::Age:
        return int(node.age);
    case Role::Vanished:
        return node.vanished;
    case Role::Section:
        return int(node.key.section);
    case Role::NamespaceId:
        if (node.key.kind == RowKind::Namespace) {
            if (const auto& id = static_cast<const Namespace*>(node.entry)->id)
                return QVariant(qulonglong(*id));
            if (node.key.start) // the id the row was keyed with: its namespace's
                return QVariant(qulonglong(node.key.start));
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
            return ownerUser(info, *static_cast<const Namespace*>(node.entry));
        if (node.key.kind == RowKind::Process) {
            const auto& p = *static_cast<const Process*>(node.entry);
            return p.user ? printable(*p.user) : (p.uid ? QString::number(*p.uid) : QString());
        }
        return {};
    case Role::NonInitial:
        if (node.key.kind == RowKind::Namespace ||
            (node.key.kind == RowKind::Process && node.key.type != kNoType))
            return !info.isInitial(NsType(node.key.type), node.key.inode);
        if (node.key.kind == RowKind::Process) {
            const auto& p = *static_cast<const Process*>(node.entry);
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
