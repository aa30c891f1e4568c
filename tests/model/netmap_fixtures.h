// Network topologies built in code (issue 16) for the map's model, view and bench: what the
// scanner records once it reads netlink (helper "net"), staged here for what a test wants.
//
// mapFixture(n): the host (PID 1, eth0 to the outside, bridge br0) and n containers, each its
// own net, uts, pid and mnt namespace (every other one also its own user namespace), wired by a
// veth pair whose host end is a port of br0; even containers are named by their engine
// (podman: web-I), odd ones only by hostname (web-I). Plus a named netns "nsx-map-lab" with a
// macvlan on the host's eth0 and a vxlan on its own veth, and `isolated` namespaces holding only
// loopback (a storm).
#pragma once

#include "snapshot.h"

#include <algorithm>
#include <map>
#include <string>

namespace nsx::test {

inline constexpr std::uint64_t kHostNet = 4026531840, kHostUser = 4026531837, kHostPid = 4026531836,
                               kHostUts = 4026531838, kHostMnt = 4026531841, kLabNet = 4026532050;
inline std::uint64_t containerNet(int i)
{
    return 4026532100u + std::uint64_t(i) * 10;
}
inline int containerPid(int i)
{
    return 1000 + 2 * i;
}

inline backend::NetInterface iface(std::string name, int index, std::string kind,
                                   std::vector<std::string> addrs = {})
{
    backend::NetInterface n;
    n.name = std::move(name);
    n.index = index;
    n.kind = std::move(kind);
    n.up = true;
    n.operstate = "up";
    n.mtu = 1500;
    n.mac = "02:00:00:00:00:" + std::to_string(10 + index % 90);
    n.addresses = std::move(addrs);
    return n;
}

inline backend::Snapshot mapFixture(int containers, int isolated = 0)
{
    using namespace nsx::backend;
    Snapshot s;
    s.takenAt = "2026-12-02T14:00:00Z";
    s.hostname = "vm";
    s.kernel = "6.1.0";
    const auto ns = [&](NsType t, std::uint64_t inode) -> Namespace& {
        Namespace n;
        n.type = t;
        n.inode = inode;
        n.dev = 4;
        if (t != NsType::User)
            n.owner = kHostUser;
        s.namespaces.push_back(std::move(n));
        return s.namespaces.back();
    };
    const auto proc = [&](int pid, int ppid, std::string comm, std::vector<int> nspid,
                          std::array<std::optional<std::uint64_t>, kNsTypeCount> nss) {
        Process p;
        p.pid = pid;
        p.ppid = ppid;
        p.comm = std::move(comm);
        p.cmdline = {p.comm};
        p.uid = 0;
        p.user = "root";
        p.state = 'S';
        p.startTime = 100 + std::uint64_t(pid);
        p.nspid = std::move(nspid);
        p.namespaces = nss;
        s.processes.push_back(std::move(p));
    };
    std::array<std::optional<std::uint64_t>, kNsTypeCount> host{};
    host[index(NsType::Net)] = kHostNet;
    host[index(NsType::User)] = kHostUser;
    host[index(NsType::Pid)] = kHostPid;
    host[index(NsType::Uts)] = kHostUts;
    host[index(NsType::Mnt)] = kHostMnt;
    proc(1, 0, "systemd", {1}, host);
    ns(NsType::User, kHostUser).ownerUid = 0;
    ns(NsType::Pid, kHostPid).details.level = 0;
    ns(NsType::Uts, kHostUts).details.hostname = "vm";
    ns(NsType::Mnt, kHostMnt);

    std::vector<NetInterface> hostIf{iface("lo", 1, "", {"127.0.0.1/8"}),
                                     iface("eth0", 2, "", {"192.0.2.2/24"}),
                                     iface("br0", 3, "bridge", {"10.88.0.1/16"})};
    for (int i = 0; i < containers; ++i) {
        const std::uint64_t net = containerNet(i), user = (i % 2) ? kHostUser : net + 3;
        NetInterface h = iface("veth" + std::to_string(i), 10 + i, "veth");
        h.master = "br0";
        h.link = NetLinkEnd{net, 2, "eth0"};
        hostIf.push_back(h);

        if (user != kHostUser) {
            Namespace& u = ns(NsType::User, user);
            u.parent = kHostUser;
            u.ownerUid = 1000;
        }
        Namespace& n = ns(NsType::Net, net);
        n.owner = user;
        NetInterface e =
            iface("eth0", 2, "veth",
                  {"10.88." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 2) + "/16"});
        e.link = NetLinkEnd{kHostNet, 10 + i, h.name};
        n.details.interfaces = std::vector<NetInterface>{iface("lo", 1, "", {"127.0.0.1/8"}), e};
        n.details.defaultRoutes = std::vector<NetRoute>{{"inet", "10.88.0.1", "eth0"}};
        if (i % 2 == 0) {
            Container c;
            c.key = "podman:" + std::to_string(1000 + i);
            c.engine = "podman";
            c.name = "web-" + std::to_string(i);
            c.id = c.key.substr(7);
            c.pid = containerPid(i);
            c.source = "api";
            n.container = c.key;
            s.containers.push_back(c);
        }
        Namespace& uts = ns(NsType::Uts, net + 1);
        uts.owner = user;
        uts.details.hostname = "web-" + std::to_string(i);
        Namespace& pid = ns(NsType::Pid, net + 2);
        pid.owner = user;
        pid.parent = kHostPid;
        pid.details.level = 1;
        ns(NsType::Mnt, net + 4).owner = user;
        auto in = host;
        in[index(NsType::Net)] = net;
        in[index(NsType::Uts)] = net + 1;
        in[index(NsType::Pid)] = net + 2;
        in[index(NsType::Mnt)] = net + 4;
        in[index(NsType::User)] = user;
        proc(containerPid(i), 1, "nginx", {containerPid(i), 1}, in);
        proc(containerPid(i) + 1, containerPid(i), "worker", {containerPid(i) + 1, 2}, in);
    }
    // The lab: a macvlan on the host's eth0, and a vxlan over its own veth to the host.
    NetInterface hv = iface("lab-veth", 9, "veth");
    hv.link = NetLinkEnd{kLabNet, 4, "veth-up"};
    hostIf.push_back(hv);
    Namespace& lab = ns(NsType::Net, kLabNet);
    lab.references.push_back({Reference::Kind::BindMount, "/run/netns/nsx-map-lab", 0, -1});
    NetInterface mv = iface("mv0", 2, "macvlan", {"192.0.2.50/24"});
    mv.link = NetLinkEnd{kHostNet, 2, "eth0"};
    NetInterface up = iface("veth-up", 4, "veth", {"172.16.0.2/30"});
    up.link = NetLinkEnd{kHostNet, 9, "lab-veth"};
    NetInterface vx = iface("vx0", 5, "vxlan", {"10.200.0.2/24"});
    vx.link = NetLinkEnd{std::nullopt, 4, "veth-up"};
    lab.details.interfaces = std::vector<NetInterface>{iface("lo", 1, ""), mv, up, vx};

    Namespace& hn = ns(NsType::Net, kHostNet);
    hn.details.interfaces = hostIf;
    hn.details.defaultRoutes = std::vector<NetRoute>{{"inet", "192.0.2.1", "eth0"}};
    for (int i = 0; i < isolated; ++i)
        ns(NsType::Net, 4026540000u + std::uint64_t(i)).details.interfaces =
            std::vector<NetInterface>{iface("lo", 1, "", {"127.0.0.1/8"})};
    std::map<std::pair<std::size_t, std::uint64_t>, Namespace*> byKey;
    for (Namespace& n : s.namespaces)
        byKey[{index(n.type), n.inode}] = &n;
    for (const Process& p : s.processes)
        for (std::size_t t = 0; t < kNsTypeCount; ++t)
            if (p.namespaces[t])
                if (const auto it = byKey.find({t, *p.namespaces[t]}); it != byKey.end())
                    it->second->processes.push_back(p.pid);
    std::sort(s.containers.begin(), s.containers.end(),
              [](const Container& a, const Container& b) { return a.key < b.key; });
    normalize(s);
    return s;
}

} // namespace nsx::test
