#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>

#include "core/train/training_config.h"
#include "ui/workers/training_meta_types.h"

class QThread;

namespace tlw::ui {

class DatasetController;
class MainWindow;
class TrainingPage;
class TrainingWorker;

// Connects the Training page to core's engine: Start builds a TrainingConfig from the Dataset, Model and
// Training pages and runs a TrainingSession on a worker thread; the worker's signals feed the progress
// line, the cache note, the charts (per epoch, and per batch smoothed), the fine-tune marker and the log;
// Stop asks the session to stop within one batch (it then writes its checkpoint); Resume carries on from
// a checkpoint. Closing the window during a run stops it and closes once the checkpoint is written.
class TrainingController : public QObject {
    Q_OBJECT
public:
    TrainingController(MainWindow& window, DatasetController& datasets, QObject* parent = nullptr);
    // Asks a running session to stop and waits for its thread (the checkpoint is written within a batch).
    ~TrainingController() override;

    bool isRunning() const { return m_thread != nullptr; }
    // Where runs write their model when the Training page names no file: the project's models/ folder,
    // or the application's data folder without a project.
    QString defaultModelsFolder() const;
    QString outputModel() const { return m_outputModel; }  // the current (or last) run's model file
    std::shared_ptr<const tlw::TrainingResult> lastResult() const { return m_lastResult; }
    // What Start would run now (the pages' settings, a new model file), or null with the reason in the
    // Training page's banner: the fine_tune_at sweep starts from it.
    std::optional<tlw::TrainingConfig> configForNewRun();

public slots:
    // False: refused (the banner says why), or the user chose to keep the Predict page's cards.
    bool start(const tlw::TrainingConfig& settings);
    void stop();
    bool resume(const QString& checkpointOrModel);
    void setProjectFile(const QString& projectFile);  // its folder holds the default models/ folder

signals:
    void runningChanged(bool running);
    // After every run that ended without an error, cancelled ones included (they still save a model
    // once an epoch has ended).
    void runFinished(const std::shared_ptr<const tlw::TrainingResult>& result);
    void runFailed(const QString& message);

private:
    // Null with the reason in the banner when the pages are not ready for a run.
    std::optional<tlw::TrainingConfig> configFromPages(const tlw::TrainingConfig& settings);
    QString newModelPath() const;
    // The run's model replaces the Predict page's: true when there are no cards to lose, or the user
    // agrees to lose them.
    bool confirmClearingPredictions();
    void launch(TrainingWorker* worker);
    void onThreadFinished();
    void onConfigured(const tlw::TrainingConfig& config);
    void onRunStarted(const tlw::RunStarted& run);
    void onPhaseStarted(const tlw::PhaseStarted& phase);
    void onProgress(const tlw::BatchProgress& progress);
    void onEpochEnded(const tlw::EpochMetrics& metrics);
    void onFinished(const std::shared_ptr<const tlw::TrainingResult>& result);
    void onFailed(const QString& message);
    void showEarlierEpochs(int firstEpoch);  // a resumed run's history so far
    void rememberCheckpoint();

    MainWindow& m_window;
    DatasetController& m_datasets;
    TrainingPage* m_page;
    QThread* m_thread = nullptr;
    TrainingWorker* m_worker = nullptr;  // lives on m_thread; deleted once the thread is over
    QString m_projectFile;
    QString m_outputModel;
    double runSeconds() const;
    int m_totalEpochs = 0;
    // The run's wall time in this session, the frozen-prefix pass and the saving included: what the
    // finished line says it took, with the epochs of an earlier session before a resume.
    QElapsedTimer m_runClock;
    double m_earlierSeconds = 0.0;
    int m_phases = 1;
    std::shared_ptr<const tlw::TrainingResult> m_lastResult;
};

}  // namespace tlw::ui
