// RecordDialog: its settings reach the Recorder only on OK, the status shows what is in the
// folder, and the compare button hands over the folder.
#include "record_dialog.h"
#include "recorder.h"
#include "snapshot_fixtures.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using nsx::gui::RecordDialog;
using nsx::model::Recorder;

class TestRecordDialog : public QObject
{
    Q_OBJECT
private slots:
    void appliesOnOkOnly();
    void statusAndCompare();
};

void TestRecordDialog::appliesOnOkOnly()
{
    QTemporaryDir dir;
    Recorder recorder;
    {
        RecordDialog dialog(&recorder);
        dialog.setRecordingEnabled(true);
        dialog.setFolder(dir.path());
        dialog.setIntervalSeconds(5);
        dialog.reject();
    }
    QVERIFY(!recorder.isEnabled());
    QVERIFY(recorder.folder().isEmpty());
    RecordDialog dialog(&recorder);
    dialog.setRecordingEnabled(true);
    dialog.setFolder(dir.path());
    dialog.setIntervalSeconds(5);
    dialog.setMaxFiles(7);
    dialog.accept();
    QVERIFY(recorder.isEnabled());
    QCOMPARE(recorder.folder(), dir.path());
    QCOMPARE(recorder.intervalSeconds(), 5);
    QCOMPARE(recorder.maxFiles(), 7);
    QVERIFY(!RecordDialog::defaultFolder().isEmpty());
}

void TestRecordDialog::statusAndCompare()
{
    QTemporaryDir dir;
    Recorder recorder;
    recorder.setFolder(dir.path());
    for (const char* t : {"2026-11-29T06:00:00Z", "2026-11-29T06:01:00Z"})
        QVERIFY(!recorder
                     .record(std::make_shared<const fixtures::Snapshot>(
                         fixtures::build(t, fixtures::hostNamespaces(2))))
                     .isEmpty());
    RecordDialog dialog(&recorder);
    bool found = false;
    for (QLabel* label : dialog.findChildren<QLabel*>())
        found = found || label->text().startsWith(QLatin1String("2 snapshots recorded"));
    QVERIFY(found);
    QSignalSpy compare(&dialog, &RecordDialog::compareRequested);
    for (QPushButton* b : dialog.findChildren<QPushButton*>())
        if (b->text().contains(QLatin1String("Compare")))
            b->click();
    QCOMPARE(compare.count(), 1);
    QCOMPARE(compare.at(0).at(0).toString(), dir.path());
}

QTEST_MAIN(TestRecordDialog)
#include "tst_record_dialog.moc"
