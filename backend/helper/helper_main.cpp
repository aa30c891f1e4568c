// nsexplorer-helper: the only code of nsexplorer that ever runs with privilege.
//
// One code path for three ways to run:
//   - as root directly (invoking user = root),
//   - rootless: an ordinary user gets a new user namespace automatically, every other requested
//     type is created inside it,
//   - through pkexec (polkit action org.nsexplorer.helper): root, with PKEXEC_UID naming the
//     invoking user, whom the payload runs as.
//
// Order of work (each step refuses with one line on stderr):
//   1. argc/credential sanity, environment captured from an allow-list and cleared;
//   2. request parsed and validated (nsx_launch) and checked against the filesystem — a bad field
//      exits 2 before anything is created;
//   3. user namespace + maps (uid_map, setgroups deny, gid_map), then the other namespaces,
//      clock offsets, hostname, loopback/veth, private mount propagation, pivot_root;
//   4. fork: with a new PID namespace the child is PID 1 — it mounts a fresh /proc, drops
//      credentials and becomes the reaper (non-dumpable, a session of its own, 0-2 on /dev/null),
//      forking the payload; otherwise the child is the payload;
//   5. payload: signals reset, setsid, working directory verified, NO_NEW_PRIVS, parent-death
//      signal, fds >= 3 closed, execvpe with a fixed PATH.
//   The helper's own process stays outside as the payload's supervisor (non-dumpable from the
//   last write to /proc/self on): it waits, relays the terminal, forwards signals, removes the
//   host end of --connect-host and exits with the payload's status.
// Nothing the caller passed beyond fds 0-2 is kept (closed first thing in main), and every path
// of the request is opened with the invoking user's rights, once (inspectAsInvoker).
#include "helper_net.h"
#include "launch_request.h"
#include "process_ids.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <sstream>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char** environ;

namespace nsx::helper {
namespace {

using namespace nsx::backend;

constexpr const char* kFixedPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
constexpr int kExitRefused = 2;
constexpr int kExitSetup = 1;
constexpr int kExitNotFound = 127;
constexpr int kExitCannotExec = 126;

std::shared_ptr<spdlog::logger> g_log;

[[noreturn]] void refuse(const std::string& line)
{
    g_log->error("{}", line);
    std::_Exit(kExitRefused);
}

// A setup failure whose text already says why (it carries its own strerror).
[[noreturn]] void fail(const std::string& line)
{
    g_log->error("{}", line);
    std::_Exit(kExitSetup);
}

[[noreturn]] void die(const std::string& what, int err = errno)
{
    g_log->error("{}: {}", what, std::strerror(err));
    std::_Exit(kExitSetup);
}

// ---------------------------------------------------------------- environment

// The payload's environment: a short allow-list, each value checked, and a fixed PATH. Nothing
// else survives (LD_*, BASH_ENV, IFS, PATH, ... are dropped), because a privileged stage must not
// be steered by its caller's environment and the payload should not inherit surprises.
struct Environment
{
    std::vector<std::string> entries; // "NAME=value"
    std::optional<std::string> pkexecUid;
};

bool allowedName(std::string_view name)
{
    static const char* const names[] = {"TERM", "COLORTERM", "LANG",    "LANGUAGE", "TZ",
                                        "HOME", "USER",      "LOGNAME", "SHELL",    "NO_COLOR"};
    for (const char* n : names)
        if (name == n)
            return true;
    if (name.starts_with("LC_") && name.size() > 3) {
        for (char c : name.substr(3))
            if (!(c >= 'A' && c <= 'Z') && c != '_')
                return false;
        return true;
    }
    return false;
}

bool allowedValue(std::string_view name, std::string_view value)
{
    if (value.size() > 1024)
        return false;
    for (unsigned char c : value)
        if (c < 0x20 || c == 0x7f)
            return false;
    if (name == "HOME" || name == "SHELL")
        return !checkAbsolutePath(value).has_value();
    if (name == "TZ")
        return value.find("..") == std::string_view::npos;
    return true;
}

Environment captureAndClearEnvironment()
{
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const auto eq = entry.find('=');
        if (eq == std::string_view::npos)
            continue;
        const std::string_view name = entry.substr(0, eq);
        const std::string_view value = entry.substr(eq + 1);
        if (name == "PKEXEC_UID")
            env.pkexecUid = std::string(value);
        else if (allowedName(name) && allowedValue(name, value))
            env.entries.emplace_back(entry);
    }
    ::clearenv();
    ::setenv("PATH", kFixedPath, 1); // execvpe looks the command up in this PATH
    return env;
}

void setEnvEntry(std::vector<std::string>& entries, const std::string& name, const std::string& v)
{
    std::erase_if(entries, [&](const std::string& e) { return e.starts_with(name + "="); });
    entries.push_back(name + "=" + v);
}

// ---------------------------------------------------------------- credentials

struct Identity
{
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups; // supplementary groups (privileged mode only)
    bool privileged = false;   // euid 0 in our user namespace
};

Identity invokingIdentity(const Environment& env)
{
    Identity id;
    uid_t ruid, euid, suid;
    gid_t rgid, egid, sgid;
    if (::getresuid(&ruid, &euid, &suid) != 0 || ::getresgid(&rgid, &egid, &sgid) != 0)
        die("getresuid");
    // Never setuid/setgid: a mismatch means someone installed us set-id. Fail closed.
    if (ruid != euid || euid != suid || rgid != egid || egid != sgid || ::getauxval(AT_SECURE))
        refuse("credentials: refusing to run set-user-ID or set-group-ID (use pkexec)");
    id.privileged = euid == 0;
    id.uid = ruid;
    id.gid = rgid;
    if (id.privileged && env.pkexecUid) {
        std::uint32_t u = 0;
        const std::string& s = *env.pkexecUid;
        char* end = nullptr;
        errno = 0;
        const unsigned long v = std::strtoul(s.c_str(), &end, 10);
        if (s.empty() || !end || *end || errno || v > 0xfffffffeUL || s[0] == '-')
            refuse("PKEXEC_UID: not a valid uid");
        u = static_cast<std::uint32_t>(v);
        id.uid = u;
    }
    if (id.privileged && id.uid != 0) {
        const passwd* pw = ::getpwuid(id.uid);
        if (!pw)
            refuse("PKEXEC_UID: no passwd entry for uid " + std::to_string(id.uid));
        id.gid = pw->pw_gid;
        int n = 64;
        std::vector<gid_t> groups(static_cast<std::size_t>(n));
        if (::getgrouplist(pw->pw_name, pw->pw_gid, groups.data(), &n) < 0) {
            groups.resize(static_cast<std::size_t>(n));
            if (::getgrouplist(pw->pw_name, pw->pw_gid, groups.data(), &n) < 0)
                die("getgrouplist");
        }
        groups.resize(static_cast<std::size_t>(n));
        id.groups = std::move(groups);
    }
    return id;
}

void dropBoundingSet()
{
    for (int cap = 0; cap <= 63; ++cap) {
        if (::prctl(PR_CAPBSET_READ, cap) < 0)
            break; // past the last capability the kernel knows
        if (::prctl(PR_CAPBSET_DROP, cap) != 0)
            die("PR_CAPBSET_DROP");
    }
}

bool hasNoCapabilities()
{
    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &hdr, data) != 0)
        return false;
    for (const auto& d : data)
        if (d.effective || d.permitted || d.inheritable)
            return false;
    return true;
}

// Become `uid`/`gid` (ids of the current user namespace) and check that it took. Non-root
// targets end with no capabilities at all; the bounding and ambient sets are emptied first.
void switchCredentials(uid_t uid, gid_t gid, const std::vector<gid_t>* groups)
{
    if (uid != 0) {
        if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
            die("PR_CAP_AMBIENT_CLEAR_ALL");
        dropBoundingSet();
    }
    if (groups && ::setgroups(groups->size(), groups->data()) != 0)
        die("setgroups");
    if (::setresgid(gid, gid, gid) != 0)
        die("setresgid(" + std::to_string(gid) + ")");
    if (::setresuid(uid, uid, uid) != 0)
        die("setresuid(" + std::to_string(uid) + ")");
    uid_t r, e, s;
    gid_t rg, eg, sg;
    if (::getresuid(&r, &e, &s) != 0 || r != uid || e != uid || s != uid ||
        ::getresgid(&rg, &eg, &sg) != 0 || rg != gid || eg != gid || sg != gid)
        die("credential switch did not take", EPERM);
    if (uid != 0) {
        // The creator of a user namespace holds every capability in it whatever its uid, so the
        // uid change alone does not clear them there: drop them explicitly, then verify.
        __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct none[2]{};
        if (::syscall(SYS_capset, &hdr, none) != 0)
            die("capset");
        if (!hasNoCapabilities())
            die("capabilities still held after the switch", EPERM);
    }
}

// ---------------------------------------------------------------- small utilities

bool writeFile(const std::string& path, const std::string& text)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t n = ::write(fd, text.data(), text.size());
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return n == static_cast<ssize_t>(text.size());
}

std::optional<std::string> readFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Field 22 of /proc/PID/stat, parsed after the last ')' (comm may contain anything).
std::optional<unsigned long long> startTime(pid_t pid)
{
    auto stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    if (!stat)
        return std::nullopt;
    const auto close = stat->rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream in(stat->substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22; ++i) { // fields after comm start at 3
        if (!(in >> field))
            return std::nullopt;
    }
    return std::strtoull(field.c_str(), nullptr, 10);
}

// Field 3 of /proc/PID/stat: Z (zombie) or X (dead) once the process has exited, whose pid and
// start time stay readable until it is reaped, while its namespaces are gone.
bool hasExited(pid_t pid)
{
    auto stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat ? stat->rfind(')') : std::string::npos;
    if (close == std::string::npos || close + 2 >= stat->size())
        return true;
    const char state = (*stat)[close + 2];
    return state == 'Z' || state == 'X' || state == 'x';
}

// Translate an id as seen from our user namespace into the target's, using its map file.
std::optional<unsigned> mapInto(const std::string& mapText, unsigned outside)
{
    std::istringstream in(mapText);
    unsigned long inside = 0, out = 0, len = 0;
    while (in >> inside >> out >> len)
        if (outside >= out && outside - out < len)
            return static_cast<unsigned>(inside + (outside - out));
    return std::nullopt;
}

bool isExecutableFile(const std::string& path)
{
    struct stat st
    {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111);
}

// Look the command up the way execvpe will, before creating anything.
bool commandExists(const std::string& program)
{
    if (program.find('/') != std::string::npos)
        return isExecutableFile(program);
    std::string_view path = kFixedPath;
    while (!path.empty()) {
        const auto colon = path.find(':');
        const std::string dir(path.substr(0, colon));
        if (isExecutableFile(dir + "/" + program))
            return true;
        if (colon == std::string_view::npos)
            break;
        path.remove_prefix(colon + 1);
    }
    return false;
}

void closeFdsFrom3()
{
    if (::syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
        return;
    const long max = ::sysconf(_SC_OPEN_MAX);
    for (long fd = 3; fd < (max > 0 ? max : 65536); ++fd)
        ::close(static_cast<int>(fd));
}

constexpr int kForwarded[] = {SIGINT,  SIGQUIT,  SIGTERM, SIGHUP, SIGUSR1,
                              SIGUSR2, SIGWINCH, SIGCONT, SIGALRM};

sigset_t forwardedSet()
{
    sigset_t set;
    sigemptyset(&set);
    for (int s : kForwarded)
        sigaddset(&set, s);
    sigaddset(&set, SIGCHLD);
    return set;
}

void resetSignals()
{
    for (int s = 1; s < NSIG; ++s)
        if (s != SIGKILL && s != SIGSTOP)
            ::signal(s, SIG_DFL); // EINVAL for the RT signals glibc reserves: harmless
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

int exitCodeOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return kExitSetup;
}

// The payload must die with its supervisor: PR_SET_PDEATHSIG (set after every credential change,
// which clears it), then make sure the parent did not already die before it was set.
void dieWithParent(int parentAlivePipe, pid_t expectedParent)
{
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        die("PR_SET_PDEATHSIG");
    if (expectedParent > 0 && ::getppid() != expectedParent) {
        g_log->error("supervisor: gone before the payload started");
        std::_Exit(kExitSetup);
    }
    if (parentAlivePipe >= 0) {
        // The parent holds the write end; POLLHUP means it is gone (getppid() is 0 for PID 1).
        pollfd p{parentAlivePipe, POLLIN, 0};
        if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR))) {
            g_log->error("supervisor: gone before the payload started");
            std::_Exit(kExitSetup);
        }
    }
}

// ---------------------------------------------------------------- host end of --connect-host

// Removed by the supervisor when the payload ends: a veth pair otherwise lives as long as its
// network namespace, which a surviving child of the payload keeps.
std::string g_hostVeth;
int g_hostRtnl = -1;

void removeHostEnd()
{
    if (g_hostVeth.empty() || g_hostRtnl < 0)
        return;
    if (auto err = deleteLink(g_hostRtnl, g_hostVeth); !err.empty())
        g_log->warn("connect-host: removing {}: {}", g_hostVeth, err);
    g_hostVeth.clear();
}

// ---------------------------------------------------------------- terminal

// Started on a terminal, the payload gets a new pseudo-terminal as the controlling terminal of
// its new session: job control, Ctrl-C and /dev/tty work as in any shell, and the caller's
// terminal is never the payload's (no TIOCSTI into it, no job-control signals to its shell).
// The supervisor relays bytes between the two in raw mode and passes on window size changes; it
// alone keeps the caller's terminal (untraceable by the payload, see becomeUntraceable). Each of
// 0-2 that is a terminal becomes the new one; the others (pipes, files) are passed through, and
// without any terminal (pipes, the GUI's output pane) stdio is passed through untouched.
int g_ptyMaster = -1;
int g_ptySlave = -1;
bool g_stdioIsTty[3] = {false, false, false}; // which of 0-2 get the pty slave
int g_termOut = -1; // the caller's terminal the relay writes to (1, else 0, else 2)
termios g_savedTermios{};
bool g_termiosSaved = false;

// Any of 0-2 on a terminal gets the relay: a payload holding the caller's terminal on even one
// fd could TIOCSTI into it (and its shell would run what was typed) or hang it up.
void openPtyIfInteractive(const Identity& me)
{
    for (int fd : {2, 0, 1}) {
        g_stdioIsTty[fd] = ::isatty(fd);
        if (g_stdioIsTty[fd])
            g_termOut = fd;
    }
    if (g_termOut < 0)
        return;
    const int m = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    char name[128];
    if (m < 0 || ::grantpt(m) != 0 || ::unlockpt(m) != 0 || ::ptsname_r(m, name, sizeof name))
        die("terminal: no pseudo-terminal for the command (refusing to hand it the caller's "
            "terminal; redirect its stdin, stdout and stderr)");
    const int sl = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (sl < 0)
        die(std::string("terminal: cannot open ") + name);
    termios t{};
    if (::tcgetattr(g_termOut, &t) == 0)
        ::tcsetattr(sl, TCSANOW, &t);
    winsize ws{};
    if (::ioctl(g_termOut, TIOCGWINSZ, &ws) == 0)
        ::ioctl(sl, TIOCSWINSZ, &ws);
    // Through pkexec the pty was opened by root: hand it to the user the payload runs as.
    if (me.privileged && me.uid != 0 && ::fchown(sl, me.uid, static_cast<gid_t>(-1)) != 0)
        die("terminal: chown");
    g_ptyMaster = m;
    g_ptySlave = sl;
}

void restoreTerminal()
{
    if (g_termiosSaved)
        ::tcsetattr(0, TCSADRAIN, &g_savedTermios);
    g_termiosSaved = false;
}

bool writeAll(int fd, const char* data, ssize_t len)
{
    while (len > 0) {
        const ssize_t n = ::write(fd, data, static_cast<std::size_t>(len));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= n;
    }
    return true;
}

// The last stage: never returns.
[[noreturn]] void execPayload(const std::vector<std::string>& command,
                              const std::vector<std::string>& envEntries,
                              const std::string& workdir, int parentAlivePipe, pid_t expectedParent)
{
    resetSignals();
    // A session of its own: no TIOCSTI or job-control signals into the caller's terminal.
    if (::setsid() < 0)
        die("setsid");
    if (g_ptySlave >= 0) {
        if (::ioctl(g_ptySlave, TIOCSCTTY, 0) != 0)
            die("terminal: TIOCSCTTY");
        for (int fd = 0; fd <= 2; ++fd)
            if (g_stdioIsTty[fd] && ::dup2(g_ptySlave, fd) < 0)
                die("terminal: dup2");
    }
    if (!workdir.empty() && ::chdir(workdir.c_str()) != 0)
        refuse("wd: cannot enter '" + workdir + "': " + std::strerror(errno));
    // Verify the working directory lies inside our root: getcwd() fails or returns
    // "(unreachable)..." for a directory outside it.
    char cwd[4096];
    if (!::getcwd(cwd, sizeof cwd) || cwd[0] != '/') {
        if (::chdir("/") != 0)
            die("chdir /");
        g_log->warn("wd: the working directory is outside the root; using /");
    }
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        die("PR_SET_NO_NEW_PRIVS");
    dieWithParent(parentAlivePipe, expectedParent);
    closeFdsFrom3();

    std::vector<char*> argv;
    for (const auto& a : command)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : envEntries)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    ::execvpe(argv[0], argv.data(), envp.data());
    const int err = errno;
    if (err == ENOENT)
        g_log->error("command: '{}' not found{}", command[0],
                     command[0].find('/') == std::string::npos ? " in PATH" : "");
    else
        g_log->error("command: cannot execute '{}': {}", command[0], std::strerror(err));
    std::_Exit(err == ENOENT ? kExitNotFound : kExitCannotExec);
}

// PID 1 of a new PID namespace: forwards signals to the payload's process group, reaps every
// orphan, exits with the payload's status (which makes the kernel kill whatever is left).
[[noreturn]] void runReaper(pid_t payload)
{
    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);
    for (;;) {
        siginfo_t info{};
        const int sig = ::sigwaitinfo(&all, &info);
        if (sig < 0)
            continue;
        if (sig == SIGCHLD) {
            int status = 0;
            pid_t p;
            while ((p = ::waitpid(-1, &status, WNOHANG)) > 0) {
                if (p == payload)
                    std::_Exit(exitCodeOf(status));
            }
            continue;
        }
        if (::kill(-payload, sig) != 0)
            ::kill(payload, sig);
    }
}

// The supervisor's loop: forwards signals to its child, exits with the child's status.
void forwardSignal(pid_t child, bool childHasOwnGroup, int sig)
{
    if (!childHasOwnGroup || ::kill(-child, sig) != 0)
        ::kill(child, sig);
}

[[noreturn]] void relayTerminal(pid_t child, bool childHasOwnGroup)
{
    ::close(g_ptySlave);
    g_ptySlave = -1;
    if (g_stdioIsTty[0] && ::tcgetattr(0, &g_savedTermios) == 0) {
        termios raw = g_savedTermios;
        ::cfmakeraw(&raw);
        g_termiosSaved = ::tcsetattr(0, TCSANOW, &raw) == 0;
    }
    sigset_t set = forwardedSet();
    const int sfd = ::signalfd(-1, &set, SFD_CLOEXEC);
    if (sfd < 0) {
        restoreTerminal();
        die("signalfd");
    }
    pollfd fds[3] = {
        {g_stdioIsTty[0] ? 0 : -1, POLLIN, 0}, {g_ptyMaster, POLLIN, 0}, {sfd, POLLIN, 0}};
    char buf[16384];
    for (;;) {
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            restoreTerminal();
            die("poll");
        }
        if (fds[2].revents & POLLIN) {
            signalfd_siginfo si{};
            if (::read(sfd, &si, sizeof si) == sizeof si) {
                const int sig = static_cast<int>(si.ssi_signo);
                int status = 0;
                if (sig == SIGCHLD && ::waitpid(child, &status, WNOHANG) == child) {
                    // Drain what the payload wrote before it went.
                    ::fcntl(g_ptyMaster, F_SETFL, O_NONBLOCK);
                    ssize_t n;
                    while ((n = ::read(g_ptyMaster, buf, sizeof buf)) > 0)
                        writeAll(g_termOut, buf, n);
                    restoreTerminal();
                    removeHostEnd();
                    std::_Exit(exitCodeOf(status));
                }
                if (sig == SIGWINCH) {
                    winsize ws{};
                    if (::ioctl(g_termOut, TIOCGWINSZ, &ws) == 0)
                        ::ioctl(g_ptyMaster, TIOCSWINSZ, &ws); // the pty signals its group
                } else if (sig != SIGCHLD) {
                    forwardSignal(child, childHasOwnGroup, sig);
                }
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(0, buf, sizeof buf);
            if (n > 0)
                writeAll(g_ptyMaster, buf, n);
            else if (n == 0 || errno != EINTR)
                fds[0].fd = -1; // our terminal is gone; the payload sees no more input
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(g_ptyMaster, buf, sizeof buf);
            if (n > 0)
                writeAll(g_termOut, buf, n);
            else if (n == 0 || errno != EINTR)
                fds[1].fd = -1; // EIO: every slave end is closed; wait for SIGCHLD
        }
    }
}

[[noreturn]] void waitForChild(pid_t child, bool childHasOwnGroup)
{
    if (g_ptyMaster >= 0)
        relayTerminal(child, childHasOwnGroup);
    sigset_t set = forwardedSet();
    for (;;) {
        siginfo_t info{};
        const int sig = ::sigwaitinfo(&set, &info);
        if (sig < 0)
            continue;
        if (sig == SIGCHLD) {
            int status = 0;
            const pid_t p = ::waitpid(child, &status, WNOHANG);
            if (p == child) {
                removeHostEnd();
                std::_Exit(exitCodeOf(status));
            }
            continue;
        }
        forwardSignal(child, childHasOwnGroup, sig);
    }
}

void prepareSupervisorSignals()
{
    // Blocked before fork so nothing is lost between fork and the wait loop; children reset.
    sigset_t set = forwardedSet();
    ::sigprocmask(SIG_BLOCK, &set, nullptr);
    // Job-control stops would leave the payload reading a terminal its supervisor gave back.
    ::signal(SIGTSTP, SIG_IGN);
    ::signal(SIGTTIN, SIG_IGN);
    ::signal(SIGTTOU, SIG_IGN);
}

int openBeneath(int dirFd, const char* path, std::uint64_t resolve)
{
    open_how how{};
    how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
    how.resolve = resolve;
    return static_cast<int>(::syscall(SYS_openat2, dirFd, path, &how, sizeof how));
}

// What the request names on the filesystem, looked at with the invoking user's own rights, so
// that root (pkexec) neither hands the user a directory their permissions keep them from nor
// tells them which paths exist where they cannot look (one answer for "missing" and "hidden").
enum class Verdict : unsigned char
{
    Ok,
    Root,
    Proc,
    Workdir,
    Command
};
struct Inspection
{
    Verdict verdict = Verdict::Ok;
    int rootFd = -1; // O_PATH of --root: the one object every later step uses, never the path
};

Inspection inspect(const LaunchRequest& r, unsigned ns)
{
    Inspection in;
    if (!r.root.empty()) {
        in.rootFd = ::open(r.root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (in.rootFd < 0 || ::fchdir(in.rootFd) != 0) { // fchdir: the user may search it
            in.verdict = Verdict::Root;
            return in;
        }
        if ((ns & kNsPid) && r.mountProc) {
            const int proc = openBeneath(
                in.rootFd, "proc", RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
            if (proc < 0) {
                in.verdict = Verdict::Proc;
                return in;
            }
            ::close(proc);
        }
    }
    if (!r.workdir.empty()) {
        // Inside a new root the payload resolves it there, as the user: the same here.
        const int wd = !r.root.empty()
                           ? openBeneath(in.rootFd, r.workdir.c_str(), RESOLVE_IN_ROOT)
                           : ::open(r.workdir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (wd < 0 || ::fchdir(wd) != 0) {
            in.verdict = Verdict::Workdir;
            return in;
        }
        ::close(wd);
    }
    if (r.root.empty() && !commandExists(r.command.front()))
        in.verdict = Verdict::Command;
    return in;
}

// Through pkexec the inspection runs in a child that has become the invoking user entirely
// (groups, gid, uid) and hands the root directory back as an fd over a socketpair. A child rather
// than setfsuid/setfsgid in this process: the supplementary groups must be the user's too, a
// child cannot forget to switch anything back, and the fd names exactly the directory the user
// opened — a path swapped afterwards (rename, symlink) no longer matters.
Inspection inspectAsInvoker(const LaunchRequest& r, unsigned ns, const Identity& me)
{
    const int cwd = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC); // inspect() moves around
    Inspection in;
    if (!me.privileged || me.uid == 0) {
        in = inspect(r, ns);
    } else {
        int sp[2];
        if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0)
            die("socketpair");
        const pid_t pid = ::fork();
        if (pid < 0)
            die("fork");
        if (pid == 0) {
            ::close(sp[0]);
            if (::setgroups(me.groups.size(), me.groups.data()) != 0 ||
                ::setresgid(me.gid, me.gid, me.gid) != 0 ||
                ::setresuid(me.uid, me.uid, me.uid) != 0)
                std::_Exit(kExitSetup);
            const Inspection mine = inspect(r, ns);
            char verdict = static_cast<char>(mine.verdict);
            iovec iov{&verdict, 1};
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))]{};
            msghdr msg{};
            msg.msg_iov = &iov;
            msg.msg_iovlen = 1;
            if (mine.rootFd >= 0 && mine.verdict == Verdict::Ok) {
                msg.msg_control = control;
                msg.msg_controllen = sizeof control;
                cmsghdr* c = CMSG_FIRSTHDR(&msg);
                c->cmsg_level = SOL_SOCKET;
                c->cmsg_type = SCM_RIGHTS;
                c->cmsg_len = CMSG_LEN(sizeof(int));
                std::memcpy(CMSG_DATA(c), &mine.rootFd, sizeof(int));
            }
            std::_Exit(::sendmsg(sp[1], &msg, 0) == 1 ? 0 : kExitSetup);
        }
        ::close(sp[1]);
        char verdict = -1;
        iovec iov{&verdict, 1};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))]{};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(sp[0], &msg, MSG_CMSG_CLOEXEC);
        ::close(sp[0]);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (n != 1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
            verdict > static_cast<char>(Verdict::Command) || verdict < 0)
            fail("credentials: cannot look at the request as uid " + std::to_string(me.uid));
        in.verdict = static_cast<Verdict>(verdict);
        for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
                std::memcpy(&in.rootFd, CMSG_DATA(c), sizeof(int));
        if (in.verdict == Verdict::Ok && !r.root.empty() && in.rootFd < 0)
            fail("root: no directory handed back");
    }
    if (cwd >= 0) {
        if (::fchdir(cwd) != 0)
            die("chdir back");
        ::close(cwd);
    }
    return in;
}

// ---------------------------------------------------------------- launch

// Neither the supervisor nor the reaper may be traced by the payload or have /proc/PID/{fd,mem,
// root,environ} read: a non-dumpable process needs CAP_SYS_PTRACE in its mm's user namespace,
// the initial one (the helper was exec'd there), which a payload with capabilities only in a
// namespace of its own never has. Each credential change resets the flag, so it is set after the
// last one.
void becomeUntraceable()
{
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        die("PR_SET_DUMPABLE");
}

[[noreturn]] void runLaunch(const LaunchRequest& r, const Identity& me, Environment env)
{
    unsigned ns = r.effectiveNamespaces();
    const bool rootless = !me.privileged;
    if (rootless)
        ns |= kNsUser; // an ordinary user can create every other type inside a user namespace
    if (r.connectHost && rootless)
        refuse("connect-host: needs privilege (run as root or through pkexec)");
    if (r.connectHost && (ns & kNsUser))
        refuse("connect-host: not with a user namespace (the host end needs the privilege a new "
               "user namespace gives up)");

    // Filesystem checks, before anything exists, with the invoking user's rights; one message
    // whether a path is missing or out of the user's reach.
    const Inspection in = inspectAsInvoker(r, ns, me);
    const std::string uid = std::to_string(me.uid);
    switch (in.verdict) {
    case Verdict::Ok:
        break;
    case Verdict::Root:
        refuse("root: '" + r.root + "' is not a directory uid " + uid + " can enter");
    case Verdict::Proc:
        refuse("root: no /proc directory inside '" + r.root + "' (or use --no-mount-proc)");
    case Verdict::Workdir:
        refuse("wd: '" + r.workdir + "' is not a directory uid " + uid + " can enter");
    case Verdict::Command:
        g_log->error("command: '{}' not found{}", r.command.front(),
                     r.command.front().find('/') == std::string::npos ? " in PATH" : "");
        std::_Exit(kExitNotFound);
    }
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC); // for the reaper's 0-2
    if (devNull < 0)
        die("open /dev/null");

    // Who the payload is inside.
    const bool userNs = ns & kNsUser;
    const uid_t insideUid = r.mapRootUser ? 0 : r.mapUser ? *r.mapUser : me.uid;
    const gid_t insideGid = r.mapRootUser ? 0 : r.mapGroup ? *r.mapGroup : me.gid;
    if (me.privileged && me.uid != 0) {
        // pkexec: the payload's HOME/USER/... are the invoking user's, not root's.
        if (const passwd* pw = ::getpwuid(me.uid)) {
            setEnvEntry(env.entries, "HOME", pw->pw_dir);
            setEnvEntry(env.entries, "USER", pw->pw_name);
            setEnvEntry(env.entries, "LOGNAME", pw->pw_name);
            if (!checkAbsolutePath(pw->pw_shell))
                setEnvEntry(env.entries, "SHELL", pw->pw_shell);
        }
    }

    openPtyIfInteractive(me);
    HostNetHandles host;
    if (r.connectHost) {
        if (auto err = openHostNetHandles(host); !err.empty())
            fail(err);
    }

    // 3. Namespaces. The user namespace first and alone, so its maps are in place before the
    // namespaces it will own are created.
    if (userNs && me.privileged && me.uid != 0) {
        // pkexec: only a process holding CAP_SETUID over the parent namespace may write a map
        // naming ids other than its own, and unshare() has just given that up. So become the
        // invoking user first, groups included (nothing of root's, such as group 0, survives
        // behind "setgroups deny"), and go on exactly as a rootless launch by that user: the
        // namespace is theirs and its maps are their own ids.
        switchCredentials(me.uid, me.gid, &me.groups);
        // The switch made us non-dumpable, which makes /proc/self/*_map root's; we are the
        // invoking user now, with nothing of root's left to protect until the maps are written.
        if (::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0)
            die("PR_SET_DUMPABLE");
    }
    if (userNs) {
        if (::unshare(CLONE_NEWUSER) != 0)
            die("unshare(user)");
        const uid_t outsideUid = me.uid; // privileged: the invoking user; rootless: ourselves
        const gid_t outsideGid = me.gid;
        if (!writeFile("/proc/self/uid_map",
                       std::to_string(insideUid) + " " + std::to_string(outsideUid) + " 1\n"))
            die("writing uid_map");
        if (!writeFile("/proc/self/setgroups", "deny\n"))
            die("writing setgroups");
        if (!writeFile("/proc/self/gid_map",
                       std::to_string(insideGid) + " " + std::to_string(outsideGid) + " 1\n"))
            die("writing gid_map");
        g_log->debug("user namespace: uid {} -> {}, gid {} -> {}", insideUid, outsideUid, insideGid,
                     outsideGid);
    }
    // unshare(CLONE_NEWNS) moves the working directory to the new namespace's copy of it: that
    // is how the directory opened as the invoking user becomes the one bound below, by fd.
    if (in.rootFd >= 0 && ::fchdir(in.rootFd) != 0)
        die("chdir to the root");
    const unsigned rest = ns & ~static_cast<unsigned>(kNsUser);
    if (rest && ::unshare(static_cast<int>(rest)) != 0)
        die("unshare");
    g_log->debug("unshared namespaces 0x{:x}", ns);

    if (ns & kNsTime) {
        // Must be written before any process enters the time namespace (our children).
        std::string offsets;
        if (r.monotonicOffset)
            offsets += "monotonic " + std::to_string(*r.monotonicOffset) + " 0\n";
        if (r.boottimeOffset)
            offsets += "boottime " + std::to_string(*r.boottimeOffset) + " 0\n";
        if (!offsets.empty() && !writeFile("/proc/self/timens_offsets", offsets))
            die("writing timens_offsets");
    }
    // The last write to /proc/self is done; the supervisor relays the caller's terminal from here.
    becomeUntraceable();
    if (!r.hostname.empty() && ::sethostname(r.hostname.data(), r.hostname.size()) != 0)
        die("sethostname");
    if (ns & kNsNet) {
        if (auto err = bringLoopbackUp(); !err.empty())
            fail("loopback: " + err);
        if (r.connectHost) {
            // One helper at a time picks and assigns, so two never take the same /30.
            const int lock = lockAddressPool();
            if (lock < 0)
                die("connect-host: locking the address pool");
            std::string hostAddr, nsAddr;
            if (auto err = pickFreeBlock(host, hostAddr, nsAddr); !err.empty())
                fail("connect-host: " + err);
            const std::string ifname = "nsxh" + std::to_string(::getpid());
            // Removed by the supervisor when the payload ends; a veth pair otherwise lives as long
            // as its namespace, which a payload's surviving child would keep. A half-made pair is
            // removed too, but not a link the kernel refused to make: one of that name that is
            // not ours (a stale host end, an administrator's) stays.
            g_hostRtnl = host.rtnl;
            bool mayExist = false;
            if (auto err = connectToHost(host, ifname, hostAddr, nsAddr, mayExist); !err.empty()) {
                if (mayExist) {
                    g_hostVeth = ifname;
                    removeHostEnd();
                }
                fail("connect-host: " + err);
            }
            g_hostVeth = ifname;
            ::close(lock);
            g_log->debug("veth {} {} <-> eth0 {}", ifname, hostAddr, nsAddr);
        }
        if (host.rtnl >= 0 && host.rtnl != g_hostRtnl)
            ::close(host.rtnl);
        if (host.inet >= 0)
            ::close(host.inet);
    }
    if (ns & kNsMnt) {
        // Private propagation: nothing we mount leaks out, nothing from outside propagates in.
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            die("making / private");
    }
    int rootTree = -1; // the new root, a mount of its own (pivot_root needs one)
    if (in.rootFd >= 0) {
        rootTree = ::open_tree(AT_FDCWD, ".", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
        if (rootTree < 0)
            die("bind-mounting the root");
        if (::move_mount(rootTree, "", AT_FDCWD, ".", MOVE_MOUNT_F_EMPTY_PATH) != 0)
            die("bind-mounting the root");
        ::close(in.rootFd);
    }
    const std::string workdir = !r.workdir.empty() ? r.workdir : !r.root.empty() ? "/" : "";

    // 4. Fork. The pipe tells the child whether its parent still lives.
    int alive[2];
    if (::pipe2(alive, O_CLOEXEC) != 0)
        die("pipe");
    prepareSupervisorSignals();
    const pid_t supervisor = ::getpid();
    const pid_t child = ::fork();
    if (child < 0)
        die("fork");
    if (child > 0) {
        ::close(alive[0]);
        ::close(devNull);
        if (rootTree >= 0)
            ::close(rootTree);
        waitForChild(child, /*childHasOwnGroup=*/!(ns & kNsPid) || r.asPid1);
    }
    ::close(alive[1]);
    if (g_ptyMaster >= 0)
        ::close(g_ptyMaster);
    if (g_hostRtnl >= 0)
        ::close(g_hostRtnl); // the supervisor's, to remove the host end
    g_hostRtnl = -1;
    const bool pidNs = ns & kNsPid;
    // The fresh /proc is mounted by PID 1 of the new namespace (a proc mount shows the mounter's
    // PID namespace), and before pivot_root: in a user namespace the kernel only allows a new
    // proc mount while an unobscured one is still visible in the mount namespace.
    if (pidNs && r.mountProc) {
        // Inside a new root, "proc" is resolved beneath it without following symlinks: the
        // directory's owner cannot point root's mount elsewhere.
        std::string procDir = "/proc";
        if (rootTree >= 0) {
            const int procFd = openBeneath(
                rootTree, "proc", RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
            if (procFd < 0)
                die("root: opening its /proc");
            procDir = "/proc/self/fd/" + std::to_string(procFd);
        }
        if (::mount("proc", procDir.c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) !=
            0)
            die("mounting /proc");
    }
    if (rootTree >= 0) {
        if (::fchdir(rootTree) != 0)
            die("chdir to the root");
        ::close(rootTree);
        if (::syscall(SYS_pivot_root, ".", ".") != 0)
            die("pivot_root");
        if (::umount2(".", MNT_DETACH) != 0) // the old root, stacked under the new one
            die("detaching the old root");
        if (::chdir("/") != 0)
            die("chdir /");
    }
    // Privileged work is over: become who the payload runs as.
    if (userNs)
        switchCredentials(insideUid, insideGid, nullptr); // setgroups is denied in the namespace
    else if (me.privileged && me.uid != 0)
        switchCredentials(me.uid, me.gid, &me.groups);
    dieWithParent(alive[0], pidNs ? 0 : supervisor);

    if (!pidNs || r.asPid1)
        execPayload(r.command, env.entries, workdir, alive[0], pidNs ? 0 : supervisor);

    // PID 1: the reaper. Untraceable after its last credential change, and a session of its
    // own without the caller's terminal: the terminal's signals reach only the supervisor, which
    // forwards them here once; from here they go to the payload's group.
    becomeUntraceable();
    if (::setsid() < 0)
        die("setsid (reaper)");
    if (::prctl(PR_SET_NAME, "nsx-reaper", 0, 0, 0) != 0)
        die("PR_SET_NAME");
    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);
    const pid_t payload = ::fork();
    if (payload < 0)
        die("fork (payload)");
    if (payload == 0) {
        ::close(alive[0]);
        execPayload(r.command, env.entries, workdir, -1, 1);
    }
    ::close(alive[0]);
    if (g_ptySlave >= 0)
        ::close(g_ptySlave); // only the payload's session holds the terminal
    // Nothing of the caller's: its stdio (its terminal, pipes) is the payload's, not ours.
    for (int fd = 0; fd <= 2; ++fd)
        if (::dup2(devNull, fd) < 0)
            die("dup2 /dev/null");
    ::close(devNull);
    runReaper(payload);
}

// ---------------------------------------------------------------- enter

// Every capability gone, also for uid 0 of a user namespace (whose execve() would otherwise
// refill them from the bounding set): ambient and bounding sets emptied, then capset, verified.
void dropEveryCapability()
{
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
        die("PR_CAP_AMBIENT_CLEAR_ALL");
    if (!hasNoCapabilities()) { // a non-root switchCredentials() already did all of this
        dropBoundingSet();
        __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct none[2]{};
        if (::syscall(SYS_capset, &hdr, none) != 0)
            die("capset");
    }
    if (!hasNoCapabilities() || ::prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) != 0)
        die("capabilities still held after dropping them", EPERM);
}

const char* nsOptionName(unsigned bit)
{
    for (const auto& o : kNsOptions)
        if (o.bit == bit)
            return o.option;
    return "?";
}

// The first directory of the current mount namespace in which a program or library found by
// path (the fixed PATH, the dynamic loader, /etc/ld.so.preload) could have been put there by
// someone other than root: not root's, or writable by a group other than root's or by anyone.
// Missing directories are fine. Checked from "/" down: a directory root made and keeps
// unwritable can only hold what root put there.
std::optional<std::string> notRootsAlone()
{
    static const char* const dirs[] = {
        "/",        "/etc",       "/usr",       "/usr/bin",       "/usr/sbin",
        "/usr/lib", "/usr/lib64", "/usr/local", "/usr/local/bin", "/usr/local/sbin",
        "/bin",     "/sbin",      "/lib",       "/lib64"};
    for (const char* d : dirs) {
        struct stat st
        {};
        if (::stat(d, &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                continue;
            return std::string(d);
        }
        if (st.st_uid != 0 || (st.st_mode & S_IWOTH) || ((st.st_mode & S_IWGRP) && st.st_gid != 0))
            return std::string(d);
    }
    return std::nullopt;
}

// Who may enter what, and as whom (README "Entering"):
//   - root (no PKEXEC_UID, or PKEXEC_UID=0): a namespace owned by the target's user namespace is
//     joined together with it, and root becomes the target's own user there (its mapped euid and
//     egid, with the capabilities that user has there, no supplementary groups): at most the
//     rights of that namespace's owner, never host root's. --unsafe-host-root opts out (warned).
//   - pkexec (PKEXEC_UID=N): the payload is always N. Joining a user namespace needs N and N's
//     gid mapped there and becomes them, without capabilities; otherwise N in our user namespace.
//     Supplementary groups are N's, set before setns() (setgroups may be denied after it).
//   - rootless: only one's own processes, by the same rule with one's own uid.
[[noreturn]] void runEnter(const EnterRequest& r, const Identity& me, Environment env)
{
    const pid_t pid = r.target;
    const std::string proc = "/proc/" + std::to_string(pid);
    const bool pkexec = me.privileged && me.uid != 0;
    const bool invokerIsRoot = me.privileged && me.uid == 0;
    const std::string noProcess = "target: no process " + std::to_string(pid);

    // Pin the process first; the start time read after the last look at /proc/PID proves that
    // everything read in between (status, maps, namespace fds) belongs to this very process.
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0) {
        if (errno == ESRCH)
            refuse(noProcess);
        refuse("target: cannot pin process " + std::to_string(pid) + ": " + std::strerror(errno));
    }
    ::fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    const auto before = startTime(pid);
    if (!before)
        refuse(noProcess);
    if (r.expectStart && *before != *r.expectStart)
        refuse("target: process " + std::to_string(pid) +
               " is not the process that was selected (that one exited; its pid was reused)");
    const auto ids = readProcessIds(pid);
    if (!ids)
        refuse(noProcess);
    // Without privilege, only our own processes (the kernel would refuse too, less clearly).
    if (!me.privileged && ids->effectiveUid != me.uid)
        refuse("target: process " + std::to_string(pid) + " belongs to uid " +
               std::to_string(ids->effectiveUid) + "; entering it needs privilege");

    auto infos = probeEnterTarget(pid, /*keepFds=*/true);
    const EnterPlan plan = planEnter(r, infos, invokerIsRoot);
    // Through pkexec, another user's process: who owns its namespaces is not the invoking
    // user's to learn (its /proc/PID/ns is not readable to them), so one line without details.
    if (plan.error && pkexec && ids->effectiveUid != me.uid &&
        plan.error->field != "unsafe-host-root")
        refuse("target: process " + std::to_string(pid) + " cannot be entered as uid " +
               std::to_string(me.uid));
    if (plan.error)
        refuse(plan.error->line());
    const unsigned flags = plan.join;
    std::optional<std::string> uidMap, gidMap;
    if (flags & kNsUser) {
        uidMap = readFile(proc + "/uid_map");
        gidMap = readFile(proc + "/gid_map");
        // The maps are read by path, so they are of whatever user namespace the target is in
        // now; the ids they give are applied in the one opened above. Still the same one after
        // the read means it was throughout: a process only ever moves into descendants of its
        // user namespace (setns() needs CAP_SYS_ADMIN there), never back.
        struct stat opened
        {
        }, now{};
        const auto user = std::find_if(infos.begin(), infos.end(),
                                       [](const EnterNsInfo& i) { return i.bit == kNsUser; });
        if (user == infos.end() || user->fd < 0 || ::fstat(user->fd, &opened) != 0 ||
            ::stat((proc + "/ns/user").c_str(), &now) != 0 || opened.st_ino != now.st_ino ||
            opened.st_dev != now.st_dev)
            refuse("target: process " + std::to_string(pid) +
                   " changed its user namespace while being entered");
    }
    const auto after = startTime(pid);
    // Still running after the probe means it ran throughout: a type it showed unreadable was
    // not read because it had exited (--all would leave those out and run the command in the
    // caller's own namespaces). A signal to a zombie succeeds, hence the state.
    if (!after || *after != *before ||
        ::syscall(SYS_pidfd_send_signal, pidfd, 0, nullptr, 0) != 0 || hasExited(pid))
        refuse("target: process " + std::to_string(pid) + " exited or was replaced");
    ::close(pidfd);

    // Who the payload becomes in the joined user namespace, decided before joining it.
    uid_t insideUid = 0;
    gid_t insideGid = 0;
    if (flags & kNsUser) {
        const unsigned wantUid = invokerIsRoot ? ids->effectiveUid : me.uid;
        const unsigned wantGid = invokerIsRoot ? ids->effectiveGid : me.gid;
        const auto u = uidMap ? mapInto(*uidMap, wantUid) : std::nullopt;
        const auto g = gidMap ? mapInto(*gidMap, wantGid) : std::nullopt;
        if (!u || !g) {
            if (invokerIsRoot)
                refuse("target: its user is not mapped in its user namespace");
            refuse("user: uid " + std::to_string(wantUid) + " (gid " + std::to_string(wantGid) +
                   ") is not mapped in the target's user namespace; refusing to enter it as "
                   "anyone else");
        }
        insideUid = *u;
        insideGid = *g;
    }
    if (plan.addedUser)
        g_log->debug("joining the target's user namespace too: a namespace to join is owned by "
                     "it");
    for (const auto& i : infos)
        if (plan.foreignOwned & i.bit)
            g_log->warn("--unsafe-host-root: joining the {} namespace of process {} without its "
                        "user namespace; what runs there (chosen by that namespace's owner) runs "
                        "as host root",
                        nsOptionName(i.bit), pid);

    // Supplementary groups while still in our user namespace: after setns() into one whose
    // setgroups is "deny" they could not be changed, and root's group 0 would stay.
    if (pkexec && ::setgroups(me.groups.size(), me.groups.data()) != 0)
        die("setgroups");
    if (invokerIsRoot && (flags & kNsUser) && ::setgroups(0, nullptr) != 0)
        die("setgroups");

    openPtyIfInteractive(me);
    // setns() order: namespaces our own user namespace owns first (joining the target's user
    // namespace gives up our capabilities over them), then the user namespace, then the ones it
    // owns. The fds were opened while the process was pinned: exactly its namespaces.
    auto joinWhere = [&](auto pred) {
        for (auto& i : infos) {
            if (!(flags & i.bit) || i.bit == kNsUser || !pred(i))
                continue;
            if (::setns(i.fd, static_cast<int>(i.bit)) != 0)
                die(std::string("setns(") + nsOptionName(i.bit) + ")");
        }
    };
    const auto ownedByUs = [&](const EnterNsInfo& i) {
        return i.owner == NsOwner::Caller || (plan.foreignOwned & i.bit);
    };
    joinWhere(ownedByUs);
    if (flags & kNsUser) {
        for (auto& i : infos)
            if (i.bit == kNsUser && ::setns(i.fd, CLONE_NEWUSER) != 0)
                die("setns(user)");
    }
    joinWhere([&](const EnterNsInfo& i) { return !ownedByUs(i); });
    closeProbeFds(infos);
    g_log->debug("entered namespaces 0x{:x} of pid {}", flags, pid);
    // Root staying host root in a mount namespace: its files decide what runs (the command,
    // its ELF interpreter, its libraries). One owned by our user namespace was made by root,
    // but its tree may be an ordinary user's: a launch through pkexec pivots into any
    // directory the user names, and no user namespace is there to join.
    if (invokerIsRoot && (flags & kNsMnt) && !(flags & kNsUser)) {
        if (const auto dir = notRootsAlone()) {
            if (!r.unsafeHostRoot)
                refuse("mount: " + *dir + " in the mount namespace of process " +
                       std::to_string(pid) +
                       " is not root's alone (another user chooses what runs there); refusing "
                       "to run as host root there (--unsafe-host-root to do it anyway)");
            g_log->warn("--unsafe-host-root: {} in the mount namespace of process {} is not "
                        "root's alone; what runs there (chosen by another user) runs as host root",
                        *dir, pid);
        }
    }

    if (flags & kNsUser) {
        switchCredentials(insideUid, insideGid, nullptr);
        if (!invokerIsRoot)
            dropEveryCapability(); // also as uid 0 inside: the invoking user is not root
    } else if (pkexec) {
        switchCredentials(me.uid, me.gid, &me.groups);
    }
    // The supervisor keeps the caller's terminal to relay it: the payload must not trace it or
    // take its fds. Rootless, joining a user namespace one owns leaves the process dumpable
    // (the kernel counts such a namespace's capabilities as no gain), so it is cleared here for
    // every mode, after the last credential change; the payload's execve() sets it again.
    becomeUntraceable();
    if (pkexec) {
        if (const passwd* pw = ::getpwuid(me.uid)) {
            setEnvEntry(env.entries, "HOME", pw->pw_dir);
            setEnvEntry(env.entries, "USER", pw->pw_name);
            setEnvEntry(env.entries, "LOGNAME", pw->pw_name);
        }
    }

    int alive[2];
    if (::pipe2(alive, O_CLOEXEC) != 0)
        die("pipe");
    prepareSupervisorSignals();
    const pid_t supervisor = ::getpid();
    const pid_t child = ::fork(); // a fork is what puts the child into the PID namespace
    if (child < 0)
        die("fork");
    if (child > 0) {
        ::close(alive[0]);
        waitForChild(child, true);
    }
    ::close(alive[1]);
    if (g_ptyMaster >= 0)
        ::close(g_ptyMaster);
    const std::string workdir = !r.workdir.empty() ? r.workdir : (flags & kNsMnt) ? "/" : "";
    // In the target's PID namespace our parent is outside it: getppid() reads 0, so only the
    // pipe can tell whether the supervisor still lives.
    execPayload(r.command, env.entries, workdir, alive[0], (flags & kNsPid) ? 0 : supervisor);
}

} // namespace
} // namespace nsx::helper

int main(int argc, char** argv)
{
    using namespace nsx::helper;
    // Fail closed on an empty argv (CVE-2021-4034 was pkexec trusting argv[1] with argc == 0).
    // Linux >= 5.18 turns an empty argv into {""}, so an empty argv[0] is the same case.
    if (argc < 1 || !argv || !argv[0] || !argv[0][0]) {
        static const char msg[] = "nsexplorer-helper: argv: empty argument vector; refusing\n";
        (void)!::write(2, msg, sizeof msg - 1);
        return kExitRefused;
    }
    // Nothing of the caller's beyond stdin, stdout and stderr: an inherited fd (a directory, a
    // socket) kept by the supervisor or the reaper would be within the payload's reach through
    // /proc/PID/fd, and one kept by the payload is a way out of its new root. Closed before
    // anything is opened, so whatever is open from here on is the helper's own.
    closeFdsFrom3();
    g_log = spdlog::stderr_logger_st("nsexplorer-helper");
    g_log->set_pattern("%n: %v");
    g_log->set_level(spdlog::level::warn);
    // spdlog's own default logger writes to stdout, which belongs to the command: anything
    // logged through it goes to stderr too.
    spdlog::set_default_logger(g_log);

    // Capture the allow-listed environment and clear the rest before anything reads it.
    Environment env = captureAndClearEnvironment();
    const Identity me = invokingIdentity(env);
    // No core dumps or ptrace of a privileged stage; if that cannot be ensured, don't go on.
    if (me.privileged && ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        die("PR_SET_DUMPABLE");

    if (static_cast<std::size_t>(argc) > kMaxArguments + 64)
        refuse("command: too many arguments (" + std::to_string(argc) + ", at most " +
               std::to_string(kMaxArguments) + ")");
    std::vector<std::string> args(argv + 1, argv + argc);
    // Only alone: "--version" elsewhere is a request's option, or part of the command.
    if (args.size() == 1 && (args[0] == "--version" || args[0] == "-V")) {
        std::fputs("nsexplorer-helper from nsexplorer " NSX_VERSION "\n", stdout);
        return 0;
    }
    auto parsed = parseHelperArgs(args);
    if (parsed.help) {
        std::fputs(helperUsage("nsexplorer-helper").c_str(), stdout);
        return 0;
    }
    if (parsed.error)
        refuse(parsed.error->line());
    // 0-2 are handed to the command as they are (only a terminal among them is swapped for the
    // relay's), so two kinds of descriptor are refused there: a directory (`0</etc`) would be a
    // way out of a new root just as one on fd 7 was (openat(0, "..") walks up the caller's tree),
    // and an O_PATH one is no terminal to isatty() yet reopens through /proc as whatever it names
    // — the caller's terminal included, behind the relay's back. Neither is any use as stdio.
    static const char* const stdioNames[] = {"stdin", "stdout", "stderr"};
    for (int fd = 0; fd <= 2; ++fd) {
        const int fl = ::fcntl(fd, F_GETFL);
        if (fl < 0)
            continue; // closed
        struct stat st
        {};
        if (fl & O_PATH)
            refuse(std::string(stdioNames[fd]) +
                   ": an O_PATH descriptor; refusing to hand it to the command (it reopens as "
                   "what it names)");
        if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
            refuse(std::string(stdioNames[fd]) +
                   ": a directory; refusing to hand it to the command (it would reach outside "
                   "its namespaces)");
    }
    env.entries.push_back(std::string("PATH=") + kFixedPath);
    if (auto* launch = std::get_if<LaunchRequest>(&*parsed.request)) {
        if (launch->verbose)
            g_log->set_level(spdlog::level::debug);
        runLaunch(*launch, me, std::move(env));
    }
    const auto& enter = std::get<EnterRequest>(*parsed.request);
    if (enter.verbose)
        g_log->set_level(spdlog::level::debug);
    runEnter(enter, me, std::move(env));
}
