// Thin wrappers over the nsfs ioctls (linux/nsfs.h). Each takes an fd opened on a namespace
// (a /proc/PID/ns/TYPE link, an nsfs bind mount or a held fd) and reports the errno the
// kernel gave instead of throwing. File descriptors returned are O_CLOEXEC and owned by
// the caller (UniqueFd closes them).
#pragma once

#include "ns_type.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace nsx::backend::nsfs {

class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    UniqueFd& operator=(UniqueFd&& o) noexcept
    {
        if (this != &o) {
            reset();
            m_fd = std::exchange(o.m_fd, -1);
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }
    int release() { return std::exchange(m_fd, -1); }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

// A result or the errno that refused it.
template <typename T> struct Result
{
    std::optional<T> value;
    int error = 0;
    explicit operator bool() const { return value.has_value(); }
};

struct NsId
{
    std::uint64_t dev = 0;
    std::uint64_t inode = 0;
};

// fstat of a namespace fd.
Result<NsId> identify(int nsFd);
// NS_GET_USERNS: an fd on the owning user namespace (EPERM for the initial one or one
// outside the caller's scope).
Result<UniqueFd> owningUserNs(int nsFd);
// NS_GET_PARENT: pid and user namespaces only; EPERM at the top of what the caller may see.
Result<UniqueFd> parentNs(int nsFd);
// NS_GET_NSTYPE mapped to NsType.
Result<NsType> nsType(int nsFd);
// NS_GET_OWNER_UID: user namespaces only.
Result<std::uint32_t> ownerUid(int nsFd);

} // namespace nsx::backend::nsfs
