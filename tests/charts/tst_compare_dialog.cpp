// CompareDialog: two snapshots with known differences give the exact summary, labels, row
// colours and expandable field changes; recordings and files on disk load through the real
// JSON reader; a malformed file is a one-line error that leaves the comparison as it was.
#include "chart_colors.h"
#include "compare_dialog.h"
#include "picture_checks.h"
#include "recorder.h"
#include "scanner.h"
#include "snapshot_fixtures.h"
#include "snapshot_io.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

using namespace fixtures;
using nsx::gui::CompareDialog;
using nsx::gui::DiffKind;
using nsx::model::SnapshotPtr;

namespace {

SnapshotPtr ptr(Snapshot s)
{
    return std::make_shared<const Snapshot>(std::move(s));
}

Snapshot before()
{
    Snapshot s =
        build("2026-11-29T06:00:00Z", hostNamespaces(3) + std::vector<NsSpec>{
                                                              {NsType::Net, 4026532010, {20, 21}},
                                                              {NsType::Uts, 4026532050, {30}},
                                                          });
    for (auto& ns : s.namespaces)
        if (ns.inode == 4026532050)
            ns.details.hostname = "old";
    return s;
}

// Net 4026532010 replaced by 4026532011 (same processes), pid 3 gone, pid 31 new in the uts
// namespace, whose hostname changed too.
Snapshot after()
{
    Snapshot s = build("2026-11-29T06:05:00Z",
                       hostNamespaces(2) + std::vector<NsSpec>{
                                               {NsType::Net, 4026532011, {20, 21}, "unshare"},
                                               {NsType::Uts, 4026532050, {30, 31}},
                                           });
    for (auto& ns : s.namespaces)
        if (ns.inode == 4026532050)
            ns.details.hostname = "box";
    return s;
}

const QString kExpectedSummary = QStringLiteral(
    "Namespaces: 1 added, 1 removed, 9 changed; processes: 1 added, 1 removed, 2 changed.");

QTreeWidgetItem* findRow(QTreeWidget* tree, const QString& name)
{
    const auto items =
        tree->findItems(name, Qt::MatchExactly | Qt::MatchRecursive, CompareDialog::ItemColumn);
    return items.value(0);
}

QTreeWidgetItem* fieldRow(QTreeWidgetItem* parent, const QString& field)
{
    for (int i = 0; parent && i < parent->childCount(); ++i)
        if (parent->child(i)->text(CompareDialog::ItemColumn) == field)
            return parent->child(i);
    return nullptr;
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

QByteArray json(const Snapshot& s)
{
    return QByteArray::fromStdString(nsx::backend::toJson(s));
}

} // namespace

class TestCompareDialog : public QObject
{
    Q_OBJECT
private slots:
    void summaryLabelsAndColours();
    void changedRowsExpandToFields();
    void namesAndSearch();
    void recentFilesOffered();
    void darkPaletteRecolours();
    void liveAgainstFile();
    void badFilesAreOneLineErrors_data();
    void badFilesAreOneLineErrors();
    void twoRecordings();
    void identicalSnapshots();
    void liveNamespaceShowsAsAdded();
    void screenshots();
};

void TestCompareDialog::summaryLabelsAndColours()
{
    CompareDialog dialog(nullptr);
    QCOMPARE(dialog.summaryText(), QStringLiteral("Choose two snapshots to compare."));
    dialog.setSnapshot(CompareDialog::Side::Before, ptr(before()), QStringLiteral("before"));
    dialog.setSnapshot(CompareDialog::Side::After, ptr(after()), QStringLiteral("after"));
    QCOMPARE(dialog.summaryText(), kExpectedSummary);
    QVERIFY(dialog.errorText().isEmpty());

    const QPalette pal = dialog.tree()->palette();
    const struct
    {
        const char* name;
        const char* change;
        DiffKind kind;
    } rows[] = {
        {"net:[4026532011]", "added", DiffKind::Added},
        {"net:[4026532010]", "removed", DiffKind::Removed},
        {"uts:[4026532050]", "changed", DiffKind::Changed},
        {"31 proc31", "added", DiffKind::Added},
        {"3 proc3", "removed", DiffKind::Removed},
        {"20 proc20", "changed", DiffKind::Changed},
    };
    for (const auto& r : rows) {
        QTreeWidgetItem* item = findRow(dialog.tree(), QString::fromLatin1(r.name));
        QVERIFY2(item, r.name);
        QCOMPARE(item->text(CompareDialog::ChangeColumn), QString::fromLatin1(r.change));
        QCOMPARE(item->background(CompareDialog::ItemColumn).color(),
                 nsx::gui::diffBackground(r.kind, pal));
        QCOMPARE(item->background(CompareDialog::DetailsColumn).color(),
                 nsx::gui::diffBackground(r.kind, pal));
        QCOMPARE(item->foreground(CompareDialog::ChangeColumn).color(),
                 nsx::gui::diffForeground(r.kind, pal));
    }
    // The three kinds are told apart by colour as well as by the label.
    QVERIFY(nsx::gui::diffBackground(DiffKind::Added, pal) !=
            nsx::gui::diffBackground(DiffKind::Removed, pal));
    QVERIFY(nsx::gui::diffBackground(DiffKind::Added, pal) !=
            nsx::gui::diffBackground(DiffKind::Changed, pal));
    QVERIFY(nsx::gui::diffBackground(DiffKind::Added, pal) != pal.color(QPalette::Base));
    // Group rows count their children.
    QCOMPARE(dialog.tree()->topLevelItem(0)->text(0), QStringLiteral("Namespaces (11)"));
    QCOMPARE(dialog.tree()->topLevelItem(0)->childCount(), 11);
    QCOMPARE(dialog.tree()->topLevelItem(1)->text(0), QStringLiteral("Processes (4)"));
    QCOMPARE(findRow(dialog.tree(), QStringLiteral("net:[4026532011]"))
                 ->text(CompareDialog::DetailsColumn),
             QStringLiteral("2 processes, launched by unshare"));
}

// A namespace row says what the namespace is (here the hostname), and the search field keeps
// the rows that mention what is typed, in any column, with the field rows that match.
void TestCompareDialog::namesAndSearch()
{
    CompareDialog dialog(nullptr);
    dialog.setSnapshot(CompareDialog::Side::Before, ptr(before()), QStringLiteral("before"));
    dialog.setSnapshot(CompareDialog::Side::After, ptr(after()), QStringLiteral("after"));
    QTreeWidgetItem* uts = findRow(dialog.tree(), QStringLiteral("uts:[4026532050]"));
    QVERIFY(uts);
    QCOMPARE(uts->text(CompareDialog::NameColumn), QStringLiteral("box"));
    QTreeWidgetItem* net = findRow(dialog.tree(), QStringLiteral("net:[4026532011]"));
    QVERIFY(net);
    QVERIFY(!net->isHidden());

    dialog.searchField()->setText(QStringLiteral("BOX"));
    QVERIFY(!uts->isHidden());
    QVERIFY(net->isHidden());
    // The hostname field row matches ("old → box"); the processes row does not, but it stays
    // with its namespace row because that row matches as a whole.
    QVERIFY(!fieldRow(uts, QStringLiteral("hostname"))->isHidden());
    dialog.searchField()->setText(QStringLiteral("added: 31"));
    QVERIFY(!uts->isHidden());
    QVERIFY(uts->isExpanded());
    QVERIFY(fieldRow(uts, QStringLiteral("hostname"))->isHidden());
    QVERIFY(!fieldRow(uts, QStringLiteral("processes"))->isHidden());
    dialog.searchField()->clear();
    QVERIFY(!net->isHidden());
    QVERIFY(!fieldRow(uts, QStringLiteral("hostname"))->isHidden());
    // A refresh keeps the search applied.
    dialog.searchField()->setText(QStringLiteral("box"));
    dialog.refresh();
    net = findRow(dialog.tree(), QStringLiteral("net:[4026532011]"));
    QVERIFY(net && net->isHidden());
}

// Files chosen with "Open file…" come back as "Recent: NAME" in both pickers of the next
// dialog; a file that is gone is not offered.
void TestCompareDialog::recentFilesOffered()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QStringLiteral("compare/recentFiles"));
    QTemporaryDir dir;
    const QString kept = dir.filePath(QStringLiteral("kept.json"));
    const QString gone = dir.filePath(QStringLiteral("gone.json"));
    writeFile(kept, json(before()));
    writeFile(gone, json(after()));
    CompareDialog::rememberRecentFile(gone);
    CompareDialog::rememberRecentFile(kept);
    QVERIFY(QFile::remove(gone));
    QCOMPARE(CompareDialog::recentFiles(), QStringList{kept});
    CompareDialog dialog(nullptr);
    const auto pickers = dialog.findChildren<QComboBox*>();
    QCOMPARE(pickers.size(), 2);
    for (QComboBox* picker : pickers) {
        QStringList texts;
        for (int i = 0; i < picker->count(); ++i)
            texts << picker->itemText(i);
        QVERIFY2(texts.contains(QStringLiteral("Recent: kept.json")), qPrintable(texts.join('|')));
        QVERIFY2(!texts.contains(QStringLiteral("Recent: gone.json")), qPrintable(texts.join('|')));
        // Choosing it compares it.
        const int i = int(texts.indexOf(QStringLiteral("Recent: kept.json")));
        picker->setCurrentIndex(i);
        emit picker->activated(i);
    }
    QVERIFY(dialog.currentDiff());
    QCOMPARE(dialog.summaryText(), QStringLiteral("No differences."));
    QSettings().remove(QStringLiteral("compare/recentFiles"));
}

void TestCompareDialog::changedRowsExpandToFields()
{
    CompareDialog dialog(nullptr);
    dialog.setSnapshot(CompareDialog::Side::Before, ptr(before()), QStringLiteral("before"));
    dialog.setSnapshot(CompareDialog::Side::After, ptr(after()), QStringLiteral("after"));

    QTreeWidgetItem* uts = findRow(dialog.tree(), QStringLiteral("uts:[4026532050]"));
    QVERIFY(uts);
    QCOMPARE(uts->childCount(), 2);
    QCOMPARE(uts->text(CompareDialog::DetailsColumn), QStringLiteral("processes, hostname"));
    QCOMPARE(fieldRow(uts, QStringLiteral("hostname"))->text(CompareDialog::DetailsColumn),
             QStringLiteral("old → box"));
    QCOMPARE(fieldRow(uts, QStringLiteral("processes"))->text(CompareDialog::DetailsColumn),
             QStringLiteral("1 → 2; added: 31"));

    QTreeWidgetItem* p20 = findRow(dialog.tree(), QStringLiteral("20 proc20"));
    QVERIFY(p20);
    QCOMPARE(p20->childCount(), 1);
    QCOMPARE(fieldRow(p20, QStringLiteral("net namespace"))->text(CompareDialog::DetailsColumn),
             QStringLiteral("4026532010 → 4026532011"));

    // Host net namespace: pid 3 left.
    QTreeWidgetItem* hostNet = findRow(dialog.tree(), QStringLiteral("net:[4026531838]"));
    QVERIFY(hostNet);
    QCOMPARE(fieldRow(hostNet, QStringLiteral("processes"))->text(CompareDialog::DetailsColumn),
             QStringLiteral("4 → 4; added: 31; left: 3"));

    // Expandable by keyboard: select the row, press Right.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.tree()->setFocus();
    dialog.tree()->setCurrentItem(uts);
    uts->setExpanded(false);
    QTest::keyClick(dialog.tree(), Qt::Key_Right);
    QVERIFY(uts->isExpanded());
}

void TestCompareDialog::darkPaletteRecolours()
{
    CompareDialog dialog(nullptr);
    dialog.setSnapshot(CompareDialog::Side::Before, ptr(before()), QStringLiteral("before"));
    dialog.setSnapshot(CompareDialog::Side::After, ptr(after()), QStringLiteral("after"));
    const QPalette dark = nsx::gui::darkPalette();
    dialog.setPalette(dark);
    QTreeWidgetItem* added = findRow(dialog.tree(), QStringLiteral("net:[4026532011]"));
    const QColor bg = added->background(CompareDialog::ItemColumn).color();
    QCOMPARE(bg, nsx::gui::diffBackground(DiffKind::Added, dialog.tree()->palette()));
    // Dark rows stay dark, so the palette's light text remains readable on them.
    QVERIFY2(bg.lightnessF() < 0.35, qPrintable(bg.name()));
    QVERIFY(added->foreground(CompareDialog::ChangeColumn).color().lightnessF() > 0.5);
}

void TestCompareDialog::liveAgainstFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("old.json"));
    writeFile(file, json(before()));
    CompareDialog dialog(ptr(after()));
    QVERIFY(dialog.loadFile(CompareDialog::Side::Before, file));
    QCOMPARE(dialog.summaryText(), kExpectedSummary);

    // A newer live snapshot counts at the next refresh, not before.
    dialog.setLive(ptr(before()));
    QCOMPARE(dialog.summaryText(), kExpectedSummary);
    dialog.refresh();
    QCOMPARE(dialog.summaryText(), QStringLiteral("No differences."));
}

void TestCompareDialog::badFilesAreOneLineErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("create");
    QTest::newRow("not json") << QByteArray("this is not { json") << true;
    QTest::newRow("truncated") << json(before()).left(300) << true;
    QTest::newRow("wrong type") << QByteArray(R"({"format":"nsexplorer-snapshot","version":"one"})")
                                << true;
    QTest::newRow("future version")
        << json(before()).replace("\"version\": 1", "\"version\": 99") << true;
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("missing") << QByteArray() << false;
}

void TestCompareDialog::badFilesAreOneLineErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, create);
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.json"));
    writeFile(good, json(before()));
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    if (create)
        writeFile(bad, content);

    CompareDialog dialog(ptr(after()));
    QVERIFY(dialog.loadFile(CompareDialog::Side::Before, good));
    const QString summary = dialog.summaryText();
    const int rows = dialog.tree()->topLevelItem(0)->childCount();
    auto* picker = dialog.findChildren<QComboBox*>().value(0);
    QVERIFY(picker);
    const int pickerIndex = picker->currentIndex();
    const int pickerCount = picker->count();

    QVERIFY(!dialog.loadFile(CompareDialog::Side::Before, bad));
    const QString error = dialog.errorText();
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("bad.json")), qPrintable(error));
    // Nothing else moved: same comparison, same choice, no entry for the bad file.
    QCOMPARE(dialog.summaryText(), summary);
    QCOMPARE(dialog.tree()->topLevelItem(0)->childCount(), rows);
    QCOMPARE(picker->currentIndex(), pickerIndex);
    QCOMPARE(picker->count(), pickerCount);
    // And the dialog is still usable: a good file afterwards clears the error.
    QVERIFY(dialog.loadFile(CompareDialog::Side::After, good));
    QVERIFY(dialog.errorText().isEmpty());
    QCOMPARE(dialog.summaryText(), QStringLiteral("No differences."));
}

void TestCompareDialog::twoRecordings()
{
    QTemporaryDir dir;
    nsx::model::Recorder recorder;
    recorder.setFolder(dir.path());
    const QString first = recorder.record(ptr(before()));
    const QString second = recorder.record(ptr(after()));
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    CompareDialog dialog(nullptr);
    dialog.setRecordingFolder(dir.path());
    // Both recordings are offered on both sides; the newest is preselected as "before".
    for (auto* picker : dialog.findChildren<QComboBox*>()) {
        int recorded = 0;
        for (int i = 0; i < picker->count(); ++i)
            recorded += picker->itemText(i).startsWith(QLatin1String("Recorded ")) ? 1 : 0;
        QCOMPARE(recorded, 2);
    }
    QCOMPARE(dialog.summaryText(), QStringLiteral("Choose two snapshots to compare."));
    QVERIFY(dialog.loadFile(CompareDialog::Side::Before, first));
    QVERIFY(dialog.loadFile(CompareDialog::Side::After, second));
    QCOMPARE(dialog.summaryText(), kExpectedSummary);
    QVERIFY(dialog.currentDiff().has_value());
    QCOMPARE(dialog.currentDiff()->processesChanged.size(), std::size_t(2));
}

void TestCompareDialog::identicalSnapshots()
{
    CompareDialog dialog(ptr(before()));
    dialog.useLive(CompareDialog::Side::Before);
    dialog.useLive(CompareDialog::Side::After);
    QCOMPARE(dialog.summaryText(), QStringLiteral("No differences."));
    QCOMPARE(dialog.tree()->topLevelItem(0)->childCount(), 0);
}

void TestCompareDialog::liveNamespaceShowsAsAdded()
{
    if (geteuid() != 0)
        QSKIP("creating a network namespace with unshare(1) needs root");
    nsx::backend::ScanOptions options;
    options.details = false;
    nsx::backend::Scanner scanner(options);
    const SnapshotPtr first = ptr(scanner.scan());

    QProcess child;
    child.start(QStringLiteral("unshare"),
                {QStringLiteral("--net"), QStringLiteral("sleep"), QStringLiteral("120")});
    QVERIFY2(child.waitForStarted(20000), qPrintable(child.errorString()));
    const auto cleanup = qScopeGuard([&child] {
        child.kill();
        child.waitForFinished(20000);
    });
    const QByteArray nsPath = "/proc/" + QByteArray::number(child.processId()) + "/ns/net";
    struct stat mine
    {
    }, theirs{};
    QVERIFY(::stat("/proc/self/ns/net", &mine) == 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        ::stat(nsPath.constData(), &theirs) == 0 && theirs.st_ino != mine.st_ino, 20000);
    const SnapshotPtr second = ptr(scanner.scan());

    CompareDialog dialog(second);
    dialog.setSnapshot(CompareDialog::Side::Before, first, QStringLiteral("before unshare"));
    dialog.useLive(CompareDialog::Side::After);
    const QString name = QStringLiteral("net:[%1]").arg(theirs.st_ino);
    QTreeWidgetItem* row = findRow(dialog.tree(), name);
    QVERIFY2(row, qPrintable(name + QLatin1String(" not in the diff; ") + dialog.summaryText()));
    QCOMPARE(row->text(CompareDialog::ChangeColumn), QStringLiteral("added"));
    QVERIFY(dialog.currentDiff()->processesAdded.size() >= 1);
    // The new process is listed too (other tests may add more concurrently).
    const QString pid = QString::number(child.processId());
    bool found = false;
    for (const auto& p : dialog.currentDiff()->processesAdded)
        found = found || p.pid == child.processId();
    QVERIFY2(found, qPrintable(pid));
}

// The dialog as it is drawn, light and dark: its size, not blank, and the added/removed/changed
// row tints of its palette are on screen (NSX_CHARTS_SCREENSHOTS=DIR also writes the pictures).
void TestCompareDialog::screenshots()
{
    for (const QPalette& pal : {QPalette(), nsx::gui::darkPalette()}) {
        CompareDialog dialog(ptr(after()));
        dialog.setPalette(pal);
        dialog.setSnapshot(CompareDialog::Side::Before, ptr(before()),
                           QStringLiteral("before.json"));
        dialog.loadFile(CompareDialog::Side::After, QStringLiteral("/nonexistent/after.json"));
        dialog.useLive(CompareDialog::Side::After);
        findRow(dialog.tree(), QStringLiteral("uts:[4026532050]"))->setExpanded(true);
        findRow(dialog.tree(), QStringLiteral("20 proc20"))->setExpanded(true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const char* theme = nsx::gui::isDarkPalette(pal) ? "dark" : "light";
        const QImage image =
            pictures::grab(&dialog, QStringLiteral("compare-%1").arg(QLatin1String(theme)));
        QCOMPARE(image.size(), dialog.size() * dialog.devicePixelRatio());
        QVERIFY2(pictures::distinctColours(image) > 16, theme);
        const QPalette treePalette = dialog.tree()->palette();
        for (DiffKind kind : {DiffKind::Added, DiffKind::Removed, DiffKind::Changed})
            QVERIFY2(pictures::pixelsNear(image, nsx::gui::diffBackground(kind, treePalette), 2) >
                         200,
                     qPrintable(QStringLiteral("%1: no %2 rows drawn")
                                    .arg(QLatin1String(theme))
                                    .arg(int(kind))));
    }
}

QTEST_MAIN(TestCompareDialog)
#include "tst_compare_dialog.moc"
