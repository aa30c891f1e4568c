// The tree view used for the four views: a header menu to show and hide columns, header state
// saved with a version number, and a delegate that draws type icons, the fading highlight of
// recently appeared rows and the greyed look of vanished ones — all from the palette.
#pragma once

#include <QPersistentModelIndex>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTreeView>

#include <vector>

namespace nsx::gui {

class RowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

class NsTreeView : public QTreeView
{
    Q_OBJECT
public:
    // Bump when the columns of a model change: a saved layout of another version is ignored.
    static constexpr int kHeaderVersion = 2; // 2: Processes gained Container

    explicit NsTreeView(const QString& name, QWidget* parent = nullptr);

    QString name() const { return m_name; }
    // Columns hidden until the user shows them.
    void setDefaultHiddenColumns(const QList<int>& columns);
    void saveHeader(QSettings& settings) const;
    void restoreHeader(QSettings& settings);
    void resetColumns();

    // Text of the visible columns of a row, tab-separated; of one column, every row.
    QString rowText(const QModelIndex& index) const;
    QString columnText(int column) const;

    // Keyboard focus into the results, on the current row (the first one when none is).
    void focusResults();

    void setModel(QAbstractItemModel* model) override;
    void reset() override;
    void doItemsLayout() override;

signals:
    void contextMenuWanted(const QModelIndex& index, const QPoint& globalPos);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                     const QList<int>& roles = QList<int>()) override;
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex& parent, int start, int end) override;

private:
    // A row on screen after a layout: which one, where, and the scroll position.
    struct ShownRow
    {
        QPersistentModelIndex index;
        int y = 0;
        friend bool operator==(const ShownRow&, const ShownRow&) = default;
    };
    std::vector<ShownRow> shownRows() const;
    bool shownAncestors(const QModelIndex& index) const;
    void noteStructureChange(const QModelIndex& parent);
    void updateRowBand(const QModelIndex& first, const QModelIndex& last);

    void showHeaderMenu(const QPoint& pos);
    void collectColumn(const QModelIndex& parent, int column, QStringList& out) const;

    QString m_name;
    QList<int> m_defaultHidden;
    // True whenever Qt may have a relayout pending (it then repaints everything anyway): a
    // superset of Qt's own private flag, cleared when the layout runs (doItemsLayout).
    bool m_layoutMaybePending = true;
    // What the last layout showed, and rows that changed while a layout was pending: after
    // a relayout that moved nothing on screen only those are repainted.
    std::vector<ShownRow> m_shown;
    int m_shownScroll = -1;
    QList<QPersistentModelIndex> m_dirtyRows;
};

} // namespace nsx::gui
