#include "fd_registry.h"

#include <algorithm>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace nsx::backend::scan {

namespace {

std::mutex g_registryMutex;
std::vector<pid_t> g_workerTids;
std::vector<int> g_registeredFds;
std::shared_mutex g_fdGate;

template <typename T> void registryAdd(std::vector<T>& v, T x)
{
    std::lock_guard lock(g_registryMutex);
    v.push_back(x);
}
template <typename T> void registryRemove(std::vector<T>& v, T x)
{
    std::lock_guard lock(g_registryMutex);
    if (auto it = std::find(v.begin(), v.end(), x); it != v.end()) {
        *it = v.back();
        v.pop_back();
    }
}
template <typename T> bool registryHas(const std::vector<T>& v, T x)
{
    std::lock_guard lock(g_registryMutex);
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

void registerWorkerThread(pid_t tid)
{
    registryAdd(g_workerTids, tid);
}
void unregisterWorkerThread(pid_t tid)
{
    registryRemove(g_workerTids, tid);
}
bool isWorkerThread(pid_t tid)
{
    return registryHas(g_workerTids, tid);
}

WorkerThreadEntry::WorkerThreadEntry() : m_tid(static_cast<pid_t>(::syscall(SYS_gettid)))
{
    registerWorkerThread(m_tid);
}
WorkerThreadEntry::~WorkerThreadEntry()
{
    if (!m_kept)
        unregisterWorkerThread(m_tid);
}

bool isRegisteredFd(int fd)
{
    return registryHas(g_registeredFds, fd);
}
std::shared_mutex& registeredFdGate()
{
    return g_fdGate;
}
std::unique_lock<std::shared_mutex> freezeRegisteredFds()
{
    return std::unique_lock(g_fdGate);
}
void addRegisteredFd(int fd)
{
    registryAdd(g_registeredFds, fd);
}
void removeRegisteredFd(int fd)
{
    registryRemove(g_registeredFds, fd);
}

} // namespace nsx::backend::scan
