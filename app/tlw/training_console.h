#pragma once

// What `tlw train` and `tlw resume` print while the engine runs, in Keras's words: a short header (classes,
// model, weights, trainable parameters and the frozen-prefix cache per phase), then per epoch
// "Epoch 3/20" and "8/8 [====...] - 2s 230ms/step - loss: ... - val_accuracy: ...", with a live bar on a
// terminal, and at the end where everything was written. With --json, stdout carries one JSON object per
// epoch and a summary object, and the text goes to stderr.

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "app/tlw/live_line.h"
#include "core/train/training_config.h"
#include "core/train/training_observer.h"
#include "core/train/training_session.h"

namespace tlw::cli {

class TrainingConsole : public TrainingObserver {
public:
    TrainingConsole(const TrainingConfig& config, bool json);

    void onRunStarted(const RunStarted& run) override;
    void onPhaseStarted(const PhaseStarted& phase) override;
    void onProgress(const BatchProgress& progress) override;
    void onEpochEnded(const EpochMetrics& metrics) override;
    void onMessage(const std::string& line) override;

    // Any thread (the Ctrl-C watcher): a line of its own, in place of the live one.
    void announce(const std::string& line);
    // Removes the live line and prints the notes held back for the header (a run can fail before it), so
    // that an error message follows them on a fresh line.
    void endOutput();
    // The end of the run: best epoch, test figures, where the files are and, when stopped, how to go on.
    // signal: what stopped it (0: nothing).
    void printSummary(const TrainingResult& result, int signal);

private:
    void printLine(const std::string& line);  // caller holds m_mutex
    void printHeldNotes();                    // caller holds m_mutex
    void announceEpoch(int epoch, int epochs);
    std::string trainingBar(const BatchProgress& progress) const;
    void printJson(const std::string& line);

    const TrainingConfig& m_config;
    const bool m_json;
    std::mutex m_mutex;  // the watcher thread prints too
    LiveLine m_live;

    std::string m_weightsNote;
    bool m_headerPrinted = false;
    std::vector<std::string> m_notesBeforeHeader;
    int m_totalEpochs = 0;
    int m_announcedEpoch = 0;
    int m_lastEpochDone = 0;
    std::size_t m_trainBatches = 0;  // of the current epoch's training stage, 0 until reported
    std::size_t m_trainImages = 0;
    BatchProgress m_lastTraining;  // the training figures shown beside the validation count
    TrainingStage m_stage = TrainingStage::Preparing;
    std::chrono::steady_clock::time_point m_stageStart;
};

}  // namespace tlw::cli
