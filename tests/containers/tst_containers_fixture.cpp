// The container names (issue 15) over a fixture /proc + /run + /var/lib tree, for what this
// machine cannot run: docker's config.v2.json and containerd bundles, kubernetes annotations,
// podman's conmon, an nspawn machine without machined, an LXC monitor, flatpak (both ways),
// snap, a systemd unit on a hybrid hierarchy, firejail's /run files, a named netns — and
// hostile input: a name with a newline and escape bytes, a 1 MB config.v2.json, a truncated
// config.json, a FIFO and a symlink as .flatpak-info, a spoofed flatpak instance.
#include "containers/safe_read.h"
#include "fixture_tree.h"
#include "scanner.h"
#include "snapshot_io.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <set>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>

using namespace nsx::backend;
using nsx::test::FixtureTree;

namespace {

const QByteArray kDockerId = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
const QByteArray kHugeId = "aaaa9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
const QByteArray kSandboxId = "5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b";
const QByteArray kAppId = "6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c";
const QByteArray kBrokenId = "7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d7d";
const QByteArray kPodmanId = "8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e8e";
const QByteArray kEvilName = "evil\nname\x1b[31m";

// A unix socket listening at `path`; -1 on failure.
int listenAt(const QString& path)
{
    QDir().mkpath(QFileInfo(path).path());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray p = QFile::encodeName(path);
    if (fd < 0 || p.size() >= qsizetype(sizeof addr.sun_path))
        return -1;
    std::memcpy(addr.sun_path, p.constData(), std::size_t(p.size()) + 1);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 4) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// machined, as far as io.systemd.Machine.List goes: one connection, one request (up to its
// NUL), the replies, each NUL-terminated.
void serveMachined(int listenFd, QByteArray replies)
{
    const int c = ::accept(listenFd, nullptr, nullptr);
    if (c < 0)
        return;
    char b = 1;
    while (::read(c, &b, 1) == 1 && b != '\0') {
    }
    (void)!::write(c, replies.constData(), std::size_t(replies.size()));
    ::close(c);
}

const Container* containerOf(const Snapshot& s, int pid)
{
    const Process* p = s.findProcess(pid);
    return p && p->container ? s.findContainer(*p->container) : nullptr;
}
const Container* containerOf(const Snapshot& s, NsType t, std::uint64_t inode)
{
    const Namespace* n = s.findNamespace(t, inode);
    return n && n->container ? s.findContainer(*n->container) : nullptr;
}
QByteArray describe(const Container* c)
{
    if (!c)
        return "(none)";
    return QByteArray::fromStdString(c->engine + ": " + c->name);
}

} // namespace

class TestContainersFixture : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Snapshot m_snap;
    qint64 m_ms = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        FixtureTree f(m_dir.path());
        QVERIFY(f.process(1, 0, "init", {"/sbin/init"}, {}, 0, "0::/init.scope\n"));
        // Bind mounts: a named netns without any process, a snap's mount namespace.
        QVERIFY(f.file("proc/1/mountinfo",
                       "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
                       "300 27 0:4 net:[4026540001] /run/netns/blue rw - nsfs nsfs rw\n"
                       "302 27 0:4 net:[4026540002] /run/netns/green rw - nsfs nsfs rw\n"
                       "301 27 0:4 mnt:[4026540100] /run/snapd/ns/nsx-snap.mnt rw - nsfs nsfs "
                       "rw\n"));

        // docker: the shim, the container's init (bundle init.pid), a `docker exec` process
        // (a child of the shim in the container's pid namespace).
        QVERIFY(f.process(100, 1, "containerd-shim",
                          {"/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id",
                           kDockerId, "-address", "/run/containerd/containerd.sock"}));
        QVERIFY(f.process(101, 100, "nginx", {"nginx", "-g", "daemon off;"},
                          FixtureTree::own(4026533000)));
        QVERIFY(f.process(102, 100, "sh", {"sh"}, FixtureTree::own(4026533000)));
        QVERIFY(f.process(103, 101, "nginx", {"nginx: worker"}, FixtureTree::own(4026533000)));
        const QString bundles = "run/containerd/io.containerd.runtime.v2.task/";
        QVERIFY(f.file(bundles + "moby/" + kDockerId + "/init.pid", "101"));
        QVERIFY(f.file("var/lib/docker/containers/" + kDockerId + "/config.v2.json",
                       "{\"ID\":\"" + kDockerId +
                           "\",\"Name\":\"/nsx-dock\",\"State\":{\"Running\":true,\"Pid\":101},"
                           "\"Config\":{\"Image\":\"debian:12\",\"Labels\":{\"com.docker.compose."
                           "project\":\"shop\",\"b\":\"2\"}}}"));

        // docker, through config.v2.json alone (no bundle), 1 MB of labels.
        QByteArray huge = "{\"Name\":\"/"
                          "big\",\"State\":{\"Running\":true,\"Pid\":110},\"Config\":{\"Image\":"
                          "\"x\",\"Labels\":{\"junk\":\"";
        huge += QByteArray(1 << 20, 'j');
        huge += "\"}}}";
        QVERIFY(f.file("var/lib/docker/containers/" + kHugeId + "/config.v2.json", huge));
        QVERIFY(f.process(110, 1, "app", {"app"}, FixtureTree::own(4026533100)));

        // Over the 4 MiB limit: not read at all (the process is named by itself).
        const QByteArray kTooBigId = "bbbb" + kHugeId.mid(4);
        QVERIFY(f.file("var/lib/docker/containers/" + kTooBigId + "/config.v2.json",
                       "{\"Name\":\"/toobig\",\"State\":{\"Running\":true,\"Pid\":111},"
                       "\"Config\":{\"Labels\":{\"junk\":\"" +
                           QByteArray(5 << 20, 'j') + "\"}}}"));
        QVERIFY(f.process(111, 1, "toobig", {"toobig"}, FixtureTree::own(4026533110)));

        // kubernetes: one shim for the pod; the pause (sandbox) container and an app
        // container sharing its net namespace.
        QVERIFY(f.process(
            200, 1, "containerd-shim",
            {"/usr/bin/containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", kSandboxId}));
        auto pause = FixtureTree::own(4026533200);
        QVERIFY(f.process(201, 200, "pause", {"/pause"}, pause));
        auto app = FixtureTree::own(4026533210);
        app[index(NsType::Net)] = pause[index(NsType::Net)];
        app[index(NsType::Ipc)] = pause[index(NsType::Ipc)];
        QVERIFY(f.process(202, 200, "nginx", {"nginx"}, app));
        QVERIFY(f.file(bundles + "k8s.io/" + kSandboxId + "/init.pid", "201\n"));
        QVERIFY(f.file(bundles + "k8s.io/" + kSandboxId + "/config.json",
                       "{\"ociVersion\":\"1.1.0\",\"annotations\":{"
                       "\"io.kubernetes.cri.container-type\":\"sandbox\","
                       "\"io.kubernetes.cri.sandbox-name\":\"web-0\","
                       "\"io.kubernetes.cri.sandbox-namespace\":\"shop\"}}"));
        QVERIFY(f.file(bundles + "k8s.io/" + kAppId + "/init.pid", "202"));
        QVERIFY(f.file(bundles + "k8s.io/" + kAppId + "/config.json",
                       "{\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\","
                       "\"io.kubernetes.cri.container-name\":\"nginx\","
                       "\"io.kubernetes.cri.image-name\":\"docker.io/library/nginx:1.27\","
                       "\"io.kubernetes.cri.sandbox-name\":\"web-0\","
                       "\"io.kubernetes.cri.sandbox-namespace\":\"shop\"}}"));
        // A truncated config.json: named by its id, nothing else made up.
        QVERIFY(f.process(210, 1, "containerd-shim",
                          {"containerd-shim-runc-v2", "-namespace", "k8s.io", "-id", kBrokenId}));
        QVERIFY(f.process(211, 210, "broken", {"broken"}, FixtureTree::own(4026533300)));
        QVERIFY(f.file(bundles + "k8s.io/" + kBrokenId + "/init.pid", "211"));
        QVERIFY(f.file(bundles + "k8s.io/" + kBrokenId + "/config.json",
                       "{\"annotations\":{\"io.kubernetes.cri.container-name\":\"ngi"));

        // podman: conmon's command line; the name has a newline and escape bytes.
        QVERIFY(f.process(300, 1, "conmon",
                          {"/usr/bin/conmon", "--api-version", "1", "-c", kPodmanId, "-u",
                           kPodmanId, "-r", "/usr/bin/runc", "-b", "/x/userdata", "-n", kEvilName,
                           "--exit-dir", "/run/libpod/exits", "--exit-command", "/usr/bin/podman",
                           "--exit-command-arg", "--root"}));
        QVERIFY(
            f.process(301, 300, "catatonit", {"/catatonit", "-P"}, FixtureTree::own(4026533400)));

        // systemd-nspawn without machined: the -D directory's name; another with -M.
        QVERIFY(f.process(400, 1, "systemd-nspawn",
                          {"systemd-nspawn", "--register=no", "--keep-unit", "-D",
                           "/var/lib/machines/deb12/", "-b"}));
        QVERIFY(f.process(401, 400, "systemd", {"/sbin/init"}, FixtureTree::own(4026533500)));
        QVERIFY(f.process(410, 1, "systemd-nspawn",
                          {"systemd-nspawn", "-D", "/srv/x", "--machine=named-box"}));
        QVERIFY(f.process(411, 410, "bash", {"bash"}, FixtureTree::own(4026533510)));

        // LXC: the monitor's retitled command line.
        QVERIFY(f.process(500, 1, "lxc-start", {"[lxc monitor] /var/lib/lxc nsx-lxc"}));
        QVERIFY(f.process(501, 500, "init", {"/sbin/init"}, FixtureTree::own(4026533600)));

        // flatpak through .flatpak-info in the sandbox's root: flatpak's bwrap, the sandbox.
        QVERIFY(f.process(600, 1, "bwrap", {"bwrap", "--args", "40", "firefox"}, {}, 1000));
        auto fp = FixtureTree::own(4026533700);
        QVERIFY(f.process(601, 600, "bwrap", {"bwrap", "--args", "40", "firefox"}, fp, 1000));
        QVERIFY(f.process(602, 601, "firefox", {"/app/bin/firefox"}, fp, 1000));
        QVERIFY(f.file("proc/601/root/.flatpak-info",
                       "[Application]\nname=org.mozilla.firefox\n"
                       "runtime=runtime/org.freedesktop.Platform/x86_64/24.08\n\n"
                       "[Instance]\ninstance-id=1234567\n"));
        // flatpak through the instance directory of its user; a second user's instance
        // claiming the same process is ignored.
        QVERIFY(f.process(611, 1, "gedit", {"gedit"}, FixtureTree::own(4026533710), 1000));
        QVERIFY(f.file("run/user/1000/.flatpak/555/bwrapinfo.json", "{\"child-pid\": 611}"));
        QVERIFY(f.file("run/user/1000/.flatpak/555/info",
                       "[Application]\nname=org.gnome.gedit\nruntime=runtime/org.gnome.Platform/"
                       "x86_64/47\n"));
        QVERIFY(f.file("run/user/1001/.flatpak/666/bwrapinfo.json", "{\"child-pid\": 611}"));
        QVERIFY(f.file("run/user/1001/.flatpak/666/info", "[Application]\nname=com.spoof\n"));

        // Hostile .flatpak-info: a FIFO (must not hang) and a symlink out of the root.
        // (In bwrap sandboxes: only mount namespaces bwrap made are looked at.)
        QVERIFY(f.process(619, 1, "bwrap", {"bwrap", "--unshare-all", "fifo"}));
        QVERIFY(f.process(620, 619, "fifo", {"fifo"}, FixtureTree::own(4026533720)));
        QVERIFY(f.fifo("proc/620/root/.flatpak-info"));
        QVERIFY(f.process(622, 1, "bwrap", {"bwrap", "--bind", "/", "/", "--", "linked"}));
        QVERIFY(f.process(621, 622, "linked", {"linked"}, FixtureTree::own(4026533730)));
        QVERIFY(f.file("outside-info", "[Application]\nname=org.outside.Leak\n"));
        QVERIFY(f.link("proc/621/root/.flatpak-info", "../../../outside-info"));

        // snap: a process in the snap's mount namespace (bound at /run/snapd/ns/nsx-snap.mnt).
        auto snap = std::array<std::uint64_t, kNsTypeCount>{};
        snap[index(NsType::Mnt)] = 4026540100;
        QVERIFY(f.process(700, 1, "nsx-snap", {"/snap/nsx-snap/x1/bin/app"}, snap, 1000,
                          "0::/user.slice/user-1000.slice/snap.nsx-snap.app-1a2b.scope\n"));
        // snap, by its cgroup alone (in a mount namespace nothing names).
        auto snap2 = std::array<std::uint64_t, kNsTypeCount>{};
        snap2[index(NsType::Mnt)] = 4026540110;
        QVERIFY(f.process(710, 1, "other-snap", {"other"}, snap2, 1000,
                          "0::/system.slice/snap.other-snap.daemon.service\n"));

        // Engines' cgroups, for processes nothing else named (the files and the monitors gone
        // or unreadable): LXC's payload cgroup, docker's and podman's scopes, a machined scope
        // with systemd's escaping, a flatpak app scope.
        QVERIFY(f.process(720, 1, "init", {"/sbin/init"}, FixtureTree::own(4026540300), 0,
                          "0::/lxc.payload.nsx-lxc2/init.scope\n"));
        QVERIFY(f.process(721, 1, "bash", {"bash"}, FixtureTree::own(4026540310), 0,
                          "0::/system.slice/docker-" + kDockerId + ".scope\n"));
        QVERIFY(f.process(722, 1, "sh", {"sh"}, FixtureTree::own(4026540320), 0,
                          "0::/machine.slice/libpod-" + kPodmanId + ".scope/container\n"));
        QVERIFY(f.process(723, 1, "systemd", {"/sbin/init"}, FixtureTree::own(4026540330), 0,
                          "0::/machine.slice/machine-my\\x2dbox.scope/payload\n"));
        QVERIFY(f.process(724, 1, "app", {"app"}, FixtureTree::own(4026540340), 1000,
                          "0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
                          "app-flatpak-org.example.App-98765.scope\n"));

        // `ip netns exec blue`: in the named net namespace (and a mount namespace of its own),
        // started from a login scope; the netns name wins over the scope.
        auto blue = FixtureTree::own(4026540400);
        blue[index(NsType::Net)] = 4026540001;
        QVERIFY(f.process(730, 1, "sleep", {"sleep", "1000"}, blue, 0,
                          "0::/user.slice/user-0.slice/session-3.scope\n"));
        // `ip netns exec green unshare --fork -u sleep 1000`: a tool's sandbox in a named netns.
        auto green = FixtureTree::own(4026540500);
        green[index(NsType::Net)] = 4026540002;
        QVERIFY(f.process(740, 1, "unshare", {"unshare", "--fork", "-u", "sleep", "1000"}, green));
        QVERIFY(f.process(741, 740, "sleep", {"sleep", "1000"}, green));

        // A systemd service with PrivateTmp (its own mount namespace) on a hybrid hierarchy:
        // 0:: says "/", the name=systemd line has the unit.
        auto priv = std::array<std::uint64_t, kNsTypeCount>{};
        priv[index(NsType::Mnt)] = 4026540200;
        QVERIFY(f.process(800, 1, "cupsd", {"/usr/sbin/cupsd", "-l"}, priv, 0,
                          "12:pids:/system.slice/cups.service\n"
                          "1:name=systemd:/system.slice/cups.service\n0::/\n"));
        // A process of a unit in the initial namespaces gets no container.
        QVERIFY(f.process(810, 1, "sshd", {"sshd"}, {}, 0, "0::/system.slice/ssh.service\n"));

        // firejail: --name, and one named by /run/firejail/name/ with its profile.
        QVERIFY(f.process(900, 1, "firejail", {"firejail", "--name=nsx-fj", "sleep", "100"}));
        QVERIFY(f.process(901, 900, "firejail", {"firejail", "--name=nsx-fj", "sleep", "100"},
                          FixtureTree::own(4026533900)));
        QVERIFY(f.process(902, 901, "sleep", {"sleep", "100"}, FixtureTree::own(4026533900)));
        QVERIFY(f.process(910, 1, "firejail", {"firejail", "--quiet", "/usr/bin/xterm"}));
        QVERIFY(f.process(911, 910, "xterm", {"xterm"}, FixtureTree::own(4026533910)));
        QVERIFY(f.file("run/firejail/name/910", "term\n"));
        QVERIFY(f.file("run/firejail/profile/910", "xterm\n"));

        // systemd-machined's Varlink socket names a machine whose nspawn command line says
        // only "-D /var/lib/machines/x"; a virtual machine in the list is left out.
        QVERIFY(f.process(419, 1, "systemd-nspawn",
                          {"systemd-nspawn", "-D", "/var/lib/machines/x", "--keep-unit"}));
        QVERIFY(f.process(421, 419, "systemd", {"/sbin/init"}, FixtureTree::own(4026533520)));
        const int machined = listenAt(f.root() + "/run/systemd/machine/io.systemd.Machine");
        QVERIFY(machined >= 0);
        QByteArray replies = "{\"parameters\":{\"name\":\"varlink-box\",\"class\":\"container\","
                             "\"service\":\"systemd-nspawn\",\"leader\":{\"pid\":421},"
                             "\"unit\":\"systemd-nspawn@varlink-box.service\"},\"continues\":true}";
        replies += '\0';
        replies += "{\"parameters\":{\"name\":\"vm1\",\"class\":\"vm\",\"leader\":1}}";
        replies += '\0';
        std::thread server(serveMachined, machined, replies);

        ScanOptions o;
        o.procRoot = f.proc().toStdString();
        o.hostRoot = f.root().toStdString();
        o.details = false;
        o.hierarchy = false;
        QElapsedTimer t;
        t.start();
        m_snap = Scanner(o).scan();
        m_ms = t.elapsed();
        server.join();
        ::close(machined);
    }

    void machined()
    {
        const Container* c = containerOf(m_snap, 421);
        QVERIFY(c);
        QCOMPARE(describe(c), QByteArray("systemd-nspawn: varlink-box"));
        QCOMPARE(c->unit, std::optional<std::string>("systemd-nspawn@varlink-box.service"));
        QCOMPARE(c->source, std::string("machined"));
        QVERIFY(!m_snap.findContainer("systemd-nspawn:vm1"));
        QVERIFY(!m_snap.findContainer("systemd-nspawn:x")); // machined's name wins
    }

    // A machined that accepts and never answers: the scan goes on within its 200 ms, and the
    // machine is named from nspawn's command line.
    void hungMachined()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FixtureTree f(dir.path());
        QVERIFY(f.process(1, 0, "init", {"/sbin/init"}));
        QVERIFY(
            f.process(419, 1, "systemd-nspawn", {"systemd-nspawn", "-D", "/var/lib/machines/x"}));
        QVERIFY(f.process(421, 419, "systemd", {"/sbin/init"}, FixtureTree::own(4026533520)));
        const int hung = listenAt(f.root() + "/run/systemd/machine/io.systemd.Machine");
        QVERIFY(hung >= 0);
        ScanOptions o;
        o.procRoot = f.proc().toStdString();
        o.hostRoot = f.root().toStdString();
        o.details = false;
        o.hierarchy = false;
        QElapsedTimer t;
        t.start();
        const Snapshot s = Scanner(o).scan();
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
        ::close(hung);
        QCOMPARE(describe(containerOf(s, 421)), QByteArray("systemd-nspawn: x"));
        QCOMPARE(containerOf(s, 421)->source, std::string("cmdline"));
    }

    void notHung() { QVERIFY2(m_ms < 10000, qPrintable(QString::number(m_ms))); }

    void docker()
    {
        const Container* c = containerOf(m_snap, 101);
        QVERIFY(c);
        QCOMPARE(c->key, "docker:" + kDockerId.toStdString());
        QCOMPARE(c->name, std::string("nsx-dock"));
        QCOMPARE(c->image, std::optional<std::string>("debian:12"));
        QCOMPARE(c->project, std::optional<std::string>("shop"));
        QCOMPARE(c->pid, std::optional<int>(101));
        QCOMPARE(c->labels.size(), std::size_t(2));
        QCOMPARE(c->labels[0].first, std::string("b")); // sorted
        // The worker (a descendant) and `docker exec` (in its pid namespace) are in it; the
        // shim is not.
        QCOMPARE(describe(containerOf(m_snap, 103)), QByteArray("docker: nsx-dock"));
        QCOMPARE(describe(containerOf(m_snap, 102)), QByteArray("docker: nsx-dock"));
        QVERIFY(!containerOf(m_snap, 100));
        for (std::uint64_t inode = 4026533000; inode < 4026533005; ++inode)
            for (NsType t : {NsType::Mnt, NsType::Uts, NsType::Ipc, NsType::Net, NsType::Pid})
                if (m_snap.findNamespace(t, inode))
                    QCOMPARE(describe(containerOf(m_snap, t, inode)),
                             QByteArray("docker: nsx-dock"));
        // Initial namespaces have none.
        QVERIFY(!containerOf(m_snap, NsType::Net, nsx::test::kInitNs[index(NsType::Net)]));
    }

    void hugeConfig()
    {
        const Container* c = containerOf(m_snap, 110);
        QVERIFY(c);
        QCOMPARE(c->name, std::string("big"));
        QCOMPARE(c->labels.size(), std::size_t(1));
        QCOMPARE(c->labels[0].second.size(), std::size_t(256)); // cut
    }

    void tooBigConfig()
    {
        QCOMPARE(describe(containerOf(m_snap, 111)), QByteArray("other: toobig"));
    }

    void kubernetes()
    {
        const Container* pod = containerOf(m_snap, 201);
        QVERIFY(pod);
        QCOMPARE(pod->engine, std::string("kubernetes"));
        QCOMPARE(pod->name, std::string("web-0"));
        QCOMPARE(pod->pod, std::optional<std::string>("web-0"));
        QCOMPARE(pod->podNamespace, std::optional<std::string>("shop"));
        const Container* app = containerOf(m_snap, 202);
        QVERIFY(app);
        QCOMPARE(app->key, "kubernetes:" + kAppId.toStdString());
        QCOMPARE(app->name, std::string("nginx"));
        QCOMPARE(app->image, std::optional<std::string>("docker.io/library/nginx:1.27"));
        QCOMPARE(app->pod, std::optional<std::string>("web-0"));
        // The pod's net namespace is the sandbox's; the app's own pid namespace is the app's.
        QCOMPARE(containerOf(m_snap, NsType::Net, 4026533203), pod);
        QCOMPARE(containerOf(m_snap, NsType::Pid, 4026533214), app);
        // Truncated config.json: the id, engine containerd, no invented fields.
        const Container* broken = containerOf(m_snap, 211);
        QVERIFY(broken);
        QCOMPARE(broken->engine, std::string("containerd"));
        QCOMPARE(broken->name, kBrokenId.left(12).toStdString());
        QVERIFY(!broken->pod);
    }

    void podmanHostileName()
    {
        const Container* c = containerOf(m_snap, 301);
        QVERIFY(c);
        QCOMPARE(c->engine, std::string("podman"));
        QCOMPARE(c->key, "podman:" + kPodmanId.toStdString());
        QCOMPARE(c->name, kEvilName.toStdString()); // kept as bytes; writers escape them
        QCOMPARE(c->source, std::string("conmon"));
        // The snapshot with it survives a JSON round trip, and the JSON has no raw newline
        // or escape inside the name.
        const std::string json = toJson(m_snap);
        QVERIFY(json.find("evil\\nname\\u001b[31m") != std::string::npos);
        QCOMPARE(fromJson(json), m_snap);
    }

    void nspawnAndLxc()
    {
        QCOMPARE(describe(containerOf(m_snap, 401)), QByteArray("systemd-nspawn: deb12"));
        QCOMPARE(describe(containerOf(m_snap, 411)), QByteArray("systemd-nspawn: named-box"));
        QCOMPARE(describe(containerOf(m_snap, NsType::Uts, 4026533501)),
                 QByteArray("systemd-nspawn: deb12"));
        QCOMPARE(describe(containerOf(m_snap, 501)), QByteArray("lxc: nsx-lxc"));
        QVERIFY(!containerOf(m_snap, 500)); // the monitor sits outside
    }

    void flatpak()
    {
        const Container* c = containerOf(m_snap, 602);
        QVERIFY(c);
        // 1000 ran it: the name is its user's (Container::ownerUid).
        QCOMPARE(c->key, std::string("flatpak@1000:1234567"));
        QCOMPARE(c->ownerUid, std::optional<std::uint32_t>(1000));
        QCOMPARE(c->name, std::string("org.mozilla.firefox"));
        QCOMPARE(c->appId, std::optional<std::string>("org.mozilla.firefox"));
        QCOMPARE(c->image,
                 std::optional<std::string>("runtime/org.freedesktop.Platform/x86_64/24.08"));
        QCOMPARE(containerOf(m_snap, 601), c);
        QCOMPARE(containerOf(m_snap, 600), c); // flatpak's own bwrap, not "bwrap: firefox"
        QCOMPARE(containerOf(m_snap, NsType::Mnt, 4026533700), c);

        const Container* gedit = containerOf(m_snap, 611);
        QVERIFY(gedit);
        QCOMPARE(gedit->key, std::string("flatpak@1000:555"));
        QCOMPARE(gedit->name, std::string("org.gnome.gedit"));
        QVERIFY(!m_snap.findContainer("flatpak@1001:666") &&
                !m_snap.findContainer("flatpak@1000:666"));
        for (const Container& k : m_snap.containers)
            QVERIFY2(k.name != "com.spoof" && k.name != "org.outside.Leak", k.name.c_str());
        // The FIFO and the symlink gave no name: the sandboxes are bwrap's.
        QCOMPARE(describe(containerOf(m_snap, 620)), QByteArray("bwrap: fifo"));
        QCOMPARE(describe(containerOf(m_snap, 621)), QByteArray("bwrap: linked"));
    }

    void snap()
    {
        QCOMPARE(describe(containerOf(m_snap, NsType::Mnt, 4026540100)),
                 QByteArray("snap: nsx-snap"));
        QCOMPARE(describe(containerOf(m_snap, 700)), QByteArray("snap: nsx-snap"));
        const Container* other = containerOf(m_snap, 710);
        QVERIFY(other);
        QCOMPARE(describe(other), QByteArray("snap: other-snap"));
        QCOMPARE(other->unit, std::optional<std::string>("snap.other-snap.daemon.service"));
        QCOMPARE(other->source, std::string("cgroup"));
    }

    void engineCgroups()
    {
        QCOMPARE(describe(containerOf(m_snap, 720)), QByteArray("lxc: nsx-lxc2"));
        // docker's scope: the same container (key) as the bundle named, with its name.
        QCOMPARE(containerOf(m_snap, 721),
                 m_snap.findContainer("docker:" + kDockerId.toStdString()));
        const Container* podman = containerOf(m_snap, 722);
        QVERIFY(podman);
        QCOMPARE(podman->key, "podman:" + kPodmanId.toStdString()); // conmon's container
        const Container* machine = containerOf(m_snap, 723);
        QVERIFY(machine);
        QCOMPARE(describe(machine), QByteArray("systemd-nspawn: my-box"));
        QCOMPARE(machine->unit, std::optional<std::string>("machine-my\\x2dbox.scope"));
        const Container* app = containerOf(m_snap, 724);
        QVERIFY(app);
        QCOMPARE(describe(app), QByteArray("flatpak: org.example.App"));
        QCOMPARE(app->appId, std::optional<std::string>("org.example.App"));
        // Below user@1000.service user 1000 names its cgroups as it likes: its claim.
        QCOMPARE(app->ownerUid, std::optional<std::uint32_t>(1000));
        QCOMPARE(app->key, std::string("flatpak@1000:org.example.App/98765"));
        QCOMPARE(machine->ownerUid, std::nullopt); // machine.slice: root's
    }

    void systemdUnit()
    {
        const Container* c = containerOf(m_snap, 800);
        QVERIFY(c);
        QCOMPARE(c->key, std::string("service:cups.service"));
        QCOMPARE(c->unit, std::optional<std::string>("cups.service"));
        QCOMPARE(containerOf(m_snap, NsType::Mnt, 4026540200), c);
        QVERIFY(!containerOf(m_snap, 810)); // initial namespaces: not asked
        QVERIFY(!containerOf(m_snap, 1));
    }

    void firejail()
    {
        QCOMPARE(describe(containerOf(m_snap, 902)), QByteArray("firejail: nsx-fj"));
        QCOMPARE(containerOf(m_snap, 901), containerOf(m_snap, 900));
        const Container* term = containerOf(m_snap, 911);
        QVERIFY(term);
        QCOMPARE(describe(term), QByteArray("firejail: term"));
        QCOMPARE(term->labels,
                 (std::vector<std::pair<std::string, std::string>>{{"profile", "xterm"}}));
    }

    void netnsExec()
    {
        QCOMPARE(describe(containerOf(m_snap, 730)), QByteArray("netns: blue"));
        QCOMPARE(describe(containerOf(m_snap, NsType::Mnt, 4026540400)), QByteArray("netns: blue"));
        // The sandbox is unshare's; the named namespace stays its name (before: "unshare: sleep").
        QCOMPARE(describe(containerOf(m_snap, 741)), QByteArray("unshare: sleep"));
        QCOMPARE(describe(containerOf(m_snap, NsType::Uts, 4026540501)),
                 QByteArray("unshare: sleep"));
        QCOMPARE(describe(containerOf(m_snap, NsType::Net, 4026540002)),
                 QByteArray("netns: green"));
    }

    // Untrusted bytes made names: cut at 256 bytes, never inside a UTF-8 sequence, no NULs.
    void cleanNames()
    {
        using nsx::backend::containers::cleanName;
        QCOMPARE(cleanName(std::string("a\0b\nc", 5)), std::string("ab\nc"));
        const std::string e = "\xc3\xa9"; // é, two bytes
        std::string longName(255, 'x');
        QCOMPARE(cleanName(longName + e + "tail"), longName); // é would be cut: left out
        std::string even(254, 'x');
        QCOMPARE(cleanName(even + e + "tail"), even + e); // é fits whole
        QCOMPARE(cleanName(std::string(10000, 'y')).size(), std::size_t(256));
        using nsx::backend::containers::optionValue;
        const std::vector<std::string> argv = {"conmon", "-n", "a",  "--cid=b",
                                               "-cX",    "--", "-n", "z"};
        QCOMPARE(optionValue(argv, "--name", "-n"), std::optional<std::string>("a"));
        QCOMPARE(optionValue(argv, "--cid", "-c"), std::optional<std::string>("b"));
        QCOMPARE(optionValue({"x", "-cX"}, "--cid", "-c"), std::optional<std::string>("X"));
        QCOMPARE(optionValue({"x", "-n"}, "--name", "-n"), std::nullopt); // no value
    }

    void netns()
    {
        const Container* c = containerOf(m_snap, NsType::Net, 4026540001);
        QVERIFY(c);
        QCOMPARE(c->key, std::string("netns:blue"));
        QVERIFY(!c->pid);
    }

    // Every non-initial namespace and every process in one has a container; the listed
    // containers are exactly those referred to.
    void coverage()
    {
        const NsInodes initial = initialNamespaces(m_snap);
        for (const Namespace& ns : m_snap.namespaces)
            if (initial[index(ns.type)] != ns.inode)
                QVERIFY2(ns.container,
                         qPrintable(QString::fromStdString(std::string(toString(ns.type)) + " " +
                                                           std::to_string(ns.inode))));
        std::set<std::string> used;
        for (const Process& p : m_snap.processes) {
            bool inOne = false;
            for (NsType t : kAllNsTypes)
                inOne |= p.namespaces[index(t)] && *p.namespaces[index(t)] != initial[index(t)];
            if (inOne)
                QVERIFY2(p.container, qPrintable(QString::number(p.pid)));
            if (p.container)
                used.insert(*p.container);
        }
        for (const Namespace& ns : m_snap.namespaces)
            if (ns.container)
                used.insert(*ns.container);
        QCOMPARE(used.size(), m_snap.containers.size());
    }
};

QTEST_GUILESS_MAIN(TestContainersFixture)
#include "tst_containers_fixture.moc"
