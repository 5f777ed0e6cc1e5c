#include "ui/item_models/sweep_table_model.h"

#include <QLocale>

namespace tlw::ui {

namespace {
QString figure(const std::optional<double>& value) {
    return value ? QLocale().toString(*value, 'f', 4) : QStringLiteral("–");
}
}  // namespace

SweepTableModel::SweepTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepTableModel::setRows(std::vector<SweepRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SweepTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SweepTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SweepTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const SweepRow& row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) return displayValue(row, index.row() + 1, index.column());
    if (role == Qt::TextAlignmentRole && index.column() != LayerColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && row.stopped) return tr("Stopped before its last epoch");
    return {};
}

QVariant SweepTableModel::displayValue(const SweepRow& row, int rank, int column) const {
    switch (column) {
        case RankColumn:
            return rank;
        case FineTuneAtColumn:
            return row.fineTuneAt;
        case LayerColumn:
            return row.firstTrainableLayer;
        case AccuracyColumn:
            return figure(row.valAccuracy);
        case LossColumn:
            return figure(row.valLoss);
        case EpochColumn:
            return row.keptEpoch;
        case ParamsColumn:
            return QLocale().toString(row.trainableParams);
        case TimeColumn:
            return tr("%1 s").arg(QLocale().toString(row.seconds, 'f', 1));
        default:
            return {};
    }
}

QVariant SweepTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case RankColumn:
            return tr("Rank");
        case FineTuneAtColumn:
            return tr("Fine-tune from");
        case LayerColumn:
            return tr("First trained layer");
        case AccuracyColumn:
            return tr("Validation accuracy");
        case LossColumn:
            return tr("Validation loss");
        case EpochColumn:
            return tr("Kept epoch");
        case ParamsColumn:
            return tr("Trainable parameters");
        case TimeColumn:
            return tr("Time");
        default:
            return {};
    }
}

}  // namespace tlw::ui
