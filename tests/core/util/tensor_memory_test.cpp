#include "core/util/tensor_memory.h"

#include <ATen/ATen.h>
#include <c10/core/CPUAllocator.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdlib>

namespace tlw {
namespace {

constexpr int64_t kLargeFloats = 3 << 20;  // 12 MB: served by the cache

TEST(TensorMemory, AFreedLargeTensorsBlockServesTheNextOfItsSize) {
    const TensorMemoryScope scope;
    void* first = nullptr;
    {
        const at::Tensor a = at::ones({kLargeFloats});
        first = a.data_ptr();
        EXPECT_GE(tensorMemoryStats().liveBytes, kLargeFloats * sizeof(float));
    }
    const TensorMemoryStats before = tensorMemoryStats();
    EXPECT_GE(before.cachedBytes, kLargeFloats * sizeof(float));
    const at::Tensor b = at::zeros({kLargeFloats});
    EXPECT_EQ(b.data_ptr(), first);
    EXPECT_EQ(tensorMemoryStats().reuses, before.reuses + 1);
    EXPECT_EQ(b.sum().item<float>(), 0.0F);  // reused memory is written, never read stale
}

TEST(TensorMemory, SmallTensorsAreLeftToTheDefaultAllocator) {
    const TensorMemoryScope scope;
    const TensorMemoryStats before = tensorMemoryStats();
    const at::Tensor small = at::ones({1024});
    EXPECT_EQ(tensorMemoryStats().liveBytes, before.liveBytes);
    EXPECT_EQ(small.sum().item<float>(), 1024.0F);
}

// VGG16's pooled block output, a batch of 32 (32 x 512 x 7 x 7 floats, 3.1 MB): on the heap, which a scope
// does not trim, it fragmented the heap by 56 KB an image over a long pass.
TEST(TensorMemory, ATensorOfAFewMegabytesIsServedByTheCacheNotTheHeap) {
    const TensorMemoryScope scope;
    const TensorMemoryStats before = tensorMemoryStats();
    const at::Tensor pooled = at::ones({32, 512, 7, 7});
    EXPECT_GE(tensorMemoryStats().liveBytes, before.liveBytes + pooled.nbytes());
    EXPECT_EQ(pooled.sum().item<float>(), static_cast<float>(pooled.numel()));
}

// oneDNN allocates and frees through the raw interface, with the allocator's one raw deleter, small and
// large.
TEST(TensorMemory, RawAllocationsOfBothSizesAreFreed) {
    const TensorMemoryScope scope;
    c10::Allocator* allocator = c10::GetCPUAllocator();
    const size_t live = tensorMemoryStats().liveBytes;
    void* small = allocator->raw_allocate(256);
    void* large = allocator->raw_allocate(kLargeFloats * sizeof(float));
    EXPECT_GT(tensorMemoryStats().liveBytes, live);
    allocator->raw_deallocate(small);
    allocator->raw_deallocate(large);
    EXPECT_EQ(tensorMemoryStats().liveBytes, live);
}

TEST(TensorMemory, TheOutermostScopeGivesTheCacheBack) {
    {
        const TensorMemoryScope outer;
        {
            const TensorMemoryScope inner;
            at::ones({kLargeFloats});
        }
        EXPECT_GT(tensorMemoryStats().cachedBytes, 0U) << "an inner scope must not empty the cache";
    }
    EXPECT_EQ(tensorMemoryStats().cachedBytes, 0U);
}

// A tensor that outlives the outermost scope (ConvolutionsMatchTheirResultWithoutTheCache's inputs) was kept
// in the cache when freed, with no scope left to give it back, and a later test got that block instead of
// its own (found when a sanitizer run ran the suite in another order).
TEST(TensorMemory, ABlockFreedAfterTheLastScopeIsGivenBack) {
    at::Tensor outliving;
    {
        const TensorMemoryScope scope;
        outliving = at::empty({kLargeFloats});
    }
    outliving = at::Tensor();
    EXPECT_EQ(tensorMemoryStats().cachedBytes, 0U);
    EXPECT_EQ(tensorMemoryStats().liveBytes, 0U);
}

// As LibTorch's own allocator: an error the passes turn into a message, never std::bad_alloc or a crash.
TEST(TensorMemory, AnImpossibleTensorIsAnError) {
    const TensorMemoryScope scope;
    EXPECT_THROW(at::empty({int64_t{1} << 50}), c10::Error);
    EXPECT_EQ(at::ones({kLargeFloats}).sum().item<float>(), static_cast<float>(kLargeFloats));
}

TEST(TensorMemory, ConvolutionsMatchTheirResultWithoutTheCache) {
    const at::Tensor input = at::randn({2, 8, 300, 300}, at::TensorOptions().dtype(at::kFloat));
    const at::Tensor weight = at::randn({16, 8, 3, 3});
    const at::Tensor expected = at::conv2d(input, weight, {}, 1, 1);
    const TensorMemoryScope scope;
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(at::allclose(at::conv2d(input, weight, {}, 1, 1), expected));
}

// Minor page faults of this thread so far.
long minorFaults() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_minflt;
}

// Writes a fresh 8 MB malloc buffer (a decoded photo's size) and frees it; returns the faults that took.
long faultsToFillAndFree() {
    constexpr size_t kBytes = size_t{8} << 20;
    const long before = minorFaults();
    auto* buffer = static_cast<volatile char*>(std::malloc(kBytes));
    for (size_t i = 0; i < kBytes; i += 4096) buffer[i] = 1;
    std::free(const_cast<char*>(buffer));
    return minorFaults() - before;
}

TEST(TensorMemory, WithinAScopeTheHeapKeepsFreedBuffersForTheNext) {
    const TensorMemoryScope scope;
    faultsToFillAndFree();
    // 2,048 pages: were the buffer mapped afresh, or trimmed off the heap, each would fault again.
    EXPECT_LT(faultsToFillAndFree(), 100);
}

TEST(TensorMemory, AKeptBlockServesASmallerTensor) {
    const TensorMemoryScope scope;
    void* first = nullptr;
    {
        const at::Tensor large = at::empty({kLargeFloats * 2});
        first = large.data_ptr();
    }
    const TensorMemoryStats before = tensorMemoryStats();
    const at::Tensor smaller = at::ones({kLargeFloats});
    EXPECT_EQ(smaller.data_ptr(), first);
    EXPECT_EQ(tensorMemoryStats().fresh, before.fresh);
    EXPECT_EQ(smaller.sum().item<float>(), static_cast<float>(kLargeFloats));
}

}  // namespace
}  // namespace tlw
