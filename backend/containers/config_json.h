// Small readers for the JSON files engines leave behind (config.json, config.v2.json,
// bwrapinfo.json): parsed with the snapshot reader's limits (depth, values), so a huge or
// hostile file is refused rather than followed.
#pragma once

#include "../json_value.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nsx::backend::containers {

// Parses `text`; false (and `why`) when it is not JSON, nests too deep or has too many values.
bool parseConfig(std::string_view text, json::Value& out, std::string& why);
// obj[key] when obj is an object that has it; nullptr otherwise.
const json::Value* member(const json::Value* obj, std::string_view key);
// obj[key] as a cleaned string (cleanName) when it is a string.
std::optional<std::string> stringMember(const json::Value* obj, std::string_view key);
// obj[key] as an int when it is a non-negative integer up to INT_MAX.
std::optional<int> intMember(const json::Value* obj, std::string_view key);
// The string members of an object (labels, annotations), cleaned; at most 256 of them.
std::vector<std::pair<std::string, std::string>> stringMap(const json::Value* obj);

} // namespace nsx::backend::containers
