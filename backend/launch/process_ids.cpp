#include "process_ids.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace nsx::backend {

std::optional<ProcessIds> parseProcessIds(std::string_view status)
{
    ProcessIds ids;
    bool haveUid = false, haveGid = false;
    while (!status.empty()) {
        const auto end = status.find('\n');
        const std::string line(status.substr(0, end));
        status = end == std::string_view::npos ? std::string_view() : status.substr(end + 1);
        // "Uid:\treal\teffective\tsaved\tfilesystem"
        unsigned real = 0, effective = 0;
        const bool uid = line.starts_with("Uid:"), gid = line.starts_with("Gid:");
        if ((uid || gid) && std::sscanf(line.c_str() + 4, "%u %u", &real, &effective) == 2) {
            (uid ? ids.realUid : ids.realGid) = real;
            (uid ? ids.effectiveUid : ids.effectiveGid) = effective;
            (uid ? haveUid : haveGid) = true;
        }
    }
    if (!haveUid || !haveGid)
        return std::nullopt;
    return ids;
}

std::optional<ProcessIds> readProcessIds(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    if (!in)
        return std::nullopt;
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return parseProcessIds(text);
}

} // namespace nsx::backend
