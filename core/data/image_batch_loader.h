#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/image_header.h"
#include "core/data/preprocess.h"

namespace tlw {

struct ImageFailure {
    std::size_t index = 0;  // position in the loader's file list
    std::filesystem::path path;
    std::string reason;
};

// One batch, ready for the network: plain buffers, no tensors (the training engine wraps chw with
// torch::from_blob). Images that failed are left out of chw and listed in failures, so a batch can hold
// fewer than batchSize images.
struct ImageBatch {
    std::size_t batchIndex = 0;
    int width = 0;
    int height = 0;
    std::vector<std::size_t> indices;  // file-list positions of the images in chw, in order
    std::vector<float> chw;  // indices.size() x 3 x height x width, caffe-preprocessed (BGR, mean-free)
    std::vector<ImageFailure> failures;

    std::size_t size() const noexcept { return indices.size(); }
    const float* image(std::size_t i) const {
        return chw.data() + i * 3 * static_cast<size_t>(width) * static_cast<size_t>(height);
    }
};

struct BatchLoaderOptions {
    PreprocessOptions preprocess;  // target size, crop_to_aspect_ratio
    std::size_t batchSize = 32;
    int threads = 0;  // 0 = one per core
    // Batches decoded ahead of the consumer (finished or in progress). Memory stays bounded by this many
    // batches plus one decoded image per thread, however large the folder or its photos.
    std::size_t maxQueuedBatches = 2;
    DecodeLimits limits;
    // Let libjpeg decode large JPEGs at 1/2, 1/4 or 1/8 scale (never below the target size) before the
    // bilinear resize. Several times faster on camera photos, but not Keras's exact pixels: see
    // docs/DATASETS.md for the measured difference. Off by default.
    bool fastJpegDecode = false;
};

// Decodes, resizes and preprocesses a list of image files on worker threads, delivering batches in file
// order. The output is the same whatever the thread count. Per-file failures are reported in the batch,
// never thrown. The destructor stops the workers (cancel() does so early, from any thread).
class ImageBatchLoader {
public:
    ImageBatchLoader(std::vector<std::filesystem::path> files, BatchLoaderOptions options);
    ~ImageBatchLoader();
    ImageBatchLoader(const ImageBatchLoader&) = delete;
    ImageBatchLoader& operator=(const ImageBatchLoader&) = delete;

    // The next batch in order, waiting for it if needed; nullopt after the last one or after cancel().
    std::optional<ImageBatch> next();
    void cancel() noexcept;
    std::size_t batchCount() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tlw
