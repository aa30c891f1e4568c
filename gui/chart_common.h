// What the three charts of the ChartsPanel share: the type's name as the kernel spells it, the
// chart view they are shown in, a value axis with round numbers, and the palette applied to a
// chart's background, titles, legend and axes. And the folder every file dialog starts in.
#pragma once

#include "ns_type.h"

#include <QString>

class QBarSet;
class QChart;
class QChartView;
class QPalette;
class QValueAxis;

namespace nsx::gui {

QString typeName(backend::NsType type);

// A view for `chart` (which it takes over): antialiased, focusable, with a context menu policy.
QChartView* makeChartView(QChart* chart);

// 0 .. a round number above max (at least 4), integer labels.
void setNiceRange(QValueAxis* axis, qreal max);

// The built-in light or dark theme for fonts and defaults, then every colour from the palette
// so that custom palettes (not only "light" or "dark") are followed too.
void applyPaletteToChart(QChartView* view, const QPalette& palette);

// A bar set of one type: the type's colour, labels in the palette's base (which contrasts with
// typeColor on both themes), the palette's highlight for a selected bar.
void styleTypeBars(QBarSet* set, backend::NsType type, const QPalette& palette);

// The folder the file dialogs (open snapshot, export, compare, record, chart export) start in:
// the last one a file was opened, written or chosen in (QSettings "files/lastFolder"); the home
// folder the first time, or when that folder is gone.
QString lastFileFolder();
// `lastFileFolder()` + "/" + `fileName`: a save dialog's suggestion.
QString inLastFileFolder(const QString& fileName);
// Remembers the folder of `path`: the folder itself when `path` is one, else the file's folder.
// An empty path changes nothing (a cancelled dialog).
void rememberFileFolder(const QString& path);

} // namespace nsx::gui
