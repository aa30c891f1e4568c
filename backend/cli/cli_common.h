// Shared by the nsexplorer-cli subcommands: error reporting in util-linux manners, option
// parsing helpers and output.
#pragma once

#include "snapshot.h"

#include <getopt.h>
#include <string>
#include <string_view>

namespace nsx::cli {

inline constexpr const char* kProgram = "nsexplorer-cli";
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFailure = 1;

// Thrown for a bad command line; main() prints "nsexplorer-cli: <what>" and exits 2.
struct UsageError
{
    std::string what;
};
// Thrown for a runtime failure; main() prints one line and exits `status` (1 unless told).
struct RuntimeError
{
    std::string what;
    int status = kExitFailure;
};

// getopt_long with opterr = 0 and a ':'-prefixed optstring returned '?' or ':'; this turns
// it into a UsageError naming the offending argument. `cmd` is the subcommand.
[[noreturn]] void badOption(std::string_view cmd, int c, char** argv);

// Writes all of `text` to stdout; RuntimeError on failure.
void writeStdout(std::string_view text);
// Writes `text` to `path` through a temporary file and rename(), so a reader never sees
// half a file. "-" means stdout.
void writeFile(const std::string& path, std::string_view text);

// The snapshot a command works on: loaded from `from` when not empty ("-": standard input)
// (RuntimeError with the loader's one-line message, exit status `loadFailure`), else a live scan.
backend::Snapshot obtainSnapshot(const std::string& from, bool details = true,
                                 int loadFailure = kExitFailure);

// The command line of a process for display (cmdline joined by spaces, "[comm]" for kernel
// threads), made safe for a terminal.
std::string commandOf(const backend::Process& p);

int runSnapshot(int argc, char** argv);
int runList(int argc, char** argv);
int runTree(int argc, char** argv);
int runDiff(int argc, char** argv);
int runMap(int argc, char** argv);

} // namespace nsx::cli
