#include "map_items.h"

#include "chart_colors.h"
#include "printable.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace nsx::gui {

using backend::NsType;
namespace netmap = backend::netmap;

namespace {

constexpr qreal kPad = 6;
constexpr qreal kMinWidth = 150, kMaxWidth = 320;

QString text(const std::string& raw)
{
    return QString::fromStdString(backend::displayString(raw, backend::DisplayStyle::Terminal));
}

// The host's card says "host: HOSTNAME" in the graph (the CLI's machine output); shown translated.
QString titleOf(const netmap::Card& card)
{
    constexpr std::string_view kHost = "host: ";
    if (card.initial && card.title.starts_with(kHost))
        return QObject::tr("host: %1").arg(text(card.title.substr(kHost.size())));
    return text(card.title);
}

// A port's one line: "eth0 · veth · 10.0.0.2/24" (the first address; the rest in the tooltip).
QString portLine(const netmap::Port& p)
{
    QString s = text(p.name);
    if (!p.kind.empty() && p.kind != "?")
        s += QStringLiteral(" · ") + QString::fromStdString(p.kind);
    if (!p.addresses.empty())
        s += QStringLiteral("  ") + QString::fromStdString(p.addresses.front());
    return s;
}

// The line under the title: "net 4026531840 · 3 processes", as painted.
QString subtitleOf(const netmap::Card& card)
{
    QString sub = QString::fromStdString(card.subtitle);
    if (card.processes)
        sub += QStringLiteral(" · ") + QObject::tr("%n process(es)", nullptr, card.processes);
    return sub;
}

// Width in average characters: a CJK character takes two (a translated subtitle in Chinese).
int displayChars(const QString& s)
{
    int n = 0;
    for (const QChar c : s)
        n += c.unicode() >= 0x2E80 ? 2 : 1;
    return n;
}

qreal headerHeight(qreal lineHeight)
{
    return lineHeight * 1.5;
}

// Grey for a vanished item: the palette's text half-way to the base.
QColor vanishedColor(const QPalette& pal)
{
    return blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.55);
}

} // namespace

MapNodeItem::MapNodeItem(const MapItemStyle* style, QString id)
    : m_style(style), m_id(std::move(id))
{
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
}

QPointF MapNodeItem::anchor(const std::string&, const QPointF& towards) const
{
    const QPointF c = mapToScene(m_rect.center());
    return QPointF(towards.x() < c.x() ? mapToScene(m_rect.topLeft()).x()
                                       : mapToScene(m_rect.topRight()).x(),
                   c.y());
}

void MapNodeItem::setSelected(bool selected)
{
    if (m_selected != selected) {
        m_selected = selected;
        update();
    }
}

void MapNodeItem::setVanished(bool vanished)
{
    if (m_vanished != vanished) {
        m_vanished = vanished;
        update();
    }
}

void MapNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent*)
{
    m_hover = true;
    update();
    emit hovered(m_id, true);
}

void MapNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*)
{
    m_hover = false;
    update();
    emit hovered(m_id, false);
}

void MapNodeItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    // Accepted so the release comes here; a drag (the view pans) is not a click.
    m_pressPos = event->screenPos();
    event->accept();
}

void MapNodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton &&
        (event->screenPos() - m_pressPos).manhattanLength() < 6)
        emit clicked(m_id);
}

QSizeF MapCardItem::sizeFor(const netmap::Card& card, qreal cw, qreal lh)
{
    // The subtitle is drawn at 0.85 of the font.
    int chars =
        std::max(displayChars(titleOf(card)), int(displayChars(subtitleOf(card)) * 0.85) + 1);
    for (const netmap::Port& p : card.ports)
        chars = std::max(chars, int(portLine(p).size()) + 2);
    for (const std::string& r : card.routes)
        chars = std::max(chars, int(r.size() * 0.85));
    const qreal w = std::clamp(chars * cw + 2 * kPad + 10, kMinWidth, kMaxWidth);
    const qreal h = headerHeight(lh) + lh * (1 + qreal(card.ports.size())) +
                    lh * 0.85 * qreal(card.routes.size()) + kPad;
    return {w, h};
}

MapCardItem::MapCardItem(const MapItemStyle* style, const netmap::Card& card)
    : MapNodeItem(style, QString::fromStdString(card.id))
{
    setCard(card);
}

void MapCardItem::setCard(const netmap::Card& card)
{
    prepareGeometryChange();
    m_card = card;
    m_portRow.clear();
    for (std::size_t i = 0; i < card.ports.size(); ++i)
        m_portRow.emplace(card.ports[i].id, int(i));
    const QSizeF s = sizeFor(card, m_style->charWidth, m_style->lineHeight);
    m_rect = QRectF(QPointF(-s.width() / 2, -s.height() / 2), s);
    QStringList tip{titleOf(card), QString::fromStdString(card.subtitle)};
    if (card.processes)
        tip << QObject::tr("%n process(es)", nullptr, card.processes);
    constexpr std::size_t kTipPorts = 24; // a bridge with 2,000 ports: a tooltip, not a page
    for (const netmap::Port& p : card.ports) {
        if (tip.size() == kTipPorts + 3) {
            tip << QObject::tr("… %n more interface(s)", nullptr,
                               int(card.ports.size() - kTipPorts));
            break;
        }
        QString line = portLine(p);
        if (p.mac)
            line += QStringLiteral("  ") + QString::fromStdString(*p.mac);
        if (p.mtu)
            line += QObject::tr("  mtu %1").arg(*p.mtu);
        for (std::size_t i = 1; i < p.addresses.size(); ++i)
            line += QStringLiteral("\n    ") + QString::fromStdString(p.addresses[i]);
        tip << line;
    }
    for (const std::string& r : card.routes)
        tip << QString::fromStdString(r);
    setToolTip(tip.join(QLatin1Char('\n')));
    update();
}

QPointF MapCardItem::anchor(const std::string& port, const QPointF& towards) const
{
    const auto it = m_portRow.find(port);
    if (it == m_portRow.end())
        return MapNodeItem::anchor(port, towards);
    const qreal lh = m_style->lineHeight;
    const qreal y = m_rect.top() + headerHeight(lh) + lh * (1.5 + qreal(it->second));
    const bool left = towards.x() < scenePos().x();
    return mapToScene(QPointF(left ? m_rect.left() : m_rect.right(), y));
}

void MapCardItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const QPalette& pal = m_style->palette;
    const qreal lh = m_style->lineHeight;
    const QColor type = m_vanished ? vanishedColor(pal) : typeColor(NsType::Net, pal);
    const QColor base = pal.color(QPalette::Base);
    const QColor textColor = m_vanished ? vanishedColor(pal) : pal.color(QPalette::Text);
    p->setRenderHint(QPainter::Antialiasing);
    QPen border(m_selected ? pal.color(QPalette::Highlight) : type,
                m_selected || m_hover ? 3 : 1.5);
    if (m_vanished)
        border.setStyle(Qt::DashLine);
    p->setPen(border);
    p->setBrush(blend(base, type, 0.06));
    p->drawRoundedRect(m_rect, 6, 6);

    const QRectF header(m_rect.left(), m_rect.top(), m_rect.width(), headerHeight(lh));
    // The header in the type's base tone, which white text reads on in both themes.
    const QColor band = m_vanished ? type : typeBaseColor(NsType::Net);
    p->setPen(Qt::NoPen);
    p->setBrush(band);
    p->drawRoundedRect(header, 6, 6);
    p->fillRect(header.adjusted(0, header.height() / 2, 0, 0), band); // square lower corners
    // Zoomed far out (thousands of cards in view) text would be unreadable specks: shapes only.
    if (option->levelOfDetailFromTransform(p->worldTransform()) < 0.3)
        return;
    QFont bold = m_style->font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(Qt::white); // white reads on every typeColor (chart_colors.h)
    const QRectF titleRect = header.adjusted(kPad, 0, -kPad, 0);
    p->drawText(
        titleRect, Qt::AlignVCenter | Qt::AlignLeft,
        p->fontMetrics().elidedText(titleOf(m_card), Qt::ElideRight, int(titleRect.width())));
    QFont small = m_style->font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p->setFont(small);
    p->setPen(blend(textColor, base, 0.35));
    qreal y = header.bottom();
    const QString sub = subtitleOf(m_card);
    p->drawText(QRectF(m_rect.left() + kPad, y, m_rect.width() - 2 * kPad, lh),
                Qt::AlignVCenter | Qt::AlignLeft, sub);
    y += lh;
    p->setFont(m_style->font);
    const QFontMetricsF fm(m_style->font);
    for (const netmap::Port& port : m_card.ports) {
        const QColor dot = port.up ? type : blend(textColor, base, 0.6);
        p->setPen(Qt::NoPen);
        p->setBrush(dot);
        p->drawEllipse(QPointF(m_rect.left(), y + lh / 2), 3.5, 3.5);
        p->drawEllipse(QPointF(m_rect.right(), y + lh / 2), 3.5, 3.5);
        p->setPen(port.up ? textColor : blend(textColor, base, 0.5));
        const QRectF r(m_rect.left() + kPad + 4, y, m_rect.width() - 2 * kPad - 8, lh);
        p->drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                    fm.elidedText(portLine(port), Qt::ElideRight, r.width()));
        y += lh;
    }
    p->setFont(small);
    p->setPen(blend(textColor, base, 0.35));
    for (const std::string& route : m_card.routes) {
        p->drawText(QRectF(m_rect.left() + kPad, y, m_rect.width() - 2 * kPad, lh * 0.85),
                    Qt::AlignVCenter | Qt::AlignLeft, QString::fromStdString(route));
        y += lh * 0.85;
    }
}

MapOutsideItem::MapOutsideItem(const MapItemStyle* style)
    : MapNodeItem(style, QString::fromLatin1(netmap::kOutsideId))
{
    m_rect = QRectF(-50, -22, 100, 44);
    setToolTip(QObject::tr("Outside: the physical network this machine's NICs connect to"));
}

void MapOutsideItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QPalette& pal = m_style->palette;
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(pal.color(QPalette::Text), m_hover ? 2.5 : 1.2, Qt::DashLine));
    p->setBrush(pal.color(QPalette::AlternateBase));
    p->drawEllipse(m_rect);
    p->setFont(m_style->font);
    p->drawText(m_rect, Qt::AlignCenter, QObject::tr("outside"));
}

MapWireItem::MapWireItem(const MapItemStyle* style, const netmap::Wire& wire)
    : m_style(style), m_wire(wire)
{
    setZValue(-1); // under the cards
    restyle();
}

void MapWireItem::route(const MapNodeItem* from, const MapNodeItem* to)
{
    const QPointF a0 = from->mapToScene(from->rect().center());
    const QPointF b0 = to->mapToScene(to->rect().center());
    const QPointF a = from->anchor(m_wire.from, b0);
    const QPointF b = to->anchor(m_wire.to, a0);
    if (!path().isEmpty() && a == m_a && b == m_b)
        return; // its ends did not move: no new geometry for the scene to take in
    m_a = a;
    m_b = b;
    QPainterPath path(a);
    // A gentle S between the two sides; a wire inside one card (bridge port) bows outwards.
    const qreal dx = std::max<qreal>(40, std::abs(b.x() - a.x()) / 2);
    const qreal sa = a.x() < a0.x() ? -1 : 1, sb = b.x() < b0.x() ? -1 : 1;
    path.cubicTo(a + QPointF(sa * dx, 0), b + QPointF(sb * dx, 0), b);
    setPath(path);
}

void MapWireItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal lod = option->levelOfDetailFromTransform(p->worldTransform());
    QPen pen = this->pen();
    if (lod < 0.3 && !m_highlight) {
        p->setRenderHint(QPainter::Antialiasing, false);
        pen.setWidth(0); // cosmetic, one pixel
        pen.setStyle(Qt::SolidLine);
    }
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawPath(path());
}

void MapWireItem::setHighlighted(bool on)
{
    if (m_highlight != on) {
        m_highlight = on;
        restyle();
    }
}

void MapWireItem::restyle()
{
    const QPalette& pal = m_style->palette;
    QColor c = m_highlight ? pal.color(QPalette::Highlight)
                           : blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.35);
    QPen pen(c, m_highlight ? 3.5 : 1.6);
    switch (m_wire.kind) {
    case netmap::Wire::Kind::Veth:
        pen.setWidthF(pen.widthF() + 0.8);
        break;
    case netmap::Wire::Kind::Master:
        if (!m_highlight)
            pen.setColor(typeColor(NsType::Net, pal));
        break;
    case netmap::Wire::Kind::Lower:
        pen.setStyle(Qt::DashLine);
        break;
    case netmap::Wire::Kind::Uplink:
        pen.setStyle(Qt::DotLine);
        break;
    }
    setPen(pen);
    setZValue(m_highlight ? 0.5 : -1);
}

MapNestItem::MapNestItem(const MapItemStyle* style, const netmap::NestBox& box)
    : m_style(style), m_box(box), m_id(QString::fromStdString(box.id))
{
    m_box.children.clear();
    setPos(box.x, box.y);
    setCursor(Qt::PointingHandCursor);
    if (box.kind == netmap::NestBox::Kind::Process)
        setToolTip(QObject::tr("PID at every level, outermost first: %1")
                       .arg(QString::fromStdString(box.title)));
}

void MapNestItem::setBox(const netmap::NestBox& box)
{
    const QPointF at(box.x, box.y);
    if (pos() != at)
        setPos(at);
    if (box.title == m_box.title && box.width == m_box.width && box.height == m_box.height &&
        box.vanished == m_box.vanished)
        return;
    if (box.width != m_box.width || box.height != m_box.height)
        prepareGeometryChange();
    m_box.title = box.title;
    m_box.width = box.width;
    m_box.height = box.height;
    m_box.vanished = box.vanished;
    m_box.x = box.x;
    m_box.y = box.y;
    if (box.kind == netmap::NestBox::Kind::Process)
        setToolTip(QObject::tr("PID at every level, outermost first: %1")
                       .arg(QString::fromStdString(box.title)));
    update();
}

QRectF MapNestItem::boundingRect() const
{
    return QRectF(0, 0, m_box.width, m_box.height).adjusted(-2, -2, 2, 2);
}

void MapNestItem::setMatch(bool match)
{
    if (m_match != match) {
        m_match = match;
        update();
    }
}

void MapNestItem::setSelected(bool selected)
{
    if (m_selected != selected) {
        m_selected = selected;
        update();
    }
}

void MapNestItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*)
{
    // Zoomed far out (thousands of boxes in view): shapes only, as the cards.
    const bool words = option->levelOfDetailFromTransform(p->worldTransform()) >= 0.3;
    using Kind = netmap::NestBox::Kind;
    const QPalette& pal = m_style->palette;
    const QColor base = pal.color(QPalette::Base);
    const bool gone = m_box.vanished;
    const QColor textColor = gone ? vanishedColor(pal) : pal.color(QPalette::Text);
    const QRectF r(0, 0, m_box.width, m_box.height);
    p->setRenderHint(QPainter::Antialiasing);
    // Times the item's own opacity (a new box fading in), never instead of it.
    p->setOpacity(p->opacity() * (m_match ? 1.0 : 0.35));
    QColor type =
        gone ? vanishedColor(pal)
             : typeColor(m_box.kind == Kind::Process || m_box.kind == Kind::More ? NsType::Pid
                                                                                 : m_box.type,
                         pal);
    QPen pen(m_selected ? pal.color(QPalette::Highlight) : type, m_selected ? 3 : 1.4);
    if (gone)
        pen.setStyle(Qt::DashLine);
    p->setFont(m_style->font);
    switch (m_box.kind) {
    case Kind::User:
    case Kind::Pid:
        p->setPen(pen);
        p->setBrush(blend(base, type, m_box.kind == Kind::User ? 0.05 : 0.08));
        p->drawRoundedRect(r, 5, 5);
        p->setPen(type);
        {
            QFont bold = m_style->font;
            bold.setBold(true);
            p->setFont(bold);
        }
        if (words)
            p->drawText(r.adjusted(8, 2, -4, 0), Qt::AlignTop | Qt::AlignLeft,
                        QString::fromStdString(m_box.title));
        break;
    case Kind::Process:
        p->setPen(m_selected || gone ? pen : QPen(blend(textColor, base, 0.6), 1));
        p->setBrush(base);
        p->drawRoundedRect(r, 3, 3);
        p->setPen(textColor);
        if (words)
            p->drawText(r, Qt::AlignCenter, QString::fromStdString(m_box.title));
        break;
    case Kind::Other:
        p->setPen(m_selected ? pen : Qt::NoPen);
        // White reads on the base tone in both themes; a vanished chip is grey.
        p->setBrush(gone ? type : typeBaseColor(m_box.type));
        p->drawRoundedRect(r, 8, 8);
        p->setPen(Qt::white);
        if (words)
            p->drawText(r, Qt::AlignCenter, QString::fromStdString(m_box.title));
        break;
    case Kind::More:
        p->setPen(blend(textColor, base, 0.4));
        if (words)
            p->drawText(r, Qt::AlignCenter, QString::fromStdString(m_box.title));
        break;
    }
}

void MapNestItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    m_pressPos = event->screenPos();
    event->accept();
}

void MapNestItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton &&
        (event->screenPos() - m_pressPos).manhattanLength() < 6)
        emit clicked(m_box);
}

} // namespace nsx::gui
