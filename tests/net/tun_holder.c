/* tun_holder NAME: attaches to the TAP interface NAME through /dev/net/tun (TUNSETIFF), prints
 * "ready" and holds it until killed — a TAP "served by" a process, for tst_net_topology. */
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc != 2 || strlen(argv[1]) >= IFNAMSIZ) {
        fprintf(stderr, "usage: tun_holder NAME\n");
        return 2;
    }
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        perror("tun_holder: /dev/net/tun");
        return 1;
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    strncpy(ifr.ifr_name, argv[1], IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
        perror("tun_holder: TUNSETIFF");
        return 1;
    }
    printf("ready %d\n", fd);
    fflush(stdout);
    for (;;)
        pause();
}
