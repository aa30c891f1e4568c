// Pure parsers of /proc text. Every function takes the raw bytes of one file (or one link
// target) as a string_view and never touches the file system, so they can be fuzzed and
// tested with hostile input. None of them throws; unreadable input gives nullopt or a
// partial result as documented per function.
#pragma once

#include "ns_type.h"
#include "snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nsx::backend::procfs {

// /proc/PID/stat. The comm is everything between the first '(' and the *last* ')', kept
// byte for byte: a comm may hold ')', spaces, newlines and escape bytes.
struct StatInfo
{
    int pid = 0;
    std::string comm;
    char state = '?';
    int ppid = 0;
    int session = 0;    // field 6: the session id (in the reader's pid namespace)
    unsigned flags = 0; // PF_* (field 9); PF_KTHREAD = 0x00200000 marks kernel threads
    int numThreads = 0;
    std::uint64_t startTime = 0; // clock ticks since boot
    // Number of fields after the comm that were present; starttime needs 20 (fields 3..22).
    int fieldsAfterComm = 0;
    bool complete() const { return fieldsAfterComm >= 20; }
};
// nullopt when there is no "pid (" prefix or no closing ')'; a truncated tail gives a
// StatInfo with complete() == false and the fields it had.
std::optional<StatInfo> parseStat(std::string_view text);

// /proc/PID/status: the few lines the scanner needs.
struct StatusInfo
{
    std::optional<std::uint32_t> realUid, effectiveUid;
    std::optional<std::vector<int>> nspid; // nullopt when the kernel has no NSpid line
    std::optional<int> tgid;
};
StatusInfo parseStatus(std::string_view text);

// /proc/PID/cmdline: NUL-separated arguments; the trailing NUL is dropped. Empty for kernel
// threads. A process that rewrote its arguments without NULs yields one argument.
std::vector<std::string> parseCmdline(std::string_view text);

// A namespace link target ("net:[4026531833]", as in /proc/PID/ns/net, /proc/PID/fd/N or the
// root of an nsfs mount). nullopt for anything else ("socket:[12]", "/dev/null", ...).
struct NsLink
{
    NsType type = NsType::Net;
    std::uint64_t inode = 0;
    friend bool operator==(const NsLink&, const NsLink&) = default;
};
std::optional<NsLink> parseNsLink(std::string_view target);
// Link names of /proc/PID/ns that are not one of the eight types map to nullopt too
// ("pid_for_children:[…]" never appears as a target; the target then reads "pid:[…]").

// One line of /proc/PID/mountinfo; octal escapes (\040 etc.) in root, mountPoint and
// source are decoded.
struct MountInfoEntry
{
    int mountId = 0;
    int parentId = 0;
    unsigned major = 0, minor = 0;
    std::string root;
    std::string mountPoint;
    std::string options;
    std::string fsType;
    std::string source;
    std::string superOptions;
};
// Malformed lines are skipped (counted in *skipped when given).
std::vector<MountInfoEntry> parseMountinfo(std::string_view text, int* skipped = nullptr);
// Number of mount lines (non-empty lines), without building entries.
int countMountinfoLines(std::string_view text);
// "SOURCE on / type FSTYPE" for the topmost mount of "/", with "[ROOT]" after the source when
// the mount shows a subtree; nullopt when no entry mounts "/".
std::optional<std::string> describeRootMount(const std::vector<MountInfoEntry>& entries);
// The same description of one mount from its parts (an empty source reads "none").
std::string describeRootMount(std::string_view source, std::string_view root,
                              std::string_view fsType);
// What the scanner needs from one mount table, without building an entry per line: the
// number of mounts, the description of "/" (as describeRootMount) and the nsfs entries.
struct MountSummary
{
    int mounts = 0;
    std::optional<std::string> root;
    std::vector<MountInfoEntry> nsfs;
};
MountSummary summarizeMountinfo(std::string_view text);
// Decodes the kernel's octal escapes ("\040" → ' '); other bytes are kept.
std::string unescapeOctal(std::string_view text);

// /proc/PID/cgroup: the path of the unified hierarchy ("0::PATH"); nullopt when absent.
std::optional<std::string> parseCgroupV2Path(std::string_view text);

// /proc/PID/uid_map and gid_map: "inside outside count" per line; malformed lines skipped.
std::vector<IdMapEntry> parseIdMap(std::string_view text);

// /proc/PID/timens_offsets: "monotonic SECS NSECS" and "boottime SECS NSECS" (the kernel
// may also print the clock ids 1 and 7).
struct TimeOffsets
{
    std::optional<TimeOffset> monotonic, boottime;
};
TimeOffsets parseTimensOffsets(std::string_view text);

// /proc/PID/fdinfo/FD of a descriptor on /dev/net/tun: the interface it is attached to, from
// the "iff:\tNAME" line; nullopt when it is attached to none (no such line) or the name is no
// valid interface name (empty, longer than 15 bytes, '/' or whitespace).
std::optional<std::string> parseTunIff(std::string_view text);

// A pid directory name: all digits, no leading zero, fits in int. nullopt otherwise.
std::optional<int> parsePid(std::string_view name);

// errno → "EACCES"; unknown values → "E123".
std::string errnoName(int err);

} // namespace nsx::backend::procfs
