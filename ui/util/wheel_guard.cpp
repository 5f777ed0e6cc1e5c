#include "ui/util/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QWheelEvent>

namespace tlw::ui {

namespace {
QAbstractScrollArea* enclosingScrollArea(QWidget* widget) {
    for (QWidget* parent = widget->parentWidget(); parent != nullptr; parent = parent->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(parent)) return area;
    return nullptr;
}
}  // namespace

WheelGuard::WheelGuard(QObject* parent) : QObject(parent) { qApp->installEventFilter(this); }

WheelGuard::~WheelGuard() {
    if (qApp != nullptr) qApp->removeEventFilter(this);
}

bool WheelGuard::guards(const QWidget* widget) {
    return qobject_cast<const QAbstractSpinBox*>(widget) != nullptr ||
           qobject_cast<const QComboBox*>(widget) != nullptr;
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::Polish && event->type() != QEvent::Wheel) return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    if (widget == nullptr || !guards(widget)) return false;
    if (event->type() == QEvent::Polish) {
        if (widget->focusPolicy() == Qt::WheelFocus) widget->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    if (widget->hasFocus()) return false;
    // Qt passes an ignored wheel event on to the parents only when it came from the window system; handing
    // it to the scroll area here scrolls the panel for a synthesized one as well.
    event->ignore();
    if (QAbstractScrollArea* area = enclosingScrollArea(widget)) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        QWidget* viewport = area->viewport();
        const QPointF position = viewport->mapFromGlobal(wheel->globalPosition());
        QWheelEvent forwarded(position, wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
                              wheel->buttons(), wheel->modifiers(), wheel->phase(), wheel->inverted(),
                              wheel->source(), wheel->pointingDevice());
        forwarded.setAccepted(false);
        QCoreApplication::sendEvent(viewport, &forwarded);
        event->setAccepted(forwarded.isAccepted());
    }
    return true;
}

}  // namespace tlw::ui
