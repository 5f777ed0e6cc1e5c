#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "core/eval/evaluation.h"
#include "core/train/training_config.h"
#include "core/train/training_history.h"
#include "core/train/training_observer.h"

// The training engine: the seed's transfer-learning and fine-tuning recipes, run so that frozen layers cost
// one pass instead of one per epoch. Torch-free header: the CLI and the GUI's worker drive it.
namespace tlw {

struct TrainingResult {
    TrainingHistory history;
    std::filesystem::path modelFile;  // written unless the run was cancelled before its first epoch ended
    bool cancelled = false;
    std::optional<EvaluationResult> test;  // on the test images, when the dataset has any
};

class TrainingSession {
public:
    explicit TrainingSession(TrainingConfig config);
    // Carries on a run from its checkpoint (MODEL.checkpoint, or the model path it was written beside), with
    // the settings stored in it, continuing the same history. Throws tlw::Error.
    static TrainingSession resume(const std::filesystem::path& checkpointOrModel);
    TrainingSession(TrainingSession&&) noexcept;
    ~TrainingSession();

    const TrainingConfig& config() const;

    // Runs to the end, to early stopping or to requestStop(). Saves a checkpoint after every epoch and the
    // model (best epoch's weights) and history at the end, also when stopped. Throws tlw::Error.
    TrainingResult run(TrainingObserver& observer);
    // Any thread; takes effect within one batch. The run then saves its checkpoint and returns cancelled.
    void requestStop() noexcept;
    // The fine_tune_at sweep (core/train/fine_tune_sweep.h): other fine_tune_at values whose cut this run's
    // first frozen pass caches as well, so that their runs find their features in the cache. Before run().
    void alsoCacheFineTuneAt(std::vector<int> fineTuneAt);

    struct Impl;  // core-internal (training_session.cpp)

private:
    explicit TrainingSession(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tlw
