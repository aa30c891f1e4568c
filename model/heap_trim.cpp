#include "heap_trim.h"

#include <spdlog/spdlog.h>

#include <chrono>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nsx::model {

bool HeapTrim::observe(std::size_t entries)
{
    if (entries >= m_peak) {
        m_peak = entries;
        m_low = 0;
        return false;
    }
    if (m_peak < kMinPeak || entries * 2 >= m_peak) {
        m_low = 0;
        return false;
    }
    if (++m_low < kSettlePolls)
        return false;
    m_peak = entries;
    m_low = 0;
    return true;
}

bool HeapTrim::trimAfter(std::size_t entries)
{
    if (!observe(entries))
        return false;
#if defined(__GLIBC__)
    const auto t0 = std::chrono::steady_clock::now();
    ::malloc_trim(0);
    spdlog::debug(
        "poller: the machine shrank to {} namespaces and processes; heap trimmed in "
        "{:.1f} ms",
        entries,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    return true;
#else
    return false;
#endif
}

} // namespace nsx::model
