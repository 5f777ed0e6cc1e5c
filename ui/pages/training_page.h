#pragma once

#include "ui/charts/epoch_point.h"
#include "ui/pages/page.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSpinBox;

namespace tlw::ui {

class TrainingCharts;

// The hyper-parameters the Training page collects (image size and dropout are on the Model page).
struct TrainingSettings {
    int epochs = 10;
    int batchSize = 32;
    double learningRate = 0.0001;
    QString optimizer = QStringLiteral("adam");  // "adam", "sgd", "rmsprop"
    bool earlyStopping = true;
    int patience = 3;
    bool augmentation = true;    // random horizontal flip and small rotation
    bool fineTunePhase = false;  // the tutorial's second phase: unfreeze, then train on with a lower rate
    int fineTuneEpochs = 10;
    double fineTuneLearningRate = 0.00001;
    int threads = 0;  // 0: all cores
};

// Progress of a run, as the worker reports it after each batch.
struct TrainingProgress {
    int epoch = 0;  // 1-based
    int epochs = 0;
    int batch = 0;  // 1-based within the epoch
    int batches = 0;
    double imagesPerSecond = 0.0;
    double etaSeconds = -1.0;         // negative: not known yet
    bool frozenPrefixCached = false;  // features of the frozen layers come from the cache
};

// Page 3: hyper-parameters, Start/Stop/Resume, progress, the live accuracy and loss charts, and the log.
class TrainingPage : public Page {
    Q_OBJECT
public:
    explicit TrainingPage(QWidget* parent = nullptr);

    TrainingSettings settings() const;
    void setSettings(const TrainingSettings& settings);
    // Problems that keep a run from starting, translated; empty when the settings are usable.
    QStringList validationErrors() const;
    bool isRunning() const { return m_running; }
    TrainingCharts* charts() const { return m_charts; }
    QString logText() const;
    QString progressText() const;
    QPushButton* startButton() const { return m_startButton; }
    QPushButton* stopButton() const { return m_stopButton; }

public slots:
    void requestStart();  // validates, then emits startRequested (Start button, F5)
    void requestStop();   // emits stopRequested while running (Stop button, Esc)
    void setRunning(bool running);
    void showProgress(const tlw::ui::TrainingProgress& progress);
    void appendEpoch(const tlw::ui::EpochPoint& point);
    void appendLog(const QString& line);
    void clearRun();  // charts, progress and log, before a new run

signals:
    void startRequested(const tlw::ui::TrainingSettings& settings);
    void stopRequested();
    void resumeRequested();  // the window asks which checkpoint

protected:
    void retranslateUi() override;

private:
    QWidget* createSettingsColumn();
    QWidget* createRunColumn();
    void updateEnabledStates();

    bool m_running = false;
    TrainingProgress m_lastProgress;
    bool m_hasProgress = false;

    QScrollArea* m_settingsScroll;
    QWidget* m_settingsColumn;
    QGroupBox* m_settingsBox;
    QFormLayout* m_form;
    QSpinBox* m_epochs;
    QSpinBox* m_batchSize;
    QDoubleSpinBox* m_learningRate;
    QComboBox* m_optimizer;
    QCheckBox* m_earlyStopping;
    QSpinBox* m_patience;
    QCheckBox* m_augmentation;
    QCheckBox* m_fineTunePhase;
    QSpinBox* m_fineTuneEpochs;
    QDoubleSpinBox* m_fineTuneLearningRate;
    QSpinBox* m_threads;
    QPushButton* m_startButton;
    QPushButton* m_stopButton;
    QPushButton* m_resumeButton;
    QGroupBox* m_progressBox;
    QProgressBar* m_progress;
    QLabel* m_progressLabel;
    QLabel* m_cacheLabel;
    TrainingCharts* m_charts;
    QGroupBox* m_logBox;
    QPlainTextEdit* m_log;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::TrainingSettings)
Q_DECLARE_METATYPE(tlw::ui::TrainingProgress)
