#include "core/data/image_batch_loader.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <thread>

#include "core/data/image_decoder.h"
#include "core/util/error.h"
#include "core/util/parallel_for.h"

namespace tlw {
namespace {

// A batch being filled: images land in their fixed slots, so the order never depends on the threads.
struct BatchSlot {
    std::vector<float> chw;
    std::vector<std::optional<std::string>> failureReasons;  // per image slot
    std::size_t remaining = 0;
};

}  // namespace

struct ImageBatchLoader::Impl {
    std::vector<std::filesystem::path> files;
    BatchLoaderOptions options;
    std::size_t imageFloats = 0;
    std::size_t batches = 0;

    std::mutex mutex;
    std::condition_variable workAvailable;  // workers wait for room in the queue
    std::condition_variable batchReady;     // the consumer waits for its next batch
    std::size_t nextImage = 0;
    std::size_t delivered = 0;
    bool cancelled = false;
    std::exception_ptr failure;  // a worker's, for next() to rethrow
    std::map<std::size_t, std::unique_ptr<BatchSlot>> slots;
    std::vector<std::thread> workers;

    std::size_t batchOf(std::size_t image) const { return image / options.batchSize; }
    std::size_t imagesIn(std::size_t batch) const {
        return std::min(options.batchSize, files.size() - batch * options.batchSize);
    }

    // A worker's unexpected exception (no memory for a batch of huge images) is carried to next(), which
    // rethrows it on the consumer's thread: thrown out of the thread it would end the process.
    void work() {
        try {
            workUntilDone();
        } catch (...) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure) failure = std::current_exception();
                cancelled = true;  // the other workers stop too: the run cannot go on
            }
            workAvailable.notify_all();
            batchReady.notify_all();
        }
    }

    void workUntilDone() {
        for (;;) {
            std::size_t image = 0;
            BatchSlot* slot = nullptr;
            {
                std::unique_lock<std::mutex> lock(mutex);
                workAvailable.wait(lock, [&] {
                    return cancelled || nextImage >= files.size() ||
                           batchOf(nextImage) < delivered + options.maxQueuedBatches;
                });
                if (cancelled || nextImage >= files.size()) return;
                image = nextImage++;
                std::unique_ptr<BatchSlot>& owned = slots[batchOf(image)];
                if (!owned) {
                    // Complete before it is shared: if the allocation fails, no other worker finds a slot
                    // without pixels to write into.
                    auto fresh = std::make_unique<BatchSlot>();
                    const std::size_t count = imagesIn(batchOf(image));
                    fresh->chw.resize(count * imageFloats);
                    fresh->failureReasons.resize(count);
                    fresh->remaining = count;
                    owned = std::move(fresh);
                }
                slot = owned.get();  // stays put: the consumer only takes a slot once it is complete
            }
            const std::size_t position = image % options.batchSize;
            std::optional<std::string> failure =
                loadInto(files[image], slot->chw.data() + position * imageFloats);
            std::lock_guard<std::mutex> lock(mutex);
            slot->failureReasons[position] = std::move(failure);
            if (--slot->remaining == 0) batchReady.notify_all();
        }
    }

    std::optional<std::string> loadInto(const std::filesystem::path& file, float* chw) const {
        try {
            DecodeOptions decode;
            decode.limits = options.limits;
            if (options.fastJpegDecode) {
                const PreprocessOptions& target = options.preprocess;
                // With a crop, either side of the image may become the crop's shorter side.
                const int side = std::max(target.width, target.height);
                decode.minWidth = target.cropToAspectRatio ? side : target.width;
                decode.minHeight = target.cropToAspectRatio ? side : target.height;
            }
            preprocessImage(decodeImageFile(file, decode), options.preprocess, chw);
            return std::nullopt;
        } catch (const Error& e) {
            return e.reason();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
    }

    ImageBatch assemble(std::size_t batchIndex, BatchSlot& slot) const {
        ImageBatch batch;
        batch.batchIndex = batchIndex;
        batch.width = options.preprocess.width;
        batch.height = options.preprocess.height;
        batch.chw = std::move(slot.chw);
        std::size_t kept = 0;
        for (std::size_t position = 0; position < slot.failureReasons.size(); ++position) {
            const std::size_t index = batchIndex * options.batchSize + position;
            if (slot.failureReasons[position]) {
                batch.failures.push_back({index, files[index], *slot.failureReasons[position]});
                continue;
            }
            // Close the gaps left by failed images.
            if (kept != position)
                std::copy_n(batch.chw.begin() + static_cast<std::ptrdiff_t>(position * imageFloats),
                            imageFloats, batch.chw.begin() + static_cast<std::ptrdiff_t>(kept * imageFloats));
            batch.indices.push_back(index);
            ++kept;
        }
        batch.chw.resize(kept * imageFloats);
        return batch;
    }
};

ImageBatchLoader::ImageBatchLoader(std::vector<std::filesystem::path> files, BatchLoaderOptions options)
    : m_impl(std::make_unique<Impl>()) {
    if (options.batchSize == 0) throw Error("batch size must be at least 1");
    if (options.preprocess.width <= 0 || options.preprocess.height <= 0)
        throw Error("image size must be positive");
    m_impl->options = options;
    m_impl->options.maxQueuedBatches = std::max<std::size_t>(1, options.maxQueuedBatches);
    m_impl->files = std::move(files);
    m_impl->imageFloats = 3 * static_cast<std::size_t>(options.preprocess.width) *
                          static_cast<std::size_t>(options.preprocess.height);
    m_impl->batches = (m_impl->files.size() + options.batchSize - 1) / options.batchSize;
    const int threads = resolveThreadCount(options.threads);
    for (int i = 0; i < threads; ++i) m_impl->workers.emplace_back([impl = m_impl.get()] { impl->work(); });
}

ImageBatchLoader::~ImageBatchLoader() {
    cancel();
    for (std::thread& worker : m_impl->workers) worker.join();
}

namespace {

[[noreturn]] void rethrowWorkerFailure(const std::exception_ptr& failure, const BatchLoaderOptions& options) {
    try {
        std::rethrow_exception(failure);
    } catch (const std::bad_alloc&) {
        throw Error("not enough memory for a batch of " + std::to_string(options.batchSize) + " images at " +
                    std::to_string(options.preprocess.width) + "x" +
                    std::to_string(options.preprocess.height) + ": use a smaller batch or image size");
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(std::string("image loading failed: ") + e.what());
    }
}

}  // namespace

std::optional<ImageBatch> ImageBatchLoader::next() {
    Impl& impl = *m_impl;
    std::unique_lock<std::mutex> lock(impl.mutex);
    if (impl.delivered >= impl.batches) return std::nullopt;
    const std::size_t wanted = impl.delivered;
    impl.batchReady.wait(lock, [&] {
        if (impl.cancelled || impl.failure) return true;
        const auto slot = impl.slots.find(wanted);
        return slot != impl.slots.end() && slot->second && slot->second->remaining == 0;
    });
    if (impl.failure) rethrowWorkerFailure(impl.failure, impl.options);
    if (impl.cancelled) return std::nullopt;
    std::unique_ptr<BatchSlot> slot = std::move(impl.slots[wanted]);
    impl.slots.erase(wanted);
    ++impl.delivered;
    lock.unlock();
    impl.workAvailable.notify_all();
    return impl.assemble(wanted, *slot);
}

void ImageBatchLoader::cancel() noexcept {
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->cancelled = true;
    }
    m_impl->workAvailable.notify_all();
    m_impl->batchReady.notify_all();
}

std::size_t ImageBatchLoader::batchCount() const noexcept { return m_impl->batches; }

}  // namespace tlw
