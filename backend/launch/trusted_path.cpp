#include "trusted_path.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace nsx::backend {

std::optional<std::string> rootOnlyFile(const std::string& path, std::string* why)
{
    const auto refuse = [&](const std::string& at, const std::string& reason) {
        if (why)
            *why = at + ": " + reason;
        return std::nullopt;
    };
    if (path.empty() || path.front() != '/')
        return refuse(path, "not an absolute path");
    // Resolve every symlink first and judge the target's own path: a link in a safe place
    // that points into a user's folder is the user's file.
    char buf[PATH_MAX];
    if (!::realpath(path.c_str(), buf))
        return refuse(path, std::strerror(errno));
    const std::string resolved(buf);
    // "/", "/usr", "/usr/libexec", "/usr/libexec/nsexplorer-helper"
    std::size_t end = 0;
    for (;;) {
        const std::string part = end == 0 ? std::string("/") : resolved.substr(0, end);
        struct stat st
        {};
        if (::lstat(part.c_str(), &st) != 0)
            return refuse(part, std::strerror(errno));
        if (st.st_uid != 0)
            return refuse(part, "owned by uid " + std::to_string(st.st_uid) + ", not root");
        if (st.st_mode & (S_IWGRP | S_IWOTH))
            return refuse(part, "writable by group or others");
        if (end == resolved.size()) {
            if (!S_ISREG(st.st_mode))
                return refuse(part, "not a regular file");
            return resolved;
        }
        if (!S_ISDIR(st.st_mode))
            return refuse(part, "not a directory");
        end = resolved.find('/', end + 1);
        if (end == std::string::npos)
            end = resolved.size();
    }
}

} // namespace nsx::backend
