// Internal: Snapshot pieces as json::Value, shared by the snapshot writer, the diff writer and
// nsexplorer-cli so that an entry is written the same way everywhere.
#pragma once

#include "json_value.h"
#include "snapshot.h"

namespace nsx::backend::json {

Value toValue(const Namespace& ns);
Value toValue(const Process& p);
// The whole document; `s` must be normalized (toJson() takes care of that).
Value toValue(const Snapshot& s);
// write(toValue(s)) without holding the whole document as Values.
std::string writeSnapshot(const Snapshot& s);

// Seconds as the contract writes them: an integer when whole, else an exact decimal with
// trailing zeros trimmed ("-1.5" for {-2 s, 500000000 ns}).
Value timeOffsetValue(const TimeOffset& t);

} // namespace nsx::backend::json
