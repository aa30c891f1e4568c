// The eight namespace types, their names as the kernel and the snapshot spell them,
// and their clone flags. Order is the snapshot's sort order (alphabetical).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace nsx::backend {

enum class NsType : std::uint8_t { Cgroup, Ipc, Mnt, Net, Pid, Time, User, Uts };

inline constexpr std::size_t kNsTypeCount = 8;
inline constexpr std::array<NsType, kNsTypeCount> kAllNsTypes = {
    NsType::Cgroup, NsType::Ipc, NsType::Mnt,  NsType::Net,
    NsType::Pid,    NsType::Time, NsType::User, NsType::Uts};

// "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts" — also the file names in /proc/PID/ns.
std::string_view toString(NsType type);
std::optional<NsType> nsTypeFromString(std::string_view name);
// CLONE_NEWCGROUP, CLONE_NEWIPC, ...
int cloneFlag(NsType type);
std::optional<NsType> nsTypeFromCloneFlag(int flag);
constexpr std::size_t index(NsType type) { return static_cast<std::size_t>(type); }

} // namespace nsx::backend
