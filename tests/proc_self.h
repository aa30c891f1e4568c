// What this test process uses, from /proc/self: for the churn tests' leak checks and the
// benchmarks' memory figures.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>

namespace nsx::test {

// A "VmRSS:"-style line of /proc/self/status, in KiB (-1 when missing).
inline long readStatusKb(const char* key)
{
    FILE* f = std::fopen("/proc/self/status", "re");
    if (!f)
        return -1;
    char line[256];
    long value = -1;
    const std::size_t n = std::strlen(key);
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, key, n) == 0 && line[n] == ':')
            value = std::strtol(line + n + 1, nullptr, 10);
    std::fclose(f);
    return value;
}

inline int countOpenFds()
{
    int n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.')
                ++n;
        ::closedir(d);
    }
    return n - 1; // the directory stream itself
}

} // namespace nsx::test
