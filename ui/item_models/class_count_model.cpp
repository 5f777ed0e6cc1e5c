#include "ui/item_models/class_count_model.h"

#include <QLocale>

namespace tlw::ui {

ClassCountModel::ClassCountModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClassCountModel::setClasses(const std::vector<DatasetClassSummary>& classes) {
    beginResetModel();
    Row all;
    std::vector<Row> rows;
    rows.reserve(classes.size() + 1);
    rows.push_back({});  // "All classes", filled in below
    for (const DatasetClassSummary& summary : classes) {
        rows.push_back({summary.name, summary.counts, summary.total()});
        for (size_t subset = 0; subset < all.counts.size(); ++subset)
            all.counts[subset] += summary.counts[subset];
        all.images += summary.total();
    }
    rows.front() = all;
    m_rows = std::move(rows);
    endResetModel();
}

void ClassCountModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ClassCountModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ClassCountModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClassCountModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            if (column == ClassColumn) return index.row() == kAllClassesRow ? tr("All classes") : row.name;
            return countText(row, column);
        case Qt::TextAlignmentRole:
            if (column != ClassColumn && column != ShareColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::ToolTipRole:
            // The full name, for one elided in a narrow column.
            if (column == ClassColumn) return data(index, Qt::DisplayRole);
            return column == ShareColumn ? QVariant(shareToolTip(row)) : QVariant();
        case ShareRole:
            return column == ShareColumn ? QVariant(share(row)) : QVariant();
        default:
            return {};
    }
}

QVariant ClassCountModel::countText(const Row& row, int column) {
    if (column < TrainColumn || column > TestColumn) return {};
    return QLocale().toString(row.counts[static_cast<size_t>(column - TrainColumn)]);
}

double ClassCountModel::share(const Row& row) const {
    const int total = m_rows.front().images;  // the "All classes" row's
    return total > 0 ? static_cast<double>(row.images) / total : 0.0;
}

QString ClassCountModel::shareToolTip(const Row& row) const {
    return tr("%1 images, %2 % of the dataset")
        .arg(QLocale().toString(row.images), QLocale().toString(100.0 * share(row), 'f', 1));
}

QVariant ClassCountModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case ClassColumn:
            return tr("Class");
        case TrainColumn:
            return tr("Training");
        case ValidationColumn:
            return tr("Validation");
        case TestColumn:
            return tr("Test");
        case ShareColumn:
            return tr("Share");
        default:
            return {};
    }
}

}  // namespace tlw::ui
