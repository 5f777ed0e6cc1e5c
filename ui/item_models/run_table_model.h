#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "core/train/run_record.h"

namespace tlw::ui {

// The recorded runs, newest first, as the Training page's Runs tab lists them: the model file (checkable:
// the checked runs are overlaid and compared), when it finished, backbone, epochs, the kept epoch's
// validation accuracy and loss, and the run's time.
class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ModelColumn,
        FinishedColumn,
        BackboneColumn,
        EpochsColumn,
        AccuracyColumn,
        LossColumn,
        TimeColumn,
        ColumnCount
    };

    explicit RunTableModel(QObject* parent = nullptr);

    // Runs checked before stay checked when they are still listed.
    void setRuns(std::vector<tlw::RunRecord> runs);
    const std::vector<tlw::RunRecord>& runs() const { return m_runs; }
    std::vector<tlw::RunRecord> checkedRuns() const;
    void setChecked(int row, bool checked);
    int rowOf(const QString& modelFile) const;  // -1: not listed

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "10:31" today, else the locale's short date and time: when a run (recorded in UTC) finished.
    static QString finishedText(const std::string& utc);

signals:
    void checkedRunsChanged();

private:
    QVariant displayValue(const tlw::RunRecord& run, int column) const;

    std::vector<tlw::RunRecord> m_runs;
    std::vector<bool> m_checked;
};

}  // namespace tlw::ui
