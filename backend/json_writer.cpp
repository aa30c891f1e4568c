// The JSON writer: json::Value printing with the project's layout, and Snapshot -> Value in
// the contract's key order (snapshot-format.md).
#include "json_value.h"
#include "snapshot_io.h"
#include "snapshot_json.h"

#include <algorithm>
#include <charconv>
#include <future>
#include <system_error>
#include <tuple>

namespace nsx::backend::json {

std::size_t validUtf8Length(std::string_view s)
{
    if (s.empty())
        return 0;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = b(0);
    if (c < 0x80)
        return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; // no overlong forms
        else if (c == 0xED)
            hi = 0x9F; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (s.size() < len)
        return 0;
    if (b(1) < lo || b(1) > hi)
        return 0;
    for (std::size_t i = 2; i < len; ++i)
        if (b(i) < 0x80 || b(i) > 0xBF)
            return 0;
    return len;
}

void appendString(std::string& out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const auto escapeByte = [&](unsigned char c) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    };
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const std::size_t len = validUtf8Length(s.substr(i));
            if (len == 0) {
                escapeByte(c); // one invalid byte; the next may start a valid sequence
                ++i;
            } else {
                out.append(s.data() + i, len);
                i += len;
            }
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                escapeByte(c);
            else
                out += static_cast<char>(c);
        }
        ++i;
    }
    out += '"';
}

namespace {

bool isInline(const Value& v)
{
    if (v.isScalar())
        return true;
    if (v.isArray())
        return std::all_of(v.items.begin(), v.items.end(), [](const Value& c) {
            return c.isScalar() || (c.isArray() && isInline(c));
        });
    return std::all_of(v.members.begin(), v.members.end(), [](const auto& m) {
        return m.second.isScalar() || (m.second.isArray() && isInline(m.second));
    });
}

template <typename N> void appendNumber(std::string& out, N n)
{
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

void writeValue(std::string& out, const Value& v, int indent)
{
    switch (v.kind) {
    case Value::Kind::Null:
        out += "null";
        return;
    case Value::Kind::Bool:
        out += v.boolean ? "true" : "false";
        return;
    case Value::Kind::Int:
        appendNumber(out, v.i);
        return;
    case Value::Kind::Uint:
        appendNumber(out, v.u);
        return;
    case Value::Kind::Decimal:
        out += v.str;
        return;
    case Value::Kind::String:
        appendString(out, v.str);
        return;
    case Value::Kind::Array:
    case Value::Kind::Object:
        break;
    }
    const bool isArr = v.isArray();
    const std::size_t n = isArr ? v.items.size() : v.members.size();
    const char open = isArr ? '[' : '{';
    const char close = isArr ? ']' : '}';
    if (n == 0) {
        out += open;
        out += close;
        return;
    }
    const bool oneLine = isInline(v);
    out += open;
    for (std::size_t k = 0; k < n; ++k) {
        if (oneLine) {
            if (k > 0)
                out += ", ";
        } else {
            out += k > 0 ? ",\n" : "\n";
            out.append(static_cast<std::size_t>(indent + 2), ' ');
        }
        if (isArr) {
            writeValue(out, v.items[k], indent + 2);
        } else {
            appendString(out, v.members[k].first);
            out += ": ";
            writeValue(out, v.members[k].second, indent + 2);
        }
    }
    if (!oneLine) {
        out += '\n';
        out.append(static_cast<std::size_t>(indent), ' ');
    }
    out += close;
}

Value optU64(const std::optional<std::uint64_t>& v)
{
    return v ? Value::fromUint(*v) : Value::null();
}
Value optU32(const std::optional<std::uint32_t>& v)
{
    return v ? Value::fromUint(*v) : Value::null();
}
Value optInt(const std::optional<int>& v)
{
    return v ? Value::fromInt(*v) : Value::null();
}
Value optStr(const std::optional<std::string>& v)
{
    return v ? Value::fromString(*v) : Value::null();
}
Value intList(const std::vector<int>& v)
{
    Value a = Value::makeArray();
    a.items.reserve(v.size());
    for (int x : v)
        a.push(Value::fromInt(x));
    return a;
}
Value detailsValue(NsType type, const NamespaceDetails& d)
{
    Value o = Value::makeObject();
    for (const DetailField* f : detailFields(type))
        o.add(std::string(f->key), detailValue(f->get(d)));
    return o;
}

} // namespace

Value timeOffsetValue(const TimeOffset& t)
{
    constexpr __int128 kNs = 1000000000;
    const __int128 total = static_cast<__int128>(t.seconds) * kNs + t.nanoseconds;
    const bool negative = total < 0;
    const __int128 mag = negative ? -total : total;
    const auto whole = static_cast<std::uint64_t>(mag / kNs);
    auto frac = static_cast<std::uint32_t>(mag % kNs);
    std::string text = negative ? "-" : "";
    char buf[32];
    text.append(buf, std::to_chars(buf, buf + sizeof buf, whole).ptr);
    if (frac == 0) {
        if (negative)
            return Value::fromInt(-static_cast<std::int64_t>(whole));
        return Value::fromUint(whole);
    }
    std::string digits(9, '0');
    for (int k = 8; k >= 0; --k, frac /= 10)
        digits[static_cast<std::size_t>(k)] = static_cast<char>('0' + frac % 10);
    digits.erase(digits.find_last_not_of('0') + 1);
    return Value::fromDecimal(text + "." + digits);
}

Value detailValue(const DetailValue& v)
{
    struct ToValue
    {
        Value operator()(std::monostate) const { return Value::null(); }
        Value operator()(const std::string& s) const { return Value::fromString(s); }
        Value operator()(std::int64_t n) const { return Value::fromInt(n); }
        Value operator()(const std::vector<NetInterface>& list) const
        {
            Value a = Value::makeArray();
            for (const NetInterface& i : list) {
                Value e = Value::makeObject();
                e.add("name", Value::fromString(i.name));
                e.add("up", Value::fromBool(i.up));
                Value addrs = Value::makeArray();
                for (const std::string& addr : i.addresses)
                    addrs.push(Value::fromString(addr));
                e.add("addresses", std::move(addrs));
                // The topology (issue 16): only what was read, so older snapshots keep their form.
                const auto optInt = [&](const char* key, const std::optional<int>& x) {
                    if (x)
                        e.add(key, Value::fromInt(*x));
                };
                const auto optText = [&](const char* key, const std::optional<std::string>& x) {
                    if (x)
                        e.add(key, Value::fromString(*x));
                };
                optInt("index", i.index);
                optText("kind", i.kind);
                optText("mac", i.mac);
                optInt("mtu", i.mtu);
                optText("operstate", i.operstate);
                optText("master", i.master);
                if (i.link) {
                    Value l = Value::makeObject();
                    l.add("netns", i.link->netns ? Value::fromUint(*i.link->netns) : Value::null());
                    l.add("ifindex", Value::fromInt(i.link->ifindex));
                    l.add("name", i.link->name ? Value::fromString(*i.link->name) : Value::null());
                    if (i.link->nsid)
                        l.add("nsid", Value::fromInt(*i.link->nsid));
                    e.add("link", std::move(l));
                }
                if (!i.servedBy.empty()) {
                    Value by = Value::makeArray();
                    for (int pid : i.servedBy)
                        by.push(Value::fromInt(pid));
                    e.add("served_by", std::move(by));
                }
                a.push(std::move(e));
            }
            return a;
        }
        Value operator()(const std::vector<NetRoute>& list) const
        {
            Value a = Value::makeArray();
            for (const NetRoute& r : list) {
                Value e = Value::makeObject();
                e.add("family", Value::fromString(r.family));
                e.add("gateway", r.gateway ? Value::fromString(*r.gateway) : Value::null());
                e.add("device", Value::fromString(r.device));
                a.push(std::move(e));
            }
            return a;
        }
        Value operator()(const std::vector<IdMapEntry>& map) const
        {
            Value a = Value::makeArray();
            for (const IdMapEntry& e : map) {
                Value row = Value::makeArray();
                row.push(Value::fromUint(e.inside));
                row.push(Value::fromUint(e.outside));
                row.push(Value::fromUint(e.count));
                a.push(std::move(row));
            }
            return a;
        }
        Value operator()(const TimeOffset& t) const { return timeOffsetValue(t); }
    };
    return std::visit(ToValue{}, v);
}

Value toValue(const Namespace& ns)
{
    Value o = Value::makeObject();
    o.add("type", Value::fromString(toString(ns.type)));
    o.add("inode", Value::fromUint(ns.inode));
    o.add("dev", Value::fromUint(ns.dev));
    o.add("owner", optU64(ns.owner));
    o.add("parent", optU64(ns.parent));
    o.add("owner_uid", optU32(ns.ownerUid));
    o.add("processes", intList(ns.processes));
    o.add("threads", intList(ns.threads));
    Value refs = Value::makeArray();
    for (const Reference& r : ns.references) {
        Value e = Value::makeObject();
        if (r.kind == Reference::Kind::BindMount) {
            e.add("kind", Value::fromString("bind-mount"));
            e.add("path", Value::fromString(r.path));
            if (r.mountNs)
                e.add("mount_ns", Value::fromUint(r.mountNs));
        } else {
            e.add("kind", Value::fromString("fd"));
            e.add("pid", Value::fromInt(r.pid));
            e.add("fd", Value::fromInt(r.fd));
        }
        refs.push(std::move(e));
    }
    o.add("references", std::move(refs));
    o.add("details", detailsValue(ns.type, ns.details));
    if (ns.launcher) {
        Value l = Value::makeObject();
        l.add("pid", optInt(ns.launcher->pid));
        l.add("comm", Value::fromString(ns.launcher->comm));
        l.add("kind", Value::fromString(ns.launcher->kind));
        o.add("launcher", std::move(l));
    }
    if (ns.container)
        o.add("container", Value::fromString(*ns.container));
    if (ns.id)
        o.add("id", Value::fromUint(*ns.id));
    return o;
}

Value toValue(const Process& p)
{
    Value o = Value::makeObject();
    o.add("pid", Value::fromInt(p.pid));
    o.add("ppid", Value::fromInt(p.ppid));
    o.add("comm", Value::fromString(p.comm));
    Value cmd = Value::makeArray();
    for (const std::string& a : p.cmdline)
        cmd.push(Value::fromString(a));
    o.add("cmdline", std::move(cmd));
    o.add("uid", optU32(p.uid));
    o.add("user", optStr(p.user));
    o.add("state", Value::fromString(std::string(1, p.state)));
    o.add("start_time", Value::fromUint(p.startTime));
    o.add("nspid", p.nspid ? intList(*p.nspid) : Value::null());
    Value nss = Value::makeObject();
    for (NsType t : kAllNsTypes)
        nss.add(std::string(toString(t)), optU64(p.namespaces[index(t)]));
    o.add("namespaces", std::move(nss));
    if (p.container)
        o.add("container", Value::fromString(*p.container));
    return o;
}

Value toValue(const Container& c)
{
    Value o = Value::makeObject();
    o.add("key", Value::fromString(c.key));
    o.add("engine", Value::fromString(c.engine));
    o.add("name", Value::fromString(c.name));
    o.add("id", Value::fromString(c.id));
    o.add("image", optStr(c.image));
    o.add("pod", optStr(c.pod));
    o.add("pod_namespace", optStr(c.podNamespace));
    o.add("project", optStr(c.project));
    o.add("unit", optStr(c.unit));
    o.add("app_id", optStr(c.appId));
    Value labels = Value::makeObject();
    for (const auto& [k, v] : c.labels)
        labels.add(k, Value::fromString(v));
    o.add("labels", std::move(labels));
    o.add("pid", optInt(c.pid));
    o.add("source", Value::fromString(c.source));
    if (c.ownerUid)
        o.add("owner_uid", Value::fromInt(*c.ownerUid));
    return o;
}

namespace {

// Everything before "namespaces", as one object.
Value headValue(const Snapshot& s)
{
    Value o = Value::makeObject();
    o.add("format", Value::fromString("nsexplorer-snapshot"));
    o.add("version", Value::fromUint(1));
    o.add("taken_at", Value::fromString(s.takenAt));
    Value host = Value::makeObject();
    host.add("hostname", Value::fromString(s.hostname));
    host.add("kernel", Value::fromString(s.kernel));
    o.add("host", std::move(host));
    Value scanner = Value::makeObject();
    scanner.add("uid", Value::fromUint(s.scannerUid));
    scanner.add("complete", Value::fromBool(s.complete));
    Value errors = Value::makeArray();
    for (const ScanError& e : s.errors) {
        Value ev = Value::makeObject();
        // pid 0 means "not about one process": null says that better than a fake pid.
        ev.add("pid", e.pid == 0 ? Value::null() : Value::fromInt(e.pid));
        ev.add("path", Value::fromString(e.path));
        ev.add("error", Value::fromString(e.error));
        errors.push(std::move(ev));
    }
    scanner.add("errors", std::move(errors));
    o.add("scanner", std::move(scanner));
    return o;
}

} // namespace

Value toValue(const Snapshot& s)
{
    Value o = headValue(s);
    Value nss = Value::makeArray();
    nss.items.reserve(s.namespaces.size());
    for (const Namespace& ns : s.namespaces)
        nss.push(toValue(ns));
    o.add("namespaces", std::move(nss));
    Value procs = Value::makeArray();
    procs.items.reserve(s.processes.size());
    for (const Process& p : s.processes)
        procs.push(toValue(p));
    o.add("processes", std::move(procs));
    if (!s.containers.empty()) {
        Value cs = Value::makeArray();
        for (const Container& c : s.containers)
            cs.push(toValue(c));
        o.add("containers", std::move(cs));
    }
    return o;
}

// The same bytes as write(toValue(s)) (the golden test holds both to one file), but one entry
// at a time: a whole-document Value costs about ten times the text in memory.
std::string writeSnapshot(const Snapshot& s)
{
    std::string out = "{\n";
    const Value head = headValue(s);
    for (const auto& [key, value] : head.members) {
        out += "  ";
        appendString(out, key);
        out += ": ";
        writeValue(out, value, 2);
        out += ",\n";
    }
    const auto list = [](const char* key, const auto& entries) {
        std::string text;
        text.reserve(64 + entries.size() * 512); // ~500 bytes an entry: no regrowth copies
        text += "  \"";
        text += key;
        text += "\": ";
        if (entries.empty()) {
            text += "[]";
            return text;
        }
        text += "[\n";
        for (std::size_t i = 0; i < entries.size(); ++i) {
            text += "    ";
            writeValue(text, toValue(entries[i]), 4);
            text += i + 1 < entries.size() ? ",\n" : "\n";
        }
        text += "  ]"; // appended, not text + "  ]": that would copy the whole list
        return text;
    };
    // The processes on a second thread while this one writes the namespaces: at 1,300
    // processes the text is ~1 MB and ~13 ms of one core, which a one-shot command waits for
    // (issue 17). Small snapshots are not worth a thread.
    std::future<std::string> processes;
    if (s.processes.size() >= 256)
        try {
            processes =
                std::async(std::launch::async, [&] { return list("processes", s.processes); });
        } catch (const std::system_error&) { // no thread to be had: written below, here
        }
    std::string namespaces = list("namespaces", s.namespaces);
    out.reserve(out.size() + namespaces.size() + s.processes.size() * 512 + 4096);
    out += namespaces;
    out += ",\n";
    out += processes.valid() ? processes.get() : list("processes", s.processes);
    if (!s.containers.empty()) { // optional (issue 15): older readers never see an empty list
        out += ",\n";
        out += list("containers", s.containers);
    }
    out += "\n}\n";
    return out;
}

std::string write(const Value& v, bool trailingNewline)
{
    std::string out;
    writeValue(out, v, 0);
    if (trailingNewline)
        out += '\n';
    return out;
}

} // namespace nsx::backend::json

namespace nsx::backend {

namespace {
bool isNormalized(const Snapshot& s)
{
    const auto nsLess = [](const Namespace& a, const Namespace& b) {
        return std::tie(a.type, a.inode) < std::tie(b.type, b.inode);
    };
    if (!std::is_sorted(s.namespaces.begin(), s.namespaces.end(), nsLess))
        return false;
    for (const Namespace& ns : s.namespaces)
        if (!std::is_sorted(ns.processes.begin(), ns.processes.end()) ||
            !std::is_sorted(ns.threads.begin(), ns.threads.end()))
            return false;
    for (const Container& c : s.containers)
        if (!std::is_sorted(c.labels.begin(), c.labels.end()))
            return false;
    return std::is_sorted(s.processes.begin(), s.processes.end(),
                          [](const Process& a, const Process& b) { return a.pid < b.pid; }) &&
           std::is_sorted(s.containers.begin(), s.containers.end(),
                          [](const Container& a, const Container& b) { return a.key < b.key; });
}
} // namespace

std::string toJson(const Snapshot& snapshot)
{
    if (isNormalized(snapshot))
        return json::writeSnapshot(snapshot);
    Snapshot copy = snapshot;
    normalize(copy);
    return json::writeSnapshot(copy);
}

} // namespace nsx::backend
