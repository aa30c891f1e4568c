// Record snapshots' default folder: ~/.local/share/nsexplorer/recordings,
// with the organization and application names main.cpp sets — not nsexplorer/nsexplorer.
#include "record_dialog.h"

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

class TstRecordDialog : public QObject
{
    Q_OBJECT

private slots:
    void defaultFolderIsNotDoubled()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
        // As gui/main.cpp names the program.
        QCoreApplication::setApplicationName(QStringLiteral("nsexplorer"));
        QCoreApplication::setOrganizationName(QStringLiteral("nsexplorer"));
        const QString folder = nsx::gui::RecordDialog::defaultFolder();
        QCOMPARE(QDir::cleanPath(folder), QDir(data.path()).filePath("nsexplorer/recordings"));
        QVERIFY2(!folder.contains("nsexplorer/nsexplorer"), qPrintable(folder));
    }
};

QTEST_MAIN(TstRecordDialog)
#include "tst_record_dialog.moc"
