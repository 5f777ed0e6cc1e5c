#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/train/head_solve_report.h"

// What a training run measured, epoch by epoch: the numbers behind Keras's `history.history`, the CLI's
// "Epoch 3/20 ... loss: ... - val_accuracy: ..." lines and the GUI's curves. Torch-free.
namespace tlw {

struct EpochMetrics {
    int epoch = 0;  // 1-based, counted through both phases of a two-phase run
    int phase = 1;  // 1: the frozen phase (or the only one), 2: fine-tuning
    double loss = 0.0;
    double accuracy = 0.0;
    std::optional<double> valLoss;  // absent without validation data
    std::optional<double> valAccuracy;
    double learningRate = 0.0;
    double seconds = 0.0;          // wall time of the epoch, validation included
    double imagesPerSecond = 0.0;  // training images / training time
    bool fromCache = false;        // the frozen prefix's features came from the cache
};

struct TrainingHistory {
    std::vector<EpochMetrics> epochs;
    int fineTuneStartEpoch = 0;  // first epoch of phase 2; 0 without a second phase
    int bestEpoch = 0;           // the best epoch by `monitor`; 0 before any
    // The epoch whose weights the model holds at the end: the best or the last (TrainingConfig::keptWeights).
    // Histories written before the choice read it as bestEpoch, which those runs kept.
    int keptEpoch = 0;
    std::string monitor;        // "val_loss", "val_accuracy", or "loss" without validation data
    bool stoppedEarly = false;  // early stopping ended the (last) phase
    // The frozen phase solved exactly (HeadSolver::Exact): its one "epoch" is the solve, and this says how
    // it went (the cross-validation path, the chosen strength, the refit's iterations and gradient).
    std::optional<HeadSolveReport> headSolve;

    const EpochMetrics* best() const;
    const EpochMetrics* kept() const;
};

// An epoch's figure named by TrainingHistory::monitor ("val_loss", "val_accuracy", "loss", "accuracy").
std::optional<double> monitoredFigure(const EpochMetrics& metrics, const std::string& monitor);
// Whether the fine-tuning phase's best monitored figure beats the frozen phase's best (strictly: lower for
// a loss, higher for an accuracy); nullopt without epochs of both phases or without the figure. A "no" is
// worth saying: the fine-tuning epochs then leave the best model where phase 1 put it.
std::optional<bool> fineTuningImproved(const TrainingHistory& history);

// epoch,phase,loss,accuracy,val_loss,val_accuracy,lr,seconds,images_per_second,cached: one row per epoch,
// empty cells for absent values; what pandas.read_csv and spreadsheets read.
std::string historyToCsv(const TrainingHistory& history);
// {"epochs": [...], "fine_tune_start_epoch", "best_epoch", "kept_epoch", "monitor", "stopped_early",
// "head_solve" (only after an exact solve)}, plus Keras's history.history layout under "history": {"loss":
// [...], "accuracy": [...], "val_loss": [...], ...}.
std::string historyToJson(const TrainingHistory& history, int indent = 2);
TrainingHistory historyFromJson(const std::string& json);  // throws tlw::Error
// One epoch as the CLI's --json prints it (one object per line).
std::string epochToJson(const EpochMetrics& metrics);

// Keras's progress line without the bar: "loss: 0.4123 - accuracy: 0.8571 - val_loss: 0.3012 -
// val_accuracy: 0.9000".
std::string formatEpochFigures(const EpochMetrics& metrics);

}  // namespace tlw
