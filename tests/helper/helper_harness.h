// Test harness for the helper tests: runs a program with full control over argv (including an
// empty one), the environment and inherited fds, captures stdout/stderr, and checks that nothing
// was left running (the test process is a child subreaper, so orphans come back to it).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <sys/types.h>
#include <vector>

namespace nsx::test {

struct RunResult
{
    int status = -1; // exit code; 128+N for a signal; -1 if it could not run or timed out
    QByteArray out;
    QByteArray err;
    bool timedOut = false;
};

struct RunOptions
{
    QList<QByteArray> extraEnv; // "NAME=value" added to (or replacing in) our environment
    bool emptyArgv = false;     // execve(path, {NULL}, env): argc == 0
    int leakFd = -1;            // fd number to leave open (without CLOEXEC) in the child
    int timeoutMs = 120000;
};

RunResult run(const QString& program, const QStringList& args, const RunOptions& options = {});

// Start in the background with stdout/stderr to /dev/null; returns the pid.
pid_t spawn(const QString& program, const QStringList& args);
// Terminate (SIGTERM, then SIGKILL after a grace period) and reap.
void stop(pid_t pid);

// Children of `pid` (from /proc/PID/task/*/children).
QList<pid_t> childrenOf(pid_t pid);
// Reap zombies; true when this process has no children left.
bool noChildrenLeft();
// The test process becomes a child subreaper so nothing a helper leaves behind can escape.
void becomeSubreaper();

// For execve: pointers into `store` (which must outlive them), NULL-terminated.
std::vector<char*> execStrings(std::vector<QByteArray>& store);
// Our environment with `extra` ("NAME=value") appended, for execStrings().
std::vector<QByteArray> environmentPlus(const QList<QByteArray>& extra);
// Reads `fd` (a pipe, or a terminal's master end) into `out` until `pid` has exited and nothing
// more comes: EOF on a pipe; on a master, EIO or a quiet poll (its slave may stay open in a
// surviving process). After `timeoutMs`, SIGKILL. Reaps `pid` and returns its status (exit
// code, 128+N for a signal), or -1 if it could not be reaped. Leaves `fd` open.
int readUntilExit(int fd, pid_t pid, bool terminal, int timeoutMs, QByteArray& out);
// In a forked child before exec: a session of its own whose controlling terminal is `slave`
// (opened without O_NOCTTY, as a login shell's is), on fds 0-2. False if any step failed.
// Async-signal-safe calls only.
bool takeTerminal(const char* slave);
// The lines of `out` that say "ESCAPE": what launch_probe prints for each attack that worked.
QByteArray escapeLines(const QByteArray& out);
// Milliseconds on CLOCK_MONOTONIC.
long long nowMs();

QString helperPath(); // $NSX_HELPER
QString cliPath();    // $NSX_CLI (may be empty)
bool isRoot();

} // namespace nsx::test
