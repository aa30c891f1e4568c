// The catalogues are complete: lupdate, run on a copy of translations/nsexplorer_zh_CN.ts (and
// with -pluralonly of nsexplorer_en.ts) over
// the same sources as the `update_translations` target, leaves no entry unfinished (a string
// added to the code and not translated yet), vanished or obsolete (a translation whose string
// left the code), and every translation keeps its source's placeholders (%1…, %n). A failure
// lists each entry, ready to translate (translations/README.md).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Entry
{
    QString context;
    QString source;
    QString comment; // the disambiguation, when two same texts mean different things
    QString type;    // of the <translation>: "", "unfinished", "vanished", "obsolete"
    QStringList forms;
};

QList<Entry> readTs(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<Entry> out;
    QXmlStreamReader xml(&f);
    QString context;
    Entry e;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            e = Entry{context, {}, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            e.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            e.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            e.type = xml.attributes().value(QLatin1String("type")).toString();
            // Either text, or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    e.forms << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (e.forms.isEmpty())
                e.forms << text;
            out << e;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QString quoted(const QString& s)
{
    QString t = s;
    t.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    if (t.size() > 160)
        t = t.left(157) + QLatin1String("...");
    return QLatin1Char('"') + t + QLatin1Char('"');
}

// The %1…%99 and %n of a text, as a set.
QSet<QString> placeholders(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("%(\\d{1,2}|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

} // namespace

class TstTsComplete : public QObject
{
    Q_OBJECT
private slots:
    void noUnfinishedOrObsoleteEntries_data();
    void noUnfinishedOrObsoleteEntries();
    void translationsKeepPlaceholders_data();
    void translationsKeepPlaceholders();
    void englishHasTwoPluralForms();
};

// The Chinese catalogue holds every text; the English one (the source language) only the
// numerus ones, as lupdate -pluralonly makes it.
void addCatalogues()
{
    QTest::addColumn<QString>("ts");
    QTest::addColumn<bool>("pluralOnly");
    QTest::newRow("zh_CN") << QStringLiteral(NSX_TS_FILE) << false;
    QTest::newRow("en") << QStringLiteral(NSX_TS_EN) << true;
}

void TstTsComplete::noUnfinishedOrObsoleteEntries_data()
{
    addCatalogues();
}

void TstTsComplete::translationsKeepPlaceholders_data()
{
    addCatalogues();
}

void TstTsComplete::noUnfinishedOrObsoleteEntries()
{
    QFETCH(QString, ts);
    QFETCH(bool, pluralOnly);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QFileInfo(ts).fileName());
    QVERIFY(QFile::copy(ts, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    // As the update_translations target runs it, but keeping what vanished, to name it.
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("-locations"), QStringLiteral("none"),
                     QStringLiteral("-silent"),    QStringLiteral("@" NSX_I18N_SOURCE_LIST),
                     QStringLiteral("-ts"),        copy};
    if (pluralOnly)
        args.prepend(QStringLiteral("-pluralonly"));
    lupdate.start(QStringLiteral(NSX_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
    const QString output = QString::fromLocal8Bit(lupdate.readAll());
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             qPrintable(QStringLiteral("lupdate failed: ") + output));

    QString error;
    const QList<Entry> entries = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(entries.size() > (pluralOnly ? 10 : 100),
             "lupdate found almost no strings: wrong source list?");
    QStringList unfinished, gone;
    for (const Entry& e : entries) {
        QString line = QStringLiteral("  [%1] %2").arg(e.context, quoted(e.source));
        if (!e.comment.isEmpty())
            line += QStringLiteral(" (%1)").arg(e.comment);
        if (e.type == QLatin1String("unfinished"))
            unfinished << line;
        else if (e.type == QLatin1String("vanished") || e.type == QLatin1String("obsolete"))
            gone << line;
    }
    if (unfinished.isEmpty() && gone.isEmpty())
        return;
    QString message = QStringLiteral("translations/%1 is not in step with the sources.\n")
                          .arg(QFileInfo(copy).fileName());
    if (!unfinished.isEmpty())
        message += QStringLiteral("%1 untranslated (new or changed) source text(s):\n%2\n")
                       .arg(unfinished.size())
                       .arg(unfinished.join(QLatin1Char('\n')));
    if (!gone.isEmpty())
        message += QStringLiteral("%1 translation(s) whose source text left the code:\n%2\n")
                       .arg(gone.size())
                       .arg(gone.join(QLatin1Char('\n')));
    message += QStringLiteral("Fix: ./dev.sh lupdate, then translate (translations/README.md: "
                              "translations/ts_tool.py todo / apply).");
    QFAIL(qPrintable(message));
}

void TstTsComplete::translationsKeepPlaceholders()
{
    QFETCH(QString, ts);
    QString error;
    const QList<Entry> entries = readTs(ts, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList bad;
    for (const Entry& e : entries) {
        if (!e.type.isEmpty())
            continue; // unfinished ones are the other test's
        const QSet<QString> want = placeholders(e.source);
        for (const QString& form : e.forms) {
            // A numerus form may leave %n out ("一个进程"), never add or lose the others.
            QSet<QString> have = placeholders(form), need = want;
            have.remove(QStringLiteral("%n"));
            need.remove(QStringLiteral("%n"));
            if (have != need || form.isEmpty())
                bad << QStringLiteral("  [%1] %2 -> %3")
                           .arg(e.context, quoted(e.source), quoted(form));
        }
    }
    QVERIFY2(
        bad.isEmpty(),
        qPrintable(QStringLiteral("translations with other placeholders than their source:\n") +
                   bad.join(QLatin1Char('\n'))));
}

// English numerus entries: a singular and a plural form, different, neither with "(s)"-style
// hedging left ("1 process", "2 processes").
void TstTsComplete::englishHasTwoPluralForms()
{
    QString error;
    const QList<Entry> entries = readTs(QStringLiteral(NSX_TS_EN), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!entries.isEmpty());
    static const QRegularExpression hedge(QStringLiteral("\\((s|es)\\)"));
    QStringList bad;
    for (const Entry& e : entries)
        if (e.forms.size() != 2 || e.forms[0] == e.forms[1] || e.forms[0].contains(hedge) ||
            e.forms[1].contains(hedge))
            bad << QStringLiteral("  [%1] %2 -> %3")
                       .arg(e.context, quoted(e.source),
                            quoted(e.forms.join(QLatin1String(" | "))));
    QVERIFY2(bad.isEmpty(),
             qPrintable(QStringLiteral("English plural entries without two forms:\n") +
                        bad.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TstTsComplete)
#include "tst_ts_complete.moc"
