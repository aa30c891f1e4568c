// The graphics items of the Map view (map_view.h): a network namespace's card with its ports,
// a wire between two ports, the "outside" node, and a box of the nesting picture. They paint
// from the widget's palette (set on each item through MapItemStyle) and the one colour per
// namespace type (chart_colors typeBaseColor), so light and dark themes both read.
#pragma once

#include "netmap.h"

#include <QFont>
#include <QGraphicsObject>
#include <QGraphicsPathItem>
#include <QPalette>

#include <unordered_map>

namespace nsx::gui {

// What every item paints with; owned by the MapView, shared by pointer.
struct MapItemStyle
{
    QPalette palette;
    QFont font;
    qreal lineHeight = 16;
    qreal charWidth = 7;
};

// A card or the outside node: anything a wire ends on.
class MapNodeItem : public QGraphicsObject
{
    Q_OBJECT
public:
    MapNodeItem(const MapItemStyle* style, QString id);
    const QString& id() const { return m_id; }
    // Where a wire to `port` (a port id, or the node's own id) leaves, facing `towards`.
    virtual QPointF anchor(const std::string& port, const QPointF& towards) const;
    QRectF boundingRect() const override { return m_rect.adjusted(-3, -3, 3, 3); }
    QRectF rect() const { return m_rect; }
    bool isSelected() const { return m_selected; }
    void setSelected(bool selected);
    // Gone from the latest snapshot: drawn grey until the next one drops it.
    bool isVanished() const { return m_vanished; }
    void setVanished(bool vanished);

signals:
    void hovered(const QString& id, bool on);
    void clicked(const QString& id);

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    const MapItemStyle* m_style;
    QString m_id;
    QRectF m_rect;
    bool m_selected = false;
    bool m_vanished = false;
    bool m_hover = false;
    QPointF m_pressPos;
};

class MapCardItem : public MapNodeItem
{
    Q_OBJECT
public:
    MapCardItem(const MapItemStyle* style, const backend::netmap::Card& card);
    const backend::netmap::Card& card() const { return m_card; }
    // New content (same id); the size follows.
    void setCard(const backend::netmap::Card& card);
    QPointF anchor(const std::string& port, const QPointF& towards) const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    // The size a card of this content takes (also what the layout is given).
    static QSizeF sizeFor(const backend::netmap::Card& card, qreal charWidth, qreal lineHeight);

private:
    backend::netmap::Card m_card;
    std::unordered_map<std::string, int> m_portRow; // port id -> row
};

class MapOutsideItem : public MapNodeItem
{
    Q_OBJECT
public:
    explicit MapOutsideItem(const MapItemStyle* style);
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
};

class MapWireItem : public QGraphicsPathItem
{
public:
    MapWireItem(const MapItemStyle* style, const backend::netmap::Wire& wire);
    const backend::netmap::Wire& wire() const { return m_wire; }
    void setWire(const backend::netmap::Wire& wire) { m_wire = wire; }
    // Recomputes the path between the two nodes' anchors.
    void route(const MapNodeItem* from, const MapNodeItem* to);
    bool isHighlighted() const { return m_highlight; }
    void setHighlighted(bool on);
    void restyle();
    // Zoomed far out (thousands of wires in view) a thin aliased stroke: a full repaint of
    // 4,000 antialiased curves was most of a poll's GUI time at 2,000 namespaces.
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const MapItemStyle* m_style;
    backend::netmap::Wire m_wire;
    QPointF m_a, m_b; // the ends of the current path
    bool m_highlight = false;
};

// One box of the nesting picture (user / pid namespace, process, chip); its children are items
// of their own, drawn above it (z = depth).
class MapNestItem : public QGraphicsObject
{
    Q_OBJECT
public:
    MapNestItem(const MapItemStyle* style, const backend::netmap::NestBox& box);
    const backend::netmap::NestBox& box() const { return m_box; }
    const QString& id() const { return m_id; }
    // New content for the same id (title, size, place, vanished); repaints only on a change.
    void setBox(const backend::netmap::NestBox& box);
    bool isVanished() const { return m_box.vanished; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    void setMatch(bool match);
    bool isSelected() const { return m_selected; }
    void setSelected(bool selected);

signals:
    void clicked(const nsx::backend::netmap::NestBox& box);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

private:
    const MapItemStyle* m_style;
    backend::netmap::NestBox m_box; // without children (they are items)
    QString m_id;
    bool m_match = true;
    bool m_selected = false;
    QPointF m_pressPos;
};

} // namespace nsx::gui
