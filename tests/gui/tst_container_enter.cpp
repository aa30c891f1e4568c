// "Enter namespaces…" on a container row of the Containers view (issue 15), offscreen, live:
// a real container the test starts (`unshare --fork --pid --uts sleep`, which the containers
// pass names "unshare: sleep"), its row selected, the action enabled in the row's context menu,
// Ctrl+Shift+E opens the Enter dialog on the container's init — the process that
// `nsexplorer-cli enter --container` takes (containers::findContainerByName). A named network
// namespace with no process in it (`ip netns add`, root) has a row whose action is disabled,
// with the reason as its tool tip.
#include "../gui_test_main.h"
#include "containers/container_lookup.h"
#include "enter_dialog.h"
#include "main_window.h"
#include "roles.h"
#include "tree_views.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <unistd.h>

using namespace nsx;
using namespace nsx::gui;
namespace Role = nsx::model::Role;
using nsx::model::RowKind;

namespace {

// The row of container `key` in the Containers view's (proxy) model.
QModelIndex containerRow(const QAbstractItemModel* m, const QString& key,
                         const QModelIndex& parent = {})
{
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex idx = m->index(r, 0, parent);
        if (RowKind(idx.data(Role::Kind).toInt()) == RowKind::Container &&
            idx.data(Role::ContainerKey).toString() == key)
            return idx;
        if (QModelIndex found = containerRow(m, key, idx); found.isValid())
            return found;
    }
    return {};
}

const backend::Process* byArgv(const backend::Snapshot& s, const std::vector<std::string>& argv)
{
    for (const backend::Process& p : s.processes)
        if (p.cmdline == argv)
            return &p;
    return nullptr;
}

// Opens the row's context menu (as a right click does) and returns the state of its "Enter
// namespaces…" entry: "absent", "enabled" or "disabled: TOOLTIP".
QString enterEntryInContextMenu(MainWindow& w, NsTreeView* view, const QModelIndex& index)
{
    QString state = QStringLiteral("absent");
    QTimer::singleShot(0, &w, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction* a : menu->actions())
            if (a->objectName() == QStringLiteral("enterNamespaces"))
                state = a->isEnabled() ? QStringLiteral("enabled")
                                       : QStringLiteral("disabled: ") + a->toolTip();
        menu->close();
    });
    emit view->contextMenuWanted(index,
                                 view->viewport()->mapToGlobal(view->visualRect(index).center()));
    return state;
}

EnterDialog* openEnterDialog()
{
    for (QWidget* top : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<EnterDialog*>(top); d && d->isVisible())
            return d;
    return nullptr;
}

} // namespace

class TstContainerEnter : public QObject
{
    Q_OBJECT

    const QString m_tag = QString::number(::getpid() % 100000 + 400000);
    std::unique_ptr<QProcess> m_unshare;

    void select(MainWindow& w, const QModelIndex& row)
    {
        NsTreeView* v = w.view(MainWindow::View::Containers);
        v->setCurrentIndex(row);
        v->setFocus();
    }

private slots:
    void cleanupTestCase()
    {
        if (m_unshare && m_unshare->processId() > 0) {
            ::kill(-static_cast<pid_t>(m_unshare->processId()), SIGKILL);
            m_unshare->waitForFinished(5000);
        }
        if (QFile::exists("/run/netns/nsx-enter-" + m_tag))
            QProcess::execute("ip", {"netns", "del", "nsx-enter-" + m_tag});
    }

    void enterAContainersInit()
    {
        const std::string arg = m_tag.toStdString() + "1";
        m_unshare = std::make_unique<QProcess>();
        m_unshare->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_unshare->setChildProcessModifier([] { ::setsid(); });
        m_unshare->start("bash",
                         {"-c", QString(::geteuid() == 0 ? "exec unshare" : "exec unshare -r") +
                                    " --fork --pid --uts --kill-child sleep " +
                                    QString::fromStdString(arg)});
        QVERIFY(m_unshare->waitForStarted());

        MainWindow::Options o;
        o.loadSettings = false;
        MainWindow w(o);
        w.resize(1200, 700);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QString key;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const model::SnapshotPtr s = w.snapshot();
                const backend::Process* sleeper = s ? byArgv(*s, {"sleep", arg}) : nullptr;
                if (!sleeper || !sleeper->container)
                    return false;
                key = QString::fromStdString(*sleeper->container);
                return true;
            }(),
            30000);
        const model::SnapshotPtr s = w.snapshot();
        const backend::Container* c = s->findContainer(key.toStdString());
        QVERIFY(c);
        QCOMPARE(c->engine, std::string("unshare"));
        // The process `nsexplorer-cli enter --container KEY` would enter: the container's init.
        const backend::containers::ContainerMatch match =
            backend::containers::findContainerByName(*s, key.toStdString());
        QCOMPARE(match.result, backend::containers::ContainerMatch::Result::Found);
        QVERIFY(c->pid && match.pid == *c->pid);
        qInfo("container %s (%s), init pid %d", qPrintable(key), c->name.c_str(), match.pid);

        w.setCurrentView(MainWindow::View::Containers);
        NsTreeView* v = w.view(MainWindow::View::Containers);
        QModelIndex row;
        QTRY_VERIFY_WITH_TIMEOUT((row = containerRow(v->model(), key)).isValid(), 10000);
        select(w, row);
        auto* enter = w.findChild<QAction*>(QStringLiteral("enterNamespaces"));
        QVERIFY(enter);
        QVERIFY2(enter->isEnabled(), qPrintable(enter->toolTip()));
        QCOMPARE(enterEntryInContextMenu(w, v, v->currentIndex()), QStringLiteral("enabled"));

        // The process rows' shortcut, pressed on the container row.
        QVERIFY(!openEnterDialog());
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        v->setFocus();
        QTest::keyClick(v, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        EnterDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = openEnterDialog()) != nullptr);
        QCOMPARE(int(dialog->request().target), match.pid);
        // pinned to that very process (the helper gets --expect-start)
        QCOMPARE(dialog->request().expectStart,
                 std::optional<std::uint64_t>(s->findProcess(match.pid)->startTime));
        // With NSX_SCREENSHOTS=DIR: the view and the dialog as they are now.
        if (const QString out = qEnvironmentVariable("NSX_SCREENSHOTS"); !out.isEmpty()) {
            QDir().mkpath(out);
            QVERIFY(w.grab().save(QDir(out).filePath("container-enter-view.png")));
            QVERIFY(dialog->grab().save(QDir(out).filePath("container-enter-dialog.png")));
        }
        dialog->close();
    }

    void noProcessNoEnter()
    {
        if (::geteuid() != 0)
            QSKIP("`ip netns add` needs root");
        const QString name = "nsx-enter-" + m_tag;
        QCOMPARE(QProcess::execute("ip", {"netns", "add", name}), 0);
        const QString key = "netns:" + name;
        MainWindow::Options o;
        o.loadSettings = false;
        MainWindow w(o);
        w.resize(1200, 700);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.setCurrentView(MainWindow::View::Containers);
        NsTreeView* v = w.view(MainWindow::View::Containers);
        QModelIndex row;
        QTRY_VERIFY_WITH_TIMEOUT((row = containerRow(v->model(), key)).isValid(), 30000);
        const backend::Container* c = w.snapshot()->findContainer(key.toStdString());
        QVERIFY(c);
        QCOMPARE(backend::containers::findContainerByName(*w.snapshot(), key.toStdString()).result,
                 backend::containers::ContainerMatch::Result::NoProcess);
        select(w, row);
        auto* enter = w.findChild<QAction*>(QStringLiteral("enterNamespaces"));
        QVERIFY(!enter->isEnabled());
        const QString why = QStringLiteral("Container %1 has no running process whose namespaces "
                                           "to enter")
                                .arg(name);
        QCOMPARE(enter->toolTip(), why);
        QCOMPARE(enterEntryInContextMenu(w, v, v->currentIndex()), "disabled: " + why);
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        v->setFocus();
        QTest::keyClick(v, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::qWait(100);
        QVERIFY(!openEnterDialog());
        QCOMPARE(QProcess::execute("ip", {"netns", "del", name}), 0);
    }
};

NSX_GUI_TEST_MAIN(TstContainerEnter, "tst_container_enter")

#include "tst_container_enter.moc"
