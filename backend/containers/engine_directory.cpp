// Placeholder until the engine API client lands (issue 15, helper "engines"): knows nothing.
#include "engine_directory.h"

namespace nsx::backend::containers {

EngineDirectory& EngineDirectory::shared()
{
    static EngineDirectory directory;
    return directory;
}

std::vector<EngineContainer> EngineDirectory::current() const
{
    return {};
}

void EngineDirectory::refreshSoon() {}

} // namespace nsx::backend::containers
