#include "filter_proxy.h"

#include "roles.h"
#include "tree_model.h"

namespace nsx::model {

bool FilterState::isActive() const
{
    if (!text.isEmpty() || !user.isEmpty() || nonInitialOnly)
        return true;
    for (bool on : types)
        if (!on)
            return true;
    return false;
}

NamespaceFilterProxy::NamespaceFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Role::Sort);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void NamespaceFilterProxy::setSourceModel(QAbstractItemModel* source)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_keep.clear();
    QSortFilterProxyModel::setSourceModel(source);
    if (source)
        connect(source, &QAbstractItemModel::rowsMoved, this, [this] {
            // Qt 6.4 skips its bookkeeping for a move between two hidden parents
            // (_q_sourceLayoutChanged returns early), leaving mappings that later report
            // "invalid inserted rows" and crash; start the mapping afresh instead.
            if (m_state.isActive())
                invalidate();
        });
    if (auto* tree = qobject_cast<SnapshotTreeModel*>(source))
        connect(tree, &SnapshotTreeModel::snapshotApplied, this, &NamespaceFilterProxy::settle);
    else if (source)
        connect(source, &QAbstractItemModel::modelReset, this, &NamespaceFilterProxy::settle);
    settle();
}

void NamespaceFilterProxy::settle()
{
    m_keep.clear();
    if (!m_state.isActive() || !sourceModel())
        return;
    collect({}, {});
    invalidateFilter();
    groupLabelsChanged();
}

void NamespaceFilterProxy::groupLabelsChanged()
{
    for (int r = 0; r < rowCount(); ++r) {
        const QModelIndex idx = index(r, 0);
        if (RowKind(idx.data(Role::Kind).toInt()) == RowKind::TypeGroup)
            emit dataChanged(idx, idx, {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

QVariant NamespaceFilterProxy::data(const QModelIndex& index, int role) const
{
    if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && index.column() == 0 &&
        m_state.isActive() && RowKind(index.data(Role::Kind).toInt()) == RowKind::TypeGroup) {
        const QVariant type = index.data(Role::Type);
        const int t = type.toInt();
        if (type.isValid() && t >= 0 && t < int(backend::kNsTypeCount)) {
            const QString name = QLatin1String(toString(backend::kAllNsTypes[std::size_t(t)]));
            // As the unfiltered label counts: the snapshot's namespaces, not the greyed rows of
            // the ones just gone (a group's children are its namespace rows).
            const int all = index.data(Role::NamespaceCount).toInt();
            int shown = 0;
            for (int r = 0, rows = rowCount(index); r < rows; ++r)
                if (!this->index(r, 0, index).data(Role::Vanished).toBool())
                    ++shown;
            if (role == Qt::DisplayRole)
                return tr("%1 (%2 of %3)").arg(name).arg(shown).arg(all);
            return tr("%1 of %n %2 namespace(s) match the filter", nullptr, all)
                .arg(shown)
                .arg(name);
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

bool NamespaceFilterProxy::collect(const QModelIndex& sourceParent, const Context& context)
{
    bool any = false;
    const int rows = sourceModel()->rowCount(sourceParent);
    for (int r = 0; r < rows; ++r) {
        const QModelIndex idx = sourceModel()->index(r, 0, sourceParent);
        // A disabled type hides the whole subtree, whatever matches inside it.
        bool keep = false;
        const QVariant type = idx.data(Role::Type);
        if (!typeHidden(type)) {
            const auto kind = RowKind(idx.data(Role::Kind).toInt());
            // Process rows below a namespace row carry that namespace as their context: its
            // text is matched once here, not once per process (ContextSearchText).
            Context below = context;
            std::optional<bool> contextMatch;
            if (kind == RowKind::Namespace) {
                below = {type.toInt(), idx.data(Role::Inode).toULongLong(), std::nullopt};
            } else if (kind == RowKind::Process && context.type >= 0 &&
                       type.toInt() == context.type &&
                       idx.data(Role::Inode).toULongLong() == context.inode) {
                contextMatch = context.textMatch;
            }
            std::optional<bool> ownText; // a namespace row's text, for itself and its processes
            if (kind == RowKind::Namespace && !m_state.text.isEmpty())
                below.textMatch = ownText = matchesText(idx.data(Role::SearchText).toString());
            const bool self = matchesSelf(idx, kind, ownText, contextMatch);
            const bool under = collect(idx, below);
            keep = self || under;
        }
        m_keep.insert(idx.internalPointer(), keep);
        any = any || keep;
    }
    return any;
}

void NamespaceFilterProxy::setFilter(const FilterState& state)
{
    FilterState next = state;
    m_patternValid = true;
    m_patternError.clear();
    if (next.regex && !next.text.isEmpty()) {
        QRegularExpression re(next.text, QRegularExpression::CaseInsensitiveOption |
                                             QRegularExpression::MultilineOption);
        if (re.isValid()) {
            re.optimize();
            m_regex = re;
        } else {
            // Half-typed patterns are invalid at every other key: keep showing what the last
            // valid search showed (its text and mode, with the other conditions as given).
            m_patternValid = false;
            m_patternError = re.errorString();
            next.text = m_state.text;
            next.regex = m_state.regex;
        }
    }
    if (next == m_state)
        return;
    m_state = next;
    m_keep.clear();
    if (m_state.isActive() && sourceModel())
        collect({}, {});
    invalidateFilter();
    groupLabelsChanged();
}

bool NamespaceFilterProxy::matchesText(const QString& text) const
{
    if (text.isEmpty())
        return false;
    if (m_state.regex) // m_regex: the last valid pattern, whatever was typed since
        return m_regex.match(text).hasMatch();
    return text.contains(m_state.text, Qt::CaseInsensitive);
}

bool NamespaceFilterProxy::typeHidden(const QVariant& type) const
{
    if (!type.isValid())
        return false;
    const int t = type.toInt();
    return t >= 0 && t < int(backend::kNsTypeCount) && !m_state.types[std::size_t(t)];
}

bool NamespaceFilterProxy::matchesSelf(const QModelIndex& idx, RowKind kind,
                                       std::optional<bool> ownText,
                                       std::optional<bool> contextMatch) const
{
    if (kind == RowKind::Section || kind == RowKind::TypeGroup || kind == RowKind::Engine) {
        // Headings carry no data of their own: with a condition set they show as ancestors only.
        return !m_state.nonInitialOnly && m_state.user.isEmpty() && m_state.text.isEmpty();
    }
    if (m_state.nonInitialOnly && !idx.data(Role::NonInitial).toBool())
        return false;
    if (!m_state.user.isEmpty() && idx.data(Role::UserName).toString() != m_state.user)
        return false;
    if (!m_state.text.isEmpty()) {
        if (!(ownText ? *ownText : matchesText(idx.data(Role::SearchText).toString())) &&
            !(contextMatch ? *contextMatch
                           : matchesText(idx.data(Role::ContextSearchText).toString())))
            return false;
    }
    return true;
}

bool NamespaceFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_state.isActive())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    auto it = m_keep.constFind(idx.internalPointer());
    if (it != m_keep.constEnd())
        return it.value();
    return !typeHidden(idx.data(Role::Type)) &&
           matchesSelf(idx, RowKind(idx.data(Role::Kind).toInt()), std::nullopt, std::nullopt);
}

} // namespace nsx::model
