// The notices of the main window. ScanStatus: the status bar's counts, last scan (or when the
// opened snapshot was taken) and "Paused". ScanBanner: what the scan could not see (an unprivileged
// scan, unreadable entries; per view, rows nested deeper than the views go), tooltip colours
// from the palette, the errors in its tooltip. EmptyNotice: the view on screen shows nothing
// because of the filter (or its pattern is invalid), with a button that resets the filter.
#pragma once

#include "snapshot_ptr.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QStatusBar;

namespace nsx::model {
class NamespaceFilterProxy;
} // namespace nsx::model

namespace nsx::gui {

class ScanBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ScanBanner(QWidget* parent = nullptr);
    QLabel* label() const { return m_label; }
    // Shown when there is something to say about `snapshot` (null: hidden); `flattenedRows`:
    // rows of the view on screen shown less deep than the snapshot nests them.
    void showFor(const model::SnapshotPtr& snapshot, bool offline, int flattenedRows);

private:
    QLabel* m_label;
};

class EmptyNotice : public QFrame
{
    Q_OBJECT
public:
    explicit EmptyNotice(QWidget* parent = nullptr);
    QPushButton* resetButton() const { return m_reset; }
    // Shown when the proxy has no rows for an active filter (and there is a snapshot).
    void showFor(const model::NamespaceFilterProxy* proxy, bool haveSnapshot);

private:
    QLabel* m_label;
    QPushButton* m_reset;
};

class ScanStatus : public QObject
{
    Q_OBJECT
public:
    // Adds its labels to the status bar, whose children they are.
    explicit ScanStatus(QStatusBar* bar);
    // `lastScanMs` < 0: nothing polls (offline, or no poller).
    void showFor(const model::SnapshotPtr& snapshot, bool offline, bool filtered, double lastScanMs,
                 bool paused);

private:
    QLabel* m_counts;
    QLabel* m_scan;
    QLabel* m_paused;
};

} // namespace nsx::gui
