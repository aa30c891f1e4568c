// The filter bar above the views: search field (plain text or regular expression), a toggle per
// namespace type, a user, and "only non-initial namespaces". Emits the whole FilterState.
#pragma once

#include "filter_proxy.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QSettings;
class QLineEdit;
class QTimer;
class QToolButton;

namespace nsx::gui {

class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    model::FilterState state() const { return m_state; }
    void setState(const model::FilterState& state);
    // The state under "filter/*" of the application's settings, but for the search text: the
    // view starts unfiltered by text.
    void loadSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;
    // The users offered in the combo (the current choice is kept even if absent).
    void setUsers(const QStringList& users);
    // Marks the search field (red frame, the error as tooltip) when the pattern does not
    // compile; empty clears it.
    void setPatternError(const QString& error);

    QLineEdit* searchField() const { return m_search; }
    QToolButton* typeButton(backend::NsType type) const { return m_types[backend::index(type)]; }
    QComboBox* userCombo() const { return m_user; }
    QCheckBox* nonInitialBox() const { return m_nonInitial; }
    QToolButton* regexButton() const { return m_regex; }

public slots:
    void focusSearch();
    void reset();

signals:
    void changed(const nsx::model::FilterState& state);
    // Enter or Down in the search field, or Escape in an empty one: go to the results.
    void resultsWanted();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void collect();

    model::FilterState m_state;
    QLineEdit* m_search;
    QToolButton* m_regex;
    std::array<QToolButton*, backend::kNsTypeCount> m_types{};
    QComboBox* m_user;
    QCheckBox* m_nonInitial;
    QTimer* m_typing;
    bool m_updating = false;
};

} // namespace nsx::gui
