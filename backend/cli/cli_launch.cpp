// Placeholder until the launch engineer's implementation lands (issue 4): refuses clearly.
#include "cli_launch.h"

#include <cstdio>

namespace nsx::cli {
int runLaunch(int, char**)
{
    std::fprintf(stderr, "nsexplorer-cli: launch: not implemented yet\n");
    return 1;
}
int runEnter(int, char**)
{
    std::fprintf(stderr, "nsexplorer-cli: enter: not implemented yet\n");
    return 1;
}
} // namespace nsx::cli
