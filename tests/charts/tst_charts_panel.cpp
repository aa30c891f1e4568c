// ChartsPanel driven offscreen: bar values against the snapshot's counts, a real mouse click
// and the keyboard on the top-N bars, the history lines and launch/exit markers, PNG and SVG
// export read back, and re-theming when the palette turns dark.
// The screenshots slot checks every tab as rendered in both themes; with
// NSX_CHARTS_SCREENSHOTS=DIR set it also writes the pictures there.
#include "chart_colors.h"
#include "charts_panel.h"
#include "history.h"
#include "picture_checks.h"
#include "snapshot_fixtures.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace fixtures;
using nsx::gui::ChartsPanel;
using nsx::model::History;
using nsx::model::SnapshotPtr;

namespace {

SnapshotPtr ptr(Snapshot s)
{
    return std::make_shared<const Snapshot>(std::move(s));
}

std::string stamp(int seconds)
{
    return QDateTime(QDate(2026, 11, 29), QTime(6, 0), Qt::UTC)
        .addSecs(seconds)
        .toString(Qt::ISODate)
        .toStdString();
}

// Host with 6 processes; net namespaces with 4, 3 and 1 processes; one pid namespace with 2.
Snapshot sample(const std::string& when = stamp(0))
{
    return build(when, hostNamespaces(6) +
                           std::vector<NsSpec>{
                               {NsType::Net, 4026532010, {20, 21, 22, 23}, "docker-proxy"},
                               {NsType::Net, 4026532011, {30, 31, 32}},
                               {NsType::Net, 4026532012, {40}},
                               {NsType::Pid, 4026532020, {30, 31}},
                           });
}

qreal sumAt(const QList<QBarSet*>& sets, int category)
{
    qreal sum = 0;
    for (const QBarSet* set : sets)
        sum += set->at(category);
    return sum;
}

QString readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestChartsPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void typeBarsEqualCounts();
    void topBarsOrderAndLimit();
    void skipHostWhenInitUnreadable();
    void clickOnBarActivatesNamespace();
    void keyboardActivatesNamespace();
    void historyLinesAndMarkers();
    void busyHourFoldsMarkers();
    void exportPngAndSvg_data();
    void exportPngAndSvg();
    void exportErrorLeavesNothing();
    void darkPaletteRethemes();
    void eventMarkersUseNoTypeColour();
    void screenshots();

private:
    std::unique_ptr<ChartsPanel> m_panel;
};

void TestChartsPanel::init()
{
    m_panel = std::make_unique<ChartsPanel>();
    m_panel->resize(900, 560);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestChartsPanel::cleanup()
{
    m_panel.reset();
}

void TestChartsPanel::typeBarsEqualCounts()
{
    const Snapshot s = sample();
    m_panel->setSnapshot(ptr(s));
    auto* series = qobject_cast<QStackedBarSeries*>(
        m_panel->chart(ChartsPanel::Chart::Types)->series().value(0));
    QVERIFY(series);
    const auto sets = series->barSets();
    QCOMPARE(sets.size(), int(nsx::backend::kNsTypeCount));
    for (NsType type : nsx::backend::kAllNsTypes) {
        const int expected = int(std::count_if(s.namespaces.begin(), s.namespaces.end(),
                                               [type](const auto& ns) { return ns.type == type; }));
        // The type's own set carries the value (its colour), the column sums to the count.
        QCOMPARE(sets[int(index(type))]->at(int(index(type))), qreal(expected));
        QCOMPARE(sumAt(sets, int(index(type))), qreal(expected));
        QCOMPARE(sets[int(index(type))]->label(),
                 QString::fromLatin1(nsx::backend::toString(type)));
    }
    QCOMPARE(sumAt(sets, int(index(NsType::Net))), 4.0);
    QCOMPARE(sumAt(sets, int(index(NsType::Pid))), 2.0);

    // A new snapshot replaces the values (not adds to them).
    m_panel->setSnapshot(ptr(build(stamp(1), hostNamespaces(2))));
    QCOMPARE(sumAt(sets, int(index(NsType::Net))), 1.0);
    m_panel->setSnapshot(nullptr);
    QCOMPARE(sumAt(sets, int(index(NsType::Net))), 0.0);
}

void TestChartsPanel::topBarsOrderAndLimit()
{
    m_panel->setSnapshot(ptr(sample()));
    auto keys = m_panel->topNamespaceKeys();
    // 8 host namespaces (all with processes) + 3 nets + 1 pid = 12, below the default 15.
    QCOMPARE(keys.size(), 12);
    // Largest on top (the last category): the host namespaces hold all 6+8 = 14 host-side
    // pids... the host net holds only the 6 host pids plus none of the others' nets.
    auto* series = qobject_cast<QHorizontalStackedBarSeries*>(
        m_panel->chart(ChartsPanel::Chart::TopNamespaces)->series().value(0));
    QVERIFY(series);
    const auto sets = series->barSets();
    for (int i = 1; i < keys.size(); ++i)
        QVERIFY(sumAt(sets, i - 1) <= sumAt(sets, i));
    const auto ours =
        std::find(keys.begin(), keys.end(), nsx::gui::NamespaceKey{NsType::Net, 4026532010});
    QVERIFY(ours != keys.end());
    const int i = int(ours - keys.begin());
    QCOMPARE(sumAt(sets, i), 4.0);
    QCOMPARE(sets[int(index(NsType::Net))]->at(i), 4.0);

    // A short panel shows only the bars it can label, and says so.
    m_panel->setCurrentChart(ChartsPanel::Chart::TopNamespaces);
    m_panel->resize(900, 330);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->topNamespaceKeys().size() < 12, 20000);
    QVERIFY(!m_panel->topNamespaceKeys().isEmpty());
    QVERIFY2(m_panel->chart(ChartsPanel::Chart::TopNamespaces)
                 ->title()
                 .contains(QLatin1String("taller")),
             qPrintable(m_panel->chart(ChartsPanel::Chart::TopNamespaces)->title()));
    // The largest are the ones kept.
    QCOMPARE(m_panel->topNamespaceKeys().last(), keys.last());
    m_panel->resize(900, 900);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->topNamespaceKeys().size(), 12, 20000);

    // Without the host's eight: only the containers' namespaces, largest first.
    m_panel->setSkipHostNamespaces(true);
    keys = m_panel->topNamespaceKeys();
    QCOMPARE(keys.size(), 4);
    QCOMPARE(keys.last(), (nsx::gui::NamespaceKey{NsType::Net, 4026532010}));
    for (const auto& k : keys)
        QVERIFY(k.inode >= 4026532000);
    m_panel->setSkipHostNamespaces(false);

    m_panel->setTopN(3);
    keys = m_panel->topNamespaceKeys();
    QCOMPARE(keys.size(), 3);
    QCOMPARE(sets[0]->count(), 3);
}

void TestChartsPanel::skipHostWhenInitUnreadable()
{
    // PID 1's links refuse (EACCES even to root here): the host's namespaces are kthreadd's,
    // as in the tree, so "Leave out the host's namespaces" still leaves them out.
    const Snapshot s = withUnreadableInit(sample());
    QVERIFY(!s.findProcess(1)->namespaces[index(NsType::Net)]);
    m_panel->setSnapshot(ptr(s));
    m_panel->resize(900, 900);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->topNamespaceKeys().size(), 12, 20000);
    m_panel->setSkipHostNamespaces(true);
    const auto keys = m_panel->topNamespaceKeys();
    QCOMPARE(keys.size(), 4);
    for (const auto& k : keys)
        QVERIFY2(k.inode >= 4026532000, qPrintable(QString::number(k.inode)));
    // History counts the processes outside the same host namespaces: 4+3+1 outside its net.
    const auto sample = History::makeSample(s, 0);
    QCOMPARE(sample.isolatedProcesses[index(NsType::Net)], 8);
    QCOMPARE(sample.isolatedProcesses[index(NsType::Pid)], 2);
    QCOMPARE(sample.isolatedProcesses[index(NsType::Mnt)], 0);
}

void TestChartsPanel::clickOnBarActivatesNamespace()
{
    m_panel->setSnapshot(ptr(sample()));
    m_panel->setCurrentChart(ChartsPanel::Chart::TopNamespaces);
    QChartView* view = m_panel->chartView(ChartsPanel::Chart::TopNamespaces);
    QTRY_VERIFY_WITH_TIMEOUT(view->isVisible() && view->chart()->plotArea().width() > 50, 20000);
    QCoreApplication::processEvents();

    const auto keys = m_panel->topNamespaceKeys();
    const int target =
        int(std::find(keys.begin(), keys.end(), nsx::gui::NamespaceKey{NsType::Net, 4026532011}) -
            keys.begin());
    QVERIFY(target < keys.size());
    auto* series = view->chart()->series().value(0);
    // The middle of that bar (3 processes), in chart coordinates, then in the viewport's.
    const QPointF inChart = view->chart()->mapToPosition(QPointF(1.5, target), series);
    const QPoint inView = view->mapFromScene(view->chart()->mapToScene(inChart));

    QSignalSpy spy(m_panel.get(), &ChartsPanel::namespaceActivated);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, inView);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 20000);
    NSX_COMPARE_TYPE(spy.at(0).at(0).value<NsType>(), NsType::Net);
    QCOMPARE(spy.at(0).at(1).value<quint64>(), quint64(4026532011));

    // The handler directly, for the bar on top (the largest).
    m_panel->activateTopBar(int(keys.size()) - 1);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).value<quint64>(), keys.last().inode);
    // Out of range does nothing.
    m_panel->activateTopBar(int(keys.size()));
    m_panel->activateTopBar(-1);
    QCOMPARE(spy.count(), 2);
}

void TestChartsPanel::keyboardActivatesNamespace()
{
    m_panel->setSnapshot(ptr(sample()));
    m_panel->setCurrentChart(ChartsPanel::Chart::TopNamespaces);
    QChartView* view = m_panel->chartView(ChartsPanel::Chart::TopNamespaces);
    view->setFocus();
    QSignalSpy spy(m_panel.get(), &ChartsPanel::namespaceActivated);
    const auto keys = m_panel->topNamespaceKeys();
    QTest::keyClick(view, Qt::Key_Up);   // highlight the top bar
    QTest::keyClick(view, Qt::Key_Down); // one below it
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).value<quint64>(), keys[keys.size() - 2].inode);
    // The highlight follows the namespace across a poll with the same data.
    m_panel->setSnapshot(ptr(sample(stamp(1))));
    QTest::keyClick(view, Qt::Key_Enter);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).value<quint64>(), keys[keys.size() - 2].inode);
}

void TestChartsPanel::historyLinesAndMarkers()
{
    History history;
    m_panel->setCurrentChart(ChartsPanel::Chart::History);
    m_panel->setHistory(&history);
    const auto base = hostNamespaces(4);
    history.append(ptr(build(stamp(0), base)));
    history.append(ptr(build(
        stamp(1), base + std::vector<NsSpec>{{NsType::Net, 4026532100, {50, 51}, "unshare"}})));
    history.append(
        ptr(build(stamp(2), base + std::vector<NsSpec>{{NsType::Net, 4026532100, {50, 51}},
                                                       {NsType::Uts, 4026532101, {50}}})));
    history.append(
        ptr(build(stamp(3), base + std::vector<NsSpec>{{NsType::Uts, 4026532101, {50}}})));

    QChart* chart = m_panel->chart(ChartsPanel::Chart::History);
    QLineSeries* net = nullptr;
    for (auto* s : chart->series()) {
        if (s->name() == QLatin1String("net"))
            net = qobject_cast<QLineSeries*>(s);
    }
    QVERIFY(net);
    QCOMPARE(net->count(), 4);
    QCOMPARE(net->at(0).y(), 1.0);
    QCOMPARE(net->at(1).y(), 2.0);
    QCOMPARE(net->at(3).y(), 1.0);
    QCOMPARE(qint64(net->at(1).x()), History::snapshotTimeMs(build(stamp(1), base)));
    // Launches: net at poll 1, uts at poll 2. Exits: net at poll 3.
    QCOMPARE(m_panel->launchMarkerCount(), 2);
    QCOMPARE(m_panel->exitMarkerCount(), 1);

    m_panel->setHistoryMetric(ChartsPanel::HistoryMetric::IsolatedProcesses);
    QCOMPARE(net->at(0).y(), 0.0);
    QCOMPARE(net->at(1).y(), 2.0);
    QCOMPARE(net->at(3).y(), 0.0);

    // The time axis spans exactly the chosen window, ending at the newest sample.
    auto* axis = qobject_cast<QDateTimeAxis*>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(axis);
    for (qint64 window : {60'000LL, 600'000LL, 3'600'000LL}) {
        m_panel->setHistoryWindowMs(window);
        QCOMPARE(m_panel->historyWindowMs(), window);
        QCOMPARE(axis->max().toMSecsSinceEpoch() - axis->min().toMSecsSinceEpoch(), window);
        QCOMPARE(axis->max().toMSecsSinceEpoch(), history.latest().timeMs);
    }

    // While another tab is shown the panel does not redraw, and catches up when it returns.
    m_panel->setCurrentChart(ChartsPanel::Chart::Types);
    history.append(ptr(build(stamp(4), base)));
    QCOMPARE(net->count(), 4);
    m_panel->setCurrentChart(ChartsPanel::Chart::History);
    QCOMPARE(net->count(), 5);

    // Clicking a legend entry hides that line (it may hide another of equal counts) and
    // keeps the entry to click again.
    QLegendMarker* netMarker = chart->legend()->markers(net).value(0);
    QVERIFY(netMarker);
    emit netMarker->clicked();
    QVERIFY(!net->isVisible());
    QVERIFY(netMarker->isVisible());
    QVERIFY(netMarker->labelBrush().color().alphaF() < 1.0);
    emit netMarker->clicked();
    QVERIFY(net->isVisible());
    QCOMPARE(netMarker->labelBrush().color().alphaF(), 1.0);

    history.clear();
    QCOMPARE(net->count(), 0);
    QCOMPARE(m_panel->launchMarkerCount(), 0);
}

void TestChartsPanel::busyHourFoldsMarkers()
{
    // 200 polls a second apart, 20 namespaces appearing and vanishing every other poll: 4000
    // events. In the hour window (30 s slots) they fold into one launch and one exit marker
    // per slot instead of thousands of graphics items.
    History history;
    m_panel->setCurrentChart(ChartsPanel::Chart::History);
    m_panel->setHistoryWindowMs(3'600'000);
    m_panel->setHistory(&history);
    const auto base = hostNamespaces(2);
    for (int i = 0; i < 200; ++i) {
        auto specs = base;
        if (i % 2)
            for (int k = 0; k < 20; ++k)
                specs.push_back({NsType::Net, 4026533000u + k, {}});
        history.append(ptr(build(stamp(i), specs)));
    }
    QCOMPARE(history.events().size(), std::size_t(4000 - 20));
    const int maxSlots = 200 / 30 + 2; // the 200 s may straddle one more slot boundary
    QVERIFY2(m_panel->launchMarkerCount() > 0 && m_panel->launchMarkerCount() <= maxSlots,
             qPrintable(QString::number(m_panel->launchMarkerCount())));
    QVERIFY(m_panel->exitMarkerCount() > 0 && m_panel->exitMarkerCount() <= maxSlots);
    // In the minute window (polls 139..199) every poll with events has its own marker again:
    // launches at the 31 odd polls, exits at the 30 even ones.
    m_panel->setHistoryWindowMs(60'000);
    QCOMPARE(m_panel->launchMarkerCount(), 31);
    QCOMPARE(m_panel->exitMarkerCount(), 30);
}

void TestChartsPanel::exportPngAndSvg_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("types") << int(ChartsPanel::Chart::Types)
                           << QStringLiteral("Namespaces per type");
    QTest::newRow("top") << int(ChartsPanel::Chart::TopNamespaces)
                         << QStringLiteral("net:[4026532010]");
    QTest::newRow("history") << int(ChartsPanel::Chart::History) << QStringLiteral("launches");
}

void TestChartsPanel::exportPngAndSvg()
{
    QFETCH(int, which);
    QFETCH(QString, mustContain);
    const auto chart = ChartsPanel::Chart(which);
    History history;
    m_panel->setHistory(&history);
    history.append(ptr(build(stamp(0), hostNamespaces(3))));
    history.append(ptr(sample(stamp(1))));
    m_panel->setSnapshot(ptr(sample(stamp(1))));
    m_panel->setCurrentChart(chart);
    QCoreApplication::processEvents();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    QCOMPARE(m_panel->exportPng(chart, png), QString());
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), m_panel->chartView(chart)->size() * m_panel->devicePixelRatio());
    // Not a blank picture: more than a handful of distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 5, qPrintable(QString::number(colours.size())));

    const QString svg = dir.filePath(QStringLiteral("chart.svg"));
    QCOMPARE(m_panel->exportSvg(chart, svg), QString());
    const QString text = readAll(svg);
    QXmlStreamReader xml(text);
    int elements = 0;
    bool sawSvgRoot = false;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            ++elements;
            if (elements == 1)
                sawSvgRoot = xml.name() == QLatin1String("svg");
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawSvgRoot);
    QVERIFY(elements > 20);
    QVERIFY2(text.contains(mustContain), qPrintable(mustContain));
    // The series' shapes are vector paths, not one embedded bitmap.
    QVERIFY(text.contains(QLatin1String("<path")) || text.contains(QLatin1String("<polyline")));
    QVERIFY(!text.contains(QLatin1String("<image")));
    // No temporary files left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
}

void TestChartsPanel::exportErrorLeavesNothing()
{
    m_panel->setSnapshot(ptr(sample()));
    QTemporaryDir dir;
    // A regular file where a folder should be: fails for root as well.
    const QString file = dir.filePath(QStringLiteral("plain-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QString error =
        m_panel->exportPng(ChartsPanel::Chart::Types, file + QStringLiteral("/chart.png"));
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("chart.png")), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestChartsPanel::darkPaletteRethemes()
{
    m_panel->setSnapshot(ptr(sample()));
    QChart* chart = m_panel->chart(ChartsPanel::Chart::Types);
    const QPalette light = m_panel->palette();
    QVERIFY(!nsx::gui::isDarkPalette(light));
    QCOMPARE(chart->theme(), QChart::ChartThemeLight);
    QCOMPARE(chart->backgroundBrush().color(), light.color(QPalette::Base));

    const QPalette dark = nsx::gui::darkPalette();
    m_panel->setPalette(dark); // delivers QEvent::PaletteChange
    for (auto which : {ChartsPanel::Chart::Types, ChartsPanel::Chart::TopNamespaces,
                       ChartsPanel::Chart::History}) {
        QChart* c = m_panel->chart(which);
        QCOMPARE(c->theme(), QChart::ChartThemeDark);
        QCOMPARE(c->backgroundBrush().color(), dark.color(QPalette::Base));
        QCOMPARE(c->titleBrush().color(), dark.color(QPalette::Text));
        QCOMPARE(c->axes().value(0)->labelsBrush().color(), dark.color(QPalette::Text));
    }
    auto* series = qobject_cast<QStackedBarSeries*>(chart->series().value(0));
    QCOMPARE(series->barSets()[int(index(NsType::Net))]->color(),
             nsx::gui::typeColor(NsType::Net, dark));
    QVERIFY(nsx::gui::typeColor(NsType::Net, dark) != nsx::gui::typeColor(NsType::Net, light));

    // And back: a light palette from the application (inherited, not set on the panel).
    auto* top = m_panel->chart(ChartsPanel::Chart::TopNamespaces);
    const qreal labelSize = top->axes(Qt::Vertical).value(0)->labelsFont().pointSizeF();
    m_panel->setPalette(QPalette());
    // Re-theming keeps the fonts as they were (nothing shrinks or grows per palette change).
    QCOMPARE(top->axes(Qt::Vertical).value(0)->labelsFont().pointSizeF(), labelSize);
    QCOMPARE(chart->theme(), QChart::ChartThemeLight);
    QCOMPARE(chart->backgroundBrush().color(), QApplication::palette().color(QPalette::Base));
}

// The launch and exit markers: in both themes, no colour a type uses (not near in hue and
// saturation to any type's line), readable on the chart's background, told apart by shape.
void TestChartsPanel::eventMarkersUseNoTypeColour()
{
    m_panel->setCurrentChart(ChartsPanel::Chart::History);
    QChart* chart = m_panel->chart(ChartsPanel::Chart::History);
    QScatterSeries *launches = nullptr, *exits = nullptr;
    for (auto* s : chart->series()) {
        if (s->name() == QLatin1String("launches"))
            launches = qobject_cast<QScatterSeries*>(s);
        if (s->name() == QLatin1String("exits"))
            exits = qobject_cast<QScatterSeries*>(s);
    }
    QVERIFY(launches && exits);
    QVERIFY(launches->markerShape() != exits->markerShape());
    // Near: hues within 40 degrees (a grey has none) and saturations within 0.5.
    const auto near = [](const QColor& a, const QColor& b) {
        if (a.hslHue() < 0 || b.hslHue() < 0)
            return false;
        const int dh = std::abs(a.hslHue() - b.hslHue());
        return std::min(dh, 360 - dh) < 40 &&
               std::abs(a.hslSaturationF() - b.hslSaturationF()) < 0.5;
    };
    for (const QPalette& pal : {QApplication::palette(), nsx::gui::darkPalette()}) {
        m_panel->setPalette(pal);
        const qreal background = chart->backgroundBrush().color().lightnessF();
        for (QScatterSeries* s : {launches, exits}) {
            const QColor c = s->color();
            for (NsType t : nsx::backend::kAllNsTypes)
                QVERIFY2(
                    !near(c, nsx::gui::typeColor(t, pal)) && !near(c, nsx::gui::typeBaseColor(t)),
                    qPrintable(s->name() + QLatin1String(" looks like ") +
                               QString::fromLatin1(nsx::backend::toString(t).data(),
                                                   qsizetype(nsx::backend::toString(t).size()))));
            QVERIFY2(std::abs(c.lightnessF() - background) > 0.3,
                     qPrintable(s->name() + QLatin1String(" hardly shows on ") +
                                chart->backgroundBrush().color().name()));
        }
    }
}

// Every tab in both themes, as rendered: the panel's size, not blank, the palette's base as
// the background and each type's colour where its bars or line are.
void TestChartsPanel::screenshots()
{
    History history;
    m_panel->setHistory(&history);
    const auto base = hostNamespaces(6);
    const std::vector<NsSpec> extra{{NsType::Net, 4026532100, {50, 51}, "unshare"},
                                    {NsType::Uts, 4026532101, {50}}};
    for (int i = 0; i < 4; ++i) {
        auto s = ptr(build(stamp(i), i % 2 ? base + extra : base));
        history.append(s);
        m_panel->setSnapshot(s);
    }
    m_panel->setHistoryWindowMs(60'000);

    const struct
    {
        ChartsPanel::Chart chart;
        const char* name;
    } tabs[] = {{ChartsPanel::Chart::Types, "types"},
                {ChartsPanel::Chart::TopNamespaces, "top"},
                {ChartsPanel::Chart::History, "history"}};
    for (const QPalette& pal : {QPalette(), nsx::gui::darkPalette()}) {
        m_panel->setPalette(pal);
        const char* theme = nsx::gui::isDarkPalette(pal) ? "dark" : "light";
        for (const auto& tab : tabs) {
            m_panel->setCurrentChart(tab.chart);
            QCoreApplication::processEvents();
            const QString name = QStringLiteral("charts-%1-%2").arg(tab.name, theme);
            const QImage image = pictures::grab(m_panel.get(), name);
            QCOMPARE(image.size(), m_panel->size() * m_panel->devicePixelRatio());
            QVERIFY2(pictures::distinctColours(image) > 50, qPrintable(name));
            QVERIFY2(pictures::pixelsNear(image, pal.color(QPalette::Base), 0) >
                         image.width() * image.height() / 4,
                     qPrintable(name));
            for (NsType t : {NsType::Net, NsType::Uts})
                QVERIFY2(
                    pictures::pixelsNear(image, nsx::gui::typeColor(t, pal)) > 20,
                    qPrintable(name + QLatin1Char(' ') + QLatin1String(nsx::backend::toString(t))));
        }
    }
}

QTEST_MAIN(TestChartsPanel)
#include "tst_charts_panel.moc"
