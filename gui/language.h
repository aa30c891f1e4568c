// The user-interface language (issue 18): the system locale by default, `--lang zh_CN|en` for
// one run, and View → Language, saved in the settings and applied at the next start (the
// widgets build their texts once, in their constructors).
#pragma once

#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace nsx::gui {

// The languages nsexplorer is translated to, besides its source language English: "zh_CN".
QStringList availableLanguages();

// "--lang X", "--lang=X" or "-lang X" in `args` (the first one): X, else empty. Read before
// the command-line parser exists, so that its help is translated too.
QString languageFromArguments(const QStringList& args);

// The saved View → Language choice: "", the system locale, or one of "en", availableLanguages().
QString savedLanguage();
void saveLanguage(const QString& language);

// Installs the translators for `language` ("" or "system": the system locale; "en": English's
// plural forms only) into
// the running QCoreApplication: nsexplorer's own (embedded, :/i18n) and Qt's (qtbase, from
// Qt's translations folder). Returns the language installed ("en" when none fits); an unknown
// name gets a warning and English.
QString installTranslators(const QString& language);

// The View → Language submenu: System default, English, 简体中文 — each in its own language —
// the choice saved, and the user told it applies at the next start.
void addLanguageMenu(QMenu* viewMenu, QWidget* dialogParent);

} // namespace nsx::gui
