// libFuzzer entry point for every /proc parser in backend/procfs.h. The first byte picks the
// parser, the rest is the file's text. Each parser must return without crashing, hanging or
// reading out of bounds on any input; results are checked for the invariants they promise.
#include "details.h"
#include "launcher.h"
#include "procfs.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

using namespace nsx::backend;

namespace {
void check(bool ok)
{
    if (!ok)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 13) {
    case 0:
        if (auto st = procfs::parseStat(text)) {
            check(st->pid > 0);
            check(st->comm.size() <= text.size());
            check(st->fieldsAfterComm >= 0 && st->fieldsAfterComm <= 20);
        }
        break;
    case 1: {
        procfs::StatusInfo s = procfs::parseStatus(text);
        if (s.nspid)
            check(!s.nspid->empty());
        break;
    }
    case 2: {
        auto args = procfs::parseCmdline(text);
        std::size_t total = 0;
        for (const auto& a : args)
            total += a.size() + 1;
        check(total <= text.size() + 1);
        break;
    }
    case 3:
        if (auto l = procfs::parseNsLink(text))
            check(text.find(toString(l->type)) == 0);
        break;
    case 4: {
        int skipped = 0;
        auto entries = procfs::parseMountinfo(text, &skipped);
        check(skipped >= 0);
        check(static_cast<int>(entries.size()) <= procfs::countMountinfoLines(text));
        (void)procfs::describeRootMount(entries);
        procfs::MountSummary sum = procfs::summarizeMountinfo(text);
        check(sum.mounts == procfs::countMountinfoLines(text));
        for (const procfs::MountInfoEntry& e : sum.nsfs)
            check(e.fsType == "nsfs");
        break;
    }
    case 5:
        check(procfs::unescapeOctal(text).size() <= text.size());
        break;
    case 6:
        (void)procfs::parseCgroupV2Path(text);
        break;
    case 7:
        for (const IdMapEntry& e : procfs::parseIdMap(text))
            (void)e;
        break;
    case 8: {
        procfs::TimeOffsets o = procfs::parseTimensOffsets(text);
        for (const auto& off : {o.monotonic, o.boottime})
            if (off)
                check(off->nanoseconds >= 0 && off->nanoseconds <= 999999999);
        break;
    }
    case 9:
        if (auto pid = procfs::parsePid(text))
            check(*pid > 0);
        break;
    case 10: {
        // cgroup root arithmetic and launcher naming take the same kind of outside text.
        const std::size_t half = text.size() / 2;
        if (auto root = details::cgroupRootFrom(text.substr(0, half), text.substr(half)))
            check(!root->empty() && (*root)[0] == '/');
        check(!launcherKind(text.substr(0, half), text.substr(half)).empty());
        break;
    }
    case 11:
        if (auto iff = procfs::parseTunIff(text))
            check(!iff->empty() && iff->size() < 16);
        break;
    case 12: {
        // rtnetlink messages (details.h), in an aligned copy as the kernel's buffer would be.
        std::vector<std::uint64_t> aligned(text.size() / 8 + 1);
        std::memcpy(aligned.data(), text.data(), text.size());
        if (auto link = details::parseLink(aligned.data(), text.size()))
            check(link->iface.name.size() <= text.size());
        for (const details::RawRoute& r : details::parseDefaultRoute(aligned.data(), text.size()))
            check(r.family == "inet" || r.family == "inet6");
        break;
    }
    }
    return 0;
}
