#include "ui/widgets/thumbnail_delegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <algorithm>

#include "ui/item_models/thumbnail_list_model.h"

namespace tlw::ui {

namespace {
constexpr int kBadgeMargin = 3;
constexpr int kBadgePadding = 4;

const QStyle* styleOf(const QStyleOptionViewItem& option) {
    return option.widget != nullptr ? option.widget->style() : QApplication::style();
}

// A dark translucent label: readable over any photo, light or dark.
void paintBadge(QPainter* painter, const QRect& area, const QString& text, const QFont& font,
                Qt::Alignment corner) {
    const QFontMetrics metrics(font);
    const int maxWidth = area.width() - 2 * kBadgeMargin;
    const QString shown = metrics.elidedText(text, Qt::ElideRight, maxWidth - 2 * kBadgePadding);
    const QSize size(std::min(metrics.horizontalAdvance(shown) + 2 * kBadgePadding, maxWidth),
                     metrics.height() + 2);
    const int x = (corner & Qt::AlignRight) ? area.right() - kBadgeMargin - size.width() + 1
                                            : area.left() + kBadgeMargin;
    const int y = (corner & Qt::AlignBottom) ? area.bottom() - kBadgeMargin - size.height() + 1
                                             : area.top() + kBadgeMargin;
    const QRect badge(QPoint(x, y), size);
    QPainterPath shape;
    shape.addRoundedRect(badge, 4, 4);
    painter->fillPath(shape, QColor(0, 0, 0, 170));
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, shown);
}
}  // namespace

ThumbnailDelegate::ThumbnailDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void ThumbnailDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    // A pixmap decoration sets the size to the pixmap's, so a landscape thumbnail would pull its caption
    // up; the view's icon size for all keeps the captions on one line (the pixmap is centred, not scaled).
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option->widget))
        option->decorationSize = view->iconSize();
}

QRect ThumbnailDelegate::imageRect(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return styleOf(opt)->subElementRect(QStyle::SE_ItemViewItemDecoration, &opt, opt.widget);
}

QRect ThumbnailDelegate::captionRect(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return styleOf(opt)->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
}

void ThumbnailDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    paintBadges(painter, option, index);
}

void ThumbnailDelegate::paintBadges(QPainter* painter, const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const {
    const QStringList badges = index.data(ThumbnailListModel::BadgesRole).toStringList();
    if (badges.isEmpty()) return;
    QRect image = imageRect(option, index);
    // Over the picture itself when it is narrower or shorter than its box.
    if (const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>(); !pixmap.isNull()) {
        const QSize shown = pixmap.size() / pixmap.devicePixelRatio();
        image = QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, shown.boundedTo(image.size()), image);
    }
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // The first badge (the class) at the top left, the second (the subset) at the bottom right.
    const Qt::Alignment corners[] = {Qt::AlignTop | Qt::AlignLeft, Qt::AlignBottom | Qt::AlignRight};
    for (int i = 0; i < std::min<int>(badges.size(), 2); ++i)
        if (!badges[i].isEmpty()) paintBadge(painter, image, badges[i], font, corners[i]);
    painter->restore();
}

}  // namespace tlw::ui
