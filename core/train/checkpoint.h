#pragma once

// Core-internal (LibTorch): a training run's state after an epoch, written beside the model as
// MODEL.checkpoint (a tensor archive of kind "tlw-checkpoint"), so that `tlw resume` continues the same
// history after a crash, a kill or a Stop, as if the run had never been interrupted.

#include <torch/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/train/plateau_monitor.h"
#include "core/train/training_history.h"

namespace tlw {

struct CheckpointState {
    std::string configJson;  // trainingConfigToJson, paths absolute, the split pinned by its manifest
    TrainingHistory history;
    int nextEpoch = 1;        // the epoch to run next (1-based)
    int phase = 1;            // the phase nextEpoch belongs to
    int phaseFirstEpoch = 1;  // the first epoch of that phase
    int optimizerPhase = 0;   // the phase whose optimizer state is saved; 0: none saved
    double learningRate = 0.0;
    // The monitors' states; a best value is absent while the monitor has seen nothing (JSON has no
    // infinity), and the session then starts it from its direction's worst value.
    std::optional<double> earlyStoppingBest;
    int earlyStoppingWait = 0;
    std::optional<double> reduceLrBest;
    int reduceLrWait = 0;
    int reduceLrCooldown = 0;
    int bestEpoch = 0;  // BestEpochTracker; 0: none yet
    std::optional<double> bestValue;
    std::vector<std::string> classNames;
    bool pretrained = true;
    std::string weightsNote;
    std::string manifestFingerprint;
};

struct Checkpoint {
    CheckpointState state;
    std::vector<std::pair<std::string, torch::Tensor>> weights;  // ClassifierModule::namedWeights
    // The best epoch's, when kept. A file holds only those that differ from the current weights (with a
    // frozen base, the head's); readCheckpoint gives the others the current tensors.
    std::vector<std::pair<std::string, torch::Tensor>> bestWeights;
    // The optimizer's state (core/train/optimizer_state.h); empty when none is saved.
    std::vector<std::pair<std::string, torch::Tensor>> optimizer;
    // Checkpoints of format 2 and before: the optimizer as torch::serialize wrote it (uint8); undefined in
    // those written since, and when none was saved.
    torch::Tensor legacyOptimizer;
};

// Atomic. Throws tlw::Error naming the file.
void writeCheckpoint(const std::filesystem::path& file, const Checkpoint& checkpoint);
// Throws tlw::Error naming the file: missing, damaged, not a checkpoint, malformed state.
Checkpoint readCheckpoint(const std::filesystem::path& file);

}  // namespace tlw
