// Snapshots written as short strings, so a test row reads like the situation it stages:
//   P2/1:a       process 2, parent 1, in net namespace "a"
//   P2@9/1:a     ... with start time 9 (a reused pid has a new start time)
//   P2/1:a=bash  ... whose comm (and command line) is "bash" (default "proc<pid>")
//   P2/1:a,u:c   ... also in uts namespace "c" (any type by its first letter(s): u=uts, us=user,
//                m=mnt, pi=pid; the first namespace after ':' is always net)
//   N:b          net namespace "b" held by a bind mount, no process
//   O:a<x        net namespace "a" owned by user namespace "x" (created if needed)
//   U:y<x        user namespace "y" whose parent is "x"
//   I:p<q        pid namespace "p" nested in pid namespace "q"
//   H:c=name     uts namespace "c" with hostname "name"
//   D:b#7        net namespace "b" has the id 7 (NS_GET_ID)
// A label is one lower-case letter; its inode is 4026532000 + (letter - 'a').
#pragma once

#include "snapshot.h"

#include <QString>
#include <QStringList>

#include <map>
#include <stdexcept>
#include <string>

namespace nsx::test {

inline std::uint64_t labelInode(QChar c)
{
    return 4026532000u + std::uint64_t(c.unicode() - 'a');
}
inline QChar inodeLabel(std::uint64_t inode)
{
    return inode >= 4026532000u && inode < 4026532026u
               ? QChar(char16_t('a' + (inode - 4026532000u)))
               : QChar('?');
}

inline backend::Snapshot snapshotFromSpec(const QString& spec)
{
    using namespace nsx::backend;
    Snapshot s;
    s.takenAt = "2026-11-29T05:00:00Z";
    s.hostname = "test";
    s.kernel = "6.1.0";
    std::map<std::pair<NsType, std::uint64_t>, Namespace> nss;
    auto ns = [&](NsType t, QChar label) -> Namespace& {
        const auto ino = labelInode(label);
        auto& n = nss[{t, ino}];
        n.type = t;
        n.inode = ino;
        n.dev = 4;
        if (t == NsType::User && !n.ownerUid)
            n.ownerUid = 0;
        return n;
    };
    auto typeOf = [](const QString& prefix) {
        if (prefix == "us")
            return NsType::User;
        if (prefix == "u")
            return NsType::Uts;
        if (prefix == "m")
            return NsType::Mnt;
        if (prefix == "pi")
            return NsType::Pid;
        if (prefix == "i")
            return NsType::Ipc;
        if (prefix == "c")
            return NsType::Cgroup;
        if (prefix == "t")
            return NsType::Time;
        return NsType::Net;
    };
    for (const QString& tok : spec.split(' ', Qt::SkipEmptyParts)) {
        const QChar kind = tok[0];
        const QString rest = tok.mid(tok.indexOf(':') + 1);
        if (kind == 'P') {
            Process p;
            QString head = tok.mid(1, tok.indexOf(':') - 1); // pid[@start]/ppid
            QString comm;
            QString nsPart = rest;
            if (int eq = nsPart.indexOf('='); eq >= 0) {
                comm = nsPart.mid(eq + 1);
                nsPart = nsPart.left(eq);
            }
            const QStringList pp = head.split('/');
            const QStringList ps = pp[0].split('@');
            p.pid = ps[0].toInt();
            p.startTime = ps.size() > 1 ? ps[1].toULongLong() : 0;
            p.ppid = pp.value(1).toInt();
            p.comm = comm.isEmpty() ? "proc" + std::to_string(p.pid) : comm.toStdString();
            p.cmdline = {p.comm};
            p.uid = p.pid >= 100 ? 1000 : 0;
            p.user = p.pid >= 100 ? "alice" : "root";
            p.state = 'S';
            p.nspid = std::vector<int>{p.pid};
            bool first = true;
            for (const QString& n : nsPart.split(',')) {
                NsType t = NsType::Net;
                QChar label = n[0];
                if (!first) {
                    const QStringList tl = n.split(':');
                    t = typeOf(tl[0]);
                    label = tl[1][0];
                }
                first = false;
                ns(t, label).processes.push_back(p.pid);
                p.namespaces[index(t)] = labelInode(label);
            }
            s.processes.push_back(p);
        } else if (kind == 'N') {
            ns(NsType::Net, rest[0])
                .references.push_back(
                    {Reference::Kind::BindMount, "/run/netns/" + rest.toStdString(), 0, -1});
        } else if (kind == 'O' || kind == 'U' || kind == 'I') {
            const NsType t = kind == 'O' ? NsType::Net : kind == 'U' ? NsType::User : NsType::Pid;
            const QChar up = rest[2];
            Namespace& n = ns(t, rest[0]);
            if (kind == 'O') {
                n.owner = labelInode(up);
                ns(NsType::User, up);
            } else {
                n.parent = labelInode(up);
                ns(t, up);
            }
        } else if (kind == 'D') {
            ns(NsType::Net, rest[0]).id = rest.mid(2).toULongLong();
        } else if (kind == 'H') {
            ns(NsType::Uts, rest[0]).details.hostname = rest.mid(2).toStdString();
        } else {
            throw std::invalid_argument("bad spec token " + tok.toStdString());
        }
    }
    for (auto& [key, n] : nss)
        s.namespaces.push_back(n);
    normalize(s);
    return s;
}

// A snapshot of these processes (every one with all eight namespaces set), one namespace
// entry per (type, inode) they are in; `decorate(namespace)` adds details or owners. For the
// synthetic machines of the repaint test and the model benchmark.
template <typename Decorate>
backend::Snapshot snapshotOfProcesses(const std::map<int, backend::Process>& procs,
                                      const std::string& hostname, Decorate&& decorate)
{
    using namespace nsx::backend;
    Snapshot s;
    s.takenAt = "2026-11-29T05:00:00Z";
    s.hostname = hostname;
    s.kernel = "6.1.0";
    std::map<std::pair<NsType, std::uint64_t>, Namespace> nss;
    for (const auto& [pid, p] : procs) {
        s.processes.push_back(p);
        for (NsType t : kAllNsTypes) {
            auto& ns = nss[{t, *p.namespaces[index(t)]}];
            ns.type = t;
            ns.inode = *p.namespaces[index(t)];
            ns.processes.push_back(pid);
        }
    }
    for (auto& [key, ns] : nss) {
        decorate(ns);
        s.namespaces.push_back(std::move(ns));
    }
    normalize(s);
    return s;
}

} // namespace nsx::test
