// The compiled catalogues (translations/*.ts → .qm), embedded as resources.
#pragma once

#include <QString>

class QLocale;
class QTranslator;

namespace nsx::i18n {

// Where the .qm files are: ":/i18n" (nsexplorer_zh_CN.qm, …).
QString catalogueFolder();

// Loads nsexplorer's catalogue for `locale` (its UI languages in order: zh_CN, then zh) into
// `translator`; false when there is none but English's (see loadEnglishPlurals).
bool loadCatalogue(QTranslator& translator, const QLocale& locale);

// English, the source language, has a catalogue of plural forms only (nsexplorer_en.ts:
// "%n process(es)" -> "1 process", "2 processes"): loaded whenever no other language is.
bool loadEnglishPlurals(QTranslator& translator);

} // namespace nsx::i18n
