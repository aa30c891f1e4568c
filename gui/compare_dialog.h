// "Compare with snapshot…": diffs two snapshots — the live view against a file, two files, or
// two recordings from the Recorder's folder — and shows what was added, removed and changed as
// a tree with coloured rows (colours derived from the palette) and a summary line. A changed
// row expands into the fields that changed (before → after). A file that does not load shows
// a one-line error and leaves the dialog, and the previous comparison, as they were.
#pragma once

#include "diff.h"
#include "snapshot_ptr.h"

#include <QDialog>
#include <QString>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace nsx::gui {

// One field that differs between two versions of a namespace or a process: the backend's
// namespaceChanges() / processChanges() (diff.h) in the dialog's words.
struct FieldChange
{
    QString field;
    QString before;
    QString after;
};
QList<FieldChange> namespaceFieldChanges(const nsx::backend::Namespace& before,
                                         const nsx::backend::Namespace& after);
QList<FieldChange> processFieldChanges(const nsx::backend::Process& before,
                                       const nsx::backend::Process& after);

class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Side
    {
        Before,
        After
    };
    // Tree columns.
    enum Column
    {
        ItemColumn = 0,
        NameColumn = 1, // what a namespace is (hostname, netns name, launcher), a process's user
        ChangeColumn = 2,
        DetailsColumn = 3
    };
    // Item data role holding int(DiffKind) on coloured rows.
    static constexpr int KindRole = Qt::UserRole + 1;

    // `live` may be null (no live view, e.g. an offline session): then only files are offered.
    explicit CompareDialog(nsx::model::SnapshotPtr live, QWidget* parent = nullptr);

    // Offers the recordings in this folder (Recorder::recordedFiles) on both sides; the newest
    // one becomes "before" if nothing was chosen yet.
    void setRecordingFolder(const QString& folder);

    // Loads `path` for that side. On failure returns false, shows the error and keeps the
    // side's previous snapshot.
    bool loadFile(Side side, const QString& path);
    void useLive(Side side);
    // A snapshot from elsewhere (e.g. the offline view), labelled for the pickers.
    void setSnapshot(Side side, nsx::model::SnapshotPtr snapshot, const QString& label);

    QString summaryText() const;
    QString errorText() const; // empty when the last action succeeded
    QTreeWidget* tree() const { return m_tree; }
    // The search over the differences (any column, case-insensitive); rows that do not match
    // are hidden, a changed row stays with the field rows that match.
    QLineEdit* searchField() const { return m_search; }
    // Files chosen with "Open file…" before, newest first (those that still exist; at most 8),
    // offered in both pickers as "Recent: NAME".
    static QStringList recentFiles();
    static void rememberRecentFile(const QString& path);
    const std::optional<nsx::backend::SnapshotDiff>& currentDiff() const { return m_diff; }

public slots:
    // The newest live snapshot; used at the next refresh (not immediately, so the rows the user
    // is reading do not move under them every poll).
    void setLive(nsx::model::SnapshotPtr live);
    // Re-runs the diff with the current choices (and the newest live snapshot).
    void refresh();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct SideState
    {
        QComboBox* picker = nullptr;
        QPushButton* browse = nullptr;
        nsx::model::SnapshotPtr snapshot;
        int lastGoodIndex = -1;
    };
    SideState& state(Side side) { return side == Side::Before ? m_before : m_after; }
    void buildSide(Side side, QWidget* parentForLabel);
    void pickerActivated(Side side, int index);
    void browse(Side side);
    int addFileItem(QComboBox* picker, const QString& path, const QString& label);
    void rebuildTree();
    void applySearch(const QString& text);
    void recolour();
    void showError(const QString& message);

    nsx::model::SnapshotPtr m_live;
    SideState m_before, m_after;
    QString m_recordingFolder;
    QTreeWidget* m_tree = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_refresh = nullptr;
    std::optional<nsx::backend::SnapshotDiff> m_diff;
    QString m_errorText;
    bool m_updatingPicker = false;
};

} // namespace nsx::gui
