#include "process_pin.h"

#include "procfs.h"

#include <QFile>

#include <cerrno>
#include <string_view>
#include <sys/syscall.h>
#include <unistd.h>

namespace nsx::gui {

LiveStat liveStat(int pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = f.readAll();
    const auto st = backend::procfs::parseStat(std::string_view(text.constData(), text.size()));
    if (!st || !st->complete())
        return {};
    return {st->state, st->startTime};
}

int pidfdIfSame(int pid, std::uint64_t start)
{
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0)
        return -1;
    if (start == 0 || liveStat(pid).start != start) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool pidfdAlive(int pidfd)
{
    // EPERM: it is there, but another user's (ESRCH once it has exited).
    return pidfd >= 0 &&
           (::syscall(SYS_pidfd_send_signal, pidfd, 0, nullptr, 0) == 0 || errno == EPERM);
}

} // namespace nsx::gui
