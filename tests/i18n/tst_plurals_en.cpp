// English plurals (issue 18): the source texts hedge ("%n process(es)"); the English catalogue
// (translations/nsexplorer_en.ts, numerus forms only) makes 1 singular and 2 plural. Checked on
// every entry of that catalogue through the installed translators, and on a real widget: the
// status bar's counts.
#include "language.h"
#include "notices.h"
#include "snapshot.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QStatusBar>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using namespace nsx;

class TstPluralsEn : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyNumerusEntry();
    void statusBarCounts();
};

void TstPluralsEn::initTestCase()
{
    QCOMPARE(gui::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
}

void TstPluralsEn::everyNumerusEntry()
{
    QFile f(QStringLiteral(NSX_TS_EN));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.errorString()));
    QXmlStreamReader xml(&f);
    QString context, source;
    int checked = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QByteArray ctx = context.toUtf8(), src = source.toUtf8();
            const QString one = QCoreApplication::translate(ctx, src, nullptr, 1);
            const QString two = QCoreApplication::translate(ctx, src, nullptr, 2);
            QVERIFY2(
                one != two && one.contains(QLatin1Char('1')) && two.contains(QLatin1Char('2')),
                qPrintable(
                    QStringLiteral("[%1] %2: \"%3\" / \"%4\"").arg(context, source, one, two)));
            for (const QString& s : {one, two})
                QVERIFY2(!s.contains(QLatin1String("(s)")) && !s.contains(QLatin1String("(es)")),
                         qPrintable(QStringLiteral("[%1] %2").arg(context, s)));
            ++checked;
        }
    }
    QVERIFY2(checked >= 10, "almost no numerus entries");
}

void TstPluralsEn::statusBarCounts()
{
    QStatusBar bar;
    gui::ScanStatus status(&bar);
    const auto counts = [&](int n) {
        auto s = std::make_shared<backend::Snapshot>();
        for (int i = 0; i < n; ++i) {
            backend::Namespace ns;
            ns.type = backend::NsType::Net;
            ns.inode = 4026531000u + unsigned(i);
            s->namespaces.push_back(ns);
            backend::Process p;
            p.pid = i + 1;
            s->processes.push_back(p);
        }
        status.showFor(s, true, false, -1, false);
        for (QLabel* l : bar.findChildren<QLabel*>())
            if (l->text().contains(QLatin1String("namespace")))
                return l->text();
        return QString();
    };
    QCOMPARE(counts(1), QStringLiteral("1 namespace, 1 process"));
    QCOMPARE(counts(2), QStringLiteral("2 namespaces, 2 processes"));
}

QTEST_MAIN(TstPluralsEn)
#include "tst_plurals_en.moc"
