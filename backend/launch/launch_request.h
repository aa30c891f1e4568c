// nsx_launch: the typed requests the helper executes, their one parser, their one validator,
// the helper argv built from a request, and the equivalent util-linux command line.
//
// One source of truth: the helper, nsexplorer-cli and the dialogs all parse and validate with
// these functions, so a request the dialog accepts is exactly one the helper accepts. libc and
// the C++ standard library only (the helper stays tiny; no Qt, no JSON).
#pragma once

#include "request_text.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace nsx::backend {

// Limits every request is held to (the helper refuses anything larger before creating anything).
inline constexpr std::size_t kMaxHostnameBytes = 64;       // HOST_NAME_MAX
inline constexpr std::size_t kMaxContainerNameBytes = 64;  // --name
inline constexpr std::size_t kMaxPathBytes = 4095;         // PATH_MAX - 1
inline constexpr std::size_t kMaxArgumentBytes = 32768;    // one argument
inline constexpr std::size_t kMaxArguments = 1024;         // whole argv
inline constexpr std::size_t kMaxTotalBytes = 262144;      // whole argv
inline constexpr std::int64_t kMaxClockOffset = 315576000; // +-10 years in seconds
inline constexpr pid_t kMaxPid = 4194304;                  // PID_MAX_LIMIT on 64-bit

// Namespace type bits: the CLONE_NEW* flags. Spelled out here so nsx_launch needs nothing but libc.
enum NsBit : unsigned
{
    kNsCgroup = 0x02000000, // CLONE_NEWCGROUP
    kNsIpc = 0x08000000,    // CLONE_NEWIPC
    kNsMnt = 0x00020000,    // CLONE_NEWNS
    kNsNet = 0x40000000,    // CLONE_NEWNET
    kNsPid = 0x20000000,    // CLONE_NEWPID
    kNsTime = 0x00000080,   // CLONE_NEWTIME
    kNsUser = 0x10000000,   // CLONE_NEWUSER
    kNsUts = 0x04000000,    // CLONE_NEWUTS
};
inline constexpr unsigned kAllNsBits =
    kNsCgroup | kNsIpc | kNsMnt | kNsNet | kNsPid | kNsTime | kNsUser | kNsUts;

struct NsOption
{
    unsigned bit;
    const char* option;   // unshare's long option, without "--"
    const char* procName; // the file name in /proc/PID/ns
};
// In the order unshare prints them in its help; user first matters for setns() order.
inline constexpr NsOption kNsOptions[] = {
    {kNsUser, "user", "user"},       {kNsMnt, "mount", "mnt"},  {kNsUts, "uts", "uts"},
    {kNsIpc, "ipc", "ipc"},          {kNsNet, "net", "net"},    {kNsPid, "pid", "pid"},
    {kNsCgroup, "cgroup", "cgroup"}, {kNsTime, "time", "time"},
};

struct LaunchRequest
{
    unsigned namespaces = 0; // NsBit set explicitly asked for
    // --name: what the scanner calls the container ("nsexplorer: NAME"). It travels in the
    // supervisor's own argv (backend/containers/own.h), which the payload cannot change.
    std::string name;         // empty: none given (the scanner falls back to the hostname)
    std::string hostname;     // empty: keep the inherited one
    bool mountProc = true;    // a fresh /proc whenever there is a new PID namespace
    bool asPid1 = false;      // no reaper: the command itself is PID 1 (echo $$ gives 1)
    bool mapRootUser = false; // --map-root-user
    std::optional<std::uint32_t> mapUser;        // --map-user UID
    std::optional<std::uint32_t> mapGroup;       // --map-group GID
    std::string root;                            // --root DIR: pivot_root into it; empty: none
    std::string workdir;                         // --wd DIR; empty: inherited (or "/" with --root)
    std::optional<std::int64_t> monotonicOffset; // --monotonic SECS
    std::optional<std::int64_t> boottimeOffset;  // --boottime SECS
    bool connectHost = false; // --connect-host: veth pair to the host (privileged)
    bool verbose = false;
    std::vector<std::string> command; // after "--"; command[0] absolute or a bare name

    // The namespaces the helper actually creates: the explicit set plus what options imply
    // (user for the maps, mount for --root and for the fresh /proc).
    unsigned effectiveNamespaces() const;
    bool operator==(const LaunchRequest&) const = default;
};

struct EnterRequest
{
    pid_t target = 0;
    unsigned namespaces = 0; // explicit set; with all=true: every type the target has that differs
    bool all = false;
    std::string workdir;
    // --expect-start TICKS: refuse unless the target started at TICKS (field 22 of
    // /proc/PID/stat), i.e. the pid still names the process the caller looked at.
    std::optional<std::uint64_t> expectStart;
    // --unsafe-host-root (root only): join namespaces owned by another user namespace without
    // joining that user namespace, keeping host root's rights there. Programs the namespace's
    // owner controls (its mount namespace's files, the ELF interpreter) then run as host root.
    // Also needed for a mount namespace of our own user namespace whose system folders (/,
    // /etc, /usr, /usr/bin, /lib64, ...) are not root's alone: another user chose its files.
    bool unsafeHostRoot = false;
    bool verbose = false;
    std::vector<std::string> command;
    bool operator==(const EnterRequest&) const = default;
};

// What kind of refusal a RequestError is, for callers that act on it (the CLI runs $SHELL when
// the command is Missing) rather than only print it.
enum class RequestErrorCode
{
    Invalid,       // a value, or a combination of values, fails a check
    Missing,       // something required was not given (the command, the target)
    NeedsValue,    // an option that takes a value came last
    TakesNoValue,  // --flag=VALUE
    EmptyValue,    // --option ''
    NotANumber,    // a number option with something else
    UnknownOption, // not in the option table
    Refused,       // planEnter(): cannot be honoured safely
    NoneSelected,  // an enter request naming no namespace (and not --all)
    NotReadable,   // planEnter(): a namespace asked for whose /proc/PID/ns link we cannot open
};

// A refusal: which field (the option name without dashes, or "command", "argv") and why.
struct RequestError
{
    std::string field;
    RequestText message;
    RequestErrorCode code = RequestErrorCode::Invalid;
    // The one-line error: "field: message".
    std::string line(Translator words = nullptr) const
    {
        return field + ": " + message.text(words);
    }
};

template <typename T> struct Parsed
{
    std::optional<T> request;
    std::optional<RequestError> error;
    bool help = false; // --help was given: print usage, exit 0
};

// The options of both requests are one table each (launch_request.cpp, kLaunchOptions and
// kEnterOptions): a row names the option, its value, its usage line, the request field it sets,
// how the helper's argv and util-linux spell it and which namespace it implies. The parser,
// toHelperArgs(), unshareCommandLine()/nsenterCommandLine(), effectiveNamespaces(),
// impliedBecause() (the launch dialog) and the usage texts all read it: an option is one row.
//
// Parse the options (args excludes the program name). The enter parser accepts --target PID
// (nsenter's name, the CLI's) and --enter PID (the helper's). Parsing checks syntax and numbers;
// a successfully parsed request has also passed validate().
Parsed<LaunchRequest> parseLaunchArgs(const std::vector<std::string>& args);
Parsed<EnterRequest> parseEnterArgs(const std::vector<std::string>& args);
// The helper's argv: enter mode when --enter appears before "--", launch mode otherwise.
using HelperRequest = std::variant<LaunchRequest, EnterRequest>;
Parsed<HelperRequest> parseHelperArgs(const std::vector<std::string>& args);

// Every field checked: sizes, characters, paths, ranges, combinations. First problem wins.
std::optional<RequestError> validate(const LaunchRequest& request);
std::optional<RequestError> validate(const EnterRequest& request);

// Individual checks, shared with the dialogs for inline errors.
std::optional<RequestText> checkHostname(std::string_view name);
// A container name (--name): 1..kMaxContainerNameBytes bytes of valid UTF-8 without control
// characters (C0, DEL, C1), invisible format characters (bidi overrides, zero-width...) or
// line separators, not starting with '-' or a blank, not ending with a blank.
std::optional<RequestText> checkContainerName(std::string_view name);
std::optional<RequestText> checkAbsolutePath(std::string_view path);
std::optional<RequestText> checkArgument(std::string_view arg);

// The helper's arguments (without argv[0]) for a request; parse*Args(toHelperArgs(r)) == r.
std::vector<std::string> toHelperArgs(const LaunchRequest& request);
std::vector<std::string> toHelperArgs(const EnterRequest& request);

// Why the helper creates namespace `bit` for `request` besides the ones it names: the launch
// dialog's words for the options that imply it ("the hostname"), each once, in table order.
std::vector<std::string_view> impliedBecause(unsigned bit, const LaunchRequest& request);

// The equivalent util-linux command line, shell-quoted, for the preview ("unshare ..." or
// "nsenter ..."). Options unshare lacks (hostname, pivot_root, connect-host) are expressed the
// way one would by hand, or noted in a trailing comment.
// rootless: as the helper runs it for an ordinary user — inside a user namespace, the caller
// mapped to itself unless a map option says otherwise (unshare's --map-current-user).
std::string unshareCommandLine(const LaunchRequest& request, bool rootless = false);
std::string nsenterCommandLine(const EnterRequest& request);
std::string shellQuote(std::string_view arg);
// The inverse for what a user types as a command in the dialogs: words split on blanks, with
// POSIX shell single quotes, double quotes and backslashes (no expansions). nullopt for an
// unterminated quote or a trailing backslash. splitShellWords(join of shellQuote(a)) == args.
std::optional<std::vector<std::string>> splitShellWords(std::string_view text);

// ---- Entering: which namespaces, and who owns them.
//
// A namespace is owned by the user namespace it was created in. One owned by a user namespace
// other than the caller's is in the hands of that namespace's owner (a rootless mount namespace:
// whoever made it decides what /usr/bin/bash and /lib64/ld-linux-x86-64.so.2 are there), so it is
// joined together with that user namespace: what then runs there holds the owner's rights only.
enum class NsOwner
{
    Unknown,  // not readable, or a kernel without NS_GET_USERNS
    Caller,   // the caller's own user namespace (the initial one for root and pkexec)
    Target,   // the target's user namespace, which differs from the caller's
    Elsewhere // a third user namespace
};
struct EnterNsInfo
{
    unsigned bit = 0;
    bool readable = false;            // /proc/PID/ns/TYPE could be opened
    bool differs = false;             // not the caller's own namespace of this type
    NsOwner owner = NsOwner::Unknown; // for the user type itself: Target when it differs
    int fd = -1;                      // with probeEnterTarget(keepFds): the open namespace
};
// Opens /proc/PID/ns/* of the target and tells, per type, whether it differs from the caller's
// and which user namespace owns it (ioctl NS_GET_USERNS). With keepFds the fds stay open
// (O_CLOEXEC) for setns(); the caller closes them. Types the kernel lacks are left out.
std::vector<EnterNsInfo> probeEnterTarget(pid_t pid, bool keepFds = false);
void closeProbeFds(std::vector<EnterNsInfo>& infos);
// What the enter dialog ticks by default: every readable namespace that differs, the user
// namespace included (also for root), so namespaces owned by the target's user namespace are
// joined with it.
unsigned defaultEnterNamespaces(const std::vector<EnterNsInfo>& infos);
// The namespaces a request joins, from the probe: the asked-for ones that differ, plus the
// target's user namespace when any of them is owned by it (unless unsafeHostRoot). An error
// (field named) when a request cannot be honoured safely: a namespace owned by a third user
// namespace, or unsafeHostRoot without root. `warnings`: what --unsafe-host-root gives away.
struct EnterPlan
{
    unsigned join = 0;         // NsBit set to setns() into
    unsigned addedUser = 0;    // kNsUser when it was added because of owned namespaces
    unsigned foreignOwned = 0; // joined without their owning user namespace (unsafeHostRoot)
    std::optional<RequestError> error;
};
EnterPlan planEnter(const EnterRequest& request, const std::vector<EnterNsInfo>& infos,
                    bool callerIsRoot);

// Does this request need root in the initial user namespace (pkexec) when run by `uid`?
bool needsPrivilege(const LaunchRequest& request, uid_t uid);
// Entering: a target owned by another user needs privilege. ownerUid from /proc/PID/status.
bool needsPrivilegeToEnter(uid_t targetOwner, uid_t uid);

// Where the helper is: $NSX_HELPER (absolute, executable), next to `selfExe`, the build tree's
// sibling folders, then the install prefix's libexec and bin folders. Empty if none found.
// As root (euid 0) $NSX_HELPER counts only when rootOnlyFile() accepts it (root-owned, and no
// group/world-writable component on its resolved path); otherwise one line on stderr says it
// was ignored. The other places are where this program itself was built or installed.
std::string findHelper(const std::string& selfExe);
// The argv to start the helper for `helperArgs`: the helper itself, or pkexec + helper.
std::vector<std::string> helperCommand(const std::string& helperPath,
                                       const std::vector<std::string>& helperArgs, bool elevate);

// The usage texts. Their words (context "LaunchOption", marked for lupdate) go through `words`
// when given: nsexplorer-cli shows them in the user's language; the helper's stay English.
// (Never name such a parameter `tr`: lupdate takes `tr(` for a tr() call and skips the marker.)
using UsageTranslator = Translator;
std::string helperUsage(std::string_view program);
std::string launchUsage(std::string_view program, UsageTranslator words = nullptr);
std::string enterUsage(std::string_view program, UsageTranslator words = nullptr);

} // namespace nsx::backend
