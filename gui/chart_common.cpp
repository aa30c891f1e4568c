#include "chart_common.h"

#include "focus_frame.h"

#include "chart_colors.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QLegend>
#include <QSettings>
#include <QValueAxis>

#include <algorithm>

namespace nsx::gui {

namespace {
const QString kLastFolderKey = QStringLiteral("files/lastFolder");
} // namespace

QString lastFileFolder()
{
    const QString folder = QSettings().value(kLastFolderKey).toString();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath();
}

QString inLastFileFolder(const QString& fileName)
{
    return QDir(lastFileFolder()).filePath(fileName);
}

void rememberFileFolder(const QString& path)
{
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    QSettings().setValue(kLastFolderKey,
                         info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString typeName(backend::NsType type)
{
    const auto name = backend::toString(type);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QChartView* makeChartView(QChart* chart)
{
    auto* view = new FocusFramed<QChartView>(chart);
    view->reserveFocusFrame();
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(240, 150);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setFocusPolicy(Qt::StrongFocus);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    return view;
}

void setNiceRange(QValueAxis* axis, qreal max)
{
    axis->setRange(0, std::max<qreal>(4, max * 1.05));
    axis->applyNiceNumbers();
    axis->setLabelFormat(QStringLiteral("%d"));
}

void applyPaletteToChart(QChartView* view, const QPalette& pal)
{
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = blend(base, text, 0.15);
    const QColor axisLine = blend(base, text, 0.45);
    QChart* c = view->chart();
    c->setTheme(isDarkPalette(pal) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    c->setBackgroundBrush(base);
    c->setBackgroundPen(Qt::NoPen);
    c->setTitleBrush(text);
    c->legend()->setLabelColor(text);
    c->legend()->setBrush(Qt::NoBrush);
    for (QAbstractAxis* axis : c->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(axisLine);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        axis->setShadesVisible(false);
    }
    view->setBackgroundBrush(base);
}

void styleTypeBars(QBarSet* set, backend::NsType type, const QPalette& palette)
{
    const QColor color = typeColor(type, palette);
    set->setColor(color);
    set->setBorderColor(color);
    // Bar labels sit on the bar: the palette's base contrasts with typeColor on both themes
    // (typeColor is deep on light themes and light on dark ones).
    set->setLabelColor(palette.color(QPalette::Base));
    set->setSelectedColor(palette.color(QPalette::Highlight));
}

} // namespace nsx::gui
