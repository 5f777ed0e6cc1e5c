#pragma once

// Core-internal (LibTorch): one pass over training or validation images, from cached features or from
// decoded files, reporting progress per batch and honouring a stop request within one batch.

#include <torch/optim/optimizer.h>
#include <torch/types.h>

#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/data/preprocess.h"
#include "core/models/classifier_module.h"
#include "core/train/augmentation.h"
#include "core/train/feature_cache.h"
#include "core/train/training_config.h"
#include "core/train/training_observer.h"
#include "core/util/batch_run_options.h"

namespace tlw {

// The images of one subset and where their network input comes from: rows [firstRow, firstRow + n) of
// cached features (the output of layer features->cut() - 1, or its pooled vector), or the files decoded
// and preprocessed.
struct ImageSource {
    std::vector<std::filesystem::path> files;
    std::vector<int64_t> labels;
    const FeatureSet* features = nullptr;
    int64_t firstRow = 0;
    // bf16 runs: the features' rows once more, N x H x W x C bfloat16 (channelsLastBf16Rows), so that a
    // batch reaches the convolutions without a transposing copy each time. Undefined: from `features`.
    torch::Tensor channelsLastRows;

    std::size_t size() const { return files.size(); }
};

// Called after every batch with the stage, batch numbers, running loss/accuracy and images/s.
using BatchProgressFn = std::function<void(const BatchProgress&)>;

struct PassSettings : BasicBatchRunOptions<BatchProgressFn> {
    PreprocessOptions preprocess;
    std::function<void(const std::filesystem::path&, const std::string&)>
        skipped;  // an unreadable image, why
    // bf16: the network's layers run under bf16 autocast (core/train/mixed_precision.h), the weights, their
    // gradients and the loss stay float32. Resolved: never Auto.
    Precision precision = Precision::Float32;
};

struct PassResult {
    double loss = 0.0;      // mean per image (weighted by class weight when training with weights)
    double accuracy = 0.0;  // fraction correct
    std::size_t images = 0;
    double seconds = 0.0;
    bool stopped = false;  // a stop request ended the pass early
};

// One epoch of training: images in an order shuffled by `random`, augmented when an augmenter is active
// (decoded sources only), Adam/SGD steps on the module's trainable parameters.
PassResult trainEpoch(ClassifierModule& module, torch::optim::Optimizer& optimizer, const ImageSource& source,
                      const PassSettings& settings, const BatchAugmenter& augmenter,
                      const torch::Tensor& classWeights, std::mt19937_64& random);

// The pooled features (what the head's Normalization and Dense see) of every readable image of the source,
// N x featureCount float32, and their labels (N int64), in inference mode: the data of the Normalization's
// adapt() and of the exact head solver. Read straight from a pooled cache; else one pass through the
// network. Undefined tensors when a stop request ended the pass.
struct PooledFeatures {
    torch::Tensor features;
    torch::Tensor labels;
};
PooledFeatures pooledFeatureMatrix(ClassifierModule& module, const ImageSource& source,
                                   const PassSettings& settings);

// Keras's Normalization.adapt(): the mean and population variance of each column of the pooled features,
// summed in float64 (a mean of squares over thousands of images loses float32's digits), as float32.
struct FeatureMoments {
    torch::Tensor mean;
    torch::Tensor variance;
};
FeatureMoments featureMoments(const torch::Tensor& pooled);

// Loss and accuracy without updating anything (inference mode, no class weights: Keras's val_loss).
PassResult evaluatePass(ClassifierModule& module, const ImageSource& source, const PassSettings& settings,
                        TrainingStage stage);

// Every readable image's logits (N x units, float32, CPU) and labels (N, int64) in source order, without
// updating anything: what calibration is fitted on. Undefined tensors when a stop request ended the pass.
struct PassLogits {
    torch::Tensor logits;
    torch::Tensor labels;
};
PassLogits passLogits(ClassifierModule& module, const ImageSource& source, const PassSettings& settings);

}  // namespace tlw
