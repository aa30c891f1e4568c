// The notices of the main window. ScanStatus: the status bar's counts, last scan (or when the
// opened snapshot was taken), "Paused", and the scan's errors as a button (icon + count) that
// opens ScanErrorsDialog, their list. ScanBanner: only what the user must know or act on (an
// offline snapshot, with a "Back to live" button; an unprivileged scan; per view, rows nested
// deeper than the views go), tooltip colours from the palette. EmptyNotice: the view on screen
// shows nothing because of the filter (or its pattern is invalid), with a button that resets the
// filter.
#pragma once

#include "snapshot_ptr.h"

#include <QDialog>
#include <QFrame>
#include <QPointer>

class QLabel;
class QPushButton;
class QStatusBar;
class QToolButton;
class QTreeWidget;

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
    // "Back to live": shown with an offline snapshot when the window can poll.
    QPushButton* liveButton() const { return m_live; }
    // Shown when there is something to say about `snapshot` (null: hidden). `offline`: it is a
    // file (`origin`, may be empty), and `canGoLive` offers the button. `flattenedRows`: rows
    // of the view on screen shown less deep than the snapshot nests them.
    void showFor(const model::SnapshotPtr& snapshot, bool offline, const QString& origin,
                 bool canGoLive, int flattenedRows);

private:
    QLabel* m_label;
    QPushButton* m_live;
};

// A snapshot's takenAt (ISO 8601, UTC) as the local clock time "yyyy-MM-dd HH:mm:ss"; the text
// itself when it does not parse.
QString localTakenAt(const std::string& takenAt);

class EmptyNotice : public QFrame
{
    Q_OBJECT
public:
    explicit EmptyNotice(QWidget* parent = nullptr);
    QPushButton* resetButton() const { return m_reset; }
    // Shown when the proxy has no rows for an active filter (and there is a snapshot); with no
    // filter, `nothingText` says why a view has no rows (the Containers view: none named).
    void showFor(const model::NamespaceFilterProxy* proxy, bool haveSnapshot,
                 const QString& nothingText = {});

private:
    QLabel* m_label;
    QPushButton* m_reset;
};

// The entries the scan could not read, path and error, in a sortable list.
class ScanErrorsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ScanErrorsDialog(QWidget* parent = nullptr);
    void showFor(const model::SnapshotPtr& snapshot);
    QTreeWidget* list() const { return m_list; }

private:
    QLabel* m_summary;
    QTreeWidget* m_list;
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
    // "N errors": hidden when the snapshot has none; a click opens errorsDialog().
    QToolButton* errorsButton() const { return m_errors; }
    ScanErrorsDialog* errorsDialog() const { return m_dialog; }
    void openErrors();

private:
    QLabel* m_counts;
    QLabel* m_scan;
    QLabel* m_paused;
    QToolButton* m_errors;
    model::SnapshotPtr m_snapshot;
    QPointer<ScanErrorsDialog> m_dialog;
};

} // namespace nsx::gui
