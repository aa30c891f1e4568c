// Small procfs readers every pass uses: whole-file reads, directory listings through a
// reused buffer, and a parallel loop for work that needs no setns.
#pragma once

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <fcntl.h>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <sys/syscall.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace nsx::backend::scan {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

inline bool vanished(int err)
{
    return err == ENOENT || err == ESRCH;
}

// Reads a whole (proc) file relative to dirFd into buf; returns 0 or an errno.
// singleRecord: the file is generated in one piece (stat, status, cmdline, cgroup), so a short
// read is its end and the read that would return 0 can be saved. Not so for multi-record
// seq_files like mountinfo or uid_map, which may return less than asked before the end.
int readFileAt(int dirFd, const char* path, std::string& buf, bool singleRecord = false);

// Lists the entries of a directory fd (getdents64 on a reused buffer), skipping dot entries.
// Always until getdents64 returns 0: a short answer is not the end on procfs (a pending signal
// stops filldir early, and a task/ listing stops where a thread it just listed exited).
template <typename F> int forEachDirEntry(int dirFd, std::vector<char>& buf, F&& f)
{
    // Callers pass freshly opened directories: no rewind needed.
    if (buf.size() < 32768)
        buf.resize(32768);
    while (true) {
        long n = ::syscall(SYS_getdents64, dirFd, buf.data(), buf.size());
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        for (long off = 0; off < n;) {
            struct Dirent64
            {
                ino64_t d_ino;
                off64_t d_off;
                unsigned short d_reclen;
                unsigned char d_type;
                char d_name[];
            };
            auto* d = reinterpret_cast<Dirent64*>(buf.data() + off);
            off += d->d_reclen;
            const char* name = d->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            f(std::string_view(name));
        }
    }
}

// Threads for the walk and for the per-namespace work: as asked, else the cores there are,
// up to 4.
std::size_t workerCount(unsigned parallelism);

// Runs fn(i, scratch) for i in [0, n) on the calling thread and up to threads - 1 more,
// each with its own scratch buffer. Only for work that needs no setns.
template <typename F>
void parallelFor(std::size_t threadCount, std::size_t n, F&& fn, std::size_t minPerThread = 16)
{
    std::atomic<std::size_t> next{0};
    auto run = [&] {
        std::string scratch;
        for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1))
            fn(i, scratch);
    };
    const std::size_t extraThreads = std::min(threadCount - 1, n / minPerThread);
    std::vector<std::thread> threads;
    threads.reserve(extraThreads);
    try {
        for (std::size_t k = 0; k < extraThreads; ++k)
            threads.emplace_back(run);
    } catch (const std::system_error&) {
        // Out of threads: the calling thread does the rest.
    }
    run();
    for (std::thread& t : threads)
        t.join();
}

// One kind of job for parallelJobs: run(i, scratch) for i in [0, count).
struct JobList
{
    std::size_t count = 0;
    std::function<void(std::size_t, std::string&)> run;
};

// Runs several lists of jobs on the same threads, as one parallelFor over all of them (list
// by list), so that no thread waits for the tail of one list while another has jobs left.
void parallelJobs(std::size_t threadCount, std::initializer_list<JobList> lists);

} // namespace nsx::backend::scan
