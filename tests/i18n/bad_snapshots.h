// Snapshot files that do not load, one per kind of error (issue 18's second round): the GUI
// (tst_widgets_zh_cn) and nsexplorer-cli (tst_cli_locale) must say what is wrong in Chinese
// under zh_CN, with no English words left but the data (the file name, JSON key names, values).
#pragma once

#include <QDir>
#include <QFile>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <sys/stat.h>

namespace nsx::i18n_test {

struct BadSnapshot
{
    const char* kind;
    QString path;
};

// Writes the files into `dir`; an empty list when one cannot be made.
inline QList<BadSnapshot> makeBadSnapshots(const QDir& dir)
{
    const auto write = [&](const char* name, const QByteArray& text) {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            return QString();
        return f.fileName();
    };
    const QByteArray head = "{\"format\": \"nsexplorer-snapshot\", \"version\": 1";
    QList<BadSnapshot> out = {
        {"not JSON", write("not-json.json", "hello, world\n")},
        {"wrong type", write("wrong-type.json", head + ", \"taken_at\": 5}\n")},
        {"unknown version", write("version.json", "{\"format\": \"nsexplorer-snapshot\", "
                                                  "\"version\": 7}\n")},
        {"duplicate key", write("duplicate.json", head + ", \"version\": 1}\n")},
        {"missing key", write("missing.json", head + "}\n")},
        {"not a snapshot", write("other.json", "{\"format\": \"lsns\", \"version\": 1}\n")},
        {"top level array", write("array.json", "[1, 2]\n")},
        {"truncated", write("truncated.json", head + ", \"taken_at\": \"2026-12-02T")},
        {"cut after a comma", write("cut.json", head + ",\n")},
        {"empty", write("empty.json", "")},
        {"directory", dir.absolutePath()},
        {"missing file", dir.filePath(QStringLiteral("no-such-file.json"))},
    };
    // A FIFO: refused without blocking on it.
    const QString fifo = dir.filePath(QStringLiteral("fifo.json"));
    out << BadSnapshot{"FIFO",
                       ::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0 ? fifo : QString()};
    // Over the 256 MiB limit, refused from its size before reading: sparse, costs nothing.
    QFile huge(dir.filePath(QStringLiteral("huge.json")));
    out << BadSnapshot{"too large",
                       huge.open(QIODevice::WriteOnly) && huge.resize(qint64(300) << 20)
                           ? huge.fileName()
                           : QString()};
    for (const BadSnapshot& b : out)
        if (b.path.isEmpty())
            return {};
    return out;
}

// English words left in `message` once the file's path and the data are taken out: what is
// quoted (“…”, "…", '…': keys, values, bytes read), the key path before a colon, JSON key
// names and the words kept in Chinese (JSON, MiB, FIFO, null, true, false, nsexplorer, pid).
// strerror's words ("No such file or directory") count too: the C library's, translated
// where the system has its locale; the test's caller decides about those.
inline QStringList englishWords(QString message, const QString& path)
{
    message.remove(path);
    message.remove(QRegularExpression(QStringLiteral("“[^”]*”|\"[^\"]*\"|'[^']*'")));
    static const QStringList kept = {"JSON",       "MiB", "FIFO",     "null",    "true",  "false",
                                     "nsexplorer", "pid", "taken_at", "version", "format"};
    QStringList out;
    static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z_]+"));
    for (auto it = word.globalMatch(message); it.hasNext();) {
        const QString w = it.next().captured(0);
        if (!kept.contains(w))
            out << w;
    }
    return out;
}

inline bool hasChinese(const QString& s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

} // namespace nsx::i18n_test
