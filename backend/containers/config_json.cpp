#include "config_json.h"

#include "safe_read.h"

#include <climits>

namespace nsx::backend::containers {

bool parseConfig(std::string_view text, json::Value& out, std::string& why)
{
    json::ParseLimits limits;
    limits.maxDepth = 32;
    limits.maxValues = 1u << 18;
    return json::parse(text, out, why, limits);
}

const json::Value* member(const json::Value* obj, std::string_view key)
{
    if (!obj || !obj->isObject())
        return nullptr;
    for (const auto& [k, v] : obj->members)
        if (k == key)
            return &v;
    return nullptr;
}

std::optional<std::string> stringMember(const json::Value* obj, std::string_view key)
{
    const json::Value* v = member(obj, key);
    if (!v || !v->isString())
        return std::nullopt;
    return cleanName(v->str);
}

std::optional<int> intMember(const json::Value* obj, std::string_view key)
{
    const json::Value* v = member(obj, key);
    if (v && v->kind == json::Value::Kind::Uint && v->u <= INT_MAX)
        return static_cast<int>(v->u);
    if (v && v->kind == json::Value::Kind::Int && v->i >= 0 && v->i <= INT_MAX)
        return static_cast<int>(v->i);
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> stringMap(const json::Value* obj)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (!obj || !obj->isObject())
        return out;
    for (const auto& [k, v] : obj->members) {
        if (out.size() >= 256)
            break;
        if (v.isString())
            out.emplace_back(cleanName(k), cleanName(v.str));
    }
    return out;
}

} // namespace nsx::backend::containers
