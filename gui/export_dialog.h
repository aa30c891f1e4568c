// File → Export: a snapshot as JSON (the snapshot-format.md contract), CSV (two files:
// processes and namespaces), Graphviz DOT, or the current view as PNG/SVG.
// Every file is written to a temporary name next to the target and renamed into place, so an
// error (disk full, permission, a folder that is a file) leaves nothing half-written and any
// previous file of that name intact. The free functions return an empty string on success,
// otherwise a one-line message naming the file and the reason.
#pragma once

#include "snapshot_ptr.h"

#include <QByteArray>
#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace nsx::gui {

enum class ExportFormat
{
    Json,
    Csv,
    Dot,
    Png,
    Svg
};

// Atomic write of `data` to `path` (temporary file + rename).
QString writeFileAtomically(const QString& path, const QByteArray& data);
// Several files, all or nothing as far as the filesystem allows: every temporary file is
// written completely before the first rename, so a full disk affects none of the targets.
QString writeFilesAtomically(const QList<QPair<QString, QByteArray>>& files);

QString exportJson(const nsx::backend::Snapshot& snapshot, const QString& path);
QString exportCsv(const nsx::backend::Snapshot& snapshot, const QString& processesPath,
                  const QString& namespacesPath);
QString exportDot(const nsx::backend::Snapshot& snapshot, const QString& path);
// The widget as it looks now. Graphics views (the charts) are rendered through their scene,
// so the SVG holds vector shapes and text rather than one bitmap.
QString exportWidgetPng(QWidget* widget, const QString& path);
QString exportWidgetSvg(QWidget* widget, const QString& path, const QString& title = {});
// "dir/name.csv" → "dir/name-namespaces.csv": where the second CSV file goes by default.
QString namespacesCsvPathFor(const QString& processesPath);

// A view an image export can render, with the name the dialog shows for it.
struct ExportView
{
    QString name; // "Processes tab", "History chart"
    QWidget* widget = nullptr;
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // `views` are what "current view" exports can render, the first chosen (may be empty:
    // PNG/SVG are then disabled). The dialog names the one it will write.
    ExportDialog(nsx::model::SnapshotPtr snapshot, const QList<ExportView>& views,
                 QWidget* parent = nullptr);
    // One view, named by its accessible name or window title.
    ExportDialog(nsx::model::SnapshotPtr snapshot, QWidget* view, QWidget* parent = nullptr);

    ExportFormat format() const;
    void setFormat(ExportFormat format);
    QString path() const;
    void setPath(const QString& path);
    QString secondPath() const; // the namespaces CSV
    QString errorText() const;
    // The view an image export writes, and its name as the dialog shows it.
    QWidget* view() const;
    QString viewName() const;

public slots:
    // Writes with the current settings; on success accepts the dialog, on failure shows the
    // error in the dialog (which stays open) and returns false.
    bool exportNow();

signals:
    void exported(const QStringList& paths);

private:
    void browse();
    void formatChanged();
    void showError(const QString& message);

    nsx::model::SnapshotPtr m_snapshot;
    QList<ExportView> m_views;
    QComboBox* m_format = nullptr;
    QLabel* m_viewLabel = nullptr;
    QComboBox* m_viewChoice = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_secondLabel = nullptr;
    QLineEdit* m_secondPath = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_secondEdited = false;
};

} // namespace nsx::gui
