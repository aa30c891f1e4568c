// The details of the selected namespace or process: everything the snapshot knows about it,
// with the parent/owner chain (and other namespaces and processes) as links that select
// their target. A QTextBrowser with no colours of its own: text, links and background all
// come from the palette, so light and dark themes both read.
#pragma once

#include "ns_type.h"
#include "roles.h"
#include "snapshot_ptr.h"

#include <QTextBrowser>

namespace nsx::gui {

class DetailsPane : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget* parent = nullptr);

    // id: the namespace's NS_GET_ID as the row knew it (0: unknown). Another namespace with
    // the inode since (the kernel reuses inodes at once) is not this one: shown as gone.
    void showNamespace(const model::SnapshotPtr& snapshot, backend::NsType type,
                       std::uint64_t inode, std::uint64_t id = 0);
    void showProcess(const model::SnapshotPtr& snapshot, int pid);
    // A container of the Containers view, by its key ("docker:3f2a…").
    void showContainer(const model::SnapshotPtr& snapshot, const QString& key);
    void showNothing();
    // The selected row went: its process ended (its namespace is gone), or the filter hides it.
    void showLost(model::RowKind kind, bool hidden);
    // Same subject, newer snapshot: keeps the scroll position and skips unchanged text.
    void refresh(const model::SnapshotPtr& snapshot);

    enum class Subject
    {
        None,
        Namespace,
        Process,
        Container
    };
    Subject subject() const { return m_subject; }

    static QString namespaceLink(backend::NsType type, std::uint64_t inode);
    static QString processLink(int pid);

    // Processes' start times: true (the live system) as a clock time and an age, from this
    // machine's boot time; false (a saved snapshot, which does not record its boot time) as a
    // time after boot.
    void setLiveClock(bool live) { m_liveClock = live; }
    // When this machine booted, ms since the epoch (CLOCK_REALTIME - CLOCK_BOOTTIME, else
    // /proc/stat's btime); 0 if neither can be read.
    static qint64 machineBootTimeMs();
    // A start time of `ticks` clock ticks after boot (sysconf(_SC_CLK_TCK)): with `bootMs` > 0,
    // "yyyy-MM-dd HH:mm:ss (AGE ago)" on the local clock, the age up to `nowMs`; else
    // "DURATION after boot".
    static QString startTimeText(std::uint64_t ticks, qint64 bootMs, qint64 nowMs);

signals:
    void namespaceActivated(nsx::backend::NsType type, quint64 inode);
    void processActivated(int pid);

protected:
    bool event(QEvent* event) override; // the focus frame
    // A copy carries plain spaces and hyphens (the links' no-break ones are for layout only).
    QMimeData* createMimeDataFromSelection() const override;

private:
    void setContent(const QString& html);
    void onAnchor(const QUrl& url);
    QString namespaceHtml(const backend::Snapshot& s, backend::NsType type, std::uint64_t inode,
                          std::uint64_t id) const;
    QString processHtml(const backend::Snapshot& s, int pid) const;
    QString containerHtml(const backend::Snapshot& s, const std::string& key) const;
    // The Container section of a namespace or process that belongs to one (rows of a table).
    QString containerRows(const backend::Snapshot& s, const backend::Container& c) const;
    void rerender();

    Subject m_subject = Subject::None;
    backend::NsType m_type = backend::NsType::Net;
    std::uint64_t m_inode = 0;
    std::uint64_t m_id = 0;
    int m_pid = 0;
    std::string m_containerKey;
    QString m_html;
    // The snapshot shown (for re-rendering when a list is unfolded) and whether the
    // namespace's process list is unfolded.
    model::SnapshotPtr m_snapshot;
    bool m_showAllProcesses = false;
    bool m_showAllLabels = false;
    bool m_liveClock = false;
};

} // namespace nsx::gui
