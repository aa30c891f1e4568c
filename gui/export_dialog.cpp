#include "export_dialog.h"

#include "chart_colors.h"
#include "chart_common.h"
#include "snapshot_io.h"

#include <QBuffer>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QSvgGenerator>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace nsx::gui {

namespace {

QString cannotWrite(const QString& path, const QString& why)
{
    return ExportDialog::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
}

QByteArray bytes(const std::string& s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

// Renders the widget into a painter; graphics views through their scene so that the output
// stays vector (QWidget::render would go through the viewport's paint event just as well, but
// the scene path also works for views that are not currently shown).
void renderWidget(QWidget* widget, QPainter& painter, const QSize& size)
{
    if (auto* view = qobject_cast<QGraphicsView*>(widget)) {
        view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), view->viewport()->rect());
        return;
    }
    widget->render(&painter);
}

QString extensionOf(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Dot:
        return QStringLiteral("dot");
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    }
    return {};
}

} // namespace

QString writeFilesAtomically(const QList<QPair<QString, QByteArray>>& files)
{
    // Phase one: every temporary file written completely; any failure discards all of them
    // (QSaveFile removes its temporary file when destroyed without commit()).
    std::vector<std::unique_ptr<QSaveFile>> open;
    for (const auto& [path, data] : files) {
        if (path.isEmpty())
            return ExportDialog::tr("No file name given");
        const QFileInfo info(path);
        if (info.isDir())
            return cannotWrite(path, ExportDialog::tr("it is a folder"));
        auto file = std::make_unique<QSaveFile>(path);
        // Unbuffered: a full disk fails the write() itself, before any rename.
        if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return cannotWrite(path, file->errorString());
        errno = 0;
        if (file->write(data) != data.size()) {
            // A short write (the disk filled up part way) leaves QFile's error unset; errno
            // still holds the reason of the write(2) that stopped it.
            const int savedErrno = errno;
            return cannotWrite(path, file->error() != QFileDevice::NoError || savedErrno == 0
                                         ? file->errorString()
                                         : QString::fromLocal8Bit(std::strerror(savedErrno)));
        }
        open.push_back(std::move(file));
    }
    // Phase two: the renames.
    for (auto& file : open) {
        if (!file->commit()) {
            const QString message = cannotWrite(file->fileName(), file->errorString());
            spdlog::error("export: {}", message.toStdString());
            return message;
        }
    }
    return {};
}

QString writeFileAtomically(const QString& path, const QByteArray& data)
{
    return writeFilesAtomically({{path, data}});
}

QString namespacesCsvPathFor(const QString& processesPath)
{
    const QFileInfo info(processesPath);
    QString base = info.completeBaseName();
    if (base.endsWith(QLatin1String("-processes")))
        base.chop(int(qstrlen("-processes")));
    return info.dir().filePath(base + QStringLiteral("-namespaces.csv"));
}

QString exportJson(const nsx::backend::Snapshot& snapshot, const QString& path)
{
    return writeFileAtomically(path, bytes(nsx::backend::toJson(snapshot)));
}

QString exportCsv(const nsx::backend::Snapshot& snapshot, const QString& processesPath,
                  const QString& namespacesPath)
{
    if (QFileInfo(processesPath).absoluteFilePath() == QFileInfo(namespacesPath).absoluteFilePath())
        return ExportDialog::tr("The processes and namespaces CSV files must be different files");
    return writeFilesAtomically({{processesPath, bytes(nsx::backend::toCsvProcesses(snapshot))},
                                 {namespacesPath, bytes(nsx::backend::toCsvNamespaces(snapshot))}});
}

QString exportDot(const nsx::backend::Snapshot& snapshot, const QString& path)
{
    return writeFileAtomically(path, bytes(nsx::backend::toDot(snapshot)));
}

QString exportWidgetPng(QWidget* widget, const QString& path)
{
    if (!widget)
        return ExportDialog::tr("Nothing to export");
    const QPixmap pixmap = widget->grab();
    if (pixmap.isNull())
        return ExportDialog::tr("Cannot render the view (it has no size)");
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(pixmap.toImage()))
        return cannotWrite(path, writer.errorString());
    return writeFileAtomically(path, data);
}

QString exportWidgetSvg(QWidget* widget, const QString& path, const QString& title)
{
    if (!widget)
        return ExportDialog::tr("Nothing to export");
    const QSize size = widget->size();
    if (size.isEmpty())
        return ExportDialog::tr("Cannot render the view (it has no size)");
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title.isEmpty() ? widget->windowTitle() : title);
    generator.setDescription(ExportDialog::tr("Exported by nsexplorer"));
    {
        QPainter painter;
        if (!painter.begin(&generator))
            return ExportDialog::tr("Cannot render the view as SVG");
        renderWidget(widget, painter, size);
        painter.end();
    }
    return writeFileAtomically(path, data);
}

namespace {

QList<ExportView> singleView(QWidget* view)
{
    if (!view)
        return {};
    QString name = view->accessibleName();
    if (name.isEmpty())
        name = view->windowTitle();
    if (name.isEmpty())
        name = ExportDialog::tr("Current view");
    return {ExportView{name, view}};
}

} // namespace

ExportDialog::ExportDialog(nsx::model::SnapshotPtr snapshot, QWidget* view, QWidget* parent)
    : ExportDialog(std::move(snapshot), singleView(view), parent)
{}

ExportDialog::ExportDialog(nsx::model::SnapshotPtr snapshot, const QList<ExportView>& views,
                           QWidget* parent)
    : QDialog(parent), m_snapshot(std::move(snapshot)), m_views(views)
{
    setWindowTitle(tr("Export"));

    m_format = new QComboBox(this);
    m_format->addItem(tr("Snapshot as JSON"), int(ExportFormat::Json));
    m_format->addItem(tr("Snapshot as CSV (processes and namespaces)"), int(ExportFormat::Csv));
    m_format->addItem(tr("Graphviz DOT (ownership and nesting)"), int(ExportFormat::Dot));
    m_format->addItem(tr("Current view as PNG image"), int(ExportFormat::Png));
    m_format->addItem(tr("Current view as SVG image"), int(ExportFormat::Svg));
    auto disable = [this](int row) {
        if (auto* model = qobject_cast<QStandardItemModel*>(m_format->model()))
            model->item(row)->setEnabled(false);
    };
    if (!m_snapshot) {
        for (int row = 0; row < 3; ++row)
            disable(row);
    }
    if (m_views.isEmpty()) {
        disable(3);
        disable(4);
    }

    // Which view an image export writes, said before it is written (not guessed from focus).
    m_viewChoice = new QComboBox(this);
    m_viewChoice->setObjectName(QStringLiteral("exportView"));
    for (const ExportView& v : m_views)
        m_viewChoice->addItem(v.name);
    m_viewLabel = new QLabel(tr("&View:"), this);
    m_viewLabel->setBuddy(m_viewChoice);

    m_path = new QLineEdit(this);
    m_browse = new QPushButton(tr("&Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    m_secondPath = new QLineEdit(this);
    m_secondLabel = new QLabel(tr("&Namespaces file:"), this);
    m_secondLabel->setBuddy(m_secondPath);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);

    auto* form = new QFormLayout;
    auto* formatLabel = new QLabel(tr("&Format:"), this);
    formatLabel->setBuddy(m_format);
    form->addRow(formatLabel, m_format);
    form->addRow(m_viewLabel, m_viewChoice);
    auto* fileLabel = new QLabel(tr("F&ile:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, pathRow);
    form->addRow(m_secondLabel, m_secondPath);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    setTabOrder(m_format, m_viewChoice);
    setTabOrder(m_viewChoice, m_path);
    setTabOrder(m_path, m_browse);
    setTabOrder(m_browse, m_secondPath);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_path, &QLineEdit::textEdited, this, [this] {
        if (!m_secondEdited)
            m_secondPath->setText(namespacesCsvPathFor(m_path->text()));
    });
    connect(m_secondPath, &QLineEdit::textEdited, this, [this] { m_secondEdited = true; });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::exportNow);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Snapshot formats need a snapshot, image formats a view: start on one that can work.
    if (!m_snapshot && !m_views.isEmpty())
        m_format->setCurrentIndex(3);
    setPath(inLastFileFolder(QStringLiteral("nsexplorer-snapshot.json")));
    formatChanged();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

ExportFormat ExportDialog::format() const
{
    return static_cast<ExportFormat>(m_format->currentData().toInt());
}

void ExportDialog::setFormat(ExportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

QString ExportDialog::path() const
{
    return m_path->text();
}

void ExportDialog::setPath(const QString& path)
{
    m_path->setText(path);
    if (!m_secondEdited)
        m_secondPath->setText(namespacesCsvPathFor(path));
}

QString ExportDialog::secondPath() const
{
    return m_secondPath->text();
}

QString ExportDialog::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

QWidget* ExportDialog::view() const
{
    const int i = m_viewChoice->currentIndex();
    return i >= 0 && i < m_views.size() ? m_views[i].widget : nullptr;
}

QString ExportDialog::viewName() const
{
    const int i = m_viewChoice->currentIndex();
    return i >= 0 && i < m_views.size() ? m_views[i].name : QString();
}

void ExportDialog::formatChanged()
{
    const ExportFormat f = format();
    const bool csv = f == ExportFormat::Csv;
    m_secondLabel->setVisible(csv);
    m_secondPath->setVisible(csv);
    const bool image = f == ExportFormat::Png || f == ExportFormat::Svg;
    m_viewLabel->setVisible(image);
    m_viewChoice->setVisible(image);
    // Follow the format with the file's extension, keeping the name the user typed.
    const QFileInfo info(m_path->text());
    if (!m_path->text().isEmpty()) {
        QString base = info.completeBaseName();
        if (csv && !base.endsWith(QLatin1String("-processes")))
            base += QStringLiteral("-processes");
        if (!csv && base.endsWith(QLatin1String("-processes")))
            base.chop(int(qstrlen("-processes")));
        setPath(info.dir().filePath(base + QLatin1Char('.') + extensionOf(f)));
    }
    m_error->hide();
}

void ExportDialog::browse()
{
    const ExportFormat f = format();
    const QString ext = extensionOf(f);
    const QString filter = tr("%1 files (*.%2)").arg(ext.toUpper(), ext);
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path(), filter);
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ExportDialog::showError(const QString& message)
{
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, diffForeground(DiffKind::Removed, palette()));
    m_error->setPalette(p);
    m_error->setText(message);
    m_error->show();
}

bool ExportDialog::exportNow()
{
    const ExportFormat f = format();
    QString error;
    QStringList written;
    const bool needsSnapshot =
        f == ExportFormat::Json || f == ExportFormat::Csv || f == ExportFormat::Dot;
    if (needsSnapshot && !m_snapshot) {
        error = tr("There is no snapshot to export yet");
    } else if (!needsSnapshot && !view()) {
        error = tr("There is no view to export");
    } else {
        try {
            switch (f) {
            case ExportFormat::Json:
                error = exportJson(*m_snapshot, path());
                written = {path()};
                break;
            case ExportFormat::Csv:
                error = exportCsv(*m_snapshot, path(), secondPath());
                written = {path(), secondPath()};
                break;
            case ExportFormat::Dot:
                error = exportDot(*m_snapshot, path());
                written = {path()};
                break;
            case ExportFormat::Png:
                error = exportWidgetPng(view(), path());
                written = {path()};
                break;
            case ExportFormat::Svg:
                error = exportWidgetSvg(view(), path(), viewName());
                written = {path()};
                break;
            }
        } catch (const std::exception& e) {
            // The serialisers should not throw on a valid snapshot; if one does, say so
            // rather than take the application down.
            error = tr("Export failed: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    if (!error.isEmpty()) {
        showError(error);
        return false;
    }
    m_error->hide();
    rememberFileFolder(path());
    emit exported(written);
    accept();
    return true;
}

} // namespace nsx::gui
