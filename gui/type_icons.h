// Icons for the namespace types and the application (SVG from resources/icons), the types in
// typeBaseColor (chart_colors.h), the one colour of a type everywhere. Mid-tone fills
// with white glyphs read on light and dark palettes alike.
#pragma once

#include "ns_type.h"

#include <QIcon>
#include <QPalette>

namespace nsx::gui {

QIcon typeIcon(backend::NsType type);
QIcon appIcon();
// Pause (two bars) or Play (a triangle) drawn in the palette's button text colour.
QIcon mediaIcon(bool play, const QPalette& palette);
// Registers the resources of the static nsx_gui library (icons); repeated calls do nothing.
void registerResources();

} // namespace nsx::gui
