#include "ui/controllers/workbench.h"

#include <QFileInfo>

#include "core/train/training_session.h"
#include "ui/adapters/paths.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/demo_controller.h"
#include "ui/controllers/evaluation_controller.h"
#include "ui/controllers/fine_tune_sweep_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/prediction_controller.h"
#include "ui/controllers/project_controller.h"
#include "ui/controllers/session_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/training_controller.h"
#include "ui/controllers/triage_controller.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {

Workbench::Workbench(Preferences& preferences, LanguageManager* languages, QObject* parent)
    : QObject(parent),
      m_window(std::make_unique<MainWindow>(preferences, languages)),
      m_datasets(std::make_unique<DatasetController>(*m_window)),
      m_model(std::make_unique<ModelController>(*m_window, preferences)),
      m_demo(std::make_unique<DemoController>(*m_window)),
      m_projects(std::make_unique<ProjectController>(*m_window, *m_model)),
      m_session(std::make_unique<SessionController>(*m_window, *m_projects, preferences)),
      m_trainedModels(std::make_unique<TrainedModelController>(*m_window)),
      m_training(std::make_unique<TrainingController>(*m_window, *m_datasets)),
      m_evaluation(std::make_unique<EvaluationController>(*m_window, *m_datasets, *m_trainedModels)),
      m_prediction(std::make_unique<PredictionController>(*m_window, *m_trainedModels)),
      m_triage(std::make_unique<TriageController>(*m_window, *m_trainedModels)),
      m_fineTuneSweep(std::make_unique<FineTuneSweepController>(*m_window, *m_training, *m_trainedModels)) {
    connectControllers();
}

// The controllers go first (reverse declaration order): they wait for their worker threads (a training
// run writes its checkpoint first), whose results would otherwise reach a window that is gone.
Workbench::~Workbench() = default;

void Workbench::connectControllers() {
    // The Model page counts the head as the whole model's summary() does: it needs the class count.
    connect(m_datasets.get(), &DatasetController::scanFinished, this,
            [this](const DatasetOverview& overview) {
                m_window->modelPage()->setClassCount(static_cast<int>(overview.classes.size()));
            });
    // A finished run's model becomes the one the Evaluation and Predict pages use, its test figures shown.
    connect(m_training.get(), &TrainingController::runFinished, this,
            [this](const std::shared_ptr<const tlw::TrainingResult>& result) {
                m_evaluation->takeTrainingResult(result);
                const QString model = toQString(result->modelFile);
                if (result->modelFile.empty() || !QFileInfo(model).isFile()) return;
                // Cards of the model before would pass for this one's, even when it was written to the same
                // file (Start has asked about them).
                m_window->predictPage()->clearPredictions();
                m_trainedModels->openModel(model);
            });
    connect(m_trainedModels.get(), &TrainedModelController::modelChanged, this,
            [this](const TrainedModelInfo& info) { m_projects->setLastModelPath(info.path); });
    // A project, or the last session, brings back the model it was last used with, when the file is
    // still there.
    const auto reopenLastModel = [this] {
        const QString model = m_projects->lastModelPath();
        if (!model.isEmpty() && QFileInfo(model).isFile()) m_trainedModels->openModel(model);
    };
    connect(m_projects.get(), &ProjectController::projectOpened, this, reopenLastModel);
    connect(m_session.get(), &SessionController::sessionRestored, this, reopenLastModel);
}

}  // namespace tlw::ui
