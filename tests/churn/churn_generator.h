// Starts a background shell that creates and destroys namespaced processes as fast as it can
// (batches of short-lived `unshare` children) until stopped or until its time runs out.
// Needs root. The whole process group is killed on stop() and in the destructor, so nothing
// outlives the test even when an assertion fails.
#pragma once

#include "../proc_self.h"

#include <QString>
#include <QStringList>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace nsx::test {

class ChurnGenerator
{
public:
    // Each batch starts `batch` children, alternating namespace sets, then waits for them.
    // Births are counted into `counterFile` (one line per batch) so the rate can be reported.
    ChurnGenerator(int seconds, int batch, std::string counterFile)
        : m_counterFile(std::move(counterFile))
    {
        const std::string script = "end=$((SECONDS+" + std::to_string(seconds) +
                                   "))\n"
                                   "while [ $SECONDS -lt $end ]; do\n"
                                   "  for i in $(seq 1 " +
                                   std::to_string(batch) +
                                   "); do\n"
                                   "    case $((i % 3)) in\n"
                                   "      0) unshare --fork --pid --mount-proc --uts --ipc sh -c "
                                   "'sleep 0.05 & sleep 0.02; wait' & ;;\n"
                                   "      1) unshare --fork --pid --net --cgroup sleep 0.03 & ;;\n"
                                   "      2) unshare --uts --ipc --mount sh -c 'exec "
                                   "3</proc/self/ns/uts; sleep 0.01' & ;;\n"
                                   "    esac\n"
                                   "  done\n"
                                   "  wait\n"
                                   "  echo " +
                                   std::to_string(batch) + " >> '" + m_counterFile +
                                   "'\n"
                                   "done\n";
        m_pid = ::fork();
        if (m_pid == 0) {
            ::setpgid(0, 0);
            // When the test is killed (a ctest timeout) the shell goes with it instead of
            // churning on for its full time; the batch in flight ends within a tenth of a second.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            int devnull = ::open("/dev/null", O_RDWR);
            ::dup2(devnull, 0);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            ::execl("/bin/bash", "bash", "-c", script.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (m_pid > 0)
            ::setpgid(m_pid, m_pid);
    }
    ~ChurnGenerator() { stop(); }
    ChurnGenerator(const ChurnGenerator&) = delete;
    ChurnGenerator& operator=(const ChurnGenerator&) = delete;

    bool started() const { return m_pid > 0; }
    bool running() const
    {
        if (m_pid <= 0)
            return false;
        int status = 0;
        return ::waitpid(m_pid, &status, WNOHANG) == 0;
    }
    void stop()
    {
        if (m_pid > 0) {
            ::kill(-m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }

private:
    std::string m_counterFile;
    pid_t m_pid = -1;
};

} // namespace nsx::test
