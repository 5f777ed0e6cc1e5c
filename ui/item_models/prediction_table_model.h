#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "ui/widgets/prediction_card.h"

namespace tlw::ui {

// A folder's predictions as a table: file, most probable class, its probability, the answer under the
// model's thresholds (the top class when it has none; "unknown" when no class is sure enough), then one
// probability column per class. SortRole gives numbers as numbers, so a QSortFilterProxyModel sorts "9 %"
// below "10 %"; images that could not be read show their reason instead of classes.
class PredictionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FileColumn, ClassColumn, ProbabilityColumn, AnswerColumn, FirstClassColumn };
    enum Role { SortRole = Qt::UserRole + 1, PathRole };

    explicit PredictionTableModel(QObject* parent = nullptr);

    void setPredictions(const QStringList& classNames, std::vector<PredictionResult> predictions);
    void clear();
    const std::vector<PredictionResult>& predictions() const { return m_rows; }
    const QStringList& classNames() const { return m_classNames; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QString answerText(const PredictionResult& row);
    QVariant displayValue(const PredictionResult& row, int column) const;
    QVariant sortValue(const PredictionResult& row, int column) const;

    QStringList m_classNames;
    std::vector<PredictionResult> m_rows;
};

}  // namespace tlw::ui
