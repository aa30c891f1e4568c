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

QTEST_MAIN(TstTreeViews)
#include "tst_tree_views.moc"
