// Figures for the charts (printed, never asserted): the cost per poll of
// History::append and ChartsPanel::setSnapshot, of redrawing an hour of history, of recording
// a snapshot, and of building the compare tree — on a synthetic machine of N processes.
// Usage: bench_charts [PROCESSES]   (default 5000; QT_QPA_PLATFORM=offscreen is set for you)
#include "charts_panel.h"
#include "compare_dialog.h"
#include "history.h"
#include "log_to_stderr.h"
#include "recorder.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace nsx::backend;
using nsx::model::SnapshotPtr;

namespace {

// A host with `processes` processes, a tenth of them in containers of 5 processes each, every
// container with its own net, uts, ipc, mnt and pid namespaces.
Snapshot machine(int processes, int seconds, int shift = 0)
{
    Snapshot s;
    s.takenAt = QDateTime(QDate(2026, 11, 29), QTime(6, 0), Qt::UTC)
                    .addSecs(seconds)
                    .toString(Qt::ISODate)
                    .toStdString();
    std::uint64_t host = 4026531835;
    std::array<Namespace, kNsTypeCount> hostNs;
    for (NsType t : kAllNsTypes) {
        hostNs[index(t)].type = t;
        hostNs[index(t)].inode = host + index(t);
    }
    std::vector<Namespace> containers;
    for (int pid = 1; pid <= processes; ++pid) {
        Process p;
        p.pid = pid;
        p.ppid = 1;
        p.comm = "proc";
        p.startTime = std::uint64_t(pid);
        const int container = pid > processes * 9 / 10 ? (pid + shift) / 5 : -1;
        for (NsType t : kAllNsTypes) {
            const bool own =
                container >= 0 && (t == NsType::Net || t == NsType::Uts || t == NsType::Ipc ||
                                   t == NsType::Mnt || t == NsType::Pid);
            if (own) {
                const std::uint64_t inode = 4026540000 + std::uint64_t(container) * 8 + index(t);
                p.namespaces[index(t)] = inode;
                auto it =
                    std::find_if(containers.begin(), containers.end(), [&](const Namespace& n) {
                        return n.type == t && n.inode == inode;
                    });
                if (it == containers.end()) {
                    Namespace n;
                    n.type = t;
                    n.inode = inode;
                    containers.push_back(n);
                    it = containers.end() - 1;
                }
                it->processes.push_back(pid);
            } else {
                p.namespaces[index(t)] = hostNs[index(t)].inode;
                hostNs[index(t)].processes.push_back(pid);
            }
        }
        s.processes.push_back(std::move(p));
    }
    s.namespaces.assign(hostNs.begin(), hostNs.end());
    s.namespaces.insert(s.namespaces.end(), containers.begin(), containers.end());
    normalize(s);
    return s;
}

template <typename F> double msPer(int runs, F&& f)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < runs; ++i)
        f(i);
    return double(t.nsecsElapsed()) / 1e6 / runs;
}

} // namespace

int main(int argc, char** argv)
{
    nsx::backend::logToStderr(); // the figures are on stdout
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int n = argc > 1 ? std::max(10, std::atoi(argv[1])) : 5000;
    std::vector<SnapshotPtr> polls;
    for (int i = 0; i < 20; ++i)
        polls.push_back(std::make_shared<const Snapshot>(machine(n, i, i % 2 ? 5 : 0)));
    std::printf("machine: %d processes, %zu namespaces\n", n, polls[0]->namespaces.size());

    nsx::model::History history;
    std::printf("History::append            %8.3f ms/poll\n",
                msPer(20, [&](int i) { history.append(polls[std::size_t(i)]); }));

    nsx::gui::ChartsPanel panel;
    panel.resize(900, 560);
    panel.show();
    app.processEvents();
    std::printf("ChartsPanel::setSnapshot   %8.3f ms/poll\n",
                msPer(20, [&](int i) { panel.setSnapshot(polls[std::size_t(i)]); }));

    // An hour of samples at one a second, with events, then a full redraw of the history.
    nsx::model::History hour;
    for (int i = 0; i < 3600; ++i) {
        auto s = std::make_shared<Snapshot>(*polls[std::size_t(i % 20)]);
        s->takenAt = QDateTime(QDate(2026, 11, 29), QTime(6, 0), Qt::UTC)
                         .addSecs(i)
                         .toString(Qt::ISODate)
                         .toStdString();
        hour.append(s);
    }
    panel.setCurrentChart(nsx::gui::ChartsPanel::Chart::History);
    panel.setHistoryWindowMs(3'600'000);
    std::printf("history redraw (1 h, %zu events) %8.3f ms\n", hour.events().size(),
                msPer(5, [&](int) { panel.setHistory(&hour); }));

    QTemporaryDir dir;
    nsx::model::Recorder recorder;
    recorder.setFolder(dir.path());
    std::printf("Recorder::record           %8.3f ms/snapshot\n",
                msPer(5, [&](int i) { recorder.record(polls[std::size_t(i)]); }));

    nsx::gui::CompareDialog dialog(polls[1]);
    const double compareMs = msPer(3, [&](int) {
        dialog.setSnapshot(nsx::gui::CompareDialog::Side::Before, polls[0], QStringLiteral("a"));
        dialog.useLive(nsx::gui::CompareDialog::Side::After);
    });
    std::printf("CompareDialog diff+tree    %8.3f ms (%zu namespaces, %zu processes changed)\n",
                compareMs,
                dialog.currentDiff() ? dialog.currentDiff()->namespacesChanged.size() : 0,
                dialog.currentDiff() ? dialog.currentDiff()->processesChanged.size() : 0);
    return 0;
}
