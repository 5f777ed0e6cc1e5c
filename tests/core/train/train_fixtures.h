#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/train/training_config.h"

namespace tlw {
class ClassifierModule;
}

namespace tlw::test {

// A small labelled image folder for engine tests: per class a distinct mean colour plus seeded noise, so
// that even random convolution features tell the classes apart somewhat. With validationPerClass > 0 the
// folder has train/ and val/ (Keras's split-folder layout), else the classes sit at the root.
struct TinyDatasetSpec {
    std::vector<std::string> classes{"blue", "red"};
    int trainPerClass = 6;
    int validationPerClass = 3;
    int testPerClass = 0;
    int side = 32;
    unsigned seed = 7;
};
void writeTinyDataset(const std::filesystem::path& root, const TinyDatasetSpec& spec = {});

// A fast config over such a folder: VGG16 at 32x32 from seeded random weights (no weight file is looked
// for), the Adam head solver, batch 4, the feature cache in cacheDir, the model in outDir/model.tlwm.
TrainingConfig tinyTrainingConfig(const std::filesystem::path& data, const std::filesystem::path& outDir,
                                  const std::filesystem::path& cacheDir);

// VGG16 from seeded random weights (torch::manual_seed(5)) with a 2-class head, frozen below Keras's
// fine_tune_at = `cut` for square images of `side` pixels, in training mode: what a fine-tuning run trains on
// cached features.
std::shared_ptr<ClassifierModule> vgg16FineTunedAt(int cut, int side);

// Rewrites a checkpoint with Adam's state as checkpoints before format 3 held it: one torch::serialize blob
// named "optimizer", format 2. Fails the test if the checkpoint holds no optimizer state to convert.
void rewriteWithLegacyOptimizer(const std::filesystem::path& checkpoint);

}  // namespace tlw::test
