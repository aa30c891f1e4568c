#include "scan_state.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <pwd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

namespace nsx::backend::scan {

const std::optional<std::string>& ScanCache::userName(std::uint32_t uid)
{
    auto it = userCache.find(uid);
    if (it != userCache.end())
        return it->second;
    std::optional<std::string> name;
    struct passwd pw;
    struct passwd* result = nullptr;
    std::vector<char> scratch(4096);
    while (true) {
        int rc = ::getpwuid_r(uid, &pw, scratch.data(), scratch.size(), &result);
        if (rc == ERANGE && scratch.size() < (1u << 20)) {
            scratch.resize(scratch.size() * 2);
            continue;
        }
        break;
    }
    if (result)
        name = std::string(result->pw_name);
    return userCache.emplace(uid, std::move(name)).first->second;
}

// NS_GET_ID (Linux 6.18): the namespace's id, never reused while the system runs.
std::optional<std::uint64_t> nsIdOf(int nsFd)
{
    std::uint64_t id = 0;
    if (::ioctl(nsFd, _IOR(0xb7, 0xd, std::uint64_t), &id) != 0 || id == 0)
        return std::nullopt;
    return id;
}

RegisteredFd ScanState::openNamespace(std::size_t i, int& lastErr, const OpenCandidate*& used) const
{
    const Namespace& ns = snap.namespaces[i];
    const NsExtra& ex = extra[i];
    lastErr = 0;
    for (const OpenCandidate& c : ex.candidates) {
        RegisteredFd fd;
        const std::string rel = c.rel(ns.type);
        if (c.verifyFirst()) {
            RegisteredFd path([&] { return ::openat(procFd, rel.c_str(), O_PATH | O_CLOEXEC); });
            if (!path) {
                lastErr = errno;
                continue;
            }
            struct stat st;
            if (::fstat(path.get(), &st) != 0 || st.st_ino != ns.inode ||
                (nsfsDev && st.st_dev != nsfsDev)) {
                lastErr = ESTALE;
                continue;
            }
            char again[64];
            std::snprintf(again, sizeof again, "/proc/thread-self/fd/%d", path.get());
            fd = RegisteredFd([&] { return ::open(again, O_RDONLY | O_CLOEXEC); });
        } else {
            fd = RegisteredFd([&] { return ::openat(procFd, rel.c_str(), O_RDONLY | O_CLOEXEC); });
        }
        if (!fd) {
            lastErr = errno;
            continue;
        }
        struct stat st;
        if (::fstat(fd.get(), &st) != 0 || st.st_ino != ns.inode) {
            // The pid was reused, or the process moved: try the next candidate.
            lastErr = ESTALE;
            continue;
        }
        used = &c;
        return fd;
    }
    return {};
}

} // namespace nsx::backend::scan
