// Hand-built snapshots for the charts tests: what the charts compute from a snapshot is pure
// arithmetic over its lists, so small exact inputs make exact expectations possible. The live
// scanner is exercised where it matters (tst_history's live test, the screenshots).
#pragma once

#include "snapshot.h"

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace fixtures {

using nsx::backend::index;
using nsx::backend::Namespace;
using nsx::backend::NsType;
using nsx::backend::Process;
using nsx::backend::Snapshot;

struct NsSpec
{
    NsType type;
    std::uint64_t inode;
    std::vector<int> pids;
    std::string launcherComm = {};
};

// The host's eight namespaces, holding pids 1..hostPids.
inline std::vector<NsSpec> hostNamespaces(int hostPids)
{
    std::vector<int> pids;
    for (int p = 1; p <= hostPids; ++p)
        pids.push_back(p);
    std::vector<NsSpec> out;
    std::uint64_t inode = 4026531835;
    for (NsType t : nsx::backend::kAllNsTypes)
        out.push_back({t, inode++, pids});
    return out;
}

// Builds a consistent snapshot: every pid named in a spec becomes a process whose namespace
// of that type is the spec's inode; pids not named for a type get the host's (first) one.
inline Snapshot build(const std::string& takenAt, const std::vector<NsSpec>& specs)
{
    Snapshot s;
    s.takenAt = takenAt;
    s.hostname = "fixture";
    s.kernel = "6.1.0";
    std::map<int, Process> processes;
    std::array<std::optional<std::uint64_t>, nsx::backend::kNsTypeCount> host{};
    for (const NsSpec& spec : specs) {
        Namespace ns;
        ns.type = spec.type;
        ns.inode = spec.inode;
        ns.dev = 4;
        ns.processes = spec.pids;
        if (!spec.launcherComm.empty())
            ns.launcher = nsx::backend::Launcher{1000, spec.launcherComm, spec.launcherComm};
        s.namespaces.push_back(ns);
        if (!host[index(spec.type)])
            host[index(spec.type)] = spec.inode;
        for (int pid : spec.pids) {
            Process& p = processes[pid];
            p.pid = pid;
            p.ppid = pid == 1 ? 0 : 1;
            p.comm = pid == 1 ? "init" : "proc" + std::to_string(pid);
            p.cmdline = {p.comm};
            p.uid = 0;
            p.user = "root";
            p.state = 'S';
            p.startTime = 100 + std::uint64_t(pid);
            p.namespaces[index(spec.type)] = spec.inode;
        }
    }
    for (auto& [pid, p] : processes) {
        for (std::size_t t = 0; t < nsx::backend::kNsTypeCount; ++t) {
            if (!p.namespaces[t] && host[t]) {
                // Defaulted into the host's namespace: list it there too, as the scanner would.
                p.namespaces[t] = host[t];
                for (Namespace& ns : s.namespaces) {
                    if (index(ns.type) == t && ns.inode == *host[t])
                        ns.processes.push_back(pid);
                }
            }
        }
        s.processes.push_back(p);
    }
    normalize(s);
    return s;
}

// PID 1 as this machine shows it to root (every /proc/1/ns link EACCES), with PID 2 the
// kthreadd a root scanner can still read: the initial namespaces are then kthreadd's.
inline Snapshot withUnreadableInit(Snapshot s)
{
    for (Process& p : s.processes) {
        if (p.pid == 1)
            p.namespaces = {};
        if (p.pid == 2) {
            p.ppid = 0;
            p.comm = "kthreadd";
            p.cmdline.clear();
        }
    }
    for (Namespace& ns : s.namespaces)
        std::erase(ns.processes, 1);
    return s;
}

inline std::vector<NsSpec> operator+(std::vector<NsSpec> a, const std::vector<NsSpec>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace fixtures

// QCOMPARE on NsType would pick nsx::backend::toString by ADL (a string_view, not what
// QTest wants); compare the names instead, which also reads better on failure.
#define NSX_COMPARE_TYPE(actual, expected)                                                         \
    QCOMPARE(QString::fromLatin1(nsx::backend::toString(actual)),                                  \
             QString::fromLatin1(nsx::backend::toString(expected)))
