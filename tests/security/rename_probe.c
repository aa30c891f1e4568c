/* rename_probe: the payload of a container launched with `nsexplorer-helper --name NAME`, trying
 * to change the name the scanner shows for it (issue 15). The scanner reads the name from the
 * supervisor's own argv (/proc/SUPERVISOR/cmdline, backend/containers/own.h). Against the
 * supervisor (argv[2], else the parent: the supervisor when there is no new PID namespace):
 *   - write a new comm through /proc/PID/comm;
 *   - PTRACE_SEIZE it (the way to rewrite its argv from inside);
 *   - open /proc/PID/mem for writing and overwrite the name where its argv lies
 *     (arg_start..arg_end, fields 48-49 of /proc/PID/stat), and the same with process_vm_writev;
 * and beside it:
 *   - a process of its own that looks like a supervisor: argv "nsexplorer-helper --name
 *     FORGED --uts -- sleep", comm "nsexplorer-help" (prctl), non-dumpable as the real one is
 *     (its exe link then unreadable to its own user), in a UTS namespace of its own with a
 *     member (its child) that shows that namespace to those who cannot read its links
 *     (unshare, with a user namespace when it lacks CAP_SYS_ADMIN) — the scanner must not
 *     take its word (runsOurHelper);
 *   - sethostname(FORGED) in its own UTS namespace (a name taken from the hostname would follow).
 * usage: rename_probe NAME FORGED [SUPERVISOR-PID]
 * Prints "ESCAPE ..." per success, "fake-pid N" for the look-alike, then "probe-done", and
 * waits for stdin to close (the test scans meanwhile). Static: runs anywhere. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int escapes;

static void escape(const char* what, int pid)
{
    printf("ESCAPE %s (pid %d)\n", what, pid);
    fflush(stdout);
    ++escapes;
}

/* Fields 48 and 49 of /proc/PID/stat: where its argv lies. */
static int argRange(int pid, unsigned long* start, unsigned long* end)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE* f = fopen(path, "re");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char* p = strrchr(buf, ')');
    if (!p)
        return -1;
    p += 2;
    for (int i = 3; i < 48; ++i) {
        p = strchr(p, ' ');
        if (!p)
            return -1;
        ++p;
    }
    return sscanf(p, "%lu %lu", start, end) == 2 ? 0 : -1;
}

/* The offset of `name` as a whole argument in the argv of `pid`, read from its cmdline. */
static long nameOffset(int pid, const char* name)
{
    char path[64], buf[65536];
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    size_t len = strlen(name);
    for (ssize_t i = 0; n > 0 && i + (ssize_t)len < n; ++i)
        if ((i == 0 || buf[i - 1] == 0) && memcmp(buf + i, name, len) == 0 && buf[i + len] == 0)
            return i;
    return -1;
}

static void attackSupervisor(int sup, const char* name, const char* forged)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/comm", sup);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (write(fd, forged, strlen(forged)) == (ssize_t)strlen(forged))
            escape("wrote the supervisor's comm", sup);
        close(fd);
    }
    if (ptrace(PTRACE_SEIZE, sup, 0, 0) == 0) {
        escape("PTRACE_SEIZE on the supervisor", sup);
        ptrace(PTRACE_DETACH, sup, 0, 0);
    }
    unsigned long start = 0, end = 0;
    const long off = nameOffset(sup, name);
    const int haveRange = argRange(sup, &start, &end) == 0 && start && off >= 0;
    snprintf(path, sizeof path, "/proc/%d/mem", sup);
    fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        escape("opened the supervisor's memory for writing", sup);
        if (haveRange && pwrite(fd, forged, strlen(name), (off_t)(start + (unsigned long)off)) ==
                             (ssize_t)strlen(name))
            escape("rewrote the supervisor's argv through /proc/PID/mem", sup);
        close(fd);
    }
    if (haveRange) {
        struct iovec local = {(void*)forged, strlen(name)};
        struct iovec remote = {(void*)(start + (unsigned long)off), strlen(name)};
        if (process_vm_writev(sup, &local, 1, &remote, 1, 0) == (ssize_t)strlen(name))
            escape("rewrote the supervisor's argv with process_vm_writev", sup);
    }
}

/* The look-alike: re-executed as "nsexplorer-helper --name FORGED --uts -- sleep 1000". */
static void onTerm(int sig);

static int lookAlike(void)
{
    signal(SIGTERM, onTerm);
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); /* nothing left behind if the payload is killed */
    /* Non-dumpable like the real supervisor: /proc/PID/exe then says nothing to its own user. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (unshare(CLONE_NEWUTS) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWUTS) != 0)
        return 1;
    /* A member that shows the namespace to a viewer who cannot read the look-alike's links
     * (its child, dumpable again after exec); the pipe closes when it has exec'd. */
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) != 0)
        return 1;
    pid_t member = fork();
    if (member == 0) {
        char* args[] = {"rename_probe-member", NULL};
        execv("/proc/self/exe", args);
        _exit(127);
    }
    close(ready[1]);
    char c;
    while (read(ready[0], &c, 1) > 0) {
    }
    prctl(PR_SET_NAME, "nsexplorer-help", 0, 0, 0); /* last: the parent waits for it */
    pause(); /* until SIGTERM (a handler of its own: pause returns) */
    kill(member, SIGKILL);
    waitpid(member, NULL, 0);
    return 0;
}

static void onTerm(int sig)
{
    (void)sig;
}

/* Until the look-alike calls itself nsexplorer-help (it is ready), at most 10 s. */
static void waitForLookAlike(pid_t pid)
{
    char path[64], buf[32];
    snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
    for (int i = 0; i < 1000; ++i) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
        if (fd >= 0)
            close(fd);
        if (n > 0 && strncmp(buf, "nsexplorer-help", 15) == 0)
            return;
        usleep(10000);
    }
}

int main(int argc, char** argv)
{
    if (argc > 1 && strcmp(argv[0], "nsexplorer-helper") == 0)
        return lookAlike();
    if (strcmp(argv[0], "rename_probe-member") == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        pause();
        return 0;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: rename_probe NAME FORGED [SUPERVISOR-PID]\n");
        return 2;
    }
    const char* name = argv[1];
    const char* forged = argv[2];
    if (strlen(forged) != strlen(name)) {
        fprintf(stderr, "rename_probe: FORGED must be as long as NAME\n");
        return 2;
    }
    const int sup = argc > 3 ? atoi(argv[3]) : (int)getppid();
    attackSupervisor(sup, name, forged);

    pid_t fake = fork();
    if (fake == 0) {
        char* args[] = {
            "nsexplorer-helper", "--name", (char*)forged, "--uts", "--", "sleep", "1000", NULL};
        execv("/proc/self/exe", args);
        _exit(127);
    }
    if (fake > 0) {
        waitForLookAlike(fake);
        printf("fake-pid %d\n", (int)fake);
    }
    if (sethostname(forged, strlen(forged)) == 0)
        printf("hostname-set %s\n", forged);
    printf("probe-done %d escapes\n", escapes);
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {
    }
    if (fake > 0) {
        kill(fake, SIGTERM);
        waitpid(fake, NULL, 0);
    }
    return 0;
}
