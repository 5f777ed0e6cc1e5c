#include "ui/controllers/training_controller.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QThread>

#include "core/models/backbone.h"
#include "core/train/training_history.h"
#include "core/train/training_session.h"
#include "core/util/atomic_file.h"
#include "ui/adapters/paths.h"
#include "ui/adapters/run_notice_text.h"
#include "ui/adapters/scan_notice_text.h"
#include "ui/adapters/training_adapters.h"
#include "ui/adapters/training_config_builder.h"
#include "ui/charts/accuracy_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/process_memory.h"
#include "ui/widgets/runs_panel.h"
#include "ui/widgets/training_settings_form.h"
#include "ui/windows/main_window.h"
#include "ui/workers/training_worker.h"

namespace tlw::ui {

namespace {

QString existingFile(const std::filesystem::path& file) {
    std::error_code error;
    return std::filesystem::is_regular_file(file, error) ? toQString(file) : QString();
}

}  // namespace

TrainingController::TrainingController(MainWindow& window, DatasetController& datasets, QObject* parent)
    : QObject(parent), m_window(window), m_datasets(datasets), m_page(window.trainingPage()) {
    registerTrainingMetaTypes();
    connect(&m_window, &MainWindow::startTrainingRequested, this, &TrainingController::start);
    connect(&m_window, &MainWindow::stopTrainingRequested, this, &TrainingController::stop);
    connect(&m_window, &MainWindow::closeRequestedWhileTraining, this, &TrainingController::stop);
    connect(&m_window, &MainWindow::resumeTrainingRequested, this, &TrainingController::resume);
    connect(m_page, &TrainingPage::resumeLastRunRequested, this, &TrainingController::resume);
    connect(&m_window, &MainWindow::projectPathChanged, this, &TrainingController::setProjectFile);
    // "Open This Run's Model" takes the same path as File > Open Model.
    connect(m_page->runsPanel(), &RunsPanel::openModelRequested, &m_window, &MainWindow::openModelRequested);
    setProjectFile(m_window.projectPath());
}

TrainingController::~TrainingController() {
    if (m_thread == nullptr) return;
    // The window is going away with a run still going (the close path normally waits for it without
    // blocking): stop within one batch, let the checkpoint be written, and join the thread.
    m_worker->requestStop();
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

QString TrainingController::defaultModelsFolder() const {
    // Without a project: beside the demo data and downloaded weights, ~/.local/share/tlworkbench/.
    const QString base = m_projectFile.isEmpty()
                             ? QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                                   .filePath(QStringLiteral("tlworkbench"))
                             : QFileInfo(m_projectFile).absolutePath();
    return QDir(base).filePath(QStringLiteral("models"));
}

void TrainingController::setProjectFile(const QString& projectFile) {
    m_projectFile = projectFile;
    m_page->settingsForm()->setDefaultOutputFolder(defaultModelsFolder());
    m_page->runsPanel()->setModelsFolder(defaultModelsFolder());
}

// A new file per run, so a run never replaces the model of an earlier one: dataset-backbone-time.tlwm.
QString TrainingController::newModelPath() const {
    const QString dataset = QFileInfo(m_window.datasetPage()->folder()).fileName();
    const QString backbone = m_window.modelPage()->modelSettings().backbone;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString name = QStringLiteral("%1-%2-%3")
                       .arg(dataset.isEmpty() ? QStringLiteral("model") : dataset, backbone, stamp);
    const QDir folder(defaultModelsFolder());
    QString file = folder.filePath(name + QStringLiteral(".tlwm"));
    for (int n = 2; QFileInfo::exists(file); ++n)
        file = folder.filePath(QStringLiteral("%1-%2.tlwm").arg(name).arg(n));
    return file;
}

std::optional<tlw::TrainingConfig> TrainingController::configFromPages(const tlw::TrainingConfig& settings) {
    DatasetPage* dataset = m_window.datasetPage();
    ModelPage* model = m_window.modelPage();
    const auto refuse = [this](LiveText headline, LiveText details = {}) {
        m_window.showPage(MainWindow::PageId::Training);
        m_page->showError(std::move(headline), std::move(details));
        return std::nullopt;
    };
    if (m_datasets.isScanning())
        return refuse([=] { return tr("The dataset is still being checked; start again when it is done."); });
    if (!dataset->hasDataset())
        return refuse([=] { return tr("Open a dataset folder first (Dataset page)."); });
    if (!dataset->overview().trainable)
        return refuse([] { return tr("The dataset cannot be trained on."); },
                      [errors = dataset->overview().report.errors] {
                          return tr("The Dataset page's report says why: %1")
                              .arg(ScanNoticeText::joined(errors, QStringLiteral(" ")));
                      });
    const WeightsStatus weights = model->weightsStatus();
    switch (weights.state) {
        case WeightsStatus::State::Found:
        case WeightsStatus::State::NotPretrained:
            break;
        case WeightsStatus::State::Missing:
            return refuse([=] { return tr("The pretrained weights are missing."); },
                          [=] {
                              return tr(
                                  "On the Model page: choose the file, download it, or continue without "
                                  "pretrained weights.");
                          });
        case WeightsStatus::State::Unknown:
        case WeightsStatus::State::Checking:
        case WeightsStatus::State::Downloading:
            return refuse([=] {
                return tr(
                    "The weights are still being looked for or downloaded; start again when the "
                    "Model page shows them.");
            });
    }

    TrainingInputs inputs;
    inputs.datasetFolder = dataset->overview().folder;
    inputs.splitSource = dataset->overview().splitSource;
    inputs.split = dataset->splitSettings();
    inputs.model = model->modelSettings();
    inputs.model.pretrained = weights.state != WeightsStatus::State::NotPretrained;
    if (weights.state == WeightsStatus::State::Found) inputs.weightsFile = weights.path;
    inputs.training = settings;
    inputs.outputModel = settings.outputModel.empty() ? newModelPath() : toQString(settings.outputModel);
    try {
        return buildTrainingConfig(inputs);
    } catch (const std::exception& error) {
        return refuse([=] { return tr("Training cannot start with these settings."); },
                      QString::fromUtf8(error.what()));
    }
}

std::optional<tlw::TrainingConfig> TrainingController::configForNewRun() {
    return configFromPages(m_page->settings());
}

bool TrainingController::start(const tlw::TrainingConfig& settings) {
    if (isRunning()) return false;
    std::optional<tlw::TrainingConfig> config = configFromPages(settings);
    if (!config || !confirmClearingPredictions()) return false;
    std::error_code error;
    std::filesystem::create_directories(config->outputModel.parent_path(), error);
    if (error) {
        m_page->showError([=] { return tr("The model folder cannot be created."); },
                          QStringLiteral("%1: %2").arg(toQString(config->outputModel.parent_path()),
                                                       QString::fromStdString(error.message())));
        return false;
    }
    m_page->clearRun();
    m_outputModel = toQString(config->outputModel);
    const QString model = QDir::toNativeSeparators(m_outputModel);
    m_page->appendLog([model] { return tr("Model file: %1").arg(model); });
    launch(new TrainingWorker(std::move(*config)));
    return true;
}

bool TrainingController::confirmClearingPredictions() {
    const int predictions = m_window.predictPage()->predictionCount();
    if (predictions == 0) return true;
    QMessageBox box(QMessageBox::Question, tr("Clear the Predictions?"),
                    tr("The Predict page shows %n prediction(s) of the current model.", nullptr, predictions),
                    QMessageBox::NoButton, &m_window);
    box.setObjectName(QStringLiteral("clearPredictionsBox"));
    box.setInformativeText(
        tr("When the new run has saved its model, the Predict page uses it and clears them. Export them "
           "to CSV first if you want to keep them."));
    QPushButton* train = box.addButton(tr("Train and Clear Them"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(train);
    box.exec();
    return box.clickedButton() == train;
}

bool TrainingController::resume(const QString& checkpointOrModel) {
    if (isRunning() || checkpointOrModel.isEmpty() || !confirmClearingPredictions()) return false;
    m_page->clearRun();
    const QString from = QDir::toNativeSeparators(checkpointOrModel);
    m_page->appendLog([from] { return tr("Resuming from %1").arg(from); });
    m_window.showPage(MainWindow::PageId::Training);
    launch(TrainingWorker::resuming(toPath(checkpointOrModel)));
    return true;
}

void TrainingController::stop() {
    if (m_worker != nullptr) m_worker->requestStop();
}

void TrainingController::launch(TrainingWorker* worker) {
    m_worker = worker;  // no parent: it moves to the thread
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("training"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &TrainingWorker::run);
    // Direct: the thread ends as soon as run() returns, whatever the UI thread is doing (quit() is
    // thread-safe).
    connect(m_worker, &TrainingWorker::done, m_thread, &QThread::quit, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, this, &TrainingController::onThreadFinished);
    connect(m_worker, &TrainingWorker::configured, this, &TrainingController::onConfigured);
    connect(m_worker, &TrainingWorker::runStarted, this, &TrainingController::onRunStarted);
    connect(m_worker, &TrainingWorker::phaseStarted, this, &TrainingController::onPhaseStarted);
    connect(m_worker, &TrainingWorker::progressed, this, &TrainingController::onProgress);
    connect(m_worker, &TrainingWorker::epochEnded, this, &TrainingController::onEpochEnded);
    connect(m_worker, &TrainingWorker::headSolved, m_page, &TrainingPage::showHeadSolve);
    connect(m_worker, &TrainingWorker::message, m_page, &TrainingPage::appendLog);
    connect(m_worker, &TrainingWorker::notice, m_page, [this](const tlw::RunNotice& notice) {
        m_page->appendLog([notice] { return RunNoticeText::of(notice); });
    });
    connect(m_worker, &TrainingWorker::finished, this, &TrainingController::onFinished);
    connect(m_worker, &TrainingWorker::failed, this, &TrainingController::onFailed);
    m_page->setLastCheckpoint(QString());
    m_runClock.start();
    m_earlierSeconds = 0.0;
    m_window.setTrainingRunning(true);
    m_window.showPage(MainWindow::PageId::Training);
    m_thread->start();
    emit runningChanged(true);
}

void TrainingController::onThreadFinished() {
    // The worker is deleted here, on the UI thread, once its thread is over, not with deleteLater on the
    // thread's finished(): Stop may still be pressed until this runs, and must never reach a deleted worker.
    m_thread->wait();
    delete m_worker;
    m_worker = nullptr;
    m_thread->deleteLater();
    m_thread = nullptr;
    releaseFreedMemoryInBackground();  // what the run freed after its memory scope had ended
    m_window.setTrainingRunning(false);
    emit runningChanged(false);
}

void TrainingController::onConfigured(const tlw::TrainingConfig& config) {
    m_outputModel = toQString(config.outputModel);
    m_phases = config.fineTune ? 2 : 1;
}

void TrainingController::onRunStarted(const tlw::RunStarted& run) {
    m_totalEpochs = run.totalEpochs;
    const QLocale locale;
    QStringList classes;
    for (const std::string& name : run.classNames) classes << QString::fromStdString(name);
    m_page->appendLog([=] {
        return tr("%n class(es): %1", nullptr, static_cast<int>(classes.size()))
            .arg(classes.join(QStringLiteral(", ")));
    });
    m_page->appendLog([=] {
        return tr("Images: %1 for training, %2 for validation, %3 for testing")
            .arg(locale.toString(static_cast<qulonglong>(run.trainImages)),
                 locale.toString(static_cast<qulonglong>(run.validationImages)),
                 locale.toString(static_cast<qulonglong>(run.testImages)));
    });
    m_page->appendLog([=] { return tr("Loss: %1").arg(QString::fromStdString(run.lossName)); });
    if (!run.pretrained)
        m_page->showWarning(
            [=] {
                return tr(
                    "Not pretrained: the backbone starts from random weights, so expect far "
                    "lower accuracy than with ImageNet weights.");
            },
            QString::fromStdString(run.weightsNote));
    if (run.firstEpoch > 1) showEarlierEpochs(run.firstEpoch);
}

void TrainingController::showEarlierEpochs(int firstEpoch) {
    const std::filesystem::path file = tlw::historyJsonPathFor(toPath(m_outputModel));
    try {
        const tlw::TrainingHistory history = tlw::historyFromJson(tlw::readFileBytes(file));
        if (history.headSolve) m_page->showHeadSolve(*history.headSolve);
        for (const tlw::EpochMetrics& epoch : history.epochs) {
            if (epoch.epoch >= firstEpoch) continue;
            m_page->appendEpoch(epochPointFrom(epoch));
            m_earlierSeconds += epoch.seconds;
        }
        if (history.fineTuneStartEpoch > 0 && history.fineTuneStartEpoch < firstEpoch)
            m_page->charts()->setFineTuneStart(history.fineTuneStartEpoch - 0.5);
    } catch (const std::exception& error) {
        // The curves start at the resumed epoch then; the run itself is unaffected.
        const QString reason = QString::fromUtf8(error.what());
        m_page->appendLog([reason] { return tr("The earlier epochs cannot be shown: %1").arg(reason); });
    }
    m_page->appendLog([=] { return tr("Carrying on at epoch %1").arg(firstEpoch); });
}

void TrainingController::onPhaseStarted(const tlw::PhaseStarted& phase) {
    const QLocale locale;
    m_page->setCacheStatus(cacheStatusFrom(phase));
    m_page->appendLog([=] {
        return tr("Phase %1: epochs %2–%3, learning rate %4, frozen: %5, trainable params: %6 of %7")
            .arg(phase.phase)
            .arg(phase.firstEpoch)
            .arg(phase.lastEpoch)
            .arg(locale.toString(phase.learningRate, 'g', 3), RunNoticeText::frozenLayers(phase.freeze),
                 locale.toString(static_cast<qlonglong>(phase.trainableParams)),
                 locale.toString(static_cast<qlonglong>(phase.totalParams)));
    });
    // The tutorial's "Start Fine Tuning" line, between the last frozen epoch and the first fine-tuned one.
    if (phase.phase > 1) m_page->charts()->setFineTuneStart(phase.firstEpoch - 0.5);
}

void TrainingController::onProgress(const tlw::BatchProgress& progress) {
    m_page->showProgress(trainingProgressFrom(progress, m_phases));
    if (progress.stage == tlw::TrainingStage::Training && progress.epoch > 0 && progress.batch > 0)
        m_page->charts()->appendBatch(epochPosition(progress), progress.loss, progress.accuracy);
}

void TrainingController::onEpochEnded(const tlw::EpochMetrics& metrics) {
    m_page->appendEpoch(epochPointFrom(metrics));
    // Keras's line: "Epoch 3/20 - 12s - loss: 0.4123 - accuracy: 0.8571 - val_loss: ... ".
    const int epochs = m_totalEpochs;
    m_page->appendLog([metrics, epochs] {
        return tr("Epoch %1/%2 - %3 s - %4")
            .arg(metrics.epoch)
            .arg(epochs)
            .arg(QLocale().toString(metrics.seconds, 'f', 1),
                 QString::fromStdString(tlw::formatEpochFigures(metrics)));
    });
}

namespace {
RunOutcome outcomeOf(const tlw::TrainingHistory& history, RunOutcome::Kind kind, double seconds) {
    RunOutcome outcome;
    outcome.kind = kind;
    outcome.epochs = static_cast<int>(history.epochs.size());
    outcome.bestEpoch = history.bestEpoch;
    outcome.keptEpoch = history.keptEpoch;
    outcome.monitor = QString::fromStdString(history.monitor);
    outcome.fineTuningImproved = tlw::fineTuningImproved(history);
    outcome.seconds = seconds;
    return outcome;
}
}  // namespace

void TrainingController::onFinished(const std::shared_ptr<const tlw::TrainingResult>& result) {
    m_lastResult = result;
    const tlw::TrainingHistory& history = result->history;
    const QString model = result->modelFile.empty() ? QString() : existingFile(result->modelFile);
    const QString modelName = QFileInfo(model).fileName();
    const tlw::EpochMetrics* best = history.best();
    const tlw::EpochMetrics* kept = history.kept();
    const bool keptTheLast = kept != nullptr && kept != best;
    // Composed again on a language switch, so the lambdas hold copies, not pointers into the history.
    const int bestEpoch = best == nullptr ? 0 : best->epoch;
    const QString bestFigures =
        best == nullptr ? QString() : QString::fromStdString(tlw::formatEpochFigures(*best));
    const auto bestText = [bestEpoch, bestFigures] {
        return bestEpoch == 0 ? QString() : tr("Best epoch: %1 (%2)").arg(bestEpoch).arg(bestFigures);
    };
    if (best != nullptr) m_page->appendLog(bestText);
    if (keptTheLast) {
        const int keptEpoch = kept->epoch;
        const QString keptFigures = QString::fromStdString(tlw::formatEpochFigures(*kept));
        m_page->appendLog([keptEpoch, keptFigures] {
            return tr("Kept epoch: %1, the last (%2)").arg(keptEpoch).arg(keptFigures);
        });
    }
    m_page->charts()->setKeptEpoch(history.keptEpoch);
    // The run is listed in the Runs tab at once (its record was written beside the model).
    if (!model.isEmpty()) m_page->runsPanel()->addRun(model);
    const QString modelPath = QDir::toNativeSeparators(model);
    const auto details = [modelPath, bestText] {
        if (modelPath.isEmpty()) return bestText();
        const QString line = tr("Model file: %1").arg(modelPath);
        return bestText().isEmpty() ? line : line + QLatin1Char('\n') + bestText();
    };
    if (result->cancelled) {
        rememberCheckpoint();
        m_page->showOutcome(outcomeOf(history, RunOutcome::Kind::Stopped, runSeconds()));
        m_page->showInformation(
            [modelName, keptTheLast] {
                if (modelName.isEmpty())
                    return tr("Training stopped before the first epoch ended; nothing was saved.");
                return keptTheLast
                           ? tr("Training stopped. The last whole epoch is saved as %1.").arg(modelName)
                           : tr("Training stopped. The best epoch so far is saved as %1.").arg(modelName);
            },
            details);
    } else {
        m_page->showOutcome(outcomeOf(history, RunOutcome::Kind::Finished, runSeconds()));
        m_page->showInformation(
            [modelName] { return tr("Training finished. The model is saved as %1.").arg(modelName); },
            details);
    }
    emit runFinished(result);
}

double TrainingController::runSeconds() const {
    return m_earlierSeconds + static_cast<double>(m_runClock.elapsed()) / 1000.0;
}

void TrainingController::onFailed(const QString& message) {
    rememberCheckpoint();
    m_page->appendLog([=] { return tr("Training failed: %1").arg(message); });
    RunOutcome outcome;
    outcome.kind = RunOutcome::Kind::Failed;
    outcome.epochs = m_page->charts()->accuracyChart()->trainingPointCount();
    m_page->showOutcome(outcome);
    m_window.showPage(MainWindow::PageId::Training);
    m_page->showError([=] { return tr("Training failed."); }, message);
    emit runFailed(message);
}

void TrainingController::rememberCheckpoint() {
    if (m_outputModel.isEmpty()) return;
    m_page->setLastCheckpoint(existingFile(tlw::checkpointPathFor(toPath(m_outputModel))));
}

}  // namespace tlw::ui
