// Row kinds, custom roles and column fields shared by the item models, the filter proxy and the
// views. Roles carry the facts the gui needs (type for the icon, age for the fade, keys for the
// details pane) so that the model stays free of widgets.
#pragma once

#include <QtCore/qnamespace.h>
#include <QtGlobal>

namespace nsx::model {

enum class RowKind : quint8
{
    Section,
    TypeGroup,
    Namespace,
    Process,
    // The Containers view (issue 15): engine → pod/app → container.
    Engine,
    Pod,
    Container
};

namespace Role {
enum : int
{
    Kind = Qt::UserRole + 1, // int(RowKind)
    Type,                    // int(NsType) of the row, or of the namespace a process row sits in
    Inode,                   // qulonglong: the namespace's inode (or the containing one's)
    Pid,                     // int: process rows
    StartTime,               // qulonglong: process rows
    Age,                     // int: polls since the row appeared (0..2), -1 when not recent
    Vanished,                // bool: gone from the latest snapshot, shown greyed for one poll
    SearchText,              // QString: what the search field matches for this row
    ContextSearchText,       // QString: the containing namespace's search text (process rows)
    UserName,                // QString: process user, or the namespace's owner user
    NonInitial,              // bool: a non-initial namespace (or a process in one)
    Sort,                    // numbers for numeric columns, text otherwise
    Section,                 // int: hierarchy section (0 = user ownership, 1 = pid nesting)
    NamespaceId,             // qulonglong: namespace rows whose id (NS_GET_ID) is known
    NamespaceCount,          // int: type group rows: namespaces of the type in the snapshot
    MarkType,                // int(NsType): a per-type cell of the Processes view whose
                             // namespace differs from the parent's (the view paints the mark)
    ContainerKey,            // QString: the Container::key of a container row, or of the
                             // container a namespace or process belongs to
};
} // namespace Role

// What a column shows. Each model picks its own list.
enum class Field : quint8
{
    Name,
    Inode,
    Processes,
    Owner,
    Holders,
    Leader,
    Hostname,
    Container,
    Pid,
    PidInside,
    Command,
    User,
    State,
    NsFirst, // NsFirst + index(NsType): the process's namespace (its name, else its inode) where
             // it differs from its parent's
};

// Rows stay "recently appeared" for this many polls.
inline constexpr int kRecentPolls = 3;

} // namespace nsx::model
