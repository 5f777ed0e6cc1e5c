#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace tlw {

// Runs work(i) for i in [0, count) on `threads` worker threads (0 = one per core) while the calling thread
// waits, calling progress(done, count) a few times a second and once at the end, and watching `cancel`.
// Returns false when cancelled (some items then never ran). work must not throw; it may run in any order.
bool parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t, std::size_t)>& progress = {},
                 const std::atomic<bool>* cancel = nullptr);

// 0 -> the number of cores (at least 1); otherwise the value itself.
int resolveThreadCount(int requested);

}  // namespace tlw
