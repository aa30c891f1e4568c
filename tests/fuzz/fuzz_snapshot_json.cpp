// libFuzzer target over the snapshot loader: fromJson must either throw a one-line
// SnapshotError or return a snapshot whose JSON round-trips byte for byte; the exports and
// the diff must cope with whatever it returned.
#include "diff.h"
#include "snapshot_io.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace nsx::backend;

namespace {
[[noreturn]] void bug(const char* what)
{
    std::fprintf(stderr, "fuzz_snapshot_json: %s\n", what);
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Snapshot s;
    try {
        s = fromJson(text, "fuzz");
    } catch (const SnapshotError& e) {
        const std::string_view what = e.what();
        if (what.find('\n') != std::string_view::npos)
            bug("error message spans more than one line");
        // (At the start only: the quoted input in a syntax error may say anything.)
        if (what.rfind("fuzz: internal error", 0) == 0)
            bug(e.what());
        return 0;
    }
    const std::string first = toJson(s);
    Snapshot back;
    try {
        back = fromJson(first, "written");
    } catch (const SnapshotError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        bug("the writer produced a file the reader refuses");
    }
    if (!(back == s))
        bug("read(write(s)) != s");
    if (toJson(back) != first)
        bug("write(read(write(s))) is not byte-identical");
    if (!diff(s, back).empty())
        bug("diff of a snapshot with its round trip is not empty");
    (void)toCsvProcesses(s);
    (void)toCsvNamespaces(s);
    (void)toDot(s);
    const SnapshotDiff fromEmpty = diff(Snapshot{}, s);
    (void)diffToText(fromEmpty);
    (void)diffToJson(fromEmpty);
    return 0;
}
