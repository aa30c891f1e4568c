// ChartsIntegration as MainWindow wires it (offscreen): the dock and menu entries exist, live
// snapshots feed the charts, the history and the recorder, an opened file feeds only the
// charts, a bar click selects the namespace in the tree, and the compare dialog follows the
// live view.
#include "chart_colors.h"
#include "chart_integration.h"
#include "charts_panel.h"
#include "compare_dialog.h"
#include "export_dialog.h"
#include "history.h"
#include "main_window.h"
#include "picture_checks.h"
#include "record_dialog.h"
#include "recorder.h"
#include "snapshot_fixtures.h"
#include "tree_views.h"

#include <QAction>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fixtures;
using nsx::gui::ChartsIntegration;
using nsx::gui::MainWindow;
using nsx::model::SnapshotPtr;

namespace {

SnapshotPtr ptr(Snapshot s)
{
    return std::make_shared<const Snapshot>(std::move(s));
}

Snapshot sample(const std::string& when, int extra = 0)
{
    std::vector<NsSpec> specs = hostNamespaces(4);
    specs.push_back({NsType::Net, 4026532010, {20, 21, 22}, "unshare"});
    for (int i = 0; i < extra; ++i)
        specs.push_back({NsType::Uts, 4026532100u + i, {30 + i}});
    return build(when, specs);
}

bool rowMentions(const QModelIndex& index, const QString& text)
{
    for (int c = 0; c < index.model()->columnCount(index.parent()); ++c)
        if (index.siblingAtColumn(c).data().toString().contains(text))
            return true;
    return false;
}

} // namespace

class TestChartIntegration : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void wiring();
    void dockHiddenUntilAskedAndRemembered();
    void screenshot();

private:
    QTemporaryDir m_settings;
};

void TestChartIntegration::initTestCase()
{
    // Never touch the real user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
}

// The charts dock takes no room by default: hidden until View > Charts; shown, it keeps less
// than half the window, and the choice survives a restart (QMainWindow state in QSettings).
void TestChartIntegration::dockHiddenUntilAskedAndRemembered()
{
    QSettings().clear();
    MainWindow::Options options;
    options.live = false;
    {
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* integration = window.findChild<ChartsIntegration*>();
        QVERIFY(!integration->dock()->isVisible());
        QAction* toggle = integration->dock()->toggleViewAction();
        QVERIFY(window.viewMenu()->actions().contains(toggle));
        QVERIFY(!toggle->isChecked());
        toggle->trigger();
        QTRY_VERIFY(integration->dock()->isVisible());
        QTRY_VERIFY(integration->dock()->height() < window.height() / 2);
        window.close(); // saves the state
    }
    {
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* integration = window.findChild<ChartsIntegration*>();
        QVERIFY(integration->dock()->isVisible());
        integration->dock()->toggleViewAction()->trigger();
        window.close();
    }
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.findChild<ChartsIntegration*>()->dock()->isVisible());
    window.close();
    QSettings().clear();
}

void TestChartIntegration::wiring()
{
    MainWindow::Options options;
    options.live = false;
    options.loadSettings = false;
    MainWindow window(options);
    // The window's own wiring (MainWindow::setupIntegrations), exactly once.
    QCOMPARE(window.findChildren<ChartsIntegration*>().size(), 1);
    auto* integration = window.findChild<ChartsIntegration*>();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Menus and dock.
    QVERIFY(window.fileMenu()->actions().contains(integration->exportAction()));
    QVERIFY(window.fileMenu()->actions().contains(integration->compareAction()));
    QVERIFY(window.fileMenu()->actions().contains(integration->recordAction()));
    QVERIFY(window.viewMenu()->actions().contains(integration->dock()->toggleViewAction()));
    QCOMPARE(integration->dock()->widget(), integration->charts());

    // A live snapshot reaches charts, history and recorder.
    QTemporaryDir recordings;
    integration->recorder()->setFolder(recordings.path());
    integration->recorder()->setEnabled(true);
    window.applySnapshot(ptr(sample("2026-11-29T06:00:00Z")));
    QCOMPARE(integration->history()->size(), 1);
    QVERIFY(integration->charts()->topNamespaceKeys().contains(
        nsx::gui::NamespaceKey{NsType::Net, 4026532010}));
    QVERIFY(integration->recorder()->waitForWrites(60000));
    QCOMPARE(integration->recorder()->recordedFiles().size(), 1);

    // A bar click selects the namespace in the tree.
    emit integration->charts()->namespaceActivated(NsType::Net, 4026532010);
    const QModelIndex current = window.view(window.currentView())->currentIndex();
    QVERIFY(current.isValid());
    QVERIFY(rowMentions(current, QStringLiteral("4026532010")));

    // The compare dialog follows the live view at its next refresh.
    nsx::gui::CompareDialog* compare = integration->openCompareDialog();
    QVERIFY(compare && compare->isVisible());
    compare->setSnapshot(nsx::gui::CompareDialog::Side::Before, ptr(sample("2026-11-29T06:00:00Z")),
                         QStringLiteral("first"));
    QCOMPARE(compare->summaryText(), QStringLiteral("No differences."));
    window.applySnapshot(ptr(sample("2026-11-29T06:00:01Z", 2)));
    QCOMPARE(integration->history()->size(), 2);
    QCOMPARE(integration->history()->events().size(), std::size_t(2));
    compare->refresh();
    QVERIFY2(compare->summaryText().startsWith(QLatin1String("Namespaces: 2 added")),
             qPrintable(compare->summaryText()));

    // An opened file: shown in the bar charts, not added to the history or recorded.
    window.showOfflineSnapshot(ptr(sample("2020-01-01T00:00:00Z", 5)), QStringLiteral("old.json"));
    QCOMPARE(integration->history()->size(), 2);
    // The history chart shows the file's moment, not the live session.
    QVERIFY(integration->shownHistory() != integration->history());
    QCOMPARE(integration->shownHistory()->size(), 1);
    QCOMPARE(integration->shownHistory()->latest().timeMs,
             QDateTime::fromString(QStringLiteral("2020-01-01T00:00:00Z"), Qt::ISODate)
                 .toMSecsSinceEpoch());
    QVERIFY(integration->charts()->topNamespaceKeys().contains(
        nsx::gui::NamespaceKey{NsType::Uts, 4026532104}));
    QVERIFY(integration->recorder()->waitForWrites(60000));
    QCOMPARE(integration->recorder()->recordedFiles().size(), 1);

    // The menu entries open their dialogs (modal ones are closed from inside their loop).
    bool sawExport = false;
    QTimer::singleShot(0, &window, [&sawExport] {
        auto* dialog = qobject_cast<nsx::gui::ExportDialog*>(QApplication::activeModalWidget());
        sawExport = dialog && dialog->format() == nsx::gui::ExportFormat::Json;
        if (dialog)
            dialog->reject();
    });
    integration->exportAction()->trigger();
    QVERIFY(sawExport);
    bool sawRecord = false;
    QTimer::singleShot(0, &window, [&sawRecord] {
        auto* dialog = qobject_cast<nsx::gui::RecordDialog*>(QApplication::activeModalWidget());
        sawRecord = dialog != nullptr;
        if (dialog)
            dialog->reject();
    });
    integration->recordAction()->trigger();
    QVERIFY(sawRecord);

    // "Export…" renders what is on screen, not what has the focus: with the focus in the
    // charts dock and the Processes tab current, the dialog names Processes and writes it.
    window.setCurrentView(MainWindow::View::Processes);
    integration->dock()->show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QChartView* history = integration->charts()->chartView(nsx::gui::ChartsPanel::Chart::History);
    integration->charts()->setCurrentChart(nsx::gui::ChartsPanel::Chart::History);
    history->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(integration->charts()->isAncestorOf(QApplication::focusWidget()),
                             20000);
    QWidget* processes = window.view(MainWindow::View::Processes);
    QCOMPARE(integration->currentViewWidget(), processes);
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("view.png"));
    QString named, offered;
    QWidget* chosen = nullptr;
    QTimer::singleShot(0, &window, [&] {
        auto* dialog = qobject_cast<nsx::gui::ExportDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->setFormat(nsx::gui::ExportFormat::Png);
        auto* choice = dialog->findChild<QComboBox*>(QStringLiteral("exportView"));
        if (choice && choice->isVisible()) {
            named = choice->currentText();
            for (int i = 0; i < choice->count(); ++i)
                offered += choice->itemText(i) + QLatin1Char(';');
        }
        chosen = dialog->view();
        dialog->setPath(png);
        if (!dialog->exportNow())
            dialog->reject();
    });
    integration->exportAction()->trigger();
    QCOMPARE(named, QStringLiteral("Processes tab"));
    // The chart on screen is offered too, by name, for whoever wants it instead.
    QCOMPARE(offered, QStringLiteral("Processes tab;History chart;"));
    QCOMPARE(chosen, processes);
    // The file is the Processes tree (its size), not the History chart.
    QVERIFY(QFileInfo::exists(png));
    QCOMPARE(QImage(png).size(), processes->size() * processes->devicePixelRatio());
    QVERIFY(QImage(png).size() != history->size() * history->devicePixelRatio());
}

// The window with the charts dock, as rendered, on each chart tab: the window's size, not
// blank, and the chart's type colours on screen. With NSX_CHARTS_SCREENSHOTS=DIR set the
// pictures are also written there.
void TestChartIntegration::screenshot()
{
    MainWindow::Options options;
    options.live = false;
    options.loadSettings = false;
    MainWindow window(options);
    auto* integration = window.findChild<ChartsIntegration*>();
    QVERIFY(integration);
    window.resize(1280, 900);
    window.show();
    integration->dock()->show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (int i = 0; i < 3; ++i)
        window.applySnapshot(
            ptr(sample(QStringLiteral("2026-11-29T06:00:0%1Z").arg(i).toStdString(), i)));
    QCOMPARE(integration->history()->size(), 3);
    const struct
    {
        nsx::gui::ChartsPanel::Chart chart;
        const char* name;
        NsType shown; // a type whose colour the chart draws (top: that of the largest bar)
    } tabs[] = {{nsx::gui::ChartsPanel::Chart::Types, "types", NsType::Uts},
                {nsx::gui::ChartsPanel::Chart::TopNamespaces, "top", NsType::Net /* see below */},
                {nsx::gui::ChartsPanel::Chart::History, "history", NsType::Uts}};
    for (const auto& tab : tabs) {
        integration->charts()->setCurrentChart(tab.chart);
        QTest::qWait(300); // the bar count is re-fitted shortly after the tab is shown
        const QString name = QStringLiteral("main-window-%1").arg(QLatin1String(tab.name));
        const QImage image = pictures::grab(&window, name);
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        QVERIFY2(pictures::distinctColours(image) > 100, qPrintable(name));
        const QImage chart = integration->charts()->chartView(tab.chart)->grab().toImage();
        const NsType shown = tab.chart == nsx::gui::ChartsPanel::Chart::TopNamespaces
                                 ? integration->charts()->topNamespaceKeys().value(0).type
                                 : tab.shown;
        QVERIFY2(pictures::pixelsNear(chart, nsx::gui::typeColor(shown, window.palette())) > 20,
                 qPrintable(name));
    }
}

QTEST_MAIN(TestChartIntegration)
#include "tst_chart_integration.moc"
