#pragma once

#include <QStringList>
#include <vector>

#include "core/models/layer_info.h"
#include "core/train/training_config.h"
#include "ui/pages/page.h"
#include "ui/widgets/weights_panel.h"

namespace tlw {
struct HeadSpec;
}

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace tlw::ui {

class FineTunePresetButton;
class LayerTableModel;

// Everything the Model page decides, as the training wiring and project files take it. The defaults are
// core's (trainingDefaults()), the same as tlw train's.
struct ModelSettings {
    // core's backbone id: "vgg16", "squeezenet", "mobilenet_0.25", ...
    QString backbone = QString::fromStdString(tlw::backboneId(tlw::trainingDefaults().backbone));
    int imageSize = tlw::trainingDefaults().imageSize.width;  // square input, pixels
    // Keras include_top: the ImageNet classifier too (VGG16 only, 224 px only)
    bool includeTop = tlw::trainingDefaults().replaceImageNetTop;
    double dropout = tlw::trainingDefaults().dropout;  // before the classifier head
    // Keras's Normalization after the pooling, adapted on the training images
    bool normalizeFeatures = tlw::trainingDefaults().normalizeFeatures;
    // BN layers that train normalise by the batch and update their statistics (off: Keras's training=False)
    bool updateBatchNormStatistics = tlw::trainingDefaults().updateBatchNormStatistics;
    std::vector<bool> trainable;  // one flag per row of the layer table; empty before it is built
    int frozenPrefix = -1;        // K when the frozen layers are layers[:K] (Keras's fine_tune_at), else -1
    QString weightsFile;          // a weights file the user chose; empty: discovery finds one
    bool pretrained = true;       // false: the user chose to go on without pretrained weights

    // The same settings for another backbone: its layers are others, so the freeze set (flags and
    // fine_tune_at) goes, and the new backbone starts frozen as the tutorial does.
    ModelSettings withBackbone(const QString& otherBackbone) const {
        ModelSettings settings = *this;
        settings.backbone = otherBackbone;
        settings.trainable.clear();
        settings.frozenPrefix = -1;
        return settings;
    }
};

// Page 2: the backbone (VGG16 or SqueezeNet), image size, ImageNet top and head dropout; the weights panel
// (found at PATH, or what is missing, where it was looked for and where to put it, with Choose / Download /
// Continue without); and the layer table with a Trainable checkbox per layer, freeze presets and Keras's
// totals line. Emits intentions and settings; the model controller talks to core.
class ModelPage : public Page {
    Q_OBJECT
public:
    explicit ModelPage(QWidget* parent = nullptr);

    LayerTableModel* layerModel() const { return m_layers; }
    QTableView* layerView() const { return m_table; }
    // The new head's layers, listed after the base's once the dataset's classes are known.
    const LayerTableModel* headLayerModel() const { return m_headLayers; }
    QTableView* headLayerView() const { return m_headTable; }
    ModelSettings modelSettings() const;
    // Shows the settings without emitting anything (the controller then rebuilds the table).
    void setModelSettings(const ModelSettings& settings);
    WeightsPanel* weightsPanel() const { return m_weightsPanel; }
    WeightsStatus weightsStatus() const { return m_weightsPanel->status(); }
    QString summaryText() const;
    // The whole model's totals, the head for the dataset's classes included (Keras's model.summary()).
    QString wholeModelSummaryText() const;
    QString weightsHeadline() const;
    QString weightsDetail() const;
    bool notPretrainedBadgeVisible() const;
    // The weights in use, for the About dialog: "VGG16, Keras ImageNet weights: PATH", or why there are none.
    QString weightsDescription() const;
    FineTunePresetButton* fineTunePresetButton() const { return m_fineTuneButton; }
    // The presets' menu entries: "Fine-Tune the Last Block (fine_tune_at = 15)", ...
    QStringList fineTunePresetTexts() const;
    QPushButton* trainFromSelectedButton() const { return m_freezeUpToButton; }
    bool randomFrozenWarningVisible() const;
    QPushButton* freezeAllButton() const { return m_freezeAllButton; }
    QPushButton* unfreezeAllButton() const { return m_unfreezeButton; }
    QPushButton* chooseWeightsButton() const { return m_weightsPanel->chooseButton(); }
    QPushButton* downloadButton() const { return m_weightsPanel->downloadButton(); }
    QPushButton* cancelDownloadButton() const { return m_weightsPanel->cancelDownloadButton(); }
    QPushButton* continueWithoutButton() const { return m_weightsPanel->continueWithoutButton(); }
    QCheckBox* includeTopBox() const { return m_includeTop; }
    QComboBox* backboneBox() const { return m_backbone; }
    QSpinBox* imageSizeBox() const { return m_imageSize; }

    // The row a backbone's "fine-tune" preset starts training at: core's fineTunePreset (block5_conv2 for
    // VGG16, the seed's fine_tune_at = 16; fire8 for SqueezeNet).
    static int fineTunePreset(const QString& backbone, bool includeTop);

public slots:
    // Keeps the weights file and pretrained choice of the settings shown; the freeze flags are the rows'.
    void setLayers(const std::vector<tlw::LayerInfo>& layers);
    void setWeightsStatus(const tlw::ui::WeightsStatus& status);
    void setChosenWeightsFile(const QString& path);
    // The open dataset's class count (the head's size); below 2: none yet.
    void setClassCount(int classes);
    // Keras's fine_tune_at = the selected row: it and every later layer train.
    void freezeUpToSelectedRow();
    // The backbone's usual preset (VGG16: the tutorial's fine_tune_at = 16).
    void applyFineTunePreset();
    // Layers before `layer` frozen, it and every later one trainable.
    void fineTuneFrom(const QString& layer);

signals:
    // Backbone, image size or ImageNet top changed by the user: the layer table must be rebuilt.
    void architectureChanged(const tlw::ui::ModelSettings& settings);
    // Anything changed, freezing included.
    void modelSettingsChanged(const tlw::ui::ModelSettings& settings);
    void freezeChanged(const std::vector<bool>& trainable);
    void locateWeightsRequested();
    void downloadWeightsRequested();
    void cancelDownloadRequested();
    void continueWithoutWeightsRequested();
    void weightsDescriptionChanged(const QString& description);

protected:
    void retranslateUi() override;

private:
    QWidget* createSettingsRow();
    QWidget* createWeightsPanel();
    QWidget* createLayerArea();
    void onArchitectureEdited();
    void updateSummary();
    void updateTopControls();
    void showLayerContextMenu(const QPoint& position);
    void trainFromRow(int row);
    QString wholeModelSummary() const;
    tlw::HeadSpec headSpec() const;
    QTableView* createHeadTable(QWidget* parent);
    void updateHeadLayers();
    void alignHeadColumns();
    void updateTrainFromButton();
    void updateRandomFrozenWarning();
    QString backboneName() const;

    LayerTableModel* m_layers;
    QString m_weightsFile;
    int m_sizeBeforeTop = 224;
    QLabel* m_backboneLabel;
    QComboBox* m_backbone;
    QLabel* m_imageSizeLabel;
    QSpinBox* m_imageSize;
    QCheckBox* m_includeTop;
    QLabel* m_dropoutLabel;
    QDoubleSpinBox* m_dropout;
    QCheckBox* m_normalize;
    QCheckBox* m_batchNormUpdates;  // shown for backbones with BatchNormalization
    QLabel* m_notPretrainedBadge;
    WeightsPanel* m_weightsPanel;
    QLabel* m_layersHeading;
    QStackedWidget* m_tableStates;
    QLabel* m_noLayersLabel;
    QTableView* m_table;
    LayerTableModel* m_headLayers;
    QLabel* m_headHeading;
    QTableView* m_headTable;
    QPushButton* m_freezeUpToButton;
    QPushButton* m_freezeAllButton;
    FineTunePresetButton* m_fineTuneButton;
    QPushButton* m_unfreezeButton;
    QLabel* m_summary;
    QLabel* m_wholeSummary;
    int m_classCount = 0;
    QLabel* m_randomFrozenWarning;  // not pretrained, yet layers frozen
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::ModelSettings)
