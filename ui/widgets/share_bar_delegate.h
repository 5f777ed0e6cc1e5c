#pragma once

#include <QStyledItemDelegate>

namespace tlw::ui {

// Draws a cell as a thin bar, vertically centred, filled to the fraction (0 to 1) the model gives in
// `role`: a share column that reads at a glance, without a widget per row.
class ShareBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ShareBarDelegate(int role, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    int m_role;
};

}  // namespace tlw::ui
