// Pass 1, the processes: one walk of the procfs root. Every process directory is opened once
// (process_reader.cpp); the walk runs on a few threads in chunks of pids, merged in pid order
// into the snapshot's processes and namespaces (members, loose threads, held descriptors).
#include "pass_processes.h"
#include "proc_io.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <iterator>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <utility>

namespace nsx::backend::scan {

void ScanState::readSelfPid()
{
    char self[32];
    ssize_t n = ::readlinkat(procFd, "self", self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        selfPid = procfs::parsePid(self).value_or(0);
    }
}

void ScanState::walkProcesses()
{
    if (prev) {
        walkMarked(); // rescan.cpp
        return;
    }
    readSelfPid();
    std::vector<int> pids;
    int err = forEachDirEntry(procFd, cache.dirBuf, [&](std::string_view name) {
        if (auto pid = procfs::parsePid(name))
            pids.push_back(*pid);
    });
    if (err)
        error(0, "", err);
    std::sort(pids.begin(), pids.end());
    checkMemo();

    // The walk is nearly all system calls on independent pid directories: split it into
    // chunks taken by a few threads, and merge the chunks in pid order. Small chunks (about
    // a millisecond of work) keep the threads finishing together.
    constexpr std::size_t kChunk = 16;
    const std::size_t chunks = (pids.size() + kChunk - 1) / kChunk;
    std::vector<WalkOutput> outputs(chunks);
    std::vector<std::atomic<bool>> walked(chunks);
    std::atomic<std::size_t> next{0};
    // The calling thread merges the chunks walked so far, in order, between its own chunks:
    // the merge (all in user space) then overlaps the walk instead of following it. The
    // memo the walk reads stays as it is until the walk is over.
    std::size_t merged = 0;
    std::vector<ProcessMemo> memo;
    memo.reserve(pids.size());
    snap.processes.reserve(pids.size());
    // Namespaces are large (their details); growing the vector moved them all each time (2-3 %
    // of a one-shot's CPU at 1,300 processes). The bench load has about one per process, a
    // desktop far fewer: Scanner::run gives back what a scan did not use.
    snap.namespaces.reserve(pids.size() / 2 + 64);
    auto mergeWalked = [&](bool all) {
        for (; merged < chunks && (all || walked[merged].load(std::memory_order_acquire));
             ++merged) {
            WalkOutput& o = outputs[merged];
            std::move(o.memo.begin(), o.memo.end(), std::back_inserter(memo));
            mergeChunk(o);
            o = {};
        }
    };
    auto work = [&](WalkBuffers& b, bool merging) {
        for (std::size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
            const std::size_t end = std::min(pids.size(), (c + 1) * kChunk);
            outputs[c].processes.reserve(end - c * kChunk);
            for (std::size_t i = c * kChunk; i < end; ++i)
                scanProcess(pids[i], outputs[c], b);
            walked[c].store(true, std::memory_order_release);
            if (merging)
                mergeWalked(false);
        }
    };
    const std::size_t extraThreads =
        std::min<std::size_t>(workerCount(options.parallelism) - 1, chunks / 2);
    std::vector<WalkBuffers> buffers(extraThreads);
    std::vector<std::thread> threads;
    threads.reserve(extraThreads);
    try {
        for (std::size_t k = 0; k < extraThreads; ++k)
            threads.emplace_back([&, k] { work(buffers[k], false); });
    } catch (const std::system_error&) {
        // Out of threads: the calling thread does the rest.
    }
    WalkBuffers mine;
    mine.buf.swap(cache.buf);
    work(mine, true);
    mine.buf.swap(cache.buf);
    for (std::thread& t : threads)
        t.join();
    mergeWalked(true);
    // The next scan's memo: the processes seen now, in pid order like the chunks; bounded by
    // the live processes.
    cache.memo = std::move(memo);
    findNsfsDev();
    walkErrorCount = snap.errors.size();
}

void ScanState::checkMemo()
{
    // Only a real procfs keeps the promises ProcessMemo relies on.
    struct statfs fs;
    memoOn = ::fstatfs(procFd, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
    if (!memoOn) {
        cache.memo.clear();
        return;
    }
    // pidfd_open takes pids of our own pid namespace: the procfs must number processes the
    // same way. Its NSpid of ourselves has one entry exactly when it is our pid namespace.
    pidfdOn = false;
    if (selfPid != ::getpid() || cache.pidfdInfo == 0)
        return;
    if (readFileAt(procFd, "self/status", cache.buf, true) != 0)
        return;
    auto own = procfs::parseStatus(cache.buf).nspid;
    if (!own || own->size() != 1 || own->front() != selfPid)
        return;
    if (cache.pidfdInfo < 0) {
        UniqueFd self(pidfdOpen(selfPid));
        cache.pidfdInfo = self && pidfdEuid(self.get()) == ::geteuid() ? 1 : 0;
    }
    pidfdOn = cache.pidfdInfo == 1;
    struct stat st;
    ownPidNs = pidfdOn && ::fstatat(procFd, "self/ns/pid", &st, 0) == 0 ? st.st_ino : 0;
}

void ScanState::mergeChunk(WalkOutput& chunk)
{
    auto addCandidate = [&](std::size_t i, OpenCandidate c, std::size_t cap) {
        auto& cands = extra[i].candidates;
        if (cands.empty())
            cands.reserve(cap); // one allocation, not three as it grows
        if (cands.size() < cap)
            cands.push_back(std::move(c));
    };
    for (ScanError& e : chunk.errors) {
        if (e.pid > 0)
            walkErrors.push_back(e);
        snap.errors.push_back(std::move(e));
    }
    // Neighbours in pid order mostly share namespaces (a container's processes, and nearly all
    // share the user and time namespaces): the last index of each type saves most hash lookups
    // (nsAt was 10 % of a rescan at 12,000 processes). Indices hold: namespaces are only
    // appended until the walk ends.
    std::array<std::pair<std::uint64_t, std::size_t>, kNsTypeCount> last{};
    auto slotOf = [&](NsType t, std::uint64_t inode) {
        auto& l = last[index(t)];
        if (l.first != inode || l.first == 0)
            l = {inode, nsAt(t, inode)};
        return l.second;
    };
    for (std::size_t k = 0; k < chunk.processes.size(); ++k) {
        Process& proc = chunk.processes[k];
        if (proc.uid)
            proc.user = cache.userName(*proc.uid);
        if (chunk.lasting[k] && proc.namespaces[index(NsType::Pid)])
            extra[slotOf(NsType::Pid, *proc.namespaces[index(NsType::Pid)])].lastingMember = true;
        for (NsType t : kAllNsTypes) {
            if (auto inode = proc.namespaces[index(t)]) {
                std::size_t i = slotOf(t, *inode);
                snap.namespaces[i].processes.push_back(proc.pid);
                addCandidate(i, {OpenCandidate::Kind::Member, proc.pid, 0, {}},
                             kMaxMemberCandidates);
            }
        }
        snap.processes.push_back(std::move(proc));
    }
    walkLoose.insert(walkLoose.end(), chunk.loose.begin(), chunk.loose.end());
    walkFds.insert(walkFds.end(), chunk.fds.begin(), chunk.fds.end());
    for (const WalkOutput::Loose& l : chunk.loose) {
        std::size_t i = nsAt(l.type, l.inode);
        snap.namespaces[i].threads.push_back(l.tid);
        addCandidate(i, {OpenCandidate::Kind::Thread, l.pid, l.tid, {}},
                     kMaxMemberCandidates + kMaxOtherCandidates);
    }
    tunFds.insert(tunFds.end(), chunk.tunFds.begin(), chunk.tunFds.end());
    for (const HeldFd& f : chunk.fds) {
        std::size_t i = nsAt(f.type, f.inode);
        Reference r;
        r.kind = Reference::Kind::Fd;
        r.pid = f.pid;
        r.fd = f.fd;
        snap.namespaces[i].references.push_back(r);
        addCandidate(i, {OpenCandidate::Kind::Fd, f.pid, f.fd, {}},
                     kMaxMemberCandidates + kMaxOtherCandidates);
    }
}

void ScanState::findNsfsDev()
{
    // All namespaces share the nsfs device; one stat of any ns link gives it.
    for (const Process& proc : snap.processes) {
        for (NsType t : kAllNsTypes) {
            if (!proc.namespaces[index(t)])
                continue;
            char rel[48];
            std::snprintf(rel, sizeof rel, "%d/ns/%s", proc.pid, toString(t).data());
            struct stat st;
            if (::fstatat(procFd, rel, &st, 0) == 0) {
                nsfsDev = st.st_dev;
                return;
            }
        }
    }
}

} // namespace nsx::backend::scan
