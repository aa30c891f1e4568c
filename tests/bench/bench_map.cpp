// Figures for the Map tab (issue 16), printed, never asserted: with the Map on screen in the real
// MainWindow, the GUI thread's time per poll (applySnapshot, applying the layout result, one
// synchronous repaint of the view) and the layout job's time on its worker thread, at 200 and
// 2,000 network namespaces (tests/model/netmap_fixtures.h: containers on a bridge, each poll one
// container comes or goes); the first (full) layout; and `map --format svg` (graph, DOT and
// libgvc rendering in process, and the CLI end to end on a snapshot file).
// Usage: bench_map [POLLS]   (default 10; QT_QPA_PLATFORM=offscreen is set for you)
#include "../model/netmap_fixtures.h"
#include "main_window.h"
#include "map_view.h"
#include "netmap.h"
#include "snapshot_io.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace nsx;
using namespace nsx::test;

namespace {

double ms(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

struct Stats
{
    std::vector<double> v;
    double median()
    {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0 : v[v.size() / 2];
    }
    double max() const { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }
};

void benchWindow(int nets, int polls)
{
    const int containers = nets - 2; // + the host and the lab
    gui::MainWindow::Options o;
    o.live = false;
    o.loadSettings = false;
    gui::MainWindow w(o);
    w.resize(1280, 800);
    w.show();
    auto first = std::make_shared<const backend::Snapshot>(mapFixture(containers));
    w.showOfflineSnapshot(first, QStringLiteral("bench"));
    QElapsedTimer t;
    t.start();
    w.showMap();
    gui::MapView* map = w.mapView();
    map->waitForLayout(600000);
    const double firstLayout = map->lastLayoutMs();
    const double firstApply = map->lastApplyMs();
    std::printf("%5d net namespaces: first layout %.1f ms (worker thread), applied in %.1f ms "
                "(GUI thread), %lld cards\n",
                nets, firstLayout, firstApply, (long long)map->cards().size());

    Stats gui, apply, layout, paint;
    for (int i = 0; i < polls; ++i) {
        // One container comes (even polls) or goes (odd polls).
        auto s =
            std::make_shared<const backend::Snapshot>(mapFixture(containers - (i % 2 ? 0 : 1)));
        t.restart();
        w.applySnapshot(s);
        const double a = ms(t);
        map->waitForLayout(600000);
        t.restart();
        map->graphicsView()->viewport()->repaint();
        const double p = ms(t);
        gui.v.push_back(a + map->lastApplyMs() + p);
        apply.v.push_back(map->lastApplyMs());
        layout.v.push_back(map->lastLayoutMs());
        paint.v.push_back(p);
    }
    std::printf("%5d net namespaces, %d polls: GUI thread per poll median %.2f ms (max %.2f): "
                "apply result %.2f, repaint %.2f; layout job (worker) median %.1f ms (max %.1f)\n",
                nets, polls, gui.median(), gui.max(), apply.median(), paint.median(),
                layout.median(), layout.max());

    // A poll that changes nothing in the network (most polls on a real machine).
    Stats same;
    const auto last = std::make_shared<const backend::Snapshot>(
        mapFixture(containers - ((polls - 1) % 2 ? 0 : 1)));
    for (int i = 0; i < polls; ++i) {
        auto s = std::make_shared<const backend::Snapshot>(*last);
        t.restart();
        w.applySnapshot(s);
        const double a = ms(t);
        map->waitForLayout(600000);
        t.restart();
        map->graphicsView()->viewport()->repaint();
        same.v.push_back(a + map->lastApplyMs() + ms(t));
    }
    std::printf("%5d net namespaces, %d polls that change no namespace: GUI thread per poll "
                "median %.2f ms (max %.2f)\n",
                nets, polls, same.median(), same.max());

    // The nesting mode, live the same way (one container comes or goes each poll).
    map->setMode(gui::MapView::Mode::Nesting);
    map->waitForLayout(600000);
    Stats ngui, nlayout;
    for (int i = 0; i < polls; ++i) {
        auto s =
            std::make_shared<const backend::Snapshot>(mapFixture(containers - (i % 2 ? 0 : 1)));
        t.restart();
        w.applySnapshot(s);
        const double a = ms(t);
        map->waitForLayout(600000);
        t.restart();
        map->graphicsView()->viewport()->repaint();
        ngui.v.push_back(a + map->lastApplyMs() + ms(t));
        nlayout.v.push_back(map->lastLayoutMs());
    }
    std::printf("%5d net namespaces, nesting mode, %d polls: GUI thread per poll median %.2f ms "
                "(max %.2f); layout job (worker) median %.1f ms\n",
                nets, polls, ngui.median(), ngui.max(), nlayout.median());
}

void benchSvg(int nets)
{
    const backend::Snapshot s = mapFixture(nets - 2);
    QElapsedTimer t;
    t.start();
    const auto g = backend::netmap::buildGraph(s);
    const double build = ms(t);
    t.restart();
    const std::string dot = backend::netmap::toDot(g);
    const double toDot = ms(t);
    t.restart();
    const std::string svg = backend::netmap::render(dot, "svg");
    const double render = ms(t);
    std::printf("%5d net namespaces: map --format svg in process: graph %.1f ms, DOT %.1f ms, "
                "libgvc layout+SVG %.1f ms (%zu bytes)\n",
                nets, build, toDot, render, svg.size());

    // The CLI end to end from a snapshot file (today's JSON reader: cards without topology
    // until the scanner's netlink keys are merged, so this times loading + a wire-less map).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QFile f(path);
    const std::string json = backend::toJson(s);
    if (!f.open(QIODevice::WriteOnly) || f.write(json.data(), qint64(json.size())) < 0)
        return;
    f.close();
    const QString cli = QCoreApplication::applicationDirPath() +
                        QStringLiteral("/../../backend/cli/nsexplorer-cli");
    QProcess p;
    t.restart();
    p.start(cli, {"map", "--format", "svg", "--from", path});
    p.waitForFinished(600000);
    std::printf("%5d net namespaces: nsexplorer-cli map --format svg --from FILE: %.0f ms "
                "(exit %d, %lld bytes)\n",
                nets, ms(t), p.exitCode(), (long long)p.readAllStandardOutput().size());
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int polls = argc > 1 ? std::max(2, std::atoi(argv[1])) : 10;
    for (int nets : {200, 2000}) {
        benchWindow(nets, polls);
        benchSvg(nets);
    }
    return 0;
}
