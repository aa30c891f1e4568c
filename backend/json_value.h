// Internal to snapshot_io / diff / nsexplorer-cli: a small ordered JSON value with our own
// printer and a reader built on nlohmann-json's SAX parser.
//
// Why not nlohmann::json itself: the contract needs (1) a fixed, human-readable layout that
// keeps short arrays on one line, (2) strings that are raw bytes from the kernel, with
// invalid UTF-8 written as \u00XX Latin-1 escapes and read back to the same byte, and
// (3) exact decimal seconds. nlohmann's dump() can't do (1) or (2), and its reader turns
// \u00e9 into the UTF-8 for U+00E9, losing (2). So nlohmann does the lexing, the grammar,
// numbers and error positions, and we decode each string token ourselves (see json_reader.cpp).
#pragma once

#include "request_text.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nsx::backend::json {

struct Value
{
    enum class Kind : std::uint8_t
    {
        Null,
        Bool,
        Int,
        Uint,
        Decimal,
        String,
        Array,
        Object
    };
    Kind kind = Kind::Null;
    bool boolean = false;
    std::int64_t i = 0;       // Int (negative numbers from the reader; any signed from writers)
    std::uint64_t u = 0;      // Uint
    std::string str;          // String: raw bytes; Decimal: the number's text, e.g. "-1.5"
    std::vector<Value> items; // Array
    std::vector<std::pair<std::string, Value>> members; // Object, in document order

    Value() = default;
    static Value null() { return {}; }
    static Value fromBool(bool b)
    {
        Value v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
    static Value fromInt(std::int64_t n)
    {
        Value v;
        v.kind = Kind::Int;
        v.i = n;
        return v;
    }
    static Value fromUint(std::uint64_t n)
    {
        Value v;
        v.kind = Kind::Uint;
        v.u = n;
        return v;
    }
    static Value fromDecimal(std::string text)
    {
        Value v;
        v.kind = Kind::Decimal;
        v.str = std::move(text);
        return v;
    }
    static Value fromString(std::string_view s)
    {
        Value v;
        v.kind = Kind::String;
        v.str = std::string(s);
        return v;
    }
    static Value makeArray()
    {
        Value v;
        v.kind = Kind::Array;
        return v;
    }
    static Value makeObject()
    {
        Value v;
        v.kind = Kind::Object;
        return v;
    }

    bool isNull() const { return kind == Kind::Null; }
    bool isObject() const { return kind == Kind::Object; }
    bool isArray() const { return kind == Kind::Array; }
    bool isString() const { return kind == Kind::String; }
    bool isScalar() const { return kind != Kind::Array && kind != Kind::Object; }

    // Object building (writers only; keeps insertion order).
    Value& add(std::string key, Value v)
    {
        members.emplace_back(std::move(key), std::move(v));
        return members.back().second;
    }
    // Array building.
    Value& push(Value v)
    {
        items.push_back(std::move(v));
        return items.back();
    }
};

// Appends `s` as a JSON string literal: control characters, '"' and '\' escaped, DEL as
// \u007f, valid UTF-8 copied raw, every byte of an invalid sequence as \u00XX (its Latin-1
// value). The reader maps \u0080..\u00ff back to the single byte, so this is a bijection.
void appendString(std::string& out, std::string_view s);

// Length of the valid UTF-8 sequence starting at s[0] (1..4), or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are not valid).
std::size_t validUtf8Length(std::string_view s);

// The project's layout: 2-space indentation; an array or object that holds no object (and
// no array holding one) is written on one line: [1, 2, 3], {"kind": "fd", "pid": 8, "fd": 7};
// everything else one member per line. Ends with a newline when `trailingNewline`.
std::string write(const Value& v, bool trailingNewline = true);

struct ParseLimits
{
    std::size_t maxDepth = 64; // the snapshot nests 6 deep
    // Values held at once (entries handed to an EntrySink no longer count): ~850 MB at most.
    std::size_t maxValues = 8u << 20;
};

// Called for each complete element of an array that is a member of the top-level object
// (e.g. every entry of "namespaces"), with the top-level object as read so far, the member's
// key and the element's index. Returning true means "consumed": the element is dropped from
// the tree, so a big document never exists as Values all at once. May throw.
using EntrySink =
    std::function<bool(const Value& root, const std::string& key, std::size_t index, Value& entry)>;

// Parses `text` (nlohmann grammar, strict). On error returns false and sets `error` to one
// line without a file name: "line 3, column 7: <reason>" for syntax errors, or the reason.
bool parse(std::string_view text, Value& out, std::string& error, ParseLimits limits = {},
           const EntrySink& sink = {});
// The same with the error as words a caller may translate (templates in context
// "SnapshotError"); error.text() is the English above.
bool parse(std::string_view text, Value& out, RequestText& error, ParseLimits limits = {},
           const EntrySink& sink = {});

} // namespace nsx::backend::json
