#include "core/util/parallel_for.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tlw {

int resolveThreadCount(int requested) {
    if (requested > 0) return requested;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

bool parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t, std::size_t)>& progress,
                 const std::atomic<bool>* cancel) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;

    const auto workerCount = static_cast<std::size_t>(std::max(1, resolveThreadCount(threads)));
    std::vector<std::thread> workers;
    workers.reserve(std::min(workerCount, count));
    for (std::size_t w = 0; w < std::min(workerCount, count); ++w) {
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < count && !stop && !(cancel && cancel->load()); i = next++) {
                work(i);
                if (++done == count) {
                    std::lock_guard<std::mutex> lock(mutex);
                    finished.notify_all();
                }
            }
        });
    }
    bool cancelled = cancel && cancel->load();
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (done < count && !cancelled) {
            finished.wait_for(lock, std::chrono::milliseconds(100));
            if (cancel && cancel->load()) cancelled = true;
            if (progress && !cancelled && done < count) {
                lock.unlock();
                progress(done, count);
                lock.lock();
            }
        }
    }
    stop = true;
    for (std::thread& worker : workers) worker.join();
    if (!cancelled && progress) progress(count, count);
    return !cancelled;
}

}  // namespace tlw
