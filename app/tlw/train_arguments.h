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

struct TrainArguments {
    std::string dataDir;
    std::string backbone = "vgg16";
    std::string validationDir;
    double validationSplit = 0.0;
    std::string testDir;
    std::string manifest;
    int epochs = 10;
    int batchSize = 32;
    std::string imageSize = "224";
    bool cropToAspectRatio = false;
    double learningRate = 0.001;
    std::string optimizer = "adam";
    double momentum = 0.9;
    std::string fineTuneAt;  // text, so that "not given" differs from 0
    std::string freeze;
    std::string twoPhase;
    double dropout = 0.0;
    bool noNormalize = false;
    std::string augment = "none";
    int earlyStoppingPatience = -1;  // -1: off
    std::string monitor = "val_loss";
    double minDelta = 0.0;
    int reduceLrPatience = -1;  // -1: off
    std::string classWeights = "none";
    std::uint64_t seed = 1337;
    int threads = 0;
    std::string precision = "fp32";
    bool noCache = false;
    std::string cacheDir;
    std::string cacheStorage = "fp32";
    std::string cacheRamBudget = "auto";
    bool includeTop = false;
    std::string weights;
    bool download = false;
    bool allowRandom = false;
    std::string out;
    bool json = false;
};

// Registers every flag of `tlw train` on command, storing into arguments.
void addTrainOptions(CLI::App& command, TrainArguments& arguments);

// Throws tlw::Error naming the flag at fault (a malformed --two-phase, --freeze with --fine-tune-at, ...).
TrainingConfig trainingConfigFrom(const TrainArguments& arguments);

// "N:K:LR", e.g. "10:16:1e-5": N more epochs with layers[:K] frozen at learning rate LR.
FineTuneSettings parseTwoPhase(const std::string& text);

// "auto" (0: a quarter of physical memory), bytes, or a number with K, M, G, T (powers of 1024, also written
// KiB, MiB, ... or KB, MB, ...): "512M", "1.5G".
std::int64_t parseByteSize(const std::string& text);

}  // namespace tlw::cli
