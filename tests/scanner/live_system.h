// What the scanner tests that look at the live system share.
#pragma once

#include <QDeadlineTimer>
#include <QDir>
#include <QString>

#include <chrono>
#include <set>

namespace nsx::test {

// The pids /proc lists right now.
inline std::set<int> pidsNow()
{
    std::set<int> pids;
    for (const QString& name : QDir("/proc").entryList(QDir::Dirs)) {
        bool ok = false;
        const int pid = name.toInt(&ok);
        if (ok)
            pids.insert(pid);
    }
    return pids;
}

// How long a test retries what other work on the machine can spoil (processes coming and
// going during a comparison, a freed pid or namespace inode taken by someone else) before it
// fails: a busy machine makes it retry longer, never skip.
constexpr std::chrono::seconds kBusyMachineBudget{90};

inline QDeadlineTimer busyMachineDeadline()
{
    return QDeadlineTimer(kBusyMachineBudget);
}

} // namespace nsx::test
