#pragma once

// tlw train's flags, as typed, and their translation into the engine's TrainingConfig. Kept apart from the
// command's registration so that the rules (what excludes what, the N:K:LR syntax, sizes like 4G) read in
// one place.

#include <cstdint>
#include <string>

#include "core/train/training_config.h"

namespace CLI {
class App;
}

namespace tlw::cli {

// Every default is core's (trainingDefaults()), so that tlw, the GUI and the docs agree.
struct TrainArguments {
    std::string dataDir;
    std::string backbone = backboneId(trainingDefaults().backbone);
    double alpha = 0.0;  // MobileNet's width multiplier; 0: none given
    std::string validationDir;
    double validationSplit = trainingDefaults().validationSplit;
    std::string testDir;
    std::string manifest;
    std::string headSolver = headSolverId(trainingDefaults().headSolver);
    int epochs = trainingDefaults().epochs;
    int batchSize = trainingDefaults().batchSize;
    std::string imageSize = std::to_string(trainingDefaults().imageSize.width);
    bool cropToAspectRatio = trainingDefaults().cropToAspectRatio;
    double learningRate = trainingDefaults().learningRate;
    std::string optimizer = optimizerId(trainingDefaults().optimizer);
    double momentum = trainingDefaults().momentum;
    std::string fineTuneAt;  // text, so that "not given" differs from 0
    std::string freeze;
    std::string twoPhase;
    double dropout = trainingDefaults().dropout;
    bool noNormalize = !trainingDefaults().normalizeFeatures;
    bool updateBatchNormStatistics = trainingDefaults().updateBatchNormStatistics;
    std::string augment = formatAugmentation(trainingDefaults().augmentation);
    int earlyStoppingPatience = -1;  // -1: off (core's default); a patience turns it on
    std::string monitor = monitoredMetricId(trainingDefaults().earlyStopping.monitor);
    double minDelta = trainingDefaults().earlyStopping.minDelta;
    std::string keep = keptWeightsId(trainingDefaults().keptWeights);
    int reduceLrPatience = -1;  // -1: off (core's default)
    std::string classWeights = "none";
    std::uint64_t seed = trainingDefaults().seed;
    int threads = trainingDefaults().threads;
    std::string precision = precisionId(trainingDefaults().precision);
    bool noCache = !trainingDefaults().cache.enabled;
    std::string cacheDir;
    std::string cacheStorage = cacheStorageId(trainingDefaults().cache.storage);
    std::string cacheRamBudget = "auto";
    bool noScanMemo = !trainingDefaults().cache.scanMemo;
    bool includeTop = trainingDefaults().replaceImageNetTop;
    std::string weights;
    bool download = trainingDefaults().allowDownload;
    bool allowRandom = trainingDefaults().allowRandomInit;
    std::string out;
    bool json = false;
};

// Registers every flag of `tlw train` on command, storing into arguments.
void addTrainOptions(CLI::App& command, TrainArguments& arguments);

// Throws tlw::Error naming the flag at fault (a malformed --two-phase, --freeze with --fine-tune-at, ...).
TrainingConfig trainingConfigFrom(const TrainArguments& arguments);

// "N", "N:K" or "N:K:LR", e.g. "10:16:1e-4": N more epochs with layers[:K] frozen at learning rate LR;
// K an index or a preset's name ("last-block"), left out or empty: the backbone's usual preset; LR left
// out: core's default.
FineTuneSettings parseTwoPhase(const std::string& text, BackboneKind kind, bool includeTop);

// "auto" (0: a quarter of physical memory), bytes, or a number with K, M, G, T (powers of 1024, also written
// KiB, MiB, ... or KB, MB, ...): "512M", "1.5G".
std::int64_t parseByteSize(const std::string& text);

}  // namespace tlw::cli
