#include "chart_colors.h"

#include <algorithm>
#include <array>

namespace nsx::gui {

using nsx::backend::NsType;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(220, 220, 220), disabled(120, 120, 120);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(38, 38, 41));
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 48));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(42, 110, 190));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(110, 170, 240));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 240));
    p.setColor(QPalette::Light, QColor(70, 70, 74));
    p.setColor(QPalette::Midlight, QColor(58, 58, 62));
    p.setColor(QPalette::Mid, QColor(40, 40, 43));
    p.setColor(QPalette::Dark, QColor(25, 25, 27));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor typeBaseColor(NsType type)
{
    // The one table of type colours: the type icons, the chart bars and lines, the views' marks
    // and the maps all take their colour from here. Hand-picked mid tones (white glyphs read on
    // them) whose hues lie far apart, so no two types are confused at a glance.
    static constexpr std::array<QRgb, nsx::backend::kNsTypeCount> kBase = {
        0x8a63c2, // cgroup: purple
        0xd0822a, // ipc: orange
        0x3f8f3a, // mnt: green
        0x2878c8, // net: blue
        0xc44646, // pid: red
        0x1f9488, // time: teal
        0xb0508f, // user: magenta
        0x7c7a22, // uts: olive
    };
    return QColor(kBase[nsx::backend::index(type)]);
}

QColor typeColor(NsType type, const QPalette& palette)
{
    const QColor base = typeBaseColor(type);
    if (!isDarkPalette(palette))
        return base;
    // On a dark window the same hue, lighter, so a thin line still stands out.
    return QColor::fromHslF(base.hslHueF(), std::min<qreal>(base.hslSaturationF(), 0.70), 0.66);
}

QColor eventColor(ChartEvent event, const QPalette& palette)
{
    // Greys of the text's lightness: no saturation at all, so no hue a type colour has, even on
    // a theme whose text colour is tinted.
    const qreal text = palette.color(QPalette::Text).lightnessF();
    const qreal base = palette.color(QPalette::Base).lightnessF();
    const qreal lightness = event == ChartEvent::Launch ? text : text + (base - text) * 0.4;
    return QColor::fromHslF(0, 0, lightness);
}

QColor blend(const QColor& a, const QColor& b, qreal t)
{
    const QColor x = a.toRgb(), y = b.toRgb();
    auto mix = [t](qreal p, qreal q) { return p + (q - p) * t; };
    return QColor::fromRgbF(mix(x.redF(), y.redF()), mix(x.greenF(), y.greenF()),
                            mix(x.blueF(), y.blueF()), mix(x.alphaF(), y.alphaF()));
}

static QColor diffHue(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Added:
        return QColor::fromHslF(120 / 360.0, 0.6, 0.45);
    case DiffKind::Removed:
        return QColor::fromHslF(0, 0.7, 0.5);
    case DiffKind::Changed:
        return QColor::fromHslF(40 / 360.0, 0.9, 0.5);
    }
    return {};
}

QColor diffBackground(DiffKind kind, const QPalette& palette)
{
    // A light tint on light themes and a deeper one on dark themes keeps the palette's text
    // readable on top in both.
    const qreal amount = isDarkPalette(palette) ? 0.30 : 0.22;
    return blend(palette.color(QPalette::Base), diffHue(kind), amount);
}

QColor diffForeground(DiffKind kind, const QPalette& palette)
{
    return blend(palette.color(QPalette::Text), diffHue(kind), 0.4);
}

} // namespace nsx::gui
