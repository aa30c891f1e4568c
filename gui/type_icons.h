// Icons for the namespace types and the application (SVG from resources/icons), the types in
// typeBaseColor (chart_colors.h), the one colour of a type everywhere. Mid-tone fills
// with white glyphs read on light and dark palettes alike.
#pragma once

#include "ns_type.h"

#include <QIcon>

namespace nsx::gui {

QIcon typeIcon(backend::NsType type);
QIcon appIcon();

} // namespace nsx::gui
