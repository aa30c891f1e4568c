#include "language.h"

#include "translations.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

#include <spdlog/spdlog.h>

namespace nsx::gui {

namespace {

constexpr const char* kSettingsKey = "language";

// Translators stay installed until the application ends (or the next install replaces them).
// They are children of the application object, which main() replaces once (the command line is
// parsed under a QCoreApplication, the window runs under a QApplication): a guarded pointer
// forgets a translator that went with the first one.
QList<QPointer<QTranslator>>& installed()
{
    static QList<QPointer<QTranslator>> list;
    return list;
}

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("zh_CN")};
}

QString languageFromArguments(const QStringList& args)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--"))
            break;
        if ((a == QLatin1String("--lang") || a == QLatin1String("-lang")) && i + 1 < args.size())
            return args[i + 1];
        for (const QLatin1String prefix : {QLatin1String("--lang="), QLatin1String("-lang=")})
            if (a.startsWith(prefix))
                return a.mid(prefix.size());
    }
    return {};
}

QString savedLanguage()
{
    return QSettings().value(QLatin1String(kSettingsKey)).toString();
}

void saveLanguage(const QString& language)
{
    QSettings().setValue(QLatin1String(kSettingsKey), language);
}

QString installTranslators(const QString& language)
{
    for (const QPointer<QTranslator>& t : installed()) {
        if (!t)
            continue;
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    installed().clear();

    // English: the source texts, with the plural forms of nsexplorer_en.ts ("1 process").
    const auto english = [] {
        auto* plurals = new QTranslator(QCoreApplication::instance()); // freed with the application
        if (i18n::loadEnglishPlurals(*plurals)) {
            QCoreApplication::installTranslator(plurals);
            installed() << plurals;
        } else {
            spdlog::warn("the English plural forms (:/i18n/nsexplorer_en.qm) are missing");
            delete plurals;
        }
        return QStringLiteral("en");
    };
    QLocale locale;
    if (language.isEmpty() || language == QLatin1String("system")) {
        locale = QLocale::system();
    } else if (language == QLatin1String("en") || language == QLatin1String("C")) {
        return english();
    } else {
        locale = QLocale(language);
        if (locale.language() == QLocale::C) {
            spdlog::warn("unknown language '{}', using English", language.toStdString());
            return english();
        }
    }
    auto* own = new QTranslator(QCoreApplication::instance()); // freed with the application
    // Tries zh_CN, zh, … of the locale's UI languages (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    if (!i18n::loadCatalogue(*own, locale)) {
        delete own;
        if (!language.isEmpty() && language != QLatin1String("system") &&
            locale.language() != QLocale::English)
            spdlog::warn("no translation for '{}', using English", language.toStdString());
        return english();
    }
    QCoreApplication::installTranslator(own);
    installed() << own;
    // Qt's standard dialogs and buttons (Debian: qt6-translations-l10n).
    auto* qt = new QTranslator(QCoreApplication::instance()); // freed with the application
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed() << qt;
    } else {
        spdlog::debug("Qt's own translation for {} not found in {}", locale.name().toStdString(),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath).toStdString());
        delete qt;
    }
    return own->language().isEmpty() ? locale.name() : own->language();
}

void addLanguageMenu(QMenu* viewMenu, QWidget* dialogParent)
{
    QMenu* menu = viewMenu->addMenu(QCoreApplication::translate("nsx::gui::Language", "&Language"));
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(menu);
    const QString saved = savedLanguage();
    // Each language named in itself, as language choosers do; "System default" is translated.
    const QList<QPair<QString, QString>> choices = {
        {QString(), QCoreApplication::translate("nsx::gui::Language", "System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto& [code, name] : choices) {
        QAction* a = menu->addAction(name);
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(code == saved);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, menu, [code = code, dialogParent] {
            if (code == savedLanguage())
                return;
            saveLanguage(code);
            auto* box = new QMessageBox(
                QMessageBox::Information,
                QCoreApplication::translate("nsx::gui::Language", "Language"),
                QCoreApplication::translate("nsx::gui::Language",
                                            "The language changes the next time nsexplorer "
                                            "starts."),
                QMessageBox::Ok, dialogParent);
            box->setObjectName(QStringLiteral("languageNotice"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    }
}

} // namespace nsx::gui
