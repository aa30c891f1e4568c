// Marks a string of a backend table for translation without Qt: lupdate finds strings by the
// macro names QT_TRANSLATE_NOOP and QT_TRANSLATE_N_NOOP, so the backend spells its markers the
// same way; here they expand to the literal, and the GUI or the CLI translates the text in
// that context when it shows it (QCoreApplication::translate("nsx::backend", label)).
#pragma once

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif
#ifndef QT_TRANSLATE_N_NOOP
#define QT_TRANSLATE_N_NOOP(scope, x) x
#endif
