// What the screenshot tests assert about a rendered widget: it has the widget's size, it is not
// blank, and the colours it should draw are in it. With NSX_CHARTS_SCREENSHOTS=DIR the pictures
// are also written there (for a report); they are checked either way.
#pragma once

#include <QColor>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QString>
#include <QWidget>

namespace pictures {

// How many different colours the picture has (a blank one has one or two).
inline int distinctColours(const QImage& image)
{
    QSet<QRgb> seen;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            seen.insert(line[x]);
    }
    return int(seen.size());
}

// How many pixels are within `tolerance` (per channel) of `colour`.
inline int pixelsNear(const QImage& image, const QColor& colour, int tolerance = 6)
{
    int n = 0;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            if (qAbs(qRed(line[x]) - colour.red()) <= tolerance &&
                qAbs(qGreen(line[x]) - colour.green()) <= tolerance &&
                qAbs(qBlue(line[x]) - colour.blue()) <= tolerance)
                ++n;
    }
    return n;
}

// The widget as it is on screen; written to $NSX_CHARTS_SCREENSHOTS/NAME.png when set.
inline QImage grab(QWidget* widget, const QString& name)
{
    const QImage image = widget->grab().toImage();
    if (const QString out = qEnvironmentVariable("NSX_CHARTS_SCREENSHOTS"); !out.isEmpty()) {
        QDir().mkpath(out);
        image.save(QDir(out).filePath(name + QStringLiteral(".png")));
    }
    return image;
}

} // namespace pictures
