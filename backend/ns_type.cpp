#include "ns_type.h"

#include <sched.h>

namespace nsx::backend {

namespace {
constexpr std::array<std::string_view, kNsTypeCount> kNames = {"cgroup", "ipc", "mnt",  "net",
                                                               "pid",    "time", "user", "uts"};
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
constexpr std::array<int, kNsTypeCount> kFlags = {CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNS,
                                                  CLONE_NEWNET,    CLONE_NEWPID, CLONE_NEWTIME,
                                                  CLONE_NEWUSER,   CLONE_NEWUTS};
} // namespace

std::string_view toString(NsType type) { return kNames[index(type)]; }

std::optional<NsType> nsTypeFromString(std::string_view name)
{
    for (NsType t : kAllNsTypes)
        if (kNames[index(t)] == name)
            return t;
    return std::nullopt;
}

int cloneFlag(NsType type) { return kFlags[index(type)]; }

std::optional<NsType> nsTypeFromCloneFlag(int flag)
{
    for (NsType t : kAllNsTypes)
        if (kFlags[index(t)] == flag)
            return t;
    return std::nullopt;
}

} // namespace nsx::backend
