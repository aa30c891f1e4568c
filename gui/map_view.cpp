#include "map_view.h"

#include "chart_colors.h"
#include "printable_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPropertyAnimation>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <set>

namespace nsx::gui {

using backend::NsType;
namespace netmap = backend::netmap;

struct MapView::Job
{
    model::SnapshotPtr snapshot;
    Mode mode = Mode::Network;
    bool loopback = false;
    qreal charWidth = 7, lineHeight = 16;
    // Where the cards on screen are (their centres), and the size of those about to vanish
    // (obstacles the new cards must not cover).
    std::map<std::string, std::pair<double, double>> pins;
    std::map<std::string, std::pair<double, double>> obstacleSizes;
    // The nesting picture on screen (its places are kept), null for a fresh layout.
    std::shared_ptr<const std::vector<netmap::NestBox>> nesting;
    // The graph on screen: a poll that leaves it as it is needs no layout and no apply.
    std::shared_ptr<const netmap::Graph> graph;
};

struct MapView::Result
{
    model::SnapshotPtr snapshot;
    Mode mode = Mode::Network;
    netmap::Graph graph;
    std::map<std::string, std::pair<double, double>> positions;
    std::vector<netmap::NestBox> nesting;
    QString error;
    double ms = 0;
    bool unchanged = false; // the same graph as job.graph (network mode)
};

namespace {

constexpr double kOutsideW = 100, kOutsideH = 44;

QString wireKey(const netmap::Wire& w)
{
    return QString::fromStdString(w.from) + QLatin1Char('|') + QString::fromStdString(w.to);
}

} // namespace

// --- MapGraphicsView -----------------------------------------------------------------------

void MapGraphicsView::zoomBy(qreal factor)
{
    const qreal now = transform().m11();
    const qreal target = std::clamp(now * factor, 0.02, 8.0);
    scale(target / now, target / now);
}

void MapGraphicsView::fit()
{
    if (scene() && !scene()->itemsBoundingRect().isEmpty())
        fitInView(scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    if (transform().m11() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5)); // a small picture is not blown up
}

void MapGraphicsView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void MapGraphicsView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::ZoomIn) || event->key() == Qt::Key_Plus ||
        event->key() == Qt::Key_Equal) {
        zoomBy(1.25);
    } else if (event->matches(QKeySequence::ZoomOut) || event->key() == Qt::Key_Minus) {
        zoomBy(0.8);
    } else if (event->key() == Qt::Key_F ||
               (event->key() == Qt::Key_0 && (event->modifiers() & Qt::ControlModifier))) {
        fit();
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

// --- MapView -------------------------------------------------------------------------------

MapView::MapView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("map"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    m_modeBox = new QComboBox(this);
    m_modeBox->addItem(tr("Network"));
    m_modeBox->addItem(tr("Nesting"));
    m_modeBox->setToolTip(tr("Network: namespaces as cards wired by their interfaces. Nesting: "
                             "user namespaces holding what they own, PID namespaces holding "
                             "their processes"));
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, [this](int i) { setMode(Mode(i)); });
    bar->addWidget(m_modeBox);
    m_loopbackBox = new QCheckBox(tr("&Loopback"), this);
    m_loopbackBox->setToolTip(tr("Show loopback interfaces as ports"));
    connect(m_loopbackBox, &QCheckBox::toggled, this, &MapView::setShowLoopback);
    bar->addWidget(m_loopbackBox);
    const auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        bar->addWidget(b);
        return b;
    };
    button(QStringLiteral("+"), tr("Zoom in (+, Ctrl+wheel)"), [this] { m_view->zoomBy(1.25); });
    button(QStringLiteral("−"), tr("Zoom out (-, Ctrl+wheel)"), [this] { m_view->zoomBy(0.8); });
    button(tr("Fit"), tr("Fit the picture in the view (F, Ctrl+0)"), [this] { m_view->fit(); });
    button(tr("Export…"), tr("Save the picture as SVG or PNG"), [this] { exportFromButton(); });
    m_info = new QLabel(this);
    bar->addWidget(m_info, 1);
    layout->addLayout(bar);

    m_netScene = new QGraphicsScene(this);
    m_nestScene = new QGraphicsScene(this);
    m_view = new MapGraphicsView(m_netScene, this);
    m_view->setObjectName(QStringLiteral("mapView"));
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    m_view->setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    m_view->setFocusPolicy(Qt::StrongFocus);
    layout->addWidget(m_view, 1);

    m_watcher = new QFutureWatcher<Result>(this);
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, &MapView::onJobFinished);
    restyle();
}

MapView::~MapView()
{
    m_watcher->waitForFinished();
}

void MapView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_modeBox->setCurrentIndex(int(mode));
    m_loopbackBox->setEnabled(mode == Mode::Network);
    m_view->setScene(mode == Mode::Network ? m_netScene : m_nestScene);
    m_dirty = m_snapshot != nullptr;
    startJob();
}

void MapView::setShowLoopback(bool show)
{
    if (show == m_loopback)
        return;
    m_loopback = show;
    m_loopbackBox->setChecked(show);
    m_dirty = m_snapshot != nullptr;
    m_forceRelayout = true; // every card changes its size
    startJob();
}

void MapView::setSnapshot(model::SnapshotPtr snapshot)
{
    if (!snapshot || snapshot == m_laidOut)
        return;
    m_snapshot = std::move(snapshot);
    m_dirty = true;
    startJob();
}

bool MapView::isBusy() const
{
    // Not the watcher's isRunning(): it turns false before finished() has been delivered.
    return m_dirty || m_running;
}

bool MapView::waitForLayout(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (isBusy() && t.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (isBusy())
            QThread::msleep(2);
    }
    return !isBusy();
}

void MapView::startJob()
{
    if (!m_dirty || m_running || !m_snapshot)
        return;
    m_dirty = false;
    m_running = true;
    Job job;
    job.snapshot = m_snapshot;
    job.mode = m_mode;
    job.loopback = m_loopback;
    job.charWidth = m_style.charWidth;
    job.lineHeight = m_style.lineHeight;
    if (m_mode == Mode::Network && !m_forceRelayout)
        for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
            const QPointF p = it.value()->pos();
            const std::string id = it.key().toStdString();
            job.pins[id] = {p.x(), p.y()};
            if (!it.value()->isVanished())
                job.obstacleSizes[id] = {it.value()->rect().width(), it.value()->rect().height()};
        }
    if (m_mode == Mode::Nesting && !m_forceRelayout)
        job.nesting = m_nesting;
    if (m_mode == Mode::Network && !m_forceRelayout && !m_anyVanished)
        job.graph = m_graph;
    m_forceRelayout = false;
    m_watcher->setFuture(QtConcurrent::run([job = std::move(job)] { return compute(job); }));
}

MapView::Result MapView::compute(const Job& job)
{
    QElapsedTimer t;
    t.start();
    Result r;
    r.snapshot = job.snapshot;
    r.mode = job.mode;
    try {
        if (job.mode == Mode::Nesting) {
            netmap::NestOptions o;
            o.charWidth = job.charWidth * 1.15; // averageCharWidth is narrower than digits
            o.lineHeight = job.lineHeight + 4;
            r.nesting = netmap::buildNesting(*job.snapshot, o, job.nesting.get());
        } else {
            r.graph = netmap::buildGraph(*job.snapshot, {job.loopback});
            if (job.graph && job.graph->hasOutside == r.graph.hasOutside &&
                job.graph->cards == r.graph.cards && job.graph->wires == r.graph.wires) {
                r.unchanged = true; // most polls: nothing to lay out, nothing to apply
                r.ms = double(t.nsecsElapsed()) / 1e6;
                return r;
            }
            std::vector<netmap::LayoutNode> nodes;
            std::set<std::string> inGraph;
            for (const netmap::Card& c : r.graph.cards) {
                const QSizeF s = MapCardItem::sizeFor(c, job.charWidth, job.lineHeight);
                netmap::LayoutNode n{c.id, s.width(), s.height(), std::nullopt};
                if (const auto it = job.pins.find(c.id); it != job.pins.end())
                    n.pinned = it->second;
                inGraph.insert(c.id);
                nodes.push_back(std::move(n));
            }
            if (r.graph.hasOutside) {
                netmap::LayoutNode n{netmap::kOutsideId, kOutsideW, kOutsideH, std::nullopt};
                if (const auto it = job.pins.find(n.id); it != job.pins.end())
                    n.pinned = it->second;
                inGraph.insert(n.id);
                nodes.push_back(std::move(n));
            }
            // Cards about to grey out stay where they are for one more poll: nothing new on them.
            for (const auto& [id, size] : job.obstacleSizes)
                if (!inGraph.count(id))
                    nodes.push_back({id, size.first, size.second, job.pins.at(id)});
            std::vector<netmap::LayoutEdge> edges;
            for (const netmap::Wire& w : r.graph.wires)
                edges.push_back({w.fromCard, w.toCard});
            r.positions = netmap::layout(nodes, edges);
        }
    } catch (const std::exception& e) {
        r.error = QString::fromUtf8(e.what());
    }
    r.ms = double(t.nsecsElapsed()) / 1e6;
    return r;
}

void MapView::onJobFinished()
{
    m_running = false;
    Result r = m_watcher->result();
    QElapsedTimer t;
    t.start();
    m_lastLayoutMs = r.ms;
    if (!r.error.isEmpty()) {
        m_info->setText(tr("Layout failed: %1").arg(r.error));
    } else if (r.mode == m_mode) {
        m_laidOut = r.snapshot;
        if (r.mode == Mode::Network)
            applyNetwork(r);
        else
            applyNesting(r);
    }
    m_lastApplyMs = double(t.nsecsElapsed()) / 1e6;
    startJob(); // a newer snapshot (or mode) waiting
    if (!isBusy())
        emit layoutDone();
}

void MapView::applyNetwork(Result& r)
{
    if (r.unchanged) {
        if (!m_filter.user.isEmpty())
            applyFilter(); // the user's processes may have moved between namespaces
        return;
    }
    const bool firstFill = m_nodes.isEmpty();
    // Thousands of cards: a bridge with 2,000 ports moves 2,000 wire ends per poll, and keeping
    // the BSP index up to date cost more than a linear walk to paint (bench_map: at 2,000
    // namespaces 300 ms a poll instead of 840; at 200 the index wins, 5 ms instead of 25).
    const auto method =
        r.graph.cards.size() > 1000 ? QGraphicsScene::NoIndex : QGraphicsScene::BspTreeIndex;
    if (m_netScene->itemIndexMethod() != method)
        m_netScene->setItemIndexMethod(method);
    std::set<QString> seen;
    std::set<std::string> touched; // cards new, changed or moved: their wires are rerouted
    const auto place = [&](MapNodeItem* item, bool fresh) {
        const auto it = r.positions.find(item->id().toStdString());
        if (it != r.positions.end() &&
            (fresh || item->pos() != QPointF(it->second.first, it->second.second))) {
            item->setPos(it->second.first, it->second.second);
            touched.insert(it->first);
        }
        if (fresh) {
            // Painted once into a pixmap, redrawn only when it changes: a poll that changes
            // nothing repaints 2,000 cards as blits.
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
            connect(item, &MapNodeItem::hovered, this, &MapView::onCardHovered);
            connect(item, &MapNodeItem::clicked, this, [this](const QString& id) {
                if (const auto inode = netmap::inodeOfCardId(id.toStdString()))
                    emit namespaceClicked(NsType::Net, *inode);
            });
            m_netScene->addItem(item);
            m_nodes.insert(item->id(), item);
            if (!firstFill) { // new cards fade in, as new rows do in the trees
                item->setOpacity(0);
                auto* a = new QPropertyAnimation(item, "opacity", item);
                a->setDuration(600);
                a->setStartValue(0.0);
                a->setEndValue(1.0);
                a->start(QAbstractAnimation::DeleteWhenStopped);
            }
        }
    };
    for (const netmap::Card& c : r.graph.cards) {
        const QString id = QString::fromStdString(c.id);
        seen.insert(id);
        if (auto* item = static_cast<MapCardItem*>(m_nodes.value(id))) {
            item->setVanished(false);
            place(item, false);
            if (!(item->card() == c)) {
                const qreal before = item->rect().height();
                item->setCard(c);
                // A card that grows or shrinks keeps its top where it was: the rows that did
                // not change keep their anchors, so their wires (2,000 on a busy bridge) are
                // neither rerouted nor repainted.
                const qreal dh = item->rect().height() - before;
                if (dh != 0)
                    item->setPos(item->pos() + QPointF(0, dh / 2));
                touched.insert(c.id);
            }
        } else {
            place(new MapCardItem(&m_style, c), true);
        }
    }
    if (r.graph.hasOutside) {
        const QString id = QString::fromLatin1(netmap::kOutsideId);
        seen.insert(id);
        if (MapNodeItem* item = m_nodes.value(id)) {
            item->setVanished(false);
            place(item, false);
        } else {
            place(new MapOutsideItem(&m_style), true);
        }
    }
    // Vanished: grey for one poll, then gone.
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (seen.count(it.key())) {
            ++it;
            continue;
        }
        if (it.value()->isVanished()) {
            delete it.value();
            it = m_nodes.erase(it);
        } else {
            it.value()->setVanished(true);
            ++it;
        }
    }
    m_anyVanished = false;
    for (const MapNodeItem* item : std::as_const(m_nodes))
        m_anyVanished |= item->isVanished();
    // Wires: by their two ends, kept when both stay.
    std::set<QString> wiresSeen;
    for (const netmap::Wire& w : r.graph.wires) {
        const QString key = wireKey(w);
        wiresSeen.insert(key);
        if (MapWireItem* item = m_wires.value(key)) {
            if (!(item->wire() == w)) {
                item->setWire(w);
                item->restyle();
                touched.insert(w.fromCard);
            }
        } else {
            auto* wi = new MapWireItem(&m_style, w);
            m_netScene->addItem(wi);
            m_wires.insert(key, wi);
            touched.insert(w.fromCard);
        }
    }
    for (auto it = m_wires.begin(); it != m_wires.end();) {
        if (wiresSeen.count(it.key())) {
            ++it;
        } else {
            delete it.value();
            it = m_wires.erase(it);
        }
    }
    rerouteWires(firstFill ? nullptr : &touched);
    applyFilter();
    if (m_selectedNs)
        setSelectedNamespace(m_selectedNs->first, m_selectedNs->second);
    // From the cards alone: itemsBoundingRect() would measure 2,000 wire curves too.
    QRectF bounds;
    for (const MapNodeItem* item : std::as_const(m_nodes))
        bounds |= item->sceneBoundingRect();
    m_netScene->setSceneRect(bounds.adjusted(-200, -200, 200, 200));
    m_info->setText(tr("%n network namespace(s)", nullptr, int(r.graph.cards.size())) +
                    QStringLiteral(" · ") + tr("%n wire(s)", nullptr, int(r.graph.wires.size())));
    if (!m_fitted) {
        m_fitted = true;
        m_view->fit();
    }
    m_graph = std::make_shared<const netmap::Graph>(std::move(r.graph));
}

void MapView::applyNesting(Result& r)
{
    // Items keyed by box id, as the cards are: a box still there keeps its item (moved or
    // repainted only when the layout says so), a new one fades in, a vanished one is the
    // layout's grey ghost for one poll, then its item goes.
    const bool firstFill = m_nestItems.isEmpty();
    std::set<QString> seen;
    std::function<void(const netmap::NestBox&, int)> add = [&](const netmap::NestBox& b,
                                                               int depth) {
        const QString id = QString::fromStdString(b.id);
        seen.insert(id);
        if (MapNestItem* known = m_nestItems.value(id)) {
            known->setBox(b);
        } else {
            auto* item = new MapNestItem(&m_style, b);
            item->setZValue(depth); // over the box holding it
            connect(item, &MapNestItem::clicked, this, [this](const netmap::NestBox& box) {
                if (box.kind == netmap::NestBox::Kind::Process)
                    emit processClicked(box.pid);
                else if (box.kind != netmap::NestBox::Kind::More && box.inode)
                    emit namespaceClicked(box.type, box.inode);
            });
            m_nestScene->addItem(item);
            m_nestItems.insert(id, item);
            if (!firstFill) { // new boxes fade in, as new rows do in the trees
                item->setOpacity(0);
                auto* a = new QPropertyAnimation(item, "opacity", item);
                a->setDuration(600);
                a->setStartValue(0.0);
                a->setEndValue(1.0);
                a->start(QAbstractAnimation::DeleteWhenStopped);
            }
        }
        for (const netmap::NestBox& c : b.children)
            add(c, depth + 1);
    };
    // Thousands of boxes: a linear walk to paint costs less than keeping the BSP index (as for
    // the cards).
    std::function<int(const netmap::NestBox&)> count = [&](const netmap::NestBox& b) {
        int n = 1;
        for (const netmap::NestBox& c : b.children)
            n += count(c);
        return n;
    };
    int boxes = 0;
    for (const netmap::NestBox& b : r.nesting)
        boxes += count(b);
    const auto method = boxes > 3000 ? QGraphicsScene::NoIndex : QGraphicsScene::BspTreeIndex;
    if (m_nestScene->itemIndexMethod() != method)
        m_nestScene->setItemIndexMethod(method);
    for (const netmap::NestBox& b : r.nesting)
        add(b, 0);
    for (auto it = m_nestItems.begin(); it != m_nestItems.end();) {
        if (seen.count(it.key())) {
            ++it;
        } else {
            delete it.value();
            it = m_nestItems.erase(it);
        }
    }
    m_nesting = std::make_shared<const std::vector<netmap::NestBox>>(std::move(r.nesting));
    int users = 0, pids = 0;
    for (const MapNestItem* item : std::as_const(m_nestItems)) {
        const auto kind = item->box().kind;
        users += kind == netmap::NestBox::Kind::User && !item->isVanished();
        pids += kind == netmap::NestBox::Kind::Pid && !item->isVanished();
    }
    m_info->setText(tr("%n user namespace(s)", nullptr, users) + QStringLiteral(" · ") +
                    tr("%n PID namespace(s)", nullptr, pids));
    applyFilter();
    if (m_selectedNs)
        setSelectedNamespace(m_selectedNs->first, m_selectedNs->second);
    if (m_selectedPid)
        setSelectedProcess(m_selectedPid);
    m_nestScene->setSceneRect(m_nestScene->itemsBoundingRect().adjusted(-100, -100, 100, 100));
    if (!m_nestFitted) {
        m_nestFitted = true;
        m_view->fit();
    }
}

void MapView::rerouteWires(const std::set<std::string>* only)
{
    for (MapWireItem* w : std::as_const(m_wires)) {
        if (only && !only->count(w->wire().fromCard) && !only->count(w->wire().toCard) &&
            !w->path().isEmpty())
            continue;
        const MapNodeItem* a = m_nodes.value(QString::fromStdString(w->wire().fromCard));
        const MapNodeItem* b = m_nodes.value(QString::fromStdString(w->wire().toCard));
        if (a && b)
            w->route(a, b);
    }
}

void MapView::setFilter(const model::FilterState& state)
{
    m_filter = state;
    applyFilter();
}

void MapView::applyFilter()
{
    const model::FilterState& f = m_filter;
    QRegularExpression re;
    if (!f.text.isEmpty()) {
        re = QRegularExpression(f.regex ? f.text : QRegularExpression::escape(f.text),
                                QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid())
            re = QRegularExpression();
    }
    const bool searching = re.isValid() && !re.pattern().isEmpty();
    const auto matches = [&](const QString& s) { return !searching || re.match(s).hasMatch(); };
    // Net namespaces with a process of the chosen user.
    std::set<std::uint64_t> ofUser;
    if (!f.user.isEmpty() && m_laidOut)
        for (const backend::Process& p : m_laidOut->processes)
            if (p.user && model::printable(*p.user) == f.user)
                if (const auto net = p.namespaces[backend::index(NsType::Net)])
                    ofUser.insert(*net);

    std::set<QString> shown;
    for (MapNodeItem* item : std::as_const(m_nodes)) {
        bool show = true;
        if (auto* card = qobject_cast<MapCardItem*>(item)) {
            const netmap::Card& c = card->card();
            show = f.types[backend::index(NsType::Net)] && !(f.nonInitialOnly && c.initial) &&
                   (f.user.isEmpty() || ofUser.count(c.inode));
            if (show && searching) {
                QStringList hay{model::printable(c.title), QString::number(c.inode)};
                for (const auto& a : c.addresses)
                    hay << QString::fromStdString(a);
                for (const auto& p : c.ports)
                    hay << model::printable(p.name);
                show = re.match(hay.join(QLatin1Char('\n'))).hasMatch();
            }
        } else {
            show = f.types[backend::index(NsType::Net)] && !f.nonInitialOnly;
        }
        item->setVisible(show);
        if (show)
            shown.insert(item->id());
    }
    for (MapWireItem* w : std::as_const(m_wires))
        w->setVisible(shown.count(QString::fromStdString(w->wire().fromCard)) &&
                      shown.count(QString::fromStdString(w->wire().toCard)));
    for (MapNestItem* item : std::as_const(m_nestItems)) {
        const netmap::NestBox& b = item->box();
        item->setVisible(b.kind != netmap::NestBox::Kind::Other || f.types[backend::index(b.type)]);
        item->setMatch(b.kind == netmap::NestBox::Kind::User || b.kind == netmap::NestBox::Kind::Pid
                           ? true
                           : matches(model::printable(b.title)));
    }
}

void MapView::setSelectedNamespace(NsType type, std::uint64_t inode)
{
    m_selectedNs = {type, inode};
    m_selectedPid = 0;
    const QString id = QString::fromStdString(netmap::cardId(inode));
    for (MapNodeItem* item : std::as_const(m_nodes))
        item->setSelected(type == NsType::Net && item->id() == id);
    for (MapNestItem* item : nestItems()) {
        const auto& b = item->box();
        item->setSelected(b.kind != netmap::NestBox::Kind::Process && b.type == type &&
                          b.inode == inode);
    }
}

void MapView::setSelectedProcess(int pid)
{
    m_selectedPid = pid;
    m_selectedNs.reset();
    std::optional<std::uint64_t> net;
    if (m_laidOut)
        if (const backend::Process* p = m_laidOut->findProcess(pid))
            net = p->namespaces[backend::index(NsType::Net)];
    const QString id = net ? QString::fromStdString(netmap::cardId(*net)) : QString();
    for (MapNodeItem* item : std::as_const(m_nodes))
        item->setSelected(net && item->id() == id);
    for (MapNestItem* item : nestItems())
        item->setSelected(item->box().kind == netmap::NestBox::Kind::Process &&
                          item->box().pid == pid);
}

void MapView::onCardHovered(const QString& id, bool on)
{
    const std::string sid = id.toStdString();
    for (MapWireItem* w : std::as_const(m_wires))
        if (w->wire().fromCard == sid || w->wire().toCard == sid)
            w->setHighlighted(on);
}

MapCardItem* MapView::card(std::uint64_t inode) const
{
    return qobject_cast<MapCardItem*>(m_nodes.value(QString::fromStdString(netmap::cardId(inode))));
}

QList<MapCardItem*> MapView::cards() const
{
    QList<MapCardItem*> out;
    for (MapNodeItem* item : m_nodes)
        if (auto* c = qobject_cast<MapCardItem*>(item))
            out << c;
    return out;
}

QList<MapWireItem*> MapView::wires() const
{
    return m_wires.values();
}

QList<MapNestItem*> MapView::nestItems() const
{
    return m_nestItems.values();
}

bool MapView::cardShown(std::uint64_t inode) const
{
    const MapCardItem* c = card(inode);
    return c && c->isVisible();
}

void MapView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        restyle();
}

void MapView::restyle()
{
    m_style.palette = palette();
    m_style.font = font();
    const QFontMetricsF fm(m_style.font);
    m_style.lineHeight = std::ceil(fm.height() * 1.25);
    m_style.charWidth = fm.averageCharWidth();
    const QBrush bg = m_style.palette.color(QPalette::Base);
    m_netScene->setBackgroundBrush(bg);
    m_nestScene->setBackgroundBrush(bg);
    for (MapWireItem* w : std::as_const(m_wires))
        w->restyle();
    m_netScene->update();
    m_nestScene->update();
}

// Cached items would be drawn as pixmaps: an SVG without text. Off while exporting.
class MapView::UncachedScene
{
public:
    explicit UncachedScene(QGraphicsScene* scene) : m_scene(scene)
    {
        for (QGraphicsItem* item : scene->items())
            if (item->cacheMode() != QGraphicsItem::NoCache) {
                m_cached.push_back(item);
                item->setCacheMode(QGraphicsItem::NoCache);
            }
    }
    ~UncachedScene()
    {
        for (QGraphicsItem* item : m_cached)
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    }

private:
    QGraphicsScene* m_scene;
    std::vector<QGraphicsItem*> m_cached;
};

QString MapView::exportSvg(const QString& path)
{
    QGraphicsScene* scene = m_view->scene();
    const UncachedScene uncached(scene);
    const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty())
        return tr("Nothing to export yet");
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, probe.errorString());
    probe.close();
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(source.size().toSize());
    gen.setViewBox(QRectF(QPointF(0, 0), source.size()));
    gen.setTitle(tr("nsexplorer map"));
    QPainter p(&gen);
    scene->render(&p, QRectF(QPointF(0, 0), source.size()), source);
    p.end();
    return {};
}

QString MapView::exportPng(const QString& path)
{
    QGraphicsScene* scene = m_view->scene();
    const UncachedScene uncached(scene); // drawn at the export's scale, not the screen's
    const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (source.isEmpty())
        return tr("Nothing to export yet");
    // Twice the on-screen size for sharp text, but no side above 16,000 pixels.
    const qreal scale = std::min<qreal>(2.0, 16000 / std::max(source.width(), source.height()));
    QImage img((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    img.fill(m_style.palette.color(QPalette::Base));
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    scene->render(&p, QRectF(QPointF(0, 0), source.size() * scale), source);
    p.end();
    if (!img.save(path, "PNG"))
        return tr("Cannot write %1").arg(path);
    return {};
}

void MapView::exportFromButton()
{
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export map"), QStringLiteral("nsexplorer-map.svg"),
                                     tr("SVG picture (*.svg);;PNG image (*.png)"), &filter);
    if (path.isEmpty())
        return;
    const QString error = path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)
                              ? exportPng(path)
                              : exportSvg(path);
    m_info->setText(error.isEmpty() ? tr("Saved %1").arg(QFileInfo(path).fileName()) : error);
}

} // namespace nsx::gui
