// The Map tab (issue 16) in the real MainWindow, offscreen: cards and wires from a topology built
// in code (tests/model/netmap_fixtures.h), the layout kept when a card comes or goes, fade-in
// and grey-out, the filter, a real click selecting the namespace in the tree and the details,
// the tree's selection shown on the map, hover highlighting a card's wires, zoom and fit, SVG
// and PNG export, the nesting mode, and both themes.
// The screenshots slot checks the window as rendered light and dark; with
// NSX_MAP_SCREENSHOTS=DIR set it also writes map-light.png / map-dark.png there (run it under
// Xvfb with QT_QPA_PLATFORM=xcb for the README's pictures).
#include "../charts/picture_checks.h"
#include "../model/netmap_fixtures.h"
#include "chart_colors.h"
#include "details_pane.h"
#include "filter_bar.h"
#include "main_window.h"
#include "map_items.h"
#include "map_view.h"
#include "namespace_models.h"
#include "roles.h"
#include "tree_views.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QLineEdit>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <unistd.h>

using namespace nsx;
using namespace nsx::test;
using backend::NsType;
using gui::MainWindow;
using gui::MapView;

namespace {

model::SnapshotPtr ptr(backend::Snapshot s)
{
    return std::make_shared<const backend::Snapshot>(std::move(s));
}

std::unique_ptr<MainWindow> mapWindow(int containers)
{
    MainWindow::Options o;
    o.live = false;
    o.loadSettings = false;
    auto w = std::make_unique<MainWindow>(o);
    w->resize(1280, 800);
    w->show();
    w->showOfflineSnapshot(ptr(mapFixture(containers, 2)), QStringLiteral("map.json"));
    w->showMap();
    return w;
}

QPoint onScreen(MapView* map, const QGraphicsItem* item)
{
    return map->graphicsView()->mapFromScene(item->mapToScene(item->boundingRect().center()));
}

} // namespace

class TestMapView : public QObject
{
    Q_OBJECT
private slots:
    void init() { QApplication::setPalette(QPalette()); }
    void oneColourTable();
    void cardsAndWires();
    void layoutIsStableWhenCardsComeAndGo();
    void newCardsFadeInVanishedGreyOut();
    void renamedInterfaceKeepsItsWire();
    void filterApplies();
    void clickSelectsInTreeAndDetails();
    void treeSelectionShownOnMap();
    void hoverHighlightsWires();
    void zoomAndFit();
    void exportSvgAndPng();
    void nestingMode();
    void cardFitsItsSubtitle();
    void nestingIsStableWhenBoxesComeAndGo();
    void treesDoNotFollowPollsUnderTheMap();
    void liveNamespacesAppearAndGo();
    void screenshots();
    void cleanupTestCase();
};

void TestMapView::oneColourTable()
{
    // The CLI's DOT has no palette; its net colour is the GUI's.
    QCOMPARE(gui::typeBaseColor(NsType::Net).name(),
             QString::fromLatin1(backend::netmap::kNetColor));
}

void TestMapView::cardsAndWires()
{
    auto w = mapWindow(4);
    MapView* map = w->mapView();
    QVERIFY(w->mapShown());
    QVERIFY(map->waitForLayout());
    QCOMPARE(map->cards().size(), 4 + 2 + 2); // containers, host, lab, two loopback-only
    QVERIFY(map->card(kHostNet));
    QCOMPARE(map->card(containerNet(0))->card().title, std::string("podman: web-0"));
    // 4 container veths + lab veth, 4 bridge ports, macvlan + vxlan, eth0 uplink.
    QCOMPARE(map->wires().size(), 5 + 4 + 2 + 1);
    for (const auto* wire : map->wires())
        QVERIFY(!wire->path().isEmpty());
    // No two cards overlap.
    const auto cards = map->cards();
    for (int i = 0; i < cards.size(); ++i)
        for (int j = i + 1; j < cards.size(); ++j)
            QVERIFY(!cards[i]
                         ->sceneBoundingRect()
                         .adjusted(3, 3, -3, -3)
                         .intersects(cards[j]->sceneBoundingRect().adjusted(3, 3, -3, -3)));
    // Loopback on demand: every card gets its "lo" port, bigger, laid out again.
    map->setShowLoopback(true);
    QVERIFY(map->waitForLayout());
    QCOMPARE(map->card(kHostNet)->card().ports.front().name, std::string("lo"));
    QVERIFY(map->lastLayoutMs() > 0);
}

void TestMapView::layoutIsStableWhenCardsComeAndGo()
{
    auto w = mapWindow(5);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    // A card keeps its top-left corner (one that grows, the host's with a new bridge port,
    // grows downwards).
    const auto corner = [](const gui::MapCardItem* c) { return c->sceneBoundingRect().topLeft(); };
    std::map<std::uint64_t, QPointF> before;
    for (const auto* c : map->cards())
        before[c->card().inode] = corner(c);
    // A sixth container starts.
    w->showOfflineSnapshot(ptr(mapFixture(6, 2)), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    QVERIFY(map->card(containerNet(5)));
    for (const auto& [inode, pos] : before)
        QCOMPARE(corner(map->card(inode)), pos);
    const QRectF added = map->card(containerNet(5))->sceneBoundingRect().adjusted(3, 3, -3, -3);
    for (const auto* c : map->cards())
        if (c->card().inode != containerNet(5))
            QVERIFY(!c->sceneBoundingRect().adjusted(3, 3, -3, -3).intersects(added));
    before[containerNet(5)] = corner(map->card(containerNet(5)));
    // Two go (container 2 and one loopback-only namespace): the others stay put.
    backend::Snapshot s = mapFixture(6, 1);
    std::erase_if(s.namespaces, [](const backend::Namespace& n) {
        return n.type == NsType::Net && n.inode == containerNet(2);
    });
    for (auto& n : s.namespaces)
        if (n.type == NsType::Net && n.inode == kHostNet)
            std::erase_if(*n.details.interfaces,
                          [](const backend::NetInterface& i) { return i.name == "veth2"; });
    w->showOfflineSnapshot(ptr(s), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    for (const auto& [inode, pos] : before)
        if (map->card(inode))
            QCOMPARE(corner(map->card(inode)), pos);
    w->showOfflineSnapshot(ptr(s), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    QVERIFY(!map->card(containerNet(2)));
    for (const auto& [inode, pos] : before)
        if (inode != containerNet(2) && inode != 4026540001u)
            QCOMPARE(corner(map->card(inode)), pos);
}

void TestMapView::newCardsFadeInVanishedGreyOut()
{
    auto w = mapWindow(2);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    QCOMPARE(map->card(containerNet(0))->opacity(), 1.0); // the first fill does not fade
    w->showOfflineSnapshot(ptr(mapFixture(3, 2)), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    auto* fresh = map->card(containerNet(2));
    QVERIFY(fresh);
    QVERIFY(fresh->opacity() < 1.0);
    QTRY_COMPARE(fresh->opacity(), 1.0);
    // Container 2 ends: greyed for one poll, with its wires gone; then removed.
    w->showOfflineSnapshot(ptr(mapFixture(2, 2)), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    QVERIFY(map->card(containerNet(2)));
    QVERIFY(map->card(containerNet(2))->isVanished());
    for (const auto* wire : map->wires())
        QVERIFY(wire->wire().fromCard != backend::netmap::cardId(containerNet(2)) &&
                wire->wire().toCard != backend::netmap::cardId(containerNet(2)));
    w->showOfflineSnapshot(ptr(mapFixture(2, 2)), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    QVERIFY(!map->card(containerNet(2)));
}

void TestMapView::renamedInterfaceKeepsItsWire()
{
    auto w = mapWindow(2);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    const auto wiresOf = [&](std::uint64_t inode) {
        QSet<QString> out;
        for (const auto* wire : map->wires())
            if (wire->wire().fromCard == backend::netmap::cardId(inode) ||
                wire->wire().toCard == backend::netmap::cardId(inode))
                out << QString::fromStdString(wire->wire().from + "|" + wire->wire().to);
        return out;
    };
    const QSet<QString> before = wiresOf(containerNet(1));
    QCOMPARE(before.size(), 1);
    auto* wireItem = map->wires().front();
    backend::Snapshot s = mapFixture(2, 2);
    for (auto& n : s.namespaces)
        if (n.type == NsType::Net && n.inode == containerNet(1))
            (*n.details.interfaces)[1].name = "ens3";
    w->showOfflineSnapshot(ptr(s), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    QCOMPARE(wiresOf(containerNet(1)), before);
    QVERIFY(map->wires().contains(wireItem)); // the same item, not a new one
    QCOMPARE(map->card(containerNet(1))->card().ports[0].name, std::string("ens3"));
}

void TestMapView::filterApplies()
{
    auto w = mapWindow(4);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    QLineEdit* field = w->filterBar()->searchField();
    QTest::keyClicks(field, QStringLiteral("web-3"));
    QTRY_VERIFY(!map->cardShown(containerNet(0)));
    QVERIFY(map->cardShown(containerNet(3)));
    QVERIFY(!map->cardShown(kHostNet));
    for (const auto* wire : map->wires())
        QVERIFY(!wire->isVisible()); // no wire to a hidden card
    // An address matches too.
    field->clear();
    QTest::keyClicks(field, QStringLiteral("192.0.2.50"));
    QTRY_VERIFY(map->cardShown(kLabNet));
    QVERIFY(!map->cardShown(containerNet(3)));
    field->clear();
    QTRY_VERIFY(map->cardShown(containerNet(0)));
    QVERIFY(map->cardShown(kHostNet));
}

void TestMapView::clickSelectsInTreeAndDetails()
{
    auto w = mapWindow(3);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    map->graphicsView()->centerOn(map->card(containerNet(1)));
    const QPoint at = onScreen(map, map->card(containerNet(1)));
    QTest::mouseClick(map->graphicsView()->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(w->mapShown()); // the map stays on screen
    const QModelIndex src = w->currentSourceIndex();
    QVERIFY(src.isValid());
    QCOMPARE(src.data(model::Role::Inode).toULongLong(), containerNet(1));
    QCOMPARE(src.data(model::Role::Type).toInt(), int(NsType::Net));
    QCOMPARE(w->detailsPane()->subject(), gui::DetailsPane::Subject::Namespace);
    QVERIFY(map->card(containerNet(1))->isSelected());
    QVERIFY(!map->card(containerNet(0))->isSelected());
    // Back to the tree: the row is selected there.
    w->setCurrentView(MainWindow::View::ByType);
    const QModelIndex cur = w->view(MainWindow::View::ByType)->currentIndex();
    QCOMPARE(cur.data(model::Role::Inode).toULongLong(), containerNet(1));
}

void TestMapView::treeSelectionShownOnMap()
{
    auto w = mapWindow(3);
    w->setCurrentView(MainWindow::View::ByType);
    QVERIFY(w->selectNamespace(NsType::Net, containerNet(2)));
    w->showMap();
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    QVERIFY(map->card(containerNet(2))->isSelected());
    // A process row: its network namespace's card.
    w->setCurrentView(MainWindow::View::Processes);
    QVERIFY(w->selectProcess(containerPid(0)));
    QVERIFY(map->card(containerNet(0))->isSelected());
    QVERIFY(!map->card(containerNet(2))->isSelected());
}

void TestMapView::hoverHighlightsWires()
{
    auto w = mapWindow(3);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    auto* card = map->card(containerNet(1));
    map->graphicsView()->centerOn(card);
    QTest::mouseMove(map->graphicsView()->viewport(), onScreen(map, card));
    const std::string id = backend::netmap::cardId(containerNet(1));
    const auto highlighted = [map] {
        int n = 0;
        for (const auto* wire : map->wires())
            n += wire->isHighlighted();
        return n;
    };
    QTRY_VERIFY(highlighted() > 0);
    for (const auto* wire : map->wires())
        QCOMPARE(wire->isHighlighted(), wire->wire().fromCard == id || wire->wire().toCard == id);
    // Away from every card: nothing highlighted.
    QTest::mouseMove(map->graphicsView()->viewport(), QPoint(2, 2));
    QTRY_COMPARE(highlighted(), 0);
}

void TestMapView::zoomAndFit()
{
    auto w = mapWindow(3);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    auto* view = map->graphicsView();
    view->setFocus();
    const qreal start = view->transform().m11();
    QTest::keyClick(view, Qt::Key_Plus);
    QVERIFY(view->transform().m11() > start * 1.2);
    QTest::keyClick(view, Qt::Key_Minus);
    QTest::keyClick(view, Qt::Key_Minus);
    QVERIFY(view->transform().m11() < start);
    QWheelEvent wheel(QPointF(100, 100), view->viewport()->mapToGlobal(QPointF(100, 100)), {},
                      QPoint(0, 240), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    const qreal beforeWheel = view->transform().m11();
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->transform().m11() > beforeWheel);
    QTest::keyClick(view, Qt::Key_F);
    // Fit: every card inside the viewport.
    const QRect vp = view->viewport()->rect();
    for (const auto* c : map->cards())
        QVERIFY(vp.contains(view->mapFromScene(c->sceneBoundingRect()).boundingRect()));
}

void TestMapView::exportSvgAndPng()
{
    auto w = mapWindow(3);
    MapView* map = w->mapView();
    QVERIFY(map->waitForLayout());
    QTemporaryDir dir;
    const QString svg = dir.filePath("map.svg"), png = dir.filePath("map.png");
    QCOMPARE(map->exportSvg(svg), QString());
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.contains("podman: web-0"));
    QVERIFY(text.contains(gui::typeColor(NsType::Net, w->palette()).name().toLatin1()));
    QCOMPARE(map->exportPng(png), QString());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(pictures::pixelsNear(image, gui::typeColor(NsType::Net, w->palette())) > 500);
    // Bad path: one line, no crash.
    const QString error = map->exportSvg(QStringLiteral("/nonexistent-dir/x.svg"));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains('\n'));
    QVERIFY(!map->exportPng(QStringLiteral("/nonexistent-dir/x.png")).isEmpty());
}

void TestMapView::nestingMode()
{
    auto w = mapWindow(2);
    MapView* map = w->mapView();
    map->setMode(MapView::Mode::Nesting);
    QVERIFY(map->waitForLayout());
    QCOMPARE(map->graphicsView()->scene(), map->nestingScene());
    QStringList titles;
    gui::MapNestItem* nginx = nullptr;
    for (auto* item : map->nestItems()) {
        titles << QString::fromStdString(item->box().title);
        if (item->box().pid == containerPid(0))
            nginx = item;
    }
    QVERIFY2(titles.contains(QStringLiteral("nginx  1000 \u203a 1")), qPrintable(titles.join('|')));
    QVERIFY(titles.contains(QStringLiteral("worker  1003 \u203a 2")));
    QVERIFY(nginx);
    // A click on a process selects it in the Processes tree and the details.
    map->graphicsView()->centerOn(nginx);
    QTest::mouseClick(map->graphicsView()->viewport(), Qt::LeftButton, {}, onScreen(map, nginx));
    QCOMPARE(w->selectedPid(), containerPid(0));
    QCOMPARE(w->detailsPane()->subject(), gui::DetailsPane::Subject::Process);
    QVERIFY(nginx->isSelected());
    // Type toggles apply: hiding mnt hides the mnt chips.
    model::FilterState f;
    f.types[backend::index(NsType::Mnt)] = false;
    map->setFilter(f);
    for (auto* item : map->nestItems())
        if (item->box().kind == backend::netmap::NestBox::Kind::Other &&
            item->box().type == NsType::Mnt)
            QVERIFY(!item->isVisible());
    map->setMode(MapView::Mode::Network);
    QVERIFY(map->waitForLayout());
    QCOMPARE(map->graphicsView()->scene(), map->networkScene());
}

// A card as wide as its painted subtitle ("net INODE · 6 processes"), which was left out of its
// width: a short title clipped it to "net 4026532405 · 6 process".
void TestMapView::cardFitsItsSubtitle()
{
    QFont font = QApplication::font();
    const QFontMetricsF fm(font);
    backend::netmap::Card card;
    card.id = "net:4026532405";
    card.title = "sh";
    card.subtitle = "net 4026532405";
    card.processes = 6;
    const QSizeF size = gui::MapCardItem::sizeFor(card, fm.averageCharWidth(), fm.height() * 1.25);
    QFont small = font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QString painted = QStringLiteral("net 4026532405 · ") + tr("%n process(es)", nullptr, 6);
    const qreal needed = QFontMetricsF(small).horizontalAdvance(painted) + 2 * 6; // kPad
    QVERIFY2(
        size.width() >= needed,
        qPrintable(
            QStringLiteral("card %1 wide, its subtitle needs %2").arg(size.width()).arg(needed)));
}

void TestMapView::nestingIsStableWhenBoxesComeAndGo()
{
    // The nesting mode is live like the network mode: a box keeps its place when another comes
    // or goes, a new one fades in, a vanished one is greyed for one poll, then goes.
    auto w = mapWindow(4);
    MapView* map = w->mapView();
    map->setMode(MapView::Mode::Nesting);
    QVERIFY(map->waitForLayout());
    const auto positions = [&] {
        std::map<std::string, QPointF> out;
        for (const auto* item : map->nestItems())
            out[item->box().id] = item->pos();
        return out;
    };
    const auto item = [&](const std::string& id) -> gui::MapNestItem* {
        for (auto* i : map->nestItems())
            if (i->box().id == id)
                return i;
        return nullptr;
    };
    for (const auto* i : map->nestItems())
        QCOMPARE(i->opacity(), 1.0); // the first fill does not fade
    const auto before = positions();
    const std::string c1Pid = "pid:" + std::to_string(containerNet(1) + 2);
    const std::string c4User = "user:" + std::to_string(containerNet(4) + 3);
    QVERIFY(before.count(c1Pid));
    QVERIFY(!before.count(c4User));

    // A fifth container starts (its own user namespace, in the host's): nothing else moves.
    w->showOfflineSnapshot(ptr(mapFixture(5, 2)), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    auto after = positions();
    for (const auto& [id, pos] : before) {
        QVERIFY2(after.count(id), id.c_str());
        QCOMPARE(after.at(id), pos);
    }
    gui::MapNestItem* fresh = item(c4User);
    QVERIFY(fresh);
    QVERIFY(fresh->opacity() < 1.0);
    QTRY_COMPARE(fresh->opacity(), 1.0);
    // Siblings do not overlap.
    const auto items = map->nestItems();
    for (const auto* a : items)
        for (const auto* b : items)
            if (a != b && a->zValue() == b->zValue())
                QVERIFY2(!a->sceneBoundingRect()
                              .adjusted(3, 3, -3, -3)
                              .intersects(b->sceneBoundingRect().adjusted(3, 3, -3, -3)),
                         (a->box().id + " over " + b->box().id).c_str());

    // Container 1 ends (its PID namespace nested in the host's, its chips in the host's user
    // box): greyed where it was for one poll, the others stay; then gone.
    backend::Snapshot s = mapFixture(5, 2);
    const auto ofC1 = [](std::uint64_t inode) {
        return inode >= containerNet(1) && inode <= containerNet(1) + 4;
    };
    std::erase_if(s.namespaces, [&](const backend::Namespace& n) { return ofC1(n.inode); });
    std::erase_if(s.processes, [](const backend::Process& p) {
        return p.pid == containerPid(1) || p.pid == containerPid(1) + 1;
    });
    w->showOfflineSnapshot(ptr(s), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    const auto kept = after;
    after = positions();
    for (const auto& [id, pos] : kept) {
        QVERIFY2(after.count(id), id.c_str());
        QCOMPARE(after.at(id), pos);
    }
    std::set<std::string> ghosts;
    for (const auto* i : map->nestItems())
        if (i->isVanished())
            ghosts.insert(i->box().id);
    QVERIFY(ghosts.count("ns:mnt:" + std::to_string(containerNet(1) + 4)));
    QVERIFY(item(c1Pid));
    QVERIFY(item(c1Pid)->isVanished());
    const std::string c1Proc =
        "proc:" + std::to_string(containerNet(1) + 2) + "/" + std::to_string(containerPid(1));
    QVERIFY(item(c1Proc) && item(c1Proc)->isVanished());
    QVERIFY(!item("pid:" + std::to_string(kHostPid))->isVanished());
    w->showOfflineSnapshot(ptr(s), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    QVERIFY(!item(c1Pid));
    QVERIFY(!item(c1Proc));
    after = positions();
    for (const auto& [id, pos] : kept) {
        QCOMPARE(after.count(id), ghosts.count(id) ? 0u : 1u);
        if (!ghosts.count(id))
            QCOMPARE(after.at(id), pos);
    }
    // The selection follows a process across polls (items kept, not rebuilt).
    map->setSelectedProcess(containerPid(0));
    w->showOfflineSnapshot(ptr(mapFixture(5, 2)), QStringLiteral("map.json"));
    QVERIFY(map->waitForLayout());
    for (const auto* i : map->nestItems())
        QCOMPARE(i->isSelected(), i->box().kind == backend::netmap::NestBox::Kind::Process &&
                                      i->box().pid == containerPid(0));
}

void TestMapView::treesDoNotFollowPollsUnderTheMap()
{
    // With the Map on screen the trees wait (their models are the GUI thread's largest cost);
    // they catch up when shown.
    auto w = mapWindow(2);
    QVERIFY(w->mapView()->waitForLayout());
    const model::SnapshotPtr next = ptr(mapFixture(3, 2));
    w->applySnapshot(next);
    QVERIFY(w->mapView()->waitForLayout());
    QVERIFY(w->mapView()->card(containerNet(2)));
    w->setCurrentView(MainWindow::View::ByType);
    QVERIFY(
        w->model(MainWindow::View::ByType)->findNamespace(NsType::Net, containerNet(2)).isValid());
}

namespace {

bool ip(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral("ip"), args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

// The live window, polling: a real named netns (ip netns add) gets its card with its real
// interface, fading in, and greys out then goes when it is deleted; the host's card stays put.
void TestMapView::liveNamespacesAppearAndGo()
{
    if (::geteuid() != 0)
        QFAIL("needs root to add a network namespace (ctest runs as root)");
    cleanupTestCase();
    MainWindow::Options o;
    o.live = true;
    o.loadSettings = false;
    MainWindow w(o);
    w.resize(1280, 800);
    w.show();
    w.showMap();
    MapView* map = w.mapView();
    const auto cardTitled = [map](const std::string& title) -> gui::MapCardItem* {
        for (auto* c : map->cards())
            if (c->card().title == title)
                return c;
        return nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(w.snapshot() && !map->isBusy() && !map->cards().isEmpty(), 60000);
    gui::MapCardItem* host = nullptr;
    for (auto* c : map->cards())
        if (c->card().initial)
            host = c;
    QVERIFY(host);
    const QPointF hostPos = host->pos();

    QVERIFY(ip({"netns", "add", "nsx-map-gui"}));
    QVERIFY(ip({"-n", "nsx-map-gui", "link", "add", "nsxmap-g0", "type", "veth", "peer", "name",
                "nsxmap-g1"}));
    QTRY_VERIFY_WITH_TIMEOUT(cardTitled("netns: nsx-map-gui"), 60000);
    gui::MapCardItem* card = cardTitled("netns: nsx-map-gui");
    QStringList ports;
    for (const auto& p : card->card().ports)
        ports << QString::fromStdString(p.name);
    QVERIFY2(ports.contains("nsxmap-g0") && ports.contains("nsxmap-g1"),
             qPrintable(ports.join(',')));
    QVERIFY(!ports.contains("lo"));
    QCOMPARE(host->pos(), hostPos);

    QVERIFY(ip({"netns", "del", "nsx-map-gui"}));
    QTRY_VERIFY_WITH_TIMEOUT(
        !cardTitled("netns: nsx-map-gui") || cardTitled("netns: nsx-map-gui")->isVanished(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!cardTitled("netns: nsx-map-gui"), 60000);
    QCOMPARE(host->pos(), hostPos);
}

void TestMapView::cleanupTestCase()
{
    QProcess p;
    p.start(QStringLiteral("ip"), {"netns", "del", "nsx-map-gui"});
    p.waitForFinished(30000);
}

void TestMapView::screenshots()
{
    for (const QPalette& pal : {QPalette(), gui::darkPalette()}) {
        QApplication::setPalette(pal);
        auto w = mapWindow(4);
        MapView* map = w->mapView();
        QVERIFY(map->waitForLayout());
        map->card(containerNet(0))->setSelected(true);
        map->graphicsView()->fit();
        QCoreApplication::processEvents();
        const char* theme = gui::isDarkPalette(pal) ? "dark" : "light";
        const QString name = QStringLiteral("map-%1").arg(QLatin1String(theme));
        QImage image = w->grab().toImage();
        if (const QString out = qEnvironmentVariable("NSX_MAP_SCREENSHOTS"); !out.isEmpty())
            QVERIFY(image.save(QDir(out).filePath(name + QStringLiteral(".png"))));
        QVERIFY2(pictures::distinctColours(image) > 50, qPrintable(name));
        QVERIFY2(pictures::pixelsNear(image, gui::typeColor(NsType::Net, pal)) > 500,
                 qPrintable(name));
        QVERIFY2(pictures::pixelsNear(image, pal.color(QPalette::Base), 0) >
                     image.width() * image.height() / 5,
                 qPrintable(name));
        // The nesting mode: user boxes in the user colour, PID boxes in the pid colour, the
        // namespaces a user namespace owns as chips in their type's base colour.
        map->setMode(MapView::Mode::Nesting);
        QVERIFY(map->waitForLayout());
        map->graphicsView()->fit();
        QCoreApplication::processEvents();
        image = w->grab().toImage();
        const QString nestName = QStringLiteral("map-nesting-%1").arg(QLatin1String(theme));
        if (const QString out = qEnvironmentVariable("NSX_MAP_SCREENSHOTS"); !out.isEmpty())
            QVERIFY(image.save(QDir(out).filePath(nestName + QStringLiteral(".png"))));
        for (NsType t : {NsType::User, NsType::Pid})
            QVERIFY2(pictures::pixelsNear(image, gui::typeColor(t, pal)) > 20,
                     qPrintable(nestName));
        for (NsType t : {NsType::Net, NsType::Mnt, NsType::Uts})
            QVERIFY2(pictures::pixelsNear(image, gui::typeBaseColor(t)) > 500,
                     qPrintable(nestName));
    }
}

QTEST_MAIN(TestMapView)
#include "tst_map_view.moc"
