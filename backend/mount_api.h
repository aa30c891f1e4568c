// The mount API of Linux 6.8+ (listmount(2), statmount(2)), for mount namespaces other than
// the caller's (by namespace id, Linux 6.11). Debian 12's headers predate it, so the
// structures are declared here as the kernel's uapi <linux/mount.h> has them. Every call
// reports the errno the kernel gave; ENOSYS on older kernels.
//
// What the scanner relies on: a mount's 64-bit id (mnt_id_unique) is never given out twice
// while the system runs, and a mount's superblock, root, source and filesystem type never
// change while it exists (its mount point may: mount --move).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nsx::backend::mountapi {

// Ids of the mounts of the mount namespace nsId (NS_GET_ID of an fd on it), below its root
// (for the caller's own namespace: below the caller's root); with `below`, the mounts under
// that mount of the namespace that are reachable from its root, as a process whose root it is
// sees them in mountinfo (not the mount itself). 0 or an errno (ENOENT, or EPERM on some
// kernels, without CAP_SYS_ADMIN over a foreign namespace).
inline constexpr std::uint64_t kListAll = ~std::uint64_t(0); // LSMT_ROOT
int listMounts(std::uint64_t nsId, std::vector<std::uint64_t>& ids, std::uint64_t below = kListAll);

struct MountFacts
{
    std::uint64_t magic = 0;                   // the superblock's *_SUPER_MAGIC
    std::string fsType, subtype, source, root; // root: of the mount within its filesystem
    std::string mountPoint;                    // as the namespace's root sees it
};
enum : std::uint64_t
{
    kSuperBasic = 0x1,  // STATMOUNT_SB_BASIC: magic
    kRoot = 0x8,        // STATMOUNT_MNT_ROOT
    kMountPoint = 0x10, // STATMOUNT_MNT_POINT
    kFsType = 0x20,     // STATMOUNT_FS_TYPE
    kFsSubtype = 0x100, // STATMOUNT_FS_SUBTYPE ("fuse-overlayfs" of "fuse.fuse-overlayfs")
    kSource = 0x200,    // STATMOUNT_SB_SOURCE (Linux 6.11)
};
// statmount of one mount of namespace nsId (0: the caller's); want is a mask of the above.
// buf is scratch space kept by the caller. 0 or an errno (ENOENT: the mount is gone; ENODATA
// when the kernel did not give a field asked for; a subtype or source the mount does not have
// is left empty, as the kernel sets no bit for it).
int statMount(std::uint64_t mountId, std::uint64_t nsId, std::uint64_t want, MountFacts& out,
              std::vector<char>& buf);

// The unique id of the mount of path (statx STATX_MNT_ID_UNIQUE, Linux 6.8) and whether
// path is that mount's root (STATX_ATTR_MOUNT_ROOT); dirFd/path as for statx, following
// symlinks (a /proc/PID/root). nullopt with errno set when the kernel cannot say.
struct MountOf
{
    std::uint64_t id = 0;
    bool isMountRoot = false;
};
std::optional<MountOf> mountOf(int dirFd, const char* path);

} // namespace nsx::backend::mountapi
