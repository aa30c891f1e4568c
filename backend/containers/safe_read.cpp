#include "safe_read.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::backend::containers {

std::string cleanName(std::string_view raw)
{
    std::string out;
    out.reserve(std::min(raw.size(), kMaxNameBytes));
    for (char c : raw) {
        if (c == '\0')
            continue;
        if (out.size() >= kMaxNameBytes)
            break;
        out += c;
    }
    // Do not leave the first bytes of a cut UTF-8 sequence at the end.
    if (out.size() >= kMaxNameBytes && out.size() < raw.size()) {
        std::size_t k = out.size();
        std::size_t back = 0;
        while (k > 0 && back < 4 && (static_cast<unsigned char>(out[k - 1]) & 0xC0) == 0x80) {
            --k;
            ++back;
        }
        if (k > 0 && static_cast<unsigned char>(out[k - 1]) >= 0xC0)
            out.resize(k - 1);
    }
    return out;
}

namespace {
int readFd(int fd, std::size_t maxBytes, std::string& out)
{
    struct stat st
    {};
    if (::fstat(fd, &st) != 0)
        return errno;
    if (!S_ISREG(st.st_mode))
        return EINVAL;
    if (static_cast<std::size_t>(st.st_size) > maxBytes)
        return EFBIG;
    out.clear();
    char buf[16384];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return 0;
        if (out.size() + static_cast<std::size_t>(n) > maxBytes)
            return EFBIG; // grew while we read
        out.append(buf, static_cast<std::size_t>(n));
    }
}
} // namespace

int readRegularFileAt(int dirFd, const char* rel, std::size_t maxBytes, std::string& out)
{
    const int fd = ::openat(dirFd, rel, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return errno;
    const int err = readFd(fd, maxBytes, out);
    ::close(fd);
    return err;
}

int readRegularFile(const std::string& path, std::size_t maxBytes, std::string& out)
{
    return readRegularFileAt(AT_FDCWD, path.c_str(), maxBytes, out);
}

std::vector<std::string> listDirectory(const std::string& path)
{
    std::vector<std::string> names;
    DIR* d = ::opendir(path.c_str());
    if (!d)
        return names;
    while (const dirent* e = ::readdir(d)) {
        const std::string_view n = e->d_name;
        if (n != "." && n != "..")
            names.emplace_back(n);
    }
    ::closedir(d);
    return names;
}

std::optional<std::string> optionValue(const std::vector<std::string>& argv,
                                       std::string_view longName, std::string_view shortName)
{
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string_view a = argv[i];
        if (a == "--")
            break;
        if (a == longName || (!shortName.empty() && a == shortName)) {
            if (i + 1 < argv.size())
                return argv[i + 1];
            return std::nullopt;
        }
        if (a.size() > longName.size() && a.substr(0, longName.size()) == longName &&
            a[longName.size()] == '=')
            return std::string(a.substr(longName.size() + 1));
        if (!shortName.empty() && shortName.size() == 2 && a.size() > 2 &&
            a.substr(0, 2) == shortName && a[1] != '-')
            return std::string(a.substr(2));
    }
    return std::nullopt;
}

std::string baseName(std::string_view path)
{
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    const std::size_t slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

} // namespace nsx::backend::containers
