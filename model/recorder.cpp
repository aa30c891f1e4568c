#include "recorder.h"

#include "snapshot_io.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace nsx::model {

namespace {
const QRegularExpression& fileNamePattern()
{
    static const QRegularExpression re(QStringLiteral("^snapshot-(\\d{8}T\\d{6}Z)\\.json$"));
    return re;
}
constexpr auto kStampFormat = "yyyyMMdd'T'HHmmss'Z'";
} // namespace

Recorder::Recorder(QObject* parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

Recorder::~Recorder()
{
    // A write in flight uses `this` only to post its result; wait for it so that never
    // outlives the object (posted events to a deleted object are dropped by Qt).
    m_pool.waitForDone();
}

void Recorder::setFolder(const QString& folder)
{
    m_folder = folder;
}

void Recorder::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = std::max(1, seconds);
}

void Recorder::setMaxFiles(int maxFiles)
{
    m_maxFiles = std::max(1, maxFiles);
    if (m_enabled && !m_folder.isEmpty())
        prune();
}

void Recorder::setEnabled(bool enabled)
{
    m_enabled = enabled;
    m_sinceLast.invalidate();
}

QString Recorder::fileNameFor(const QDateTime& time)
{
    return QStringLiteral("snapshot-%1.json")
        .arg(time.toUTC().toString(QLatin1String(kStampFormat)));
}

QDateTime Recorder::timeFromFileName(const QString& fileName)
{
    const auto m = fileNamePattern().match(fileName);
    if (!m.hasMatch())
        return {};
    QDateTime t = QDateTime::fromString(m.captured(1), QLatin1String(kStampFormat));
    if (!t.isValid())
        return {};
    t.setTimeSpec(Qt::UTC);
    return t;
}

QStringList Recorder::recordedFiles() const
{
    return recordedFiles(m_folder);
}

QStringList Recorder::recordedFiles(const QString& folder)
{
    QStringList out;
    if (folder.isEmpty())
        return out;
    const QDir dir(folder);
    // The fixed-width UTC stamp makes name order time order.
    const QStringList names = dir.entryList({QStringLiteral("snapshot-*.json")},
                                            QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : names) {
        if (timeFromFileName(name).isValid())
            out.append(dir.absoluteFilePath(name));
    }
    return out;
}

void Recorder::fail(const QString& message)
{
    m_lastError = message;
    spdlog::error("recorder: {}", message.toStdString());
    emit error(message);
}

void Recorder::offer(SnapshotPtr snapshot)
{
    if (!m_enabled || !snapshot)
        return;
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < qint64(m_intervalSeconds) * 1000)
        return;
    if (m_writing)
        return; // the previous recording is still being written: skip this one
    // Restart the interval even on failure: a broken folder reports once per interval, not
    // once per poll.
    m_sinceLast.start();
    // Serialising and writing a large snapshot takes a while (170 ms for 5000 processes, see
    // bench_charts): do it on a pool thread so the GUI never stalls; the result comes back to
    // this thread through the event loop.
    m_writing = true;
    m_pool.start([this, folder = m_folder, snapshot = std::move(snapshot)] {
        const WriteResult result = write(folder, snapshot);
        QMetaObject::invokeMethod(
            this,
            [this, result] {
                m_writing = false;
                finish(result);
            },
            Qt::QueuedConnection);
    });
}

bool Recorder::waitForWrites(int msecs)
{
    const bool done = m_pool.waitForDone(msecs);
    QCoreApplication::sendPostedEvents(this);
    return done;
}

Recorder::WriteResult Recorder::write(const QString& folder, const SnapshotPtr& snapshot)
{
    // Runs on the GUI thread (record()) or a pool thread (offer()): touches no member.
    WriteResult r;
    if (folder.isEmpty()) {
        r.error = tr("Recording: no folder chosen");
        return r;
    }
    const QFileInfo folderInfo(folder);
    if (folderInfo.exists() && !folderInfo.isDir()) {
        r.error = tr("Recording: %1 is not a folder").arg(folder);
        return r;
    }
    if (!QDir().mkpath(folder)) {
        r.error = tr("Recording: cannot create folder %1").arg(folder);
        return r;
    }

    QDateTime when = QDateTime::fromString(QString::fromStdString(snapshot->takenAt), Qt::ISODate);
    if (!when.isValid())
        when = QDateTime::currentDateTimeUtc();
    const QString path = QDir(folder).absoluteFilePath(fileNameFor(when));

    std::string json;
    try {
        json = nsx::backend::toJson(*snapshot);
    } catch (const std::exception& e) {
        r.error =
            tr("Recording: cannot serialise the snapshot: %1").arg(QString::fromUtf8(e.what()));
        return r;
    }

    // QSaveFile writes a temporary file next to the target and renames it on commit().
    QSaveFile file(path);
    // Unbuffered: a full disk then fails the write() itself rather than a later flush.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        r.error = tr("Recording: cannot write %1: %2").arg(path, file.errorString());
        return r;
    }
    errno = 0;
    const qint64 size = static_cast<qint64>(json.size());
    if (file.write(json.data(), size) != size) {
        // A short write (the disk filled up part way) leaves QFile's error unset; errno still
        // holds the reason of the write(2) that stopped it.
        const int savedErrno = errno;
        const QString why = file.error() != QFileDevice::NoError || savedErrno == 0
                                ? file.errorString()
                                : QString::fromLocal8Bit(std::strerror(savedErrno));
        file.cancelWriting();
        r.error = tr("Recording: cannot write %1: %2").arg(path, why);
        return r;
    }
    if (!file.commit()) {
        r.error = tr("Recording: cannot write %1: %2").arg(path, file.errorString());
        return r;
    }
    r.path = path;
    return r;
}

void Recorder::finish(const WriteResult& result)
{
    if (!result.error.isEmpty()) {
        fail(result.error);
        return;
    }
    m_lastError.clear();
    prune();
    emit recorded(result.path);
    emit filesChanged();
}

QString Recorder::record(SnapshotPtr snapshot)
{
    if (!snapshot)
        return {};
    const WriteResult result = write(m_folder, snapshot);
    finish(result);
    return result.path;
}

bool Recorder::prune()
{
    QStringList files = recordedFiles();
    bool ok = true, removed = false;
    while (files.size() > m_maxFiles) {
        const QString oldest = files.takeFirst();
        if (QFile::remove(oldest)) {
            removed = true;
        } else {
            ok = false;
            fail(tr("Recording: cannot delete old snapshot %1").arg(oldest));
            break;
        }
    }
    if (removed)
        emit filesChanged();
    return ok;
}

} // namespace nsx::model
