// Internal: Snapshot pieces as json::Value, shared by the snapshot writer, the diff writer and
// nsexplorer-cli so that an entry is written the same way everywhere.
#pragma once

#include "detail_fields.h"
#include "json_value.h"
#include "snapshot.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nsx::backend::json {

Value toValue(const Namespace& ns);
Value toValue(const Process& p);
Value toValue(const Container& c);
// The whole document; `s` must be normalized (toJson() takes care of that).
Value toValue(const Snapshot& s);
// write(toValue(s)) without holding the whole document as Values.
std::string writeSnapshot(const Snapshot& s);

// Seconds as the contract writes them: an integer when whole, else an exact decimal with
// trailing zeros trimmed ("-1.5" for {-2 s, 500000000 ns}).
Value timeOffsetValue(const TimeOffset& t);
// A detail as "details" holds it (null for monostate).
Value detailValue(const DetailValue& v);

// The reader's checked conversions that the details table (detail_fields.cpp) names: each
// throws the snapshot reader's error naming `path` when the value does not fit.
std::string readString(const Value& v, const std::string& path);
std::int64_t readInt64(const Value& v, const std::string& path); // any 64-bit integer
std::int64_t readInt(const Value& v, const std::string& path);   // an int
std::int64_t readPid(const Value& v, const std::string& path);   // 0 to INT_MAX
std::vector<NetInterface> readInterfaces(const Value& v, const std::string& path);
std::vector<NetRoute> readRoutes(const Value& v, const std::string& path);
std::vector<IdMapEntry> readIdMap(const Value& v, const std::string& path);
TimeOffset readTimeOffset(const Value& v, const std::string& path);

} // namespace nsx::backend::json
