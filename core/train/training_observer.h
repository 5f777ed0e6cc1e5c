#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/train/cache_footprint.h"
#include "core/train/cache_refusal.h"
#include "core/train/run_notice.h"
#include "core/train/training_history.h"

// How a training run reports to whoever started it: the CLI prints, the GUI's worker re-emits each call as
// a Qt signal. Every call comes on the thread running TrainingSession::run(); keep them quick.
namespace tlw {

// What the engine is doing right now.
enum class TrainingStage {
    Preparing,        // scanning the data, loading weights
    CachingFeatures,  // the one inference pass over the frozen prefix
    Training,
    Validating,
    Testing,
    Saving,
};
const char* trainingStageName(TrainingStage stage);  // "preparing", "caching", ...

struct RunStarted {
    std::vector<std::string> classNames;
    std::vector<std::size_t> trainImagesPerClass;  // label order: shows an unbalanced dataset up front
    std::size_t trainImages = 0;
    std::size_t validationImages = 0;
    std::size_t testImages = 0;
    int totalEpochs = 0;      // both phases
    int firstEpoch = 1;       // > 1 when resuming
    bool pretrained = true;   // false: the backbone starts from random weights
    std::string weightsNote;  // "ImageNet weights: <file>" or "not pretrained: <why>"
    std::string lossName;     // "binary_crossentropy" or "sparse_categorical_crossentropy"
};

struct PhaseStarted {
    int phase = 1;
    int firstEpoch = 1;
    int lastEpoch = 1;
    double learningRate = 0.0;
    std::string freeze;                // FreezeSpec::describe()
    std::int64_t trainableParams = 0;  // Keras's "Trainable params" of the whole model, head included
    std::int64_t totalParams = 0;
    // The frozen-prefix cache: whether it is used this phase, the layer whose output is cached, and why not
    // when it is not ("random augmentation changes the input every epoch", "nothing is frozen", "disabled").
    bool cacheUsed = false;
    std::string cachedLayer;
    std::string cacheNote;  // for the log: the refusal's reason, or the pass's figures
    CacheRefusal cacheRefusal = CacheRefusal::None;  // for the window, in the user's language
    // Whether the cache holds the layer's output through the head's GlobalAveragePooling2D (the head alone
    // trains and reads only that), and how many values per image it holds.
    bool cachePooled = false;
    std::int64_t cachedValuesPerImage = 0;
    CacheFootprint cacheFootprint;  // all the run's cached features so far
};

struct BatchProgress {
    TrainingStage stage = TrainingStage::Training;
    int phase = 1;
    int epoch = 0;   // 1-based; 0 outside epochs (preparing, the cache pass)
    int epochs = 0;  // the last epoch of the run as planned
    // Training and validation: batches (1-based) of this stage. Preparing, caching and testing: images.
    std::size_t batch = 0;
    std::size_t batches = 0;
    double loss = 0.0;  // running mean over the epoch so far (Training)
    double accuracy = 0.0;
    double imagesPerSecond = 0.0;
    double etaSeconds = -1.0;  // until the end of the current phase; negative while unknown
};

class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void onRunStarted(const RunStarted& /*run*/) {}
    virtual void onPhaseStarted(const PhaseStarted& /*phase*/) {}
    // A few times a second at most, and after the last batch of each stage.
    virtual void onProgress(const BatchProgress& /*progress*/) {}
    virtual void onEpochEnded(const EpochMetrics& /*metrics*/) {}
    // After the frozen phase's head was solved exactly (HeadSolver::Exact), before its one epoch ends.
    virtual void onHeadSolved(const HeadSolveReport& /*report*/) {}
    virtual void onCheckpointSaved(const std::filesystem::path& /*file*/) {}
    // Log lines for people: skipped images, cache hits, early stopping, restored epochs. A run reports each
    // as a notice; by default it arrives as its English line through onMessage (the CLI's log), and the
    // window takes the notice itself, to word it in the user's language.
    virtual void onNotice(const RunNotice& notice) { onMessage(notice.english()); }
    virtual void onMessage(const std::string& /*line*/) {}
};

}  // namespace tlw
