// `nsexplorer-cli launch` and `nsexplorer-cli enter`: parse and validate with nsx_launch (the
// same code the helper and the dialogs use), decide whether privilege is needed, and exec the
// helper — directly (root, or rootless in an automatic user namespace) or through pkexec only
// when the request needs it. exec, not fork: the helper inherits our terminal, our process group
// and our place in the caller's job control, and its exit status becomes ours.
#include "cli_launch.h"
#include "cli_i18n.h"

#include "cli_common.h"
#include "containers/container_lookup.h"
#include "printable.h"

#include "launch_request.h"
#include "process_ids.h"
#include "translate_noop.h"
#include "trusted_path.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <unistd.h>
#include <variant>
#include <vector>

namespace nsx::cli {

namespace {

using namespace nsx::backend;

std::string selfExe()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return {};
    return std::string(buf, static_cast<std::size_t>(n));
}

// No command given: the user's shell, like unshare and nsenter.
std::vector<std::string> withDefaultCommand(std::vector<std::string> args)
{
    std::string shell = "/bin/sh";
    // As root, $SHELL may have come from a user (sudo -E): run it only when only root can
    // change it, as the GUI does.
    if (const char* s = std::getenv("SHELL"); s && !checkAbsolutePath(s)) {
        std::string why;
        if (::geteuid() != 0 || rootOnlyFile(s, &why))
            shell = s;
        else
            std::fprintf(stderr, "nsexplorer-cli: %s\n",
                         (translate("nsexplorer-cli", "ignoring SHELL as root:") + " " + why +
                          "; " + translate("nsexplorer-cli", "using /bin/sh"))
                             .c_str());
    }
    if (args.empty() || args.back() != "--")
        args.push_back("--");
    args.push_back(shell);
    return args;
}

bool hasCommand(const std::vector<std::string>& args)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--")
            return i + 1 < args.size();
    }
    // Without "--", the first non-option starts the command; options with values make a
    // reliable scan hard, so let the parser decide (it reports a missing command).
    return true;
}

int execHelper(const char* sub, const std::vector<std::string>& helperArgs, bool elevate)
{
    const std::string helper = findHelper(selfExe());
    if (helper.empty()) {
        std::fprintf(stderr, "nsexplorer-cli: %s: %s\n", sub,
                     translate("nsexplorer-cli",
                               "nsexplorer-helper not found (looked in $NSX_HELPER, next to "
                               "nsexplorer-cli, in the install prefix's libexec and bin)")
                         .c_str());
        return 1;
    }
    const auto argv = helperCommand(helper, helperArgs, elevate);
    std::vector<char*> cargv;
    for (const auto& a : argv)
        cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    ::execv(cargv[0], cargv.data());
    if (elevate && errno == ENOENT)
        ::execvp("pkexec", cargv.data());
    const int saved = errno;
    std::fprintf(
        stderr, "nsexplorer-cli: %s: %s\n", sub,
        arg(translate("nsexplorer-cli", "cannot start %1: %2"), {argv[0], std::strerror(saved)})
            .c_str());
    return saved == ENOENT ? 127 : 126;
}

// Parses argv for `sub`, with $SHELL as the command when none is given. An int is the exit
// status when there is nothing to run (--help printed, or a refusal printed).
template <typename R>
std::variant<R, int> parseRequest(const char* sub, int argc, char** argv,
                                  Parsed<R> (*parse)(const std::vector<std::string>&),
                                  std::string (*usage)(std::string_view, UsageTranslator))
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!hasCommand(args))
        args = withDefaultCommand(std::move(args));
    auto parsed = parse(args);
    if (parsed.help) {
        std::fputs(usage("nsexplorer-cli",
                         [](const char* text) { return translateMarked("LaunchOption", text); })
                       .c_str(),
                   stdout);
        return 0;
    }
    if (parsed.error && parsed.error->field == "command" &&
        parsed.error->code == RequestErrorCode::Missing) {
        args = withDefaultCommand(std::move(args));
        parsed = parse(args);
    }
    if (parsed.error) {
        std::fprintf(stderr, "nsexplorer-cli: %s: %s\n", sub, parsed.error->line().c_str());
        return 2;
    }
    return std::move(*parsed.request);
}

} // namespace

int runLaunch(int argc, char** argv)
{
    auto parsed = parseRequest("launch", argc, argv, parseLaunchArgs, launchUsage);
    if (const int* status = std::get_if<int>(&parsed))
        return *status;
    LaunchRequest& request = std::get<LaunchRequest>(parsed);
    const bool elevate = needsPrivilege(request, ::geteuid());
    if (elevate && request.workdir.empty() && request.root.empty()) {
        // pkexec does not promise to keep our working directory: pass it explicitly.
        char cwd[4096];
        if (::getcwd(cwd, sizeof cwd) && !checkAbsolutePath(cwd))
            request.workdir = cwd;
    }
    return execHelper("launch", toHelperArgs(request), elevate);
}

namespace {

constexpr const char* kContainerUsage = QT_TRANSLATE_NOOP(
    "nsexplorer-cli",
    "  --container NAME    join a container's init process instead of --target: its name\n"
    "                      (\"nsx-dock\"), \"engine:name\" (\"docker:nsx-dock\") or its key,\n"
    "                      as `nsexplorer-cli list` shows them; resolved by a fresh scan\n");

// `--container NAME` (or --container=NAME) before "--" becomes `--target PID` for the helper's
// request, which stays as it is. Returns the exit status when there is nothing to run.
std::optional<int> resolveContainerOption(std::vector<std::string>& args)
{
    std::optional<std::string> name;
    bool target = false;
    for (std::size_t i = 0; i < args.size();) {
        const std::string& a = args[i];
        if (a == "--")
            break;
        if (a == "-h" || a == "--help") {
            std::fputs((enterUsage("nsexplorer-cli",
                                   [](const char* text) {
                                       return translateMarked("LaunchOption", text);
                                   }) +
                        translate("nsexplorer-cli", kContainerUsage))
                           .c_str(),
                       stdout);
            return 0;
        }
        if (a == "--target" || a.starts_with("--target="))
            target = true;
        if (a == "--container" || a.starts_with("--container=")) {
            if (name)
                throw UsageError{"enter: " +
                                 translate("nsexplorer-cli", "--container given twice")};
            if (a == "--container") {
                if (i + 1 >= args.size() || args[i + 1] == "--")
                    throw UsageError{
                        "enter: " + translate("nsexplorer-cli", "--container: a name is required")};
                name = args[i + 1];
                args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
            } else {
                name = a.substr(std::string_view("--container=").size());
                args.erase(args.begin() + long(i));
            }
            continue;
        }
        ++i;
    }
    if (!name)
        return std::nullopt;
    if (target)
        throw UsageError{"enter: " +
                         translate("nsexplorer-cli", "--container and --target are exclusive")};
    if (name->empty())
        throw UsageError{"enter: " +
                         translate("nsexplorer-cli", "--container: a name is required")};
    const std::string shown = displayString(*name);
    const Snapshot s = obtainSnapshot({}, /*details=*/false);
    const containers::ContainerMatch m = containers::findContainerByName(s, *name, ::geteuid());
    const auto candidates = [&m] {
        std::string list;
        for (const std::string& c : m.candidates)
            list += (list.empty() ? "" : ", ") + displayString(c);
        return list;
    };
    switch (m.result) {
    case containers::ContainerMatch::Result::Found:
        break;
    case containers::ContainerMatch::Result::NotFound:
        throw RuntimeError{
            "enter: " +
            arg(translate("nsexplorer-cli",
                          "--container %1: no such container (see nsexplorer-cli list)"),
                {shown})};
    case containers::ContainerMatch::Result::NoProcess:
        throw RuntimeError{
            "enter: " +
            arg(translate("nsexplorer-cli", "--container %1: no process of %2 to enter"),
                {shown, displayString(containers::describeCandidate(*m.container))})};
    case containers::ContainerMatch::Result::OtherUsers:
        throw RuntimeError{
            "enter: " + arg(translate("nsexplorer-cli",
                                      "--container %1: only another user's container has that "
                                      "name, and that user chose it: %2; name it so to enter it"),
                            {shown, candidates()})};
    case containers::ContainerMatch::Result::Ambiguous:
        throw UsageError{"enter: " +
                         arg(translate("nsexplorer-cli",
                                       "--container %1 is ambiguous: %2 (name one as engine:name)"),
                             {shown, candidates()})};
    }
    spdlog::info("enter: container {} is pid {}", containers::describeCandidate(*m.container),
                 m.pid);
    // The process the scan saw, not whoever has its pid by the time the helper runs.
    const backend::Process* p = s.findProcess(m.pid);
    if (p && p->startTime)
        args.insert(args.begin(), {"--expect-start", std::to_string(p->startTime)});
    args.insert(args.begin(), {"--target", std::to_string(m.pid)});
    return std::nullopt;
}

} // namespace

int runEnter(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (const auto status = resolveContainerOption(args))
        return *status;
    std::vector<char*> cargv{argv[0]};
    for (std::string& a : args)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    argc = int(cargv.size()) - 1;
    argv = cargv.data();
    auto parsed = parseRequest("enter", argc, argv, parseEnterArgs, enterUsage);
    if (const int* status = std::get_if<int>(&parsed))
        return *status;
    const EnterRequest& request = std::get<EnterRequest>(parsed);
    const auto owner = readProcessIds(request.target);
    if (!owner) {
        std::fprintf(
            stderr, "nsexplorer-cli: enter: target: %s\n",
            arg(translate("nsexplorer-cli", "no process %1"), {std::to_string(request.target)})
                .c_str());
        return 2;
    }
    // The helper re-checks everything after pinning the process; this only picks the way in
    // (the real uid: whose process it is, as ps shows it).
    const bool elevate = needsPrivilegeToEnter(owner->realUid, ::geteuid());
    return execHelper("enter", toHelperArgs(request), elevate);
}

} // namespace nsx::cli
