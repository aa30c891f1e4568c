// The namespace details, declared once (in the manner of lsns.c's infos[]): each entry names
// a field of NamespaceDetails, the namespace type it belongs to, its key in the snapshot's
// "details" object and in the CSV (docs/snapshot-format.md: keys may be added, never renamed),
// the label the views show, how its value is presented, and how it is read from JSON. The
// JSON reader and writer, the CSV, the diff, the compare dialog and the details pane all walk
// this table. Adding a detail field is one entry in detail_fields.cpp plus, for a new kind of
// value, its reader.
#pragma once

#include "snapshot.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace nsx::backend {

namespace json {
struct Value;
}

// How a detail is presented; each kind has one alternative of DetailValue.
enum class DetailKind : std::uint8_t
{
    Text,       // std::string: raw bytes from the kernel
    Count,      // std::int64_t
    Pid,        // std::int64_t: a pid in the scanner's view (the GUI links it)
    Interfaces, // std::vector<NetInterface>
    IdMap,      // std::vector<IdMapEntry>
    Seconds,    // TimeOffset
    Routes      // std::vector<NetRoute>
};

// One detail's value; monostate when it does not apply or could not be read (JSON null).
using DetailValue =
    std::variant<std::monostate, std::string, std::int64_t, std::vector<NetInterface>,
                 std::vector<IdMapEntry>, TimeOffset, std::vector<NetRoute>>;

struct DetailField
{
    NsType type;
    std::string_view key; // in "details" and the CSV header; two types may share one ("root")
    // For the views, a string literal (NUL-terminated): the GUI translates it in context
    // "nsx::backend".
    std::string_view label;
    DetailKind kind;
    // The one-line diff (nsexplorer-cli diff) names a change of this field by this word alone,
    // once for fields sharing it ("ipc objects"); empty: "key before -> after".
    std::string_view brief;
    // Shown in one-line labels of a namespace (nsexplorer-cli tree, the DOT nodes).
    bool inLabels = false;
    DetailValue (*get)(const NamespaceDetails&);
    void (*set)(NamespaceDetails&, DetailValue&&);
    // A present, non-null JSON value to the field's value; throws the snapshot reader's error
    // naming `path` when it does not fit.
    DetailValue (*read)(const json::Value&, const std::string& path);
    // CSV columns added after the contract's first version go after all others (after `id`),
    // so that readers of the older columns by position keep working: the field's own column
    // (csvTrailing) and one more column of text about it (extraColumn, extraText), e.g. the
    // interfaces' topology, which the "NAME up|down ADDR…" text of `interfaces` cannot hold.
    bool csvTrailing = false;
    std::string_view extraColumn;
    std::optional<std::string> (*extraText)(const DetailValue&) = nullptr;
};

// Every detail field, in the contract's order (the CSV columns, the JSON keys of each type).
std::span<const DetailField> detailFields();
// Those of one namespace type, in the same order.
std::vector<const DetailField*> detailFields(NsType type);
// The CSV's detail columns: the distinct keys, in table order; trailing: those that go after
// `id` (csvTrailing fields and extra columns), in table order.
std::vector<std::string_view> detailColumns(bool trailing = false);
// The value of the CSV column `column` (a detailColumns() entry) for a namespace of `type`;
// nullopt when that type has no such column or no value.
std::optional<std::string> detailColumnText(NsType type, const NamespaceDetails& details,
                                            std::string_view column);
// The inLabels details of `ns` that have a value, in table order: {field, value as text}.
std::vector<std::pair<const DetailField*, std::string>> labelDetails(const Namespace& ns);

// The value as the CSV writes it: raw bytes, numbers in decimal, seconds as in the JSON,
// interfaces "NAME up|down ADDR…", id maps "INSIDE OUTSIDE COUNT" and default routes
// "FAMILY via GATEWAY|on-link dev DEVICE" joined by ';'; nullopt for monostate. Also the
// before/after text of a diff.
std::optional<std::string> detailText(const DetailValue& value);

// One interface's topology as the CSV's interface_links column and the diff write it:
// "NAME key=value…" with the keys index, kind, mac, mtu, state, master, link (NETNS/IFINDEX/NAME,
// "-" for an unknown part, NETNS "self" for this namespace, "nsid:N" when not identified) and
// served_by (PID,PID), each only when known.
std::string interfaceTopologyText(const NetInterface& i);

} // namespace nsx::backend
