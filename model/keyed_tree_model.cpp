#include "keyed_tree_model.h"

#include <algorithm>

namespace nsx::model {

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
    h = mix(h ^ mix(k.inode) ^ (mix(k.instance) << 1));
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

// ---------------------------------------------------------------------------------------------

KeyedTreeModel::KeyedTreeModel(int columns, QObject* parent)
    : QAbstractItemModel(parent), m_columns(columns), m_root(std::make_unique<Node>())
{}

KeyedTreeModel::~KeyedTreeModel() = default;

void KeyedTreeModel::clearRows()
{
    m_nodes.clear();
    m_root->children.clear();
    m_flattened = 0;
}

void KeyedTreeModel::resetRows(Layout& layout)
{
    layout.finish();
    m_flattened = layout.flattened;
    ++m_generation;
    m_nodes.clear();
    m_root->children.clear();
    m_nodes.reserve(layout.rows.size());
    auto [first, last] = layout.children(-1);
    for (int k = first; k < last; ++k)
        m_root->children.push_back(
            std::unique_ptr<Node>(createSubtree(layout, layout.childList[k], m_root.get(), false)));
    renumber(m_root.get(), 0);
}

void KeyedTreeModel::reconcileRows(Layout& layout)
{
    layout.finish();
    m_flattened = layout.flattened;
    ++m_generation;
    m_root->seen = m_generation;
    reconcileChildren(m_root.get(), -1, layout);
}

KeyedTreeModel::Node* KeyedTreeModel::createSubtree(const Layout& layout, int row, Node* parent,
                                                    bool fresh)
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

void KeyedTreeModel::renumber(Node* parent, std::size_t from)
{
    auto& ch = parent->children;
    for (std::size_t i = from; i < ch.size(); ++i)
        ch[i]->row = int(i);
}

QModelIndex KeyedTreeModel::indexOf(Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

KeyedTreeModel::Node* KeyedTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

void KeyedTreeModel::moveNode(Node* node, Node* newParent)
{
    Node* oldParent = node->parent;
    const int from = node->row;
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

void KeyedTreeModel::reconcileChildren(Node* node, int row, const Layout& layout)
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
        const RowEntry oldEntry = n->entry;
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
            mask = changedColumns(*n, oldEntry, r.entry);
        if (mask)
            emitChanged(n, mask);
    }

    // 4. Top-down: a node's children are reconciled once the node sits where it belongs.
    for (int k = 0; k < count; ++k)
        reconcileChildren(wanted[k], layout.childList[first + k], layout);
}

void KeyedTreeModel::emitChanged(Node* node, quint64 mask)
{
    const int columns = m_columns;
    const int row = node->row;
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

void KeyedTreeModel::removeStale()
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

QString KeyedTreeModel::checkInvariants() const
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

void KeyedTreeModel::forgetSubtree(Node* node)
{
    m_nodes.erase(node->key);
    for (auto& c : node->children)
        forgetSubtree(c.get());
}

// --- QAbstractItemModel ----------------------------------------------------------------------

QModelIndex KeyedTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= m_columns || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    Node* p = nodeOf(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[row].get());
}

QModelIndex KeyedTreeModel::parent(const QModelIndex& index) const
{
    if (!index.isValid())
        return {};
    Node* n = nodeOf(index);
    return indexOf(n->parent);
}

int KeyedTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int KeyedTreeModel::columnCount(const QModelIndex&) const
{
    return m_columns;
}

bool KeyedTreeModel::hasChildren(const QModelIndex& parent) const
{
    return rowCount(parent) > 0;
}

QModelIndex KeyedTreeModel::indexOfKey(const RowKey& key, int column) const
{
    auto it = m_nodes.find(key);
    return it == m_nodes.end() ? QModelIndex() : indexOf(it->second, column);
}

std::optional<RowKey> KeyedTreeModel::keyOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return std::nullopt;
    return nodeOf(index)->key;
}

} // namespace nsx::model
