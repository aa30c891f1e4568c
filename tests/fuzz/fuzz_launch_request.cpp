// libFuzzer target for the helper's request parser and validator (nsx_launch). The input is an
// argv split on NUL bytes, exactly what the helper receives. Besides "no crash, no leak, no UB",
// it checks the properties the helper relies on:
//   - an error is one line naming a field;
//   - an accepted request passes validate() again and survives toHelperArgs() -> parse unchanged;
//   - the preview command lines are produced without trouble.
#include "launch_request.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

using namespace nsx::backend;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::string> args;
    std::string current;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0) {
            args.push_back(current);
            current.clear();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }
    if (!current.empty())
        args.push_back(current);

    // The dialogs' command splitter takes the raw bytes too: it must not crash on anything.
    (void)splitShellWords(std::string_view(reinterpret_cast<const char*>(data), size));
    const auto parsed = parseHelperArgs(args);
    if (parsed.help)
        return 0;
    if (parsed.error) {
        const std::string line = parsed.error->line();
        if (parsed.error->field.empty() || line.find('\n') != std::string::npos)
            __builtin_trap();
        if (parsed.request)
            __builtin_trap();
        return 0;
    }
    if (!parsed.request)
        __builtin_trap();
    if (const auto* launch = std::get_if<LaunchRequest>(&*parsed.request)) {
        if (validate(*launch))
            __builtin_trap();
        const auto again = parseLaunchArgs(toHelperArgs(*launch));
        if (!again.request || !(*again.request == *launch))
            __builtin_trap();
        (void)unshareCommandLine(*launch, true);
        // The dialogs show commands shell-quoted and read them back with splitShellWords.
        std::string joined;
        for (const auto& a : launch->command)
            joined += (joined.empty() ? "" : " ") + shellQuote(a);
        const auto words = splitShellWords(joined);
        if (!words || *words != launch->command)
            __builtin_trap();
        (void)needsPrivilege(*launch, 1000);
    } else {
        const auto& enter = std::get<EnterRequest>(*parsed.request);
        if (validate(enter))
            __builtin_trap();
        const auto again = parseEnterArgs(toHelperArgs(enter));
        if (!again.request || !(*again.request == enter))
            __builtin_trap();
        (void)nsenterCommandLine(enter);
    }
    return 0;
}
