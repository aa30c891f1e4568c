// The details pane's lists of links: a long list of processes is folded with a count and
// unfolds on a click; a list wraps between links, never inside one.
#include "chart_common.h"
#include "details_pane.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QChartView>
#include <QClipboard>
#include <QLineEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QVBoxLayout>

#include <memory>

using nsx::backend::Namespace;
using nsx::backend::NsType;
using nsx::backend::Process;
using nsx::backend::Snapshot;
using nsx::gui::DetailsPane;

namespace {

constexpr std::uint64_t kInode = 4026532100;

// A net namespace held by `count` processes whose names have spaces and hyphens.
nsx::model::SnapshotPtr machine(int count)
{
    auto s = std::make_shared<Snapshot>();
    Namespace ns;
    ns.type = NsType::Net;
    ns.inode = kInode;
    for (int i = 0; i < count; ++i) {
        Process p;
        p.pid = 1000 + i;
        p.ppid = 1;
        p.comm =
            "kworker-u8 ev-" + std::string(std::size_t(i * 5 % 9), 'x') + " " + std::to_string(i);
        p.namespaces[nsx::backend::index(NsType::Net)] = kInode;
        s->processes.push_back(p);
        ns.processes.push_back(p.pid);
    }
    s->namespaces.push_back(ns);
    return s;
}

int processLinks(const DetailsPane& pane)
{
    return int(pane.toHtml().count(QStringLiteral("nsx:process?pid=")));
}

} // namespace

class DetailsPaneTest : public QObject
{
    Q_OBJECT

private slots:
    void longProcessListIsFolded()
    {
        DetailsPane pane;
        const auto s = machine(84);
        pane.showNamespace(s, NsType::Net, kInode, 0);
        QCOMPARE(processLinks(pane), 20);
        QVERIFY2(pane.toPlainText().contains(QStringLiteral("show all 84")),
                 qPrintable(pane.toPlainText()));
        emit pane.anchorClicked(QUrl(QStringLiteral("nsx:more")));
        QCOMPARE(processLinks(pane), 84);
        QVERIFY(pane.toPlainText().contains(QStringLiteral("show fewer")));
        // A poll keeps it unfolded; another namespace starts folded again.
        pane.refresh(machine(84));
        QCOMPARE(processLinks(pane), 84);
        emit pane.anchorClicked(QUrl(QStringLiteral("nsx:less")));
        QCOMPARE(processLinks(pane), 20);
        // A short list has no fold.
        pane.showNamespace(machine(5), NsType::Net, kInode, 0);
        QCOMPARE(processLinks(pane), 5);
        QVERIFY(!pane.toPlainText().contains(QStringLiteral("show all")));
    }

    void negativeTimeOffsets_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<qint64>("nanoseconds");
        QTest::addColumn<QString>("shown");
        QTest::newRow("-2 s + 0.75 s") << qint64(-2) << qint64(750000000) << "-1.250000000 s";
        QTest::newRow("-1 s + 0.5 s") << qint64(-1) << qint64(500000000) << "-0.500000000 s";
        QTest::newRow("-3 s") << qint64(-3) << qint64(0) << "-3 s";
        QTest::newRow("+86400.5 s") << qint64(86400) << qint64(500000000) << "86400.500000000 s";
    }

    void negativeTimeOffsets()
    {
        QFETCH(qint64, seconds);
        QFETCH(qint64, nanoseconds);
        QFETCH(QString, shown);
        auto s = std::make_shared<Snapshot>();
        Namespace ns;
        ns.type = NsType::Time;
        ns.inode = kInode;
        ns.details.monotonicOffset = nsx::backend::TimeOffset{seconds, nanoseconds};
        s->namespaces.push_back(ns);
        DetailsPane pane;
        pane.showNamespace(s, NsType::Time, kInode, 0);
        QVERIFY2(pane.toPlainText().contains(shown), qPrintable(pane.toPlainText()));
    }

    // Issue 16: a net namespace's default routes, one line each (on-link without "via").
    void defaultRoutes()
    {
        auto s = std::make_shared<Snapshot>();
        Namespace ns;
        ns.type = NsType::Net;
        ns.inode = kInode;
        ns.details.defaultRoutes = std::vector<nsx::backend::NetRoute>{
            {"inet", std::string("192.0.2.1"), "eth0"}, {"inet6", std::nullopt, "wg0"}};
        s->namespaces.push_back(ns);
        DetailsPane pane;
        pane.showNamespace(s, NsType::Net, kInode, 0);
        const QString text = pane.toPlainText();
        QVERIFY2(text.contains("Default routes"), qPrintable(text));
        QVERIFY2(text.contains("inet via 192.0.2.1 dev eth0"), qPrintable(text));
        QVERIFY2(text.contains("inet6 on-link dev wg0"), qPrintable(text));
    }

    // Tab into the details pane or a chart and the focus shows (a highlight-coloured frame).
    void focusFrameOnDetailsAndCharts()
    {
        QWidget top;
        auto* layout = new QVBoxLayout(&top);
        auto* other = new QLineEdit(&top);
        auto* pane = new DetailsPane(&top);
        auto* chart = new QChart;
        QChartView* view = nsx::gui::makeChartView(chart);
        layout->addWidget(other);
        layout->addWidget(pane);
        layout->addWidget(view);
        pane->showNamespace(machine(3), NsType::Net, kInode, 0);
        top.resize(500, 600);
        top.show();
        QVERIFY(QTest::qWaitForWindowActive(&top));
        for (QWidget* w : {static_cast<QWidget*>(pane), static_cast<QWidget*>(view)}) {
            const QColor highlight = w->palette().color(QPalette::Highlight);
            auto edge = [&] {
                const QImage image = w->grab().toImage();
                int n = 0;
                for (int y = 10; y < image.height() - 10; ++y)
                    n += image.pixelColor(0, y).rgb() == highlight.rgb() ? 1 : 0;
                return n;
            };
            other->setFocus();
            QTRY_VERIFY(other->hasFocus());
            QCOMPARE(edge(), 0);
            w->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(w->hasFocus());
            QVERIFY2(edge() >= (w->height() - 20) * 9 / 10,
                     qPrintable(QStringLiteral("%1: %2 of %3 px of the left edge")
                                    .arg(QLatin1String(w->metaObject()->className()))
                                    .arg(edge())
                                    .arg(w->height() - 20)));
        }
    }

    void listsWrapBetweenLinks()
    {
        DetailsPane pane;
        pane.resize(460, 800);
        pane.show();
        pane.showNamespace(machine(20), NsType::Net, kInode, 0);
        pane.document()->setTextWidth(420);
        pane.document()->documentLayout(); // laid out
        int wrapped = 0;
        for (QTextBlock b = pane.document()->begin(); b.isValid(); b = b.next()) {
            const QString text = b.text();
            if (!text.contains(QStringLiteral("1000")))
                continue;
            QTextLayout* layout = b.layout();
            for (int i = 1; i < layout->lineCount(); ++i) {
                const int start = layout->lineAt(i).textStart();
                ++wrapped;
                // Every line of the list starts right after a ", " between two links.
                QVERIFY2(start >= 2 && text.mid(start - 2, 2) == QStringLiteral(", "),
                         qPrintable(
                             QStringLiteral("line %1 starts inside a link: …%2|%3…")
                                 .arg(i)
                                 .arg(text.mid(std::max(0, start - 12), 12), text.mid(start, 12))));
            }
        }
        QVERIFY2(wrapped > 3, "the list should take several lines at this width");
        // A copy of the text has ordinary spaces and hyphens again.
        pane.selectAll();
        pane.copy();
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.contains(QStringLiteral("1000 kworker-u8 ev- 0")), qPrintable(copied));
        QVERIFY(!copied.contains(QChar(0x00A0)) && !copied.contains(QChar(0x2011)));
    }
};

QTEST_MAIN(DetailsPaneTest)
#include "tst_details_pane.moc"
