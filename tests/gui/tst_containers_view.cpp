// Issue 15 in the browser, offscreen: the Containers view (Ctrl+4, in the View menu, remembered
// in the settings), a container row's details and the Container section of a namespace's and a
// process's (labels folded, the init pid a link), the filter finding a container by name in
// every view. With NSX_SCREENSHOTS=DIR the view is also written there as containers-fixture.png
// (run under Xvfb with QT_QPA_PLATFORM=xcb for the README's picture). The snapshot is built in code
// (tests/model/container_spec.h): these tests do not need the scanner's naming pass.
#include "../gui_test_main.h"
#include "container_spec.h"
#include "details_pane.h"
#include "filter_bar.h"
#include "main_window.h"
#include "roles.h"
#include "tree_views.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace nsx;
using namespace nsx::gui;
using backend::NsType;
namespace Role = nsx::model::Role;
using nsx::model::RowKind;
using nsx::test::ContainerSpec;

namespace {

// A machine as a naming scan would see it (the pod's sandbox first: its net namespace holds
// every process of the pod, each of which then goes to its own container): docker's nsx-dock,
// podman's toolbox, a pod of two kubernetes containers, a flatpak app, a service with its own mount
// namespace, pid 1 on the host.
model::SnapshotPtr containerMachine()
{
    backend::Snapshot s = test::withContainers(
        "P1/0:z,u:z,m:z=systemd P210/1:a,u:b,m:c=nginx P211/210:a,u:b,m:c=nginx "
        "P330/1:d,u:e,m:f=catatonit P331/330:d,u:e,m:f=bash P450/1:g,m:h=pause "
        "P451/1:g,m:i=web-server P452/1:g,m:j=web-worker P600/1:z,m:k=firefox "
        "P601/600:k,m:k=Isolated_Web_Content P700/1:z,m:l=cupsd H:b=nsx-dock H:e=toolbox",
        {ContainerSpec{
             .key = "docker:9b1c0e3f5a7d2c44e1f0b6a8d3c2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4",
             .engine = "docker",
             .name = "nsx-dock",
             .namespaces = {{NsType::Net, 'a'}, {NsType::Uts, 'b'}, {NsType::Mnt, 'c'}},
             .image = "nsx-base:latest",
             .labels = {{"com.docker.compose.project", "shop"},
                        {"com.docker.compose.service", "front"},
                        {"org.opencontainers.image.title", "front"},
                        {"tier", "web"},
                        {"l5", "5"},
                        {"l6", "6"},
                        {"l7", "7"},
                        {"l8", "8"},
                        {"l9", "9"},
                        {"l10-last", "10"}}},
         ContainerSpec{.key = "podman:4d2e8f1a0b3c",
                       .engine = "podman",
                       .name = "toolbox-fedora",
                       .namespaces = {{NsType::Net, 'd'}, {NsType::Uts, 'e'}, {NsType::Mnt, 'f'}},
                       .image = "registry.fedoraproject.org/fedora-toolbox:40"},
         ContainerSpec{.key = "kubernetes:aa00",
                       .engine = "kubernetes",
                       .name = "POD",
                       .namespaces = {{NsType::Net, 'g'}, {NsType::Mnt, 'h'}},
                       .pod = "web-7d4b9",
                       .podNamespace = "shop"},
         ContainerSpec{.key = "kubernetes:aa01",
                       .engine = "kubernetes",
                       .name = "web-server",
                       .namespaces = {{NsType::Mnt, 'i'}},
                       .pod = "web-7d4b9",
                       .podNamespace = "shop"},
         ContainerSpec{.key = "kubernetes:aa02",
                       .engine = "kubernetes",
                       .name = "web-worker",
                       .namespaces = {{NsType::Mnt, 'j'}},
                       .pod = "web-7d4b9",
                       .podNamespace = "shop"},
         ContainerSpec{.key = "flatpak:org.mozilla.firefox",
                       .engine = "flatpak",
                       .name = "org.mozilla.firefox",
                       .namespaces = {{NsType::Mnt, 'k'}, {NsType::Net, 'k'}}},
         ContainerSpec{.key = "service:cups.service",
                       .engine = "service",
                       .name = "cups.service",
                       .namespaces = {{NsType::Mnt, 'l'}}}});
    for (backend::Container& c : s.containers) {
        if (c.engine == "flatpak")
            c.appId = c.name;
        if (c.engine == "service")
            c.unit = c.name;
        if (c.engine == "docker")
            c.project = "shop";
        if (c.engine == "podman")
            c.ownerUid = 1000; // a rootless podman's: user 1000 named it
    }
    return std::make_shared<const backend::Snapshot>(std::move(s));
}

std::unique_ptr<MainWindow> window(bool loadSettings = false)
{
    MainWindow::Options o;
    o.live = false;
    o.loadSettings = loadSettings;
    auto w = std::make_unique<MainWindow>(o);
    w->resize(1280, 760);
    w->show();
    w->showOfflineSnapshot(containerMachine(), QStringLiteral("containers.json"));
    return w;
}

QModelIndex findText(const QAbstractItemModel* m, const QString& text,
                     const QModelIndex& parent = {})
{
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex idx = m->index(r, 0, parent);
        if (idx.data().toString() == text)
            return idx;
        if (QModelIndex found = findText(m, text, idx); found.isValid())
            return found;
    }
    return {};
}

QAction* actionWithShortcut(QWidget* w, const QKeySequence& key)
{
    QAction* found = nullptr;
    for (QAction* a : w->findChildren<QAction*>())
        if (a->shortcuts().contains(key)) {
            if (found)
                return nullptr; // two: ambiguous, as Qt would find it
            found = a;
        }
    return found;
}

} // namespace

class TstContainersView : public QObject
{
    Q_OBJECT
private slots:
    void shortcutsAndMenu();
    void viewShowsEnginesPodsContainers();
    void containerDetails();
    void namespaceAndProcessDetails();
    void filterByContainerName();
    void sayWhenNothingIsNamed();
    void viewIsRemembered();
    void screenshot();
};

void TstContainersView::shortcutsAndMenu()
{
    auto w = window();
    // Ctrl+1..4 are the four views, each once; the charts moved to F9.
    const MainWindow::View views[] = {MainWindow::View::ByType, MainWindow::View::Hierarchy,
                                      MainWindow::View::Processes, MainWindow::View::Containers};
    for (int v = 3; v >= 0; --v) {
        QAction* a = actionWithShortcut(w.get(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + v)));
        QVERIFY2(a, qPrintable(QStringLiteral("Ctrl+%1: none or several actions").arg(v + 1)));
        QVERIFY(w->viewMenu()->actions().contains(a));
        a->trigger();
        QCOMPARE(w->currentView(), views[v]);
    }
    QAction* containers = actionWithShortcut(w.get(), QKeySequence(Qt::CTRL | Qt::Key_4));
    QCOMPARE(containers->text(), MainWindow::tr("Co&ntainers"));
    QAction* charts = actionWithShortcut(w.get(), QKeySequence(Qt::Key_F9));
    QVERIFY2(charts, "F9: the Charts toggle");
    QVERIFY(charts->isCheckable());
    // Keyboard, as a user presses it.
    QApplication::setActiveWindow(w.get());
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    w->view(MainWindow::View::ByType)->setFocus();
    QTest::keyClick(w->view(MainWindow::View::ByType), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(w->currentView(), MainWindow::View::Containers);
}

void TstContainersView::viewShowsEnginesPodsContainers()
{
    auto w = window();
    w->setCurrentView(MainWindow::View::Containers);
    NsTreeView* v = w->view(MainWindow::View::Containers);
    const QAbstractItemModel* m = v->model();
    QStringList engines;
    for (int r = 0; r < m->rowCount(); ++r)
        engines << m->index(r, 0).data().toString();
    QCOMPARE(engines, (QStringList{"docker", "flatpak", "kubernetes", "podman", "service"}));
    const QModelIndex pod = findText(m, QStringLiteral("web-7d4b9"));
    QVERIFY(pod.isValid());
    QCOMPARE(m->rowCount(pod), 3);
    // First fill: engines, pods and containers open, so their namespaces show.
    const QModelIndex dock = findText(m, QStringLiteral("nsx-dock"));
    QVERIFY(v->isExpanded(dock.parent()) && v->isExpanded(dock));
    QVERIFY(v->isExpanded(pod) && v->isExpanded(findText(m, QStringLiteral("web-server"))));
    QCOMPARE(m->rowCount(dock), 3); // net, uts, mnt
    // A user's container says whose it is, in the Owner column and in its label.
    const QModelIndex toolbox = findText(m, QStringLiteral("toolbox-fedora"));
    QVERIFY(toolbox.isValid());
    int ownerCol = -1;
    for (int c = 0; c < m->columnCount(); ++c)
        if (m->headerData(c, Qt::Horizontal).toString() == QStringLiteral("Owner"))
            ownerCol = c;
    QVERIFY(ownerCol >= 0);
    QCOMPARE(toolbox.siblingAtColumn(ownerCol).data().toString(), QStringLiteral("alice"));
    QVERIFY(toolbox.data(Qt::ToolTipRole).toString().startsWith("podman@1000: toolbox-fedora"));
    QVERIFY(dock.siblingAtColumn(ownerCol).data().toString().isEmpty()); // root's
    // The Container column shows in By type and Processes (in Containers the tree says it).
    for (MainWindow::View view : {MainWindow::View::ByType, MainWindow::View::Processes}) {
        NsTreeView* t = w->view(view);
        int col = -1;
        for (int c = 0; c < t->model()->columnCount(); ++c)
            if (t->model()->headerData(c, Qt::Horizontal).toString() == QStringLiteral("Container"))
                col = c;
        QVERIFY(col >= 0);
        QVERIFY(!t->header()->isSectionHidden(col));
    }
    NsTreeView* procs = w->view(MainWindow::View::Processes);
    QVERIFY(w->selectProcess(601));
    QVERIFY(procs->rowText(procs->currentIndex())
                .contains(QStringLiteral("flatpak: org.mozilla.firefox")));
}

void TstContainersView::containerDetails()
{
    auto w = window();
    w->setCurrentView(MainWindow::View::Containers);
    NsTreeView* v = w->view(MainWindow::View::Containers);
    v->setCurrentIndex(findText(v->model(), QStringLiteral("nsx-dock")));
    DetailsPane* d = w->detailsPane();
    QCOMPARE(d->subject(), DetailsPane::Subject::Container);
    const QString html = d->toHtml();
    const QString text = d->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("docker: nsx-dock")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("nsx-base:latest")));
    QVERIFY(text.contains(QStringLiteral("9b1c0e3f5a7d"))); // the short id
    QVERIFY(!text.contains(QStringLiteral("9b1c0e3f5a7d2c")));
    QVERIFY(text.contains(QStringLiteral("shop")));
    // The init pid is a link, as other pids; its namespaces are links.
    QVERIFY(html.contains(QStringLiteral("nsx:process?pid=210")));
    QVERIFY(html.contains(QStringLiteral("nsx:namespace?type=uts")));
    // Ten labels: eight shown, then "show all".
    QVERIFY(text.contains(QStringLiteral("tier=web")));
    QVERIFY(!text.contains(QStringLiteral("l10-last=10")));
    QVERIFY(html.contains(QStringLiteral("nsx:morelabels")));
    emit d->anchorClicked(QUrl(QStringLiteral("nsx:morelabels")));
    QVERIFY(d->toPlainText().contains(QStringLiteral("l10-last=10")));
    QVERIFY(d->toHtml().contains(QStringLiteral("nsx:lesslabels")));
    // The link selects the process.
    emit d->anchorClicked(QUrl(QStringLiteral("nsx:process?pid=210")));
    QCOMPARE(d->subject(), DetailsPane::Subject::Process);
    QVERIFY(d->toPlainText().contains(QStringLiteral("nsx-base:latest")));
}

void TstContainersView::namespaceAndProcessDetails()
{
    auto w = window();
    QVERIFY(w->selectNamespace(NsType::Mnt, test::labelInode('l')));
    DetailsPane* d = w->detailsPane();
    QCOMPARE(d->subject(), DetailsPane::Subject::Namespace);
    QString text = d->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Container")) &&
                 text.contains(QStringLiteral("service: cups.service")) == false &&
                 text.contains(QStringLiteral("cups.service")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Unit")));
    QVERIFY(d->toHtml().contains(QStringLiteral("nsx:process?pid=700")));
    // A host process has no Container section.
    QVERIFY(w->selectProcess(1));
    QVERIFY(!d->toPlainText().contains(QStringLiteral("Named from")));
    QVERIFY(w->selectProcess(452));
    text = d->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("web-7d4b9 (namespace shop)")), qPrintable(text));
}

void TstContainersView::filterByContainerName()
{
    auto w = window();
    for (MainWindow::View view :
         {MainWindow::View::ByType, MainWindow::View::Processes, MainWindow::View::Containers}) {
        w->setCurrentView(view);
        QLineEdit* field = w->filterBar()->searchField();
        field->clear();
        QTest::keyClicks(field, QStringLiteral("toolbox-fedora"));
        const QAbstractItemModel* m = w->view(view)->model();
        QTRY_VERIFY(m->rowCount() > 0);
        // Its processes (330, 331) are shown; nginx (210) is not.
        std::function<bool(int, const QModelIndex&)> has = [&](int pid, const QModelIndex& p) {
            for (int r = 0; r < m->rowCount(p); ++r) {
                const QModelIndex idx = m->index(r, 0, p);
                if ((RowKind(idx.data(Role::Kind).toInt()) == RowKind::Process &&
                     idx.data(Role::Pid).toInt() == pid) ||
                    has(pid, idx))
                    return true;
            }
            return false;
        };
        // (The search is applied after a pause in typing.)
        QTRY_VERIFY(has(331, {}) && !has(210, {}));
        QVERIFY(w->proxy(view)->filter().text == QStringLiteral("toolbox-fedora"));
        field->clear();
        QTest::keyClicks(field, QStringLiteral("podman"));
        QTRY_VERIFY(has(330, {}) && !has(210, {}));
        w->filterBar()->reset();
    }
}

void TstContainersView::sayWhenNothingIsNamed()
{
    auto w = window();
    w->showOfflineSnapshot(std::make_shared<const backend::Snapshot>(
                               test::snapshotFromSpec(QStringLiteral("P1/0:a P2/1:b"))),
                           QStringLiteral("plain.json"));
    w->setCurrentView(MainWindow::View::Containers);
    auto* notice = w->findChild<QWidget*>(QStringLiteral("emptyNotice"));
    QVERIFY(notice);
    QTRY_VERIFY(notice->isVisible());
    QVERIFY(!w->findChild<QWidget*>(QStringLiteral("resetFilter"))->isVisible());
    // The other views have rows: no notice.
    w->setCurrentView(MainWindow::View::ByType);
    QTRY_VERIFY(!notice->isVisible());
}

void TstContainersView::viewIsRemembered()
{
    {
        auto w = window(true);
        w->setCurrentView(MainWindow::View::Containers);
        w->close();
    }
    {
        auto w = window(true);
        QCOMPARE(w->currentView(), MainWindow::View::Containers);
        w->setCurrentView(MainWindow::View::ByType);
        w->close();
    }
}

void TstContainersView::screenshot()
{
    auto w = window();
    w->setCurrentView(MainWindow::View::Containers);
    NsTreeView* v = w->view(MainWindow::View::Containers);
    v->setCurrentIndex(findText(v->model(), QStringLiteral("nsx-dock")));
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QTest::qWait(200);
    auto save = [&](const QString& name) {
        const QImage image = w->grab().toImage();
        QCOMPARE(image.size(), w->size() * w->devicePixelRatio());
        if (const QString out = qEnvironmentVariable("NSX_SCREENSHOTS"); !out.isEmpty()) {
            QDir().mkpath(out);
            QVERIFY(image.save(QDir(out).filePath(name)));
        }
    };
    save(QStringLiteral("containers-fixture.png"));
    // The Container column of the Processes view, a process of the flatpak app selected.
    QVERIFY(w->selectProcess(601));
    QTest::qWait(200);
    save(QStringLiteral("container-column-fixture.png"));
}

NSX_GUI_TEST_MAIN(TstContainersView, "tst_containers_view")

#include "tst_containers_view.moc"
