// One filter for every view: a search text (plain or regular expression) over pid, comm, full
// command line, inode, hostname and container (name, engine, "engine: name", id; one field per
// line, so ^ and $ anchor a field); per-type
// toggles; a user; "only non-initial namespaces". Matches keep their ancestors; a process row also
// matches when the namespace it is listed under matches, so searching an inode shows that
// namespace's processes.
//
// Why not setRecursiveFilteringEnabled(true): the randomised churn test in tst_tree_models
// drove Qt 6.4's recursive mode into inconsistent mappings (a new match under two hidden
// ancestors stayed hidden; removing the last match left its ancestors; a later dataChanged
// was forwarded with rows past the end). So the proxy filters flat and computes "this row or
// a descendant matches" itself, once per applied snapshot, then re-filters (invalidateFilter
// keeps selection and expansion: it inserts and removes rows, it does not reset).
#pragma once

#include "ns_type.h"
#include "roles.h"

#include <QHash>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

#include <array>
#include <cstdint>
#include <optional>

namespace nsx::model {

struct FilterState
{
    QString text;
    bool regex = false;
    std::array<bool, backend::kNsTypeCount> types{true, true, true, true, true, true, true, true};
    QString user; // empty = every user
    bool nonInitialOnly = false;

    // True when any row-level condition is set (group rows then show only as ancestors).
    bool isActive() const;
    friend bool operator==(const FilterState&, const FilterState&) = default;
};

class NamespaceFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit NamespaceFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* source) override;
    void setFilter(const FilterState& state);
    const FilterState& filter() const { return m_state; }
    // False when the last search text given was an invalid regular expression: the filter then
    // keeps the last valid search (filter() is what is applied).
    bool isPatternValid() const { return m_patternValid; }
    QString patternError() const { return m_patternError; }

    // While a filter is active, a type group's label counts what is shown: "net (3 of 19)".
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool matchesText(const QString& text) const;
    // ownText / contextMatch: whether the text matches the row's own text / the namespace it is
    // listed under, when the caller knows it already (else read from SearchText /
    // ContextSearchText).
    bool matchesSelf(const QModelIndex& sourceIndex, RowKind kind, std::optional<bool> ownText,
                     std::optional<bool> contextMatch) const;
    bool typeHidden(const QVariant& type) const;
    // The namespace row a walk is below, and whether its text matches.
    struct Context
    {
        int type = -1;
        std::uint64_t inode = 0;
        std::optional<bool> textMatch;
    };
    bool collect(const QModelIndex& sourceParent, const Context& context);
    void settle();
    // The group rows' labels follow the filter: tell the views.
    void groupLabelsChanged();

    // Rows (by the source's internal pointer) that match or have a matching descendant, as of
    // the last applied snapshot. Rows born since then are judged by themselves until settle().
    QHash<const void*, bool> m_keep;

    FilterState m_state;
    QRegularExpression m_regex;
    bool m_patternValid = true;
    QString m_patternError;
};

} // namespace nsx::model
