// The views repaint only what a poll changed on screen (NsTreeView skips Qt's whole-viewport
// repaint after a relayout that moved nothing, and repaints changed rows only where they are
// shown). This checks that what is on screen is never stale: after every poll of a churning
// machine, the window's backing store must equal a full repaint of it, pixel for pixel, in
// every view, with rows expanded, scrolled, selected, fading in and greyed out.
#include "filter_proxy.h"
#include "main_window.h"
#include "snapshot_spec.h"
#include "tree_views.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QRandomGenerator>
#include <QScreen>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace nsx;
using backend::NsType;
using gui::MainWindow;

namespace {

// A small machine that changes every poll: processes start and end (some with children, which
// move to PID 1), commands change, and now and then a container is replaced.
class World
{
public:
    World() : m_rng(7)
    {
        for (int c = 0; c < 5; ++c)
            m_containers.push_back(newContainer(c == 0));
        add(0, 0, "systemd");
        while (m_procs.size() < 140)
            spawn();
    }

    void churn(int poll)
    {
        for (int i = 0; i < 3; ++i)
            kill();
        for (int i = 0; i < 3; ++i)
            spawn();
        auto it = std::next(m_procs.begin(), 1 + m_rng.bounded(int(m_procs.size() - 1)));
        it->second.comm = "cmd" + std::to_string(poll);
        it->second.cmdline = {it->second.comm, "--poll", std::to_string(poll)};
        if (poll % 4 == 0) {
            const int c = 1 + m_rng.bounded(int(m_containers.size() - 1));
            std::vector<int> gone;
            for (const auto& [pid, container] : m_containerOf)
                if (container == c)
                    gone.push_back(pid);
            for (int pid : gone)
                erase(pid);
            m_containers[c] = newContainer(false);
            for (int i = 0; i < 3; ++i)
                add(c, 1, "init" + std::to_string(poll));
        }
    }

    model::SnapshotPtr snapshot() const
    {
        return std::make_shared<const backend::Snapshot>(
            test::snapshotOfProcesses(m_procs, "repaint", [](backend::Namespace& ns) {
                if (ns.type == NsType::Uts)
                    ns.details.hostname = "host" + std::to_string(ns.inode % 100);
            }));
    }

private:
    using NsSet = std::array<std::uint64_t, backend::kNsTypeCount>;

    NsSet newContainer(bool host)
    {
        NsSet set{};
        for (NsType t : backend::kAllNsTypes)
            set[backend::index(t)] =
                host || (t != NsType::User && t != NsType::Time && t != NsType::Cgroup)
                    ? m_nextInode++
                    : m_containers[0][backend::index(t)];
        return set;
    }

    void add(int container, int ppid, std::string comm)
    {
        backend::Process p;
        p.pid = m_nextPid++;
        p.ppid = ppid;
        p.comm = std::move(comm);
        p.cmdline = {p.comm};
        p.uid = p.pid % 2 ? 0u : 1000u;
        p.user = *p.uid ? "alice" : "root";
        p.state = 'S';
        p.startTime = std::uint64_t(p.pid) * 3;
        p.nspid = std::vector<int>{p.pid};
        for (NsType t : backend::kAllNsTypes)
            p.namespaces[backend::index(t)] = m_containers[container][backend::index(t)];
        m_containerOf[p.pid] = container;
        m_procs.emplace(p.pid, std::move(p));
    }

    void spawn()
    {
        const int c = m_rng.bounded(int(m_containers.size()));
        int parent = 1;
        for (const auto& [pid, container] : m_containerOf)
            if (container == c && m_rng.bounded(4) == 0) {
                parent = pid;
                break;
            }
        static const char* names[] = {"bash", "nginx", "python3", "sleep", "node"};
        add(c, parent, names[m_rng.bounded(5)]);
    }

    void kill()
    {
        auto it = std::next(m_procs.begin(), 1 + m_rng.bounded(int(m_procs.size() - 1)));
        erase(it->first);
    }

    void erase(int pid)
    {
        m_procs.erase(pid);
        m_containerOf.erase(pid);
        for (auto& [q, p] : m_procs)
            if (p.ppid == pid)
                p.ppid = 1;
    }

    QRandomGenerator m_rng;
    std::vector<NsSet> m_containers;
    std::map<int, backend::Process> m_procs;
    std::map<int, int> m_containerOf;
    int m_nextPid = 1;
    std::uint64_t m_nextInode = 4026532000;
};

// What the window shows now (its backing store), cut to one widget.
QImage onScreen(QWidget& window, QWidget* part)
{
    const QPoint at = part->mapTo(&window, QPoint(0, 0));
    const QPixmap shot = window.screen()->grabWindow(window.winId());
    const qreal dpr = shot.devicePixelRatio();
    return shot.toImage().copy(QRect(at * dpr, part->size() * dpr));
}

} // namespace

class TstTreeRepaint : public QObject
{
    Q_OBJECT
private slots:
    void screenEqualsFullRepaint_data();
    void screenEqualsFullRepaint();
};

void TstTreeRepaint::screenEqualsFullRepaint_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<bool>("scrolled");
    QTest::addColumn<QString>("filter");
    const int byType = int(MainWindow::View::ByType);
    const int processes = int(MainWindow::View::Processes);
    QTest::newRow("by type") << byType << false << QString();
    QTest::newRow("by type, scrolled") << byType << true << QString();
    QTest::newRow("by type, filtered") << byType << false << QStringLiteral("bash");
    QTest::newRow("hierarchy") << int(MainWindow::View::Hierarchy) << false << QString();
    QTest::newRow("processes") << processes << false << QString();
    QTest::newRow("processes, scrolled") << processes << true << QString();
    QTest::newRow("processes, filtered") << processes << false << QStringLiteral("sleep");
}

void TstTreeRepaint::screenEqualsFullRepaint()
{
    QFETCH(int, view);
    QFETCH(bool, scrolled);
    QFETCH(QString, filter);
    MainWindow::Options o;
    o.live = false;
    o.loadSettings = false;
    MainWindow w(o);
    w.resize(1100, 700);
    w.setCurrentView(MainWindow::View(view));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    World world;
    w.applySnapshot(world.snapshot());
    gui::NsTreeView* tv = w.view(MainWindow::View(view));
    QAbstractItemModel* m = tv->model();
    // Open a few rows (By type: some namespaces, so processes show under them) and select one.
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex group = m->index(r, 0);
        for (int k = 0; k < m->rowCount(group) && k < 3; ++k)
            tv->expand(m->index(k, 0, group));
    }
    tv->setCurrentIndex(m->index(0, 0));
    if (!filter.isEmpty()) {
        model::FilterState f;
        f.text = filter;
        w.proxy(MainWindow::View(view))->setFilter(f);
    }
    QApplication::processEvents();
    if (scrolled)
        tv->verticalScrollBar()->setValue(tv->verticalScrollBar()->maximum() / 2);

    for (int poll = 1; poll <= 60; ++poll) {
        world.churn(poll);
        w.applySnapshot(world.snapshot());
        QApplication::processEvents();
        QApplication::processEvents();
        // The whole view: rows, header and scroll bars.
        const QImage shown = onScreen(w, tv);
        for (QWidget* part : {static_cast<QWidget*>(tv), tv->viewport(),
                              static_cast<QWidget*>(tv->verticalScrollBar()),
                              static_cast<QWidget*>(tv->horizontalScrollBar())})
            part->repaint();
        QApplication::processEvents();
        const QImage fresh = onScreen(w, tv);
        QVERIFY(!fresh.isNull());
        if (shown != fresh) {
            QTemporaryDir keep;
            keep.setAutoRemove(false);
            shown.save(keep.filePath(QStringLiteral("shown.png")));
            fresh.save(keep.filePath(QStringLiteral("fresh.png")));
            QFAIL(qPrintable(QStringLiteral("poll %1: the screen is stale (images in %2)")
                                 .arg(poll)
                                 .arg(keep.path())));
        }
    }
}

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QApplication app(argc, argv);
    TstTreeRepaint t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_tree_repaint.moc"
