// The tree views and the filter bar as a user meets them (issue 14's rough edges): the marks of
// the Processes view, the filter field's error state, and the keyboard paths between the search
// field and the results.
#include "chart_colors.h"
#include "filter_bar.h"
#include "namespace_models.h"
#include "snapshot_spec.h"
#include "tree_views.h"

#include <QApplication>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

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
    void invalidPatternGetsARedFrame_data();
    void invalidPatternGetsARedFrame();
    void searchTextIsNotRestored();
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

QTEST_MAIN(TstTreeViews)
#include "tst_tree_views.moc"
