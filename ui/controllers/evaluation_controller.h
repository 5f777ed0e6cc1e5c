#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "ui/pages/evaluation_summary.h"
#include "ui/pages/trained_model_info.h"
#include "ui/workers/training_meta_types.h"

namespace tlw::ui {

class BackgroundTask;
class DatasetController;
class EvaluationPage;
class GradCamLoader;
class MainWindow;
class TrainedModelController;

// Connects the Evaluation page to core: the current model evaluated on the dataset's test split
// (evaluateFiles with the scanned test samples, or the validation samples when there is no test split)
// or on a chosen folder (evaluateFolder), on a worker thread with progress and Cancel. A run's own test
// evaluation is shown as soon as its model is loaded. The gallery's Grad-CAM maps are computed in the
// background for the current model, kept per image and class; the toggle is remembered.
class EvaluationController : public QObject {
    Q_OBJECT
public:
    EvaluationController(MainWindow& window, DatasetController& datasets, TrainedModelController& models,
                         QObject* parent = nullptr);
    ~EvaluationController() override;

    bool isBusy() const;
    GradCamLoader* gradCams() const { return m_gradCams; }

public slots:
    void evaluate(const QString& folder);  // empty: the dataset's test split
    void cancel();
    // A finished run: its test evaluation (if the dataset has a test split) is shown with its model.
    void takeTrainingResult(const std::shared_ptr<const tlw::TrainingResult>& result);

signals:
    void evaluated(const tlw::ui::EvaluationSummary& summary);

private:
    void onModelChanged(const TrainedModelInfo& info);
    void evaluateSplit();
    void evaluateFolder(const QString& folder);
    void show(const EvaluationSummary& summary);
    void connectGradCams();

    MainWindow& m_window;
    DatasetController& m_datasets;
    TrainedModelController& m_models;
    EvaluationPage* m_page;
    BackgroundTask* m_task;
    GradCamLoader* m_gradCams;
    std::shared_ptr<const EvaluationSummary> m_pendingTest;  // waiting for its model to be loaded
    QString m_pendingModel;
};

}  // namespace tlw::ui
