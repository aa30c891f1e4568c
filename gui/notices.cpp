#include "notices.h"

#include "filter_proxy.h"
#include "snapshot.h"
#include "tree_model.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTime>

namespace nsx::gui {

ScanBanner::ScanBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_label);
    hide();
}

void ScanBanner::showFor(const model::SnapshotPtr& s, bool offline, int flattenedRows)
{
    if (!s) {
        hide();
        return;
    }
    const int errors = int(s->errors.size());
    QString text;
    if (s->scannerUid != 0)
        text = tr("Running as uid %1: namespaces of other users' processes can't be read; "
                  "%n error(s) in the last scan. Run as root to see everything.",
                  nullptr, errors)
                   .arg(s->scannerUid);
    else if (!s->complete)
        text =
            tr("Some entries could not be read in the last scan (%n error(s)).", nullptr, errors);
    if (offline && !text.isEmpty())
        text = tr("Offline snapshot — ") + text;
    // A parent chain longer than the views nest (a crafted file): say where its rows went.
    if (flattenedRows > 0) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += tr("%n row(s) nested deeper than %1 levels are shown side by side at level %1.",
                   nullptr, flattenedRows)
                    .arg(model::Layout::kMaxDepth);
    }
    if (text.isEmpty()) {
        hide();
        return;
    }
    QStringList detail;
    for (std::size_t i = 0; i < s->errors.size() && i < 20; ++i)
        detail << QStringLiteral("%1: %2").arg(QString::fromStdString(s->errors[i].path),
                                               QString::fromStdString(s->errors[i].error));
    if (s->errors.size() > 20)
        detail << tr("… and %1 more").arg(s->errors.size() - 20);
    m_label->setText(text);
    m_label->setToolTip(detail.join(QLatin1Char('\n')));
    show();
}

EmptyNotice::EmptyNotice(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("emptyNotice"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_label = new QLabel(tr("Nothing matches the filter."), this);
    layout->addWidget(m_label, 1);
    m_reset = new QPushButton(tr("Reset filter"), this);
    m_reset->setObjectName(QStringLiteral("resetFilter"));
    layout->addWidget(m_reset);
    hide();
}

void EmptyNotice::showFor(const model::NamespaceFilterProxy* proxy, bool haveSnapshot)
{
    const bool empty = haveSnapshot && proxy->rowCount() == 0 && proxy->filter().isActive();
    if (empty)
        m_label->setText(proxy->isPatternValid()
                             ? tr("Nothing matches the filter in this view.")
                             : tr("The pattern is not a valid regular expression: %1")
                                   .arg(proxy->patternError()));
    setVisible(empty);
}

ScanStatus::ScanStatus(QStatusBar* bar)
    : QObject(bar), m_counts(new QLabel(bar)), m_scan(new QLabel(bar)), m_paused(new QLabel(bar))
{
    m_paused->setObjectName(QStringLiteral("pausedLabel"));
    bar->addPermanentWidget(m_counts);
    bar->addPermanentWidget(m_scan);
    bar->addPermanentWidget(m_paused);
}

void ScanStatus::showFor(const model::SnapshotPtr& snapshot, bool offline, bool filtered,
                         double lastScanMs, bool paused)
{
    if (snapshot) {
        m_counts->setText(tr("%n namespace(s)", nullptr, int(snapshot->namespaces.size())) +
                          QStringLiteral(", ") +
                          tr("%n process(es)", nullptr, int(snapshot->processes.size())) +
                          (filtered ? tr(" (filtered)") : QString()));
    } else {
        m_counts->setText(offline ? QString() : tr("Scanning…"));
    }
    if (offline && snapshot)
        m_scan->setText(tr("Snapshot taken %1").arg(QString::fromStdString(snapshot->takenAt)));
    else if (lastScanMs >= 0 && snapshot)
        m_scan->setText(tr("Last scan %1 (%2 ms)")
                            .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                            .arg(qRound(lastScanMs)));
    else
        m_scan->clear();
    m_paused->setText(paused ? tr("Paused") : QString());
}

} // namespace nsx::gui
