// The GUI's side of backend/printable.h: a kernel string as a QString for cells, tooltips,
// details, charts and dialogs, in displayString's screen style (control characters as their
// Control Pictures, bidi and other invisible format characters as \u202e).
#pragma once

#include "printable.h"

#include <QString>

#include <string_view>

namespace nsx::model {

inline QString printable(std::string_view bytes)
{
    const std::string shown = backend::displayString(bytes, backend::DisplayStyle::Screen);
    return QString::fromUtf8(shown.data(), qsizetype(shown.size()));
}

} // namespace nsx::model
