#include "procfs.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string.h>

namespace nsx::backend::procfs {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (isSpace(s.front()) || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (isSpace(s.back()) || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Splits off the next whitespace-separated token; empty when none is left.
std::string_view nextToken(std::string_view& s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    std::size_t n = 0;
    while (n < s.size() && !isSpace(s[n]) && s[n] != '\n')
        ++n;
    std::string_view tok = s.substr(0, n);
    s.remove_prefix(n);
    return tok;
}

template <typename T> std::optional<T> toNumber(std::string_view s)
{
    T value{};
    if (s.empty())
        return std::nullopt;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return value;
}

// Calls f(line) for each '\n'-terminated (or final) line.
template <typename F> void forEachLine(std::string_view text, F&& f)
{
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (!f(line))
            return;
        if (nl == std::string_view::npos)
            return;
        text.remove_prefix(nl + 1);
    }
}

} // namespace

std::optional<StatInfo> parseStat(std::string_view text)
{
    std::size_t open = text.find(" (");
    std::size_t close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open + 2)
        return std::nullopt;
    auto pid = toNumber<int>(text.substr(0, open));
    if (!pid || *pid <= 0)
        return std::nullopt;
    StatInfo info;
    info.pid = *pid;
    info.comm.assign(text.substr(open + 2, close - open - 2));
    std::string_view rest = text.substr(close + 1);
    // Fields 3.. (state is field 3; index i here is field i + 3).
    for (int i = 0;; ++i) {
        std::string_view tok = nextToken(rest);
        if (tok.empty())
            break;
        bool ok = true;
        switch (i) {
        case 0:
            ok = tok.size() == 1;
            if (ok)
                info.state = tok[0];
            break;
        case 1:
            if (auto v = toNumber<int>(tok))
                info.ppid = *v;
            else
                ok = false;
            break;
        case 3:
            if (auto v = toNumber<int>(tok))
                info.session = *v;
            else
                ok = false;
            break;
        case 6:
            if (auto v = toNumber<unsigned>(tok))
                info.flags = *v;
            else
                ok = false;
            break;
        case 17:
            if (auto v = toNumber<int>(tok))
                info.numThreads = *v;
            else
                ok = false;
            break;
        case 19:
            if (auto v = toNumber<std::uint64_t>(tok))
                info.startTime = *v;
            else
                ok = false;
            break;
        default:
            break;
        }
        if (!ok)
            break;
        info.fieldsAfterComm = i + 1;
        if (i >= 19)
            break; // nothing further is needed
    }
    return info;
}

StatusInfo parseStatus(std::string_view text)
{
    StatusInfo info;
    forEachLine(text, [&](std::string_view line) {
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return true;
        std::string_view key = line.substr(0, colon);
        std::string_view value = line.substr(colon + 1);
        if (key == "Uid") {
            auto r = toNumber<std::uint32_t>(nextToken(value));
            auto e = toNumber<std::uint32_t>(nextToken(value));
            info.realUid = r;
            info.effectiveUid = e;
        } else if (key == "Tgid") {
            info.tgid = toNumber<int>(trim(value));
        } else if (key == "NSpid") {
            std::vector<int> ids;
            for (std::string_view tok = nextToken(value); !tok.empty(); tok = nextToken(value)) {
                auto v = toNumber<int>(tok);
                if (!v) {
                    ids.clear();
                    break;
                }
                ids.push_back(*v);
            }
            if (!ids.empty())
                info.nspid = std::move(ids);
        }
        return true;
    });
    return info;
}

std::vector<std::string> parseCmdline(std::string_view text)
{
    std::vector<std::string> args;
    if (!text.empty() && text.back() == '\0')
        text.remove_suffix(1);
    if (text.empty())
        return args;
    while (true) {
        std::size_t nul = text.find('\0');
        args.emplace_back(text.substr(0, nul));
        if (nul == std::string_view::npos)
            break;
        text.remove_prefix(nul + 1);
    }
    return args;
}

std::optional<NsLink> parseNsLink(std::string_view target)
{
    std::size_t colon = target.find(":[");
    if (colon == std::string_view::npos || target.size() < colon + 4 || target.back() != ']')
        return std::nullopt;
    auto type = nsTypeFromString(target.substr(0, colon));
    if (!type)
        return std::nullopt;
    auto inode = toNumber<std::uint64_t>(target.substr(colon + 2, target.size() - colon - 3));
    if (!inode)
        return std::nullopt;
    return NsLink{*type, *inode};
}

std::string unescapeOctal(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 3 < text.size()) {
            auto isOct = [](char d) { return d >= '0' && d <= '7'; };
            if (isOct(text[i + 1]) && isOct(text[i + 2]) && isOct(text[i + 3])) {
                int v = (text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0');
                if (v <= 0xff) {
                    out.push_back(static_cast<char>(v));
                    i += 3;
                    continue;
                }
            }
        }
        out.push_back(c);
    }
    return out;
}

std::vector<MountInfoEntry> parseMountinfo(std::string_view text, int* skipped)
{
    std::vector<MountInfoEntry> entries;
    int bad = 0;
    forEachLine(text, [&](std::string_view line) {
        if (trim(line).empty())
            return true;
        MountInfoEntry e;
        std::string_view s = line;
        auto id = toNumber<int>(nextToken(s));
        auto parent = toNumber<int>(nextToken(s));
        std::string_view devTok = nextToken(s);
        std::string_view root = nextToken(s);
        std::string_view mp = nextToken(s);
        std::string_view opts = nextToken(s);
        std::size_t colon = devTok.find(':');
        if (!id || !parent || colon == std::string_view::npos || root.empty() || mp.empty() ||
            opts.empty()) {
            ++bad;
            return true;
        }
        auto major = toNumber<unsigned>(devTok.substr(0, colon));
        auto minor = toNumber<unsigned>(devTok.substr(colon + 1));
        if (!major || !minor) {
            ++bad;
            return true;
        }
        // Optional fields up to the "-" separator.
        bool sep = false;
        for (std::string_view tok = nextToken(s); !tok.empty(); tok = nextToken(s)) {
            if (tok == "-") {
                sep = true;
                break;
            }
        }
        std::string_view fstype = nextToken(s);
        std::string_view source = nextToken(s);
        std::string_view superOpts = nextToken(s);
        if (!sep || fstype.empty()) {
            ++bad;
            return true;
        }
        e.mountId = *id;
        e.parentId = *parent;
        e.major = *major;
        e.minor = *minor;
        e.root = unescapeOctal(root);
        e.mountPoint = unescapeOctal(mp);
        e.options.assign(opts);
        e.fsType = unescapeOctal(fstype);
        e.source = unescapeOctal(source);
        e.superOptions.assign(superOpts);
        entries.push_back(std::move(e));
        return true;
    });
    if (skipped)
        *skipped = bad;
    return entries;
}

int countMountinfoLines(std::string_view text)
{
    int n = 0;
    forEachLine(text, [&](std::string_view line) {
        if (!trim(line).empty())
            ++n;
        return true;
    });
    return n;
}

std::optional<std::string> describeRootMount(const std::vector<MountInfoEntry>& entries)
{
    // The last entry for "/" is the one on top (mountinfo lists in mount order).
    const MountInfoEntry* top = nullptr;
    for (const MountInfoEntry& e : entries)
        if (e.mountPoint == "/")
            top = &e;
    if (!top)
        return std::nullopt;
    return describeRootMount(top->source, top->root, top->fsType);
}

std::string describeRootMount(std::string_view source, std::string_view root,
                              std::string_view fsType)
{
    std::string d(source.empty() ? std::string_view("none") : source);
    if (root != "/") {
        d += '[';
        d += root;
        d += ']';
    }
    d += " on / type ";
    d += fsType;
    return d;
}

MountSummary summarizeMountinfo(std::string_view text)
{
    MountSummary sum;
    std::string_view rootLine;
    forEachLine(text, [&](std::string_view line) {
        if (trim(line).empty())
            return true;
        ++sum.mounts;
        // Fields: id parent maj:min root mountpoint ...; " - fstype" after the optional ones.
        std::string_view s = line;
        for (int i = 0; i < 4; ++i)
            nextToken(s);
        std::string_view mp = nextToken(s);
        std::size_t sep = line.find(" - ");
        if (sep == std::string_view::npos)
            return true;
        std::string_view rest = line.substr(sep + 3);
        std::string_view fstype = nextToken(rest);
        if (mp == "/")
            rootLine = line; // the last one is on top
        if (fstype == "nsfs")
            for (MountInfoEntry& e : parseMountinfo(line))
                if (e.fsType == "nsfs") // a malformed line may parse otherwise in full
                    sum.nsfs.push_back(std::move(e));
        return true;
    });
    if (!rootLine.empty())
        sum.root = describeRootMount(parseMountinfo(rootLine));
    return sum;
}

std::optional<std::string> parseCgroupV2Path(std::string_view text)
{
    std::optional<std::string> path;
    forEachLine(text, [&](std::string_view line) {
        if (line.substr(0, 3) == "0::") {
            path = std::string(line.substr(3));
            return false;
        }
        return true;
    });
    return path;
}

std::optional<std::string> parseTunIff(std::string_view text)
{
    std::optional<std::string> name;
    forEachLine(text, [&](std::string_view line) {
        if (line.substr(0, 4) != "iff:")
            return true;
        std::string_view v = trim(line.substr(4));
        const bool valid =
            !v.empty() && v.size() < 16 && std::none_of(v.begin(), v.end(), [](char c) {
                return c == '/' || c == ':' || static_cast<unsigned char>(c) <= ' ' || c == 0x7F;
            });
        if (valid)
            name = std::string(v);
        return false;
    });
    return name;
}

std::vector<IdMapEntry> parseIdMap(std::string_view text)
{
    std::vector<IdMapEntry> map;
    forEachLine(text, [&](std::string_view line) {
        std::string_view s = line;
        auto inside = toNumber<std::uint64_t>(nextToken(s));
        auto outside = toNumber<std::uint64_t>(nextToken(s));
        auto count = toNumber<std::uint64_t>(nextToken(s));
        if (inside && outside && count && trim(s).empty())
            map.push_back({*inside, *outside, *count});
        return true;
    });
    return map;
}

TimeOffsets parseTimensOffsets(std::string_view text)
{
    TimeOffsets offsets;
    forEachLine(text, [&](std::string_view line) {
        std::string_view s = line;
        std::string_view name = nextToken(s);
        auto secs = toNumber<std::int64_t>(nextToken(s));
        auto nsecs = toNumber<std::int64_t>(nextToken(s));
        if (!secs || !nsecs || *nsecs < 0 || *nsecs > 999999999 || !trim(s).empty())
            return true;
        TimeOffset off{*secs, *nsecs};
        if (name == "monotonic" || name == "1")
            offsets.monotonic = off;
        else if (name == "boottime" || name == "7")
            offsets.boottime = off;
        return true;
    });
    return offsets;
}

std::optional<int> parsePid(std::string_view name)
{
    if (name.empty() || name.size() > 10 || name[0] == '0')
        return std::nullopt;
    auto v = toNumber<int>(name);
    if (!v || *v <= 0)
        return std::nullopt;
    return v;
}

std::string errnoName(int err)
{
    if (const char* n = strerrorname_np(err))
        return n;
    return "E" + std::to_string(err);
}

} // namespace nsx::backend::procfs
