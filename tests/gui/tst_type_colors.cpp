// One colour per namespace type everywhere: the type icons are drawn in the colour the charts
// use for the type's bars and lines (typeBaseColor), and the eight colours stay apart.
#include "chart_colors.h"
#include "type_icons.h"

#include <QApplication>
#include <QHash>
#include <QImage>
#include <QTest>

using nsx::backend::NsType;
using namespace nsx::gui;

namespace {

QByteArray typeName(NsType t)
{
    const std::string_view name = nsx::backend::toString(t);
    return QByteArray(name.data(), qsizetype(name.size()));
}

QPalette paletteWithWindow(const QColor& window)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::Base, window);
    return p;
}

// The colour most pixels of the icon have: its tile (glyphs are white and thin).
QColor dominantColor(const QImage& image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() == 255)
                ++counts[c.rgb()];
        }
    QRgb best = 0;
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    return QColor(best);
}

} // namespace

class TypeColorsTest : public QObject
{
    Q_OBJECT

private slots:
    void iconIsTheChartColour_data()
    {
        QTest::addColumn<int>("type");
        for (NsType t : nsx::backend::kAllNsTypes)
            QTest::newRow(typeName(t).constData()) << int(nsx::backend::index(t));
    }

    void iconIsTheChartColour()
    {
        QFETCH(int, type);
        const NsType t = nsx::backend::kAllNsTypes[type];
        const QImage icon =
            typeIcon(t).pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
        QVERIFY(!icon.isNull());
        const QColor tile = dominantColor(icon);
        const QColor bar = typeColor(t, paletteWithWindow(Qt::white));
        QCOMPARE(tile.name(), typeBaseColor(t).name());
        QCOMPARE(bar.name(), tile.name());
    }

    void darkThemeKeepsTheHue()
    {
        const QPalette dark = paletteWithWindow(QColor(0x20, 0x20, 0x20));
        for (NsType t : nsx::backend::kAllNsTypes) {
            const QColor light = typeBaseColor(t), onDark = typeColor(t, dark);
            QVERIFY2(std::abs(light.hslHue() - onDark.hslHue()) <= 2, typeName(t).constData());
            // Lighter than the base, so a line reads on the dark window.
            QVERIFY2(onDark.lightnessF() > light.lightnessF(), typeName(t).constData());
        }
    }

    void typesAreApart()
    {
        // Any two types differ in hue by at least 20 degrees (the colour wheel wraps).
        for (NsType a : nsx::backend::kAllNsTypes)
            for (NsType b : nsx::backend::kAllNsTypes) {
                if (a == b)
                    continue;
                int d = std::abs(typeBaseColor(a).hslHue() - typeBaseColor(b).hslHue());
                d = std::min(d, 360 - d);
                QVERIFY2(d >= 20, qPrintable(QStringLiteral("%1 and %2: %3 degrees apart")
                                                 .arg(QString::fromLatin1(typeName(a)),
                                                      QString::fromLatin1(typeName(b)))
                                                 .arg(d)));
            }
    }
};

QTEST_MAIN(TypeColorsTest)
#include "tst_type_colors.moc"
