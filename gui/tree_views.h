// The tree view used for the three views: a header menu to show and hide columns, header state
// saved with a version number, and a delegate that draws type icons, the fading highlight of
// recently appeared rows and the greyed look of vanished ones — all from the palette.
#pragma once

#include <QSettings>
#include <QStyledItemDelegate>
#include <QTreeView>

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
    static constexpr int kHeaderVersion = 1;

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

signals:
    void contextMenuWanted(const QModelIndex& index, const QPoint& globalPos);

private:
    void showHeaderMenu(const QPoint& pos);
    void collectColumn(const QModelIndex& parent, int column, QStringList& out) const;

    QString m_name;
    QList<int> m_defaultHidden;
};

} // namespace nsx::gui
