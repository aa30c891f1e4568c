// Records snapshots into a folder so a user can step back through time and diff any two:
// one JSON file (the snapshot-format.md contract) every N seconds, named so that sorting by
// name is sorting by time (snapshot-20261129T060000Z.json), at most maxFiles of them (the
// oldest are deleted). Each file is written to a temporary name and renamed, so a crash or a
// full disk never leaves a half file under a snapshot name. Every failure is reported through
// error() as one line; nothing fails silently.
#pragma once

#include "snapshot_ptr.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

namespace nsx::model {

class Recorder : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalSeconds = 60;
    static constexpr int kDefaultMaxFiles = 100;

    explicit Recorder(QObject* parent = nullptr);
    ~Recorder() override;

    QString folder() const { return m_folder; }
    void setFolder(const QString& folder);
    int intervalSeconds() const { return m_intervalSeconds; }
    void setIntervalSeconds(int seconds); // clamped to >= 1
    int maxFiles() const { return m_maxFiles; }
    void setMaxFiles(int maxFiles); // clamped to >= 1; prunes at once when enabled
    bool isEnabled() const { return m_enabled; }

    // The recorded files in the folder, absolute paths, oldest first. Only names this class
    // writes are listed (temporary files and anything else in the folder are ignored).
    QStringList recordedFiles() const;
    static QStringList recordedFiles(const QString& folder);
    // "snapshot-20261129T060000Z.json" for that instant (converted to UTC).
    static QString fileNameFor(const QDateTime& time);
    // The instant encoded in such a name, or an invalid QDateTime for any other name.
    static QDateTime timeFromFileName(const QString& fileName);
    QString lastError() const { return m_lastError; }
    // True while a recording started by offer() is being written on the worker thread.
    bool isWriting() const { return m_writing; }
    // Waits for such a write and delivers its result (signals) now; for tests and shutdown.
    bool waitForWrites(int msecs = -1);

public slots:
    void setEnabled(bool enabled);
    // Called on every poll: records when enabled and the interval has passed since the last
    // recording (the first offer after enabling records at once). The file is written on a
    // worker thread; recorded()/error() follow through the event loop.
    void offer(nsx::model::SnapshotPtr snapshot);
    // Writes this snapshot now, whatever the interval; returns the path, or empty on error
    // (error() has been emitted). The name comes from the snapshot's taken_at (now if that
    // does not parse); a second snapshot within the same second replaces the first.
    QString record(nsx::model::SnapshotPtr snapshot);

signals:
    void recorded(const QString& path);
    void error(const QString& message);
    // The list of recorded files changed (a file was added or pruned).
    void filesChanged();

private:
    struct WriteResult
    {
        QString path;  // set on success
        QString error; // set on failure
    };
    // Serialises and writes atomically; touches no member, so it can run on any thread.
    static WriteResult write(const QString& folder, const SnapshotPtr& snapshot);
    void finish(const WriteResult& result);
    void fail(const QString& message);
    bool prune();

    QString m_folder;
    int m_intervalSeconds = kDefaultIntervalSeconds;
    int m_maxFiles = kDefaultMaxFiles;
    bool m_enabled = false;
    QElapsedTimer m_sinceLast; // invalid until the first recording after enabling
    QString m_lastError;
    bool m_writing = false;
    QThreadPool m_pool;
};

} // namespace nsx::model
