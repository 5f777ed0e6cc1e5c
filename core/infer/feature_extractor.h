#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset_index.h"
#include "core/infer/compute_precision.h"
#include "core/io/weights_resolver.h"
#include "core/models/backbone.h"
#include "core/models/image_size.h"

// The "embedder" behind `tlw features`: a pretrained backbone's activations at any layer, for images and
// folders, written as a NumPy .npy file plus a CSV naming the image of each row, for scikit-learn, Orange or
// a fidelity check from outside. Torch-free.
namespace tlw {

enum class FeaturePooling {
    None,     // the whole map, channels last: (N, H, W, C)
    Average,  // global average pooling (Keras GlobalAveragePooling2D): (N, C)
    Max,      // global max pooling (Keras GlobalMaxPooling2D): (N, C)
};

// "none", "avg", "max"; parse throws tlw::Error listing them.
std::string featurePoolingId(FeaturePooling pooling);
FeaturePooling parseFeaturePooling(const std::string& text);

// The layer features come from when none is named: the end of the convolutional base. For SqueezeNet that
// is fire9/concat, not the last layer drop9: a dropout passes its input through unchanged at inference.
std::string defaultFeatureLayer(BackboneKind kind);

struct FeatureExtractionOptions {
    std::vector<std::filesystem::path> inputs;  // image files and folders (see collectImageInputs)
    std::filesystem::path out;                  // FILE.npy; the rows are listed in FILE.csv beside it
    BackboneKind backbone = BackboneKind::Vgg16;
    std::string layer;  // a Keras layer name of the base; empty: defaultFeatureLayer(backbone)
    FeaturePooling pooling = FeaturePooling::Average;
    ImageSize imageSize{224, 224};  // every image is resized to it (bilinear, as Keras)

    std::optional<std::filesystem::path> weightsFile;  // else discovery
    WeightsEnvironment environment = WeightsEnvironment::fromProcess();
    WeightsDownloadOptions download{false, {}, nullptr, {}};  // discovery only unless asked
    // Without weights, go on with seeded random ones (the result then says not pretrained) instead of
    // throwing the discovery's message.
    bool allowRandomInit = false;

    std::size_t batchSize = 16;
    int threads = 0;  // decoding threads; 0 = one per core
    ComputePrecision precision = ComputePrecision::Float32;
    std::function<void(std::size_t done, std::size_t total)> progress;  // after each batch
    const std::atomic<bool>* cancel = nullptr;                          // checked between batches
};

struct FeatureExtractionResult {
    std::filesystem::path npyFile;  // empty when nothing was written (no image could be read)
    std::filesystem::path csvFile;
    std::vector<int64_t> shape;  // of the array written: {N, C} pooled, {N, H, W, C} unpooled
    std::string layer;
    std::size_t imagesFound = 0;
    std::vector<SkippedFile> skipped;  // images left out of the file, and why, in input order
    bool pretrained = false;
    std::string weightsNote;  // "ImageNet weights: <file>" or "not pretrained: <why>"
    // One rank of a data-parallel job (core/dist) other than rank 0: it computed its share, rank 0 wrote the
    // files (npyFile and csvFile name them; shape is the whole array's).
    bool writtenByRankZero = false;
};

// Checks the layer, the output folder and the inputs before loading any weights, then runs the images
// through the backbone in batches and writes FILE.npy (float32, little-endian, C order) and FILE.csv
// ("index,file,label,subset": the row's index in the array, the image file, its class folder when it came
// from a dataset root and its split folder, see collectImageInputs), both atomically. Images that cannot be
// read are left out and listed in skipped; when none can, nothing is written. Throws tlw::Error for an
// unknown layer (the message lists the backbone's layers), a missing input, an unwritable output, missing
// weights (unless allowRandomInit) or cancellation. As one rank of a data-parallel job (core/dist) each rank
// runs a contiguous run of whole batches, so every image meets the network in the batch it would in one
// process (bitwise the same rows), and rank 0 gathers the rows and writes both files.
FeatureExtractionResult extractFeatures(const FeatureExtractionOptions& options);

// The files a FILE.npy output is paired with: FILE.csv.
std::filesystem::path featureRowsCsvPath(const std::filesystem::path& npyFile);

}  // namespace tlw
