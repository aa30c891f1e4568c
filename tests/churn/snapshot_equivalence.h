// Is what an event-driven scan holds the truth? Compares a snapshot the event scanner produced
// (`held`) with a full scan taken right after it (`full`), excusing only the processes that
// changed in between (`excused`: every process an event named from just before the held scan
// started until the full scan ended, see tst_event_scan). Used by tst_event_scan and
// bench_idle.
//
// Compared, per process not excused: present in both, and ppid, comm, cmdline, uid, user,
// start time, NSpid and the eight namespaces. State is not (it changes without events; see
// scan/rescan.cpp), nor the suffix of a kernel workqueue worker's comm (the work it does now). A
// process whose parent is excused is excused too (re-parenting). Per namespace: present in both
// unless everything that holds it is excused; its members and descriptor references apart from
// excused pids; its bind mounts, owner, parent, owner uid and id (when some holder is excused, only
// if the ids say it is the same namespace); its launcher unless a member is excused. Container
// keys (issue 15): a process's, when neither it nor a named ancestor is excused (a name may come
// from the ancestry: the topmost unnamed process of a subtree, a supervisor); a namespace's, when
// no holder is excused and every member's key is compared; and for every key compared, the
// container's engine and name in Snapshot::containers. Details (hostname, interfaces...) are not
// compared: they change without process events, other sessions on the machine change them
// meanwhile, and rescans read them only for new namespaces (and the net namespaces a new or gone
// one's links name, scan/rescan.cpp); full scans read them all. Nor are loose threads (they move
// by setns, no event either): their differences are only counted.
#pragma once

#include "scanner.h"
#include "snapshot.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace nsx::test {

struct Equivalence
{
    std::size_t processesCompared = 0, processesExcused = 0;
    std::size_t namespacesCompared = 0, namespacesExcused = 0;
    std::vector<std::string> differences; // the first few
    std::size_t differenceCount = 0;
    std::size_t looseThreadDifferences = 0; // namespaces whose loose threads differ (setns)
    std::size_t containerKeysCompared = 0;  // processes and namespaces whose keys were compared
    std::size_t containersCompared = 0;     // distinct containers those keys named
    bool ok() const { return differenceCount == 0; }
};

inline std::string describeHolders(const backend::Namespace& ns)
{
    std::string s = "processes";
    for (int pid : ns.processes)
        s += " " + std::to_string(pid);
    s += "; threads";
    for (int tid : ns.threads)
        s += " " + std::to_string(tid);
    s += "; references";
    for (const backend::Reference& r : ns.references)
        s += r.kind == backend::Reference::Kind::Fd
                 ? " fd " + std::to_string(r.pid) + "/" + std::to_string(r.fd)
                 : " mount " + r.path;
    return s;
}

inline std::string describeLineage(const backend::Namespace& ns)
{
    auto num = [](const auto& o) { return o ? std::to_string(*o) : std::string("-"); };
    return "owner " + num(ns.owner) + " parent " + num(ns.parent) + " uid " + num(ns.ownerUid) +
           " id " + num(ns.id);
}

inline Equivalence compareWithFull(const backend::Snapshot& held, const backend::Snapshot& full,
                                   std::vector<int> excused)
{
    using namespace nsx::backend;
    Equivalence eq;
    auto differ = [&](std::string what) {
        if (eq.differences.size() < 20)
            eq.differences.push_back(std::move(what));
        ++eq.differenceCount;
    };
    std::sort(excused.begin(), excused.end());
    // Children of excused processes: re-parented when those exited. Zombies and processes
    // caught mid-exec or mid-exit in the held snapshot (inTransit): their next change (being
    // reaped, the exec's end) may come without an event; the next rescan reads them again.
    for (const Snapshot* s : {&held, &full})
        for (const Process& p : s->processes)
            if (std::binary_search(excused.begin(), excused.end(), p.ppid) ||
                (s == &held && backend::inTransit(p)))
                excused.push_back(p.pid);
    std::sort(excused.begin(), excused.end());
    excused.erase(std::unique(excused.begin(), excused.end()), excused.end());
    auto isExcused = [&](int pid) {
        return std::binary_search(excused.begin(), excused.end(), pid);
    };

    // A workqueue worker's comm ends in the work it does at the moment it is read
    // ("kworker/1:2-events"), which the kernel changes without an event: only its name counts.
    auto commOf = [](const Process& p) {
        std::string_view c = p.comm;
        if (p.ppid == 2 && c.rfind("kworker/", 0) == 0)
            c = c.substr(0, c.find_first_of("+-"));
        return c;
    };
    // A process's container key may come from its ancestors (a supervisor's claim passed down,
    // the topmost unnamed process of a subtree): compared only when no ancestor it may have it
    // from — those up to the first one unnamed in both snapshots — is excused (the first
    // unnamed one's children are excused already).
    // A sandbox tool's process (unshare, bwrap, firejail, a browser: sources.h toolClaim) is
    // named by its own command line, whatever its ancestors are.
    auto namesItself = [](const Snapshot& s, int pid) {
        const Process* p = s.findProcess(pid);
        const Container* c = p && p->container ? s.findContainer(*p->container) : nullptr;
        static const std::set<std::string> kTools = {"unshare", "bwrap", "firejail", "browser"};
        return c && c->pid == std::optional<int>(pid) && c->source == "cmdline" &&
               kTools.count(c->engine);
    };
    auto ancestryKept = [&](int pid) {
        for (const Snapshot* s : {&held, &full}) {
            const Snapshot* other = s == &held ? &full : &held;
            int at = pid;
            for (int guard = 0; guard < 256 && at > 0; ++guard) {
                const Process* p = s->findProcess(at);
                const Process* q = other->findProcess(at);
                if (at != pid && !(p && p->container) && !(q && q->container))
                    break; // unnamed: passed no name down
                if (isExcused(at))
                    return false;
                if (namesItself(*s, at) && namesItself(*other, at))
                    break; // its name is its own command line's: none passed down to it
                if (!p || p->ppid == at)
                    break;
                at = p->ppid;
            }
        }
        return true;
    };
    std::vector<std::string> keysCompared;
    auto keyOf = [](const std::optional<std::string>& k) { return k ? *k : std::string("-"); };
    auto sameProcess = [&](const Process& a, const Process& b) {
        return a.ppid == b.ppid && commOf(a) == commOf(b) && a.cmdline == b.cmdline &&
               a.uid == b.uid && a.user == b.user && a.startTime == b.startTime &&
               a.nspid == b.nspid && a.namespaces == b.namespaces;
    };
    for (const Snapshot* s : {&held, &full}) {
        const Snapshot* other = s == &held ? &full : &held;
        for (const Process& p : s->processes) {
            if (isExcused(p.pid)) {
                if (s == &held)
                    ++eq.processesExcused;
                continue;
            }
            const Process* q = other->findProcess(p.pid);
            if (!q) {
                differ("process " + std::to_string(p.pid) + " (" + p.comm + ") only in the " +
                       (s == &held ? "held" : "full") + " snapshot");
                continue;
            }
            if (s == &full)
                continue; // compared from the held side
            ++eq.processesCompared;
            if (!sameProcess(p, *q)) {
                std::string fields;
                auto field = [&](bool same, const char* name) {
                    if (!same)
                        fields += std::string(" ") + name;
                };
                field(p.ppid == q->ppid, "ppid");
                field(commOf(p) == commOf(*q), "comm");
                field(p.cmdline == q->cmdline, "cmdline");
                field(p.uid == q->uid && p.user == q->user, "uid");
                field(p.startTime == q->startTime, "start");
                field(p.nspid == q->nspid, "nspid");
                field(p.namespaces == q->namespaces, "namespaces");
                differ("process " + std::to_string(p.pid) + " (" + p.comm + " / " + q->comm +
                       ") differs:" + fields);
            }
            if (ancestryKept(p.pid)) {
                ++eq.containerKeysCompared;
                if (p.container != q->container)
                    differ("process " + std::to_string(p.pid) + " (" + p.comm +
                           "): container key differs: held " + keyOf(p.container) + ", full " +
                           keyOf(q->container));
                else if (p.container)
                    keysCompared.push_back(*p.container);
            }
        }
    }

    auto holders = [&](const Namespace& ns, bool& anyExcused, bool& anyKept) {
        for (int pid : ns.processes)
            (isExcused(pid) ? anyExcused : anyKept) = true;
        for (const Reference& r : ns.references)
            if (r.kind == Reference::Kind::Fd)
                (isExcused(r.pid) ? anyExcused : anyKept) = true;
            else
                anyKept = true;
    };
    auto kept = [&](const Namespace& ns) {
        std::vector<int> procs;
        for (int pid : ns.processes)
            if (!isExcused(pid))
                procs.push_back(pid);
        std::vector<std::tuple<int, int, int, std::string>> refs;
        for (const Reference& r : ns.references)
            if (r.kind != Reference::Kind::Fd || !isExcused(r.pid))
                refs.emplace_back(int(r.kind), r.pid, r.fd, r.path);
        std::sort(refs.begin(), refs.end());
        return std::tuple(procs, refs);
    };
    for (const Snapshot* s : {&held, &full}) {
        const Snapshot* other = s == &held ? &full : &held;
        for (const Namespace& ns : s->namespaces) {
            bool anyExcused = false, anyKept = false;
            holders(ns, anyExcused, anyKept);
            const Namespace* o = other->findNamespace(ns.type, ns.inode);
            const std::string name =
                std::string(toString(ns.type)) + ":[" + std::to_string(ns.inode) + "]";
            if (!o) {
                // Held by nothing (an owner or parent): present when what names it is; held by
                // excused processes only: they may have left or come.
                if (anyKept)
                    differ("namespace " + name + " only in the " + (s == &held ? "held" : "full") +
                           " snapshot, held by " + describeHolders(ns));
                else if (s == &held)
                    ++eq.namespacesExcused;
                continue;
            }
            if (s == &full)
                continue;
            bool oExcused = false, oKept = false;
            holders(*o, oExcused, oKept);
            anyExcused = anyExcused || oExcused;
            if (anyExcused)
                ++eq.namespacesExcused;
            else
                ++eq.namespacesCompared;
            if (kept(ns) != kept(*o)) {
                // Only what differs: members in one and not the other, then the references.
                auto onlyIn = [&](const Namespace& a, const Namespace& b) {
                    std::string s;
                    for (int pid : a.processes)
                        if (!isExcused(pid) &&
                            !std::binary_search(b.processes.begin(), b.processes.end(), pid))
                            s += " " + std::to_string(pid);
                    return s;
                };
                differ(
                    "namespace " + name +
                    ": members or references differ; members only in "
                    "held:" +
                    onlyIn(ns, *o) + ", only in full:" + onlyIn(*o, ns) +
                    (std::get<1>(kept(ns)) != std::get<1>(kept(*o)) ? "; references differ" : ""));
            }
            // Threads move between namespaces by setns, which is no event: counted, not failed
            // (scan/rescan.cpp: seen at the next full scan, or the next rescan of a process
            // that has loose threads already).
            if (ns.threads != o->threads)
                ++eq.looseThreadDifferences;
            // Held by excused processes only, one inode may name two namespaces (the kernel gives
            // a freed inode to the next new namespace): compare what identifies it when the ids
            // say it is one namespace.
            const bool same = !anyExcused || (ns.id && o->id && *ns.id == *o->id);
            if (same && std::tie(ns.owner, ns.parent, ns.ownerUid, ns.id) !=
                            std::tie(o->owner, o->parent, o->ownerUid, o->id))
                differ("namespace " + name + ": owner, parent or id differ: held " +
                       describeLineage(ns) + ", full " + describeLineage(*o));
            if (!anyExcused && ns.launcher != o->launcher)
                differ("namespace " + name + ": launcher differs");
            if (!anyExcused &&
                std::all_of(ns.processes.begin(), ns.processes.end(), ancestryKept) &&
                std::all_of(o->processes.begin(), o->processes.end(), ancestryKept)) {
                ++eq.containerKeysCompared;
                if (ns.container != o->container)
                    differ("namespace " + name + ": container key differs: held " +
                           keyOf(ns.container) + ", full " + keyOf(o->container));
                else if (ns.container)
                    keysCompared.push_back(*ns.container);
            }
        }
    }
    // The containers those keys name: the same engine and name in both lists.
    std::sort(keysCompared.begin(), keysCompared.end());
    keysCompared.erase(std::unique(keysCompared.begin(), keysCompared.end()), keysCompared.end());
    eq.containersCompared = keysCompared.size();
    for (const std::string& key : keysCompared) {
        const Container* a = held.findContainer(key);
        const Container* b = full.findContainer(key);
        if (!a || !b)
            differ("container " + key + " not listed in the " + (a ? "full" : "held") +
                   " snapshot's containers");
        else if (a->engine != b->engine || a->name != b->name)
            differ("container " + key + ": held " + a->engine + " " + a->name + ", full " +
                   b->engine + " " + b->name);
    }
    return eq;
}

inline void printEquivalence(const Equivalence& eq, const char* prefix)
{
    std::printf("%sequivalence %s: %zu processes and %zu namespaces compared, %zu and %zu "
                "excused (changed in between), %zu container keys (%zu containers) compared, %zu "
                "differences (and %zu in loose threads)\n",
                prefix, eq.ok() ? "OK" : "FAILED", eq.processesCompared, eq.namespacesCompared,
                eq.processesExcused, eq.namespacesExcused, eq.containerKeysCompared,
                eq.containersCompared, eq.differenceCount, eq.looseThreadDifferences);
    for (const std::string& d : eq.differences)
        std::printf("%s  %s\n", prefix, d.c_str());
}

} // namespace nsx::test
