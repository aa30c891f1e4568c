// main() of a widget test: the offscreen platform unless one is given, and settings in a
// private folder, never the user's (the test's window saves its state as nsexplorer does).
#pragma once

#include "poller.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QtTest>

#define NSX_GUI_TEST_MAIN(TestClass, name)                                                         \
    int main(int argc, char** argv)                                                                \
    {                                                                                              \
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))                                        \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                               \
        QTemporaryDir config;                                                                      \
        qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());                                   \
        QApplication app(argc, argv);                                                              \
        QApplication::setOrganizationName(QStringLiteral("nsexplorer-test"));                      \
        QApplication::setApplicationName(QStringLiteral(name));                                    \
        int status = 0;                                                                            \
        {                                                                                          \
            TestClass t;                                                                           \
            status = QTest::qExec(&t, argc, argv);                                                 \
        }                                                                                          \
        /* Scans a closed window left running end before the statics they use go. */               \
        nsx::model::Poller::waitForAbandonedScans(60000);                                          \
        return status;                                                                             \
    }
