// The scanner over a fixture /proc tree built in a temporary folder: what a live system
// rarely stages. A comm with ')', spaces, a newline, escape codes and invalid UTF-8;
// truncated and empty files; a pid directory whose files are gone (the process vanished
// between readdir and open); a kernel without NSpid and without time namespaces; a loose
// thread; a namespace held by an fd and one by a bind mount. Namespace links are plain
// symlinks whose text is what the kernel would show ("net:[4026531833]").
#include "scanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace nsx::backend;

namespace {

constexpr std::uint64_t kInit[kNsTypeCount] = {4026531835, 4026531839, 4026531832, 4026531833,
                                               4026531836, 4026531834, 4026531837, 4026531838};
const QByteArray kHostile("a) b\n\x1b[31mc\xff\xfe ");

QByteArray statOf(int pid, const QByteArray& comm, int ppid, int threads, quint64 start)
{
    return QByteArray::number(pid) + " (" + comm + ") S " + QByteArray::number(ppid) +
           " 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 " + QByteArray::number(threads) + " 0 " +
           QByteArray::number(start) +
           " 1000 10 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 "
           "17 0 0 0 0 0 0\n";
}

QByteArray statusOf(int pid, int uid, bool nspid = true)
{
    QByteArray s = "Name:\tx\nState:\tS (sleeping)\nTgid:\t" + QByteArray::number(pid) +
                   "\nPid:\t" + QByteArray::number(pid) + "\nUid:\t" + QByteArray::number(uid) +
                   "\t" + QByteArray::number(uid) + "\t" + QByteArray::number(uid) + "\t" +
                   QByteArray::number(uid) + "\n";
    if (nspid)
        s += "NSpid:\t" + QByteArray::number(pid) + "\n";
    return s + "VmRSS:\t100 kB\n";
}

class Fixture
{
public:
    explicit Fixture(const QString& root) : m_root(root) {}
    bool file(const QString& rel, const QByteArray& content)
    {
        const QString path = m_root + "/" + rel;
        if (!QDir().mkpath(QFileInfo(path).path()))
            return false;
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }
    bool link(const QString& rel, const QByteArray& target)
    {
        const QString path = m_root + "/" + rel;
        QDir().mkpath(QFileInfo(path).path());
        return ::symlink(target.constData(), QFile::encodeName(path).constData()) == 0;
    }
    bool dir(const QString& rel) { return QDir().mkpath(m_root + "/" + rel); }
    // Eight ns links; overrides by type index, 0 = leave the link out.
    bool nsLinks(const QString& prefix, std::array<std::uint64_t, kNsTypeCount> inodes)
    {
        for (NsType t : kAllNsTypes) {
            if (!inodes[index(t)])
                continue;
            const QByteArray name = QByteArray(toString(t).data(), toString(t).size());
            if (!link(prefix + "/ns/" + name,
                      name + ":[" + QByteArray::number(qulonglong(inodes[index(t)])) + "]"))
                return false;
        }
        return true;
    }
    static std::array<std::uint64_t, kNsTypeCount> init()
    {
        std::array<std::uint64_t, kNsTypeCount> a{};
        for (std::size_t i = 0; i < kNsTypeCount; ++i)
            a[i] = kInit[i];
        return a;
    }

private:
    QString m_root;
};

bool hasError(const Snapshot& s, int pid, const std::string& pathEnd, const std::string& error)
{
    for (const ScanError& e : s.errors)
        if (e.pid == pid && e.error == error && e.path.size() >= pathEnd.size() &&
            e.path.compare(e.path.size() - pathEnd.size(), pathEnd.size(), pathEnd) == 0)
            return true;
    return false;
}

} // namespace

class TestScannerFixture : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Snapshot m_snap;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Fixture f(m_dir.path());
        // 1: init, everything well formed; its mount table has an nsfs bind mount.
        QVERIFY(f.file("1/stat", statOf(1, "init", 0, 1, 10)));
        QVERIFY(f.file("1/status", statusOf(1, 0)));
        QVERIFY(f.file("1/cmdline", QByteArray("/sbin/init\0splash\0", 18)));
        QVERIFY(f.nsLinks("1", Fixture::init()));
        QVERIFY(f.link("1/ns/time_for_children", "time:[4026531834]"));
        QVERIFY(f.file("1/mountinfo",
                       "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
                       "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
                       "300 27 0:4 net:[4026532777] /run/netns/blue\\040sky rw - nsfs nsfs rw\n"));
        QVERIFY(f.file("1/cgroup", "0::/\n"));
        QVERIFY(f.file("1/uid_map", "         0          0 4294967295\n"));
        QVERIFY(f.file("1/gid_map", "         0          0 4294967295\n"));
        QVERIFY(f.file("1/timens_offsets", "monotonic 5 0\nboottime 7 250000000\n"));
        QVERIFY(f.dir("1/fd"));

        // 42: hostile comm, started by bwrap (47), in its own UTS namespace.
        QVERIFY(f.file("42/stat", statOf(42, kHostile, 47, 1, 500)));
        QVERIFY(f.file("42/status", statusOf(42, 1000)));
        QVERIFY(f.file("42/cmdline", QByteArray("\x1b]0;title\x07\0--x\0", 15)));
        auto uts = Fixture::init();
        uts[index(NsType::Uts)] = 4026532500;
        QVERIFY(f.nsLinks("42", uts));
        QVERIFY(f.file("42/cgroup", "0::/user.slice/app.scope\n"));

        // 43: stat cut short after a few fields.
        QVERIFY(f.file("43/stat", "43 (trunc) S 1 43"));
        QVERIFY(f.file("43/status", statusOf(43, 0)));
        QVERIFY(f.nsLinks("43", Fixture::init()));

        // 44: the directory is still there, its files are not: it vanished.
        QVERIFY(f.dir("44"));

        // 45: empty stat and status.
        QVERIFY(f.file("45/stat", ""));
        QVERIFY(f.file("45/status", ""));
        QVERIFY(f.file("45/cmdline", ""));
        QVERIFY(f.nsLinks("45", Fixture::init()));

        // 46: a kernel without NSpid and without time namespaces.
        QVERIFY(f.file("46/stat", statOf(46, "old kernel", 1, 1, 600)));
        QVERIFY(f.file("46/status", statusOf(46, 0, false)));
        auto noTime = Fixture::init();
        noTime[index(NsType::Time)] = 0;
        QVERIFY(f.nsLinks("46", noTime));

        // 47: bwrap with two threads; thread 48 unshared its UTS namespace.
        QVERIFY(f.file("47/stat", statOf(47, "bwrap", 1, 2, 400)));
        QVERIFY(f.file("47/status", statusOf(47, 0)));
        QVERIFY(f.file("47/cmdline", QByteArray("bwrap\0", 6)));
        QVERIFY(f.nsLinks("47", Fixture::init()));
        QVERIFY(f.nsLinks("47/task/47", Fixture::init()));
        auto threadUts = Fixture::init();
        threadUts[index(NsType::Uts)] = 4026532600;
        QVERIFY(f.nsLinks("47/task/48", threadUts));

        // 49: holds a network namespace by fd 3, next to ordinary descriptors.
        QVERIFY(f.file("49/stat", statOf(49, "holder", 1, 1, 700)));
        QVERIFY(f.file("49/status", statusOf(49, 0)));
        QVERIFY(f.nsLinks("49", Fixture::init()));
        QVERIFY(f.link("49/fd/3", "net:[4026532999]"));
        QVERIFY(f.link("49/fd/4", "/dev/null"));
        QVERIFY(f.link("49/fd/5", "socket:[12345]"));
        QVERIFY(f.link("49/fd/6", "anon_inode:[eventfd]"));
        QVERIFY(f.link("49/fd/7", "pipe:[777]"));
        QVERIFY(f.link("49/fd/12", "pid:[4026532998]"));

        // Not processes.
        QVERIFY(f.dir("0012"));
        QVERIFY(f.dir("self-test"));
        QVERIFY(f.file("uptime", "1.0 1.0\n"));

        ScanOptions o;
        o.procRoot = m_dir.path().toStdString();
        Scanner scanner(o);
        m_snap = scanner.scan();
    }

    void processList()
    {
        std::vector<int> pids;
        for (const Process& p : m_snap.processes)
            pids.push_back(p.pid);
        QCOMPARE(pids, (std::vector<int>{1, 42, 43, 45, 46, 47, 49}));
        // The vanished process is skipped silently.
        for (const ScanError& e : m_snap.errors)
            QVERIFY2(e.pid != 44, e.path.c_str());
        QVERIFY(!m_snap.complete);
    }

    void hostileComm()
    {
        const Process* p = m_snap.findProcess(42);
        QVERIFY(p);
        QCOMPARE(QByteArray::fromStdString(p->comm), kHostile);
        QCOMPARE(p->ppid, 47);
        QCOMPARE(p->state, 'S');
        QCOMPARE(p->startTime, std::uint64_t(500));
        QCOMPARE(p->uid.value_or(0), 1000u);
        QCOMPARE(p->cmdline.size(), std::size_t(2));
        QCOMPARE(QByteArray::fromStdString(p->cmdline[0]), QByteArray("\x1b]0;title\x07"));
        QCOMPARE(p->nspid, (std::optional<std::vector<int>>{{42}}));
    }

    void truncatedAndEmpty()
    {
        const Process* t = m_snap.findProcess(43);
        QVERIFY(t);
        QCOMPARE(t->comm, std::string("trunc"));
        QCOMPARE(t->ppid, 1);
        QVERIFY(hasError(m_snap, 43, "/43/stat", "truncated"));
        // Its namespaces were still read.
        QCOMPARE(t->namespaces[index(NsType::Net)], std::optional<std::uint64_t>(4026531833));

        const Process* e = m_snap.findProcess(45);
        QVERIFY(e);
        QVERIFY(hasError(m_snap, 45, "/45/stat", "empty"));
        QVERIFY(hasError(m_snap, 45, "/45/status", "empty"));
        QVERIFY(e->cmdline.empty());
        QVERIFY(!e->nspid);
        // Without a Uid line the owner of the pid directory stands in.
        QCOMPARE(e->uid, std::optional<std::uint32_t>(::geteuid()));
    }

    void oldKernel()
    {
        const Process* p = m_snap.findProcess(46);
        QVERIFY(p);
        QCOMPARE(p->comm, std::string("old kernel"));
        QVERIFY(!p->nspid);
        QVERIFY(!p->namespaces[index(NsType::Time)]);
        QCOMPARE(p->namespaces[index(NsType::Pid)], std::optional<std::uint64_t>(4026531836));
        QVERIFY(!hasError(m_snap, 46, "/46/ns/time", "ENOENT"));
        const Namespace* time = m_snap.findNamespace(NsType::Time, 4026531834);
        QVERIFY(time);
        QVERIFY(std::find(time->processes.begin(), time->processes.end(), 46) ==
                time->processes.end());
    }

    void membership()
    {
        const Namespace* net = m_snap.findNamespace(NsType::Net, 4026531833);
        QVERIFY(net);
        QCOMPARE(net->processes, (std::vector<int>{1, 42, 43, 45, 46, 47, 49}));
        const Namespace* uts = m_snap.findNamespace(NsType::Uts, 4026532500);
        QVERIFY(uts);
        QCOMPARE(uts->processes, std::vector<int>{42});
        QVERIFY(uts->threads.empty());
        // Every namespace type present, sorted by (type, inode).
        for (std::size_t i = 1; i < m_snap.namespaces.size(); ++i)
            QVERIFY(std::tie(m_snap.namespaces[i - 1].type, m_snap.namespaces[i - 1].inode) <
                    std::tie(m_snap.namespaces[i].type, m_snap.namespaces[i].inode));
        QCOMPARE(m_snap.namespaces.size(), std::size_t(8 + 5));
    }

    void looseThread()
    {
        const Namespace* uts = m_snap.findNamespace(NsType::Uts, 4026532600);
        QVERIFY(uts);
        QVERIFY(uts->processes.empty());
        QCOMPARE(uts->threads, std::vector<int>{48});
        // The main thread is not "loose".
        const Namespace* init = m_snap.findNamespace(NsType::Uts, 4026531838);
        QVERIFY(init->threads.empty());
    }

    void references()
    {
        const Namespace* held = m_snap.findNamespace(NsType::Net, 4026532999);
        QVERIFY(held);
        QVERIFY(held->processes.empty());
        QCOMPARE(held->references.size(), std::size_t(1));
        QCOMPARE(held->references[0].kind, Reference::Kind::Fd);
        QCOMPARE(held->references[0].pid, 49);
        QCOMPARE(held->references[0].fd, 3);

        // A pid namespace held by a descriptor ("pid:[…]", next to "pipe:[…]").
        const Namespace* pidHeld = m_snap.findNamespace(NsType::Pid, 4026532998);
        QVERIFY(pidHeld);
        QCOMPARE(pidHeld->references.size(), std::size_t(1));
        QCOMPARE(pidHeld->references[0].fd, 12);

        const Namespace* bound = m_snap.findNamespace(NsType::Net, 4026532777);
        QVERIFY(bound);
        QCOMPARE(bound->references.size(), std::size_t(1));
        QCOMPARE(bound->references[0].kind, Reference::Kind::BindMount);
        QCOMPARE(bound->references[0].path, std::string("/run/netns/blue sky"));
    }

    void fileDetails()
    {
        const Namespace* mnt = m_snap.findNamespace(NsType::Mnt, 4026531832);
        QVERIFY(mnt);
        QCOMPARE(mnt->details.mounts, std::optional<int>(3));
        QCOMPARE(mnt->details.mntRoot, std::optional<std::string>("/dev/vda on / type ext4"));

        const Namespace* user = m_snap.findNamespace(NsType::User, 4026531837);
        QVERIFY(user && user->details.uidMap && user->details.gidMap);
        QCOMPARE(*user->details.uidMap, (std::vector<IdMapEntry>{{0, 0, 4294967295ull}}));

        const Namespace* time = m_snap.findNamespace(NsType::Time, 4026531834);
        QVERIFY(time && time->details.monotonicOffset && time->details.boottimeOffset);
        QCOMPARE(*time->details.monotonicOffset, (TimeOffset{5, 0}));
        QCOMPARE(*time->details.boottimeOffset, (TimeOffset{7, 250000000}));

        const Namespace* pid = m_snap.findNamespace(NsType::Pid, 4026531836);
        QVERIFY(pid);
        QCOMPARE(pid->details.init, std::optional<int>(1));
        QCOMPARE(pid->details.level, std::optional<int>(0));

        // Namespaces that would need setns or an ioctl on a real nsfs file stay unknown.
        const Namespace* uts = m_snap.findNamespace(NsType::Uts, 4026531838);
        QVERIFY(!uts->details.hostname);
        QVERIFY(!uts->owner);
    }

    void launcher()
    {
        const Namespace* uts = m_snap.findNamespace(NsType::Uts, 4026532500);
        QVERIFY(uts && uts->launcher);
        QCOMPARE(uts->launcher->pid, std::optional<int>(47));
        QCOMPARE(uts->launcher->comm, std::string("bwrap"));
        QCOMPARE(uts->launcher->kind, std::string("bwrap"));
        const Namespace* init = m_snap.findNamespace(NsType::Uts, 4026531838);
        QVERIFY(!init->launcher);
    }

    void missingRoot()
    {
        ScanOptions o;
        o.procRoot = (m_dir.path() + "/does-not-exist").toStdString();
        Snapshot s = Scanner(o).scan();
        QVERIFY(!s.complete);
        QCOMPARE(s.errors.size(), std::size_t(1));
        QCOMPARE(s.errors[0].error, std::string("ENOENT"));
        QVERIFY(s.processes.empty());
    }

    void options()
    {
        ScanOptions o;
        o.procRoot = m_dir.path().toStdString();
        o.threads = false;
        o.fds = false;
        o.mounts = false;
        o.details = false;
        Snapshot s = Scanner(o).scan();
        QCOMPARE(s.processes.size(), m_snap.processes.size());
        QVERIFY(!s.findNamespace(NsType::Uts, 4026532600));
        QVERIFY(!s.findNamespace(NsType::Net, 4026532999));
        QVERIFY(!s.findNamespace(NsType::Net, 4026532777));
        QVERIFY(!s.findNamespace(NsType::Mnt, 4026531832)->details.mounts);
    }
};

QTEST_GUILESS_MAIN(TestScannerFixture)
#include "tst_scanner_fixture.moc"
