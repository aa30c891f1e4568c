// The benches' container load (bench_scan, bench_idle): CONTAINERS containers of PROCESSES
// processes each (a shell as PID 1 and sleeps), every one in new pid, mount, uts, ipc, net and
// cgroup namespaces — "200x5" is 200 containers of 5 processes. As root.
// Everything started is killed by killContainers(), also from a signal handler (the containers
// die with their unshare: --kill-child); install the handlers with catchSignals().
#pragma once

#include <chrono>
#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace nsx::test::bench {

constexpr int kMaxContainers = 4096;
inline volatile sig_atomic_t g_count = 0;
inline pid_t g_pids[kMaxContainers];
inline volatile sig_atomic_t g_stop = 0;

inline void killContainers()
{
    for (int i = 0; i < g_count; ++i)
        if (g_pids[i] > 0)
            ::kill(g_pids[i], SIGKILL);
}

inline void reapContainers()
{
    killContainers();
    for (int i = 0; i < g_count; ++i)
        ::waitpid(g_pids[i], nullptr, 0);
    g_count = 0;
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
}

inline void onStopSignal(int)
{
    killContainers();
    g_stop = 1;
}

// Ctrl+C, SIGTERM, SIGHUP and a closed pipe (`bench | head`) kill the containers; orphans of
// the containers come back to us (a subreaper), so nothing escapes the final kill.
inline void catchSignals()
{
    struct sigaction sa
    {};
    sa.sa_handler = onStopSignal;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
    ::sigaction(SIGPIPE, &sa, nullptr);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
}

// The pids listed in /proc/PID/task/PID/children.
inline std::vector<int> childrenOf(int pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/task/%d/children", pid, pid);
    std::vector<int> out;
    FILE* f = std::fopen(path, "re");
    if (!f)
        return out;
    int child = 0;
    while (std::fscanf(f, "%d", &child) == 1)
        out.push_back(child);
    std::fclose(f);
    return out;
}

// Containers of ours that are complete: unshare's child (the container's PID 1, a shell) has
// its PROCESSES - 1 sleeps. Counting only our own trees keeps other users' namespaced
// processes, which come and go, out of the wait.
inline int containersReady(int processes)
{
    int ready = 0;
    for (int i = 0; i < g_count; ++i)
        for (int init : childrenOf(g_pids[i]))
            if (static_cast<int>(childrenOf(init).size()) >= processes - 1) {
                ++ready;
                break;
            }
    return ready;
}

// Starts the containers and waits (up to 5 minutes) until all are complete; false on failure
// (then everything started is killed).
inline bool startContainers(int containers, int processes)
{
    std::string script;
    for (int i = 1; i < processes; ++i)
        script += "sleep 100000 & ";
    script += "wait";
    for (int i = 0; i < containers && i < kMaxContainers && !g_stop; ++i) {
        char* args[] = {const_cast<char*>("unshare"),
                        const_cast<char*>("--fork"),
                        const_cast<char*>("--kill-child"),
                        const_cast<char*>("--pid"),
                        const_cast<char*>("--mount-proc"),
                        const_cast<char*>("--uts"),
                        const_cast<char*>("--ipc"),
                        const_cast<char*>("--net"),
                        const_cast<char*>("--cgroup"),
                        const_cast<char*>("sh"),
                        const_cast<char*>("-c"),
                        script.data(),
                        nullptr};
        pid_t pid = 0;
        if (::posix_spawnp(&pid, "unshare", nullptr, nullptr, args, environ) != 0) {
            std::fprintf(stderr, "cannot start unshare\n");
            break;
        }
        g_pids[i] = pid;
        g_count = i + 1;
    }
    const int want = g_count;
    const auto start = std::chrono::steady_clock::now();
    int have = 0;
    while (!g_stop && (have = containersReady(processes)) < want) {
        if (std::chrono::steady_clock::now() - start > std::chrono::minutes(5)) {
            std::fprintf(stderr, "only %d of %d containers complete after 5 minutes\n", have, want);
            killContainers();
            return false;
        }
        ::usleep(200000);
    }
    return !g_stop && want == containers;
}

} // namespace nsx::test::bench
