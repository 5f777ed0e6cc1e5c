#include "ui/item_models/prediction_table_model.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace tlw::ui {

namespace {
QString percent(double probability) {
    return QLocale().toString(probability * 100.0, 'f', 1) + QStringLiteral(" %");
}
}  // namespace

PredictionTableModel::PredictionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PredictionTableModel::setPredictions(const QStringList& classNames,
                                          std::vector<PredictionResult> predictions) {
    beginResetModel();
    m_classNames = classNames;
    m_rows = std::move(predictions);
    endResetModel();
}

void PredictionTableModel::clear() { setPredictions({}, {}); }

int PredictionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PredictionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstClassColumn + static_cast<int>(m_classNames.size());
}

QString PredictionTableModel::answerText(const PredictionResult& row) {
    if (!row.error.isEmpty()) return {};
    if (row.unknownAnswer) return tr("unknown");
    if (!row.answer.isEmpty()) return row.answer;
    return row.topK.empty() ? QString() : row.topK.front().className;
}

QVariant PredictionTableModel::displayValue(const PredictionResult& row, int column) const {
    switch (column) {
        case AnswerColumn:
            return answerText(row);
        case FileColumn:
            return QFileInfo(row.imagePath).fileName();
        case ClassColumn:
            return row.error.isEmpty() && !row.topK.empty() ? row.topK.front().className : row.error;
        case ProbabilityColumn:
            return row.topK.empty() ? QVariant() : percent(row.topK.front().probability);
        default: {
            const auto classIndex = static_cast<std::size_t>(column - FirstClassColumn);
            return classIndex < row.probabilities.size() ? percent(row.probabilities[classIndex])
                                                         : QVariant();
        }
    }
}

// Unreadable images sort below every probability.
QVariant PredictionTableModel::sortValue(const PredictionResult& row, int column) const {
    switch (column) {
        case FileColumn:
            return QFileInfo(row.imagePath).fileName();
        case ClassColumn:
            return row.topK.empty() ? QString() : row.topK.front().className;
        case ProbabilityColumn:
            return row.topK.empty() ? -1.0 : row.topK.front().probability;
        case AnswerColumn:
            return answerText(row);
        default: {
            const auto classIndex = static_cast<std::size_t>(column - FirstClassColumn);
            return classIndex < row.probabilities.size() ? row.probabilities[classIndex] : -1.0;
        }
    }
}

QVariant PredictionTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const PredictionResult& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return displayValue(row, index.column());
        case SortRole:
            return sortValue(row, index.column());
        case PathRole:
            return row.imagePath;
        case Qt::ToolTipRole:
            return index.column() == FileColumn ? QDir::toNativeSeparators(row.imagePath) : QVariant();
        case Qt::TextAlignmentRole:
            return index.column() == ProbabilityColumn || index.column() >= FirstClassColumn
                       ? static_cast<int>(Qt::AlignRight | Qt::AlignVCenter)
                       : static_cast<int>(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            return row.error.isEmpty() ? QVariant() : QColor(0xb3, 0x26, 0x1e);
        default:
            return {};
    }
}

QVariant PredictionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case FileColumn:
            return tr("File");
        case ClassColumn:
            return tr("Predicted class");
        case ProbabilityColumn:
            return tr("Probability");
        case AnswerColumn:
            return tr("Answer");
        default:
            return m_classNames.value(section - FirstClassColumn);
    }
}

}  // namespace tlw::ui
