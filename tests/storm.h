// A namespace storm on the real machine, for bench_storm and tst_storm: thousands of live
// namespaces made and unmade in waves. Needs root.
//
// A keeper process is forked when the Storm is constructed — construct it before QApplication
// and before any thread, so the keeper is a small single-threaded copy — and it makes and kills
// the waves on request, so the caller's large address space is never forked. A wave is:
//   - `members` processes, each in new uts, ipc, mount (made private) and cgroup namespaces,
//     every `netEvery`th in a new network namespace too (members show in every view);
//   - `holders` processes, each holding `heldEach` pairs of uts + ipc namespaces by open
//     descriptors only (the cheap way to thousands of namespaces without thousands of pids).
// Nothing outlives the caller: the keeper dies with the thread that made it
// (PR_SET_PDEATHSIG), its children die with it, and namespaces held by descriptors or by
// members go with their processes. No bind mount is made.
#pragma once

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace nsx::test {

struct StormWave
{
    int members = 250;
    int netEvery = 8; // every Nth member also gets a network namespace (0: none)
    int holders = 1;
    int heldEach = 1000; // uts + ipc namespace pairs per holder
    // Namespaces this wave makes (what the keeper was asked for; the reply says what it made).
    int planned() const
    {
        return members * 4 + (netEvery > 0 ? members / netEvery : 0) + holders * heldEach * 2;
    }
};

class Storm
{
public:
    Storm()
    {
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
            return;
        const pid_t parent = ::getpid();
        m_keeper = ::fork();
        if (m_keeper == 0) {
            ::close(sv[0]);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent)
                ::_exit(1);
            keeperLoop(sv[1]);
            ::_exit(0);
        }
        ::close(sv[1]);
        m_fd = m_keeper > 0 ? sv[0] : -1;
        if (m_keeper <= 0)
            ::close(sv[0]);
    }
    ~Storm() { stop(); }
    Storm(const Storm&) = delete;
    Storm& operator=(const Storm&) = delete;

    bool ok() const { return m_fd >= 0; }

    // Makes a wave and waits until all its namespaces exist; returns its id (> 0) and the
    // number of namespaces made in *made, or 0 on failure.
    int addWave(const StormWave& w, int* made = nullptr)
    {
        char line[128];
        std::snprintf(line, sizeof line, "w %d %d %d %d\n", w.members, w.netEvery, w.holders,
                      w.heldEach);
        const std::string reply = request(line);
        int id = 0, n = 0;
        if (std::sscanf(reply.c_str(), "ok %d %d", &id, &n) != 2)
            return 0;
        if (made)
            *made = n;
        return id;
    }
    // Kills a wave's processes and reaps them (their namespaces go with them).
    bool killWave(int id)
    {
        char line[32];
        std::snprintf(line, sizeof line, "k %d\n", id);
        return request(line).rfind("ok", 0) == 0;
    }
    bool killAll() { return request("a\n").rfind("ok", 0) == 0; }
    // Ends the keeper and everything it made.
    void stop()
    {
        if (m_keeper <= 0)
            return;
        request("q\n");
        ::close(m_fd);
        m_fd = -1;
        int status = 0;
        if (::waitpid(m_keeper, &status, WNOHANG) == 0) {
            ::usleep(200 * 1000);
            if (::waitpid(m_keeper, &status, WNOHANG) == 0) {
                ::kill(m_keeper, SIGKILL);
                ::waitpid(m_keeper, &status, 0);
            }
        }
        m_keeper = -1;
    }

private:
    std::string request(const char* line)
    {
        if (m_fd < 0)
            return {};
        const std::size_t len = std::strlen(line);
        if (::write(m_fd, line, len) != ssize_t(len))
            return {};
        std::string reply;
        char c;
        while (::read(m_fd, &c, 1) == 1 && c != '\n')
            reply += c;
        return reply;
    }

    // ---- in the keeper (single-threaded: fork and plain syscalls only) ----

    static bool readLine(int fd, std::string& out)
    {
        out.clear();
        char c;
        while (true) {
            const ssize_t n = ::read(fd, &c, 1);
            if (n <= 0)
                return false;
            if (c == '\n')
                return true;
            out += c;
        }
    }

    static void reply(int fd, const std::string& s)
    {
        const std::string line = s + "\n";
        (void)!::write(fd, line.data(), line.size());
    }

    static void killAndReap(std::vector<pid_t>& pids)
    {
        for (pid_t p : pids)
            ::kill(p, SIGKILL);
        for (pid_t p : pids)
            while (::waitpid(p, nullptr, 0) < 0 && errno == EINTR) {
            }
        pids.clear();
    }

    // A child that makes its namespaces, reports on `ready` how many (one byte each time:
    // 'n' = one more namespace, then '.' when done or 'x' on failure) and then waits to be
    // killed.
    static pid_t spawn(int ready, pid_t keeper, int kind, int arg)
    {
        const pid_t pid = ::fork();
        if (pid != 0)
            return pid;
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != keeper)
            ::_exit(1);
        auto say = [ready](char c) { (void)!::write(ready, &c, 1); };
        if (kind == 0) { // member
            int flags = CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWCGROUP;
            if (arg)
                flags |= CLONE_NEWNET;
            if (::unshare(flags) != 0) {
                say('x');
                ::_exit(1);
            }
            // Private, so that mounts elsewhere do not propagate into thousands of copies.
            ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
            for (int i = 0; i < (arg ? 5 : 4); ++i)
                say('n');
        } else { // holder of `arg` uts + ipc pairs by descriptor
            rlimit rl{};
            ::getrlimit(RLIMIT_NOFILE, &rl);
            rl.rlim_cur = std::min<rlim_t>(rl.rlim_max, rlim_t(arg) * 2 + 64);
            ::setrlimit(RLIMIT_NOFILE, &rl);
            for (int i = 0; i < arg; ++i) {
                if (::unshare(CLONE_NEWUTS | CLONE_NEWIPC) != 0)
                    break;
                const int a = ::open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
                const int b = ::open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
                if (a < 0 || b < 0)
                    break;
                say('n');
                say('n');
            }
        }
        say('.');
        ::close(ready);
        while (true)
            ::pause();
    }

    static void keeperLoop(int fd)
    {
        const pid_t self = ::getpid();
        std::map<int, std::vector<pid_t>> waves;
        int nextId = 1;
        std::string line;
        while (readLine(fd, line)) {
            if (line[0] == 'w') {
                StormWave w;
                std::sscanf(line.c_str(), "w %d %d %d %d", &w.members, &w.netEvery, &w.holders,
                            &w.heldEach);
                int pipefd[2];
                if (::pipe2(pipefd, O_CLOEXEC) != 0) {
                    reply(fd, "error pipe");
                    continue;
                }
                std::vector<pid_t> pids;
                int children = 0;
                for (int i = 0; i < w.members; ++i) {
                    const bool net = w.netEvery > 0 && i % w.netEvery == 0;
                    const pid_t p = spawn(pipefd[1], self, 0, net ? 1 : 0);
                    if (p > 0) {
                        pids.push_back(p);
                        ++children;
                    }
                }
                for (int i = 0; i < w.holders; ++i) {
                    const pid_t p = spawn(pipefd[1], self, 1, w.heldEach);
                    if (p > 0) {
                        pids.push_back(p);
                        ++children;
                    }
                }
                ::close(pipefd[1]);
                int made = 0, done = 0;
                char buf[4096];
                while (done < children) {
                    const ssize_t n = ::read(pipefd[0], buf, sizeof buf);
                    if (n <= 0)
                        break;
                    for (ssize_t i = 0; i < n; ++i) {
                        if (buf[i] == 'n')
                            ++made;
                        else
                            ++done;
                    }
                }
                ::close(pipefd[0]);
                const int id = nextId++;
                waves[id] = std::move(pids);
                reply(fd, "ok " + std::to_string(id) + " " + std::to_string(made));
            } else if (line[0] == 'k') {
                const int id = std::atoi(line.c_str() + 1);
                if (auto it = waves.find(id); it != waves.end()) {
                    killAndReap(it->second);
                    waves.erase(it);
                }
                reply(fd, "ok");
            } else if (line[0] == 'a' || line[0] == 'q') {
                for (auto& [id, pids] : waves)
                    killAndReap(pids);
                waves.clear();
                reply(fd, "ok");
                if (line[0] == 'q')
                    return;
            }
        }
        // The caller went away: take everything along.
        for (auto& [id, pids] : waves)
            killAndReap(pids);
    }

    pid_t m_keeper = -1;
    int m_fd = -1;
};

} // namespace nsx::test
