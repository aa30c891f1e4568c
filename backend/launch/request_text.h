// A message in English words kept apart from their language (RequestText): the launch and
// enter refusals (context "RequestError", launch_request.cpp) and the errors of reading a
// snapshot file (context "SnapshotError", snapshot_io.cpp). The backend has no Qt: it marks
// its templates QT_TRANSLATE_NOOP (translate_noop.h) and the GUI or the CLI translates them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace nsx::backend {

// A text in English that a caller may show in another language: `text` through `words`.
using Translator = std::string (*)(const char* text);

// Why a request is refused, in words kept apart from their language: an English template
// marked QT_TRANSLATE_NOOP("RequestError", ...) in launch_request.cpp (the one place each
// message's wording lives), %1, %2, ... standing for its arguments, each a literal (user input,
// a number) or another such text. text() is the English (the helper's and the CLI's stderr);
// text(words) passes every template through `words` first (the dialogs: tr() in the
// template's context), then puts the arguments in, in one pass.
struct RequestText
{
    const char* format = nullptr; // a marked template; nullptr: `literal` itself
    std::string literal;
    std::vector<RequestText> args;

    RequestText() = default;
    RequestText(std::string value) : literal(std::move(value)) {} // an argument, as it is
    explicit RequestText(const char* marked, std::vector<RequestText> arguments = {})
        : format(marked), args(std::move(arguments))
    {}
    std::string text(Translator words = nullptr) const;
};

} // namespace nsx::backend
