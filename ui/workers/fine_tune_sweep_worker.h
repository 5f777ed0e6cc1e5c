#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <mutex>

#include "core/train/fine_tune_sweep.h"
#include "ui/workers/training_meta_types.h"

Q_DECLARE_METATYPE(tlw::SweepCandidate)
Q_DECLARE_METATYPE(std::shared_ptr<const tlw::FineTuneSweepResult>)

namespace tlw::ui {

// Runs one FineTuneSweep on the QThread it is moved to and re-emits what it reports as signals carrying
// copies of core's structs, as TrainingWorker does for a single run. requestStop() may be called from any
// thread: a queued slot could not run while run() blocks this object's thread.
class FineTuneSweepWorker : public QObject, public tlw::FineTuneSweepObserver {
    Q_OBJECT
public:
    explicit FineTuneSweepWorker(tlw::FineTuneSweepConfig config);
    ~FineTuneSweepWorker() override;

    void requestStop() noexcept;  // any thread; kept until the sweep exists

public slots:
    // Runs the sweep; emits finished() or failed(), moves back to the main thread, then emits done().
    void run();

signals:
    void candidateStarted(int index, int count, int fineTuneAt);
    void progressed(const tlw::BatchProgress& progress);
    void epochEnded(int fineTuneAt, const tlw::EpochMetrics& metrics);
    void candidateEnded(const tlw::SweepCandidate& candidate);
    void message(const QString& line);
    void finished(const std::shared_ptr<const tlw::FineTuneSweepResult>& result);
    void failed(const QString& message);
    void done();

private:
    void onCandidateStarted(std::size_t index, std::size_t count, const tlw::TrainingConfig& config) override;
    void onCandidateEnded(const tlw::SweepCandidate& candidate) override;
    void onFoldStarted(int fold, int folds, const tlw::TrainingConfig& config) override;
    void onProgress(const tlw::BatchProgress& progress) override;
    void onEpochEnded(const tlw::EpochMetrics& metrics) override;
    void onMessage(const std::string& line) override;

    tlw::FineTuneSweepConfig m_config;
    std::mutex m_sweepMutex;  // guards m_sweep against requestStop() from the UI
    std::unique_ptr<tlw::FineTuneSweep> m_sweep;
    std::atomic<bool> m_stopRequested{false};
    int m_currentFineTuneAt = 0;  // the candidate running, for its epochs' curve
};

}  // namespace tlw::ui
