#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/split_manifest.h"
#include "core/train/run_notice.h"
#include "core/train/training_config.h"

// The images a run trains, validates and tests on, resolved from a TrainingConfig: the dataset scanned
// (every image decoded once, bad files skipped with their reason), split as configured, and the optional
// separate validation and test folders matched to the training classes by name. Torch-free.
namespace tlw {

struct LabelledImage {
    std::filesystem::path path;
    int label = 0;
    ContentHash hash;  // of the file's bytes: keys the feature cache
};

struct TrainingData {
    std::vector<std::string> classNames;
    std::vector<LabelledImage> train;
    std::vector<LabelledImage> validation;
    std::vector<LabelledImage> test;
    SplitManifest manifest;           // the split of dataDir as used (written beside the model)
    std::string manifestFingerprint;  // XXH3-128 hex of the manifest's entries (not of its timestamps)
    std::vector<RunNotice> notes;     // for the log: skipped files, warnings of the scans

    std::size_t count(int label) const;  // training images of a class
};

// Throws tlw::Error when a folder cannot be read, the dataset cannot be trained on (the scan's reasons),
// or a validation/test folder holds a class the training data lacks.
TrainingData loadTrainingData(const TrainingConfig& config,
                              const std::function<void(std::size_t, std::size_t)>& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

// Keras/scikit-learn "balanced" class weights: n_samples / (n_classes * n_class); 1 for a class without
// training images (it cannot weigh anything).
std::vector<float> balancedClassWeights(const TrainingData& data);

}  // namespace tlw
