#include "ui/widgets/share_bar_delegate.h"

#include <QApplication>
#include <QStyleOption>
#include <algorithm>

namespace tlw::ui {

namespace {
constexpr int kBarHeight = 10;
constexpr int kSideMargin = 6;
constexpr int kSteps = 1000;  // the bar's resolution: finer than a pixel on any screen
}  // namespace

ShareBarDelegate::ShareBarDelegate(int role, QObject* parent) : QStyledItemDelegate(parent), m_role(role) {}

void ShareBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    // The cell's background and selection as in any other cell of the row, then the bar on top.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &cell, painter, widget);

    const double share = std::clamp(index.data(m_role).toDouble(), 0.0, 1.0);
    QStyleOptionProgressBar bar;
    bar.direction = option.direction;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    bar.state = (option.state & QStyle::State_Enabled) | QStyle::State_Horizontal;
    bar.rect =
        QRect(option.rect.left() + kSideMargin, option.rect.top() + (option.rect.height() - kBarHeight) / 2,
              std::max(option.rect.width() - 2 * kSideMargin, 0), kBarHeight);
    bar.minimum = 0;
    bar.maximum = kSteps;
    bar.progress = static_cast<int>(share * kSteps + 0.5);
    bar.textVisible = false;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

}  // namespace tlw::ui
