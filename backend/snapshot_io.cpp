// fromJson / loadSnapshotFile: a json::Value checked against the contract, key by key, with
// errors that name the path; plus the small text helpers shared with the CLI.
#include "snapshot_io.h"

#include "detail_fields.h"
#include "json_value.h"
#include "snapshot_json.h"
#include "translate_noop.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <set>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace nsx::backend {

namespace {

using json::Value;

// Thrown inside the reader; fromJson() adds the origin and turns it into a SnapshotError.
struct PathError
{
    std::string path;
    RequestText what;
    bool topLevel = false; // named "(top level)" when `path` is empty
};

[[noreturn]] void fail(const std::string& path, RequestText what, bool topLevel = false)
{
    throw PathError{path, std::move(what), topLevel};
}

// A marked template (QT_TRANSLATE_NOOP("SnapshotError", ...)) with its arguments.
RequestText say(const char* marked, std::vector<RequestText> args = {})
{
    return RequestText(marked, std::move(args));
}

std::string child(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string item(const std::string& path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

// What a value is, and what a key expects: "an integer", "a string"...
constexpr const char* kAnInteger = QT_TRANSLATE_NOOP("SnapshotError", "an integer");
constexpr const char* kAString = QT_TRANSLATE_NOOP("SnapshotError", "a string");
constexpr const char* kAnArray = QT_TRANSLATE_NOOP("SnapshotError", "an array");
constexpr const char* kAnObject = QT_TRANSLATE_NOOP("SnapshotError", "an object");

const char* kindName(const Value& v)
{
    switch (v.kind) {
    case Value::Kind::Null:
        return QT_TRANSLATE_NOOP("SnapshotError", "null");
    case Value::Kind::Bool:
        return QT_TRANSLATE_NOOP("SnapshotError", "a boolean");
    case Value::Kind::Int:
    case Value::Kind::Uint:
        return kAnInteger;
    case Value::Kind::Decimal:
        return QT_TRANSLATE_NOOP("SnapshotError", "a decimal number");
    case Value::Kind::String:
        return kAString;
    case Value::Kind::Array:
        return kAnArray;
    case Value::Kind::Object:
        return kAnObject;
    }
    return QT_TRANSLATE_NOOP("SnapshotError", "something else");
}

// `what`: a marked template ("an integer").
[[noreturn]] void expected(const std::string& path, const Value& v, const char* what)
{
    fail(path, say(QT_TRANSLATE_NOOP("SnapshotError", "expected %1, found %2"),
                   {say(what), say(kindName(v))}));
}

std::string quote(std::string_view data, std::size_t max)
{
    return displayString(data.substr(0, max));
}

// nullptr when absent. Duplicate keys are refused: which one wins would be a guess.
const Value* find(const Value& obj, std::string_view key, const std::string& path)
{
    const Value* found = nullptr;
    for (const auto& [k, v] : obj.members) {
        if (k != key)
            continue;
        if (found)
            fail(path,
                 say(QT_TRANSLATE_NOOP("SnapshotError", "duplicate key \"%1\""), {quote(key, 80)}));
        found = &v;
    }
    return found;
}

const Value& need(const Value& obj, std::string_view key, const std::string& path)
{
    const Value* v = find(obj, key, path);
    if (!v)
        fail(path,
             say(QT_TRANSLATE_NOOP("SnapshotError", "missing key \"%1\""), {std::string(key)}),
             true);
    return *v;
}

const Value& needObject(const Value& v, const std::string& path)
{
    if (!v.isObject())
        expected(path, v, kAnObject);
    return v;
}

const Value& needArray(const Value& v, const std::string& path)
{
    if (!v.isArray())
        expected(path, v, kAnArray);
    return v;
}

std::uint64_t asU64(const Value& v, const std::string& path, std::uint64_t max,
                    const char* what = QT_TRANSLATE_NOOP("SnapshotError", "an unsigned integer"))
{
    if (v.kind == Value::Kind::Uint && v.u <= max)
        return v.u;
    if (v.kind == Value::Kind::Uint || v.kind == Value::Kind::Int)
        fail(path, say(QT_TRANSLATE_NOOP("SnapshotError", "expected %1 (0 to %2)"),
                       {say(what), std::to_string(max)}));
    expected(path, v, what);
}

std::uint64_t u64(const Value& v, const std::string& path)
{
    return asU64(v, path, std::numeric_limits<std::uint64_t>::max());
}
std::uint32_t u32(const Value& v, const std::string& path)
{
    return static_cast<std::uint32_t>(asU64(v, path, std::numeric_limits<std::uint32_t>::max()));
}

std::int64_t asInt(const Value& v, const std::string& path, std::int64_t min, std::int64_t max)
{
    if (v.kind == Value::Kind::Uint && v.u <= static_cast<std::uint64_t>(max) &&
        static_cast<std::int64_t>(v.u) >= min)
        return static_cast<std::int64_t>(v.u);
    if (v.kind == Value::Kind::Int && v.i >= min && v.i <= max)
        return v.i;
    if (v.kind == Value::Kind::Uint || v.kind == Value::Kind::Int)
        fail(path, say(QT_TRANSLATE_NOOP("SnapshotError", "expected an integer from %1 to %2"),
                       {std::to_string(min), std::to_string(max)}));
    expected(path, v, kAnInteger);
}

int pidValue(const Value& v, const std::string& path)
{
    return static_cast<int>(asInt(v, path, 0, std::numeric_limits<int>::max()));
}
int intValue(const Value& v, const std::string& path)
{
    return static_cast<int>(
        asInt(v, path, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

const std::string& str(const Value& v, const std::string& path)
{
    if (!v.isString())
        expected(path, v, kAString);
    return v.str;
}

bool boolean(const Value& v, const std::string& path)
{
    if (v.kind != Value::Kind::Bool)
        expected(path, v, QT_TRANSLATE_NOOP("SnapshotError", "true or false"));
    return v.boolean;
}

// Optional members: absent or null give nullopt.
template <typename F>
auto opt(const Value& obj, std::string_view key, const std::string& path, F convert)
    -> std::optional<decltype(convert(obj, path))>
{
    const Value* v = find(obj, key, path);
    if (!v || v->isNull())
        return std::nullopt;
    return convert(*v, child(path, key));
}

// Required members that may be null.
template <typename F>
auto nullable(const Value& obj, std::string_view key, const std::string& path, F convert)
    -> std::optional<decltype(convert(obj, path))>
{
    const Value& v = need(obj, key, path);
    if (v.isNull())
        return std::nullopt;
    return convert(v, child(path, key));
}

std::vector<int> pidList(const Value& v, const std::string& path)
{
    needArray(v, path);
    std::vector<int> out;
    out.reserve(v.items.size());
    for (std::size_t i = 0; i < v.items.size(); ++i)
        out.push_back(pidValue(v.items[i], item(path, i)));
    return out;
}

} // namespace

// The details table's readers (snapshot_json.h) for values with more inside than a scalar.
namespace json {

TimeOffset readTimeOffset(const Value& v, const std::string& path)
{
    constexpr std::int64_t kNs = 1000000000;
    if (v.kind == Value::Kind::Uint || v.kind == Value::Kind::Int)
        return {asInt(v, path, std::numeric_limits<std::int64_t>::min(),
                      std::numeric_limits<std::int64_t>::max()),
                0};
    if (v.kind != Value::Kind::Decimal)
        expected(path, v, QT_TRANSLATE_NOOP("SnapshotError", "seconds (a number)"));
    // Exact decimal: -?digits.digits with at most 9 fractional digits, no exponent.
    const std::string& t = v.str;
    const auto bad = [&]() {
        fail(path, say(QT_TRANSLATE_NOOP(
                           "SnapshotError",
                           "expected seconds as a decimal with at most 9 fractional digits, "
                           "found %1"),
                       {t.substr(0, 40)}));
    };
    std::size_t i = 0;
    const bool negative = !t.empty() && t[0] == '-';
    if (negative)
        ++i;
    __int128 whole = 0;
    std::size_t digits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) {
        whole = whole * 10 + (t[i] - '0');
        if (whole > std::numeric_limits<std::int64_t>::max())
            bad();
    }
    if (digits == 0 || i >= t.size() || t[i] != '.')
        bad();
    ++i;
    std::int64_t frac = 0;
    std::size_t fracDigits = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++fracDigits) {
        if (fracDigits == 9)
            bad();
        frac = frac * 10 + (t[i] - '0');
    }
    if (fracDigits == 0 || i != t.size())
        bad();
    for (std::size_t k = fracDigits; k < 9; ++k)
        frac *= 10;
    __int128 total = whole * kNs + frac;
    if (negative)
        total = -total;
    // Floor division keeps nanoseconds in 0..999999999, as the kernel stores them.
    __int128 secs = total / kNs;
    __int128 ns = total % kNs;
    if (ns < 0) {
        ns += kNs;
        --secs;
    }
    if (secs < std::numeric_limits<std::int64_t>::min() ||
        secs > std::numeric_limits<std::int64_t>::max())
        bad();
    return {static_cast<std::int64_t>(secs), static_cast<std::int64_t>(ns)};
}

std::vector<IdMapEntry> readIdMap(const Value& v, const std::string& path)
{
    needArray(v, path);
    std::vector<IdMapEntry> out;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        const std::string p = item(path, i);
        const Value& row = needArray(v.items[i], p);
        if (row.items.size() != 3)
            fail(p, say(QT_TRANSLATE_NOOP("SnapshotError", "expected [inside, outside, count]")));
        out.push_back({u64(row.items[0], item(p, 0)), u64(row.items[1], item(p, 1)),
                       u64(row.items[2], item(p, 2))});
    }
    return out;
}

std::vector<NetInterface> readInterfaces(const Value& v, const std::string& path)
{
    needArray(v, path);
    std::vector<NetInterface> out;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        const std::string p = item(path, i);
        const Value& o = needObject(v.items[i], p);
        NetInterface ni;
        ni.name = str(need(o, "name", p), child(p, "name"));
        ni.up = boolean(need(o, "up", p), child(p, "up"));
        const std::string ap = child(p, "addresses");
        const Value& addrs = needArray(need(o, "addresses", p), ap);
        for (std::size_t k = 0; k < addrs.items.size(); ++k)
            ni.addresses.push_back(str(addrs.items[k], item(ap, k)));
        // The topology (issue 16): each key optional, absent when not read.
        const auto text = [](const Value& x, const std::string& q) { return str(x, q); };
        ni.index = opt(o, "index", p, pidValue);
        ni.kind = opt(o, "kind", p, text);
        ni.mac = opt(o, "mac", p, text);
        ni.mtu = opt(o, "mtu", p, pidValue);
        ni.operstate = opt(o, "operstate", p, text);
        ni.master = opt(o, "master", p, text);
        ni.link = opt(o, "link", p, [&](const Value& l, const std::string& lp) {
            needObject(l, lp);
            NetLinkEnd end;
            end.netns = nullable(l, "netns", lp, u64);
            end.ifindex = pidValue(need(l, "ifindex", lp), child(lp, "ifindex"));
            end.name = nullable(l, "name", lp, text);
            end.nsid = opt(l, "nsid", lp, pidValue);
            return end;
        });
        if (const Value* s = find(o, "served_by", p))
            ni.servedBy = pidList(*s, child(p, "served_by"));
        out.push_back(std::move(ni));
    }
    return out;
}

std::vector<NetRoute> readRoutes(const Value& v, const std::string& path)
{
    needArray(v, path);
    std::vector<NetRoute> out;
    const auto text = [](const Value& x, const std::string& q) { return str(x, q); };
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        const std::string p = item(path, i);
        const Value& o = needObject(v.items[i], p);
        NetRoute r;
        r.family = str(need(o, "family", p), child(p, "family"));
        if (r.family != "inet" && r.family != "inet6")
            fail(child(p, "family"),
                 say(QT_TRANSLATE_NOOP("SnapshotError", "expected \"inet\" or \"inet6\"")));
        r.gateway = nullable(o, "gateway", p, text);
        r.device = str(need(o, "device", p), child(p, "device"));
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace json

namespace {

NamespaceDetails details(NsType type, const Value& o, const std::string& path)
{
    needObject(o, path);
    NamespaceDetails d;
    for (const DetailField* f : detailFields(type))
        if (auto v = opt(o, f->key, path, f->read))
            f->set(d, std::move(*v));
    return d;
}

NsType nsType(const Value& v, const std::string& path)
{
    const std::string& name = str(v, path);
    auto t = nsTypeFromString(name);
    if (!t)
        fail(path, say(QT_TRANSLATE_NOOP("SnapshotError", "unknown namespace type \"%1\""),
                       {quote(name, 40)}));
    return *t;
}

constexpr const char* kEmptyKey =
    QT_TRANSLATE_NOOP("SnapshotError", "expected a container key, found an empty string");

// The optional "container" of a namespace or process: a Container key (issue 15).
std::optional<std::string> containerRef(const Value& o, const std::string& path)
{
    const Value* c = find(o, "container", path);
    if (!c || c->isNull())
        return std::nullopt;
    const std::string& key = str(*c, child(path, "container"));
    if (key.empty())
        fail(child(path, "container"), say(kEmptyKey));
    return key;
}

Container readContainer(const Value& o, const std::string& path)
{
    needObject(o, path);
    Container c;
    const auto text = [](const Value& v, const std::string& q) { return str(v, q); };
    c.key = str(need(o, "key", path), child(path, "key"));
    if (c.key.empty())
        fail(child(path, "key"), say(kEmptyKey));
    c.engine = str(need(o, "engine", path), child(path, "engine"));
    c.name = str(need(o, "name", path), child(path, "name"));
    c.id = str(need(o, "id", path), child(path, "id"));
    c.image = nullable(o, "image", path, text);
    c.pod = nullable(o, "pod", path, text);
    c.podNamespace = nullable(o, "pod_namespace", path, text);
    c.project = nullable(o, "project", path, text);
    c.unit = nullable(o, "unit", path, text);
    c.appId = nullable(o, "app_id", path, text);
    if (const Value* l = find(o, "labels", path); l && !l->isNull()) {
        const std::string lp = child(path, "labels");
        needObject(*l, lp);
        for (const auto& [k, v] : l->members)
            c.labels.emplace_back(k, str(v, child(lp, k)));
        std::sort(c.labels.begin(), c.labels.end());
        for (std::size_t i = 1; i < c.labels.size(); ++i)
            if (c.labels[i - 1].first == c.labels[i].first)
                fail(lp, say(QT_TRANSLATE_NOOP("SnapshotError", "duplicate key \"%1\""),
                             {quote(c.labels[i].first, 80)}));
    }
    c.pid = nullable(o, "pid", path, pidValue);
    c.source = str(need(o, "source", path), child(path, "source"));
    if (const Value* u = find(o, "owner_uid", path); u && !u->isNull()) // optional (added)
        c.ownerUid = u32(*u, child(path, "owner_uid"));
    return c;
}

Namespace readNamespace(const Value& o, const std::string& path)
{
    needObject(o, path);
    Namespace ns;
    ns.type = nsType(need(o, "type", path), child(path, "type"));
    ns.inode = u64(need(o, "inode", path), child(path, "inode"));
    ns.dev = u64(need(o, "dev", path), child(path, "dev"));
    ns.owner = nullable(o, "owner", path, u64);
    ns.parent = nullable(o, "parent", path, u64);
    ns.ownerUid = nullable(o, "owner_uid", path, u32);
    ns.processes = pidList(need(o, "processes", path), child(path, "processes"));
    ns.threads = pidList(need(o, "threads", path), child(path, "threads"));
    const std::string rp = child(path, "references");
    const Value& refs = needArray(need(o, "references", path), rp);
    for (std::size_t i = 0; i < refs.items.size(); ++i) {
        const std::string p = item(rp, i);
        const Value& r = needObject(refs.items[i], p);
        const std::string& kind = str(need(r, "kind", p), child(p, "kind"));
        Reference ref;
        if (kind == "bind-mount") {
            ref.kind = Reference::Kind::BindMount;
            ref.path = str(need(r, "path", p), child(p, "path"));
            if (const Value* m = find(r, "mount_ns", p); m && !m->isNull()) // optional (added)
                ref.mountNs = u64(*m, child(p, "mount_ns"));
        } else if (kind == "fd") {
            ref.kind = Reference::Kind::Fd;
            ref.pid = pidValue(need(r, "pid", p), child(p, "pid"));
            ref.fd = intValue(need(r, "fd", p), child(p, "fd"));
        } else {
            fail(child(p, "kind"),
                 say(QT_TRANSLATE_NOOP("SnapshotError", "expected \"bind-mount\" or \"fd\"")));
        }
        ns.references.push_back(std::move(ref));
    }
    ns.details = details(ns.type, need(o, "details", path), child(path, "details"));
    if (const Value* l = find(o, "launcher", path); l && !l->isNull()) {
        const std::string lp = child(path, "launcher");
        needObject(*l, lp);
        Launcher launcher;
        launcher.pid = nullable(*l, "pid", lp, pidValue);
        launcher.comm = str(need(*l, "comm", lp), child(lp, "comm"));
        launcher.kind = str(need(*l, "kind", lp), child(lp, "kind"));
        ns.launcher = std::move(launcher);
    }
    ns.container = containerRef(o, path);
    if (const Value* id = find(o, "id", path); id && !id->isNull())
        if (const std::uint64_t v = u64(*id, child(path, "id")))
            ns.id = v; // 0 is no namespace's id: as if absent

    return ns;
}

Process readProcess(const Value& o, const std::string& path)
{
    needObject(o, path);
    Process p;
    p.pid = pidValue(need(o, "pid", path), child(path, "pid"));
    p.ppid = pidValue(need(o, "ppid", path), child(path, "ppid"));
    p.comm = str(need(o, "comm", path), child(path, "comm"));
    const std::string cp = child(path, "cmdline");
    const Value& cmd = needArray(need(o, "cmdline", path), cp);
    for (std::size_t i = 0; i < cmd.items.size(); ++i)
        p.cmdline.push_back(str(cmd.items[i], item(cp, i)));
    p.uid = nullable(o, "uid", path, u32);
    p.user =
        nullable(o, "user", path, [](const Value& v, const std::string& q) { return str(v, q); });
    const std::string& state = str(need(o, "state", path), child(path, "state"));
    if (state.size() != 1)
        fail(child(path, "state"),
             say(QT_TRANSLATE_NOOP("SnapshotError", "expected a one-character string")));
    p.state = state[0];
    p.startTime = u64(need(o, "start_time", path), child(path, "start_time"));
    p.nspid = nullable(o, "nspid", path, pidList);
    const std::string np = child(path, "namespaces");
    const Value& nss = needObject(need(o, "namespaces", path), np);
    for (NsType t : kAllNsTypes)
        p.namespaces[index(t)] = nullable(nss, toString(t), np, u64);
    p.container = containerRef(o, path);
    return p;
}

// "format" and "version" come first, so that a future version is named as such instead of
// failing on whatever changed. With `partial` (during parsing) a missing key means "not
// seen yet" and gives false; a wrong one throws either way.
bool checkHeader(const Value& root, bool partial)
{
    if (!root.isObject())
        fail("", say(QT_TRANSLATE_NOOP("SnapshotError",
                                       "expected a JSON object at the top level, found %1"),
                     {say(kindName(root))}));
    const Value* format = find(root, "format", "");
    const Value* version = find(root, "version", "");
    if (!format || !version) {
        if (partial)
            return false;
        if (!format)
            fail("", say(QT_TRANSLATE_NOOP("SnapshotError",
                                           "not an nsexplorer snapshot (no \"format\" key)")));
    }
    if (!format->isString() || format->str != "nsexplorer-snapshot")
        fail("format", say(QT_TRANSLATE_NOOP(
                           "SnapshotError",
                           "not an nsexplorer snapshot (expected \"nsexplorer-snapshot\")")));
    if (!version)
        fail("", say(QT_TRANSLATE_NOOP("SnapshotError", "missing key \"%1\""),
                     {std::string("version")}));
    if (version->kind != Value::Kind::Uint && version->kind != Value::Kind::Int)
        expected("version", *version, kAnInteger);
    if (version->kind != Value::Kind::Uint || version->u != 1)
        fail("", say(QT_TRANSLATE_NOOP("SnapshotError",
                                       "unsupported snapshot version %1 (this nsexplorer reads "
                                       "version 1)"),
                     {version->kind == Value::Kind::Uint ? std::to_string(version->u)
                                                         : std::to_string(version->i)}));
    return true;
}

// `s` may already hold the entries that were converted while parsing (see fromJson); the
// arrays in `root` then hold only what was not.
void readSnapshot(const Value& root, Snapshot& s)
{
    checkHeader(root, false);
    s.takenAt = str(need(root, "taken_at", ""), "taken_at");
    const Value& host = needObject(need(root, "host", ""), "host");
    s.hostname = str(need(host, "hostname", "host"), "host.hostname");
    s.kernel = str(need(host, "kernel", "host"), "host.kernel");
    const Value& scanner = needObject(need(root, "scanner", ""), "scanner");
    s.scannerUid = u32(need(scanner, "uid", "scanner"), "scanner.uid");
    s.complete = boolean(need(scanner, "complete", "scanner"), "scanner.complete");
    const Value& errors = needArray(need(scanner, "errors", "scanner"), "scanner.errors");
    for (std::size_t i = 0; i < errors.items.size(); ++i) {
        const std::string p = item("scanner.errors", i);
        const Value& e = needObject(errors.items[i], p);
        ScanError err;
        err.pid = nullable(e, "pid", p, pidValue).value_or(0);
        err.path = str(need(e, "path", p), child(p, "path"));
        err.error = str(need(e, "error", p), child(p, "error"));
        s.errors.push_back(std::move(err));
    }
    const Value& nss = needArray(need(root, "namespaces", ""), "namespaces");
    for (std::size_t i = 0; i < nss.items.size(); ++i)
        s.namespaces.push_back(readNamespace(nss.items[i], item("namespaces", i)));
    const Value& procs = needArray(need(root, "processes", ""), "processes");
    for (std::size_t i = 0; i < procs.items.size(); ++i)
        s.processes.push_back(readProcess(procs.items[i], item("processes", i)));
    if (const Value* cs = find(root, "containers", ""); cs && !cs->isNull()) {
        needArray(*cs, "containers"); // optional (issue 15)
        for (std::size_t i = 0; i < cs->items.size(); ++i)
            s.containers.push_back(readContainer(cs->items[i], item("containers", i)));
    }

    normalize(s);
    for (std::size_t i = 1; i < s.namespaces.size(); ++i) {
        const Namespace& a = s.namespaces[i - 1];
        const Namespace& b = s.namespaces[i];
        if (a.type == b.type && a.inode == b.inode)
            fail("namespaces", say(QT_TRANSLATE_NOOP("SnapshotError", "duplicate namespace %1 %2"),
                                   {std::string(toString(a.type)), std::to_string(a.inode)}));
    }
    for (std::size_t i = 1; i < s.processes.size(); ++i)
        if (s.processes[i - 1].pid == s.processes[i].pid)
            fail("processes", say(QT_TRANSLATE_NOOP("SnapshotError", "duplicate pid %1"),
                                  {std::to_string(s.processes[i].pid)}));
    for (std::size_t i = 1; i < s.containers.size(); ++i)
        if (s.containers[i - 1].key == s.containers[i].key)
            fail("containers",
                 say(QT_TRANSLATE_NOOP("SnapshotError", "duplicate container key \"%1\""),
                     {quote(s.containers[i].key, 80)}));
    // A key a namespace or process names must be listed: a dangling one is a damaged file.
    const auto dangling = [&](const std::optional<std::string>& key) {
        return key && !s.findContainer(*key);
    };
    for (const Namespace& ns : s.namespaces)
        if (dangling(ns.container))
            fail("namespaces",
                 say(QT_TRANSLATE_NOOP("SnapshotError", "%1 %2: no container with key \"%3\""),
                     {std::string(toString(ns.type)), std::to_string(ns.inode),
                      quote(*ns.container, 80)}));
    for (const Process& p : s.processes)
        if (dangling(p.container))
            fail("processes",
                 say(QT_TRANSLATE_NOOP("SnapshotError", "pid %1: no container with key \"%2\""),
                     {std::to_string(p.pid), quote(*p.container, 80)}));
}

// Error text is one line: a file name or data with a newline must not break it.
std::string oneLine(std::string_view s)
{
    std::string out = displayString(s);
    if (out.size() > 400)
        out = out.substr(0, 400) + "...";
    return out;
}

// "origin: message" (a file name, a key path), or the message alone when `origin` is empty.
RequestText named(std::string_view origin, RequestText message)
{
    if (origin.empty())
        return message;
    //: A file name or a key path (namespaces[3].inode), then what is wrong there.
    return say(QT_TRANSLATE_NOOP("SnapshotError", "%1: %2"), {oneLine(origin), std::move(message)});
}

} // namespace

namespace json {
std::string readString(const Value& v, const std::string& path)
{
    return str(v, path);
}
std::int64_t readInt64(const Value& v, const std::string& path)
{
    return asInt(v, path, std::numeric_limits<std::int64_t>::min(),
                 std::numeric_limits<std::int64_t>::max());
}
std::int64_t readInt(const Value& v, const std::string& path)
{
    return intValue(v, path);
}
std::int64_t readPid(const Value& v, const std::string& path)
{
    return pidValue(v, path);
}
} // namespace json

Snapshot fromJson(std::string_view text, std::string_view origin)
{
    if (text.empty())
        throw SnapshotError(
            named(origin,
                  say(QT_TRANSLATE_NOOP("SnapshotError", "empty file, expected a JSON snapshot"))));
    Snapshot s;
    // Entries are converted as soon as the parser has them, once the header was checked:
    // the whole document as json::Values would cost about ten times the file in memory.
    const json::EntrySink sink = [&s](const Value& root, const std::string& key, std::size_t index,
                                      Value& entry) {
        if (key != "namespaces" && key != "processes" && key != "containers")
            return false;
        if (!checkHeader(root, true))
            return false; // header later in the file: convert after parsing, in order
        // A second "namespaces" key is refused by readSnapshot(); nothing to do here.
        if (key == "namespaces")
            s.namespaces.push_back(readNamespace(entry, item(key, index)));
        else if (key == "containers")
            s.containers.push_back(readContainer(entry, item(key, index)));
        else
            s.processes.push_back(readProcess(entry, item(key, index)));
        return true;
    };
    try {
        json::Value root;
        RequestText error;
        if (!json::parse(text, root, error, {}, sink))
            throw SnapshotError(named(origin, std::move(error)));
        readSnapshot(root, s);
        return s;
    } catch (const PathError& e) {
        RequestText where = e.path.empty() && e.topLevel
                                ? say(QT_TRANSLATE_NOOP("SnapshotError", "(top level)"))
                                : RequestText(e.path);
        RequestText message =
            e.path.empty() && !e.topLevel
                ? e.what
                : say(QT_TRANSLATE_NOOP("SnapshotError", "%1: %2"),
                      {where.format ? where : RequestText(oneLine(e.path)), e.what});
        throw SnapshotError(named(origin, std::move(message)));
    }
}

namespace {
const char* fileKind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return QT_TRANSLATE_NOOP("SnapshotError", "a FIFO");
    if (S_ISCHR(mode))
        return QT_TRANSLATE_NOOP("SnapshotError", "a character device");
    if (S_ISBLK(mode))
        return QT_TRANSLATE_NOOP("SnapshotError", "a block device");
    if (S_ISSOCK(mode))
        return QT_TRANSLATE_NOOP("SnapshotError", "a socket");
    return QT_TRANSLATE_NOOP("SnapshotError", "not a file");
}

constexpr const char* kCannotStat = QT_TRANSLATE_NOOP("SnapshotError", "cannot stat: %1");
constexpr const char* kIsDirectory =
    QT_TRANSLATE_NOOP("SnapshotError", "is a directory, expected a snapshot file");

// "cannot open: No such file or directory": the usual errors in words that can be translated,
// any other as strerror() says it.
RequestText sysError(const char* marked)
{
    // The usual ones in words of our own, so that they can be translated (the same English).
    switch (errno) {
    case ENOENT:
        return say(marked, {say(QT_TRANSLATE_NOOP("SnapshotError", "No such file or directory"))});
    case EACCES:
        return say(marked, {say(QT_TRANSLATE_NOOP("SnapshotError", "Permission denied"))});
    case ENOTDIR:
        return say(marked, {say(QT_TRANSLATE_NOOP("SnapshotError", "Not a directory"))});
    case ELOOP:
        return say(marked,
                   {say(QT_TRANSLATE_NOOP("SnapshotError", "Too many levels of symbolic links"))});
    case EIO:
        return say(marked, {say(QT_TRANSLATE_NOOP("SnapshotError", "Input/output error"))});
    default:
        return say(marked, {std::string(std::strerror(errno))});
    }
}
} // namespace

Snapshot loadSnapshotFile(const std::string& path, std::size_t maxBytes)
{
    // Only a regular file: opening a FIFO blocks until a writer comes (forever, in a GUI's
    // thread), and /dev/zero or a tty never end. O_NONBLOCK makes the open itself return at
    // once whatever the path names; fstat then decides on what was opened, not on a path that
    // may have been swapped since a stat.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        throw SnapshotError(
            named(path, sysError(QT_TRANSLATE_NOOP("SnapshotError", "cannot open: %1"))));
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st
    {};
    if (::fstat(fd, &st) != 0)
        throw SnapshotError(named(path, sysError(kCannotStat)));
    if (S_ISDIR(st.st_mode))
        throw SnapshotError(named(path, say(kIsDirectory)));
    if (!S_ISREG(st.st_mode))
        throw SnapshotError(
            named(path, say(QT_TRANSLATE_NOOP("SnapshotError",
                                              "not a regular file (%1), expected a snapshot file"),
                            {say(fileKind(st.st_mode))})));
    // Back to blocking reads (a regular file never blocks; this only keeps read() simple).
    if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return loadSnapshotFd(fd, path, maxBytes);
}

Snapshot loadSnapshotFd(int fd, const std::string& name, std::size_t maxBytes)
{
    struct stat st
    {};
    if (::fstat(fd, &st) != 0)
        throw SnapshotError(named(name, sysError(kCannotStat)));
    if (S_ISDIR(st.st_mode))
        throw SnapshotError(named(name, say(kIsDirectory)));
    const auto limit = std::to_string(maxBytes >> 20);
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > maxBytes)
        throw SnapshotError(named(
            name,
            say(QT_TRANSLATE_NOOP("SnapshotError", "file too large (%1 MiB; the limit is %2 MiB)"),
                {std::to_string(static_cast<std::uint64_t>(st.st_size) >> 20), limit})));
    std::string text;
    if (S_ISREG(st.st_mode))
        text.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw SnapshotError(
                named(name, sysError(QT_TRANSLATE_NOOP("SnapshotError", "cannot read: %1"))));
        }
        if (n == 0)
            break;
        // A pipe or a file that grows while we read: stop at the limit, don't trust st_size.
        if (text.size() + static_cast<std::size_t>(n) > maxBytes)
            throw SnapshotError(named(
                name, say(QT_TRANSLATE_NOOP("SnapshotError", "input too large (more than %1 MiB)"),
                          {limit})));
        text.append(buf, static_cast<std::size_t>(n));
    }
    return fromJson(text, name);
}

std::vector<std::vector<std::string>> holderLabels(const Snapshot& snapshot)
{
    // Namespaces that something else names as its owner or parent.
    std::set<std::pair<NsType, std::uint64_t>> referenced;
    for (const Namespace& ns : snapshot.namespaces) {
        if (ns.owner)
            referenced.emplace(NsType::User, *ns.owner);
        if (ns.parent)
            referenced.emplace(ns.type, *ns.parent);
    }
    std::vector<std::vector<std::string>> out;
    out.reserve(snapshot.namespaces.size());
    for (const Namespace& ns : snapshot.namespaces) {
        std::vector<std::string> h;
        if (!ns.processes.empty())
            h.emplace_back("procs");
        if (!ns.threads.empty())
            h.emplace_back("threads");
        for (const Reference& r : ns.references) {
            if (r.kind == Reference::Kind::BindMount)
                h.push_back("bind:" + r.path);
            else
                h.push_back("fd:" + std::to_string(r.pid) + "/" + std::to_string(r.fd));
        }
        if (h.empty())
            h.emplace_back(referenced.count({ns.type, ns.inode}) ? "owner-only" : "none");
        out.push_back(std::move(h));
    }
    return out;
}

} // namespace nsx::backend
