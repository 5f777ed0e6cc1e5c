#include "ui/item_models/run_table_model.h"

#include <QDateTime>
#include <QLocale>
#include <set>

#include "core/models/backbone.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {

QString figure(const std::optional<double>& value) {
    return value ? QLocale().toString(*value, 'f', 4) : QStringLiteral("–");
}

QString backboneText(const std::string& id) {
    try {
        return QString::fromStdString(tlw::backboneDisplayName(tlw::parseBackboneKind(id)));
    } catch (const std::exception&) {
        return QString::fromStdString(id);  // a backbone this version does not know
    }
}

}  // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

QString RunTableModel::finishedText(const std::string& utc) {
    const QDateTime when = QDateTime::fromString(QString::fromStdString(utc), Qt::ISODate).toLocalTime();
    if (!when.isValid()) return QString::fromStdString(utc);
    if (when.date() == QDate::currentDate()) return QLocale().toString(when.time(), QLocale::ShortFormat);
    return QLocale().toString(when, QLocale::ShortFormat);
}

void RunTableModel::setRuns(std::vector<tlw::RunRecord> runs) {
    std::set<std::filesystem::path> checked;
    for (const tlw::RunRecord& run : checkedRuns()) checked.insert(run.modelFile);
    beginResetModel();
    m_runs = std::move(runs);
    m_checked.assign(m_runs.size(), false);
    for (std::size_t i = 0; i < m_runs.size(); ++i) m_checked[i] = checked.count(m_runs[i].modelFile) > 0;
    endResetModel();
    emit checkedRunsChanged();
}

std::vector<tlw::RunRecord> RunTableModel::checkedRuns() const {
    std::vector<tlw::RunRecord> checked;
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_checked[i]) checked.push_back(m_runs[i]);
    return checked;
}

void RunTableModel::setChecked(int row, bool checked) {
    setData(index(row, ModelColumn), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

int RunTableModel::rowOf(const QString& modelFile) const {
    const std::filesystem::path wanted = toPath(modelFile);
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].modelFile == wanted) return static_cast<int>(i);
    return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

Qt::ItemFlags RunTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ModelColumn) flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const std::size_t row = static_cast<std::size_t>(index.row());
    const tlw::RunRecord& run = m_runs[row];
    if (role == Qt::DisplayRole) return displayValue(run, index.column());
    if (role == Qt::CheckStateRole && index.column() == ModelColumn)
        return m_checked[row] ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole) return toQString(run.modelFile);
    if (role == Qt::TextAlignmentRole && index.column() >= EpochsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

bool RunTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != ModelColumn || role != Qt::CheckStateRole) return false;
    const std::size_t row = static_cast<std::size_t>(index.row());
    const bool checked = value.toInt() == Qt::Checked;
    if (m_checked[row] == checked) return true;
    m_checked[row] = checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedRunsChanged();
    return true;
}

QVariant RunTableModel::displayValue(const tlw::RunRecord& run, int column) const {
    switch (column) {
        case ModelColumn:
            return toQString(run.modelFile.filename());
        case FinishedColumn:
            return finishedText(run.finishedAt);
        case BackboneColumn:
            return backboneText(run.backbone);
        case EpochsColumn:
            return run.stopped ? tr("%1 (stopped)").arg(run.epochsRun) : QString::number(run.epochsRun);
        case AccuracyColumn:
            return figure(run.kept.valAccuracy);
        case LossColumn:
            return figure(run.kept.valLoss);
        case TimeColumn:
            return tr("%1 s").arg(QLocale().toString(run.wallSeconds, 'f', 1));
        default:
            return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case ModelColumn:
            return tr("Model");
        case FinishedColumn:
            return tr("Finished");
        case BackboneColumn:
            return tr("Backbone");
        case EpochsColumn:
            return tr("Epochs");
        case AccuracyColumn:
            return tr("Validation accuracy");
        case LossColumn:
            return tr("Validation loss");
        case TimeColumn:
            return tr("Time");
        default:
            return {};
    }
}

}  // namespace tlw::ui
