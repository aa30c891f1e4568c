// A snapshot built in code that exercises every key of the contract: all eight types with
// their details, nulls, references of both kinds, a launcher, scan errors, time offsets that
// are whole, fractional and negative, and hostile kernel strings.
#pragma once

#include "snapshot.h"

#include <string>

namespace nsx::test {

using namespace nsx::backend;

inline constexpr std::uint64_t kInitUser = 4026531837, kChildUser = 4026532400;
inline const std::string kDockerKey =
    "docker:3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
inline constexpr std::uint64_t kInitPid = 4026531836, kChildPid = 4026532500;

// comm values from a hostile process: ')' and spaces (as in /proc/PID/stat), a newline, an
// escape sequence, invalid UTF-8 (lone 0xff, truncated 2-byte sequence), quotes, backslashes,
// valid non-ASCII, a NUL byte and DEL.
inline const std::string kHostileComm = std::string("a) b (c) )");
inline const std::string kNewlineComm = std::string("line\nbreak\ttab");
inline const std::string kEscComm = std::string("\x1b[31mred\x1b[0m");
inline const std::string kInvalidUtf8 = std::string("bad\xff\xfe-\xc3-end\xe2\x82");
inline const std::string kQuotes = std::string("say \"hi\" \\ back\\slash");
inline const std::string kUnicode =
    std::string("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x90\xa7");
inline const std::string kNulDel = std::string("nul\0byte\x7f", 9);

inline Process makeProcess(int pid, int ppid, std::string comm, std::uint64_t start)
{
    Process p;
    p.pid = pid;
    p.ppid = ppid;
    p.comm = std::move(comm);
    p.cmdline = {p.comm};
    p.uid = 0;
    p.user = "root";
    p.state = 'S';
    p.startTime = start;
    p.nspid = std::vector<int>{pid};
    p.namespaces = {4026531835, 4026531839, 4026531832, 4026531833,
                    kInitPid,   4026531834, kInitUser,  4026531838};
    return p;
}

inline Snapshot goldenSnapshot()
{
    Snapshot s;
    s.takenAt = "2026-11-29T05:00:00Z";
    s.hostname = "vm";
    s.kernel = "6.18.44";
    s.scannerUid = 0;
    s.complete = false;
    s.errors = {{1, "/proc/1/ns/cgroup", "EACCES"}, {0, "/proc/self/mountinfo", "ENOENT"}};

    const auto ns = [](NsType t, std::uint64_t inode) {
        Namespace n;
        n.type = t;
        n.inode = inode;
        n.dev = 4;
        n.owner = kInitUser;
        return n;
    };
    Namespace cgroup = ns(NsType::Cgroup, 4026531835);
    cgroup.processes = {1, 2, 812};
    cgroup.details.cgroupRoot = "/";
    Namespace ipc = ns(NsType::Ipc, 4026531839);
    ipc.processes = {1, 2, 812};
    ipc.details.msgQueues = 1;
    ipc.details.shmSegments = 0;
    ipc.details.semaphoreSets = std::nullopt;
    Namespace mnt = ns(NsType::Mnt, 4026531832);
    mnt.processes = {1, 2, 812};
    mnt.details.mounts = 31;
    mnt.details.mntRoot = "/dev/vda on / type ext4";
    Namespace net = ns(NsType::Net, 4026531833);
    net.processes = {1, 2};
    const auto iface = [](std::string name, bool up, std::vector<std::string> addresses) {
        NetInterface i;
        i.name = std::move(name);
        i.up = up;
        i.addresses = std::move(addresses);
        return i;
    };
    // Topology (issue 16): lo and the last four have it, eth0 (as an older file) not.
    NetInterface lo = iface("lo", true, {"127.0.0.1/8", "::1/128"});
    lo.index = 1;
    lo.kind = "";
    lo.mac = "00:00:00:00:00:00";
    lo.mtu = 65536;
    lo.operstate = "unknown";
    NetInterface veth = iface("veth0", true, {"10.0.0.1/24"});
    veth.index = 5;
    veth.kind = "veth";
    veth.mac = "02:42:ac:11:00:02";
    veth.mtu = 1500;
    veth.operstate = "up";
    veth.master = "br0";
    veth.link = NetLinkEnd{4026532300, 5, "eth0", 0};
    NetInterface br = iface("br0", true, {});
    br.index = 6;
    br.kind = "bridge";
    br.mac = "02:42:ac:11:00:01";
    br.mtu = 1500;
    br.operstate = "up";
    NetInterface tap = iface("tap0", false, {});
    tap.index = 7;
    tap.kind = "tun";
    tap.mtu = 1500;
    tap.operstate = "down";
    tap.servedBy = {812};
    NetInterface macvlan = iface("macvlan0", true, {});
    macvlan.index = 8;
    macvlan.kind = "macvlan";
    macvlan.mac = "02:42:ac:11:00:09";
    macvlan.mtu = 1500;
    macvlan.operstate = "up";
    macvlan.link = NetLinkEnd{std::nullopt, 4, "eth0", std::nullopt};
    net.details.interfaces =
        std::vector<NetInterface>{lo, iface("eth0", false, {}), veth, br, tap, macvlan};
    net.details.defaultRoutes =
        std::vector<NetRoute>{{"inet", "192.0.2.1", "br0"}, {"inet6", std::nullopt, "veth0"}};
    Namespace blue = ns(NsType::Net, 4026532300);
    blue.references = {{Reference::Kind::BindMount, "/run/netns/blue", 0, -1},
                       {Reference::Kind::Fd, "", 812, 7}};
    blue.details.interfaces = std::nullopt;
    blue.launcher = Launcher{700, "ip", "other"};
    blue.id = 8589934601; // NS_GET_ID, written only when known
    blue.container = "netns:blue";
    Namespace pid = ns(NsType::Pid, kInitPid);
    pid.processes = {1, 2, 812};
    pid.details.init = 1;
    pid.details.level = 0;
    Namespace childPid = ns(NsType::Pid, kChildPid);
    childPid.owner = kChildUser;
    childPid.parent = kInitPid;
    childPid.processes = {900};
    childPid.details.init = 900;
    childPid.details.level = 1;
    childPid.launcher = Launcher{std::nullopt, kHostileComm, "unshare"};
    childPid.container = kDockerKey;
    Namespace time = ns(NsType::Time, 4026531834);
    time.processes = {1, 2, 812, 900};
    time.details.monotonicOffset = TimeOffset{0, 0};
    time.details.boottimeOffset = TimeOffset{0, 0};
    Namespace childTime = ns(NsType::Time, 4026532600);
    childTime.owner = kChildUser;
    childTime.threads = {903};
    childTime.details.monotonicOffset = TimeOffset{86400, 500000000};
    childTime.details.boottimeOffset = TimeOffset{-2, 750000000}; // -1.25 s
    Namespace user = ns(NsType::User, kInitUser);
    user.owner = std::nullopt;
    user.ownerUid = 0;
    user.processes = {1, 2, 812};
    user.details.uidMap = std::vector<IdMapEntry>{{0, 0, 4294967295}};
    user.details.gidMap = std::vector<IdMapEntry>{{0, 0, 4294967295}};
    Namespace childUser = ns(NsType::User, kChildUser);
    childUser.parent = kInitUser;
    childUser.ownerUid = 1000;
    childUser.processes = {900};
    childUser.details.uidMap = std::vector<IdMapEntry>{{0, 1000, 1}};
    childUser.details.gidMap = std::nullopt;
    Namespace uts = ns(NsType::Uts, 4026531838);
    uts.processes = {1, 2, 812};
    uts.details.hostname = "vm";
    uts.details.domainname = "(none)";
    Namespace childUts = ns(NsType::Uts, 4026532700);
    childUts.owner = kChildUser;
    childUts.processes = {900};
    childUts.details.hostname = kEscComm;
    childUts.details.domainname = std::nullopt;
    childUts.container = kDockerKey;
    s.namespaces = {cgroup, ipc,       mnt,  net,       blue, pid,     childPid,
                    time,   childTime, user, childUser, uts,  childUts};

    Process init = makeProcess(1, 0, "systemd", 10);
    init.cmdline = {"/sbin/init", "splash"};
    Process kthread = makeProcess(2, 0, "kthreadd", 11);
    kthread.cmdline = {};
    Process sleeper = makeProcess(812, 1, "sleep", 123456);
    sleeper.cmdline = {"sleep", "100", kQuotes, kUnicode, kInvalidUtf8, kNulDel, ""};
    sleeper.state = 'R';
    Process inner = makeProcess(900, 812, kHostileComm, 200000);
    inner.cmdline = {kNewlineComm};
    inner.uid = 1000;
    inner.user = std::nullopt;
    inner.nspid = std::vector<int>{900, 1};
    inner.namespaces[index(NsType::Pid)] = kChildPid;
    inner.namespaces[index(NsType::User)] = kChildUser;
    inner.namespaces[index(NsType::Uts)] = 4026532700;
    inner.namespaces[index(NsType::Cgroup)] = std::nullopt;
    inner.container = kDockerKey;
    Process ghost = makeProcess(4194304, 900, kEscComm, 18446744073709551615ull);
    ghost.uid = std::nullopt;
    ghost.user = std::nullopt;
    ghost.nspid = std::nullopt;
    ghost.state = 'Z';
    ghost.namespaces = {};
    s.processes = {init, kthread, sleeper, inner, ghost};

    // Containers (issue 15): every key, nulls, labels, a hostile name; one without a process.
    Container dock;
    dock.key = kDockerKey;
    dock.engine = "docker";
    dock.name = kEscComm;
    dock.id = kDockerKey.substr(7);
    dock.image = "debian:12";
    dock.pod = "web";
    dock.podNamespace = "default";
    dock.project = "shop";
    dock.unit = std::nullopt;
    dock.appId = std::nullopt;
    dock.labels = {{"maintainer", kQuotes}, {"com.docker.compose.project", "shop"}};
    dock.pid = 900;
    dock.source = "config.v2.json";
    Container netns;
    netns.key = "netns:blue";
    netns.engine = "netns";
    netns.name = "blue";
    netns.id = "blue";
    netns.source = "netns";
    s.containers = {netns, dock};
    normalize(s);
    return s;
}

} // namespace nsx::test
