// The inputs the GUI and the CLI take from others, each attacked as an attacker would:
//   deep*        a snapshot file whose parent chains are 200,000 deep (processes, user and pid
//                namespaces): the model, the main window's File > Open and the CLI survive it
//   bidi*        a process (live, as root) whose comm, command line and hostname hold U+202E and
//                other invisible format characters: the CLI's text output and the GUI's cells,
//                details and filter show them escaped; JSON keeps the bytes
//   fifo*        --from / File > Open / Compare on a FIFO, /dev/zero, a directory: refused at
//                once (a regression fails by the timeout instead of hanging)
//   rootEnv*     a root GUI given NSX_HELPER / TERMINAL / PATH by a user (sudo -E) does not run
//                the user's files
//   fakeHelper*  a process of uid 65534 named nsexplorer-helper is no "nsexplorer" container and
//                cannot be stopped as one; a real helper launch still is
#include "details_pane.h"
#include "filter_proxy.h"
#include "launch_dialog.h"
#include "launch_request.h"
#include "main_window.h"
#include "namespace_models.h"
#include "roles.h"
#include "scanner.h"
#include "snapshot_io.h"
#include "terminal_emulator.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace nsx;
namespace Role = nsx::model::Role;

namespace {

// A scan as the GUI and the CLI make it: knowing the helper they would start (the build tree
// may sit below /tmp, where only the executable's identity tells our helper apart).
backend::Snapshot scanKnowingOurHelper()
{
    backend::ScanOptions o;
    o.helperPath = backend::findHelper(QCoreApplication::applicationFilePath().toStdString());
    return backend::Scanner(o).scan();
}

// 200,000 in the ordinary build (the depth of the report); the sanitizer build, ~15x slower
// on these paths, uses 20,000: still 20 times the views' nesting cap, and deeper than the
// stack the old recursive code survived there.
#ifdef NSX_DEEP_CHAIN
constexpr int kDeep = NSX_DEEP_CHAIN;
#else
constexpr int kDeep = 200000;
#endif
constexpr int kMaxDepth = 1000; // what the views nest at most (model::Layout::kMaxDepth)
const QByteArray kRlo = QByteArrayLiteral("\xe2\x80\xae"); // U+202E RIGHT-TO-LEFT OVERRIDE

bool isRoot()
{
    return ::geteuid() == 0;
}

struct Run
{
    int status = -1; // exit code; -1 = did not finish in time (killed)
    QByteArray out, err;
};

// nsexplorer-cli with a deadline: a regression that blocks fails instead of hanging ctest.
Run cli(const QStringList& args, int timeoutMs = 60000, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(NSX_CLI_PATH), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err =
            "(killed after " + QByteArray::number(timeoutMs) + " ms) " + p.readAllStandardError();
        return r;
    }
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 128 + p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

backend::Namespace makeNs(backend::NsType type, std::uint64_t inode)
{
    backend::Namespace ns;
    ns.type = type;
    ns.inode = inode;
    ns.dev = 4;
    return ns;
}

// 200,000 processes each the parent of the next, a 200,000-deep user-namespace parent chain
// (each owning the next) and a pid-namespace chain as deep: what a crafted file can hold.
backend::Snapshot deepSnapshot(int depth)
{
    backend::Snapshot s;
    s.takenAt = "2026-12-02T07:00:00Z";
    s.hostname = "deep";
    s.kernel = "6.18";
    const std::uint64_t base = 4026531840u;
    std::array<std::uint64_t, backend::kNsTypeCount> host{};
    for (backend::NsType t : backend::kAllNsTypes) {
        host[backend::index(t)] = base + backend::index(t);
        s.namespaces.push_back(makeNs(t, host[backend::index(t)]));
    }
    for (int i = 1; i <= depth; ++i) {
        backend::Process p;
        p.pid = i;
        p.ppid = i - 1;
        p.comm = "p" + std::to_string(i);
        p.cmdline = {p.comm};
        p.uid = 0;
        p.startTime = std::uint64_t(i);
        // One namespace only: By type lists a process under each of its namespaces, and one
        // chain of 200,000 is the point, not eight.
        p.namespaces[backend::index(backend::NsType::Net)] =
            host[backend::index(backend::NsType::Net)];
        s.processes.push_back(std::move(p));
    }
    for (auto& ns : s.namespaces)
        if (ns.type == backend::NsType::Net)
            for (int i = 1; i <= depth; ++i)
                ns.processes.push_back(i);
    // The chains: user namespace k's parent (and owner) is k-1, pid namespace k's parent k-1.
    const std::uint64_t userBase = 5000000000u, pidBase = 6000000000u;
    std::uint64_t upUser = host[backend::index(backend::NsType::User)];
    std::uint64_t upPid = host[backend::index(backend::NsType::Pid)];
    for (int k = 0; k < depth; ++k) {
        auto u = makeNs(backend::NsType::User, userBase + k);
        u.parent = u.owner = upUser;
        u.ownerUid = 0;
        upUser = u.inode;
        s.namespaces.push_back(std::move(u));
        auto p = makeNs(backend::NsType::Pid, pidBase + k);
        p.parent = upPid;
        p.owner = userBase + k;
        upPid = p.inode;
        s.namespaces.push_back(std::move(p));
    }
    backend::normalize(s);
    return s;
}

// The deepest row of a model, walked iteratively (a recursive walk is what is under test).
int deepestRow(const QAbstractItemModel& m)
{
    int deepest = 0;
    std::vector<std::pair<QModelIndex, int>> todo{{QModelIndex(), 0}};
    while (!todo.empty()) {
        auto [parent, depth] = todo.back();
        todo.pop_back();
        deepest = std::max(deepest, depth);
        for (int r = 0; r < m.rowCount(parent); ++r)
            todo.emplace_back(m.index(r, 0, parent), depth + 1);
    }
    return deepest;
}

int countAll(const QAbstractItemModel& m)
{
    int n = 0;
    std::vector<QModelIndex> todo{QModelIndex()};
    while (!todo.empty()) {
        const QModelIndex parent = todo.back();
        todo.pop_back();
        for (int r = 0; r < m.rowCount(parent); ++r) {
            ++n;
            todo.push_back(m.index(r, 0, parent));
        }
    }
    return n;
}

QModelIndex findPid(const QAbstractItemModel& m, int pid)
{
    std::vector<QModelIndex> todo{QModelIndex()};
    while (!todo.empty()) {
        const QModelIndex parent = todo.back();
        todo.pop_back();
        for (int r = 0; r < m.rowCount(parent); ++r) {
            const QModelIndex idx = m.index(r, 0, parent);
            if (model::RowKind(idx.data(Role::Kind).toInt()) == model::RowKind::Process &&
                idx.data(Role::Pid).toInt() == pid)
                return idx;
            todo.push_back(idx);
        }
    }
    return {};
}

// Characters that reorder or hide text: none may reach a screen raw.
bool hasInvisible(const QString& s)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if ((u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E ||
            u == 0x200F || u == 0x061C || u == 0x200B || u == 0xFEFF || u == 0x2028)
            return true;
    }
    return false;
}
bool hasInvisible(const QByteArray& utf8)
{
    return hasInvisible(QString::fromUtf8(utf8));
}

pid_t forkChild(const std::function<void()>& body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // Nothing of ours may hold ctest's output pipe open after the test (a payload that
        // outlives its killed parent would keep ctest waiting for it).
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        body();
        ::_exit(127);
    }
    return pid;
}

// Children of every thread of pid (/proc/PID/task/TID/children).
QList<pid_t> childrenOf(pid_t pid)
{
    QList<pid_t> out;
    const QString task = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& tid : QDir(task).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(task + "/" + tid + "/children");
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& w : f.readAll().split(' '))
                if (const int c = w.trimmed().toInt(); c > 0)
                    out << c;
    }
    return out;
}

// SIGKILL to pid and everything below it (a helper's reaper and payload, unshare's child).
void stop(pid_t pid)
{
    if (pid <= 0)
        return;
    QList<pid_t> all{pid};
    for (qsizetype i = 0; i < all.size(); ++i)
        all += childrenOf(all[i]);
    for (pid_t p : all)
        ::kill(p, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

QString readComm(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

} // namespace

class InputBoundaryTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_deepFile;

    QString deepFile()
    {
        if (m_deepFile.isEmpty()) {
            const std::string json = backend::toJson(deepSnapshot(kDeep));
            const QString path = m_dir.filePath("deep.json");
            QFile f(path);
            if (f.open(QIODevice::WriteOnly) &&
                f.write(json.data(), qint64(json.size())) == qint64(json.size()))
                m_deepFile = path;
        }
        return m_deepFile;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // ---- item 7: deep parent chains ------------------------------------------------------

    void deepChainModels()
    {
        const QString file = deepFile();
        QVERIFY(!file.isEmpty());
        auto snap = std::make_shared<const backend::Snapshot>(
            backend::loadSnapshotFile(file.toStdString()));
        QCOMPARE(int(snap->processes.size()), kDeep);
        model::ProcessTreeModel procs;
        model::HierarchyModel hier;
        model::ByTypeModel byType;
        for (model::SnapshotTreeModel* m :
             std::initializer_list<model::SnapshotTreeModel*>{&procs, &hier, &byType}) {
            m->setSnapshot(snap);
            QVERIFY2(m->checkInvariants().isEmpty(), qPrintable(m->checkInvariants()));
            // Every row is still shown, only not nested 200,000 deep.
            QVERIFY(countAll(*m) >= kDeep);
            QVERIFY2(deepestRow(*m) <= kMaxDepth + 4, qPrintable(QString::number(deepestRow(*m))));
            // A poll with the same file, then one without it, then back: the row-by-row update.
            m->setSnapshot(snap, model::SnapshotTreeModel::Update::Incremental);
            QVERIFY2(m->checkInvariants().isEmpty(), qPrintable(m->checkInvariants()));
        }
        // The filter's own walk over the model.
        model::NamespaceFilterProxy proxy;
        proxy.setSourceModel(&procs);
        model::FilterState f;
        f.text = QStringLiteral("p%1").arg(kDeep - 1);
        proxy.setFilter(f);
        QVERIFY(proxy.rowCount() > 0);
        procs.clear(); // freeing the nodes must not recurse either
    }

    void deepChainMainWindowOpen()
    {
        const QString file = deepFile();
        QVERIFY(!file.isEmpty());
        gui::MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        auto w = std::make_unique<gui::MainWindow>(o);
        w->show();
        QString error;
        QVERIFY2(w->openSnapshotFile(file, &error), qPrintable(error));
        // Each view syncs (and expands) when it is shown.
        for (auto v : {gui::MainWindow::View::Hierarchy, gui::MainWindow::View::Processes,
                       gui::MainWindow::View::ByType}) {
            w->setCurrentView(v);
            QCoreApplication::processEvents();
        }
        QVERIFY(w->selectProcess(kDeep));
        // Says that rows were not nested as deep as the file has them.
        QString banner;
        for (auto* l : w->findChild<QWidget*>("banner")->findChildren<QLabel*>())
            banner += l->text();
        QVERIFY2(banner.contains(QString::number(kMaxDepth)), qPrintable(banner));
        w.reset();
    }

    void deepChainCli()
    {
        const QString file = deepFile();
        QVERIFY(!file.isEmpty());
        for (const QStringList& args :
             {QStringList{"tree", "--from", file}, QStringList{"tree", "-t", "pid", "--from", file},
              QStringList{"list", "--from", file}, QStringList{"list", "-J", "--from", file}}) {
            const Run r = cli(args, 120000);
            QVERIFY2(r.status == 0, qPrintable(args.join(' ') + ": " + r.err));
            QVERIFY(!r.out.isEmpty());
        }
        const Run d = cli({"diff", file, file}, 120000);
        QVERIFY2(d.status == 0, d.err.constData());
        // Against a shallow snapshot: every difference is listed.
        const QString empty = m_dir.filePath("one.json");
        {
            const std::string json = backend::toJson(deepSnapshot(1));
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(json.data(), qint64(json.size()));
        }
        const Run d2 = cli({"diff", empty, file}, 120000);
        QVERIFY2(d2.status == 1, d2.err.constData());
        // DOT export of the chain.
        const Run dot = cli({"snapshot", "--from", file, "--format", "dot"}, 120000);
        QVERIFY2(dot.status == 0, dot.err.constData());
    }

    // ---- also-A: bidi and invisible characters -----------------------------------------

    void bidiLive()
    {
        if (!isRoot())
            QSKIP("a new uts namespace with a hostname needs root");
        // comm from the name it is executed by, the command line from argv, the hostname set
        // inside a new uts namespace: U+202E in each, as an attacker would name a process.
        const QByteArray link = m_dir.filePath("gpj" + QString::fromUtf8(kRlo) + "exe.sh").toUtf8();
        QVERIFY(::symlink("/bin/sleep", link.constData()) == 0);
        const QByteArray argv0 = "evil" + kRlo + "txt.pdf\xe2\x81\xa6\xe2\x80\x8f";
        const QByteArray host = "host" + kRlo + "lanretni";
        const pid_t child = forkChild([&] {
            if (::unshare(CLONE_NEWUTS) != 0 || ::sethostname(host.constData(), host.size()) != 0)
                ::_exit(126);
            char* const argv[] = {const_cast<char*>(argv0.constData()), const_cast<char*>("600"),
                                  nullptr};
            ::execv(link.constData(), argv);
        });
        auto guard = qScopeGuard([&] { stop(child); });
        QTRY_VERIFY_WITH_TIMEOUT(readComm(child).contains(QString::fromUtf8(kRlo)), 10000);
        const QString pidText = QString::number(child);

        // CLI text output: escaped; JSON: the exact bytes.
        for (const QStringList& args :
             {QStringList{"list"}, QStringList{"tree"}, QStringList{"list", "-t", "uts"}}) {
            const Run r = cli(args);
            QVERIFY2(r.status == 0, r.err.constData());
            QVERIFY2(!hasInvisible(r.out), qPrintable(args.join(' ') + " printed U+202E raw"));
        }
        const Run list = cli({"list", "-t", "uts"});
        QVERIFY2(list.out.contains("evil\\u202etxt.pdf\\u2066\\u200f 600"), list.out.constData());
        const Run tree = cli({"tree"});
        QVERIFY2(tree.out.contains("host\\u202elanretni"), tree.out.constData());
        const Run json = cli({"list", "-J", "-t", "uts"});
        QVERIFY(json.out.contains(argv0));
        const Run snap = cli({"snapshot"});
        QVERIFY(snap.out.contains(argv0));
        QVERIFY(snap.out.contains(host));

        // GUI: cells, tooltips and the details pane; the filter finds the process by what the
        // user sees and by the raw text.
        auto s = std::make_shared<const backend::Snapshot>(backend::Scanner().scan());
        model::ProcessTreeModel procs;
        procs.setSnapshot(s);
        const QModelIndex row = findPid(procs, child);
        QVERIFY(row.isValid());
        bool sawEscape = false;
        for (int c = 0; c < procs.columnCount(row.parent()); ++c) {
            const QModelIndex cell = row.siblingAtColumn(c);
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                const QString text = cell.data(role).toString();
                QVERIFY2(!hasInvisible(text),
                         qPrintable(QStringLiteral("column %1 role %2").arg(c).arg(role)));
                sawEscape = sawEscape || text.contains(QStringLiteral("\\u202e"));
            }
        }
        QVERIFY(sawEscape);
        model::ByTypeModel byType;
        byType.setSnapshot(s);
        std::vector<QModelIndex> todo{QModelIndex()};
        while (!todo.empty()) {
            const QModelIndex p = todo.back();
            todo.pop_back();
            for (int r = 0; r < byType.rowCount(p); ++r)
                for (int c = 0; c < byType.columnCount(p); ++c) {
                    const QModelIndex i = byType.index(r, c, p);
                    QVERIFY(!hasInvisible(i.data(Qt::DisplayRole).toString()));
                    if (c == 0)
                        todo.push_back(i);
                }
        }
        model::NamespaceFilterProxy proxy;
        proxy.setSourceModel(&procs);
        for (const QString& text :
             {QStringLiteral("evil\\u202etxt"), QString::fromUtf8("evil" + kRlo + "txt")}) {
            model::FilterState f;
            f.text = text;
            proxy.setFilter(f);
            QVERIFY2(countAll(proxy) > 0, qPrintable(text));
        }

        gui::MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        gui::MainWindow w(o);
        w.applySnapshot(s);
        QVERIFY(w.selectProcess(child));
        auto* details = w.findChild<gui::DetailsPane*>("details");
        QVERIFY(details);
        QVERIFY2(!hasInvisible(details->toPlainText()), qPrintable(details->toPlainText()));
        QVERIFY(details->toPlainText().contains(QStringLiteral("\\u202e")));
        const backend::Process* entry = s->findProcess(child);
        QVERIFY(entry);
        QVERIFY(entry->namespaces[backend::index(backend::NsType::Uts)]);
        QVERIFY(w.selectNamespace(backend::NsType::Uts,
                                  *entry->namespaces[backend::index(backend::NsType::Uts)]));
        QVERIFY2(!hasInvisible(details->toPlainText()), qPrintable(details->toPlainText()));
        QVERIFY(details->toPlainText().contains(QStringLiteral("host\\u202elanretni")));
    }

    void bidiFixture()
    {
        // A saved snapshot with every kind of invisible character in comm, argv and hostname.
        backend::Snapshot s = deepSnapshot(2);
        const std::string nasty = "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i"
                                  "\u2069j\u200ek\u200fl\u061cm\u200bn\ufeffo\u2028p";
        s.processes[0].comm = "x\u202ey";
        s.processes[0].cmdline = {"cmd", nasty};
        for (auto& ns : s.namespaces)
            if (ns.type == backend::NsType::Uts)
                ns.details.hostname = nasty;
        backend::normalize(s);
        const QString file = m_dir.filePath("bidi.json");
        {
            const std::string json = backend::toJson(s);
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(json.data(), qint64(json.size()));
        }
        for (const QStringList& args :
             {QStringList{"list", "--from", file}, QStringList{"tree", "--from", file}}) {
            const Run r = cli(args);
            QVERIFY2(r.status == 0, r.err.constData());
            QVERIFY2(!hasInvisible(r.out), qPrintable(args.join(' ') + ": raw format character"));
        }
        const Run list = cli({"list", "-t", "net", "--from", file});
        const Run tree = cli({"tree", "--from", file});
        QVERIFY2(tree.out.contains("a\\u202ab\\u202bc"), tree.out.constData());
        QVERIFY2(list.out.contains("a\\u202ab\\u202bc\\u202cd\\u202de\\u202ef\\u2066g\\u2067h"
                                   "\\u2068i\\u2069j\\u200ek\\u200fl\\u061cm\\u200bn\\ufeffo"
                                   "\\u2028p"),
                 list.out.constData());
        // JSON output keeps the bytes (the snapshot contract).
        const Run json = cli({"snapshot", "--from", file});
        QCOMPARE(json.status, 0);
        QCOMPARE(backend::fromJson(json.out.toStdString()), s);
        const Run diff = cli({"diff", file, m_dir.filePath("bidi.json")});
        QCOMPARE(diff.status, 0);
        // The display function itself: the one used by the CLI and the GUI.
        QCOMPARE(backend::displayString("a\u202eb"), std::string("a\\u202eb"));
        QCOMPARE(backend::displayString("\xf3\xa0\x80\x81"), std::string("\\U000e0001"));
        QCOMPARE(backend::displayString("caf\u00e9 \U0001F600"),
                 std::string("caf\u00e9 \U0001F600"));
        QCOMPARE(model::printable("x\u202ey"), QStringLiteral("x\\u202ey"));
        // The GUI's cells for the fixture.
        gui::MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        gui::MainWindow w(o);
        QString error;
        QVERIFY2(w.openSnapshotFile(file, &error), qPrintable(error));
        QVERIFY(w.selectProcess(1));
        auto* details = w.findChild<gui::DetailsPane*>("details");
        QVERIFY(!hasInvisible(details->toPlainText()));
    }

    // ---- also-B: FIFOs and other non-files ----------------------------------------------

    void fifoCli_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("fifo") << "fifo";
        QTest::newRow("/dev/zero") << "zero";
        QTest::newRow("directory") << "dir";
    }
    void fifoCli()
    {
        QFETCH(QString, kind);
        QString path;
        if (kind == "fifo") {
            path = m_dir.filePath("cli.fifo");
            ::unlink(qPrintable(path));
            QVERIFY(::mkfifo(qPrintable(path), 0600) == 0);
        } else if (kind == "zero") {
            path = "/dev/zero";
        } else {
            path = m_dir.path();
        }
        for (const QStringList& args :
             {QStringList{"list", "--from", path}, QStringList{"tree", "--from", path},
              QStringList{"snapshot", "--from", path}, QStringList{"diff", path, path}}) {
            QElapsedTimer t;
            t.start();
            const Run r = cli(args, 10000);
            QVERIFY2(r.status != -1, qPrintable(args.join(' ') + ": blocked; " + r.err));
            // The CLI's conventions: a file it cannot read is a runtime error (exit 1; diff's
            // "trouble" is 2), one line on stderr, nothing on stdout.
            QCOMPARE(r.status, args.first() == "diff" ? 2 : 1);
            QVERIFY2(r.err.count('\n') == 1 && (r.err.contains("not a regular file") ||
                                                (kind == "dir" && r.err.contains("directory"))),
                     r.err.constData());
            QVERIFY(r.out.isEmpty());
            QVERIFY2(t.elapsed() < 5000, qPrintable(args.join(' ')));
        }
        // Standard input stays a pipe the CLI reads.
        const std::string json = backend::toJson(deepSnapshot(1));
        const Run piped = cli({"list", "--from", "-"}, 10000, QByteArray::fromStdString(json));
        QCOMPARE(piped.status, 0);
    }

    void fifoGui()
    {
        const QString path = m_dir.filePath("gui.fifo");
        ::unlink(qPrintable(path));
        QVERIFY(::mkfifo(qPrintable(path), 0600) == 0);
        // If the open blocks, a writer unblocks it after 5 s, so that the test fails instead of
        // hanging (the time taken tells).
        std::atomic<bool> done{false};
        std::thread unblock([&] {
            for (int i = 0; i < 50 && !done; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!done) {
                const int fd = ::open(qPrintable(path), O_WRONLY | O_NONBLOCK);
                if (fd >= 0)
                    ::close(fd);
            }
        });
        auto join = qScopeGuard([&] {
            done = true;
            unblock.join();
        });
        gui::MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        gui::MainWindow w(o);
        for (const QString& p : {path, QStringLiteral("/dev/zero"), m_dir.path()}) {
            QElapsedTimer t;
            t.start();
            QString error;
            QVERIFY(!w.openSnapshotFile(p, &error));
            QVERIFY2(t.elapsed() < 3000, qPrintable(p + " blocked: " + error));
            QVERIFY2(error.contains("not a regular file") || error.contains("directory"),
                     qPrintable(error));
            QVERIFY(!error.contains('\n'));
        }
        // Compare's source picker reads through the same function.
        QElapsedTimer t;
        t.start();
        QVERIFY_THROWS_EXCEPTION(backend::SnapshotError,
                                 backend::loadSnapshotFile(path.toStdString()));
        QVERIFY(t.elapsed() < 3000);
    }

    // ---- also-C: a root GUI and the environment of the user who started it --------------

    void rootEnvHelper()
    {
        if (!isRoot())
            QSKIP("about a GUI running as root");
        const std::string self = QCoreApplication::applicationFilePath().toStdString();
        const std::string ours = backend::findHelper(self);
        qunsetenv("NSX_HELPER");
        QVERIFY(!backend::findHelper(self).empty());
        // A user's helper: its file (and folder) owned by 65534. The folder sits in /run
        // (root's, 0755 all the way up; the build tree may sit below /tmp) so that only what
        // each step changes is at stake.
        QTemporaryDir userDir(QStringLiteral("/run/nsx-user.XXXXXX"));
        QVERIFY(::chmod(qPrintable(userDir.path()), 0755) == 0);
        const QString evil = userDir.filePath("nsexplorer-helper");
        QVERIFY(QFile::copy("/bin/true", evil));
        QVERIFY(::chmod(qPrintable(evil), 0755) == 0);
        QVERIFY(::chown(qPrintable(evil), 65534, 65534) == 0);
        qputenv("NSX_HELPER", evil.toUtf8());
        auto unset = qScopeGuard([] { qunsetenv("NSX_HELPER"); });
        QVERIFY2(backend::findHelper(self) != evil.toStdString(), "took a 65534-owned helper");
        QCOMPARE(backend::findHelper(self), ours);
        // Root's file in a folder the user may write (rename it away, put another there).
        QVERIFY(::chown(qPrintable(evil), 0, 0) == 0);
        QVERIFY(::chown(qPrintable(userDir.path()), 65534, 65534) == 0);
        QVERIFY(backend::findHelper(self) != evil.toStdString());
        QVERIFY(::chmod(qPrintable(userDir.path()), 0777) == 0);
        QVERIFY(::chown(qPrintable(userDir.path()), 0, 0) == 0);
        QVERIFY(backend::findHelper(self) != evil.toStdString());
        // A group-writable helper.
        QVERIFY(::chmod(qPrintable(userDir.path()), 0755) == 0);
        QVERIFY(::chmod(qPrintable(evil), 0775) == 0);
        QVERIFY(backend::findHelper(self) != evil.toStdString());
        // Root's own, safely stored file is still honoured (the tests' NSX_HELPER is that).
        QVERIFY(::chmod(qPrintable(evil), 0755) == 0);
        QCOMPARE(backend::findHelper(self), evil.toStdString());
        // A symlink from a safe place into the user's folder is judged by its target.
        QVERIFY(::chown(qPrintable(userDir.path()), 65534, 65534) == 0);
        const QString link = m_dir.filePath("helper-link");
        QVERIFY(::symlink(qPrintable(evil), qPrintable(link)) == 0);
        qputenv("NSX_HELPER", link.toUtf8());
        QVERIFY(backend::findHelper(self) != evil.toStdString());
        QVERIFY(backend::findHelper(self) != link.toStdString());
    }

    void rootEnvTerminal()
    {
        if (!isRoot())
            QSKIP("about a GUI running as root");
        QTemporaryDir userDir(QStringLiteral("/tmp/nsx-user.XXXXXX"));
        QVERIFY(::chmod(qPrintable(userDir.path()), 0755) == 0);
        QVERIFY(::chown(qPrintable(userDir.path()), 65534, 65534) == 0);
        const QString evil = userDir.filePath("xterm");
        QVERIFY(QFile::copy("/bin/true", evil));
        QVERIFY(::chmod(qPrintable(evil), 0755) == 0);
        QVERIFY(::chown(qPrintable(evil), 65534, 65534) == 0);
        QProcessEnvironment env;
        env.insert("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.insert("TERMINAL", evil);
        auto t = gui::TerminalEmulator::find(env);
        QVERIFY2(!t || t->program != evil, "took $TERMINAL owned by 65534");
        // Found through PATH: the user's folder first.
        env.remove("TERMINAL");
        env.insert("PATH", userDir.path() + ":/usr/bin:/bin");
        t = gui::TerminalEmulator::find(env);
        QVERIFY2(!t || t->program != evil, "took a terminal from a 65534-owned PATH entry");
        // Options that go before the run option would run a command of the user's choice.
        env.insert("PATH", "/usr/bin:/bin");
        env.insert("TERMINAL", "/usr/bin/env -e " + evil);
        t = gui::TerminalEmulator::find(env);
        QVERIFY(!t || !t->prefixArgs.contains(evil));
        // The launch dialog's default command ($SHELL) runs as root too.
        {
            const QByteArray saved = qgetenv("SHELL");
            qputenv("SHELL", evil.toUtf8());
            auto restore = qScopeGuard([&] { qputenv("SHELL", saved); });
            gui::LaunchDialog d;
            const QString command = d.findChild<QLineEdit*>("command")->text();
            QVERIFY2(!command.contains(evil), qPrintable(command));
            qputenv("SHELL", "/bin/bash");
            gui::LaunchDialog ok;
            QCOMPARE(ok.findChild<QLineEdit*>("command")->text(), QStringLiteral("/bin/bash"));
        }
        // A root-owned terminal named by $TERMINAL is fine.
        if (QFile::exists("/usr/bin/xterm")) {
            env.insert("TERMINAL", "/usr/bin/xterm");
            t = gui::TerminalEmulator::find(env);
            QVERIFY(t);
            QCOMPARE(t->program, QStringLiteral("/usr/bin/xterm"));
        }
    }

    // ---- also-D: a process that calls itself nsexplorer-helper ---------------------------

    void fakeHelper_data()
    {
        QTest::addColumn<bool>("exec");
        QTest::newRow("prctl PR_SET_NAME") << false;
        QTest::newRow("exec as nsexplorer-helper") << true;
    }
    void fakeHelper()
    {
        QFETCH(bool, exec);
        if (!isRoot())
            QSKIP("starts a process as uid 65534");
        QTemporaryDir userDir(QStringLiteral("/tmp/nsx-fake.XXXXXX"));
        QVERIFY(::chmod(qPrintable(userDir.path()), 0755) == 0);
        QVERIFY(::chown(qPrintable(userDir.path()), 65534, 65534) == 0);
        const QByteArray fake = userDir.filePath("nsexplorer-helper").toUtf8();
        if (exec) {
            QVERIFY(QFile::copy("/usr/bin/unshare", QString::fromUtf8(fake)));
            QVERIFY(::chown(fake.constData(), 65534, 65534) == 0);
            QVERIFY(::chmod(fake.constData(), 0755) == 0);
        }
        // uid 65534 in a user and uts namespace of its own, named like our helper.
        const pid_t child = forkChild([&] {
            if (::setgroups(0, nullptr) != 0 || ::setresgid(65534, 65534, 65534) != 0 ||
                ::setresuid(65534, 65534, 65534) != 0)
                ::_exit(126);
            if (exec) {
                // unshare(1) under our helper's name: it unshares itself (so it is the oldest
                // member of the namespaces) and forks the payload.
                char* const argv[] = {const_cast<char*>("nsexplorer-helper"),
                                      const_cast<char*>("--user"),
                                      const_cast<char*>("--uts"),
                                      const_cast<char*>("--fork"),
                                      const_cast<char*>("sleep"),
                                      const_cast<char*>("600"),
                                      nullptr};
                ::execv(fake.constData(), argv);
                ::_exit(127);
            }
            if (::unshare(CLONE_NEWUSER | CLONE_NEWUTS) != 0)
                ::_exit(125);
            ::prctl(PR_SET_NAME, "nsexplorer-helper");
            for (;;)
                ::pause();
        });
        auto guard = qScopeGuard([&] { stop(child); });
        QTRY_COMPARE_WITH_TIMEOUT(readComm(child), QStringLiteral("nsexplorer-help"), 10000);
        struct stat uts
        {};
        QTRY_VERIFY_WITH_TIMEOUT(
            ::stat(qPrintable(QStringLiteral("/proc/%1/ns/uts").arg(child)), &uts) == 0 &&
                [&] {
                    struct stat own
                    {};
                    return ::stat("/proc/self/ns/uts", &own) == 0 && own.st_ino != uts.st_ino;
                }(),
            10000);
        auto s = std::make_shared<const backend::Snapshot>(scanKnowingOurHelper());
        // The browser, as root: nothing to stop, whichever row is selected.
        gui::MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        gui::MainWindow w(o);
        w.applySnapshot(s);
        auto* action = w.findChild<QAction*>("stopContainer");
        QVERIFY(action);
        QVERIFY(w.selectProcess(child));
        QCOMPARE(w.selectedContainer().pid, 0);
        QVERIFY(!w.stopSelectedContainer(false));
        QVERIFY(w.selectNamespace(backend::NsType::Uts, uts.st_ino));
        QCOMPARE(w.selectedContainer().pid, 0);
        QVERIFY(!action->isEnabled());
        QVERIFY(!w.stopSelectedContainer(false));
        // The scanner does not call it a launcher of ours.
        const backend::Namespace* ns = s->findNamespace(backend::NsType::Uts, uts.st_ino);
        QVERIFY(ns);
        // (QVERIFY2 evaluates its message even when the check holds: no launcher, no message.)
        QVERIFY2(!ns->launcher || ns->launcher->kind != "nsexplorer",
                 ns->launcher ? qPrintable(QString::fromStdString(ns->launcher->kind) + " " +
                                           QString::number(ns->launcher->pid.value_or(0)))
                              : "");
        QTest::qWait(200);
        QVERIFY2(::kill(child, 0) == 0 && readComm(child) == "nsexplorer-help",
                 "the fake helper was signalled");
    }

    void realHelperStillIsOne()
    {
        if (!isRoot())
            QSKIP("a uts namespace without a user namespace needs root");
        const std::string helper =
            backend::findHelper(QCoreApplication::applicationFilePath().toStdString());
        QVERIFY(!helper.empty());
        const pid_t launcher = forkChild([&] {
            char* const argv[] = {
                const_cast<char*>(helper.c_str()), const_cast<char*>("--uts"),
                const_cast<char*>("--hostname"),   const_cast<char*>("realhelper"),
                const_cast<char*>("--"),           const_cast<char*>("sleep"),
                const_cast<char*>("600"),          nullptr};
            ::execv(helper.c_str(), argv);
        });
        auto guard = qScopeGuard([&] { stop(launcher); });
        // Wait for the payload's uts namespace (helper -> reaper/payload).
        std::optional<std::uint64_t> inode;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto s = scanKnowingOurHelper();
                for (const auto& ns : s.namespaces)
                    if (ns.type == backend::NsType::Uts && ns.details.hostname &&
                        *ns.details.hostname == "realhelper")
                        inode = ns.inode;
                return bool(inode);
            }(),
            20000);
        auto s = std::make_shared<const backend::Snapshot>(scanKnowingOurHelper());
        const backend::Namespace* ns = s->findNamespace(backend::NsType::Uts, *inode);
        QVERIFY(ns && ns->launcher);
        QCOMPARE(ns->launcher->kind, std::string("nsexplorer"));
        QCOMPARE(ns->launcher->pid, std::optional<int>(launcher));
        gui::MainWindow::Options o;
        o.live = false;
        o.loadSettings = false;
        gui::MainWindow w(o);
        w.applySnapshot(s);
        QVERIFY(w.selectNamespace(backend::NsType::Uts, *inode));
        QCOMPARE(w.selectedContainer().pid, launcher);
        QVERIFY(w.findChild<QAction*>("stopContainer")->isEnabled());
    }
};

QTEST_MAIN(InputBoundaryTest)
#include "tst_input_boundary.moc"
