#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace tlw {

// Called after each batch with the images done so far and the total, on the thread doing the work.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// How a pass over images in batches runs: the feature-cache pass, evaluation, prediction and the training
// epochs all take these. Progress is what the pass reports: images done of the total for most, a
// BatchProgress with the running loss for a training epoch (PassSettings).
template <typename Progress>
struct BasicBatchRunOptions {
    int batchSize = 32;
    int threads = 0;  // decoding threads; 0 = one per core
    Progress progress;
    const std::atomic<bool>* cancel = nullptr;  // set from any thread to stop at the next batch

    bool cancelRequested() const { return cancel != nullptr && cancel->load(); }
};

using BatchRunOptions = BasicBatchRunOptions<ProgressFn>;

}  // namespace tlw
