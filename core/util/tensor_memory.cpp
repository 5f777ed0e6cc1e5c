#include "core/util/tensor_memory.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <c10/util/Exception.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>

namespace tlw {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// Below this, glibc's heap reuses memory without faulting, and a huge page would be mostly waste. Tensors of
// a few megabytes must not go to the heap: inside a scope the heap is not trimmed (keepHeapMemory), and
// VGG16's pooled block output (3.1 MB a batch of 32), freed and asked for again among the decoder's and the
// pass's smaller buffers, left a hole behind every few batches: the heap grew by 3 MB every 3 to 4 batches,
// 56 KB an image, 1.4 GB at 50,000 images, while heaptrack saw at most 124 MB live in it.
constexpr size_t kLargeBlock = size_t{1} << 20;

// A kept block serves any request down to a quarter of its size (the smallest that fits wins). Every new
// mapping is paid for page by page when first touched, and one pass asks for a dozen sizes (VGG16's
// activations halve from layer to layer, the last batch is smaller): served only by exact size, a pass mapped
// 1.4 GB where 0.6 GB is live at a time. A block kept in the cache is already in memory, so lending it to a
// smaller tensor costs nothing.
constexpr size_t kLargestReuse = 4;

size_t roundUpToHugePage(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

// A quarter of the machine's memory, at most 4 GiB: enough for VGG16's activations at batch 32 (about 1.3 GB
// live at a time), and never a large share of a small machine.
size_t cacheBudget() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    const size_t physical = pages > 0 && pageSize > 0 ? static_cast<size_t>(pages) * pageSize : 0;
    return std::min(physical / 4, size_t{4} << 30);
}

// Huge-page-aligned anonymous memory, so that the kernel can back it with 2 MB pages (512 times fewer faults)
// where transparent huge pages are allowed on request ("madvise", Debian's default).
void* mapBlock(size_t bytes) {
    const size_t padded = bytes + kHugePage;
    void* raw = mmap(nullptr, padded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
    if (aligned > start) munmap(raw, aligned - start);
    const size_t tail = padded - (aligned - start) - bytes;
    if (tail > 0) munmap(reinterpret_cast<void*>(aligned + bytes), tail);
    void* block = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
    madvise(block, bytes, MADV_HUGEPAGE);
#endif
    return block;
}

// TensorMemoryScopes open now: blocks are kept only while one is, so that a tensor outliving the outermost
// scope is given back to the system when it is freed, not kept until some later scope ends.
std::atomic<int> openScopes{0};

class BlockCache {
public:
    void* take(size_t bytes) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            const auto it = m_free.lower_bound(bytes);
            if (it != m_free.end() && it->first <= bytes * kLargestReuse) {
                const auto [blockBytes, block] = *it;
                m_free.erase(it);
                m_stats.cachedBytes -= blockBytes;
                return track(block, blockBytes, m_stats.reuses);
            }
        }
        void* block = mapBlock(bytes);
        if (block == nullptr) {
            release();  // the kept blocks may be what the system lacks
            block = mapBlock(bytes);
        }
        // As LibTorch's own allocator fails: a c10::Error, which every pass turns into a tlw::Error.
        TORCH_CHECK(block != nullptr, "out of memory: cannot allocate ", bytes, " bytes for a tensor (",
                    std::strerror(errno), ")");
        std::lock_guard<std::mutex> lock(m_mutex);
        return track(block, bytes, m_stats.fresh);
    }

    // False when the block is not one of ours.
    bool give(void* block) {
        std::unique_lock<std::mutex> lock(m_mutex);
        const auto it = m_live.find(block);
        if (it == m_live.end()) return false;
        const size_t bytes = it->second;
        m_live.erase(it);
        m_stats.liveBytes -= bytes;
        if (openScopes.load() > 0 && m_stats.cachedBytes + bytes <= m_budget) {
            m_free.emplace(bytes, block);
            m_stats.cachedBytes += bytes;
            return true;
        }
        lock.unlock();
        munmap(block, bytes);
        return true;
    }

    void release() {
        std::multimap<size_t, void*> blocks;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            blocks.swap(m_free);
            m_stats.cachedBytes = 0;
        }
        for (const auto& [bytes, block] : blocks) munmap(block, bytes);
    }

    TensorMemoryStats stats() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_stats;
    }

private:
    void* track(void* block, size_t bytes, size_t& counter) {
        m_live.emplace(block, bytes);
        m_stats.liveBytes += bytes;
        ++counter;
        return block;
    }

    std::mutex m_mutex;
    std::multimap<size_t, void*> m_free;
    std::unordered_map<void*, size_t> m_live;
    TensorMemoryStats m_stats;
    const size_t m_budget = cacheBudget();
};

// Never destroyed: tensors may be freed during static destruction.
BlockCache& blockCache() {
    static auto* cache = new BlockCache();
    return *cache;
}

// One deleter for both kinds of block, since oneDNN frees through the allocator's raw_deleter. Ours are all
// huge-page aligned; the default allocator's rarely are, and those that are are looked up and not found.
void freeTensorMemory(void* block) {
    const bool mayBeOurs = reinterpret_cast<uintptr_t>(block) % kHugePage == 0;
    if (!mayBeOurs || !blockCache().give(block)) c10::free_cpu(block);
}

class CachingCpuAllocator final : public c10::Allocator {
public:
    c10::DataPtr allocate(size_t bytes) const override {
        void* block =
            bytes < kLargeBlock ? c10::alloc_cpu(bytes) : blockCache().take(roundUpToHugePage(bytes));
        return {block, block, &freeTensorMemory, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &freeTensorMemory; }
};

}  // namespace

void installTensorMemoryCache() {
    static const bool installed = [] {
        static CachingCpuAllocator allocator;
        c10::SetCPUAllocator(&allocator, /*priority=*/1);
        return true;
    }();
    (void)installed;
}

void releaseTensorMemoryCache() { blockCache().release(); }

TensorMemoryStats tensorMemoryStats() { return blockCache().stats(); }

namespace {

// glibc's defaults for the heap's own large buffers (decoded photos, a batch's pixels: 1 to 20 MB each):
// each is mapped afresh and given back on free, or trimmed off the heap's top, so every image of a pass
// faults its buffers in again. Within a scope they stay on the heap and are kept for the next image; the
// mapping threshold is glibc's own upper bound for its sliding one.
constexpr int kScopeMmapThreshold = 32 << 20;
constexpr int kScopeTrimThreshold = 1 << 30;
constexpr int kDefaultTrimThreshold = 128 << 10;

void keepHeapMemory() {
    mallopt(M_MMAP_THRESHOLD, kScopeMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kScopeTrimThreshold);
}

void giveHeapMemoryBack() {
    mallopt(M_TRIM_THRESHOLD, kDefaultTrimThreshold);
    malloc_trim(0);
}

}  // namespace

TensorMemoryScope::TensorMemoryScope() {
    installTensorMemoryCache();
    if (openScopes++ == 0) keepHeapMemory();
}

TensorMemoryScope::~TensorMemoryScope() {
    if (--openScopes == 0) {
        releaseTensorMemoryCache();
        giveHeapMemoryBack();
    }
}

}  // namespace tlw
