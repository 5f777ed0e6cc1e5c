#pragma once

#include <QObject>
#include <memory>

namespace tlw::ui {

class DatasetController;
class DemoController;
class EvaluationController;
class LanguageManager;
class MainWindow;
class ModelController;
class PredictionController;
class Preferences;
class ProjectController;
class SessionController;
class TrainedModelController;
class TrainingController;
class TriageController;
class FineTuneSweepController;

// The whole application minus main(): the window and the controllers that connect its pages to core.
// The GUI executable and the GUI tests build the same object, so tests drive the real paths.
class Workbench : public QObject {
    Q_OBJECT
public:
    // `languages` may be null (tests, screenshots).
    Workbench(Preferences& preferences, LanguageManager* languages, QObject* parent = nullptr);
    ~Workbench() override;

    MainWindow& window() const { return *m_window; }
    DatasetController& datasets() const { return *m_datasets; }
    ModelController& model() const { return *m_model; }
    DemoController& demo() const { return *m_demo; }
    ProjectController& projects() const { return *m_projects; }
    SessionController& session() const { return *m_session; }
    TrainedModelController& trainedModels() const { return *m_trainedModels; }
    TrainingController& training() const { return *m_training; }
    EvaluationController& evaluation() const { return *m_evaluation; }
    PredictionController& prediction() const { return *m_prediction; }
    TriageController& triage() const { return *m_triage; }
    FineTuneSweepController& fineTuneSweep() const { return *m_fineTuneSweep; }

private:
    void connectControllers();

    std::unique_ptr<MainWindow> m_window;  // declared first: the controllers below refer to it
    std::unique_ptr<DatasetController> m_datasets;
    std::unique_ptr<ModelController> m_model;
    std::unique_ptr<DemoController> m_demo;
    std::unique_ptr<ProjectController> m_projects;
    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<TrainedModelController> m_trainedModels;
    std::unique_ptr<TrainingController> m_training;
    std::unique_ptr<EvaluationController> m_evaluation;
    std::unique_ptr<PredictionController> m_prediction;
    std::unique_ptr<TriageController> m_triage;
    std::unique_ptr<FineTuneSweepController> m_fineTuneSweep;
};

}  // namespace tlw::ui
