#include "launch_request.h"

#include "translate_noop.h"
#include "trusted_path.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>
#include <utility>

#ifndef NSX_INSTALL_LIBEXECDIR
#define NSX_INSTALL_LIBEXECDIR "/usr/local/libexec"
#endif
#ifndef NSX_INSTALL_BINDIR
#define NSX_INSTALL_BINDIR "/usr/local/bin"
#endif

namespace nsx::backend {

namespace {

// Echo user input inside an error line without letting it break the line or the terminal.
std::string printable(std::string_view s)
{
    std::string out;
    const std::size_t limit = 40;
    for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (s.size() > limit)
        out += "...";
    return out;
}

template <typename T> std::optional<T> parseNumber(std::string_view text)
{
    if (text.empty() || text.size() > 20 || text.front() == '+')
        return std::nullopt;
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

const NsOption* nsOptionByName(std::string_view name)
{
    for (const auto& o : kNsOptions)
        if (name == o.option)
            return &o;
    return nullptr;
}

// The shared option loop: splits "--name=value", fetches values, hands each option to `handle`,
// stops at "--" or at the first non-option (like unshare). Returns the command's start index.
struct OptionCursor
{
    explicit OptionCursor(const std::vector<std::string>& a) : args(a) {}
    const std::vector<std::string>& args;
    std::size_t i = 0;
    std::string name;
    std::optional<std::string> inlineValue;
};

enum class Step
{
    Option,
    Command,
    End
};

Step nextOption(OptionCursor& c)
{
    if (c.i >= c.args.size())
        return Step::End;
    const std::string& a = c.args[c.i];
    if (a == "--") {
        ++c.i;
        return Step::Command;
    }
    if (a.size() < 2 || a[0] != '-')
        return Step::Command;
    ++c.i;
    if (a == "-h") {
        c.name = "help";
        c.inlineValue.reset();
        return Step::Option;
    }
    if (a == "-v") {
        c.name = "verbose";
        c.inlineValue.reset();
        return Step::Option;
    }
    if (a[1] != '-') {
        c.name = a; // reported as unknown
        c.inlineValue.reset();
        return Step::Option;
    }
    const auto eq = a.find('=');
    if (eq == std::string::npos) {
        c.name = a.substr(2);
        c.inlineValue.reset();
    } else {
        c.name = a.substr(2, eq - 2);
        c.inlineValue = a.substr(eq + 1);
    }
    return Step::Option;
}

std::optional<std::string> takeValue(OptionCursor& c)
{
    if (c.inlineValue)
        return std::exchange(c.inlineValue, std::nullopt);
    if (c.i >= c.args.size())
        return std::nullopt;
    return c.args[c.i++];
}

bool isFlagWithoutValue(const OptionCursor& c)
{
    return !c.inlineValue.has_value();
}

std::vector<std::string> rest(const OptionCursor& c)
{
    return {c.args.begin() + static_cast<std::ptrdiff_t>(c.i), c.args.end()};
}

// A marked template (QT_TRANSLATE_NOOP("RequestError", ...)) with its arguments.
RequestText say(const char* marked, std::vector<RequestText> args = {})
{
    return RequestText(marked, std::move(args));
}

RequestText tooLong(std::size_t size, std::size_t limit)
{
    return say(QT_TRANSLATE_NOOP("RequestError", "too long (%1 bytes, at most %2)"),
               {std::to_string(size), std::to_string(limit)});
}

RequestText outOfRange()
{
    return say(QT_TRANSLATE_NOOP("RequestError", "offset out of range (at most +-%1 seconds)"),
               {std::to_string(kMaxClockOffset)});
}

std::optional<RequestError> checkCommand(const std::vector<std::string>& command)
{
    if (command.empty())
        return RequestError{"command",
                            say(QT_TRANSLATE_NOOP("RequestError", "missing (give it after --)")),
                            RequestErrorCode::Missing};
    if (command.size() > kMaxArguments)
        return RequestError{
            "command", say(QT_TRANSLATE_NOOP("RequestError", "too many arguments (%1, at most %2)"),
                           {std::to_string(command.size()), std::to_string(kMaxArguments)})};
    std::size_t total = 0;
    for (std::size_t i = 0; i < command.size(); ++i) {
        if (auto e = checkArgument(command[i]))
            return RequestError{"command", say(QT_TRANSLATE_NOOP("RequestError", "argument %1: %2"),
                                               {std::to_string(i), std::move(*e)})};
        total += command[i].size() + 1;
    }
    if (total > kMaxTotalBytes)
        return RequestError{
            "command",
            say(QT_TRANSLATE_NOOP("RequestError", "arguments too large (%1 bytes, at most %2)"),
                {std::to_string(total), std::to_string(kMaxTotalBytes)})};
    const std::string& program = command.front();
    if (program.empty())
        return RequestError{"command",
                            say(QT_TRANSLATE_NOOP("RequestError", "empty program name"))};
    if (program.find('/') != std::string::npos) {
        if (auto e = checkAbsolutePath(program))
            return RequestError{
                "command", say(QT_TRANSLATE_NOOP("RequestError", "program %1"), {std::move(*e)})};
    }
    return std::nullopt;
}

std::optional<RequestError> checkPathField(const char* field, const std::string& path)
{
    if (path.empty())
        return std::nullopt;
    if (auto e = checkAbsolutePath(path))
        return RequestError{field, *e};
    return std::nullopt;
}

// ---- The option tables: one row per option, read by every function that knows options.
//
// A row says how the option is spelled, the usage line, the request field it sets, how the
// helper's argv and util-linux write it and which namespace it implies (util-linux lsns's
// infos[]). The namespace types themselves are kNsOptions; "help" and "-v" are the cursor's.

// The request field an option sets; its type decides how the value is read and written.
template <typename R>
using OptionField = std::variant<bool R::*,                         // a flag: sets flagValue
                                 unsigned R::*,                     // --all: every type bit
                                 std::string R::*,                  // text; empty: not given
                                 std::optional<std::uint32_t> R::*, // an id
                                 std::optional<std::int64_t> R::*,  // seconds
                                 std::optional<std::uint64_t> R::*, // clock ticks
                                 pid_t R::*>;                       // the target: once, required

template <typename R> struct OptionRow
{
    std::string_view name; // without "--", as the helper's argv and the usage spell it
    OptionField<R> field;
    std::string_view metavar = {};    // the value in the usage; empty for a flag
    std::string_view help = {};       // the usage text ('\n' continues it); empty: not listed
    bool flagValue = true;            // what a flag sets its field to
    std::string_view alias = {};      // also accepted
    std::string_view errorField = {}; // what errors name, when not `name`
    // The complaint about a bad number, %1 the value.
    const char* notNumber = QT_TRANSLATE_NOOP("RequestError", "not a number: '%1'");
    bool attached = false;           // helper argv "--name=VALUE": the value may start with '-'
    bool utilLinux = false;          // unshare/nsenter take it as "--name" or "--name=VALUE"
    unsigned implies = 0;            // NsBit the helper creates when the option is given...
    unsigned impliesWith = 0;        // ...and these namespaces are asked for
    std::string_view neededFor = {}; // the launch dialog's reason for that namespace
};

constexpr std::string_view kMapReason =
    QT_TRANSLATE_NOOP("LaunchOption", "mapping you to root inside");

// In the order of the usage and of the helper's argv.
constexpr OptionRow<LaunchRequest> kLaunchOptions[] = {
    {.name = "all", .field = &LaunchRequest::namespaces},
    {.name = "name",
     .field = &LaunchRequest::name,
     .metavar = "NAME",
     .help = QT_TRANSLATE_NOOP(
         "LaunchOption", "the container's name, as the scanner shows it\n(\"nsexplorer: NAME\")")},
    {.name = "hostname",
     .field = &LaunchRequest::hostname,
     .metavar = "NAME",
     .help = QT_TRANSLATE_NOOP("LaunchOption", "hostname inside (implies --uts)"),
     .implies = kNsUts,
     .neededFor = QT_TRANSLATE_NOOP("LaunchOption", "the hostname")},
    {.name = "mount-proc",
     .field = &LaunchRequest::mountProc,
     .help = QT_TRANSLATE_NOOP("LaunchOption", "fresh /proc for a new PID namespace (the default)"),
     .implies = kNsMnt,
     .impliesWith = kNsPid,
     .neededFor = QT_TRANSLATE_NOOP("LaunchOption", "the fresh /proc")},
    {.name = "no-mount-proc",
     .field = &LaunchRequest::mountProc,
     .help =
         QT_TRANSLATE_NOOP("LaunchOption", "keep the host's /proc (ps then still shows the host)"),
     .flagValue = false},
    {.name = "as-pid-1",
     .field = &LaunchRequest::asPid1,
     .help = QT_TRANSLATE_NOOP("LaunchOption", "no reaper: the command itself is PID 1")},
    {.name = "map-root-user",
     .field = &LaunchRequest::mapRootUser,
     .help =
         QT_TRANSLATE_NOOP("LaunchOption", "map the invoking user to root inside (implies --user)"),
     .utilLinux = true,
     .implies = kNsUser,
     .neededFor = kMapReason},
    {.name = "map-user",
     .field = &LaunchRequest::mapUser,
     .metavar = "UID",
     .help =
         QT_TRANSLATE_NOOP("LaunchOption", "map the invoking user to UID inside (implies --user)"),
     .utilLinux = true,
     .implies = kNsUser,
     .neededFor = kMapReason},
    {.name = "map-group",
     .field = &LaunchRequest::mapGroup,
     .metavar = "GID",
     .help =
         QT_TRANSLATE_NOOP("LaunchOption", "map the invoking group to GID inside (implies --user)"),
     .utilLinux = true,
     .implies = kNsUser,
     .neededFor = kMapReason},
    {.name = "root",
     .field = &LaunchRequest::root,
     .metavar = "DIR",
     .help = QT_TRANSLATE_NOOP("LaunchOption", "pivot_root into DIR (absolute; implies --mount)"),
     .utilLinux = true,
     .implies = kNsMnt,
     .neededFor = QT_TRANSLATE_NOOP("LaunchOption", "the root directory")},
    {.name = "wd",
     .field = &LaunchRequest::workdir,
     .metavar = "DIR",
     .help = QT_TRANSLATE_NOOP("LaunchOption", "working directory inside (absolute)"),
     .utilLinux = true},
    {.name = "monotonic",
     .field = &LaunchRequest::monotonicOffset,
     .metavar = "SECS",
     .help = QT_TRANSLATE_NOOP("LaunchOption", "CLOCK_MONOTONIC offset (implies --time)"),
     .notNumber = QT_TRANSLATE_NOOP("RequestError", "not a number of seconds: '%1'"),
     .attached = true,
     .utilLinux = true,
     .implies = kNsTime,
     .neededFor = QT_TRANSLATE_NOOP("LaunchOption", "the clock offsets")},
    {.name = "boottime",
     .field = &LaunchRequest::boottimeOffset,
     .metavar = "SECS",
     .help = QT_TRANSLATE_NOOP("LaunchOption", "CLOCK_BOOTTIME offset (implies --time)"),
     .notNumber = QT_TRANSLATE_NOOP("RequestError", "not a number of seconds: '%1'"),
     .attached = true,
     .utilLinux = true,
     .implies = kNsTime,
     .neededFor = QT_TRANSLATE_NOOP("LaunchOption", "the clock offsets")},
    {.name = "connect-host",
     .field = &LaunchRequest::connectHost,
     .help = QT_TRANSLATE_NOOP("LaunchOption",
                               "veth pair to the host, addresses on both ends (privileged)"),
     .implies = kNsNet,
     .neededFor = QT_TRANSLATE_NOOP("LaunchOption", "the connection to the host")},
    {.name = "verbose",
     .field = &LaunchRequest::verbose,
     .help = QT_TRANSLATE_NOOP("LaunchOption", "log each step to stderr")},
};

constexpr OptionRow<EnterRequest> kEnterOptions[] = {
    // The helper's --enter, nsenter's (and the CLI's) --target; the usages word it each their way.
    {.name = "enter",
     .field = &EnterRequest::target,
     .metavar = "PID",
     .alias = "target",
     .errorField = "target"},
    {.name = "all", .field = &EnterRequest::all},
    {.name = "wd",
     .field = &EnterRequest::workdir,
     .metavar = "DIR",
     .help = QT_TRANSLATE_NOOP("LaunchOption", "working directory inside (absolute)"),
     .utilLinux = true},
    {.name = "expect-start",
     .field = &EnterRequest::expectStart,
     .metavar = "TICKS",
     .help = QT_TRANSLATE_NOOP("LaunchOption",
                               "refuse unless PID still names the process that started at\n"
                               "TICKS (field 22 of /proc/PID/stat): not a reused pid"),
     .notNumber = QT_TRANSLATE_NOOP("RequestError", "not a number of clock ticks: '%1'")},
    {.name = "unsafe-host-root",
     .field = &EnterRequest::unsafeHostRoot,
     .help = QT_TRANSLATE_NOOP("LaunchOption",
                               "root only: join namespaces owned by another user namespace\n"
                               "without it, keeping host root's rights there, or a mount\n"
                               "namespace whose system folders are not root's alone (their\n"
                               "owner controls what runs: unsafe)")},
    {.name = "verbose",
     .field = &EnterRequest::verbose,
     .help = QT_TRANSLATE_NOOP("LaunchOption", "log each step to stderr")},
};

template <typename R> std::string_view errorField(const OptionRow<R>& row)
{
    return row.errorField.empty() ? row.name : row.errorField;
}

template <typename R> bool takesValue(const OptionRow<R>& row)
{
    return !row.metavar.empty();
}

// Is the option given in `r`: a flag holding its value, a value present (--all never is: it
// is written as the types it stands for).
template <typename R> bool given(const R& r, const OptionRow<R>& row)
{
    return std::visit(
        [&](auto member) {
            const auto& v = r.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, bool>)
                return v == row.flagValue;
            else if constexpr (std::is_same_v<V, unsigned>)
                return false;
            else if constexpr (std::is_same_v<V, std::string>)
                return !v.empty();
            else if constexpr (std::is_same_v<V, pid_t>)
                return v != 0;
            else
                return v.has_value();
        },
        row.field);
}

// Given, and saying something a default request does not (--mount-proc never needs writing).
template <typename R> bool worthWriting(const R& r, const OptionRow<R>& row)
{
    return given(r, row) && !given(R{}, row);
}

template <typename R> std::string valueOf(const R& r, const OptionRow<R>& row)
{
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = r.*member;
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, unsigned>)
                return {};
            else if constexpr (std::is_same_v<V, std::string>)
                return v;
            else if constexpr (std::is_same_v<V, pid_t>)
                return std::to_string(v);
            else
                return v ? std::to_string(*v) : std::string();
        },
        row.field);
}

// Sets the row's field from the cursor (its value, if it takes one).
template <typename R>
std::optional<RequestError> applyOption(R& r, const OptionRow<R>& row, OptionCursor& c)
{
    const std::string field(errorField(row));
    if (!takesValue(row)) {
        if (!isFlagWithoutValue(c))
            return RequestError{c.name, say(QT_TRANSLATE_NOOP("RequestError", "takes no value")),
                                RequestErrorCode::TakesNoValue};
        if (auto* flag = std::get_if<bool R::*>(&row.field))
            r.*(*flag) = row.flagValue;
        else
            r.*std::get<unsigned R::*>(row.field) |= kAllNsBits;
        return std::nullopt;
    }
    const auto v = takeValue(c);
    if (!v)
        return RequestError{field, say(QT_TRANSLATE_NOOP("RequestError", "needs a value")),
                            RequestErrorCode::NeedsValue};
    return std::visit(
        [&](auto member) -> std::optional<RequestError> {
            auto& target = r.*member;
            using V = std::decay_t<decltype(target)>;
            if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, unsigned>) {
                return std::nullopt; // flags, above
            } else if constexpr (std::is_same_v<V, std::string>) {
                if (v->empty())
                    return RequestError{field,
                                        say(QT_TRANSLATE_NOOP("RequestError", "empty value")),
                                        RequestErrorCode::EmptyValue};
                target = *v;
            } else if constexpr (std::is_same_v<V, pid_t>) {
                const auto n = parseNumber<pid_t>(*v);
                if (!n || *n < 1 || *n > kMaxPid)
                    return RequestError{
                        field,
                        say(QT_TRANSLATE_NOOP("RequestError", "not a valid pid: '%1'"),
                            {printable(*v)}),
                        RequestErrorCode::NotANumber};
                if (target != 0)
                    return RequestError{field,
                                        say(QT_TRANSLATE_NOOP("RequestError", "given twice"))};
                target = *n;
            } else {
                const auto n = parseNumber<typename V::value_type>(*v);
                if (!n)
                    return RequestError{field, say(row.notNumber, {printable(*v)}),
                                        RequestErrorCode::NotANumber};
                target = *n;
            }
            return std::nullopt;
        },
        row.field);
}

// The one option loop of both parsers: namespace types, --help, then the table's rows.
template <typename R, std::size_t N>
Parsed<R> parseWithTable(const OptionRow<R> (&rows)[N], const std::vector<std::string>& args)
{
    Parsed<R> out;
    R r;
    OptionCursor c(args);
    auto fail = [&](RequestError e) {
        out.error = std::move(e);
        return out;
    };
    for (;;) {
        const Step step = nextOption(c);
        if (step == Step::End)
            break;
        if (step == Step::Command) {
            r.command = rest(c);
            break;
        }
        if (c.name == "help") {
            out.help = true;
            return out;
        }
        if (const NsOption* ns = nsOptionByName(c.name)) {
            if (!isFlagWithoutValue(c))
                return fail({c.name, say(QT_TRANSLATE_NOOP("RequestError", "takes no value")),
                             RequestErrorCode::TakesNoValue});
            r.namespaces |= ns->bit;
            continue;
        }
        const OptionRow<R>* row = nullptr;
        for (const auto& candidate : rows)
            if (c.name == candidate.name || (!candidate.alias.empty() && c.name == candidate.alias))
                row = &candidate;
        if (!row)
            return fail({"option",
                         say(QT_TRANSLATE_NOOP("RequestError", "unknown option '%1'"),
                             {printable(c.args[c.i - 1])}),
                         RequestErrorCode::UnknownOption});
        if (auto e = applyOption(r, *row, c))
            return fail(*e);
    }
    // A pid row is the target: required.
    for (const auto& row : rows)
        if (std::holds_alternative<pid_t R::*>(row.field) && !given(r, row))
            return fail({std::string(errorField(row)),
                         say(QT_TRANSLATE_NOOP("RequestError", "missing (give --%1 %2)"),
                             {std::string(errorField(row)), std::string(row.metavar)}),
                         RequestErrorCode::Missing});
    if (auto e = validate(r))
        return fail(*e);
    out.request = std::move(r);
    return out;
}

// The helper's argv: the target first (as its usage shows it), the namespace types, the rest.
template <typename R, std::size_t N>
std::vector<std::string> helperArgsWithTable(const OptionRow<R> (&rows)[N], const R& r)
{
    std::vector<std::string> a;
    auto write = [&](const OptionRow<R>& row) {
        if (!worthWriting(r, row))
            return;
        const std::string option = "--" + std::string(row.name);
        if (!takesValue(row))
            a.push_back(option);
        else if (row.attached)
            a.push_back(option + "=" + valueOf(r, row));
        else
            a.insert(a.end(), {option, valueOf(r, row)});
    };
    for (const auto& row : rows)
        if (std::holds_alternative<pid_t R::*>(row.field))
            write(row);
    for (const auto& o : kNsOptions)
        if (r.namespaces & o.bit)
            a.push_back(std::string("--") + o.option);
    for (const auto& row : rows)
        if (!std::holds_alternative<pid_t R::*>(row.field))
            write(row);
    a.push_back("--");
    a.insert(a.end(), r.command.begin(), r.command.end());
    return a;
}

// The options util-linux spells as we do, appended to an unshare/nsenter line.
template <typename R, std::size_t N>
void appendUtilLinuxOptions(std::string& s, const OptionRow<R> (&rows)[N], const R& r)
{
    for (const auto& row : rows) {
        if (!row.utilLinux || !worthWriting(r, row))
            continue;
        s += " --" + std::string(row.name);
        if (takesValue(row))
            s += "=" + shellQuote(valueOf(r, row));
    }
}

// util-linux's own order of the namespace options.
void appendUtilLinuxTypes(std::string& s, unsigned ns)
{
    static const std::pair<unsigned, const char*> order[] = {
        {kNsMnt, "--mount"}, {kNsUts, "--uts"},       {kNsIpc, "--ipc"},   {kNsNet, "--net"},
        {kNsPid, "--pid"},   {kNsCgroup, "--cgroup"}, {kNsUser, "--user"}, {kNsTime, "--time"}};
    for (const auto& [bit, opt] : order)
        if (ns & bit)
            s += std::string(" ") + opt;
}

// The usage lines of the rows that have help, aligned as util-linux aligns them, then --help.
template <typename R, std::size_t N>
std::string usageOf(const OptionRow<R> (&rows)[N], UsageTranslator words = nullptr)
{
    constexpr std::size_t helpColumn = 22;
    const std::string indent(helpColumn, ' ');
    std::string out;
    for (const auto& row : rows) {
        if (row.help.empty())
            continue;
        std::string line = "  --" + std::string(row.name);
        if (takesValue(row))
            line += " " + std::string(row.metavar);
        line += line.size() < helpColumn ? std::string(helpColumn - line.size(), ' ') : "  ";
        const std::string help =
            words ? words(std::string(row.help).c_str()) : std::string(row.help);
        for (const char ch : help)
            line += ch == '\n' ? "\n" + indent : std::string(1, ch);
        out += line + "\n";
    }
    return out + "  --help              " +
           (words ? words(QT_TRANSLATE_NOOP("LaunchOption", "this text")) : "this text") + "\n";
}

} // namespace

unsigned LaunchRequest::effectiveNamespaces() const
{
    unsigned ns = namespaces;
    for (const auto& row : kLaunchOptions)
        if (row.implies && given(*this, row) && (namespaces & row.impliesWith) == row.impliesWith)
            ns |= row.implies;
    return ns;
}

std::vector<std::string_view> impliedBecause(unsigned bit, const LaunchRequest& r)
{
    std::vector<std::string_view> why;
    for (const auto& row : kLaunchOptions)
        if ((row.implies & bit) && given(r, row) &&
            (r.namespaces & row.impliesWith) == row.impliesWith &&
            std::find(why.begin(), why.end(), row.neededFor) == why.end())
            why.push_back(row.neededFor);
    return why;
}

std::optional<RequestText> checkArgument(std::string_view arg)
{
    if (arg.size() > kMaxArgumentBytes)
        return tooLong(arg.size(), kMaxArgumentBytes);
    if (arg.find('\0') != std::string_view::npos)
        return say(QT_TRANSLATE_NOOP("RequestError", "contains a NUL byte"));
    if (arg.find('\n') != std::string_view::npos)
        return say(QT_TRANSLATE_NOOP("RequestError", "contains a newline"));
    return std::nullopt;
}

std::optional<RequestText> checkHostname(std::string_view name)
{
    if (name.empty())
        return say(QT_TRANSLATE_NOOP("RequestError", "empty"));
    if (name.size() > kMaxHostnameBytes)
        return tooLong(name.size(), kMaxHostnameBytes);
    // RFC 1123 labels: letters, digits and '-', not starting or ending with '-', no empty label.
    std::size_t labelStart = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '.') {
            const std::size_t len = i - labelStart;
            if (len == 0)
                return say(QT_TRANSLATE_NOOP("RequestError", "empty label in '%1'"),
                           {printable(name)});
            if (name[labelStart] == '-' || name[i - 1] == '-')
                return say(
                    QT_TRANSLATE_NOOP("RequestError", "label starts or ends with '-' in '%1'"),
                    {printable(name)});
            labelStart = i + 1;
            continue;
        }
        const char c = name[i];
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok)
            return say(
                QT_TRANSLATE_NOOP("RequestError",
                                  "invalid character in '%1' (letters, digits, '-' and '.' only)"),
                {printable(name)});
    }
    return std::nullopt;
}

namespace {

// The next code point of valid UTF-8 (shortest form, no surrogates) at `i`, advancing `i`;
// nullopt for anything else.
std::optional<char32_t> nextCodePoint(std::string_view s, std::size_t& i)
{
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    const int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? (c < 0xf0 ? 3 : 0) : c >= 0xc2 ? 2 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size())
        return std::nullopt;
    char32_t cp = c & (0x7f >> len);
    for (int k = 1; k < len; ++k) {
        if ((b(i + k) & 0xc0) != 0x80)
            return std::nullopt;
        cp = (cp << 6) | (b(i + k) & 0x3f);
    }
    const char32_t minimum = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return std::nullopt;
    i += static_cast<std::size_t>(len);
    return cp;
}

// Characters that show nothing themselves but reorder, hide or break the text around them:
// printable.h's isInvisibleFormatChar, repeated here because nsx_launch stays libc-only
// (tst_launch_request checks the two agree).
bool invisibleOrBreaking(char32_t cp)
{
    static constexpr std::pair<char32_t, char32_t> kRanges[] = {
        {0x00AD, 0x00AD},   {0x061C, 0x061C},   {0x115F, 0x1160}, {0x180E, 0x180E},
        {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x206F}, {0x3164, 0x3164},
        {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0}, {0xFFF9, 0xFFFB},
        {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
    };
    for (const auto& [lo, hi] : kRanges)
        if (cp >= lo && cp <= hi)
            return true;
    return false;
}

bool blank(char32_t cp)
{
    return cp == ' ' || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
           cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

} // namespace

std::optional<RequestText> checkContainerName(std::string_view name)
{
    if (name.empty())
        return say(QT_TRANSLATE_NOOP("RequestError", "empty"));
    if (name.size() > kMaxContainerNameBytes)
        return tooLong(name.size(), kMaxContainerNameBytes);
    if (name.front() == '-')
        return say(QT_TRANSLATE_NOOP("RequestError", "starts with '-': '%1'"), {printable(name)});
    char32_t first = 0, last = 0;
    for (std::size_t i = 0; i < name.size();) {
        const auto cp = nextCodePoint(name, i);
        if (!cp)
            return say(QT_TRANSLATE_NOOP("RequestError", "not valid UTF-8: '%1'"),
                       {printable(name)});
        if (*cp < 0x20 || *cp == 0x7f || (*cp >= 0x80 && *cp <= 0x9f))
            return say(QT_TRANSLATE_NOOP("RequestError", "contains a control character: '%1'"),
                       {printable(name)});
        if (invisibleOrBreaking(*cp))
            return say(QT_TRANSLATE_NOOP("RequestError",
                                         "contains an invisible formatting character: '%1'"),
                       {printable(name)});
        if (!first)
            first = *cp;
        last = *cp;
    }
    if (blank(first) || blank(last))
        return say(QT_TRANSLATE_NOOP("RequestError", "starts or ends with a blank: '%1'"),
                   {printable(name)});
    return std::nullopt;
}

std::optional<RequestText> checkAbsolutePath(std::string_view path)
{
    if (auto e = checkArgument(path))
        return e;
    if (path.empty())
        return say(QT_TRANSLATE_NOOP("RequestError", "empty path"));
    if (path.size() > kMaxPathBytes)
        return say(QT_TRANSLATE_NOOP("RequestError", "path too long (%1 bytes)"),
                   {std::to_string(path.size())});
    if (path.front() != '/')
        return say(QT_TRANSLATE_NOOP("RequestError", "not an absolute path: '%1'"),
                   {printable(path)});
    if (path == "/")
        return std::nullopt;
    if (path.back() == '/')
        return say(QT_TRANSLATE_NOOP("RequestError", "not normalised (trailing '/'): '%1'"),
                   {printable(path)});
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view part = path.substr(start, end - start);
        if (part.empty())
            return say(QT_TRANSLATE_NOOP("RequestError", "not normalised ('//'): '%1'"),
                       {printable(path)});
        if (part == "." || part == "..")
            return say(QT_TRANSLATE_NOOP("RequestError", "not normalised ('%1' component): '%2'"),
                       {std::string(part), printable(path)});
        start = end + 1;
    }
    return std::nullopt;
}

std::string RequestText::text(Translator words) const
{
    if (!format)
        return literal;
    const std::string pattern = words ? words(format) : std::string(format);
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::size_t n = i + 1 < pattern.size() ? std::size_t(pattern[i + 1] - '0') : 0;
        if (pattern[i] == '%' && n >= 1 && n <= 9 && n <= args.size()) {
            out += args[n - 1].text(words); // one pass: an argument's own "%2" stays
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::optional<RequestError> validate(const LaunchRequest& r)
{
    if ((r.namespaces & ~kAllNsBits) != 0)
        return RequestError{"namespaces",
                            say(QT_TRANSLATE_NOOP("RequestError", "unknown namespace bits"))};
    if (!r.hostname.empty()) {
        if (auto e = checkHostname(r.hostname))
            return RequestError{"hostname", *e};
    }
    // After the hostname: the dialog's name follows it, and its error is the one to show.
    if (!r.name.empty()) {
        if (auto e = checkContainerName(r.name))
            return RequestError{"name", *e};
    }
    if (r.mapRootUser && r.mapUser)
        return RequestError{
            "map-user", say(QT_TRANSLATE_NOOP("RequestError", "conflicts with --map-root-user"))};
    if (r.mapUser && *r.mapUser == 0xffffffffu)
        return RequestError{"map-user",
                            say(QT_TRANSLATE_NOOP("RequestError", "%1 is not a valid uid"),
                                {std::to_string(*r.mapUser)})};
    if (r.mapGroup && *r.mapGroup == 0xffffffffu)
        return RequestError{"map-group",
                            say(QT_TRANSLATE_NOOP("RequestError", "%1 is not a valid gid"),
                                {std::to_string(*r.mapGroup)})};
    if (auto e = checkPathField("root", r.root))
        return e;
    if (auto e = checkPathField("wd", r.workdir))
        return e;
    if (r.monotonicOffset &&
        (*r.monotonicOffset > kMaxClockOffset || *r.monotonicOffset < -kMaxClockOffset))
        return RequestError{"monotonic", outOfRange()};
    if (r.boottimeOffset &&
        (*r.boottimeOffset > kMaxClockOffset || *r.boottimeOffset < -kMaxClockOffset))
        return RequestError{"boottime", outOfRange()};
    if (r.asPid1 && !(r.namespaces & kNsPid))
        return RequestError{"as-pid-1", say(QT_TRANSLATE_NOOP("RequestError", "needs --pid"))};
    return checkCommand(r.command);
}

std::optional<RequestError> validate(const EnterRequest& r)
{
    if (r.target < 1 || r.target > kMaxPid)
        return RequestError{"target", say(QT_TRANSLATE_NOOP("RequestError", "not a valid pid"))};
    if ((r.namespaces & ~kAllNsBits) != 0)
        return RequestError{"namespaces",
                            say(QT_TRANSLATE_NOOP("RequestError", "unknown namespace bits"))};
    if (r.namespaces == 0 && !r.all)
        return RequestError{"namespaces",
                            say(QT_TRANSLATE_NOOP(
                                "RequestError", "none selected (give --all or types like --net)")),
                            RequestErrorCode::NoneSelected};
    if (auto e = checkPathField("wd", r.workdir))
        return e;
    if (r.expectStart && *r.expectStart == 0)
        return RequestError{"expect-start",
                            say(QT_TRANSLATE_NOOP(
                                "RequestError", "not a start time (clock ticks after boot, > 0)"))};
    if (r.unsafeHostRoot && (r.namespaces & kNsUser))
        return RequestError{
            "unsafe-host-root",
            say(QT_TRANSLATE_NOOP("RequestError", "contradicts --user (it joins the namespaces "
                                                  "without their user namespace)"))};
    return checkCommand(r.command);
}

Parsed<LaunchRequest> parseLaunchArgs(const std::vector<std::string>& args)
{
    return parseWithTable(kLaunchOptions, args);
}

Parsed<EnterRequest> parseEnterArgs(const std::vector<std::string>& args)
{
    return parseWithTable(kEnterOptions, args);
}

namespace {

template <typename R> Parsed<HelperRequest> asHelperRequest(Parsed<R> p)
{
    Parsed<HelperRequest> out;
    out.error = std::move(p.error);
    out.help = p.help;
    if (p.request)
        out.request = std::move(*p.request);
    return out;
}

} // namespace

Parsed<HelperRequest> parseHelperArgs(const std::vector<std::string>& args)
{
    bool enter = false;
    for (const auto& a : args) {
        if (a == "--")
            break;
        if (a == "--enter" || a.starts_with("--enter=")) {
            enter = true;
            break;
        }
    }
    return enter ? asHelperRequest(parseEnterArgs(args)) : asHelperRequest(parseLaunchArgs(args));
}

std::vector<std::string> toHelperArgs(const LaunchRequest& r)
{
    return helperArgsWithTable(kLaunchOptions, r);
}

std::vector<std::string> toHelperArgs(const EnterRequest& r)
{
    return helperArgsWithTable(kEnterOptions, r);
}

std::string shellQuote(std::string_view arg)
{
    bool plain = !arg.empty();
    for (const char c : arg) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') ||
                        std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
        if (!ok) {
            plain = false;
            break;
        }
    }
    if (plain)
        return std::string(arg);
    std::string out = "'";
    for (const char c : arg) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += "'";
    return out;
}

std::optional<std::vector<std::string>> splitShellWords(std::string_view text)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord)
                words.push_back(std::exchange(word, {}));
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == '\'') {
            const auto end = text.find('\'', i + 1);
            if (end == std::string_view::npos)
                return std::nullopt;
            word.append(text.substr(i + 1, end - i - 1));
            i = end;
        } else if (c == '"') {
            for (++i;; ++i) {
                if (i >= text.size())
                    return std::nullopt;
                if (text[i] == '"')
                    break;
                // Inside double quotes a backslash escapes only these.
                if (text[i] == '\\' && i + 1 < text.size() &&
                    std::string_view("\"\\$`").find(text[i + 1]) != std::string_view::npos)
                    ++i;
                word.push_back(text[i]);
            }
        } else if (c == '\\') {
            if (i + 1 >= text.size())
                return std::nullopt;
            word.push_back(text[++i]);
        } else {
            word.push_back(c);
        }
    }
    if (inWord)
        words.push_back(std::move(word));
    return words;
}

std::string unshareCommandLine(const LaunchRequest& r, bool rootless)
{
    unsigned ns = r.effectiveNamespaces();
    if (rootless)
        ns |= kNsUser;
    std::string s = "unshare";
    appendUtilLinuxTypes(s, ns);
    if (ns & kNsPid) {
        s += " --fork";
        if (r.mountProc)
            s += " --mount-proc";
    }
    // The helper always writes a map: without map options, the caller mapped to itself.
    if ((ns & kNsUser) && !r.mapRootUser && !r.mapUser && !r.mapGroup)
        s += " --map-current-user";
    appendUtilLinuxOptions(s, kLaunchOptions, r);
    s += " --";
    // unshare has no --hostname: the usual by-hand equivalent sets it before exec'ing the command.
    if (!r.hostname.empty())
        s += " sh -c 'hostname \"$0\" && exec \"$@\"' " + shellQuote(r.hostname);
    for (const auto& a : r.command)
        s += " " + shellQuote(a);
    if (r.connectHost)
        s += "  # plus a veth pair to the host (ip link add ... type veth peer ...)";
    return s;
}

std::string nsenterCommandLine(const EnterRequest& r)
{
    std::string s = "nsenter --target " + std::to_string(r.target);
    if (r.all)
        s += " --all";
    appendUtilLinuxTypes(s, r.namespaces);
    appendUtilLinuxOptions(s, kEnterOptions, r);
    s += " --";
    for (const auto& a : r.command)
        s += " " + shellQuote(a);
    return s;
}

bool needsPrivilege(const LaunchRequest& r, uid_t uid)
{
    if (uid == 0)
        return false;
    // Everything else works rootless inside an automatic user namespace; a veth end in the
    // host's network namespace needs CAP_NET_ADMIN there.
    return r.connectHost;
}

namespace {

bool sameInode(const struct stat& a, const struct stat& b)
{
    return a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

} // namespace

std::vector<EnterNsInfo> probeEnterTarget(pid_t pid, bool keepFds)
{
    std::vector<EnterNsInfo> out;
    const std::string dir = "/proc/" + std::to_string(pid) + "/ns/";
    struct stat ourUser
    {
    }, theirUser{};
    const bool haveOurUser = ::stat("/proc/self/ns/user", &ourUser) == 0;
    bool haveTheirUser = false;
    for (const auto& o : kNsOptions) {
        struct stat ours
        {};
        const bool kernelHasIt =
            ::stat((std::string("/proc/self/ns/") + o.procName).c_str(), &ours) == 0;
        EnterNsInfo info;
        info.bit = o.bit;
        const int fd = ::open((dir + o.procName).c_str(), O_RDONLY | O_CLOEXEC);
        struct stat theirs
        {};
        if (fd < 0 || ::fstat(fd, &theirs) != 0) {
            if (fd >= 0)
                ::close(fd);
            if (kernelHasIt)
                out.push_back(info); // exists but not readable (gone, or not ours to see)
            continue;
        }
        info.readable = true;
        info.differs = !kernelHasIt || !sameInode(theirs, ours);
        if (o.bit == kNsUser) {
            theirUser = theirs;
            haveTheirUser = true;
            info.owner = info.differs ? NsOwner::Target : NsOwner::Caller;
        } else {
            // EPERM when the owner is outside the caller's user namespace subtree: Unknown.
            const int owner = ::ioctl(fd, NS_GET_USERNS);
            struct stat st
            {};
            if (owner >= 0 && ::fstat(owner, &st) == 0) {
                if (haveOurUser && sameInode(st, ourUser))
                    info.owner = NsOwner::Caller;
                else if (haveTheirUser && sameInode(st, theirUser))
                    info.owner = NsOwner::Target;
                else
                    info.owner = NsOwner::Elsewhere;
            }
            if (owner >= 0)
                ::close(owner);
        }
        if (keepFds)
            info.fd = fd;
        else
            ::close(fd);
        out.push_back(info);
    }
    return out;
}

void closeProbeFds(std::vector<EnterNsInfo>& infos)
{
    for (auto& i : infos) {
        if (i.fd >= 0)
            ::close(i.fd);
        i.fd = -1;
    }
}

unsigned defaultEnterNamespaces(const std::vector<EnterNsInfo>& infos)
{
    unsigned bits = 0;
    for (const auto& i : infos)
        if (i.readable && i.differs)
            bits |= i.bit;
    return bits;
}

EnterPlan planEnter(const EnterRequest& r, const std::vector<EnterNsInfo>& infos, bool callerIsRoot)
{
    EnterPlan p;
    auto fail = [&](std::string field, const char* message,
                    RequestErrorCode code = RequestErrorCode::Refused) {
        p.error = RequestError{std::move(field), RequestText(message), code};
        return p;
    };
    if (r.unsafeHostRoot && !callerIsRoot)
        return fail("unsafe-host-root",
                    QT_TRANSLATE_NOOP("RequestError", "only root may keep host root's rights (the "
                                                      "invoking user is not root)"));
    bool needUser = false;
    const EnterNsInfo* user = nullptr;
    for (const auto& i : infos) {
        const NsOption* o = nullptr;
        for (const auto& opt : kNsOptions)
            if (opt.bit == i.bit)
                o = &opt;
        if (!o)
            continue;
        if (i.bit == kNsUser) {
            user = &i;
            continue;
        }
        const bool explicitly = r.namespaces & i.bit;
        if (!explicitly && !r.all)
            continue;
        if (!i.readable) {
            if (explicitly)
                return fail(
                    o->option,
                    QT_TRANSLATE_NOOP("RequestError", "the target's namespace is not readable"),
                    RequestErrorCode::NotReadable);
            continue; // --all: a type we cannot see is left out
        }
        if (!i.differs)
            continue; // already there
        p.join |= i.bit;
        if (i.owner == NsOwner::Caller)
            continue;
        if (r.unsafeHostRoot) {
            p.foreignOwned |= i.bit;
        } else if (i.owner == NsOwner::Target) {
            needUser = true;
        } else {
            return fail(o->option,
                        QT_TRANSLATE_NOOP("RequestError",
                                          "owned by a user namespace other than ours and "
                                          "the target's; refusing to join it"));
        }
    }
    const bool userWanted = (r.namespaces & kNsUser) || (r.all && !r.unsafeHostRoot);
    if (userWanted) {
        if (!user || !user->readable) {
            if (r.namespaces & kNsUser)
                return fail(
                    "user",
                    QT_TRANSLATE_NOOP("RequestError", "the target's namespace is not readable"),
                    RequestErrorCode::NotReadable);
        } else if (user->differs) {
            p.join |= kNsUser;
        }
    }
    if (needUser && !(p.join & kNsUser)) {
        if (!user || !user->readable || !user->differs)
            return fail(
                "user",
                QT_TRANSLATE_NOOP("RequestError", "the target's user namespace is not readable"),
                RequestErrorCode::NotReadable);
        p.join |= kNsUser;
        p.addedUser = kNsUser;
    }
    return p;
}

bool needsPrivilegeToEnter(uid_t targetOwner, uid_t uid)
{
    return uid != 0 && targetOwner != uid;
}

namespace {

// The helper next to (or in the build tree beside) the running program, else the installed one.
std::string builtOrInstalledHelper(const std::string& selfExe)
{
    std::string dir = selfExe;
    if (const auto slash = dir.rfind('/'); slash != std::string::npos)
        dir.resize(slash);
    else
        dir.clear();
    std::vector<std::string> candidates;
    if (!dir.empty()) {
        candidates.push_back(dir + "/nsexplorer-helper");
        // Build tree: backend/cli/, gui/ and tests/*/ sit next to backend/helper/.
        candidates.push_back(dir + "/../helper/nsexplorer-helper");
        candidates.push_back(dir + "/../backend/helper/nsexplorer-helper");
        candidates.push_back(dir + "/../../backend/helper/nsexplorer-helper");
    }
    candidates.push_back(std::string(NSX_INSTALL_LIBEXECDIR) + "/nsexplorer-helper");
    candidates.push_back(std::string(NSX_INSTALL_BINDIR) + "/nsexplorer-helper");
    for (const auto& c : candidates) {
        if (!c.empty() && c.front() == '/' && ::access(c.c_str(), X_OK) == 0) {
            char resolved[4096];
            if (::realpath(c.c_str(), resolved))
                return resolved;
            return c;
        }
    }
    return {};
}

} // namespace

std::string findHelper(const std::string& selfExe)
{
    const char* env = std::getenv("NSX_HELPER");
    if (!env || env[0] != '/' || ::access(env, X_OK) != 0)
        return builtOrInstalledHelper(selfExe);
    if (::geteuid() != 0)
        return env;
    // As root, $NSX_HELPER may be a user's (`sudo -E` passes the user's environment on):
    // only a file that only root can change is run, else the built or installed one. One
    // line on stderr, not spdlog: the helper links this file and keeps spdlog header-only.
    std::string why;
    if (auto trusted = rootOnlyFile(env, &why))
        return *trusted;
    const std::string fallback = builtOrInstalledHelper(selfExe);
    // Naming the very helper we would take anyway changes nothing (a build tree under /tmp).
    char resolved[4096];
    if (!fallback.empty() && ::realpath(env, resolved) && fallback == resolved)
        return fallback;
    static bool said = false;
    if (!std::exchange(said, true))
        std::fprintf(stderr,
                     "nsexplorer: ignoring NSX_HELPER: running as root and %s; using the "
                     "built or installed helper\n",
                     why.c_str());
    return fallback;
}

std::vector<std::string> helperCommand(const std::string& helperPath,
                                       const std::vector<std::string>& helperArgs, bool elevate)
{
    std::vector<std::string> argv;
    if (elevate)
        argv.push_back(::access("/usr/bin/pkexec", X_OK) == 0 ? "/usr/bin/pkexec" : "pkexec");
    argv.push_back(helperPath);
    argv.insert(argv.end(), helperArgs.begin(), helperArgs.end());
    return argv;
}

namespace {
// The namespace types' usage lines (kNsOptions, --all), before the table's rows.
constexpr const char* kTypeOptions = "  --uts --ipc --pid --mount --net --user --cgroup --time\n";
constexpr const char* kHelpIndent = "                      ";
constexpr const char* kLaunchTypesHelp =
    QT_TRANSLATE_NOOP("LaunchOption", "new namespaces of these types (--all: every type)");
constexpr const char* kEnterTypesHelp =
    QT_TRANSLATE_NOOP("LaunchOption", "namespaces of the target to join (--all: every one that "
                                      "differs);\none owned by the target's user namespace joins "
                                      "that one too");

std::string text(UsageTranslator words, const char* english)
{
    return words ? words(english) : std::string(english);
}

// The help of the type options, its continuation lines indented like usageOf()'s.
std::string typesUsage(UsageTranslator words, const char* help)
{
    std::string out = std::string(kTypeOptions) + kHelpIndent;
    for (const char ch : text(words, help))
        out += ch == '\n' ? std::string("\n") + kHelpIndent : std::string(1, ch);
    return out + "\n";
}
} // namespace

std::string helperUsage(std::string_view program)
{
    const std::string p(program);
    return "Usage: " + p + " [options] -- COMMAND [ARGS...]\n" + "       " + p +
           " --enter PID [types | --all] [--wd DIR] -- COMMAND [ARGS...]\n"
           "Runs COMMAND in new namespaces (or joins a running process's namespaces).\n"
           "Started as root, rootless (an automatic user namespace) or through pkexec.\n"
           "COMMAND is an absolute path or a name looked up in a fixed PATH. On a terminal it\n"
           "gets a new pseudo-terminal of its own, in its own session (job control works).\n\n"
           "Launch options:\n" +
           typesUsage(nullptr, kLaunchTypesHelp) + usageOf(kLaunchOptions) +
           "\nEnter options:\n  --enter PID         the process to join\n" +
           typesUsage(nullptr, kEnterTypesHelp) + usageOf(kEnterOptions) +
           "\n  --version           print the version and exit (as the only argument)\n"
           "\nExit status: the command's; 2 for a refused request; 127 for a "
           "command not found.\n";
}

std::string launchUsage(std::string_view program, UsageTranslator words)
{
    return text(words, QT_TRANSLATE_NOOP("LaunchOption", "Usage:")) + " " + std::string(program) +
           " launch [options] [-- COMMAND [ARGS...]]\n" +
           text(words, QT_TRANSLATE_NOOP("LaunchOption", "Runs COMMAND (default: $SHELL) in new "
                                                         "namespaces through nsexplorer-helper.")) +
           "\n\n" + text(words, QT_TRANSLATE_NOOP("LaunchOption", "Options:")) + "\n" +
           typesUsage(words, kLaunchTypesHelp) + usageOf(kLaunchOptions, words);
}

std::string enterUsage(std::string_view program, UsageTranslator words)
{
    return text(words, QT_TRANSLATE_NOOP("LaunchOption", "Usage:")) + " " + std::string(program) +
           " enter --target PID [types | --all] [-- COMMAND [ARGS...]]\n" +
           text(words, QT_TRANSLATE_NOOP("LaunchOption",
                                         "Runs COMMAND (default: $SHELL) in a running process's "
                                         "namespaces.")) +
           "\n\n" + text(words, QT_TRANSLATE_NOOP("LaunchOption", "Options:")) +
           "\n  --target PID        " +
           text(words,
                QT_TRANSLATE_NOOP("LaunchOption", "the process to join (pinned with a pidfd)")) +
           "\n" + typesUsage(words, kEnterTypesHelp) + usageOf(kEnterOptions, words);
}

} // namespace nsx::backend
