#pragma once

#include <QObject>

class QWidget;

namespace tlw::ui {

// Spin boxes and combo boxes take the mouse wheel only when they have the keyboard focus. Scrolling a
// long settings panel with the wheel otherwise changed whichever field passed under the pointer (Patience
// went from 3 to 7 without a sign, issue 17); unfocused, the wheel scrolls the panel instead.
//
// One filter on the application covers every such box of every page and dialog: it gives them
// Qt::StrongFocus when they are polished (Qt::WheelFocus would let the wheel itself focus them), and hands
// an unfocused box's wheel event to the scroll area around it.
class WheelGuard : public QObject {
    Q_OBJECT
public:
    // Installs itself on the application; uninstalled when destroyed (with its parent).
    explicit WheelGuard(QObject* parent = nullptr);
    ~WheelGuard() override;

    // Whether the guard keeps the wheel from this widget while it has no focus.
    static bool guards(const QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace tlw::ui
