#pragma once

#include <QStringList>
#include <vector>

#include "ui/pages/evaluation_summary.h"
#include "ui/pages/page.h"
#include "ui/pages/trained_model_info.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStandardItemModel;
class QTableView;

namespace tlw::ui {

class ConfusionMatrixModel;
class MetricCard;
class ThumbnailGridView;
class ThumbnailListModel;

// Page 4: evaluate the trained model on the test split or another folder: metric cards, per-class table,
// the confusion matrix (double-click a cell to see its images) and a gallery of the misclassified images,
// highest loss first. Emits intentions; the evaluation controller runs core's evaluation.
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
    ConfusionMatrixModel* confusionModel() const { return m_confusion; }
    QTableView* confusionView() const { return m_confusionView; }
    QPushButton* evaluateButton() const { return m_evaluateButton; }
    QString galleryHeading() const;
    QString modelText() const;
    bool notPretrainedNoteVisible() const;
    QString cardValue(int card) const;  // 0 loss, 1 accuracy, 2 balanced accuracy, 3 images

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

signals:
    void evaluateRequested(const QString& testFolder);  // empty: the dataset's test split
    void chooseTestFolderRequested();
    void cancelRequested();
    void imageActivated(const QString& path);

protected:
    void retranslateUi() override;

private:
    QWidget* createModelRow();
    QWidget* createSourceRow();
    QWidget* createResults();
    QWidget* createTables(QWidget* parent);
    QWidget* createGallery(QWidget* parent);
    void showImages(const std::vector<EvaluatedImage>& images);
    void updateEnabledStates();

    QString m_testFolder;
    bool m_hasResults = false;
    bool m_busy = false;
    EvaluationSummary m_summary;
    TrainedModelInfo m_model;
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
};

}  // namespace tlw::ui
