// Export: JSON that reads back byte for byte, the two CSV files with their headers, DOT that
// Graphviz renders, PNG/SVG of a widget, the dialog's flow, and failures (a folder that is a
// file, a real full disk) that leave nothing half-written and earlier files intact.
#include "charts_panel.h"
#include "export_dialog.h"
#include "snapshot_fixtures.h"
#include "snapshot_io.h"

#include <QChartView>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace fixtures;
using nsx::gui::ExportDialog;
using nsx::gui::ExportFormat;

namespace {

Snapshot sample()
{
    Snapshot s = build("2026-11-29T06:00:00Z",
                       hostNamespaces(4) + std::vector<NsSpec>{
                                               {NsType::Net, 4026532010, {20, 21}, "unshare"},
                                               {NsType::User, 4026532011, {20}},
                                           });
    for (auto& ns : s.namespaces)
        if (ns.type != NsType::User)
            ns.owner = ns.inode == 4026532010 ? 4026532011 : 4026531837 + 4; // the host user ns
    return s;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
private slots:
    void jsonReadsBack();
    void csvTwoFiles();
    void dotRenders();
    void widgetAsPngAndSvg();
    void dialogExportsEachFormat_data();
    void dialogExportsEachFormat();
    void dialogShowsErrorAndStaysOpen();
    void dialogNamesTheViewItWrites();
    void fullDiskWritesNeitherCsvFile();
    void permissionDeniedAsUser();
};

void TestExport::jsonReadsBack()
{
    QTemporaryDir dir;
    const Snapshot s = sample();
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QCOMPARE(nsx::gui::exportJson(s, path), QString());
    const QByteArray bytes = readAll(path);
    QCOMPARE(bytes, QByteArray::fromStdString(nsx::backend::toJson(s)));
    const Snapshot back = nsx::backend::fromJson(bytes.toStdString(), path.toStdString());
    QVERIFY(back == s);
    // Overwriting keeps one file (the temporary one is renamed over it).
    QCOMPARE(nsx::gui::exportJson(s, path), QString());
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("s.json")});
}

void TestExport::csvTwoFiles()
{
    QTemporaryDir dir;
    const Snapshot s = sample();
    const QString procs = dir.filePath(QStringLiteral("snap-processes.csv"));
    QCOMPARE(nsx::gui::namespacesCsvPathFor(procs),
             dir.filePath(QStringLiteral("snap-namespaces.csv")));
    QCOMPARE(nsx::gui::namespacesCsvPathFor(dir.filePath(QStringLiteral("x.csv"))),
             dir.filePath(QStringLiteral("x-namespaces.csv")));
    const QString nss = nsx::gui::namespacesCsvPathFor(procs);
    QCOMPARE(nsx::gui::exportCsv(s, procs, nss), QString());

    const QList<QByteArray> procLines = readAll(procs).trimmed().split('\n');
    QCOMPARE(
        procLines.first().trimmed(),
        QByteArray(
            "pid,ppid,comm,uid,user,ns_cgroup,ns_ipc,ns_mnt,ns_net,ns_pid,ns_time,ns_user,ns_uts,"
            "container"));
    QCOMPARE(procLines.size(), int(s.processes.size()) + 1);
    QVERIFY(procLines[1].startsWith("1,0,init,0,root,"));
    const QList<QByteArray> nsLines = readAll(nss).trimmed().split('\n');
    QVERIFY(nsLines.first().startsWith("type,inode,dev,owner,parent"));
    QCOMPARE(nsLines.size(), int(s.namespaces.size()) + 1);

    // The same file twice is refused rather than half-overwritten.
    QVERIFY(!nsx::gui::exportCsv(s, procs, procs).isEmpty());
}

void TestExport::dotRenders()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.dot"));
    QCOMPARE(nsx::gui::exportDot(sample(), path), QString());
    const QByteArray dot = readAll(path);
    QVERIFY(dot.startsWith("digraph"));
    QVERIFY(dot.contains("4026532011"));
    const QString graphviz = QStandardPaths::findExecutable(QStringLiteral("dot"));
    if (graphviz.isEmpty())
        QSKIP("Graphviz dot(1) is not installed: only the text was checked");
    QProcess p;
    p.start(graphviz, {QStringLiteral("-Tsvg"), path});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains("<svg"));
}

void TestExport::dialogNamesTheViewItWrites()
{
    // Two views on screen of different sizes: the dialog names the one it will write (the
    // first by default), only for the image formats, and writes the one chosen.
    QWidget tree, chart;
    tree.resize(320, 200);
    chart.resize(500, 260);
    tree.show();
    chart.show();
    ExportDialog dialog(std::make_shared<const Snapshot>(sample()),
                        QList<nsx::gui::ExportView>{{QStringLiteral("Processes tab"), &tree},
                                                    {QStringLiteral("History chart"), &chart}});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* choice = dialog.findChild<QComboBox*>(QStringLiteral("exportView"));
    QVERIFY(choice);
    dialog.setFormat(ExportFormat::Json);
    QVERIFY(!choice->isVisible()); // a snapshot format writes the snapshot, whatever the view
    dialog.setFormat(ExportFormat::Png);
    QVERIFY(choice->isVisible());
    QCOMPARE(dialog.viewName(), QStringLiteral("Processes tab"));
    QCOMPARE(dialog.view(), &tree);
    choice->setCurrentIndex(1);
    QCOMPARE(dialog.viewName(), QStringLiteral("History chart"));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    dialog.setPath(png);
    QVERIFY(dialog.exportNow());
    QCOMPARE(QImage(png).size(), chart.size() * chart.devicePixelRatio());
}

void TestExport::widgetAsPngAndSvg()
{
    nsx::gui::ChartsPanel panel;
    panel.resize(700, 480);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setSnapshot(std::make_shared<const Snapshot>(sample()));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("view.png"));
    const QString svg = dir.filePath(QStringLiteral("view.svg"));
    QCOMPARE(nsx::gui::exportWidgetPng(&panel, png), QString());
    QCOMPARE(QImage(png).size(), panel.size() * panel.devicePixelRatio());
    QCOMPARE(nsx::gui::exportWidgetSvg(&panel, svg, QStringLiteral("the view")), QString());
    QXmlStreamReader xml(readAll(svg));
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(readAll(svg).contains("<title>the view</title>"));
    QVERIFY(!nsx::gui::exportWidgetPng(nullptr, png).isEmpty());
}

void TestExport::dialogExportsEachFormat_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("expectedFiles");
    QTest::newRow("json") << int(ExportFormat::Json) << "out.json" << QStringList{"out.json"};
    QTest::newRow("csv") << int(ExportFormat::Csv) << "out-processes.csv"
                         << QStringList{"out-namespaces.csv", "out-processes.csv"};
    QTest::newRow("dot") << int(ExportFormat::Dot) << "out.dot" << QStringList{"out.dot"};
    QTest::newRow("png") << int(ExportFormat::Png) << "out.png" << QStringList{"out.png"};
    QTest::newRow("svg") << int(ExportFormat::Svg) << "out.svg" << QStringList{"out.svg"};
}

void TestExport::dialogExportsEachFormat()
{
    QFETCH(int, format);
    QFETCH(QString, name);
    QFETCH(QStringList, expectedFiles);
    QTemporaryDir dir;
    QLabel view(QStringLiteral("a view to render"));
    view.resize(200, 50);
    ExportDialog dialog(std::make_shared<const Snapshot>(sample()), &view);
    dialog.setFormat(ExportFormat(format));
    dialog.setPath(dir.filePath(name));
    QSignalSpy exported(&dialog, &ExportDialog::exported);
    QVERIFY(dialog.exportNow());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(exported.count(), 1);
    QCOMPARE(filesIn(dir.path()), expectedFiles);
    for (const QString& f : expectedFiles)
        QVERIFY(QFileInfo(dir.filePath(f)).size() > 0);
    if (ExportFormat(format) == ExportFormat::Json)
        QVERIFY(nsx::backend::loadSnapshotFile(dir.filePath(name).toStdString()) == sample());
}

void TestExport::dialogShowsErrorAndStaysOpen()
{
    QTemporaryDir dir;
    const QString plain = dir.filePath(QStringLiteral("plain"));
    QFile(plain).open(QIODevice::WriteOnly);
    ExportDialog dialog(std::make_shared<const Snapshot>(sample()), nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setFormat(ExportFormat::Json);
    dialog.setPath(plain + QStringLiteral("/out.json"));
    QVERIFY(!dialog.exportNow());
    QVERIFY(dialog.isVisible());
    const QString error = dialog.errorText();
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QLatin1String("out.json")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("plain")});
    // No view given: the image formats cannot be chosen through the dialog, and refuse if forced.
    dialog.setFormat(ExportFormat::Png);
    dialog.setPath(dir.filePath(QStringLiteral("x.png")));
    QVERIFY(!dialog.exportNow());
    // Fixing the path makes it work, from the same dialog.
    dialog.setFormat(ExportFormat::Json);
    dialog.setPath(dir.filePath(QStringLiteral("ok.json")));
    QVERIFY(dialog.exportNow());
    QVERIFY(dialog.errorText().isEmpty());
}

void TestExport::fullDiskWritesNeitherCsvFile()
{
    if (geteuid() != 0)
        QSKIP("needs root to mount a small tmpfs (in a private mount namespace)");
    if (unshare(CLONE_NEWNS) != 0 ||
        mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        QSKIP("cannot create a private mount namespace here");
    QTemporaryDir dir;
    QVERIFY(mount("tmpfs", dir.path().toLocal8Bit().constData(), "tmpfs", 0, "size=128k") == 0);
    const auto unmount =
        qScopeGuard([&dir] { umount2(dir.path().toLocal8Bit().constData(), MNT_DETACH); });

    // Few processes (a small first file) but thousands of namespaces (a second file larger
    // than the disk): the first must not be left behind alone.
    std::vector<NsSpec> specs = hostNamespaces(3);
    for (int i = 0; i < 4000; ++i)
        specs.push_back({NsType::Net, 4026540000u + i, {}});
    const Snapshot big = build("2026-11-29T06:00:00Z", specs);
    const QString procs = dir.filePath(QStringLiteral("p.csv"));
    const QString nss = dir.filePath(QStringLiteral("n.csv"));
    // An earlier export of the same names stays as it was.
    QCOMPARE(nsx::gui::exportCsv(sample(), procs, nss), QString());
    const QByteArray oldProcs = readAll(procs), oldNss = readAll(nss);

    const QString error = nsx::gui::exportCsv(big, procs, nss);
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QLatin1String("n.csv")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("Unknown error")), qPrintable(error));
    QCOMPARE(readAll(procs), oldProcs);
    QCOMPARE(readAll(nss), oldNss);
    QCOMPARE(filesIn(dir.path()), (QStringList{QStringLiteral("n.csv"), QStringLiteral("p.csv")}));
}

void TestExport::permissionDeniedAsUser()
{
    if (geteuid() == 0)
        QSKIP("root may write anywhere; this runs in charts_export_dialog_nobody");
    const QString path =
        QStringLiteral("/nsx-export-%1.json").arg(QCoreApplication::applicationPid());
    const QString error = nsx::gui::exportJson(sample(), path);
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestExport)
#include "tst_export_dialog.moc"
