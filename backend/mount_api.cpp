#include "mount_api.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace nsx::backend::mountapi {

namespace {

#ifndef __NR_statmount
#define __NR_statmount 457
#endif
#ifndef __NR_listmount
#define __NR_listmount 458
#endif

constexpr std::uint32_t kStatxMntIdUnique = 0x4000;   // STATX_MNT_ID_UNIQUE
constexpr std::uint64_t kStatxAttrMountRoot = 0x2000; // STATX_ATTR_MOUNT_ROOT

struct MntIdReq // MNT_ID_REQ_SIZE_VER1
{
    std::uint32_t size;
    std::uint32_t spare;
    std::uint64_t mntId;
    std::uint64_t param;
    std::uint64_t mntNsId;
};
static_assert(sizeof(MntIdReq) == 32);

struct StatMount // struct statmount up to the fields read here; the kernel takes any size
{
    std::uint32_t size;
    std::uint32_t mntOpts;
    std::uint64_t mask;
    std::uint32_t sbDevMajor, sbDevMinor;
    std::uint64_t sbMagic;
    std::uint32_t sbFlags;
    std::uint32_t fsType;
    std::uint64_t mntId, mntParentId;
    std::uint32_t mntIdOld, mntParentIdOld;
    std::uint64_t mntAttr, mntPropagation, mntPeerGroup, mntMaster;
    std::uint64_t propagateFrom;
    std::uint32_t mntRoot, mntPoint;
    std::uint64_t mntNsId;
    std::uint32_t fsSubtype, sbSource, optNum, optArray, optSecNum, optSecArray;
    std::uint64_t supportedMask;
    std::uint32_t mntUidmapNum, mntUidmap, mntGidmapNum, mntGidmap;
    std::uint64_t spare2[43];
    // char str[] follows
};
static_assert(sizeof(StatMount) == 512);

MntIdReq request(std::uint64_t mountId, std::uint64_t param, std::uint64_t nsId)
{
    MntIdReq r{};
    r.size = sizeof r;
    r.mntId = mountId;
    r.param = param;
    r.mntNsId = nsId;
    return r;
}

} // namespace

int listMounts(std::uint64_t nsId, std::vector<std::uint64_t>& ids, std::uint64_t below)
{
    ids.clear();
    std::uint64_t last = 0; // continue after this id
    constexpr std::size_t kBatch = 512;
    while (true) {
        const std::size_t have = ids.size();
        ids.resize(have + kBatch);
        MntIdReq r = request(below, last, nsId);
        long n = ::syscall(__NR_listmount, &r, ids.data() + have, kBatch, 0);
        if (n < 0) {
            const int err = errno;
            ids.clear();
            return err;
        }
        ids.resize(have + static_cast<std::size_t>(n));
        if (static_cast<std::size_t>(n) < kBatch)
            return 0;
        last = ids.back();
    }
}

int statMount(std::uint64_t mountId, std::uint64_t nsId, std::uint64_t want, MountFacts& out,
              std::vector<char>& buf)
{
    if (buf.size() < 4096)
        buf.resize(4096);
    while (true) {
        MntIdReq r = request(mountId, want, nsId);
        if (::syscall(__NR_statmount, &r, buf.data(), buf.size(), 0) == 0)
            break;
        if (errno == EOVERFLOW && buf.size() < (1u << 20)) {
            buf.resize(buf.size() * 2);
            continue;
        }
        return errno;
    }
    StatMount sm;
    std::memcpy(&sm, buf.data(), sizeof sm);
    // Without a subtype or a source the kernel sets no bit: those stay empty.
    const std::uint64_t required = want & ~std::uint64_t(kFsSubtype | kSource);
    if ((sm.mask & required) != required)
        return ENODATA;
    want &= required | (sm.mask & (kFsSubtype | kSource));
    out.subtype.clear();
    out.source.clear();
    // Strings lie within the size the kernel reported (not stale bytes of an earlier call).
    const std::size_t total = std::min<std::size_t>(sm.size, buf.size());
    if (total < sizeof sm)
        return ENODATA;
    const char* str = buf.data() + sizeof sm;
    const std::size_t strSize = total - sizeof sm;
    auto text = [&](std::uint32_t off) {
        // The kernel NUL-terminates every string inside the size it reported.
        if (off >= strSize)
            return std::string();
        return std::string(str + off, ::strnlen(str + off, strSize - off));
    };
    if (want & kSuperBasic)
        out.magic = sm.sbMagic;
    if (want & kFsType)
        out.fsType = text(sm.fsType);
    if (want & kFsSubtype)
        out.subtype = text(sm.fsSubtype);
    if (want & kSource)
        out.source = text(sm.sbSource);
    if (want & kRoot)
        out.root = text(sm.mntRoot);
    if (want & kMountPoint)
        out.mountPoint = text(sm.mntPoint);
    return 0;
}

std::optional<MountOf> mountOf(int dirFd, const char* path)
{
    struct statx stx;
    if (::statx(dirFd, path, AT_NO_AUTOMOUNT, kStatxMntIdUnique, &stx) != 0)
        return std::nullopt;
    if (!(stx.stx_mask & kStatxMntIdUnique) || !(stx.stx_attributes_mask & kStatxAttrMountRoot)) {
        errno = ENOSYS;
        return std::nullopt;
    }
    return MountOf{stx.stx_mnt_id, (stx.stx_attributes & kStatxAttrMountRoot) != 0};
}

} // namespace nsx::backend::mountapi
