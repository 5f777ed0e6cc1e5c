#include "ui/item_models/layer_table_model.h"

#include <QColor>

namespace tlw::ui {

namespace {
QString qs(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setLayers(std::vector<tlw::LayerInfo> layers) {
    beginResetModel();
    m_layers = std::move(layers);
    endResetModel();
    emit freezeChanged(trainableFlags());
}

std::vector<bool> LayerTableModel::trainableFlags() const {
    std::vector<bool> flags;
    flags.reserve(m_layers.size());
    for (const tlw::LayerInfo& layer : m_layers) flags.push_back(layer.trainable);
    return flags;
}

int LayerTableModel::frozenPrefix() const {
    size_t frozen = 0;
    while (frozen < m_layers.size() && !m_layers[frozen].trainable) ++frozen;
    for (size_t row = frozen; row < m_layers.size(); ++row)
        if (!m_layers[row].trainable) return -1;
    return static_cast<int>(frozen);
}

bool LayerTableModel::isHeadLayer(const tlw::LayerInfo& layer) { return layer.group == "top"; }

void LayerTableModel::freezeUpTo(int row) {
    if (row < 0 || row >= rowCount()) return;
    std::vector<bool> trainable(m_layers.size());
    for (size_t i = 0; i < m_layers.size(); ++i) trainable[i] = static_cast<int>(i) > row;
    applyTrainable(trainable);
}

void LayerTableModel::freezeAll() {
    std::vector<bool> trainable(m_layers.size());
    for (size_t i = 0; i < m_layers.size(); ++i) trainable[i] = isHeadLayer(m_layers[i]);
    applyTrainable(trainable);
}

int LayerTableModel::rowOf(const std::string& layerOrGroup) const {
    for (size_t row = 0; row < m_layers.size(); ++row)
        if (m_layers[row].name == layerOrGroup) return static_cast<int>(row);
    for (size_t row = 0; row < m_layers.size(); ++row)
        if (m_layers[row].group == layerOrGroup) return static_cast<int>(row);
    return -1;
}

bool LayerTableModel::fineTuneFrom(const std::string& layerOrGroup) {
    const int first = rowOf(layerOrGroup);
    if (first < 0) return false;
    std::vector<bool> trainable(m_layers.size());
    for (size_t i = 0; i < m_layers.size(); ++i)
        trainable[i] = static_cast<int>(i) >= first || isHeadLayer(m_layers[i]);
    applyTrainable(trainable);
    return true;
}

void LayerTableModel::unfreezeAll() { applyTrainable(std::vector<bool>(m_layers.size(), true)); }

void LayerTableModel::setTrainableFlags(const std::vector<bool>& trainable) {
    if (trainable.size() == m_layers.size()) applyTrainable(trainable);
}

void LayerTableModel::applyTrainable(const std::vector<bool>& trainable) {
    int firstChanged = -1;
    int lastChanged = -1;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        if (m_layers[i].trainable == trainable[i]) continue;
        m_layers[i].trainable = trainable[i];
        if (firstChanged < 0) firstChanged = static_cast<int>(i);
        lastChanged = static_cast<int>(i);
    }
    if (firstChanged < 0) return;
    emit dataChanged(index(firstChanged, TrainableColumn), index(lastChanged, TrainableColumn),
                     {Qt::CheckStateRole});
    emit freezeChanged(trainableFlags());
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const tlw::LayerInfo& layer = m_layers[static_cast<size_t>(index.row())];
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
            case IndexColumn:
                return layer.index;
            case NameColumn:
                return qs(layer.name);
            case TypeColumn:
                return qs(layer.kerasType);
            case OutputShapeColumn:
                return qs(tlw::kerasShapeString(layer.outputShape));
            case ParamsColumn:
                return qs(tlw::formatThousands(layer.params));
            default:
                return {};
        }
    }
    if (role == Qt::CheckStateRole && column == TrainableColumn)
        return layer.trainable ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole && (column == IndexColumn || column == ParamsColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && !layer.trainable && column != TrainableColumn)
        return QColor(0x80, 0x86, 0x8b);  // frozen rows read as greyed out, like a disabled item
    if (role == Qt::ToolTipRole && column == TrainableColumn && layer.kerasType == "BatchNormalization") {
        // Keras: a frozen BatchNormalization layer also runs in inference mode.
        return layer.trainable ? tr("Trainable: its scale and offset (gamma, beta) are updated; its moving "
                                    "mean and variance stay ImageNet's unless BatchNorm statistics updates "
                                    "are on")
                               : tr("Frozen: keeps its pretrained weights and normalizes with its moving "
                                    "mean and variance (inference mode)");
    }
    if (role == Qt::ToolTipRole && column == TrainableColumn && !m_checkable)
        return tr("The new head always trains");
    if (role == Qt::ToolTipRole && column == TrainableColumn)
        return layer.trainable ? tr("Trainable: updated by training")
                               : tr("Frozen: keeps its pretrained weights");
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case IndexColumn:
                return tr("#");
            case NameColumn:
                return tr("Layer");
            case TypeColumn:
                return tr("Type");
            case OutputShapeColumn:
                return tr("Output Shape");
            case ParamsColumn:
                return tr("Param #");
            case TrainableColumn:
                return tr("Trainable");
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole && section == TrainableColumn)
        return tr("Unchecked layers are frozen (Keras: layer.trainable = False)");
    return {};
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const {
    const Qt::ItemFlags base = QAbstractTableModel::flags(index);
    return index.isValid() && index.column() == TrainableColumn && m_checkable
               ? base | Qt::ItemIsUserCheckable
               : base;
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return false;
    if (role != Qt::CheckStateRole || index.column() != TrainableColumn || !m_checkable) return false;
    std::vector<bool> trainable = trainableFlags();
    trainable[static_cast<size_t>(index.row())] = static_cast<Qt::CheckState>(value.toInt()) == Qt::Checked;
    applyTrainable(trainable);
    return true;
}

QString LayerTableModel::kerasSummaryText(const tlw::ParamTotals& totals) {
    return tr("Total params: %1\nTrainable params: %2\nNon-trainable params: %3")
        .arg(qs(tlw::formatThousands(totals.total)), qs(tlw::formatThousands(totals.trainable)),
             qs(tlw::formatThousands(totals.nonTrainable)));
}

}  // namespace tlw::ui
