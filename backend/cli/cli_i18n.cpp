#include "cli_i18n.h"

#ifdef NSX_CLI_TRANSLATIONS
#include "translations.h"

#include <QLocale>
#include <QString>
#include <QTranslator>
#endif

namespace nsx::cli {

#ifdef NSX_CLI_TRANSLATIONS
namespace {

QTranslator*& translator()
{
    static QTranslator* t = nullptr;
    return t;
}

} // namespace

void loadTranslations()
{
    if (translator())
        return;
    // No QCoreApplication: the translator is asked directly, and "%n" replaced here.
    auto* t = new QTranslator; // lives until the process ends
    // English, or a language without a catalogue: the English plural forms ("1 process").
    if (i18n::loadCatalogue(*t, QLocale::system()) || i18n::loadEnglishPlurals(*t))
        translator() = t;
    else
        delete t;
}

std::string translate(const char* context, const char* text, const char* disambiguation, int n)
{
    QString out;
    if (translator())
        out = translator()->translate(context, text, disambiguation, n);
    if (out.isNull())
        out = QString::fromUtf8(text);
    if (n >= 0)
        out.replace(QLatin1String("%n"), QString::number(n));
    return out.toStdString();
}

#else

void loadTranslations() {}

std::string translate(const char*, const char* text, const char*, int n)
{
    std::string out = text;
    if (n >= 0)
        for (std::size_t at; (at = out.find("%n")) != std::string::npos;)
            out.replace(at, 2, std::to_string(n));
    return out;
}

#endif

std::string arg(const std::string& text, std::initializer_list<std::string> args)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        const std::size_t k = std::size_t(next - '1');
        if (text[i] == '%' && next >= '1' && next <= '9' && k < args.size()) {
            out += *(args.begin() + k);
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string translateMarked(const char* context, const char* text, int n)
{
    return translate(context, text, nullptr, n);
}

} // namespace nsx::cli
