// The Map tab (issue 16): the namespaces as a picture, in two modes of one view.
//   Network — a card per network namespace with its interfaces as ports, wires for veth pairs,
//             bridge ports, lower devices and uplinks (backend/netmap.h builds the graph);
//   Nesting — user namespaces as boxes holding what they own, PID namespaces holding their
//             processes, each process with its PID at every level (NSpid).
// The graph and its layout (Graphviz's libgvc, backend::netmap::layout) are computed on a worker
// thread (QtConcurrent); the GUI thread only applies the result: it keeps every card it knows
// where it was (pinned), places new ones (fading in), greys out vanished ones for one poll, and
// applies the filter bar's state. A click on a card or box asks the main window to select that
// namespace or process (namespaceClicked / processClicked); hovering a card highlights its
// wires. Ctrl+wheel, +/- zoom; drag pans; F or Ctrl+0 fits; exportSvg / exportPng write what
// is drawn.
#pragma once

#include "filter_proxy.h"
#include "map_items.h"
#include "snapshot_ptr.h"

#include <QFutureWatcher>
#include <QGraphicsView>
#include <QHash>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

class QComboBox;
class QCheckBox;
class QGraphicsScene;
class QLabel;

namespace nsx::gui {

class MapGraphicsView : public QGraphicsView
{
    Q_OBJECT
public:
    using QGraphicsView::QGraphicsView;
    void zoomBy(qreal factor);
    void fit();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
};

class MapView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        Network = 0,
        Nesting = 1
    };

    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    bool showsLoopback() const { return m_loopback; }
    void setShowLoopback(bool show);

    // The latest snapshot; laid out off the GUI thread (a newer one replaces a waiting one).
    void setSnapshot(nsx::model::SnapshotPtr snapshot);
    void setFilter(const model::FilterState& state);
    // Highlights what the tree selected (a namespace of any type; a process: its boxes).
    void setSelectedNamespace(backend::NsType type, std::uint64_t inode);
    void setSelectedProcess(int pid);

    // True while a layout runs or waits; layoutDone() after each applied result.
    bool isBusy() const;
    // Blocks (tests, export from the CLI-less GUI) until the latest snapshot is on screen.
    bool waitForLayout(int timeoutMs = 10000);

    MapGraphicsView* graphicsView() const { return m_view; }
    QGraphicsScene* networkScene() const { return m_netScene; }
    QGraphicsScene* nestingScene() const { return m_nestScene; }
    // The card of a namespace (network mode), nullptr when not drawn.
    MapCardItem* card(std::uint64_t inode) const;
    QList<MapCardItem*> cards() const;
    QList<MapWireItem*> wires() const;
    QList<MapNestItem*> nestItems() const;
    // Whether the filter shows the card (network mode).
    bool cardShown(std::uint64_t inode) const;
    // Milliseconds of the last layout job (worker thread) and of applying it (GUI thread).
    double lastLayoutMs() const { return m_lastLayoutMs; }
    double lastApplyMs() const { return m_lastApplyMs; }

    // Writes the picture of the current mode; empty string on success, else a one-line error.
    QString exportSvg(const QString& path);
    QString exportPng(const QString& path);

signals:
    void namespaceClicked(nsx::backend::NsType type, quint64 inode);
    void processClicked(int pid);
    void layoutDone();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Job;
    struct Result;
    class UncachedScene;
    static Result compute(const Job& job);
    void startJob();
    void onJobFinished();
    void applyNetwork(Result& result);
    void applyNesting(Result& result);
    void applyFilter();
    // All wires, or those touching the given cards (and those never routed).
    void rerouteWires(const std::set<std::string>* only = nullptr);
    void onCardHovered(const QString& id, bool on);
    void restyle();
    void exportFromButton();

    Mode m_mode = Mode::Network;
    bool m_loopback = false;
    MapItemStyle m_style;
    MapGraphicsView* m_view = nullptr;
    QGraphicsScene* m_netScene = nullptr;
    QGraphicsScene* m_nestScene = nullptr;
    QComboBox* m_modeBox = nullptr;
    QCheckBox* m_loopbackBox = nullptr;
    QLabel* m_info = nullptr;

    model::SnapshotPtr m_snapshot; // the latest given
    model::SnapshotPtr m_laidOut;  // the one on screen
    bool m_dirty = false;          // m_snapshot (or the options) not yet laid out
    bool m_forceRelayout = false;  // forget the pins (the loopback toggle changed sizes)
    bool m_running = false;        // a job is out (until its result has been applied)
    QFutureWatcher<Result>* m_watcher = nullptr;
    std::shared_ptr<Result> m_pendingResult;

    QHash<QString, MapNodeItem*> m_nodes; // card ids and "outside"
    // The graph on screen, and whether a card on screen is a vanished one (it must go next).
    std::shared_ptr<const backend::netmap::Graph> m_graph;
    bool m_anyVanished = false;
    QHash<QString, MapNestItem*> m_nestItems; // nesting boxes by NestBox::id
    // The nesting picture on screen: the next layout keeps its boxes where they are.
    std::shared_ptr<const std::vector<backend::netmap::NestBox>> m_nesting;
    QHash<QString, MapWireItem*> m_wires; // "from|to"
    model::FilterState m_filter;
    std::optional<std::pair<backend::NsType, std::uint64_t>> m_selectedNs;
    int m_selectedPid = 0;
    bool m_fitted = false;
    bool m_nestFitted = false;
    double m_lastLayoutMs = 0, m_lastApplyMs = 0;
};

} // namespace nsx::gui
