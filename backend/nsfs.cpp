#include "nsfs.h"

#include <cerrno>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nsx::backend::nsfs {

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

Result<NsId> identify(int nsFd)
{
    struct stat st;
    if (::fstat(nsFd, &st) != 0)
        return {std::nullopt, errno};
    return {NsId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)}, 0};
}

namespace {
Result<UniqueFd> fdIoctl(int nsFd, unsigned long request)
{
    int fd = ::ioctl(nsFd, request);
    if (fd < 0)
        return {std::nullopt, errno};
    // The kernel already sets O_CLOEXEC on fds returned by the nsfs ioctls.
    return {UniqueFd(fd), 0};
}
} // namespace

Result<UniqueFd> owningUserNs(int nsFd)
{
    return fdIoctl(nsFd, NS_GET_USERNS);
}

Result<UniqueFd> parentNs(int nsFd)
{
    return fdIoctl(nsFd, NS_GET_PARENT);
}

Result<NsType> nsType(int nsFd)
{
    int flag = ::ioctl(nsFd, NS_GET_NSTYPE);
    if (flag < 0)
        return {std::nullopt, errno};
    if (auto t = nsTypeFromCloneFlag(flag))
        return {*t, 0};
    return {std::nullopt, EINVAL};
}

Result<std::uint32_t> ownerUid(int nsFd)
{
    uid_t uid = 0;
    if (::ioctl(nsFd, NS_GET_OWNER_UID, &uid) != 0)
        return {std::nullopt, errno};
    return {static_cast<std::uint32_t>(uid), 0};
}

} // namespace nsx::backend::nsfs
