#include "recorder.h"

#include "snapshot_io.h"

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

Recorder::Recorder(QObject* parent) : QObject(parent) {}

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
    // Restart the interval even on failure: a broken folder reports once per interval, not
    // once per poll.
    m_sinceLast.start();
    record(std::move(snapshot));
}

QString Recorder::record(SnapshotPtr snapshot)
{
    if (!snapshot)
        return {};
    if (m_folder.isEmpty()) {
        fail(tr("Recording: no folder chosen"));
        return {};
    }
    const QFileInfo folderInfo(m_folder);
    if (folderInfo.exists() && !folderInfo.isDir()) {
        fail(tr("Recording: %1 is not a folder").arg(m_folder));
        return {};
    }
    if (!QDir().mkpath(m_folder)) {
        fail(tr("Recording: cannot create folder %1").arg(m_folder));
        return {};
    }

    QDateTime when = QDateTime::fromString(QString::fromStdString(snapshot->takenAt), Qt::ISODate);
    if (!when.isValid())
        when = QDateTime::currentDateTimeUtc();
    const QString path = QDir(m_folder).absoluteFilePath(fileNameFor(when));

    std::string json;
    try {
        json = nsx::backend::toJson(*snapshot);
    } catch (const std::exception& e) {
        fail(tr("Recording: cannot serialise the snapshot: %1").arg(QString::fromUtf8(e.what())));
        return {};
    }

    // QSaveFile writes a temporary file next to the target and renames it on commit().
    QSaveFile file(path);
    // Unbuffered: a full disk then fails the write() itself rather than a later flush.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        fail(tr("Recording: cannot write %1: %2").arg(path, file.errorString()));
        return {};
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
        fail(tr("Recording: cannot write %1: %2").arg(path, why));
        return {};
    }
    if (!file.commit()) {
        fail(tr("Recording: cannot write %1: %2").arg(path, file.errorString()));
        return {};
    }
    m_lastError.clear();
    prune();
    emit recorded(path);
    emit filesChanged();
    return path;
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
