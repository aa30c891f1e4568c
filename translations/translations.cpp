#include "translations.h"

#include <QLocale>
#include <QTranslator>

namespace nsx::i18n {

QString catalogueFolder()
{
    return QStringLiteral(":/i18n");
}

bool loadCatalogue(QTranslator& translator, const QLocale& locale)
{
    return translator.load(locale, QStringLiteral("nsexplorer"), QStringLiteral("_"),
                           catalogueFolder()) &&
           !translator.language().startsWith(QLatin1String("en"));
}

bool loadEnglishPlurals(QTranslator& translator)
{
    return translator.load(QStringLiteral("nsexplorer_en"), catalogueFolder());
}

} // namespace nsx::i18n
