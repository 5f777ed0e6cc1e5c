#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "core/train/fine_tune_sweep.h"
#include "ui/dialogs/fine_tune_sweep_dialog.h"
#include "ui/workers/fine_tune_sweep_worker.h"

class QThread;

namespace tlw::ui {

class MainWindow;
class TrainedModelController;
class TrainingController;

// The Training page's "Which Layers to Fine-Tune?": the dialog's request becomes a FineTuneSweep over the
// settings a Start would use (the Dataset, Model and Training pages, a new model file), run by a
// FineTuneSweepWorker on a thread of its own (progress, Cancel). Each finished candidate joins the ranked
// table and its validation curve the chart; "Use This Model" opens the chosen candidate's model for the
// Evaluation and Predict pages.
class FineTuneSweepController : public QObject {
    Q_OBJECT
public:
    FineTuneSweepController(MainWindow& window, TrainingController& training, TrainedModelController& models,
                            QObject* parent = nullptr);
    // Stops a running sweep and waits for its thread (the candidate running writes its checkpoint first).
    ~FineTuneSweepController() override;

    FineTuneSweepDialog* dialog() const { return m_dialog; }
    bool isRunning() const { return m_thread != nullptr; }
    // The last sweep's outcome; null before one finished.
    std::shared_ptr<const tlw::FineTuneSweepResult> lastResult() const { return m_result; }

public slots:
    void openDialog();
    bool run(const tlw::ui::SweepRequest& request);  // false: refused, the dialog says why
    void cancel();
    void useModel(const QString& modelFile);

signals:
    void runningChanged(bool running);
    void sweepFinished(const std::shared_ptr<const tlw::FineTuneSweepResult>& result);

private:
    void launch(FineTuneSweepWorker* worker);
    void onThreadFinished();
    void onCandidateEnded(const tlw::SweepCandidate& candidate);
    void onFinished(const std::shared_ptr<const tlw::FineTuneSweepResult>& result);
    void showCandidates(std::vector<tlw::SweepCandidate> candidates);

    MainWindow& m_window;
    TrainingController& m_training;
    TrainedModelController& m_models;
    FineTuneSweepDialog* m_dialog;
    QThread* m_thread = nullptr;
    FineTuneSweepWorker* m_worker = nullptr;  // lives on m_thread; deleted once the thread is over
    std::vector<tlw::SweepCandidate> m_done;  // this sweep's finished candidates, for the live table
    std::shared_ptr<const tlw::FineTuneSweepResult> m_result;
};

}  // namespace tlw::ui
