// nsexplorer-cli's messages in the user's language (issue 18). One mechanism for the GUI and
// the CLI: the same Qt catalogue (translations/nsexplorer_<lang>.ts), found by the same lupdate
// — which recognises any call named translate(context, text, disambiguation, n) — and embedded
// in the binary, so one file holds every translation and one test checks it; gettext would
// add a second catalogue format, tool chain and install path. QtCore is linked by the CLI only
// (built with Qt: NSX_CLI_TRANSLATIONS); nsx_backend and the helper stay Qt-free, and without
// Qt the CLI speaks English.
//
// Only what people read is translated: help, errors and the tree's words. JSON keys, CSV, DOT,
// the list's column names and every other machine-readable output never are.
#pragma once

#include <initializer_list>
#include <string>

namespace nsx::cli {

// Loads the catalogue of the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), once, at start.
void loadTranslations();

// `text` in the user's language (UTF-8), or `text` itself. With `n` >= 0, the plural form for n,
// "%n" replaced by it (QCoreApplication::translate's manners).
std::string translate(const char* context, const char* text, const char* disambiguation = nullptr,
                      int n = -1);

// `text` with %1, %2, … replaced by `args` (a translation may reorder them), in one pass: an
// argument containing "%2" stays as it is.
std::string arg(const std::string& text, std::initializer_list<std::string> args);

// The same for a text marked elsewhere (QT_TRANSLATE_NOOP in a table): not a call lupdate reads.
std::string translateMarked(const char* context, const char* text, int n = -1);

} // namespace nsx::cli
