#include "helper_harness.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace nsx::test {

namespace {

std::vector<QByteArray> buildEnv(const QList<QByteArray>& extra)
{
    std::vector<QByteArray> env;
    for (char** e = environ; e && *e; ++e) {
        const QByteArray entry(*e);
        const QByteArray name = entry.left(entry.indexOf('=') + 1);
        bool replaced = false;
        for (const auto& x : extra)
            if (x.startsWith(name))
                replaced = true;
        if (!replaced)
            env.push_back(entry);
    }
    for (const auto& x : extra)
        env.push_back(x);
    return env;
}

} // namespace

long long nowMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

std::vector<char*> execStrings(std::vector<QByteArray>& store)
{
    std::vector<char*> pointers;
    for (auto& s : store)
        pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

std::vector<QByteArray> environmentPlus(const QList<QByteArray>& extra)
{
    std::vector<QByteArray> env;
    for (char** e = environ; *e; ++e)
        env.emplace_back(*e);
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

int readUntilExit(int fd, pid_t pid, bool terminal, int timeoutMs, QByteArray& out)
{
    const long long deadline = nowMs() + timeoutMs;
    int status = 0;
    bool reaped = false;
    for (;;) {
        const long long left = deadline - nowMs();
        if (left <= 0) {
            kill(pid, SIGKILL);
            break;
        }
        pollfd p{fd, POLLIN, 0};
        const int n = poll(&p, 1, static_cast<int>(std::min<long long>(left, 200)));
        if (n > 0) {
            char buf[65536];
            const ssize_t got = read(fd, buf, sizeof buf);
            if (got > 0) {
                out.append(buf, static_cast<int>(got));
                continue;
            }
            if (!terminal || reaped)
                break; // EOF on the pipe; EIO on the master once every slave is closed
        }
        if (!reaped && waitpid(pid, &status, WNOHANG) == pid)
            reaped = true;
        if (reaped && terminal && n == 0)
            break;
    }
    if (!reaped && waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool takeTerminal(const char* slave)
{
    setsid();
    const int s = open(slave, O_RDWR);
    if (s < 0 || ioctl(s, TIOCSCTTY, 0) != 0)
        return false;
    return dup2(s, 0) == 0 && dup2(s, 1) == 1 && dup2(s, 2) == 2;
}

QByteArray escapeLines(const QByteArray& out)
{
    QByteArray lines;
    for (const auto& l : out.split('\n'))
        if (l.contains("ESCAPE"))
            lines += l + '\n';
    return lines;
}

RunResult run(const QString& program, const QStringList& args, const RunOptions& options)
{
    RunResult result;
    int outPipe[2], errPipe[2];
    if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(errPipe, O_CLOEXEC) != 0)
        return result;
    const QByteArray prog = program.toLocal8Bit();
    std::vector<QByteArray> argStore{prog};
    for (const auto& a : args)
        argStore.push_back(a.toLocal8Bit());
    std::vector<char*> argv = execStrings(argStore);
    if (options.emptyArgv)
        argv = {nullptr};
    std::vector<QByteArray> envStore = buildEnv(options.extraEnv);
    std::vector<char*> envp = execStrings(envStore);

    const pid_t pid = fork();
    if (pid < 0)
        return result;
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL); // not QtTest's crash handler in the copy before exec
        dup2(outPipe[1], 1);
        dup2(errPipe[1], 2);
        const int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        if (options.leakFd >= 0) {
            const int fd = open("/dev/null", O_RDONLY); // no O_CLOEXEC: deliberately inherited
            dup2(fd, options.leakFd);
        }
        execve(prog.constData(), argv.data(), envp.data());
        _exit(126);
    }
    close(outPipe[1]);
    close(errPipe[1]);
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    const long long deadline = nowMs() + options.timeoutMs;
    while (open > 0) {
        const long long left = deadline - nowMs();
        if (left <= 0) {
            result.timedOut = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds, 2, static_cast<int>(left)) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[65536];
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                (i == 0 ? result.out : result.err).append(buf, static_cast<int>(n));
            } else {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0)
            close(f.fd);
    int status = 0;
    if (waitpid(pid, &status, 0) == pid && !result.timedOut)
        result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

pid_t spawn(const QString& program, const QStringList& args)
{
    const QByteArray prog = program.toLocal8Bit();
    std::vector<QByteArray> argStore{prog};
    for (const auto& a : args)
        argStore.push_back(a.toLocal8Bit());
    std::vector<char*> argv = execStrings(argStore);
    const pid_t pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        const int devnull = open("/dev/null", O_RDWR);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execv(prog.constData(), argv.data());
        _exit(126);
    }
    return pid;
}

void stop(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 200; ++i) {
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid)
            return;
        QThread::msleep(50);
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

QList<pid_t> childrenOf(pid_t pid)
{
    QList<pid_t> out;
    const QString base = QStringLiteral("/proc/%1/task").arg(pid);
    for (const auto& tid : QDir(base).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(base + "/" + tid + "/children");
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const auto& p : f.readAll().split(' ')) {
            bool ok = false;
            const int v = p.trimmed().toInt(&ok);
            if (ok)
                out.append(v);
        }
    }
    return out;
}

bool noChildrenLeft()
{
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    return childrenOf(getpid()).isEmpty();
}

void becomeSubreaper()
{
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

QString helperPath()
{
    return QString::fromLocal8Bit(qgetenv("NSX_HELPER"));
}

QString cliPath()
{
    return QString::fromLocal8Bit(qgetenv("NSX_CLI"));
}

bool isRoot()
{
    return geteuid() == 0;
}

} // namespace nsx::test
