#include "type_icons.h"

#include "chart_colors.h"

#include <QFile>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>
#include <QRegularExpression>
#include <QSvgRenderer>

#include <array>

// The resources live in a static library: registered before the first use, whoever asks first
// (Q_INIT_RESOURCE must stand outside any namespace).
static void registerIconResources()
{
    static const bool once = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    (void)once;
}

namespace nsx::gui {

void registerResources()
{
    registerIconResources();
}

namespace {

// The type's SVG drawn in typeBaseColor: the file's own tile fill is replaced, so the icon and
// every chart of the type show one colour, whatever the file says.
QIcon renderTypeIcon(backend::NsType type)
{
    registerIconResources();
    QFile file(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(backend::toString(type))));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString svg = QString::fromUtf8(file.readAll());
    // The first fill of the file is the tile's (the glyphs are drawn on it in white).
    static const QRegularExpression firstFill(QStringLiteral("fill=\"#[0-9a-fA-F]{6}\""));
    const QRegularExpressionMatch m = firstFill.match(svg);
    if (m.hasMatch())
        svg.replace(m.capturedStart(), m.capturedLength(),
                    QStringLiteral("fill=\"%1\"").arg(typeBaseColor(type).name()));
    QSvgRenderer renderer(svg.toUtf8());
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon typeIcon(backend::NsType type)
{
    // QIcon is implicitly shared: render each type once.
    static std::array<QIcon, backend::kNsTypeCount> icons = [] {
        std::array<QIcon, backend::kNsTypeCount> a;
        for (backend::NsType t : backend::kAllNsTypes)
            a[backend::index(t)] = renderTypeIcon(t);
        return a;
    }();
    return icons[backend::index(type)];
}

// Pause (two bars) or Play (a triangle) in the palette's button text colour: the style's own
// media icons are dark pixmaps that all but vanish on a dark toolbar.
QIcon mediaIcon(bool play, const QPalette& palette)
{
    QIcon icon;
    for (QIcon::Mode mode : {QIcon::Normal, QIcon::Disabled}) {
        const QColor ink = palette.color(
            mode == QIcon::Normal ? QPalette::Active : QPalette::Disabled, QPalette::ButtonText);
        for (int size : {16, 24, 32, 48}) {
            QPixmap pm(size, size);
            pm.fill(Qt::transparent);
            QPainter p(&pm);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(ink);
            const qreal m = size * 0.18, w = size - 2 * m;
            if (play)
                p.drawPolygon(
                    QPolygonF{{m + w * 0.1, m}, {m + w * 0.1, m + w}, {m + w, size / 2.0}});
            else
                for (qreal x : {m + w * 0.08, m + w * 0.58})
                    p.drawRoundedRect(QRectF(x, m, w * 0.34, w), size * 0.05, size * 0.05);
            p.end();
            icon.addPixmap(pm, mode);
        }
    }
    return icon;
}

QIcon appIcon()
{
    registerIconResources();
    static const QIcon icon(QStringLiteral(":/icons/nsexplorer.svg"));
    return icon;
}

} // namespace nsx::gui
