// The backend's messages in the user's language: a RequestText (request_text.h) is English
// templates marked QT_TRANSLATE_NOOP in one context, with arguments; each template goes through
// QCoreApplication::translate in that context, then the arguments are put in as they are.
#pragma once

#include "request_text.h"

#include <QString>

#include <exception>

namespace nsx::gui {

// `text` with each template translated in the context "SnapshotError".
QString snapshotErrorText(const backend::RequestText& text);

// What went wrong reading a snapshot file, for a dialog: a backend::SnapshotError translated,
// any other exception's what() as it is.
QString snapshotErrorText(const std::exception& error);

} // namespace nsx::gui
