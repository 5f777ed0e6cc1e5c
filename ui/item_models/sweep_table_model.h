#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <optional>
#include <vector>

namespace tlw::ui {

// One fine_tune_at candidate as the sweep dialog's table shows it; filled from core's SweepCandidate.
struct SweepRow {
    int fineTuneAt = 0;
    QString firstTrainableLayer;
    std::optional<double> valAccuracy;
    std::optional<double> valLoss;
    int keptEpoch = 0;
    qint64 trainableParams = 0;
    double seconds = 0.0;
    QString modelFile;
    bool stopped = false;
};

// The sweep's candidates, best first: rank, fine_tune_at, the first layer that trains, validation accuracy
// and loss of the kept epoch, that epoch, trainable parameters and time.
class SweepTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        FineTuneAtColumn,
        LayerColumn,
        AccuracyColumn,
        LossColumn,
        EpochColumn,
        ParamsColumn,
        TimeColumn,
        ColumnCount
    };

    explicit SweepTableModel(QObject* parent = nullptr);

    void setRows(std::vector<SweepRow> rows);  // already ranked
    const std::vector<SweepRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayValue(const SweepRow& row, int rank, int column) const;

    std::vector<SweepRow> m_rows;
};

}  // namespace tlw::ui
