// What the churn tests need to know about the build they run in, and their shared settings.
#pragma once

#include <QtGlobal>

// AddressSanitizer keeps freed memory in quarantine (hundreds of MB), so RSS says nothing about
// leaks there; its leak checker, which runs at exit in that build, is the stronger check.
#if defined(__SANITIZE_ADDRESS__)
#define NSX_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NSX_UNDER_ASAN 1
#endif
#endif

// ThreadSanitizer makes every memory access several times slower: the churn tests run shorter
// there and skip what only costs time without adding a thread to look at.
#if defined(__SANITIZE_THREAD__)
#define NSX_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NSX_UNDER_TSAN 1
#endif
#endif

namespace nsx::test {

// How long to churn: $NSX_CHURN_SECONDS when set to a positive number, else `fallback`.
inline int churnSeconds(int fallback)
{
    const int fromEnv = qEnvironmentVariableIntValue("NSX_CHURN_SECONDS");
    return fromEnv > 0 ? fromEnv : fallback;
}

} // namespace nsx::test
