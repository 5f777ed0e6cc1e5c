#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset_index.h"
#include "core/infer/compute_precision.h"
#include "core/io/weights_resolver.h"
#include "core/models/imagenet_classes.h"

// `tlw predict --imagenet`: what the full VGG16 (Keras's VGG16() with include_top, 224x224) sees in
// images, as the 1000 ImageNet classes, like Keras's decode_predictions. Torch-free.
namespace tlw {

struct ImageNetPredictionOptions {
    std::vector<std::filesystem::path> inputs;  // image files and folders (see collectImageInputs)
    int topK = 5;
    std::optional<std::filesystem::path> weightsFile;  // the full VGG16 file; else discovery
    WeightsEnvironment environment = WeightsEnvironment::fromProcess();
    WeightsDownloadOptions download{false, {}, nullptr, {}};  // discovery only unless asked
    std::size_t batchSize = 8;
    int threads = 0;  // decoding threads; 0 = one per core
    ComputePrecision precision = ComputePrecision::Float32;
};

struct ImageNetImagePrediction {
    std::filesystem::path file;
    std::vector<ImageNetPrediction> top;  // most probable first
};

struct ImageNetPredictionResult {
    std::vector<ImageNetImagePrediction> images;  // in input order, the images that could be read
    std::vector<SkippedFile> skipped;             // the others, and why
    std::string weightsNote;                      // "ImageNet weights: <file>"
};

// Resolves the full VGG16 weights first (throwing the discovery's message, which names the missing file and
// where to put it), then classifies each image resized to 224x224 and caffe-preprocessed. Throws tlw::Error
// for missing inputs, missing or bad weights, or 1 > topK > 1000.
ImageNetPredictionResult predictImageNetClasses(const ImageNetPredictionOptions& options);

}  // namespace tlw
