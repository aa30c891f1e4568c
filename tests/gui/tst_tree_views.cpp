// The tree views and the filter bar as a user meets them (issue 14's rough edges): the marks of
// the Processes view, the filter field's error state, and the keyboard paths between the search
// field and the results.
#include "chart_colors.h"
#include "filter_bar.h"
#include "main_window.h"
#include "namespace_models.h"
#include "snapshot_spec.h"
#include "tree_views.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

using namespace nsx;
using namespace nsx::gui;
using namespace nsx::model;

namespace {

SnapshotPtr snap(const QString& spec)
{
    return std::make_shared<const backend::Snapshot>(test::snapshotFromSpec(spec));
}

// Pixels of exactly this colour inside a rectangle of the image.
int pixelsOf(const QImage& image, const QRect& rect, const QColor& color)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            if (image.pixelColor(x, y).rgb() == color.rgb())
                ++n;
    return n;
}

} // namespace

class TstTreeViews : public QObject
{
    Q_OBJECT
private slots:
    void processViewMarksInTheTypeColour();
    void newRowsAreNotSelectionColoured();
    void invalidPatternGetsARedFrame_data();
    void invalidPatternGetsARedFrame();
    void searchTextIsNotRestored();
    void keyboardBetweenSearchAndResults();
    void shiftF10OpensTheContextMenu();
    void focusFrameIsVisible();
    void mainWindowEscapeLeavesTheSearch();
};

void TstTreeViews::processViewMarksInTheTypeColour()
{
    ProcessTreeModel m;
    m.setSnapshot(snap("P1/0:a,u:c P2/1:e,u:c P3/2:e,u:c H:c=host N:e"));
    NsTreeView view(QStringLiteral("processes"));
    view.setModel(&m);
    view.resize(1400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.expandAll();
    const int netColumn =
        m.columnOf(Field(int(Field::NsFirst) + int(backend::index(backend::NsType::Net))));
    auto cellRect = [&](int pid) {
        const QModelIndex p = m.findProcess(pid);
        return view.visualRect(m.index(p.row(), netColumn, p.parent()));
    };
    QVERIFY(!cellRect(2).isEmpty());
    const QImage image = view.viewport()->grab().toImage();
    const QColor net = typeBaseColor(backend::NsType::Net);
    // pid 2 left pid 1's net namespace: a mark in the net colour; pid 3 shares pid 2's: none.
    QVERIFY2(pixelsOf(image, cellRect(2), net) >= 4,
             qPrintable(QString::number(pixelsOf(image, cellRect(2), net))));
    QCOMPARE(pixelsOf(image, cellRect(3), net), 0);
}

// A row that just appeared is tinted as "added" (the compare dialog's colour), not in a paler
// selection colour that reads as a second selection.
void TstTreeViews::newRowsAreNotSelectionColoured()
{
    ProcessTreeModel m;
    m.setSnapshot(snap("P1/0:a P2/1:a"));
    NsTreeView view(QStringLiteral("processes"));
    view.setModel(&m);
    view.resize(1400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    m.setSnapshot(snap("P1/0:a P2/1:a P3/1:a"));
    view.expandAll();
    const int netColumn =
        m.columnOf(Field(int(Field::NsFirst) + int(backend::index(backend::NsType::Net))));
    const QModelIndex p3 = m.findProcess(3);
    QVERIFY(p3.isValid());
    QCOMPARE(p3.data(Role::Age).toInt(), 0);
    // An empty cell of the new row (it shares its parent's net namespace).
    const QRect cell = view.visualRect(m.index(p3.row(), netColumn, p3.parent()));
    QVERIFY(!cell.isEmpty());
    const QColor tint = view.viewport()->grab().toImage().pixelColor(cell.center());
    const QColor base = view.palette().color(QPalette::Base);
    const QColor selection = view.palette().color(QPalette::Highlight);
    QVERIFY2(tint != base, "a new row is tinted");
    int apart = std::abs(tint.hslHue() - selection.hslHue());
    apart = std::min(apart, 360 - apart);
    QVERIFY2(apart >= 60, qPrintable(QStringLiteral("new-row tint %1 is %2 degrees from the "
                                                    "selection colour %3")
                                         .arg(tint.name())
                                         .arg(apart)
                                         .arg(selection.name())));
}

void TstTreeViews::invalidPatternGetsARedFrame_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TstTreeViews::invalidPatternGetsARedFrame()
{
    QFETCH(bool, dark);
    FilterBar bar;
    if (dark)
        bar.setPalette(darkPalette());
    bar.resize(900, 40);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QLineEdit* field = bar.searchField();
    const QColor frame = diffForeground(DiffKind::Removed, bar.palette());
    // Readable: the frame stands apart from the field's background.
    const QColor base = bar.palette().color(QPalette::Base);
    QVERIFY2(std::abs(frame.lightness() - base.lightness()) >= 60 ||
                 std::abs(frame.hue() - base.hue()) >= 60,
             qPrintable(frame.name() + QLatin1Char(' ') + base.name()));
    QCOMPARE(pixelsOf(field->grab().toImage(), field->rect(), frame), 0);

    bar.setPatternError(QStringLiteral("missing closing parenthesis"));
    QVERIFY(field->property("invalid").toBool());
    QVERIFY(field->toolTip().contains(QStringLiteral("missing closing parenthesis")));
    // A frame: its colour all along the top edge of the field.
    const QImage withError = field->grab().toImage();
    QVERIFY2(pixelsOf(withError, field->rect(), frame) >= field->width(),
             qPrintable(QString::number(pixelsOf(withError, field->rect(), frame))));

    bar.setPatternError({});
    QVERIFY(!field->property("invalid").toBool());
    QVERIFY(field->toolTip().isEmpty());
    QCOMPARE(pixelsOf(field->grab().toImage(), field->rect(), frame), 0);
}

void TstTreeViews::searchTextIsNotRestored()
{
    // Issue 14: every start shows everything; the toggles are preferences and come back.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("nsx.ini")), QSettings::IniFormat);
    {
        FilterBar bar;
        model::FilterState f;
        f.text = QStringLiteral("nginx");
        f.regex = true;
        f.types[backend::index(backend::NsType::Ipc)] = false;
        bar.setState(f);
        QCOMPARE(bar.state().text, QStringLiteral("nginx"));
        bar.saveSettings(settings);
    }
    // What an older version wrote is not read either.
    settings.setValue(QStringLiteral("filter/text"), QStringLiteral("old"));
    FilterBar again;
    again.loadSettings(settings);
    QCOMPARE(again.searchField()->text(), QString());
    QCOMPARE(again.state().text, QString());
    QCOMPARE(again.state().regex, true);
    QCOMPARE(again.state().types[backend::index(backend::NsType::Ipc)], false);
    again.saveSettings(settings);
    QVERIFY(!settings.contains(QStringLiteral("filter/text")));
}

void TstTreeViews::keyboardBetweenSearchAndResults()
{
    ProcessTreeModel m;
    m.setSnapshot(snap("P1/0:a P2/1:a=nginx P3/1:b"));
    QWidget top;
    auto* layout = new QVBoxLayout(&top);
    auto* bar = new FilterBar(&top);
    auto* view = new NsTreeView(QStringLiteral("processes"), &top);
    layout->addWidget(bar);
    layout->addWidget(view);
    view->setModel(&m);
    connect(bar, &FilterBar::resultsWanted, view, &NsTreeView::focusResults);
    top.show();
    QVERIFY(QTest::qWaitForWindowActive(&top));
    QLineEdit* field = bar->searchField();
    field->setFocus();
    QVERIFY(field->hasFocus());

    // Escape clears the search and stays; again, it leaves for the results, on the first row.
    QTest::keyClicks(field, QStringLiteral("ngi"));
    QTest::keyClick(field, Qt::Key_Escape);
    QCOMPARE(field->text(), QString());
    QVERIFY(field->hasFocus());
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(view->hasFocus());
    QCOMPARE(view->currentIndex().data(Role::Pid).toInt(), 1);

    // Down moves into the results; the current row is kept.
    view->setCurrentIndex(m.findProcess(3));
    field->setFocus();
    QTest::keyClick(field, Qt::Key_Down);
    QVERIFY(view->hasFocus());
    QCOMPARE(view->currentIndex().data(Role::Pid).toInt(), 3);

    // Enter applies the search at once (no typing pause) and moves into the results.
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("nginx"));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(bar->state().text, QStringLiteral("nginx"));
    QVERIFY(view->hasFocus());
}

void TstTreeViews::shiftF10OpensTheContextMenu()
{
    ProcessTreeModel m;
    m.setSnapshot(snap("P1/0:a P2/1:a P3/1:b"));
    NsTreeView view(QStringLiteral("processes"));
    view.setModel(&m);
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.expandAll();
    view.setCurrentIndex(m.findProcess(3));
    QSignalSpy menu(&view, &NsTreeView::contextMenuWanted);
    QTest::keyClick(&view, Qt::Key_F10, Qt::ShiftModifier);
    QCOMPARE(menu.size(), 1);
    QCOMPARE(menu[0][0].value<QModelIndex>().data(Role::Pid).toInt(), 3);
    // Next to the row, on the view.
    const QPoint at = view.viewport()->mapFromGlobal(menu[0][1].toPoint());
    QVERIFY(view.viewport()->rect().contains(at));
}

void TstTreeViews::focusFrameIsVisible()
{
    ProcessTreeModel m;
    m.setSnapshot(snap("P1/0:a P2/1:a"));
    QWidget top;
    auto* layout = new QVBoxLayout(&top);
    auto* other = new QLineEdit(&top);
    auto* view = new NsTreeView(QStringLiteral("processes"), &top);
    layout->addWidget(other);
    layout->addWidget(view);
    view->setModel(&m);
    top.resize(600, 300);
    top.show();
    QVERIFY(QTest::qWaitForWindowActive(&top));
    const QColor highlight = view->palette().color(QPalette::Highlight);
    // The frame's left edge, below the header: the highlight colour only while focused.
    auto edge = [&] {
        const QImage image = view->grab().toImage();
        return pixelsOf(image, QRect(0, view->header()->height() + 4, 2, 100), highlight);
    };
    other->setFocus();
    QTRY_VERIFY(other->hasFocus());
    QCOMPARE(edge(), 0);
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    QVERIFY2(edge() >= 100, qPrintable(QString::number(edge())));
}

void TstTreeViews::mainWindowEscapeLeavesTheSearch()
{
    // The window's one line of wiring: the filter bar's "results wanted" focuses the view shown.
    MainWindow::Options o;
    o.live = false;
    o.loadSettings = false;
    MainWindow w(o);
    w.show();
    w.showOfflineSnapshot(snap("P1/0:a P2/1:a=nginx P3/1:b"), QStringLiteral("t.json"));
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.setCurrentView(MainWindow::View::Processes);
    QLineEdit* field = w.filterBar()->searchField();
    field->setFocus();
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(w.view(MainWindow::View::Processes)->hasFocus());
    QVERIFY(w.view(MainWindow::View::Processes)->currentIndex().isValid());
}

QTEST_MAIN(TstTreeViews)
#include "tst_tree_views.moc"
