#include "chart_colors.h"

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

QColor typeColor(NsType type, const QPalette& palette)
{
    // Hues picked by hand so neighbours in the legend differ and no two types are confused at
    // a glance (degrees on the colour wheel), indexed by NsType's order.
    static constexpr std::array<int, nsx::backend::kNsTypeCount> kHues = {
        30,  // cgroup: orange
        300, // ipc: magenta
        210, // mnt: blue
        130, // net: green
        0,   // pid: red
        50,  // time: gold
        265, // user: violet
        180, // uts: teal
    };
    const bool dark = isDarkPalette(palette);
    const int hue = kHues[nsx::backend::index(type)];
    // Yellow-ish hues look washed out on white at the same lightness as blue: darken them more.
    const bool yellowish = hue >= 35 && hue <= 75;
    const qreal lightness = dark ? 0.66 : (yellowish ? 0.36 : 0.44);
    const qreal saturation = dark ? 0.70 : 0.75;
    return QColor::fromHslF(hue / 360.0, saturation, lightness);
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
