#include "container_lookup.h"

#include <algorithm>
#include <climits>

namespace nsx::backend::containers {

int processToEnter(const Snapshot& s, const Container& c)
{
    if (c.pid && *c.pid > 0 && s.findProcess(*c.pid))
        return *c.pid;
    for (const Process& p : s.processes) // sorted by pid: the first one is the lowest
        if (p.container == c.key)
            return p.pid;
    int lowest = INT_MAX;
    for (const Namespace& ns : s.namespaces)
        if (ns.container == c.key)
            for (int pid : ns.processes)
                if (pid > 0 && pid < lowest && s.findProcess(pid))
                    lowest = pid;
    return lowest == INT_MAX ? 0 : lowest;
}

std::string describeCandidate(const Container& c)
{
    std::string out = c.engine + ":" + c.name;
    if (c.id != c.name)
        out += " (" + c.id.substr(0, 12) + ")";
    return out;
}

ContainerMatch findContainerByName(const Snapshot& s, std::string_view name)
{
    ContainerMatch m;
    if (name.empty())
        return m;
    std::vector<const Container*> qualified, bare;
    for (const Container& c : s.containers) {
        const bool engineName = name.size() == c.engine.size() + 1 + c.name.size() &&
                                name.starts_with(c.engine) && name[c.engine.size()] == ':' &&
                                name.substr(c.engine.size() + 1) == c.name;
        if (engineName || name == c.key)
            qualified.push_back(&c);
        else if (name == c.name)
            bare.push_back(&c);
    }
    const std::vector<const Container*>& found = qualified.empty() ? bare : qualified;
    if (found.empty())
        return m;
    if (found.size() > 1) {
        m.result = ContainerMatch::Result::Ambiguous;
        for (const Container* c : found)
            m.candidates.push_back(describeCandidate(*c));
        std::sort(m.candidates.begin(), m.candidates.end());
        return m;
    }
    m.container = found.front();
    m.pid = processToEnter(s, *m.container);
    m.result = m.pid ? ContainerMatch::Result::Found : ContainerMatch::Result::NoProcess;
    return m;
}

} // namespace nsx::backend::containers
