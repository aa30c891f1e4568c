// The scanner against real namespaces built with unshare, ip netns and a thread of this test,
// as root. Each case compares the snapshot with what the kernel itself says: inodes by stat
// of /proc/PID/ns/*, owners and parents by the nsfs ioctls, details by /proc files or by the
// values the case set. Everything started is killed (and every netns deleted) even when a
// check fails: the test is a child subreaper, and each case's Guard kills its whole tree.
#include "live_system.h"
#include "scanner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <map>
#include <mutex>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace nsx::backend;

namespace {

std::uint64_t inodeOf(const QString& path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_ino;
}
std::uint64_t nsInode(int pid, const char* type)
{
    return inodeOf(QStringLiteral("/proc/%1/ns/%2").arg(pid).arg(type));
}

// The kernel's word on a namespace's relatives, straight from the ioctls.
std::uint64_t ioctlInode(const QString& path, unsigned long request)
{
    int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int rel = ::ioctl(fd, request);
    ::close(fd);
    if (rel < 0)
        return 0;
    struct stat st;
    std::uint64_t ino = ::fstat(rel, &st) == 0 ? st.st_ino : 0;
    ::close(rel);
    return ino;
}

// NS_GET_ID of the namespace at path, 0 when the kernel has none (before Linux 6.18).
std::uint64_t nsIdOfPath(const QString& path)
{
    const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    std::uint64_t id = 0;
    if (::ioctl(fd, _IOR(0xb7, 0xd, std::uint64_t), &id) != 0)
        id = 0;
    ::close(fd);
    return id;
}

int ppidOf(int pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray s = f.readAll();
    const int close = s.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = s.mid(close + 2).split(' ');
    return fields.size() > 1 ? fields[1].toInt() : -1;
}

QByteArray commOf(int pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

int tgidOf(int tid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(tid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("Tgid:"))
            return line.mid(5).trimmed().toInt();
    return -1;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString cgroup2MountPoint()
{
    for (const QByteArray& line : readAll("/proc/self/mountinfo").split('\n'))
        if (line.contains(" - cgroup2 "))
            return QString::fromLocal8Bit(line.split(' ')[4]);
    return QString();
}

std::vector<int> descendants(int root)
{
    std::vector<std::pair<int, int>> all; // pid, ppid
    for (const QString& name : QDir("/proc").entryList(QDir::Dirs)) {
        bool ok = false;
        const int pid = name.toInt(&ok);
        if (ok)
            all.emplace_back(pid, ppidOf(pid));
    }
    std::vector<int> out{root};
    for (std::size_t i = 0; i < out.size(); ++i)
        for (auto [pid, ppid] : all)
            if (ppid == out[i])
                out.push_back(pid);
    out.erase(out.begin());
    return out;
}

// The first descendant of root whose comm is comm and whose ns link of type differs from
// ours (or any, when type is null).
int findDescendant(int root, const QByteArray& comm, const char* type = nullptr)
{
    for (int pid : descendants(root))
        if (commOf(pid) == comm && (!type || nsInode(pid, type) != nsInode(::getpid(), type)))
            return pid;
    return 0;
}

// `newSession`: the child leads a session of its own, as anything started from a login does.
// The harness may run the tests in session 0 (CI's does), which the scanner reads as "unknown".
int spawn(const QStringList& args, bool newSession = false)
{
    std::vector<QByteArray> bytes;
    for (const QString& a : args)
        bytes.push_back(a.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    // Dies with the test even when the test is killed hard (a timeout, a sanitizer abort), so
    // no tree of this run is left for the next test or the next build's run.
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
        if (newSession && ::setsid() < 0)
            ::_exit(127);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

void reapAll()
{
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
}

// Kills a spawned tree (children first are found while the parent still links them).
struct Guard
{
    explicit Guard(int p = 0) : pid(p) {}
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    int pid = 0;
    QString netns; // deleted at the end when set
    ~Guard()
    {
        if (pid > 0) {
            std::vector<int> tree = descendants(pid);
            ::kill(pid, SIGKILL);
            for (int p : tree)
                ::kill(p, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        if (!netns.isEmpty())
            QProcess::execute("ip", {"netns", "del", netns});
        reapAll();
    }
};

const Namespace* nsOf(const Snapshot& s, NsType type, int pid, const char* name)
{
    return s.findNamespace(type, nsInode(pid, name));
}

bool contains(const std::vector<int>& v, int x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

class TestScannerLive : public QObject
{
    Q_OBJECT

    Snapshot scan()
    {
        Scanner scanner;
        return scanner.scan();
    }

private slots:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("live namespace tests need root");
        for (const char* tool : {"unshare", "ip", "setpriv", "ipcmk", "sleep"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(tool)));
        // Orphans of the trees we start become our children, so nothing outlives the test.
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        // A run killed hard (SIGKILL, a sanitizer abort) cannot clean up: remove what such a
        // run of this test left, recognised by the name and a pid that no longer exists.
        for (const QString& name : QDir("/run/netns").entryList(QDir::Files)) {
            static const QRegularExpression own("^nsxscan(\\d+)b$");
            const auto m = own.match(name);
            if (m.hasMatch() && ::kill(m.captured(1).toInt(), 0) != 0 && errno == ESRCH)
                QProcess::execute("ip", {"netns", "del", name});
        }
        const QString cgroups = cgroup2MountPoint();
        if (!cgroups.isEmpty())
            for (const QString& name : QDir(cgroups).entryList({"nsxscan*"}, QDir::Dirs)) {
                bool ok = false;
                const int pid = name.mid(7).toInt(&ok);
                if (ok && ::kill(pid, 0) != 0 && errno == ESRCH)
                    QDir().rmdir(cgroups + "/" + name);
            }
    }
    void cleanup() { reapAll(); }

    void nestedPidNamespaces()
    {
        Guard g{spawn({"unshare", "--fork", "--kill-child", "--pid", "--mount-proc", "unshare",
                       "--fork", "--kill-child", "--pid", "--mount-proc", "sleep", "1000"})};
        QVERIFY(g.pid > 0);
        int inner = 0, middle = 0;
        QTRY_VERIFY_WITH_TIMEOUT((inner = findDescendant(g.pid, "sleep", "pid")) != 0, 20000);
        middle = ppidOf(inner);
        QCOMPARE(commOf(middle), QByteArray("unshare"));
        const Snapshot s = scan();

        const Namespace* in = nsOf(s, NsType::Pid, inner, "pid");
        const Namespace* mid = nsOf(s, NsType::Pid, middle, "pid");
        const Namespace* top = nsOf(s, NsType::Pid, ::getpid(), "pid");
        QVERIFY(in && mid && top);
        QVERIFY(in != mid && mid != top);
        QCOMPARE(in->processes, std::vector<int>{inner});
        QCOMPARE(mid->processes, std::vector<int>{middle});
        // Parents: the kernel says so through NS_GET_PARENT, and by the chain of processes.
        QCOMPARE(in->parent, std::optional<std::uint64_t>(mid->inode));
        QCOMPARE(mid->parent, std::optional<std::uint64_t>(top->inode));
        QCOMPARE(in->parent.value_or(0),
                 ioctlInode(QStringLiteral("/proc/%1/ns/pid").arg(inner), NS_GET_PARENT));
        QCOMPARE(in->details.level, std::optional<int>(2));
        QCOMPARE(mid->details.level, std::optional<int>(1));
        // init is the PID 1 of each namespace, in our numbering.
        QCOMPARE(in->details.init, std::optional<int>(inner));
        QCOMPARE(mid->details.init, std::optional<int>(middle));
        const std::uint64_t userNs = nsInode(::getpid(), "user");
        QCOMPARE(in->owner, std::optional<std::uint64_t>(userNs));
        QVERIFY(!in->ownerUid);
        const Process* p = s.findProcess(inner);
        QVERIFY(p && p->nspid);
        QCOMPARE(p->nspid->size(), std::size_t(3));
        QCOMPARE(p->nspid->front(), inner);
        QCOMPARE(p->nspid->back(), 1);
        // Every link of the process as the kernel reports it.
        for (NsType t : kAllNsTypes)
            QCOMPARE(p->namespaces[index(t)].value_or(0), nsInode(inner, toString(t).data()));
        // The launcher of each pid namespace is the unshare just outside it.
        QVERIFY(in->launcher && mid->launcher);
        QCOMPARE(in->launcher->pid, std::optional<int>(middle));
        QCOMPARE(in->launcher->kind, std::string("unshare"));
        QCOMPARE(mid->launcher->pid, std::optional<int>(g.pid));
        QVERIFY(!top->launcher);
        // --mount-proc made mount namespaces with their own /proc mounted.
        const Namespace* mnt = nsOf(s, NsType::Mnt, inner, "mnt");
        QVERIFY(mnt && mnt->details.mounts);
        const int lines = readAll(QStringLiteral("/proc/%1/mountinfo").arg(inner)).count('\n');
        QCOMPARE(*mnt->details.mounts, lines);
    }

    // Namespaces made in one call have one launcher: the inner unshare made mnt, uts and pid
    // together, though an outer unshare (a known tool too) is its parent. Those types it is in
    // itself (mnt, uts) are not credited to the outer one and pid to the inner one.
    void nestedToolsOneLauncher_data()
    {
        QTest::addColumn<QStringList>("outer");
        QTest::newRow("outer unshare --mount") << QStringList{"--mount"};
        QTest::newRow("outer unshare --user --map-root-user")
            << QStringList{"--user", "--map-root-user"};
    }

    void nestedToolsOneLauncher()
    {
        QFETCH(QStringList, outer);
        Guard g{spawn(QStringList{"unshare", "--fork", "--kill-child"} + outer +
                      QStringList{"sh", "-c",
                                  "exec unshare --fork --kill-child --pid --mount-proc --uts "
                                  "sleep 1000"})};
        QVERIFY(g.pid > 0);
        int sleeper = 0;
        QTRY_VERIFY_WITH_TIMEOUT((sleeper = findDescendant(g.pid, "sleep", "pid")) != 0, 20000);
        const int inner = ppidOf(sleeper);
        QCOMPARE(commOf(inner), QByteArray("unshare"));
        QCOMPARE(ppidOf(inner), g.pid);
        const Snapshot s = scan();
        for (const char* type : {"mnt", "uts", "pid"}) {
            const Namespace* ns = s.findNamespace(*nsTypeFromString(type), nsInode(sleeper, type));
            QVERIFY(ns && ns->launcher);
            QVERIFY2(ns->launcher->pid == std::optional<int>(inner),
                     qPrintable(QStringLiteral("%1: launcher %2, the inner unshare is %3")
                                    .arg(type)
                                    .arg(ns->launcher->pid.value_or(0))
                                    .arg(inner)));
            QCOMPARE(ns->launcher->kind, std::string("unshare"));
        }
        // What the outer one made is its own.
        const char* outerType = outer.contains("--user") ? "user" : "mnt";
        const Namespace* mine =
            s.findNamespace(*nsTypeFromString(outerType), nsInode(g.pid, outerType));
        QVERIFY(mine && mine->launcher);
        QCOMPARE(mine->launcher->pid, std::optional<int>(g.pid));
    }

    // The maker of a namespace died and its member went to the init of its pid namespace: that
    // init is no launcher. The member kept its maker's session, which is neither the init's
    // nor its own: unknown, rather than the reaper. The tree gets a session of its own: in
    // session 0 (the kernel's, or a leader out of sight) the scanner cannot tell, and CI's
    // harness runs the tests in session 0.
    void orphanedNamespaceHasNoLauncher()
    {
        Guard g{spawn({"unshare", "--fork", "--kill-child", "--pid", "--mount-proc", "sh", "-c",
                       "(unshare --uts sleep 1000 &); exec setsid sleep 1000"},
                      true)};
        QVERIFY(g.pid > 0);
        int orphan = 0;
        QTRY_VERIFY_WITH_TIMEOUT((orphan = findDescendant(g.pid, "sleep", "uts")) != 0, 20000);
        const int init = ppidOf(orphan);
        QTRY_COMPARE_WITH_TIMEOUT(commOf(init), QByteArray("sleep"), 20000); // setsid done
        QCOMPARE(ppidOf(init), g.pid);
        const Snapshot s = scan();
        const Namespace* uts = nsOf(s, NsType::Uts, orphan, "uts");
        QVERIFY(uts);
        // QVERIFY2 evaluates its message even when the check holds (CI once died of
        // std::bad_alloc reading the empty optional here): no launcher, no message.
        QVERIFY2(!uts->launcher,
                 uts->launcher ? qPrintable(QStringLiteral("launcher %1 (%2), the reaper is %3")
                                                .arg(uts->launcher->pid.value_or(0))
                                                .arg(QString::fromStdString(uts->launcher->comm))
                                                .arg(init))
                               : "");
        // Its init's own namespaces keep theirs: the unshare that made them.
        const Namespace* pid = nsOf(s, NsType::Pid, init, "pid");
        QVERIFY(pid && pid->launcher);
        QCOMPARE(pid->launcher->pid, std::optional<int>(g.pid));
    }

    void userNamespaceChain()
    {
        Guard g{spawn({"setpriv", "--pdeathsig", "keep", "--reuid=65534", "--regid=65534",
                       "--clear-groups", "unshare", "-Ur", "unshare", "-Urn", "sleep", "1000"})};
        QVERIFY(g.pid > 0);
        // Both unshares exec: the sleep is the spawned pid itself once it is in a new user ns.
        QTRY_VERIFY_WITH_TIMEOUT(
            commOf(g.pid) == "sleep" && nsInode(g.pid, "net") != nsInode(::getpid(), "net"), 20000);
        const int sleeper = g.pid;
        const Snapshot s = scan();
        const QString link = QStringLiteral("/proc/%1/ns/user").arg(sleeper);
        const std::uint64_t innerIno = inodeOf(link);
        const std::uint64_t middleIno = ioctlInode(link, NS_GET_PARENT);
        const std::uint64_t ours = nsInode(::getpid(), "user");
        QVERIFY(innerIno && middleIno && middleIno != ours);

        const Namespace* inner = s.findNamespace(NsType::User, innerIno);
        const Namespace* middle = s.findNamespace(NsType::User, middleIno);
        QVERIFY(inner && middle);
        QCOMPARE(inner->processes, std::vector<int>{sleeper});
        // The middle one has no process left: it is known only as the parent.
        QVERIFY(middle->processes.empty());
        QCOMPARE(inner->parent, std::optional<std::uint64_t>(middleIno));
        QCOMPARE(inner->owner, std::optional<std::uint64_t>(middleIno));
        QCOMPARE(middle->parent, std::optional<std::uint64_t>(ours));
        QCOMPARE(inner->ownerUid, std::optional<std::uint32_t>(65534));
        QCOMPARE(middle->ownerUid, std::optional<std::uint32_t>(65534));
        // The maps as the kernel prints them to a reader in the initial user namespace:
        // "outside" is in the reader's terms, so root inside maps to 65534 here.
        QVERIFY(inner->details.uidMap && inner->details.gidMap);
        QCOMPARE(*inner->details.uidMap, (std::vector<IdMapEntry>{{0, 65534, 1}}));
        QCOMPARE(*inner->details.gidMap, (std::vector<IdMapEntry>{{0, 65534, 1}}));
        const QList<QByteArray> fields =
            readAll(QStringLiteral("/proc/%1/uid_map").arg(sleeper)).simplified().split(' ');
        QCOMPARE(fields.size(), 3);
        QCOMPARE(inner->details.uidMap->at(0).outside, fields[1].toULongLong());
        // The network namespace made in the inner user namespace is owned by it.
        const Namespace* net = nsOf(s, NsType::Net, sleeper, "net");
        QVERIFY(net);
        QCOMPARE(net->owner, std::optional<std::uint64_t>(innerIno));
        QCOMPARE(net->owner.value_or(0),
                 ioctlInode(QStringLiteral("/proc/%1/ns/net").arg(sleeper), NS_GET_USERNS));
        QVERIFY(net->details.interfaces);
        QCOMPARE(net->details.interfaces->size(), std::size_t(1));
        QCOMPARE(net->details.interfaces->at(0).name, std::string("lo"));
        QVERIFY(!net->details.interfaces->at(0).up);
    }

    void bindMountedNetns()
    {
        const QString name = QStringLiteral("nsxscan%1b").arg(::getpid());
        Guard g;
        QCOMPARE(QProcess::execute("ip", {"netns", "add", name}), 0);
        g.netns = name;
        QCOMPARE(QProcess::execute("ip", {"-n", name, "link", "set", "lo", "up"}), 0);
        const std::uint64_t ino = inodeOf("/run/netns/" + name);
        QVERIFY(ino);
        const Snapshot s = scan();
        const Namespace* ns = s.findNamespace(NsType::Net, ino);
        QVERIFY(ns);
        QVERIFY(ns->processes.empty());
        const Reference want{Reference::Kind::BindMount, ("/run/netns/" + name).toStdString()};
        QVERIFY(std::find(ns->references.begin(), ns->references.end(), want) !=
                ns->references.end());
        QCOMPARE(ns->owner, std::optional<std::uint64_t>(nsInode(::getpid(), "user")));
        QCOMPARE(ns->dev, std::uint64_t([] {
                     struct stat st;
                     ::stat("/proc/self/ns/net", &st);
                     return st.st_dev;
                 }()));
        // Interfaces and addresses as `ip -j addr` reports them.
        QProcess ip;
        ip.start("ip", {"-j", "-n", name, "addr"});
        QVERIFY(ip.waitForFinished(20000));
        const QJsonArray links = QJsonDocument::fromJson(ip.readAllStandardOutput()).array();
        QVERIFY(!links.isEmpty());
        QVERIFY(ns->details.interfaces);
        QCOMPARE(ns->details.interfaces->size(), std::size_t(links.size()));
        for (int i = 0; i < links.size(); ++i) {
            const QJsonObject l = links[i].toObject();
            const NetInterface& mine = ns->details.interfaces->at(i);
            QCOMPARE(QString::fromStdString(mine.name), l["ifname"].toString());
            QCOMPARE(mine.up, l["flags"].toArray().contains("UP"));
            QStringList want;
            for (const QJsonValue a : l["addr_info"].toArray())
                want << QStringLiteral("%1/%2")
                            .arg(a["local"].toString())
                            .arg(a["prefixlen"].toInt());
            QStringList got;
            for (const std::string& a : mine.addresses)
                got << QString::fromStdString(a);
            want.sort();
            got.sort();
            QCOMPARE(got, want);
        }
        const auto& lo = ns->details.interfaces->at(0);
        QCOMPARE(lo.name, std::string("lo"));
        QVERIFY(lo.up);
        QVERIFY(std::find(lo.addresses.begin(), lo.addresses.end(), "127.0.0.1/8") !=
                lo.addresses.end());
    }

    void fdHeldNetns()
    {
        // A process makes a network namespace; a process in ours opens it as fd 3 and keeps
        // it; the first one dies, so only the descriptor holds the namespace.
        Guard maker{spawn({"unshare", "-n", "sleep", "1000"})};
        QTRY_VERIFY_WITH_TIMEOUT(commOf(maker.pid) == "sleep" &&
                                     nsInode(maker.pid, "net") != nsInode(::getpid(), "net"),
                                 20000);
        const std::uint64_t ino = nsInode(maker.pid, "net");
        Guard holder{
            spawn({"sh", "-c",
                   QStringLiteral("exec 3</proc/%1/ns/net; exec sleep 1000").arg(maker.pid)})};
        QTRY_VERIFY_WITH_TIMEOUT(commOf(holder.pid) == "sleep" &&
                                     inodeOf(QStringLiteral("/proc/%1/fd/3").arg(holder.pid)) ==
                                         ino,
                                 20000);
        ::kill(maker.pid, SIGKILL);
        ::waitpid(maker.pid, nullptr, 0);
        maker.pid = 0;
        const Snapshot s = scan();
        const Namespace* ns = s.findNamespace(NsType::Net, ino);
        QVERIFY(ns);
        QVERIFY(ns->processes.empty());
        Reference want;
        want.kind = Reference::Kind::Fd;
        want.pid = holder.pid;
        want.fd = 3;
        QVERIFY(std::find(ns->references.begin(), ns->references.end(), want) !=
                ns->references.end());
        QCOMPARE(ns->owner, std::optional<std::uint64_t>(nsInode(::getpid(), "user")));
        QVERIFY(ns->details.interfaces); // read through the descriptor's namespace
        QVERIFY(!ns->launcher);
    }

    void threadInOwnUts()
    {
        std::mutex m;
        std::condition_variable cv;
        bool ready = false, done = false;
        int tid = 0, rc = -1;
        const QByteArray host = "nsxthread" + QByteArray::number(::getpid());
        std::thread t([&] {
            int r = ::unshare(CLONE_NEWUTS);
            if (r == 0)
                r = ::sethostname(host.constData(), host.size());
            std::unique_lock lock(m);
            rc = r;
            tid = static_cast<int>(::syscall(SYS_gettid));
            ready = true;
            cv.notify_all();
            cv.wait(lock, [&] { return done; });
        });
        struct Join
        {
            std::thread& t;
            std::mutex& m;
            std::condition_variable& cv;
            bool& done;
            ~Join()
            {
                {
                    std::lock_guard lock(m);
                    done = true;
                }
                cv.notify_all();
                t.join();
            }
        } join{t, m, cv, done};
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return ready; });
        }
        QCOMPARE(rc, 0);
        const std::uint64_t ino =
            inodeOf(QStringLiteral("/proc/%1/task/%2/ns/uts").arg(::getpid()).arg(tid));
        QVERIFY(ino && ino != nsInode(::getpid(), "uts"));
        const Snapshot s = scan();
        const Namespace* ns = s.findNamespace(NsType::Uts, ino);
        QVERIFY(ns);
        QVERIFY(ns->processes.empty());
        QCOMPARE(ns->threads, std::vector<int>{tid});
        QCOMPARE(ns->details.hostname, std::optional<std::string>(host.toStdString()));
        // Scanners' worker threads (they setns into other namespaces) must never show as
        // loose threads, even when two scans run at once in this process.
        Snapshot other;
        std::thread second([&] { other = scan(); });
        const Snapshot again = scan();
        second.join();
        for (const Snapshot* snap : std::array<const Snapshot*, 3>{&s, &again, &other})
            for (const Namespace& n : snap->namespaces)
                for (int th : n.threads)
                    // Any other loose thread must not be one of ours (the UTS thread is the
                    // only thread of this process outside its namespaces).
                    QVERIFY2(th == tid || tgidOf(th) != ::getpid(),
                             qPrintable(QStringLiteral("unexpected loose thread %1").arg(th)));
        for (const Snapshot* snap : std::array<const Snapshot*, 2>{&again, &other}) {
            const Namespace* n = snap->findNamespace(NsType::Uts, ino);
            QVERIFY(n);
            QCOMPARE(n->threads, std::vector<int>{tid});
            // Nor are the namespace descriptors the other scan holds while it works: this
            // process holds none of its own.
            for (const Namespace& ns : snap->namespaces)
                for (const Reference& r : ns.references)
                    QVERIFY2(r.kind != Reference::Kind::Fd || r.pid != ::getpid(),
                             qPrintable(QStringLiteral("own fd %1 reported").arg(r.fd)));
        }
    }

    void timeNamespace()
    {
        Guard g{spawn({"unshare", "-T", "--boottime", "1000", "--monotonic", "500", "--fork",
                       "--kill-child", "sleep", "1000"})};
        int sleeper = 0;
        QTRY_VERIFY_WITH_TIMEOUT((sleeper = findDescendant(g.pid, "sleep", "time")) != 0, 20000);
        const Snapshot s = scan();
        const Namespace* ns = nsOf(s, NsType::Time, sleeper, "time");
        QVERIFY(ns);
        QVERIFY(contains(ns->processes, sleeper));
        QCOMPARE(ns->details.monotonicOffset, std::optional<TimeOffset>(TimeOffset{500, 0}));
        QCOMPARE(ns->details.boottimeOffset, std::optional<TimeOffset>(TimeOffset{1000, 0}));
        const QByteArray kernel = readAll(QStringLiteral("/proc/%1/timens_offsets").arg(sleeper));
        QVERIFY(kernel.contains("500"));
        QVERIFY(ns->launcher);
        QCOMPARE(ns->launcher->kind, std::string("unshare"));
        QCOMPARE(ns->launcher->pid, std::optional<int>(g.pid));
        // The initial time namespace reads zero offsets.
        const Namespace* ours = nsOf(s, NsType::Time, ::getpid(), "time");
        QCOMPARE(ours->details.monotonicOffset, std::optional<TimeOffset>(TimeOffset{0, 0}));
    }

    void hostnameInUts()
    {
        const QString host = QStringLiteral("nsxhost%1").arg(::getpid());
        Guard g{spawn({"unshare", "-u", "sh", "-c",
                       QStringLiteral("hostname %1 && exec sleep 1000").arg(host)})};
        QTRY_VERIFY_WITH_TIMEOUT(commOf(g.pid) == "sleep", 20000);
        const Snapshot s = scan();
        const Namespace* ns = nsOf(s, NsType::Uts, g.pid, "uts");
        QVERIFY(ns);
        QCOMPARE(ns->processes, std::vector<int>{g.pid});
        QCOMPARE(ns->details.hostname, std::optional<std::string>(host.toStdString()));
        struct utsname u;
        ::uname(&u);
        QCOMPARE(ns->details.domainname, std::optional<std::string>(u.domainname));
        const Namespace* ours = nsOf(s, NsType::Uts, ::getpid(), "uts");
        QCOMPARE(ours->details.hostname, std::optional<std::string>(u.nodename));
        QCOMPARE(s.hostname, std::string(u.nodename));
    }

    // The kernel gives a freed namespace inode to the next new namespace (the lowest free
    // number); the id (NS_GET_ID, Linux 6.18) tells the two apart. Every namespace the scanner
    // could open carries the kernel's id, first scan and later ones (memo paths) alike.
    void idsTellAReusedInodeApart()
    {
        if (nsIdOfPath("/proc/self/ns/uts") == 0)
            QSKIP("NS_GET_ID needs Linux 6.18");
        Scanner scanner; // reused, as the GUI's poller does
        // The uts namespaces made so far, inode -> id. Each is gone before the next is made,
        // so its inode is free for the next one, unless namespaces made elsewhere on the
        // machine take it first: then again, until one comes back or the budget is spent.
        std::map<std::uint64_t, std::uint64_t> idByInode;
        int attempts = 0;
        for (const QDeadlineTimer deadline = nsx::test::busyMachineDeadline();
             !deadline.hasExpired();) {
            ++attempts;
            Guard g{spawn({"unshare", "-u", "-m", "-p", "-f", "--kill-child", "sleep", "1000"})};
            int child = 0;
            QTRY_VERIFY_WITH_TIMEOUT((child = findDescendant(g.pid, "sleep", "pid")) != 0, 20000);
            for (int k = 0; k < 2; ++k) {
                const Snapshot s = scanner.scan();
                for (const char* type : {"uts", "mnt", "pid"}) {
                    const Namespace* ns = nsOf(s, *nsTypeFromString(type), child, type);
                    QVERIFY2(ns, type);
                    const auto kernel =
                        nsIdOfPath(QStringLiteral("/proc/%1/ns/%2").arg(child).arg(type));
                    QVERIFY2(kernel != 0, type);
                    QCOMPARE(ns->id, std::optional<std::uint64_t>(kernel));
                }
            }
            const std::uint64_t ino = nsInode(child, "uts");
            const std::uint64_t id = nsIdOfPath(QStringLiteral("/proc/%1/ns/uts").arg(child));
            if (auto seen = idByInode.find(ino); seen != idByInode.end()) {
                QVERIFY(id != seen->second);
                return;
            }
            idByInode.emplace(ino, id);
        }
        QFAIL(qPrintable(QStringLiteral("no uts inode was handed out again in %1 attempts (%2 s): "
                                        "namespaces made elsewhere took them")
                             .arg(attempts)
                             .arg(nsx::test::kBusyMachineBudget.count())));
    }

    // uid and NSpid of every process against /proc/PID/status read here (the scanner takes
    // them from a pidfd and the pid link for processes of its own pid namespace), for a new
    // Scanner and a reused one: processes in nested pid namespaces, one run as nobody.
    void identityAsStatusSaysIt()
    {
        Guard nested{spawn({"unshare", "--fork", "--kill-child", "--pid", "sleep", "1000"})};
        Guard nobody{spawn({"setpriv", "--pdeathsig", "keep", "--reuid=65534", "--regid=65534",
                            "--clear-groups", "sleep", "1000"})};
        int inner = 0;
        QTRY_VERIFY_WITH_TIMEOUT((inner = findDescendant(nested.pid, "sleep", "pid")) != 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(commOf(nobody.pid) == "sleep", 20000);
        const auto startOf = [](int pid) -> std::uint64_t {
            const QByteArray st = readAll(QStringLiteral("/proc/%1/stat").arg(pid));
            const QList<QByteArray> f = st.mid(st.lastIndexOf(')') + 2).split(' ');
            return f.size() > 19 ? f[19].toULongLong() : 0; // field 22 of stat
        };
        struct Identity
        {
            std::optional<std::uint32_t> euid;
            std::vector<int> nspid;
            std::uint64_t start = 0;
        };
        const auto identityOf = [&](int pid) {
            Identity id;
            const QByteArray status = readAll(QStringLiteral("/proc/%1/status").arg(pid));
            for (const QByteArray& line : status.split('\n')) {
                const QList<QByteArray> f = line.simplified().split(' ');
                if (f.value(0) == "Uid:" && f.size() >= 3)
                    id.euid = f[2].toUInt();
                else if (f.value(0) == "NSpid:")
                    for (int k = 1; k < f.size(); ++k)
                        id.nspid.push_back(f[k].toInt());
            }
            id.start = startOf(pid);
            return id;
        };
        Scanner reused;
        for (int round = 0; round < 3; ++round) {
            // Before and after the scan: processes of tests running meanwhile may change their
            // uid (setpriv, nsexplorer-helper); only those that kept it are compared.
            std::map<int, Identity> before;
            for (const QString& name : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
                if (const int pid = name.toInt(); pid > 0)
                    before[pid] = identityOf(pid);
            const Snapshot s = round == 0 ? Scanner().scan() : reused.scan();
            int compared = 0;
            bool sawInner = false, sawNobody = false;
            for (const Process& p : s.processes) {
                const Identity now = identityOf(p.pid);
                const auto was = before.find(p.pid);
                // Only the very process the scan saw, there before and after with one uid.
                if (!now.euid || now.start != p.startTime || was == before.end() ||
                    was->second.start != now.start || was->second.euid != now.euid)
                    continue;
                const std::optional<std::uint32_t> euid = now.euid;
                const std::vector<int>& nspid = now.nspid;
                QCOMPARE(p.uid, euid);
                QVERIFY(p.nspid);
                QCOMPARE(*p.nspid, nspid);
                ++compared;
                sawInner |= p.pid == inner;
                sawNobody |= p.pid == nobody.pid;
            }
            QVERIFY(compared > 10);
            QVERIFY(sawInner && sawNobody);
            const Process* in = s.findProcess(inner);
            QVERIFY(in && in->nspid && in->nspid->size() == 2 && in->nspid->back() == 1);
            QCOMPARE(s.findProcess(nobody.pid)->uid, std::optional<std::uint32_t>(65534));
        }
    }

    void ipcObjects()
    {
        Guard g{spawn({"unshare", "-i", "sh", "-c",
                       "ipcmk -Q >/dev/null && ipcmk -Q >/dev/null && ipcmk -M 4096 >/dev/null "
                       "&& ipcmk -S 2 >/dev/null && exec sleep 1000"})};
        QTRY_VERIFY_WITH_TIMEOUT(commOf(g.pid) == "sleep", 20000);
        const Snapshot s = scan();
        const Namespace* ns = nsOf(s, NsType::Ipc, g.pid, "ipc");
        QVERIFY(ns);
        QVERIFY(ns->inode != nsInode(::getpid(), "ipc"));
        QCOMPARE(ns->details.msgQueues, std::optional<std::int64_t>(2));
        QCOMPARE(ns->details.shmSegments, std::optional<std::int64_t>(1));
        QCOMPARE(ns->details.semaphoreSets, std::optional<std::int64_t>(1));
        // Nothing leaked into ours from there.
        const Namespace* ours = nsOf(s, NsType::Ipc, ::getpid(), "ipc");
        QVERIFY(ours->details.msgQueues);
    }

    void cgroupNamespace()
    {
        // A process moved into a fresh cgroup, then unshared a cgroup namespace there: the
        // namespace's root is that cgroup, as seen from here.
        const QByteArray own = readAll("/proc/self/cgroup");
        if (!own.contains("0::"))
            QSKIP("no unified cgroup hierarchy");
        const QString mountPoint = cgroup2MountPoint();
        if (mountPoint.isEmpty())
            QSKIP("cgroup2 is not mounted");
        const QString name = QStringLiteral("nsxscan%1").arg(::getpid());
        const QString dir = mountPoint + "/" + name;
        if (!QDir().mkdir(dir))
            QSKIP("cannot create a cgroup here");
        struct Rm
        {
            QString d;
            ~Rm() { QDir().rmdir(d); }
        } rm{dir};
        Guard g{spawn(
            {"sh", "-c",
             QStringLiteral("echo $$ > %1/cgroup.procs && exec unshare -C sleep 1000").arg(dir)})};
        QTRY_VERIFY_WITH_TIMEOUT(commOf(g.pid) == "sleep" &&
                                     nsInode(g.pid, "cgroup") != nsInode(::getpid(), "cgroup"),
                                 20000);
        const Snapshot s = scan();
        const Namespace* ns = nsOf(s, NsType::Cgroup, g.pid, "cgroup");
        QVERIFY(ns);
        const QByteArray seen = readAll(QStringLiteral("/proc/%1/cgroup").arg(g.pid));
        QVERIFY(seen.contains("0::/"));
        QCOMPARE(ns->details.cgroupRoot, std::optional<std::string>("/" + name.toStdString()));
        const Namespace* ours = nsOf(s, NsType::Cgroup, ::getpid(), "cgroup");
        QCOMPARE(ours->details.cgroupRoot, std::optional<std::string>("/"));
        // A reused Scanner takes the root over from its last scan (by namespace id): the same.
        Scanner reused;
        for (int i = 0; i < 3; ++i) {
            const Snapshot again = reused.scan();
            const Namespace* same = nsOf(again, NsType::Cgroup, g.pid, "cgroup");
            QVERIFY(same);
            QCOMPARE(same->details.cgroupRoot, ns->details.cgroupRoot);
            QCOMPARE(nsOf(again, NsType::Cgroup, ::getpid(), "cgroup")->details.cgroupRoot,
                     std::optional<std::string>("/"));
        }
    }
};

QTEST_GUILESS_MAIN(TestScannerLive)
#include "tst_scanner_live.moc"
