#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "core/models/layer_info.h"

namespace tlw::ui {

// The backbone's layers as Keras's base_model.summary() lists them, plus a Trainable checkbox on every
// row (Keras lets any layer be frozen). Freezing never changes the list, only the checkboxes; every change
// emits freezeChanged() with one flag per layer (true = trainable) for the training settings.
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IndexColumn,
        NameColumn,
        TypeColumn,
        OutputShapeColumn,
        ParamsColumn,
        TrainableColumn,
        ColumnCount
    };

    explicit LayerTableModel(QObject* parent = nullptr);

    void setLayers(std::vector<tlw::LayerInfo> layers);
    const std::vector<tlw::LayerInfo>& layers() const { return m_layers; }
    std::vector<bool> trainableFlags() const;
    tlw::ParamTotals totals() const { return tlw::paramTotals(m_layers); }
    // Keras's fine_tune_at for the current freeze set when it is a prefix (layers[:n] frozen, the rest
    // trainable); -1 when the frozen layers are not a prefix.
    int frozenPrefix() const;

    // layers[:row + 1] frozen, the rest trainable: Keras's fine_tune_at = row + 1.
    void freezeUpTo(int row);
    // Keras's base_model.trainable = False: every layer of the backbone frozen (the "top" head stays
    // trainable).
    void freezeAll();
    // Keras's fine_tune_at = the index of the first layer named `layerOrGroup`, or else of the first layer
    // of that group: every layer before it frozen, it and every later layer trainable. "block5_conv2" is
    // the seed's fine_tune_at = 16 for VGG16, "fire8" SqueezeNet's fire8-fire9 recipe. Returns false,
    // changing nothing, when no layer has that name or group.
    bool fineTuneFrom(const std::string& layerOrGroup);
    // The row fineTuneFrom() would start training at, or -1.
    int rowOf(const std::string& layerOrGroup) const;
    void unfreezeAll();
    void setTrainableFlags(const std::vector<bool>& trainable);  // ignored unless one flag per layer

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The three lines Keras prints under its summary, with its thousands separators:
    // "Total params: 14,714,688\nTrainable params: 14,714,688\nNon-trainable params: 0".
    static QString kerasSummaryText(const tlw::ParamTotals& totals);

    // Off for layers whose trainable flag is not the user's to change (the new head always trains).
    void setCheckable(bool checkable) { m_checkable = checkable; }

signals:
    void freezeChanged(const std::vector<bool>& trainable);

private:
    void applyTrainable(const std::vector<bool>& trainable);  // emits once, only when something changed
    static bool isHeadLayer(const tlw::LayerInfo& layer);

    std::vector<tlw::LayerInfo> m_layers;
    bool m_checkable = true;
};

}  // namespace tlw::ui
