// A visible focus frame (the style's own is faint or absent): the palette's highlight colour,
// 2 px, around a widget that has the keyboard focus. The tree views, the details pane and the
// charts draw it, so the focus can be seen wherever Tab takes it.
#pragma once

#include <QEvent>
#include <QPainter>
#include <QWidget>

namespace nsx::gui {

inline void drawFocusFrame(QWidget* widget)
{
    QPainter p(widget);
    p.setPen(QPen(widget->palette().color(QPalette::Highlight), 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(widget->rect()).adjusted(1, 1, -1, -1));
}

// A widget class with the frame drawn over what it paints itself, for widgets made as they are
// (the chart views); classes of our own call drawFocusFrame from their event().
template <typename Base> class FocusFramed : public Base
{
public:
    using Base::Base;
    // For a frameless scroll area, whose viewport would cover the frame: 2 px kept free.
    void reserveFocusFrame() { this->setViewportMargins(2, 2, 2, 2); }

protected:
    bool event(QEvent* event) override
    {
        const bool handled = Base::event(event);
        if (event->type() == QEvent::Paint && this->hasFocus())
            drawFocusFrame(this);
        else if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
            this->update();
        return handled;
    }
};

} // namespace nsx::gui
