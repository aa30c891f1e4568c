// Colours shared by the type icons, the charts and the compare dialog. Everything is derived from a
// QPalette so that light and dark themes stay readable; nothing here is a fixed hex value that only
// works on one background.
#pragma once

#include "ns_type.h"

#include <QColor>
#include <QPalette>

namespace nsx::gui {

// The dark Fusion palette of `nsexplorer --dark` (also what the tests render dark with).
QPalette darkPalette();

// True when the palette's window colour is dark (lightness below one half).
bool isDarkPalette(const QPalette& palette);

// The colour of a namespace type everywhere (icons, bars, lines, marks): a mid tone that white
// glyphs read on, distinct from the seven others.
QColor typeBaseColor(nsx::backend::NsType type);
// That colour as a line or a bar on the palette's window/base colour: the base colour itself on
// light themes, the same hue lighter on dark ones.
QColor typeColor(nsx::backend::NsType type, const QPalette& palette);

// The History chart's events (namespaces that appeared / vanished). Greys from the palette's
// text colour, so they never share a hue with a type: launches in the text colour itself, exits
// half-way towards the base; the markers' shapes tell them apart.
enum class ChartEvent
{
    Launch,
    Exit
};
QColor eventColor(ChartEvent event, const QPalette& palette);

// Linear blend: t = 0 gives a, t = 1 gives b.
QColor blend(const QColor& a, const QColor& b, qreal t);

// How a row of the compare dialog changed.
enum class DiffKind
{
    Added,
    Removed,
    Changed
};

// Row background: the palette's base tinted towards green / red / amber, enough to be seen,
// little enough that palette text on it keeps its contrast.
QColor diffBackground(DiffKind kind, const QPalette& palette);
// A stronger tint of the palette's text colour, for the "added/removed/changed" label itself.
QColor diffForeground(DiffKind kind, const QPalette& palette);

} // namespace nsx::gui
