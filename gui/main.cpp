// nsexplorer: the GUI. `nsexplorer` shows the live system; `nsexplorer FILE.json` opens a saved
// snapshot read-only (one that cannot be read: the error, then the live system). `--dark` (or
// NSX_DARK=1) uses a dark Fusion palette. `--lang zh_CN|en` overrides the language (the system
// locale, or the one chosen in View → Language) for this run.
#include "language.h"
#include "main_window.h"

#include "chart_colors.h"
#include "log_to_stderr.h"
#include "snapshot_io.h"
#include "type_icons.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QMessageBox>
#include <QPalette>
#include <QStyleFactory>

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

namespace {

// Qt's own command-line options (QGuiApplication, QApplication, the xcb plugin), which
// QApplication consumes: the early parse must accept them, and those that take a value must
// not leave that value behind as a snapshot file.
void addQtOptions(QCommandLineParser& parser)
{
    for (const char* name :
         {"platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
          "qwindowtitle", "qwindowicon", "geometry", "title", "icon", "display", "name", "session",
          "style", "stylesheet", "visual", "qmljsdebugger"}) {
        QCommandLineOption o(QString::fromLatin1(name), QString(), QStringLiteral("value"));
        o.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(o);
    }
    for (const char* name : {"reverse", "widgetcount", "sync", "nograb", "dograb", "testability"}) {
        QCommandLineOption o(QString::fromLatin1(name));
        o.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(o);
    }
}

// Everything but the exit: the window and the application live in here.
int run(int argc, char** argv)
{
    nsx::backend::logToStderr();
    QCoreApplication::setApplicationName(QStringLiteral("nsexplorer"));
    QCoreApplication::setOrganizationName(QStringLiteral("nsexplorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NSX_VERSION));

    // The command line is read before QApplication exists: QApplication aborts without a
    // display, and --help, --version and a usage error need none (a QCoreApplication does
    // not connect to anything).
    bool useDark = false;
    QStringList args;
    QString language;
    {
        QCoreApplication early(argc, argv);
        // Before the parser: its descriptions and --help are translated too.
        language = nsx::gui::languageFromArguments(QCoreApplication::arguments());
        // An unknown --lang is the parser's one-line error below, in the saved language.
        if (language != QLatin1String("en") && !nsx::gui::availableLanguages().contains(language))
            language = nsx::gui::savedLanguage();
        nsx::gui::installTranslators(language);
        QCommandLineParser parser;
        // Qt's options are single-dash words ("-platform offscreen"), so ours may be too.
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "Explore Linux namespaces, live or from a snapshot."));
        parser.addHelpOption();
        parser.addVersionOption();
        QCommandLineOption dark(QStringLiteral("dark"),
                                QCoreApplication::translate("main", "Use a dark palette."));
        QCommandLineOption debug(QStringLiteral("debug"),
                                 QCoreApplication::translate("main", "Log debug details."));
        QCommandLineOption lang(
            QStringLiteral("lang"),
            QCoreApplication::translate("main", "The language of this run: zh_CN or en (default: "
                                                "View → Language, else the system locale)."),
            QStringLiteral("LANG"));
        parser.addOption(dark);
        parser.addOption(debug);
        parser.addOption(lang);
        addQtOptions(parser);
        parser.addPositionalArgument(
            QStringLiteral("FILE.json"),
            QCoreApplication::translate("main", "A saved snapshot to open read-only."),
            QStringLiteral("[FILE.json]"));
        // Usage errors exit 2 with one line (QCommandLineParser::process would exit 1).
        if (!parser.parse(QCoreApplication::arguments())) {
            std::fprintf(stderr, "nsexplorer: %s\n", qPrintable(parser.errorText()));
            return 2;
        }
        if (parser.isSet(QStringLiteral("help")))
            parser.showHelp(0); // to stdout, exits
        if (parser.isSet(QStringLiteral("help-all")))
            parser.process(QCoreApplication::arguments()); // only process() prints it; exits 0
        if (parser.isSet(QStringLiteral("version")))
            parser.showVersion(); // to stdout, exits 0
        if (parser.isSet(debug))
            spdlog::set_level(spdlog::level::debug);
        args = parser.positionalArguments();
        if (args.size() > 1) {
            std::fprintf(stderr, "nsexplorer: %s\n",
                         qPrintable(QCoreApplication::translate(
                                        "main", "expected at most one snapshot file, got %1")
                                        .arg(args.size())));
            return 2;
        }
        if (parser.isSet(lang)) {
            const QString want = parser.value(lang);
            if (want != QLatin1String("en") && !nsx::gui::availableLanguages().contains(want)) {
                std::fprintf(stderr, "nsexplorer: %s\n",
                             qPrintable(QCoreApplication::translate(
                                            "main", "invalid --lang '%1' (expected %2)")
                                            .arg(want, QStringList(nsx::gui::availableLanguages()
                                                                   << QStringLiteral("en"))
                                                           .join(QLatin1String(", ")))));
                return 2;
            }
        }
        useDark = parser.isSet(dark);
    }

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("nsexplorer"));
    nsx::gui::installTranslators(language);
    if (useDark || qEnvironmentVariableIntValue("NSX_DARK") == 1) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(nsx::gui::darkPalette());
    }

    // Live even with a file: one that cannot be read leaves the live view (the error said),
    // and "Back to live" is there after one that can.
    nsx::gui::MainWindow window;
    QString error;
    const bool bad = !args.isEmpty() && !window.openSnapshotFile(args.first(), &error);
    window.show();
    if (bad) {
        std::fprintf(stderr, "nsexplorer: %s\n",
                     qPrintable(QApplication::translate(
                                    "main", "cannot open %1: %2; showing the live system")
                                    .arg(args.first(), error)));
        auto* box = new QMessageBox(
            QMessageBox::Warning, QApplication::translate("main", "Cannot open snapshot"),
            QApplication::translate("main", "%1 could not be opened:\n%2\n\nShowing the live "
                                            "system instead.")
                .arg(args.first(), error),
            QMessageBox::Ok, &window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // window-modal, not a nested event loop: the live view runs behind it
    }
    return app.exec();
}

} // namespace

int main(int argc, char** argv)
{
    // The window and its poller are gone when run() returns (settings and recordings written);
    // the process then ends without static destructors, which a scan the poller abandoned
    // (still running on its thread, see ~Poller) could be using.
    const int status = run(argc, argv);
    std::fflush(nullptr);
    std::_Exit(status);
}
