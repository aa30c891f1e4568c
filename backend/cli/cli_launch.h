// The `launch` and `enter` subcommands of nsexplorer-cli (implemented in cli_launch.cpp).
// argv[0] is the subcommand name; returns the process exit status (2 for usage errors).
#pragma once

namespace nsx::cli {
int runLaunch(int argc, char** argv);
int runEnter(int argc, char** argv);
} // namespace nsx::cli
