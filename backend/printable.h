// Raw kernel bytes made safe to show: displayString() is what every printed process name,
// command line, hostname or path goes through — the CLI, the DOT export, error texts, and the
// GUI (model/printable_text.h wraps it in a QString).
#pragma once

#include <string>
#include <string_view>

namespace nsx::backend {

// Characters that show nothing themselves but reorder or hide the text around them: the bidi
// embeddings, overrides, isolates and marks (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
// U+061C), zero-width and other format characters, line/paragraph separators, fillers.
bool isInvisibleFormatChar(char32_t cp);

// Raw kernel bytes (comm, argv, hostnames...) made safe to show: the one function the CLI's
// text output and the GUI's cells, details and tooltips go through, so that a process name
// can neither drive a terminal nor display reversed ("gpj.exe" that is "exe.jpg").
//   Terminal (the CLI, in the manner of util-linux): control characters, DEL, C1 controls,
//     '\' and invalid UTF-8 become \xHH.
//   Screen (the GUI): control characters become their Control Pictures (U+2400 + c), C1
//     controls \u0080..\u009f, invalid UTF-8 U+FFFD.
// Both: invisible format characters become \u202e (\U000e0001 beyond the BMP); other valid
// UTF-8 stays as it is. JSON and CSV output keep the raw bytes (the snapshot contract).
enum class DisplayStyle
{
    Terminal,
    Screen
};
std::string displayString(std::string_view raw, DisplayStyle style = DisplayStyle::Terminal);

} // namespace nsx::backend
