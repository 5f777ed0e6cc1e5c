#include "ui/workers/fine_tune_sweep_worker.h"

#include <QCoreApplication>
#include <exception>

#include "ui/workers/background_priority.h"

namespace tlw::ui {

FineTuneSweepWorker::FineTuneSweepWorker(tlw::FineTuneSweepConfig config) : m_config(std::move(config)) {
    registerTrainingMetaTypes();
    qRegisterMetaType<tlw::SweepCandidate>();
    qRegisterMetaType<std::shared_ptr<const tlw::FineTuneSweepResult>>();
}

FineTuneSweepWorker::~FineTuneSweepWorker() = default;

void FineTuneSweepWorker::requestStop() noexcept {
    m_stopRequested.store(true);
    const std::lock_guard<std::mutex> lock(m_sweepMutex);
    if (m_sweep) m_sweep->requestStop();
}

void FineTuneSweepWorker::run() {
    runAtBackgroundPriority();  // the UI thread must still get a core the moment it needs one
    try {
        auto sweep = std::make_unique<tlw::FineTuneSweep>(m_config);
        {
            const std::lock_guard<std::mutex> lock(m_sweepMutex);
            m_sweep = std::move(sweep);
            if (m_stopRequested.load()) m_sweep->requestStop();
        }
        auto result = std::make_shared<const tlw::FineTuneSweepResult>(m_sweep->run(*this));
        emit finished(result);
    } catch (const std::exception& error) {
        emit failed(QString::fromUtf8(error.what()));
    } catch (...) {
        emit failed(QStringLiteral("unknown error"));
    }
    // Back to the UI thread, which deletes this object once the thread is over.
    moveToThread(QCoreApplication::instance()->thread());
    emit done();
}

void FineTuneSweepWorker::onCandidateStarted(std::size_t index, std::size_t count,
                                             const tlw::TrainingConfig& config) {
    m_currentFineTuneAt =
        config.fineTune && config.fineTune->unfreezeFrom ? *config.fineTune->unfreezeFrom : 0;
    emit candidateStarted(static_cast<int>(index), static_cast<int>(count), m_currentFineTuneAt);
}

void FineTuneSweepWorker::onCandidateEnded(const tlw::SweepCandidate& candidate) {
    emit candidateEnded(candidate);
}

// A cross-validation run's epochs are not the candidate's curve (the dialog does not ask for folds).
void FineTuneSweepWorker::onFoldStarted(int /*fold*/, int /*folds*/, const tlw::TrainingConfig& /*config*/) {
    m_currentFineTuneAt = 0;
}

void FineTuneSweepWorker::onProgress(const tlw::BatchProgress& progress) { emit progressed(progress); }

void FineTuneSweepWorker::onEpochEnded(const tlw::EpochMetrics& metrics) {
    if (m_currentFineTuneAt > 0) emit epochEnded(m_currentFineTuneAt, metrics);
}

void FineTuneSweepWorker::onMessage(const std::string& line) { emit message(QString::fromStdString(line)); }

}  // namespace tlw::ui
