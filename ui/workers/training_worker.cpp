#include "ui/workers/training_worker.h"

#include <QCoreApplication>
#include <exception>

#include "ui/adapters/paths.h"
#include "ui/workers/background_priority.h"

namespace tlw::ui {

void registerTrainingMetaTypes() {
    qRegisterMetaType<tlw::TrainingConfig>();
    qRegisterMetaType<tlw::RunStarted>();
    qRegisterMetaType<tlw::PhaseStarted>();
    qRegisterMetaType<tlw::BatchProgress>();
    qRegisterMetaType<tlw::EpochMetrics>();
    qRegisterMetaType<tlw::HeadSolveReport>();
    qRegisterMetaType<tlw::RunNotice>();
    qRegisterMetaType<std::shared_ptr<const tlw::TrainingResult>>();
}

TrainingWorker::TrainingWorker(tlw::TrainingConfig config) : m_config(std::move(config)) {
    registerTrainingMetaTypes();
}

TrainingWorker* TrainingWorker::resuming(const std::filesystem::path& checkpointOrModel) {
    auto* worker = new TrainingWorker;
    registerTrainingMetaTypes();
    worker->m_resumeFrom = checkpointOrModel;
    return worker;
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::requestStop() noexcept {
    m_stopRequested.store(true);
    const std::lock_guard<std::mutex> lock(m_sessionMutex);
    if (m_session) m_session->requestStop();
}

void TrainingWorker::run() {
    // Training keeps every core busy; the UI thread must still get one the moment it needs it.
    runAtBackgroundPriority();
    try {
        auto session =
            m_config ? std::make_unique<tlw::TrainingSession>(*m_config)
                     : std::make_unique<tlw::TrainingSession>(tlw::TrainingSession::resume(m_resumeFrom));
        {
            const std::lock_guard<std::mutex> lock(m_sessionMutex);
            m_session = std::move(session);
            // A stop asked for while the session was being built (reading a checkpoint) still counts.
            if (m_stopRequested.load()) m_session->requestStop();
        }
        emit configured(m_session->config());
        auto result = std::make_shared<const tlw::TrainingResult>(m_session->run(*this));
        emit finished(result);
    } catch (const std::exception& error) {
        emit failed(QString::fromUtf8(error.what()));
    } catch (...) {
        emit failed(QStringLiteral("unknown error"));
    }
    {
        // The run's model, data and caches go now, on the thread that made them, not when the window gets
        // round to deleting this object.
        const std::lock_guard<std::mutex> lock(m_sessionMutex);
        m_session.reset();
    }
    // Hand this object back to the UI thread, which deletes it once this thread is over (only the
    // owning thread may move an object, and an object should be deleted on its own thread).
    moveToThread(QCoreApplication::instance()->thread());
    emit done();
}

void TrainingWorker::onRunStarted(const tlw::RunStarted& run) { emit runStarted(run); }

void TrainingWorker::onPhaseStarted(const tlw::PhaseStarted& phase) { emit phaseStarted(phase); }

void TrainingWorker::onProgress(const tlw::BatchProgress& progress) { emit progressed(progress); }

void TrainingWorker::onEpochEnded(const tlw::EpochMetrics& metrics) { emit epochEnded(metrics); }

void TrainingWorker::onHeadSolved(const tlw::HeadSolveReport& report) { emit headSolved(report); }

void TrainingWorker::onCheckpointSaved(const std::filesystem::path& file) {
    emit checkpointSaved(toQString(file));
}

void TrainingWorker::onNotice(const tlw::RunNotice& line) { emit notice(line); }

void TrainingWorker::onMessage(const std::string& line) { emit message(QString::fromStdString(line)); }

}  // namespace tlw::ui
