#pragma once

#include <cstddef>

// How LibTorch's CPU tensors get their memory. The default allocator hands every tensor to malloc, and glibc
// serves anything over 32 MB with a fresh mmap that munmap returns on free: each batch of a pass then faults
// in its activations page by page again (VGG16's first ones are 411 MB a batch of 32). On the virtual
// machines CI and most users' clouds run on, a page fault costs several microseconds, and the frozen pass
// spent more time faulting than computing (bench/cache_pass_bench: 2.2 million faults, 12 of 27 s).
// Torch-free, so that app/ can install it.
namespace tlw {

struct TensorMemoryStats {
    size_t cachedBytes = 0;  // freed large blocks kept for reuse
    size_t liveBytes = 0;    // large blocks in tensors now
    size_t reuses = 0;       // large allocations served from the cache
    size_t fresh = 0;        // large allocations that went to the system
};

// Installs, once per process, an allocator that serves large CPU tensors from transparent huge pages and
// keeps freed ones for the next tensor of the same size, up to a budget. Small tensors go to LibTorch's
// default.
void installTensorMemoryCache();

// Gives the kept blocks back to the system: at the end of a pass or run, so a window left open does not hold
// a pass's worth of memory.
void releaseTensorMemoryCache();

TensorMemoryStats tensorMemoryStats();

// Around a pass, a run, an evaluation: installs the cache, and releases it when the outermost scope ends.
class TensorMemoryScope {
public:
    TensorMemoryScope();
    ~TensorMemoryScope();
    TensorMemoryScope(const TensorMemoryScope&) = delete;
    TensorMemoryScope& operator=(const TensorMemoryScope&) = delete;
};

}  // namespace tlw
