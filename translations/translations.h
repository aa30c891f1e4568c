// The compiled catalogues (translations/*.ts → .qm), embedded as resources.
#pragma once

#include <QString>

class QLocale;
class QTranslator;

namespace nsx::i18n {

// Where the .qm files are: ":/i18n" (nsexplorer_zh_CN.qm, …).
QString catalogueFolder();

// Loads nsexplorer's catalogue for `locale` (its UI languages in order: zh_CN, then zh) into
// `translator`; false when there is none (English, the source language, needs none).
bool loadCatalogue(QTranslator& translator, const QLocale& locale);

} // namespace nsx::i18n
