#include "filter_bar.h"

#include "chart_colors.h"
#include "type_icons.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSettings>
#include <QTimer>
#include <QToolButton>

namespace nsx::gui {

FilterBar::FilterBar(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search pid, command, inode, hostname… (Ctrl+F)"));
    m_search->setMinimumWidth(260);
    layout->addWidget(m_search, 3);

    m_regex = new QToolButton(this);
    m_regex->setObjectName(QStringLiteral("regex"));
    m_regex->setText(QStringLiteral(".*"));
    m_regex->setCheckable(true);
    m_regex->setToolTip(tr("Regular expression (each field is a line: ^ and $ anchor a field)"));
    layout->addWidget(m_regex);
    layout->addSpacing(8);

    for (backend::NsType t : backend::kAllNsTypes) {
        auto* b = new QToolButton(this);
        const QString name = QString::fromLatin1(backend::toString(t));
        b->setObjectName(QStringLiteral("type-") + name);
        b->setIcon(typeIcon(t));
        b->setText(name);
        b->setToolButtonStyle(Qt::ToolButtonIconOnly);
        b->setCheckable(true);
        b->setChecked(true);
        b->setAutoRaise(true);
        b->setToolTip(tr("Show %1 namespaces").arg(name));
        layout->addWidget(b);
        m_types[backend::index(t)] = b;
        connect(b, &QToolButton::toggled, this, &FilterBar::collect);
    }
    layout->addSpacing(8);

    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->addItem(tr("All users"), QString());
    m_user->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_user->setToolTip(tr("Processes of this user, and namespaces it owns"));
    layout->addWidget(m_user);

    m_nonInitial = new QCheckBox(tr("Only non-initial"), this);
    m_nonInitial->setObjectName(QStringLiteral("nonInitial"));
    m_nonInitial->setToolTip(
        tr("Hide the host's namespaces (PID 1's; kthreadd's when PID 1 cannot be read)"));
    layout->addWidget(m_nonInitial);

    // Typing filters after a short pause, so a long tree is not filtered on every key.
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(150);
    connect(m_typing, &QTimer::timeout, this, &FilterBar::collect);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    m_search->installEventFilter(this);
    connect(m_regex, &QToolButton::toggled, this, &FilterBar::collect);
    connect(m_user, &QComboBox::currentIndexChanged, this, &FilterBar::collect);
    connect(m_nonInitial, &QCheckBox::toggled, this, &FilterBar::collect);

    setTabOrder(m_search, m_regex);
}

bool FilterBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_search || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() & ~Qt::KeypadModifier)
        return false;
    switch (key->key()) {
    case Qt::Key_Escape:
        // The first Escape clears the search, the next one leaves the field.
        if (!m_search->text().isEmpty()) {
            m_search->clear();
            collect();
        } else {
            emit resultsWanted();
        }
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Down:
        collect(); // what was typed applies now, not after the pause
        emit resultsWanted();
        return true;
    default:
        return false;
    }
}

void FilterBar::collect()
{
    if (m_updating)
        return;
    m_typing->stop();
    model::FilterState s;
    // Surrounding blanks are typing noise (a lone space would match every command line).
    s.text = m_search->text().trimmed();
    s.regex = m_regex->isChecked();
    for (std::size_t i = 0; i < backend::kNsTypeCount; ++i)
        s.types[i] = m_types[i]->isChecked();
    s.user = m_user->currentData().toString();
    s.nonInitialOnly = m_nonInitial->isChecked();
    if (s == m_state)
        return;
    m_state = s;
    emit changed(m_state);
}

void FilterBar::setState(const model::FilterState& state)
{
    m_updating = true;
    m_search->setText(state.text);
    m_regex->setChecked(state.regex);
    for (std::size_t i = 0; i < backend::kNsTypeCount; ++i)
        m_types[i]->setChecked(state.types[i]);
    if (!state.user.isEmpty() && m_user->findData(state.user) < 0)
        m_user->addItem(state.user, state.user);
    m_user->setCurrentIndex(std::max(0, m_user->findData(state.user)));
    m_nonInitial->setChecked(state.nonInitialOnly);
    m_updating = false;
    collect();
}

void FilterBar::reset()
{
    setState({});
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::setUsers(const QStringList& users)
{
    const QString current = m_user->currentData().toString();
    QStringList all = users;
    if (!current.isEmpty() && !all.contains(current))
        all << current;
    all.sort();
    QStringList have;
    for (int i = 1; i < m_user->count(); ++i)
        have << m_user->itemData(i).toString();
    if (have == all)
        return;
    m_updating = true;
    while (m_user->count() > 1)
        m_user->removeItem(1);
    for (const QString& u : all)
        m_user->addItem(u, u);
    m_user->setCurrentIndex(std::max(0, m_user->findData(current)));
    m_updating = false;
}

void FilterBar::setPatternError(const QString& error)
{
    // A frame in the palette's "removed" colour (readable on light and dark themes) and the
    // error as the tooltip; the view keeps the last valid search meanwhile.
    const bool invalid = !error.isEmpty();
    m_search->setProperty("invalid", invalid);
    m_search->setStyleSheet(
        invalid ? QStringLiteral("QLineEdit#search { border: 2px solid %1; border-radius: 3px; "
                                 "padding: 1px 2px; }")
                      .arg(diffForeground(DiffKind::Removed, palette()).name())
                : QString());
    m_search->setToolTip(
        invalid ? tr("Invalid pattern: %1 (showing the last valid search)").arg(error) : QString());
}

void FilterBar::loadSettings(const QSettings& settings)
{
    // The search text is not restored: every start shows everything (the toggles, the user and
    // "only non-initial" are preferences, restored).
    model::FilterState f;
    f.regex = settings.value(QStringLiteral("filter/regex"), false).toBool();
    const QStringList off = settings.value(QStringLiteral("filter/hiddenTypes")).toStringList();
    for (const QString& t : off)
        if (auto type = backend::nsTypeFromString(t.toStdString()))
            f.types[backend::index(*type)] = false;
    f.user = settings.value(QStringLiteral("filter/user")).toString();
    f.nonInitialOnly = settings.value(QStringLiteral("filter/nonInitial"), false).toBool();
    setState(f);
}

void FilterBar::saveSettings(QSettings& settings) const
{
    const model::FilterState& f = m_state;
    settings.remove(QStringLiteral("filter/text")); // written by older versions, never read
    settings.setValue(QStringLiteral("filter/regex"), f.regex);
    QStringList off;
    for (backend::NsType t : backend::kAllNsTypes)
        if (!f.types[backend::index(t)])
            off << QString::fromLatin1(backend::toString(t));
    settings.setValue(QStringLiteral("filter/hiddenTypes"), off);
    settings.setValue(QStringLiteral("filter/user"), f.user);
    settings.setValue(QStringLiteral("filter/nonInitial"), f.nonInitialOnly);
}

} // namespace nsx::gui
