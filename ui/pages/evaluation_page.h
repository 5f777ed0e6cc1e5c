#pragma once

#include <QStringList>
#include <optional>
#include <vector>

#include "ui/pages/evaluation_summary.h"
#include "ui/pages/page.h"
#include "ui/pages/trained_model_info.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSlider;
class QStandardItemModel;
class QTableView;
class QTabWidget;

namespace tlw::ui {

class RunSwitcher;

class ClassThresholdsPanel;
class ConfusionMatrixModel;
class GalleryGradCam;
class MetricCard;
class PrecisionRecallChart;
class ReliabilityChart;
class RocChart;
class ThumbnailGridView;
class ThumbnailListModel;

// Page 4: evaluate the trained model on the test split or another folder: metric cards, per-class table,
// the confusion matrix (double-click a cell to see its images), the reliability diagram, for two classes
// the ROC and precision-recall curves, and a gallery of the misclassified images, highest loss first, which
// can show where the model looked (Grad-CAM, galleryGradCam()). Emits intentions; the evaluation controller
// runs core's evaluation and computes the maps.
class EvaluationPage : public Page {
    Q_OBJECT
public:
    explicit EvaluationPage(QWidget* parent = nullptr);

    bool usesTestSplit() const;
    QString testFolder() const { return m_testFolder; }
    bool hasResults() const { return m_hasResults; }
    bool isBusy() const { return m_busy; }
    const EvaluationSummary& summary() const { return m_summary; }
    const TrainedModelInfo& modelInfo() const { return m_model; }
    ThumbnailListModel* galleryModel() const { return m_gallery; }
    ThumbnailGridView* galleryView() const { return m_galleryView; }
    GalleryGradCam* galleryGradCam() const { return m_galleryGradCam; }
    ConfusionMatrixModel* confusionModel() const { return m_confusion; }
    QTableView* confusionView() const { return m_confusionView; }
    RunSwitcher* runSwitcher() const { return m_runSwitcher; }
    ReliabilityChart* reliabilityChart() const { return m_reliabilityChart; }
    RocChart* rocChart() const { return m_rocChart; }
    PrecisionRecallChart* precisionRecallChart() const { return m_precisionRecallChart; }
    QTabWidget* resultTabs() const { return m_resultTabs; }
    int curvesTab() const;  // the index of the ROC and precision-recall tab
    // More than two classes: a threshold per class and the coverage it leaves.
    ClassThresholdsPanel* classThresholds() const { return m_classThresholds; }
    int classThresholdsTab() const;
    // Two classes: the threshold on the second class's probability and what it gives on these images.
    QSlider* thresholdSlider() const { return m_thresholdSlider; }
    QPushButton* saveThresholdButton() const { return m_saveThresholdButton; }
    double threshold() const;
    std::optional<tlw::ThresholdPoint> thresholdPoint() const;  // nullopt without two-class results
    QString thresholdFigures() const;
    QPushButton* evaluateButton() const { return m_evaluateButton; }
    QString galleryHeading() const;
    QString modelText() const;
    bool notPretrainedNoteVisible() const;
    QString cardValue(int card) const;  // 0 loss, 1 accuracy, 2 balanced accuracy, 3 images, 4 ECE

public slots:
    void setTestFolder(const QString& folder);
    void setModelInfo(const tlw::ui::TrainedModelInfo& info);  // invalid: no model yet
    void setBusy(bool busy);
    void showProgress(qint64 done, qint64 total);
    void showSummary(const tlw::ui::EvaluationSummary& summary);
    void clearResults();
    // The gallery shows the images of one confusion-matrix cell, or every misclassified image.
    void showCell(int trueClass, int predictedClass);
    void showAllMisclassified();
    void setThreshold(double threshold);  // 0..1, in steps of 0.01

signals:
    void evaluateRequested(const QString& testFolder);  // empty: the dataset's test split
    void chooseTestFolderRequested();
    void cancelRequested();
    void imageActivated(const QString& path);
    void saveThresholdRequested(double threshold);
    void saveClassThresholdsRequested(const std::vector<double>& thresholds);

protected:
    void retranslateUi() override;

private:
    QWidget* createModelRow();
    QWidget* createSourceRow();
    QWidget* createResults();
    QWidget* createTables(QWidget* parent);
    QWidget* createGallery(QWidget* parent);
    QWidget* createCurves(QWidget* parent);
    QWidget* createThresholdRow(QWidget* parent);
    void updateThreshold();
    void showImages(const std::vector<EvaluatedImage>& images);
    void updateGalleryTexts();  // the captions of the images shown, in the language in use
    void updateEnabledStates();
    void retranslateCalibration();
    void retranslateThreshold();
    void showClassThresholds();

    QString m_testFolder;
    bool m_hasResults = false;
    bool m_busy = false;
    EvaluationSummary m_summary;
    TrainedModelInfo m_model;
    std::vector<EvaluatedImage> m_shownImages;  // in the gallery, in its order
    int m_cellTrue = -1;  // the confusion-matrix cell the gallery shows; -1: all misclassified
    int m_cellPredicted = -1;

    QLabel* m_modelLabel;
    QLabel* m_notPretrained;
    QLabel* m_sourceLabel;
    QRadioButton* m_splitRadio;
    QRadioButton* m_folderRadio;
    QLabel* m_folderLabel;
    QPushButton* m_browseButton;
    QPushButton* m_evaluateButton;
    QWidget* m_busyRow;
    QProgressBar* m_progress;
    QPushButton* m_cancelButton;
    QLabel* m_resultSource;
    MetricCard* m_lossCard;
    MetricCard* m_accuracyCard;
    MetricCard* m_balancedCard;
    MetricCard* m_countCard;
    MetricCard* m_eceCard;
    QTabWidget* m_resultTabs;
    ReliabilityChart* m_reliabilityChart;
    RocChart* m_rocChart;
    PrecisionRecallChart* m_precisionRecallChart;
    QWidget* m_curves;
    ClassThresholdsPanel* m_classThresholds;
    QLabel* m_thresholdLabel;
    QSlider* m_thresholdSlider;
    QLabel* m_thresholdFigures;
    QPushButton* m_saveThresholdButton;
    QLabel* m_perClassHeading;
    QStandardItemModel* m_perClass;
    QTableView* m_perClassView;
    QLabel* m_confusionHeading;
    QLabel* m_confusionAxes;
    ConfusionMatrixModel* m_confusion;
    QTableView* m_confusionView;
    QLabel* m_galleryHeading;
    QPushButton* m_showAllButton;
    ThumbnailListModel* m_gallery;
    ThumbnailGridView* m_galleryView;
    GalleryGradCam* m_galleryGradCam;
    RunSwitcher* m_runSwitcher;
};

}  // namespace tlw::ui
