#include "printable.h"

#include "json_value.h"

#include <utility>

namespace nsx::backend {

bool isInvisibleFormatChar(char32_t cp)
{
    // Unicode's format characters (category Cf) that show nothing themselves yet change how
    // the text around them looks, plus the line and paragraph separators and the Hangul
    // fillers, which render as blanks. Letters, marks and symbols stay: a name in any script
    // shows as itself.
    static constexpr std::pair<char32_t, char32_t> kRanges[] = {
        {0x00AD, 0x00AD},   // soft hyphen
        {0x061C, 0x061C},   // arabic letter mark
        {0x115F, 0x1160},   // hangul choseong/jungseong fillers
        {0x180E, 0x180E},   // mongolian vowel separator
        {0x200B, 0x200F},   // zero-width space, non-joiner, joiner, LRM, RLM
        {0x2028, 0x202E},   // line/paragraph separator, LRE RLE PDF LRO RLO
        {0x2060, 0x206F},   // word joiner, invisible operators, LRI RLI FSI PDI, deprecated
        {0x3164, 0x3164},   // hangul filler
        {0xFE00, 0xFE0F},   // variation selectors
        {0xFEFF, 0xFEFF},   // zero-width no-break space (BOM)
        {0xFFA0, 0xFFA0},   // halfwidth hangul filler
        {0xFFF9, 0xFFFB},   // interlinear annotation
        {0x1D173, 0x1D17A}, // musical symbol format controls
        {0xE0000, 0xE0FFF}, // tags and variation selectors supplement
    };
    for (const auto& [lo, hi] : kRanges)
        if (cp >= lo && cp <= hi)
            return true;
    return false;
}

std::string displayString(std::string_view raw, DisplayStyle style)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const bool screen = style == DisplayStyle::Screen;
    std::string out;
    out.reserve(raw.size());
    const auto hex = [&](unsigned char c) {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    };
    // \u202e, or \U000e0001 beyond the BMP: what C, Python and JSON readers know.
    const auto codePoint = [&](char32_t cp) {
        const int digits = cp > 0xFFFF ? 8 : 4;
        out += cp > 0xFFFF ? "\\U" : "\\u";
        for (int k = digits - 1; k >= 0; --k)
            out += kHex[(cp >> (4 * k)) & 0xF];
    };
    // Screen: the Control Pictures block (U+2400 + c, U+2421 for DEL) in UTF-8.
    const auto picture = [&](unsigned c) {
        const char32_t cp = c == 0x7F ? 0x2421 : 0x2400 + c;
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    };
    std::size_t i = 0;
    while (i < raw.size()) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                screen ? picture(c) : hex(c);
            else if (c == '\\' && !screen)
                hex(c);
            else
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t len = json::validUtf8Length(raw.substr(i));
        if (len == 0) {
            if (screen)
                out += "\xef\xbf\xbd"; // U+FFFD, as QString::fromUtf8 shows a stray byte
            else
                hex(c);
            ++i;
            continue;
        }
        char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(raw[i + k]) & 0x3F);
        // C1 controls (U+0080..U+009F) can drive a terminal too.
        if (cp < 0xA0) {
            if (screen)
                codePoint(cp);
            else
                for (std::size_t k = 0; k < len; ++k)
                    hex(static_cast<unsigned char>(raw[i + k]));
        } else if (isInvisibleFormatChar(cp)) {
            codePoint(cp);
        } else {
            out.append(raw.data() + i, len);
        }
        i += len;
    }
    return out;
}

} // namespace nsx::backend
