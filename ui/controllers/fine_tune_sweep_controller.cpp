#include "ui/controllers/fine_tune_sweep_controller.h"

#include <QDir>
#include <QThread>
#include <algorithm>

#include "core/models/backbone.h"
#include "ui/adapters/paths.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/training_controller.h"
#include "ui/pages/model_page.h"
#include "ui/pages/training_page.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {

namespace {

SweepRow rowFrom(const tlw::SweepCandidate& candidate) {
    SweepRow row;
    row.fineTuneAt = candidate.fineTuneAt;
    row.firstTrainableLayer = QString::fromStdString(candidate.firstTrainableLayer);
    row.valAccuracy = candidate.valAccuracy;
    row.valLoss = candidate.valLoss;
    row.keptEpoch = candidate.keptEpoch;
    row.trainableParams = candidate.trainableParams;
    row.seconds = candidate.seconds;
    row.modelFile = toQString(candidate.modelFile);
    row.stopped = candidate.cancelled;
    return row;
}

// The backbone's fine-tuning presets and its usual fine_tune_at, deepest first: a sweep worth running.
std::vector<int> proposedCandidates(tlw::BackboneKind kind, bool includeTop) {
    std::vector<int> candidates{tlw::fineTunePreset(kind, includeTop)};
    for (const tlw::FineTuneChoice& choice : tlw::fineTuneChoices(kind, includeTop))
        candidates.push_back(choice.fineTuneAt);
    std::sort(candidates.rbegin(), candidates.rend());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return candidates;
}

}  // namespace

FineTuneSweepController::FineTuneSweepController(MainWindow& window, TrainingController& training,
                                                 TrainedModelController& models, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_training(training),
      m_models(models),
      m_dialog(new FineTuneSweepDialog(&window)) {
    // Window-modal: a Start on the Training page would compete with the sweep for every core.
    m_dialog->setWindowModality(Qt::WindowModal);
    connect(window.trainingPage(), &TrainingPage::sweepRequested, this, &FineTuneSweepController::openDialog);
    connect(m_dialog, &FineTuneSweepDialog::runRequested, this, &FineTuneSweepController::run);
    connect(m_dialog, &FineTuneSweepDialog::cancelRequested, this, &FineTuneSweepController::cancel);
    connect(m_dialog, &FineTuneSweepDialog::useModelRequested, this, &FineTuneSweepController::useModel);
}

FineTuneSweepController::~FineTuneSweepController() {
    if (m_thread == nullptr) return;
    m_worker->requestStop();
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void FineTuneSweepController::openDialog() {
    const ModelSettings model = m_window.modelPage()->modelSettings();
    try {
        const tlw::BackboneKind kind = tlw::parseBackboneKind(model.backbone.toStdString());
        if (!isRunning() && m_result == nullptr)
            m_dialog->setCandidates(proposedCandidates(kind, model.includeTop),
                                    QString::fromStdString(tlw::backboneDisplayName(kind)));
    } catch (const std::exception& error) {
        m_dialog->showMessage(QString::fromUtf8(error.what()));
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

bool FineTuneSweepController::run(const SweepRequest& request) {
    if (isRunning()) return false;
    if (m_training.isRunning()) {
        m_dialog->showMessage(
            [=] { return tr("A training run is going on; start the sweep once it has ended."); });
        return false;
    }
    std::optional<tlw::TrainingConfig> base = m_training.configForNewRun();
    if (!base) {
        m_dialog->showMessage([=] { return tr("The sweep cannot start: the Training page says why."); });
        return false;
    }
    tlw::FineTuneSweepConfig config;
    config.base = std::move(*base);
    config.base.freeze = tlw::FreezeSpec::all();  // the exact head is solved on the whole frozen backbone
    config.base.fineTune = tlw::FineTuneSettings{request.epochs, std::nullopt, request.learningRate};
    config.candidates = request.candidates;
    try {
        config.validate();
    } catch (const std::exception& error) {
        m_dialog->showMessage([reason = QString::fromUtf8(error.what())] {
            return tr("The sweep cannot start with these settings: %1").arg(reason);
        });
        return false;
    }
    m_done.clear();
    m_result.reset();
    m_dialog->clearResults();
    m_dialog->showMessage([file = QDir::toNativeSeparators(toQString(config.base.outputModel))] {
        return tr("Best model will be written to %1").arg(file);
    });
    launch(new FineTuneSweepWorker(std::move(config)));
    return true;
}

void FineTuneSweepController::launch(FineTuneSweepWorker* worker) {
    m_worker = worker;  // no parent: it moves to the thread
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("fine_tune_sweep"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &FineTuneSweepWorker::run);
    connect(m_worker, &FineTuneSweepWorker::done, m_thread, &QThread::quit, Qt::DirectConnection);
    connect(m_thread, &QThread::finished, this, &FineTuneSweepController::onThreadFinished);
    connect(m_worker, &FineTuneSweepWorker::candidateStarted, m_dialog,
            &FineTuneSweepDialog::showCandidateStarted);
    connect(m_worker, &FineTuneSweepWorker::progressed, m_dialog, [this](const tlw::BatchProgress& progress) {
        m_dialog->showProgress(static_cast<int>(progress.batch), static_cast<int>(progress.batches));
    });
    connect(m_worker, &FineTuneSweepWorker::epochEnded, m_dialog,
            [this](int fineTuneAt, const tlw::EpochMetrics& metrics) {
                if (metrics.valAccuracy)
                    m_dialog->appendEpoch(fineTuneAt, metrics.epoch, *metrics.valAccuracy);
            });
    connect(m_worker, &FineTuneSweepWorker::candidateEnded, this, &FineTuneSweepController::onCandidateEnded);
    connect(m_worker, &FineTuneSweepWorker::finished, this, &FineTuneSweepController::onFinished);
    connect(m_worker, &FineTuneSweepWorker::failed, this, [this](const QString& message) {
        m_dialog->showMessage([=] { return tr("The sweep failed: %1").arg(message); });
    });
    m_dialog->setBusy(true);
    m_thread->start();
    emit runningChanged(true);
}

void FineTuneSweepController::onThreadFinished() {
    // Deleted here, once its thread is over: Cancel may be pressed until this runs.
    m_thread->wait();
    delete m_worker;
    m_worker = nullptr;
    m_thread->deleteLater();
    m_thread = nullptr;
    m_dialog->setBusy(false);
    emit runningChanged(false);
}

void FineTuneSweepController::cancel() {
    if (m_worker) m_worker->requestStop();
    m_dialog->showMessage([=] { return tr("Stopping after this batch…"); });
}

void FineTuneSweepController::onCandidateEnded(const tlw::SweepCandidate& candidate) {
    m_done.push_back(candidate);
    showCandidates(m_done);
}

void FineTuneSweepController::showCandidates(std::vector<tlw::SweepCandidate> candidates) {
    tlw::rankCandidates(candidates);
    std::vector<SweepRow> rows;
    for (const tlw::SweepCandidate& candidate : candidates) rows.push_back(rowFrom(candidate));
    m_dialog->showRows(std::move(rows));
}

void FineTuneSweepController::onFinished(const std::shared_ptr<const tlw::FineTuneSweepResult>& result) {
    m_result = result;
    std::vector<SweepRow> rows;
    for (const tlw::SweepCandidate& candidate : result->ranked) rows.push_back(rowFrom(candidate));
    m_dialog->showRows(std::move(rows));
    if (result->ranked.empty()) {
        m_dialog->showMessage(
            [=] { return tr("The sweep was stopped before any candidate finished an epoch."); });
    } else {
        const tlw::SweepCandidate& best = result->ranked.front();
        const bool cancelled = result->cancelled;
        const int fineTuneAt = best.fineTuneAt;
        const QString layer = QString::fromStdString(best.firstTrainableLayer);
        const QString accuracy =
            best.valAccuracy ? QString::number(*best.valAccuracy, 'f', 4) : QStringLiteral("–");
        const QString seconds = QString::number(result->seconds, 'f', 1);
        const QString file = QDir::toNativeSeparators(toQString(result->modelFile));
        m_dialog->showMessage([=] {
            const QString format =
                cancelled
                    ? tr("Stopped. Best of the candidates done: fine-tuning from layer %1 (%2), validation "
                         "accuracy %3, in %4 s. Saved as %5")
                    : tr("Best: fine-tuning from layer %1 (%2), validation accuracy %3, in %4 s. Saved as "
                         "%5");
            return format.arg(fineTuneAt).arg(layer).arg(accuracy).arg(seconds).arg(file);
        });
    }
    emit sweepFinished(result);
}

void FineTuneSweepController::useModel(const QString& modelFile) {
    if (modelFile.isEmpty()) return;
    m_models.openModel(modelFile);
    m_dialog->showMessage([=] {
        return tr("The Evaluation and Predict pages now use %1").arg(QDir::toNativeSeparators(modelFile));
    });
}

}  // namespace tlw::ui
