#include "detail_fields.h"

#include "json_value.h"
#include "snapshot_json.h"

#include <algorithm>
#include <type_traits>

namespace nsx::backend {

namespace {

// get/set for a NamespaceDetails member: std::optional<int> and std::optional<std::int64_t>
// travel as std::int64_t, everything else as itself.
template <auto Member> DetailValue get(const NamespaceDetails& d)
{
    const auto& m = d.*Member;
    if (!m)
        return {};
    using T = typename std::remove_cvref_t<decltype(m)>::value_type;
    if constexpr (std::is_integral_v<T>)
        return static_cast<std::int64_t>(*m);
    else
        return *m;
}

template <auto Member> void set(NamespaceDetails& d, DetailValue&& v)
{
    auto& m = d.*Member;
    using T = typename std::remove_cvref_t<decltype(m)>::value_type;
    if (std::holds_alternative<std::monostate>(v))
        m.reset();
    else if constexpr (std::is_integral_v<T>)
        m = static_cast<T>(std::get<std::int64_t>(v)); // the reader checked the range
    else
        m = std::get<T>(std::move(v));
}

template <auto Reader> DetailValue read(const json::Value& v, const std::string& path)
{
    return Reader(v, path);
}

template <auto Member, auto Reader>
constexpr DetailField field(NsType type, std::string_view key, std::string_view label,
                            DetailKind kind, std::string_view brief = {})
{
    return {.type = type,
            .key = key,
            .label = label,
            .kind = kind,
            .brief = brief,
            .inLabels = false,
            .get = &get<Member>,
            .set = &set<Member>,
            .read = &read<Reader>,
            .csvTrailing = false,
            .extraColumn = {},
            .extraText = nullptr};
}

constexpr DetailField csvTrailing(DetailField f)
{
    f.csvTrailing = true;
    return f;
}

constexpr DetailField withExtraColumn(DetailField f, std::string_view column,
                                      std::optional<std::string> (*text)(const DetailValue&))
{
    f.extraColumn = column;
    f.extraText = text;
    return f;
}

std::optional<std::string> interfaceLinks(const DetailValue& v);

constexpr DetailField inLabels(DetailField f)
{
    f.inLabels = true;
    return f;
}

using D = NamespaceDetails;
using K = DetailKind;
using T = NsType;
namespace r = json; // the checked readers of snapshot_json.h

// The table. Keys are the contract's (docs/snapshot-format.md): add, never rename.
const DetailField kFields[] = {
    inLabels(field<&D::hostname, r::readString>(T::Uts, "hostname", "Hostname", K::Text)),
    field<&D::domainname, r::readString>(T::Uts, "domainname", "Domain name", K::Text),
    field<&D::msgQueues, r::readInt64>(T::Ipc, "msg_queues", "Message queues", K::Count,
                                       "ipc objects"),
    field<&D::shmSegments, r::readInt64>(T::Ipc, "shm_segments", "Shared memory segments", K::Count,
                                         "ipc objects"),
    field<&D::semaphoreSets, r::readInt64>(T::Ipc, "semaphore_sets", "Semaphore sets", K::Count,
                                           "ipc objects"),
    withExtraColumn(field<&D::interfaces, r::readInterfaces>(T::Net, "interfaces", "Interfaces",
                                                             K::Interfaces, "interfaces"),
                    "interface_links", &interfaceLinks),
    csvTrailing(field<&D::defaultRoutes, r::readRoutes>(T::Net, "default_routes", "Default routes",
                                                        K::Routes, "routes")),
    field<&D::init, r::readPid>(T::Pid, "init", "Init (PID 1 inside)", K::Pid),
    inLabels(field<&D::level, r::readInt>(T::Pid, "level", "Nesting level", K::Count)),
    field<&D::uidMap, r::readIdMap>(T::User, "uid_map", "uid map", K::IdMap, "id maps"),
    field<&D::gidMap, r::readIdMap>(T::User, "gid_map", "gid map", K::IdMap, "id maps"),
    field<&D::monotonicOffset, r::readTimeOffset>(T::Time, "monotonic_offset", "Monotonic offset",
                                                  K::Seconds, "time offsets"),
    field<&D::boottimeOffset, r::readTimeOffset>(T::Time, "boottime_offset", "Boot-time offset",
                                                 K::Seconds, "time offsets"),
    field<&D::mounts, r::readInt>(T::Mnt, "mounts", "Mount points", K::Count),
    field<&D::mntRoot, r::readString>(T::Mnt, "root", "Root", K::Text),
    field<&D::cgroupRoot, r::readString>(T::Cgroup, "root", "Cgroup root", K::Text),
};

template <typename E, typename F> std::string join(const std::vector<E>& v, F f)
{
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ';';
        out += f(v[i]);
    }
    return out;
}

std::optional<std::string> interfaceLinks(const DetailValue& v)
{
    const auto* list = std::get_if<std::vector<NetInterface>>(&v);
    if (!list)
        return std::nullopt;
    return join(*list, [](const NetInterface& i) { return interfaceTopologyText(i); });
}

} // namespace

std::string interfaceTopologyText(const NetInterface& i)
{
    std::string t = i.name;
    const auto add = [&](const char* key, const std::string& value) {
        t += ' ';
        t += key;
        t += '=';
        t += value;
    };
    if (i.index)
        add("index", std::to_string(*i.index));
    if (i.kind && !i.kind->empty())
        add("kind", *i.kind);
    if (i.mac)
        add("mac", *i.mac);
    if (i.mtu)
        add("mtu", std::to_string(*i.mtu));
    if (i.operstate)
        add("state", *i.operstate);
    if (i.master)
        add("master", *i.master);
    if (i.link) {
        std::string ns = i.link->netns  ? std::to_string(*i.link->netns)
                         : i.link->nsid ? "nsid:" + std::to_string(*i.link->nsid)
                                        : std::string("self");
        add("link", ns + "/" + std::to_string(i.link->ifindex) + "/" + i.link->name.value_or("-"));
    }
    if (!i.servedBy.empty())
        add("served_by", join(i.servedBy, [](int pid) { return std::to_string(pid); }));
    return t;
}

std::span<const DetailField> detailFields()
{
    return kFields;
}

std::vector<const DetailField*> detailFields(NsType type)
{
    std::vector<const DetailField*> out;
    for (const DetailField& f : kFields)
        if (f.type == type)
            out.push_back(&f);
    return out;
}

std::vector<std::string_view> detailColumns(bool trailing)
{
    std::vector<std::string_view> out;
    const auto add = [&](std::string_view key) {
        if (std::find(out.begin(), out.end(), key) == out.end())
            out.push_back(key);
    };
    for (const DetailField& f : kFields) {
        if (f.csvTrailing == trailing)
            add(f.key);
        if (trailing && !f.extraColumn.empty())
            add(f.extraColumn);
    }
    return out;
}

std::optional<std::string> detailColumnText(NsType type, const NamespaceDetails& details,
                                            std::string_view column)
{
    for (const DetailField& f : kFields) {
        if (f.type != type)
            continue;
        if (f.key == column)
            return detailText(f.get(details));
        if (f.extraColumn == column)
            return f.extraText(f.get(details));
    }
    return std::nullopt;
}

std::vector<std::pair<const DetailField*, std::string>> labelDetails(const Namespace& ns)
{
    std::vector<std::pair<const DetailField*, std::string>> out;
    for (const DetailField& f : kFields)
        if (f.type == ns.type && f.inLabels)
            if (std::optional<std::string> text = detailText(f.get(ns.details)))
                out.emplace_back(&f, std::move(*text));
    return out;
}

std::optional<std::string> detailText(const DetailValue& value)
{
    struct Text
    {
        std::optional<std::string> operator()(std::monostate) const { return std::nullopt; }
        std::optional<std::string> operator()(const std::string& s) const { return s; }
        std::optional<std::string> operator()(std::int64_t n) const { return std::to_string(n); }
        std::optional<std::string> operator()(const std::vector<NetInterface>& v) const
        {
            return join(v, [](const NetInterface& n) {
                std::string t = n.name + (n.up ? " up" : " down");
                for (const std::string& a : n.addresses)
                    t += " " + a;
                return t;
            });
        }
        std::optional<std::string> operator()(const std::vector<IdMapEntry>& v) const
        {
            return join(v, [](const IdMapEntry& e) {
                return std::to_string(e.inside) + " " + std::to_string(e.outside) + " " +
                       std::to_string(e.count);
            });
        }
        std::optional<std::string> operator()(const TimeOffset& t) const
        {
            return json::write(json::timeOffsetValue(t), false);
        }
        std::optional<std::string> operator()(const std::vector<NetRoute>& v) const
        {
            return join(v, [](const NetRoute& r) {
                return r.family + (r.gateway ? " via " + *r.gateway : std::string(" on-link")) +
                       " dev " + r.device;
            });
        }
    };
    return std::visit(Text{}, value);
}

} // namespace nsx::backend
