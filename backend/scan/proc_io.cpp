#include "proc_io.h"

namespace nsx::backend::scan {

int readFileAt(int dirFd, const char* path, std::string& buf, bool singleRecord)
{
    int fd = ::openat(dirFd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno;
    buf.clear();
    std::size_t used = 0;
    if (buf.capacity() < 4096)
        buf.reserve(4096);
    int err = 0;
    while (true) {
        if (buf.capacity() - used < 1024)
            buf.reserve(buf.capacity() * 2);
        buf.resize(buf.capacity());
        ssize_t n = ::read(fd, buf.data() + used, buf.size() - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        if (n == 0)
            break;
        used += static_cast<std::size_t>(n);
        if (singleRecord && used < buf.size())
            break;
    }
    buf.resize(used);
    ::close(fd);
    return err;
}

std::size_t workerCount(unsigned parallelism)
{
    if (parallelism)
        return std::min<std::size_t>(parallelism, 64);
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

void parallelJobs(std::size_t threadCount, std::initializer_list<JobList> lists)
{
    std::size_t total = 0;
    for (const JobList& l : lists)
        total += l.count;
    parallelFor(threadCount, total, [&](std::size_t k, std::string& scratch) {
        for (const JobList& l : lists) {
            if (k < l.count) {
                l.run(k, scratch);
                return;
            }
            k -= l.count;
        }
    });
}

} // namespace nsx::backend::scan
