#include "ui/item_models/confusion_matrix_model.h"

#include <QColor>
#include <QLocale>
#include <algorithm>
#include <numeric>

namespace tlw::ui {

namespace {
// The ends of matplotlib's "Blues" colour map.
const QColor kLightest(0xf7, 0xfb, 0xff);
const QColor kDarkest(0x08, 0x30, 0x6b);
// Above this share the cell is dark enough for white text.
constexpr double kWhiteTextShare = 0.5;
}  // namespace

ConfusionMatrixModel::ConfusionMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfusionMatrixModel::setMatrix(const QStringList& classNames,
                                     const std::vector<std::vector<int>>& counts) {
    const auto size = static_cast<std::size_t>(classNames.size());
    if (counts.size() != size ||
        std::any_of(counts.begin(), counts.end(), [size](const auto& row) { return row.size() != size; }))
        return;
    beginResetModel();
    m_classNames = classNames;
    m_counts = counts;
    m_rowTotals.clear();
    for (const auto& row : m_counts) m_rowTotals.push_back(std::accumulate(row.begin(), row.end(), 0));
    endResetModel();
}

void ConfusionMatrixModel::clear() {
    beginResetModel();
    m_classNames.clear();
    m_counts.clear();
    m_rowTotals.clear();
    endResetModel();
}

int ConfusionMatrixModel::count(int trueClass, int predictedClass) const {
    if (trueClass < 0 || predictedClass < 0 || trueClass >= rowCount() || predictedClass >= columnCount())
        return 0;
    return m_counts[static_cast<std::size_t>(trueClass)][static_cast<std::size_t>(predictedClass)];
}

int ConfusionMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_counts.size());
}

int ConfusionMatrixModel::columnCount(const QModelIndex& parent) const { return rowCount(parent); }

double ConfusionMatrixModel::rowShare(int row, int column) const {
    const int total = m_rowTotals[static_cast<std::size_t>(row)];
    return total > 0 ? static_cast<double>(count(row, column)) / total : 0.0;
}

QColor ConfusionMatrixModel::shade(double share) {
    const double t = std::clamp(share, 0.0, 1.0);
    const auto mix = [t](int from, int to) { return static_cast<int>(from + (to - from) * t + 0.5); };
    return QColor(mix(kLightest.red(), kDarkest.red()), mix(kLightest.green(), kDarkest.green()),
                  mix(kLightest.blue(), kDarkest.blue()));
}

QVariant ConfusionMatrixModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return QLocale().toString(count(row, column));
        case CountRole:
            return count(row, column);
        case RowShareRole:
            return rowShare(row, column);
        case Qt::BackgroundRole:
            return shade(rowShare(row, column));
        case Qt::ForegroundRole:
            return rowShare(row, column) > kWhiteTextShare ? QColor(Qt::white) : QColor(0x20, 0x21, 0x24);
        case Qt::TextAlignmentRole:
            return static_cast<int>(Qt::AlignCenter);
        case Qt::ToolTipRole:
            return tr("True class %1, predicted %2: %n image(s) (%3% of %1)", nullptr, count(row, column))
                .arg(m_classNames[row], m_classNames[column],
                     QLocale().toString(rowShare(row, column) * 100.0, 'f', 1));
        default:
            return {};
    }
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (section < 0 || section >= m_classNames.size()) return {};
    switch (role) {
        case Qt::DisplayRole:
            return m_classNames[section];
        case Qt::ToolTipRole:
            return orientation == Qt::Horizontal ? tr("Predicted as %1").arg(m_classNames[section])
                                                 : tr("True class %1").arg(m_classNames[section]);
        default:
            return {};
    }
}

}  // namespace tlw::ui
