// CSV export (snapshot-format.md, "CSV"): one file of processes, one of namespaces. RFC 4180
// quoting; raw kernel bytes are kept (a spreadsheet decides how to show them).
#include "snapshot_io.h"

#include "detail_fields.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace nsx::backend {

namespace {

void cell(std::string& out, std::string_view s)
{
    // RFC 4180 requires quotes for ',', '"', CR and LF; any other control byte gets them too
    // so that a tab or an escape code stays visibly inside one field.
    const bool quote = std::any_of(s.begin(), s.end(), [](char c) {
        return c == ',' || c == '"' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
    if (!quote) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

class Row
{
public:
    explicit Row(std::string& out) : m_out(out) {}
    ~Row() { m_out += '\n'; }
    Row& operator<<(std::string_view s)
    {
        sep();
        cell(m_out, s);
        return *this;
    }
    template <typename T> Row& operator<<(const std::optional<T>& v)
    {
        if (v)
            return *this << *v;
        sep();
        return *this;
    }
    Row& operator<<(std::uint64_t n) { return *this << std::string_view(std::to_string(n)); }
    Row& operator<<(std::int64_t n) { return *this << std::string_view(std::to_string(n)); }
    Row& operator<<(int n) { return *this << std::string_view(std::to_string(n)); }
    Row& operator<<(std::uint32_t n) { return *this << std::string_view(std::to_string(n)); }
    Row& operator<<(const std::string& s) { return *this << std::string_view(s); }
    Row& operator<<(const char* s) { return *this << std::string_view(s); }

private:
    void sep()
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
    }
    std::string& m_out;
    bool m_first = true;
};

template <typename T, typename F> std::string join(const std::vector<T>& v, F f, char sep = ';')
{
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += sep;
        out += f(v[i]);
    }
    return out;
}

} // namespace

std::string toCsvProcesses(const Snapshot& snapshot)
{
    std::string out;
    {
        Row header(out);
        header << "pid"
               << "ppid"
               << "comm"
               << "uid"
               << "user";
        for (NsType t : kAllNsTypes)
            header << "ns_" + std::string(toString(t));
        header << "container";
    }
    std::vector<const Process*> procs;
    for (const Process& p : snapshot.processes)
        procs.push_back(&p);
    std::stable_sort(procs.begin(), procs.end(),
                     [](const Process* a, const Process* b) { return a->pid < b->pid; });
    for (const Process* p : procs) {
        Row row(out);
        row << p->pid << p->ppid << p->comm << p->uid << p->user;
        for (NsType t : kAllNsTypes)
            row << p->namespaces[index(t)];
        row << p->container;
    }
    return out;
}

std::string toCsvNamespaces(const Snapshot& snapshot)
{
    Snapshot sorted;
    const Snapshot* s = &snapshot;
    if (!std::is_sorted(snapshot.namespaces.begin(), snapshot.namespaces.end(),
                        [](const Namespace& a, const Namespace& b) {
                            return std::tie(a.type, a.inode) < std::tie(b.type, b.inode);
                        })) {
        sorted = snapshot;
        normalize(sorted);
        s = &sorted;
    }
    const auto holders = holderLabels(*s);
    std::string out;
    const std::vector<std::string_view> detailColumns = nsx::backend::detailColumns();
    const std::vector<std::string_view> trailingColumns = nsx::backend::detailColumns(true);
    {
        Row header(out);
        header << "type"
               << "inode"
               << "dev"
               << "owner"
               << "parent"
               << "owner_uid"
               << "nprocs"
               << "nthreads"
               << "holders";
        for (std::string_view column : detailColumns)
            header << column;
        header << "launcher_pid"
               << "launcher_comm"
               << "launcher_kind"
               << "id"
               << "container"
               << "container_engine"
               << "container_name";
        for (std::string_view column : trailingColumns)
            header << column;
    }
    std::map<std::string_view, const Container*> containers;
    for (const Container& c : s->containers)
        containers.emplace(c.key, &c);
    for (std::size_t i = 0; i < s->namespaces.size(); ++i) {
        const Namespace& ns = s->namespaces[i];
        Row row(out);
        row << std::string(toString(ns.type)) << ns.inode << ns.dev << ns.owner << ns.parent
            << ns.ownerUid << static_cast<std::uint64_t>(ns.processes.size())
            << static_cast<std::uint64_t>(ns.threads.size())
            << join(holders[i], [](const std::string& h) { return h; });
        // A column is filled only for the namespace type that has a field of that key.
        for (std::string_view column : detailColumns)
            row << detailColumnText(ns.type, ns.details, column);
        if (ns.launcher)
            row << ns.launcher->pid << ns.launcher->comm << ns.launcher->kind;
        else
            row << std::optional<int>{} << std::optional<int>{} << std::optional<int>{};
        row << ns.id << ns.container;
        const auto c = ns.container ? containers.find(*ns.container) : containers.end();
        if (c != containers.end())
            row << c->second->engine << c->second->name;
        else
            row << std::optional<int>{} << std::optional<int>{};
        for (std::string_view column : trailingColumns)
            row << detailColumnText(ns.type, ns.details, column);
    }
    return out;
}

} // namespace nsx::backend
