// The JSON reader: nlohmann-json's SAX parser builds a json::Value, then fromJson() checks and
// converts it with errors that name the key path (namespaces[3].inode: ...).
//
// Strings: the contract writes each byte of invalid UTF-8 as \u0080..\u00ff (its Latin-1
// value). nlohmann decodes such an escape into the two-byte UTF-8 of U+0080..U+00FF, which
// cannot be told apart afterwards from a genuine raw "é". So we let nlohmann validate the
// text (grammar, escapes, UTF-8, positions) and, on each key/string event, decode the same
// string token ourselves from the original text: a cursor walks forward to the next '"'
// (outside strings only numbers, literals and punctuation occur, none contains '"'), and
// \u0080..\u00ff becomes the single raw byte. Pre-processing the text instead would need a
// placeholder that could collide with real input; decoding the token cannot.
#include "json_value.h"
#include "snapshot_io.h"
#include "translate_noop.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::backend::json {

namespace {

using nlohmann::json;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool readHex4(std::string_view s, std::size_t at, std::uint32_t& out)
{
    if (at + 4 > s.size())
        return false;
    out = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int h = hexValue(s[at + k]);
        if (h < 0)
            return false;
        out = out * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
}

void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decodes the body of a string token (between the quotes). With `bytes`, \u0080..\u00ff is
// the raw byte (the contract's rule; `usedBytes` tells whether that happened), else the UTF-8
// of the code point, as nlohmann reads it. False on anything unexpected.
bool decodeToken(std::string_view body, std::string& out, bool bytes, bool& usedBytes)
{
    out.clear();
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= body.size())
            return false;
        switch (body[i]) {
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case '/':
            out += '/';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            std::uint32_t cp = 0;
            if (!readHex4(body, i + 1, cp))
                return false;
            i += 4;
            if (bytes && cp >= 0x80 && cp <= 0xFF) {
                out += static_cast<char>(cp); // the contract's raw-byte escape
                usedBytes = true;
            } else if (cp >= 0xD800 && cp <= 0xDBFF) {
                std::uint32_t lo = 0;
                if (i + 2 >= body.size() || body[i + 1] != '\\' || body[i + 2] != 'u' ||
                    !readHex4(body, i + 3, lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                i += 6;
                appendUtf8(out, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            } else {
                appendUtf8(out, cp);
            }
            break;
        }
        default:
            return false;
        }
    }
    return true;
}

// Cannot happen with a correct reader; a bug, reported instead of guessed around.
constexpr const char* kOutOfStep =
    QT_TRANSLATE_NOOP("SnapshotError", "internal error: string tokens out of step");

RequestText say(const char* marked, std::vector<RequestText> args = {})
{
    return RequestText(marked, std::move(args));
}

// What nlohmann says is wrong ("syntax error while parsing value - invalid literal; last read:
// 'tru x'; expected ...", "number overflow parsing '1e99999'"), in words of our own that can be
// translated: the kind of problem and the bytes of the file it stopped at (data, kept as is).
RequestText syntaxReason(const std::string& what)
{
    const auto quoted = [&](std::string_view after) -> std::optional<std::string> {
        const std::size_t at = what.find(after);
        if (at == std::string::npos)
            return std::nullopt;
        const std::size_t start = at + after.size();
        const std::size_t end = what.find('\'', start);
        return what.substr(
            start, std::min<std::size_t>(end == std::string::npos ? what.npos : end - start, 40));
    };
    if (what.find("unexpected end of input") != std::string::npos)
        return say(
            QT_TRANSLATE_NOOP("SnapshotError", "unexpected end of input (is the file cut short?)"));
    if (what.rfind("number overflow", 0) == 0)
        return say(QT_TRANSLATE_NOOP("SnapshotError", "number overflow parsing '%1'"),
                   {displayString(quoted("parsing '").value_or(std::string()))});
    if (what.find("missing closing quote") != std::string::npos)
        return say(QT_TRANSLATE_NOOP("SnapshotError",
                                     "a string without its closing quote (is the file cut "
                                     "short?)"));
    if (auto token = quoted("last read: '"))
        return say(QT_TRANSLATE_NOOP("SnapshotError", "invalid text, last read: '%1'"),
                   {displayString(*token)});
    if (const std::size_t at = what.find("unexpected "); at != std::string::npos) {
        const std::size_t start = at + 11;
        const std::string token = what.substr(start, what.find(';', start) - start);
        if (token == "string literal")
            return say(QT_TRANSLATE_NOOP("SnapshotError", "unexpected string"));
        if (token == "number literal")
            return say(QT_TRANSLATE_NOOP("SnapshotError", "unexpected number"));
        for (const char* literal : {"true", "false", "null"})
            if (token == std::string(literal) + " literal")
                return say(QT_TRANSLATE_NOOP("SnapshotError", "unexpected %1"),
                           {std::string(literal)});
        if (token.size() == 3 && token[0] == '\'')
            return say(QT_TRANSLATE_NOOP("SnapshotError", "unexpected %1"), {token});
    }
    return say(QT_TRANSLATE_NOOP("SnapshotError", "syntax error"));
}

class DomBuilder final : public nlohmann::json_sax<json>
{
public:
    DomBuilder(std::string_view text, Value& root, ParseLimits limits, const EntrySink& sink)
        : m_text(text), m_root(root), m_limits(limits), m_sink(sink)
    {}

    RequestText error;

    bool null() override { return add(Value::null()); }
    bool boolean(bool b) override { return add(Value::fromBool(b)); }
    bool number_integer(number_integer_t n) override { return add(Value::fromInt(n)); }
    bool number_unsigned(number_unsigned_t n) override { return add(Value::fromUint(n)); }
    bool number_float(number_float_t, const string_t& text) override
    {
        return add(Value::fromDecimal(text));
    }
    bool string(string_t& s) override
    {
        auto raw = rawToken(s);
        if (!raw)
            return fail(say(kOutOfStep));
        Value v;
        v.kind = Value::Kind::String;
        v.str = std::move(*raw);
        return add(std::move(v));
    }
    bool binary(binary_t&) override
    {
        return fail(say(QT_TRANSLATE_NOOP("SnapshotError", "binary values are not JSON")));
    }
    bool start_object(std::size_t) override { return open(Value::makeObject()); }
    bool key(string_t& k) override
    {
        auto raw = rawToken(k);
        if (!raw)
            return fail(say(kOutOfStep));
        m_stack.back()->members.emplace_back(std::move(*raw), Value{});
        return true;
    }
    bool end_object() override
    {
        m_stack.pop_back();
        return completed();
    }
    bool start_array(std::size_t) override { return open(Value::makeArray()); }
    bool end_array() override
    {
        m_stack.pop_back();
        return completed();
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override
    {
        std::string what = ex.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 2: reason"
        if (auto p = what.find("] "); what.rfind("[json.exception.", 0) == 0 && p != what.npos)
            what.erase(0, p + 2);
        if (what.rfind("parse error", 0) == 0)
            if (auto p = what.find(": "); p != what.npos)
                what.erase(0, p + 2);
        std::size_t line = 1, column = 0;
        const std::size_t end = std::min(position, m_text.size());
        for (std::size_t k = 0; k < end; ++k) {
            if (m_text[k] == '\n') {
                ++line;
                column = 0;
            } else {
                ++column;
            }
        }
        error = say(QT_TRANSLATE_NOOP("SnapshotError", "line %1, column %2: not valid JSON: %3"),
                    {std::to_string(line), std::to_string(std::max<std::size_t>(column, 1)),
                     syntaxReason(what)});
        return false;
    }

private:
    // The raw bytes of the next string token in the text (see the comment at the top).
    // The raw bytes of the next string token in the text (see the comment at the top).
    // nlohmann has validated the token; decoding it again the way nlohmann does must give
    // nlohmann's result, which proves the cursor is on the right token. nullopt otherwise.
    std::optional<std::string> rawToken(const std::string& nlohmannDecoded)
    {
        const std::size_t start = m_text.find('"', m_cursor);
        if (start == std::string_view::npos)
            return std::nullopt;
        std::size_t i = start + 1;
        while (i < m_text.size() && m_text[i] != '"')
            i += m_text[i] == '\\' ? 2 : 1;
        if (i >= m_text.size())
            return std::nullopt;
        m_cursor = i + 1;
        const std::string_view body = m_text.substr(start + 1, i - start - 1);
        std::string out;
        bool usedBytes = false;
        if (!decodeToken(body, out, true, usedBytes))
            return std::nullopt;
        if (!usedBytes)
            return out == nlohmannDecoded ? std::optional<std::string>(std::move(out))
                                          : std::nullopt;
        std::string check;
        if (!decodeToken(body, check, false, usedBytes) || check != nlohmannDecoded)
            return std::nullopt;
        return out;
    }

    bool fail(RequestText why)
    {
        error = std::move(why);
        return false;
    }

    Value* place(Value&& v)
    {
        if (inEntryArray())
            m_entryStart = m_count; // a top-level array element begins
        if (++m_count > m_limits.maxValues) {
            fail(say(QT_TRANSLATE_NOOP("SnapshotError", "too many JSON values (more than %1)"),
                     {std::to_string(m_limits.maxValues)}));
            return nullptr;
        }
        if (m_stack.empty()) {
            m_root = std::move(v);
            return &m_root;
        }
        Value* top = m_stack.back();
        if (top->isArray())
            return &top->push(std::move(v));
        top->members.back().second = std::move(v);
        return &top->members.back().second;
    }
    bool add(Value&& v) { return place(std::move(v)) != nullptr && completed(); }

    // True while filling an array that is a member of the top-level object.
    bool inEntryArray() const
    {
        return m_stack.size() == 2 && m_stack[0] == &m_root && m_root.isObject() &&
               m_stack[1]->isArray();
    }

    // After a value was finished: hand a finished top-level array element to the sink.
    bool completed()
    {
        if (!m_sink || !inEntryArray())
            return true;
        Value* array = m_stack[1];
        const std::size_t index = m_consumed + array->items.size() - 1;
        if (m_sink(m_root, m_root.members.back().first, index, array->items.back())) {
            array->items.pop_back();
            ++m_consumed;
            m_count = m_entryStart; // its values are gone
        }
        return true;
    }
    bool open(Value&& v)
    {
        if (m_stack.size() >= m_limits.maxDepth)
            return fail(say(QT_TRANSLATE_NOOP("SnapshotError", "JSON nested deeper than %1 levels"),
                            {std::to_string(m_limits.maxDepth)}));
        Value* p = place(std::move(v));
        if (!p)
            return false;
        m_stack.push_back(p);
        if (inEntryArray())
            m_consumed = 0; // a new top-level array starts
        return true;
    }

    std::string_view m_text;
    Value& m_root;
    ParseLimits m_limits;
    std::vector<Value*> m_stack;
    const EntrySink& m_sink;
    std::size_t m_cursor = 0;
    std::size_t m_count = 0;      // values held in the tree
    std::size_t m_entryStart = 0; // m_count when the current top-level element began
    std::size_t m_consumed = 0;   // elements of the current top-level array given to the sink
};

} // namespace

bool parse(std::string_view text, Value& out, std::string& error, ParseLimits limits,
           const EntrySink& sink)
{
    RequestText why;
    if (parse(text, out, why, limits, sink))
        return true;
    error = why.text();
    return false;
}

bool parse(std::string_view text, Value& out, RequestText& error, ParseLimits limits,
           const EntrySink& sink)
{
    out = Value{};
    DomBuilder builder(text, out, limits, sink);
    bool ok = false;
    try {
        ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json,
                             /*strict=*/true, /*ignore_comments=*/false);
    } catch (const std::bad_alloc&) {
        builder.error = say(QT_TRANSLATE_NOOP("SnapshotError", "out of memory while parsing"));
    } catch (const std::exception& e) {
        builder.error =
            say(QT_TRANSLATE_NOOP("SnapshotError", "not valid JSON: %1"), {syntaxReason(e.what())});
    }
    if (!ok) {
        error = builder.error.format || !builder.error.literal.empty()
                    ? builder.error
                    : say(QT_TRANSLATE_NOOP("SnapshotError", "not valid JSON"));
        out = Value{};
        return false;
    }
    return true;
}

} // namespace nsx::backend::json
