#pragma once

#include <deque>
#include <optional>

#include "core/train/cache_refusal.h"
#include "ui/charts/epoch_point.h"
#include "ui/pages/page.h"
#include "ui/workers/training_meta_types.h"

class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QGroupBox;
class QAction;
class QTabWidget;

namespace tlw::ui {

class RunsPanel;
class TrainingCharts;
class TrainingSettingsForm;

// What the engine is doing, as the progress line words it.
enum class TrainingStep { Preparing, CachingFeatures, Training, Validating, Testing, Saving };

// Progress of a run, as the worker reports it a few times a second.
struct TrainingProgress {
    TrainingStep step = TrainingStep::Training;
    int epoch = 0;   // 1-based; 0 outside epochs (preparing, the cache pass)
    int epochs = 0;  // the run's last epoch
    // Training and validation: batches of the step (1-based). Preparing, caching, testing: images.
    int batch = 0;
    int batches = 0;
    double imagesPerSecond = 0.0;
    double etaSeconds = -1.0;  // until the end of the phase; negative: not known yet
    int phase = 1;
    int phases = 1;
};

// How the last run ended, for the progress line once it is over.
struct RunOutcome {
    enum class Kind { Finished, Stopped, Failed };
    Kind kind = Kind::Finished;
    int epochs = 0;     // epochs in the history
    int bestEpoch = 0;  // by the monitor; 0: none
    int keptEpoch = 0;  // whose weights the model holds: the best or the last; 0: none
    QString monitor;    // "val_loss", "val_accuracy", or "loss" without validation images
    // Whether the fine-tuning phase beat phase 1's best monitored value; none without a second phase.
    std::optional<bool> fineTuningImproved;
    double seconds = 0;  // wall time of the run: reading, the frozen-prefix pass, the epochs, saving
};

// Whether the frozen layers' features come from the cache in the current phase, and why not.
struct FeatureCacheStatus {
    bool used = false;
    QString cachedLayer;                                  // the layer whose output is cached
    tlw::CacheRefusal refusal = tlw::CacheRefusal::None;  // why it is not used, said in the page's words
};

// Page 3: hyper-parameters, Start/Stop/Resume, progress, the live accuracy and loss charts, and the log.
class TrainingPage : public Page {
    Q_OBJECT
public:
    explicit TrainingPage(QWidget* parent = nullptr);

    tlw::TrainingConfig settings() const;
    void setSettings(const tlw::TrainingConfig& settings);
    // Problems that keep a run from starting, translated; empty when the settings are usable.
    QStringList validationErrors() const;
    bool isRunning() const { return m_running; }
    bool isStopping() const { return m_stopping; }
    TrainingSettingsForm* settingsForm() const { return m_form; }
    TrainingCharts* charts() const { return m_charts; }
    QString logText() const;
    QString progressText() const;
    QString cacheText() const;
    static QString cacheRefusalText(tlw::CacheRefusal refusal);
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* startButton() const { return m_startButton; }
    QPushButton* stopButton() const { return m_stopButton; }
    QPushButton* resumeButton() const { return m_resumeButton; }
    QAction* resumeLastAction() const { return m_resumeLastAction; }
    QPushButton* sweepButton() const { return m_sweepButton; }
    // The run column's tabs: "This Run" (progress, charts, log) and "Runs" (the recorded runs compared).
    QTabWidget* runTabs() const { return m_runTabs; }
    RunsPanel* runsPanel() const { return m_runsPanel; }
    static constexpr int kThisRunTab = 0;
    static constexpr int kRunsTab = 1;

public slots:
    void requestStart();  // validates, then emits startRequested (Start button, F5)
    void requestStop();   // emits stopRequested while running (Stop button, Esc)
    void setRunning(bool running);
    void showProgress(const tlw::ui::TrainingProgress& progress);
    void setCacheStatus(const tlw::ui::FeatureCacheStatus& status);
    void showOutcome(const tlw::ui::RunOutcome& outcome);
    void appendEpoch(const tlw::ui::EpochPoint& point);
    // The exact head solver's cross-validation curve, in place of the frozen phase's epoch curves.
    void showHeadSolve(const tlw::HeadSolveReport& report);
    // A line of the log with the time; a composing function makes it follow a language switch.
    void appendLog(tlw::ui::LiveText line);
    void clearRun();  // charts, progress and log, before a new run
    // The checkpoint "Resume Last Run" continues; empty: there is none.
    void setLastCheckpoint(const QString& checkpoint);

signals:
    void startRequested(const tlw::TrainingConfig& settings);
    void stopRequested();
    void resumeRequested();  // the window asks which checkpoint
    void resumeLastRunRequested(const QString& checkpoint);
    void sweepRequested();  // "Which Layers to Fine-Tune?…" (FineTuneSweepController)

protected:
    void retranslateUi() override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* createSettingsColumn();
    QWidget* createRunColumn();
    void updateEnabledStates();
    void fitSettingsWidth();
    double progressFraction() const;
    QString outcomeText() const;
    void showOutcomeOnBar();
    void reserveProgressLines();

    bool m_running = false;
    bool m_stopping = false;
    TrainingProgress m_lastProgress;
    bool m_hasProgress = false;
    std::optional<RunOutcome> m_outcome;
    FeatureCacheStatus m_cache;
    bool m_hasCacheStatus = false;
    QString m_lastCheckpoint;

    QScrollArea* m_settingsScroll = nullptr;
    TrainingSettingsForm* m_form;
    QPushButton* m_startButton;
    QPushButton* m_stopButton;
    QPushButton* m_resumeButton;
    QPushButton* m_sweepButton;
    QMenu* m_resumeMenu;
    QAction* m_resumeLastAction;
    QAction* m_resumeChooseAction;
    QGroupBox* m_progressBox;
    QProgressBar* m_progress;
    QLabel* m_progressLabel;
    QLabel* m_cacheLabel;
    TrainingCharts* m_charts;
    QTabWidget* m_runTabs;
    RunsPanel* m_runsPanel;
    QGroupBox* m_logBox;
    QPlainTextEdit* m_log;
    void rewordLog();
    struct LogLine {
        QString time;
        LiveText text;
    };
    std::deque<LogLine> m_logLines;  // what m_log shows, kept to re-word it on a language switch
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::TrainingProgress)
Q_DECLARE_METATYPE(tlw::ui::FeatureCacheStatus)
Q_DECLARE_METATYPE(tlw::ui::RunOutcome)
