// nsexplorer-cli in Chinese: help and errors follow the locale (LANG=zh_CN.UTF-8), while every
// machine-readable output — snapshot as JSON, CSV and DOT, list --json, diff --json, the list
// table's column names — is byte for byte the same as under LANG=C. And how nsexplorer (the
// GUI) picks its language, seen through --help (no display needed): the locale, --lang, the
// saved View → Language choice, and a bad --lang refused in one line.
#include "bad_snapshots.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int status = -1;
    QByteArray out, err;
};

Run run(const QString& program, const QString& lang, const QStringList& args,
        const QString& configHome = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"LANGUAGE", "LC_ALL", "LC_MESSAGES"})
        env.remove(QString::fromLatin1(v));
    env.insert(QStringLiteral("LANG"), lang);
    if (!configHome.isEmpty())
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

Run cli(const QString& lang, const QStringList& args)
{
    // NSX_TEST_CLI: another build's nsexplorer-cli (to see a new check fail on the old one).
    return run(qEnvironmentVariable("NSX_TEST_CLI", QStringLiteral(NSX_CLI_PATH)), lang, args);
}

bool hasCjk(const QByteArray& utf8)
{
    for (const QChar c : QString::fromUtf8(utf8))
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

const QString kGolden = QStringLiteral(NSX_GOLDEN_JSON);

} // namespace

class TstCliLocale : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void machineOutputIsTheSame_data();
    void machineOutputIsTheSame();
    void csvFilesAreTheSame();
    void helpAndErrorsAreTranslated_data();
    void helpAndErrorsAreTranslated();
    void snapshotErrorsAreTranslated();
    void diffReportIsTranslated();
    void guiLanguageChoice_data();
    void guiLanguageChoice();
    void guiRefusesUnknownLanguage();
};

namespace {
QTemporaryDir g_dir;
QString g_changed; // the golden snapshot with a hostname changed: diff has something to say
} // namespace

void TstCliLocale::initTestCase()
{
    QVERIFY(g_dir.isValid());
    QFile golden(kGolden);
    QVERIFY(golden.open(QIODevice::ReadOnly));
    QByteArray text = golden.readAll();
    QVERIFY(text.contains("\"hostname\": \"vm\""));
    text.replace("\"hostname\": \"vm\"", "\"hostname\": \"container\"");
    g_changed = g_dir.filePath(QStringLiteral("changed.json"));
    QFile out(g_changed);
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(text) == text.size());
}

void TstCliLocale::machineOutputIsTheSame_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("snapshot json") << QStringList{"snapshot", "--from", kGolden};
    QTest::newRow("snapshot csv") << QStringList{"snapshot", "--from", kGolden, "--format", "csv"};
    QTest::newRow("snapshot dot") << QStringList{"snapshot", "--from", kGolden, "--format", "dot"};
    QTest::newRow("list") << QStringList{"list", "--from", kGolden};
    QTest::newRow("list json") << QStringList{"list", "--json", "--from", kGolden};
    QTest::newRow("diff json") << QStringList{"diff", "--json", kGolden, g_changed};
}

void TstCliLocale::machineOutputIsTheSame()
{
    QFETCH(QStringList, args);
    const Run c = cli(QStringLiteral("C"), args);
    const Run zh = cli(QStringLiteral("zh_CN.UTF-8"), args);
    QVERIFY2(c.status == 0 || (args.first() == QLatin1String("diff") && c.status == 1),
             c.err.constData());
    QVERIFY(!c.out.isEmpty());
    QCOMPARE(zh.status, c.status);
    QCOMPARE(zh.out, c.out);
}

void TstCliLocale::csvFilesAreTheSame()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString lang : {QStringLiteral("C"), QStringLiteral("zh_CN.UTF-8")}) {
        const Run r = cli(lang, {"snapshot", "--from", kGolden, "--format", "csv", "-o",
                                 dir.filePath(lang + QStringLiteral(".csv"))});
        QVERIFY2(r.status == 0, r.err.constData());
    }
    for (const char* part : {"", "-namespaces"}) {
        QFile a(dir.filePath(QStringLiteral("C%1.csv").arg(QLatin1String(part))));
        QFile b(dir.filePath(QStringLiteral("zh_CN.UTF-8%1.csv").arg(QLatin1String(part))));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray bytes = a.readAll();
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(b.readAll(), bytes);
    }
}

// A snapshot file that does not load: one line on stderr, in Chinese under zh_CN with only the
// data left in English, and the English words under LANG=C; the same exit status (1 for list,
// 2 for diff).
void TstCliLocale::snapshotErrorsAreTranslated()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto files = nsx::i18n_test::makeBadSnapshots(QDir(dir.path()));
    QVERIFY(!files.isEmpty());
    QStringList problems;
    for (const auto& f : files) {
        for (const QStringList& args :
             {QStringList{"list", "--from", f.path}, QStringList{"diff", kGolden, f.path}}) {
            const Run c = cli(QStringLiteral("C"), args);
            const Run zh = cli(QStringLiteral("zh_CN.UTF-8"), args);
            const QString shown = QString::fromUtf8(zh.err).trimmed();
            const QString english = QString::fromUtf8(c.err).trimmed();
            qInfo("%s, %s: %s", f.kind, qPrintable(args.first()), qPrintable(shown));
            const QStringList words = nsx::i18n_test::englishWords(
                shown.mid(shown.indexOf(QLatin1Char(':')) + 1), f.path);
            if (c.status <= 0 || zh.status != c.status || zh.err.count('\n') != 1 ||
                !nsx::i18n_test::hasChinese(shown) || !words.isEmpty() || !shown.contains(f.path) ||
                nsx::i18n_test::hasChinese(english))
                problems << QStringLiteral("%1, %2 (status %3/%4): \"%5\" (English: %6); "
                                           "LANG=C: \"%7\"")
                                .arg(QString::fromLatin1(f.kind), args.first())
                                .arg(c.status)
                                .arg(zh.status)
                                .arg(shown, words.join(QLatin1Char(' ')), english);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// diff's text report: its framing words follow the locale, the contract's keys and the values
// (what a script would look for in a change line) do not; the exit status is the same.
void TstCliLocale::diffReportIsTranslated()
{
    const Run c = cli(QStringLiteral("C"), {"diff", kGolden, g_changed});
    const Run zh = cli(QStringLiteral("zh_CN.UTF-8"), {"diff", kGolden, g_changed});
    QCOMPARE(c.status, 1);
    QCOMPARE(zh.status, 1);
    const QStringList english =
        QString::fromUtf8(c.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList chinese =
        QString::fromUtf8(zh.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(chinese.size(), english.size());
    QCOMPARE(english.last(), QStringLiteral("namespaces: 0 added, 0 removed, 1 changed; processes: "
                                            "0 added, 0 removed, 0 changed"));
    QCOMPARE(chinese.last(),
             QStringLiteral("命名空间：新增 0，删除 0，变化 1；进程：新增 0，删除 0，变化 0"));
    // The change line: the type, inode, key and values as they are.
    QVERIFY2(english.first().contains(QLatin1String("hostname \"vm\" -> \"container\"")),
             qPrintable(english.first()));
    QCOMPARE(chinese.first(), english.first());
}

void TstCliLocale::helpAndErrorsAreTranslated_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("onStdout");
    QTest::newRow("--help") << QStringList{"--help"} << 0 << true;
    QTest::newRow("snapshot --help") << QStringList{"snapshot", "--help"} << 0 << true;
    QTest::newRow("list --help") << QStringList{"list", "--help"} << 0 << true;
    QTest::newRow("tree --help") << QStringList{"tree", "--help"} << 0 << true;
    QTest::newRow("diff --help") << QStringList{"diff", "--help"} << 0 << true;
    QTest::newRow("launch --help") << QStringList{"launch", "--help"} << 0 << true;
    QTest::newRow("enter --help") << QStringList{"enter", "--help"} << 0 << true;
    QTest::newRow("map --help") << QStringList{"map", "--help"} << 0 << true;
    QTest::newRow("map bad format")
        << QStringList{"map", "--format", "x", "--from", kGolden} << 2 << false;
    QTest::newRow("enter --container and --target")
        << QStringList{"enter", "--container", "x", "--target", "1"} << 2 << false;
    QTest::newRow("enter --container without name")
        << QStringList{"enter", "--container="} << 2 << false;
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << false;
    QTest::newRow("bad type") << QStringList{"list", "--type", "x", "--from", kGolden} << 2
                              << false;
    QTest::newRow("bad option") << QStringList{"list", "--bogus"} << 2 << false;
    QTest::newRow("diff one file") << QStringList{"diff", kGolden} << 2 << false;
}

void TstCliLocale::helpAndErrorsAreTranslated()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QFETCH(bool, onStdout);
    const Run c = cli(QStringLiteral("C"), args);
    const Run zh = cli(QStringLiteral("zh_CN.UTF-8"), args);
    QCOMPARE(c.status, status);
    QCOMPARE(zh.status, status);
    const QByteArray english = onStdout ? c.out : c.err;
    const QByteArray chinese = onStdout ? zh.out : zh.err;
    QVERIFY(!english.isEmpty());
    QVERIFY2(!hasCjk(english), english.constData());
    QVERIFY2(hasCjk(chinese), chinese.constData());
    // The one-line error keeps its shape: program name first, one line.
    if (!onStdout) {
        QVERIFY2(chinese.startsWith("nsexplorer-cli: "), chinese.constData());
        QCOMPARE(chinese.count('\n'), 1);
    }
    // Option names stay as they are; every option's help (the option table's rows) is Chinese:
    // a row added to backend/launch without QT_TRANSLATE_NOOP("LaunchOption", …) shows here.
    if (onStdout &&
        (args.contains(QLatin1String("launch")) || args.contains(QLatin1String("enter")))) {
        for (const char* option : {"--wd", "--verbose", "--help"})
            QVERIFY2(chinese.contains(option), option);
        for (const QByteArray& line : chinese.split('\n'))
            if (line.startsWith("  --") && !line.startsWith("  --uts --ipc"))
                QVERIFY2(hasCjk(line), line.constData());
    }
}

void TstCliLocale::guiLanguageChoice_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("saved"); // View → Language in the settings; empty: none
    QTest::addColumn<bool>("chinese");
    QTest::newRow("C locale") << "C" << QStringList{"--help"} << QString() << false;
    QTest::newRow("zh_CN locale") << "zh_CN.UTF-8" << QStringList{"--help"} << QString() << true;
    QTest::newRow("--lang zh_CN") << "C" << QStringList{"--lang", "zh_CN", "--help"} << QString()
                                  << true;
    QTest::newRow("--lang=zh_CN") << "C" << QStringList{"--lang=zh_CN", "--help"} << QString()
                                  << true;
    QTest::newRow("--lang en over the locale")
        << "zh_CN.UTF-8" << QStringList{"--lang", "en", "--help"} << QString() << false;
    QTest::newRow("saved zh_CN") << "C" << QStringList{"--help"} << "zh_CN" << true;
    QTest::newRow("saved en over the locale")
        << "zh_CN.UTF-8" << QStringList{"--help"} << "en" << false;
    QTest::newRow("--lang over saved")
        << "C" << QStringList{"--lang", "en", "--help"} << "zh_CN" << false;
}

void TstCliLocale::guiLanguageChoice()
{
    QFETCH(QString, lang);
    QFETCH(QStringList, args);
    QFETCH(QString, saved);
    QFETCH(bool, chinese);
    QTemporaryDir config;
    QVERIFY(config.isValid());
    if (!saved.isEmpty()) {
        QVERIFY(QDir(config.path()).mkpath(QStringLiteral("nsexplorer")));
        QFile conf(config.filePath(QStringLiteral("nsexplorer/nsexplorer.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[General]\nlanguage=" + saved.toLatin1() + "\n");
    }
    const Run r = run(QStringLiteral(NSX_GUI_PATH), lang, args, config.path());
    QCOMPARE(r.status, 0);
    QVERIFY(r.out.contains("--lang"));
    QVERIFY2(hasCjk(r.out) == chinese, r.out.constData());
}

void TstCliLocale::guiRefusesUnknownLanguage()
{
    QTemporaryDir config;
    const Run r = run(QStringLiteral(NSX_GUI_PATH), QStringLiteral("C"),
                      {QStringLiteral("--lang"), QStringLiteral("klingon")}, config.path());
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.startsWith("nsexplorer: invalid --lang 'klingon'"), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
}

QTEST_GUILESS_MAIN(TstCliLocale)
#include "tst_cli_locale.moc"
