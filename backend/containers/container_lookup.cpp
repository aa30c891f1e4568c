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

namespace {

// "engine" or "engine@UID".
std::string scopedEngine(const Container& c)
{
    return c.ownerUid ? c.engine + "@" + std::to_string(*c.ownerUid) : c.engine;
}

} // namespace

std::string describeCandidate(const Container& c)
{
    std::string out = scopedEngine(c) + ":" + c.name;
    if (c.id != c.name)
        out += " (" + c.id.substr(0, 12) + ")";
    return out;
}

ContainerMatch findContainerByName(const Snapshot& s, std::string_view name, std::uint32_t caller)
{
    ContainerMatch m;
    if (name.empty())
        return m;
    const auto isEngineName = [name](const std::string& engine, const std::string& n) {
        return name.size() == engine.size() + 1 + n.size() && name.starts_with(engine) &&
               name[engine.size()] == ':' && name.substr(engine.size() + 1) == n;
    };
    std::vector<const Container*> qualified, bare, strangers;
    for (const Container& c : s.containers) {
        const bool reachable = !c.ownerUid || *c.ownerUid == 0 || *c.ownerUid == caller;
        if (name == c.key || (c.ownerUid && isEngineName(scopedEngine(c), c.name)))
            qualified.push_back(&c); // named with its owner: whoever's it is
        else if (isEngineName(c.engine, c.name))
            (reachable ? qualified : strangers).push_back(&c);
        else if (name == c.name)
            (reachable ? bare : strangers).push_back(&c);
    }
    const std::vector<const Container*>& found = qualified.empty() ? bare : qualified;
    if (found.empty()) {
        if (!strangers.empty()) {
            m.result = ContainerMatch::Result::OtherUsers;
            for (const Container* c : strangers)
                m.candidates.push_back(describeCandidate(*c));
            std::sort(m.candidates.begin(), m.candidates.end());
        }
        return m;
    }
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
