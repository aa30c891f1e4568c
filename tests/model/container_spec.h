// Containers added to a snapshot built by snapshot_spec.h (issue 15), by the labels of their
// namespaces: the scanner's naming pass is not needed to test what shows the names.
//   withContainer(s, "docker:3f2a", "docker", "nsx-dock", {{NsType::Net, 'a'}})
// marks net namespace "a" and every process in it as docker's nsx-dock (key "docker:3f2a"),
// its init the lowest of those pids.
#pragma once

#include "snapshot_spec.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace nsx::test {

struct ContainerSpec
{
    std::string key, engine, name;
    std::initializer_list<std::pair<backend::NsType, char>> namespaces;
    std::optional<std::string> pod, podNamespace, image;
    std::vector<std::pair<std::string, std::string>> labels{};
    std::vector<int> loneProcesses{}; // processes that belong to it outside its namespaces
};

inline void addContainer(backend::Snapshot& s, const ContainerSpec& spec)
{
    using namespace nsx::backend;
    Container c;
    c.key = spec.key;
    c.engine = spec.engine;
    c.name = spec.name;
    c.id = spec.key.substr(spec.key.find(':') + 1);
    c.pod = spec.pod;
    c.podNamespace = spec.podNamespace;
    c.image = spec.image;
    c.labels = spec.labels;
    c.source = "test";
    for (const auto& [type, label] : spec.namespaces)
        for (Namespace& ns : s.namespaces)
            if (ns.type == type && ns.inode == labelInode(QChar(label))) {
                ns.container = c.key;
                for (int pid : ns.processes)
                    for (Process& p : s.processes)
                        if (p.pid == pid) {
                            p.container = c.key;
                            if (!c.pid || pid < *c.pid)
                                c.pid = pid;
                        }
            }
    for (int pid : spec.loneProcesses)
        for (Process& p : s.processes)
            if (p.pid == pid) {
                p.container = c.key;
                if (!c.pid || pid < *c.pid)
                    c.pid = pid;
            }
    s.containers.push_back(std::move(c));
    std::sort(s.containers.begin(), s.containers.end(),
              [](const Container& a, const Container& b) { return a.key < b.key; });
}

inline backend::Snapshot withContainers(const QString& spec,
                                        std::initializer_list<ContainerSpec> containers)
{
    backend::Snapshot s = snapshotFromSpec(spec);
    for (const ContainerSpec& c : containers)
        addContainer(s, c);
    return s;
}

} // namespace nsx::test
