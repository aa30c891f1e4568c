// When to give freed heap back to the system. After a storm of namespaces the GUI frees most
// of what it held (snapshots, rows, search texts), but glibc keeps freed pages inside its
// arenas, so the process stays as large as the storm made it. malloc_trim(0) returns them
// (the top of each heap and whole free pages in the middle); it walks every arena, so it is
// done once per big shrink, not every poll.
#pragma once

#include <cstddef>

namespace nsx::model {

class HeapTrim
{
public:
    // A storm smaller than this (namespaces + processes at the peak) is not worth a trim.
    static constexpr std::size_t kMinPeak = 5000;
    // Polls the machine must stay below half its peak: the views drop what vanished one poll
    // later, and hidden views follow the shrink for two polls (MainWindow::applySnapshot).
    static constexpr int kSettlePolls = 3;

    // Called once per applied poll with the snapshot's size; true when the heap should be
    // trimmed now (the size then counts as the new peak).
    bool observe(std::size_t entries);
    // observe(), and malloc_trim(0) when it says so (glibc only). True when it trimmed.
    bool trimAfter(std::size_t entries);

private:
    std::size_t m_peak = 0;
    int m_low = 0;
};

} // namespace nsx::model
