#pragma once

#include <vector>

#include "core/models/layer_info.h"
#include "ui/pages/page.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace tlw::ui {

class LayerTableModel;

// The model choices the Model page owns; the lead passes them to core with the freeze set.
struct ModelSettings {
    QString backbone = QStringLiteral("vgg16");  // "vgg16" or "squeezenet1_1"
    int imageSize = 224;                         // square input, pixels
    double dropout = 0.2;                        // before the classifier head
};

// What the weights area says; the lead fills it from core's weight discovery and download.
struct WeightsStatus {
    enum class State { Unknown, Found, Missing, Downloading, NotPretrained };
    State state = State::Unknown;
    QString path;              // where the weights were found, or where they should go
    QString detail;            // one more line: a file size, an error, the download URL...
    int progressPercent = -1;  // while downloading; -1 when unknown
};

// Page 2: the backbone, its weights, and the layer table with a Trainable checkbox per layer.
class ModelPage : public Page {
    Q_OBJECT
public:
    explicit ModelPage(QWidget* parent = nullptr);

    LayerTableModel* layerModel() const { return m_layers; }
    QTableView* layerView() const { return m_table; }
    ModelSettings modelSettings() const;
    void setModelSettings(const ModelSettings& settings);
    WeightsStatus weightsStatus() const { return m_weights; }
    QString summaryText() const;

public slots:
    void setLayers(const std::vector<tlw::LayerInfo>& layers);
    void setWeightsStatus(const tlw::ui::WeightsStatus& status);
    void freezeUpToSelectedRow();

signals:
    void modelSettingsChanged(const tlw::ui::ModelSettings& settings);
    void freezeChanged(const std::vector<bool>& trainable);
    void locateWeightsRequested();
    void downloadWeightsRequested();

protected:
    void retranslateUi() override;

private:
    QWidget* createSettingsRow();
    QWidget* createWeightsPanel();
    QWidget* createLayerArea();
    void updateSummary();
    void updateWeightsPanel();
    void showLayerContextMenu(const QPoint& position);

    LayerTableModel* m_layers;
    WeightsStatus m_weights;
    QLabel* m_backboneLabel;
    QComboBox* m_backbone;
    QLabel* m_imageSizeLabel;
    QSpinBox* m_imageSize;
    QLabel* m_dropoutLabel;
    QDoubleSpinBox* m_dropout;
    QLabel* m_weightsIcon;
    QLabel* m_weightsHeadline;
    QLabel* m_weightsDetail;
    QProgressBar* m_weightsProgress;
    QPushButton* m_locateButton;
    QPushButton* m_downloadButton;
    QLabel* m_layersHeading;
    QStackedWidget* m_tableStates;
    QLabel* m_noLayersLabel;
    QTableView* m_table;
    QPushButton* m_freezeUpToButton;
    QPushButton* m_freezeAllButton;
    QPushButton* m_fineTuneButton;
    QPushButton* m_unfreezeButton;
    QLabel* m_summary;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::ModelSettings)
Q_DECLARE_METATYPE(tlw::ui::WeightsStatus)
