// What a scan must not report as a namespace's member or reference although the kernel lists
// it: the scanner's own worker threads (they setns() into other namespaces for a moment) and
// its own descriptors on namespaces. Several Scanners may scan at once in one process, so
// both registries are process-wide.
#pragma once

#include "nsfs.h"

#include <cerrno>
#include <mutex>
#include <shared_mutex>
#include <sys/types.h>

namespace nsx::backend::scan {

// A worker thread is registered from before it first setns()es until it is back in its own
// namespaces (or, when it could not go back, until it has been joined).
void registerWorkerThread(pid_t tid);
void unregisterWorkerThread(pid_t tid);
bool isWorkerThread(pid_t tid);

// Registers the calling thread as a worker while it lives, or, after keepUntilJoined(), until
// whoever joins it calls unregisterWorkerThread(tid()).
class WorkerThreadEntry
{
public:
    WorkerThreadEntry();
    ~WorkerThreadEntry();
    WorkerThreadEntry(const WorkerThreadEntry&) = delete;
    WorkerThreadEntry& operator=(const WorkerThreadEntry&) = delete;
    pid_t tid() const { return m_tid; }
    void keepUntilJoined() { m_kept = true; }

private:
    pid_t m_tid;
    bool m_kept = false;
};

bool isRegisteredFd(int fd);

// Our own descriptors on namespaces come and go while a scan running at the same time may
// list this process's descriptors. Making or closing one and (un)registering it happen under
// the shared side of this gate, and listing our own fd directory under the exclusive side
// (freezeRegisteredFds), so that a listing never meets one of ours unregistered.
// Order: gate, then the registry's mutex.
std::shared_mutex& registeredFdGate();
std::unique_lock<std::shared_mutex> freezeRegisteredFds();
void addRegisteredFd(int fd);
void removeRegisteredFd(int fd);

// A descriptor of ours that refers to a namespace, registered for as long as it is open so
// that a scan running at the same time does not report it as an fd reference.
class RegisteredFd
{
public:
    RegisteredFd() = default;
    // make() returns a new descriptor or -1 (and leaves errno alone).
    template <typename Make> explicit RegisteredFd(Make&& make)
    {
        std::shared_lock gate(registeredFdGate());
        m_fd = nsfs::UniqueFd(make());
        if (m_fd) {
            const int saved = errno;
            addRegisteredFd(m_fd.get());
            errno = saved;
        }
    }
    ~RegisteredFd() { reset(); }
    RegisteredFd(RegisteredFd&&) noexcept = default; // the registry entry goes with the descriptor
    RegisteredFd& operator=(RegisteredFd&& o) noexcept
    {
        if (this != &o) {
            reset();
            m_fd = std::move(o.m_fd);
        }
        return *this;
    }
    int get() const { return m_fd.get(); }
    explicit operator bool() const { return static_cast<bool>(m_fd); }
    // Unregistered and closed under the gate, so that no listing meets the number between.
    void reset()
    {
        if (!m_fd)
            return;
        std::shared_lock gate(registeredFdGate());
        removeRegisteredFd(m_fd.get());
        m_fd.reset();
    }

private:
    nsfs::UniqueFd m_fd;
};

// Runs an nsfs call that answers with a new descriptor as a RegisteredFd; err gets its errno.
template <typename Call> RegisteredFd registeredFdFrom(Call&& call, int& err)
{
    return RegisteredFd([&] {
        auto r = call();
        err = r.error;
        return r ? r.value->release() : -1;
    });
}

} // namespace nsx::backend::scan
