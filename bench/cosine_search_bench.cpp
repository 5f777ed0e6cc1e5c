// Exact cosine search (core/infer/cosine_index.h) over random vectors, as `tlw similar` runs it: the index
// built once (rows scaled to unit length), then the k nearest for one query and for a batch of queries,
// each timed REPEATS times; the medians are what docs/BENCHMARKS.md records.
//
//   cosine_search_bench [ROWS=100000] [DIMENSIONS=512] [THREADS=2] [REPEATS=21]
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "core/infer/cosine_index.h"
#include "core/util/tensor_memory.h"

namespace {

using Clock = std::chrono::steady_clock;

double medianMilliseconds(int repeats, const std::function<void()>& run) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        run();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int64_t rows = argc > 1 ? std::atoll(argv[1]) : 100000;
    const int64_t dimensions = argc > 2 ? std::atoll(argv[2]) : 512;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
    const int repeats = argc > 4 ? std::max(1, std::atoi(argv[4])) : 21;
    torch::set_num_threads(threads);
    const tlw::TensorMemoryScope memory;  // as tlw similar runs: large buffers kept, not faulted in again
    torch::manual_seed(7);
    // Pooled ReLU features are non-negative: random vectors like them, not centred ones.
    const torch::Tensor stored = torch::rand({rows, dimensions}).contiguous();
    const torch::Tensor queries = torch::rand({100, dimensions}).contiguous();
    std::printf("%lld x %lld float32 vectors, %d threads, median of %d\n", static_cast<long long>(rows),
                static_cast<long long>(dimensions), threads, repeats);

    const double build = medianMilliseconds(std::max(1, repeats / 4), [&] {
        tlw::CosineIndex index(stored.data_ptr<float>(), rows, dimensions);
    });
    const tlw::CosineIndex index(stored.data_ptr<float>(), rows, dimensions);
    const double one = medianMilliseconds(repeats, [&] { index.nearest(queries.data_ptr<float>(), 1, 5); });
    const double hundred =
        medianMilliseconds(repeats, [&] { index.nearest(queries.data_ptr<float>(), 100, 5); });
    std::printf("build the index:     %8.1f ms\n", build);
    std::printf("1 query, k = 5:      %8.2f ms\n", one);
    std::printf("100 queries, k = 5:  %8.2f ms (%.3f ms a query)\n", hundred, hundred / 100);
    return 0;
}
