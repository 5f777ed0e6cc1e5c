#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "ui/workers/training_meta_types.h"

namespace tlw::ui {

// Runs one TrainingSession on the QThread it is moved to and re-emits every observer call as a signal
// carrying a copy of core's value struct, so nothing on the training thread ever touches a widget.
// Owns the session; its owner deletes it once the thread is over. requestStop() may be called from any
// thread: a queued slot could not run while run() blocks this object's thread.
class TrainingWorker : public QObject, public tlw::TrainingObserver {
    Q_OBJECT
public:
    // A new run with these settings.
    explicit TrainingWorker(tlw::TrainingConfig config);
    // Carries on the run whose checkpoint (or model file beside it) this is.
    static TrainingWorker* resuming(const std::filesystem::path& checkpointOrModel);
    ~TrainingWorker() override;

    // Any thread. Before the session exists the request is kept and handed to it once it does.
    void requestStop() noexcept;
    bool isStopRequested() const noexcept { return m_stopRequested.load(); }

public slots:
    // Builds the session (reading the checkpoint when resuming) and runs it; emits finished() or failed(),
    // moves back to the application's main thread, then emits done().
    void run();

signals:
    void configured(const tlw::TrainingConfig& config);  // the settings in force (a resumed run's own)
    void runStarted(const tlw::RunStarted& run);
    void phaseStarted(const tlw::PhaseStarted& phase);
    void progressed(const tlw::BatchProgress& progress);
    void epochEnded(const tlw::EpochMetrics& metrics);
    void headSolved(const tlw::HeadSolveReport& report);
    void checkpointSaved(const QString& file);
    void notice(const tlw::RunNotice& notice);  // a log line, as data: the window words it
    void message(const QString& line);
    void finished(const std::shared_ptr<const tlw::TrainingResult>& result);
    void failed(const QString& message);
    void done();

private:
    TrainingWorker() = default;

    void onRunStarted(const tlw::RunStarted& run) override;
    void onPhaseStarted(const tlw::PhaseStarted& phase) override;
    void onProgress(const tlw::BatchProgress& progress) override;
    void onEpochEnded(const tlw::EpochMetrics& metrics) override;
    void onHeadSolved(const tlw::HeadSolveReport& report) override;
    void onCheckpointSaved(const std::filesystem::path& file) override;
    void onNotice(const tlw::RunNotice& notice) override;
    void onMessage(const std::string& line) override;

    std::optional<tlw::TrainingConfig> m_config;  // a new run
    std::filesystem::path m_resumeFrom;           // a resumed one
    std::mutex m_sessionMutex;                    // guards m_session against requestStop() from the UI
    std::unique_ptr<tlw::TrainingSession> m_session;
    std::atomic<bool> m_stopRequested{false};
};

}  // namespace tlw::ui
