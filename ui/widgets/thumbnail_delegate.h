#pragma once

#include <QStyledItemDelegate>

namespace tlw::ui {

// Draws a ThumbnailGridView cell: the thumbnail centred in a box of the view's icon size, whatever its
// aspect ratio, so every caption starts at the same height; then the cell's badges (BadgesRole: its class,
// its subset) as small labels over the image's top and bottom edges.
class ThumbnailDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ThumbnailDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

    // Where the image and the caption of `index` go within `option.rect` (tests check the alignment).
    QRect imageRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    QRect captionRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    void paintBadges(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
};

}  // namespace tlw::ui
