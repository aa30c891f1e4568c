// Consistency rules every Snapshot must satisfy, whatever raced during the scan. Used by the
// churn tests: a snapshot taken while processes are born and die hundreds of times a second
// must still be internally consistent and survive a JSON round trip byte for byte.
#pragma once

#include "snapshot.h"
#include "snapshot_io.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace nsx::test {

inline std::vector<std::string> snapshotProblems(const nsx::backend::Snapshot& s)
{
    using namespace nsx::backend;
    std::vector<std::string> problems;
    auto fail = [&](std::string what) {
        if (problems.size() < 20)
            problems.push_back(std::move(what));
    };

    for (std::size_t i = 1; i < s.namespaces.size(); ++i) {
        const Namespace& a = s.namespaces[i - 1];
        const Namespace& b = s.namespaces[i];
        if (!(std::tie(a.type, a.inode) < std::tie(b.type, b.inode)))
            fail("namespaces not strictly sorted at " + std::to_string(i));
    }
    for (std::size_t i = 1; i < s.processes.size(); ++i)
        if (!(s.processes[i - 1].pid < s.processes[i].pid))
            fail("processes not strictly sorted at " + std::to_string(i));

    for (const Process& p : s.processes) {
        for (NsType t : kAllNsTypes) {
            const auto& inode = p.namespaces[index(t)];
            if (!inode)
                continue;
            const Namespace* ns = s.findNamespace(t, *inode);
            if (!ns) {
                fail("process " + std::to_string(p.pid) + " in missing " +
                     std::string(toString(t)) + " namespace " + std::to_string(*inode));
                continue;
            }
            if (!std::binary_search(ns->processes.begin(), ns->processes.end(), p.pid))
                fail("namespace " + std::string(toString(t)) + ":" + std::to_string(*inode) +
                     " does not list its process " + std::to_string(p.pid));
        }
    }
    for (const Namespace& ns : s.namespaces) {
        const std::string name = std::string(toString(ns.type)) + ":" + std::to_string(ns.inode);
        if (!std::is_sorted(ns.processes.begin(), ns.processes.end()))
            fail(name + " processes not sorted");
        for (int pid : ns.processes) {
            const Process* p = s.findProcess(pid);
            if (!p)
                fail(name + " lists unknown process " + std::to_string(pid));
            else if (p->namespaces[index(ns.type)] != ns.inode)
                fail(name + " lists process " + std::to_string(pid) + " which is elsewhere");
        }
        if (ns.owner && !s.findNamespace(NsType::User, *ns.owner))
            fail(name + " owner " + std::to_string(*ns.owner) + " is not in the snapshot");
        if (ns.parent && !s.findNamespace(ns.type, *ns.parent))
            fail(name + " parent " + std::to_string(*ns.parent) + " is not in the snapshot");
        if (ns.parent && ns.type != NsType::Pid && ns.type != NsType::User)
            fail(name + " has a parent but only pid and user namespaces nest");
        if (ns.ownerUid && ns.type != NsType::User)
            fail(name + " has owner_uid but is not a user namespace");
    }

    const std::string json = toJson(s);
    try {
        const std::string again = toJson(fromJson(json));
        if (again != json)
            fail("JSON round trip is not byte-identical");
    } catch (const std::exception& e) {
        fail(std::string("own JSON does not read back: ") + e.what());
    }
    return problems;
}

} // namespace nsx::test
