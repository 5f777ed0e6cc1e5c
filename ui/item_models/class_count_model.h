#pragma once

#include <QAbstractTableModel>
#include <array>
#include <vector>

#include "ui/pages/dataset_overview.h"

namespace tlw::ui {

// The Dataset page's class table: an "All classes" row, then one row per class, with the usable images
// per subset and each row's share of the dataset. The share column has no text: ShareRole gives the
// fraction (0 to 1) for a bar, the tooltip says it in words.
class ClassCountModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClassColumn, TrainColumn, ValidationColumn, TestColumn, ShareColumn, ColumnCount };
    enum Role { ShareRole = Qt::UserRole + 1 };
    static constexpr int kAllClassesRow = 0;

    explicit ClassCountModel(QObject* parent = nullptr);

    void setClasses(const std::vector<DatasetClassSummary>& classes);
    // Tells the views to read the header and the "All classes" row again, in the language now in use.
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;  // empty for the "All classes" row, which is worded when asked for
        std::array<int, kDatasetSubsetCount> counts{};
        int images = 0;
    };
    static QVariant countText(const Row& row, int column);
    QString shareToolTip(const Row& row) const;
    double share(const Row& row) const;

    std::vector<Row> m_rows;  // the "All classes" row first; none before setClasses()
};

}  // namespace tlw::ui
