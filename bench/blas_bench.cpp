// fp32 matrix products through LibTorch (not run by ctest): GFLOP/s of an N x N x N product, median of
// several, and the BLAS this process loaded. bench/blas_bench.sh runs it once per installed BLAS (the
// loader takes libblas.so.3 from LD_LIBRARY_PATH first), so the reference and the optimised BLAS are
// compared in the same run. Dense layers and the head's matrix products go through this path.
//
//   blas_bench [--size N] [--repeats R] [--threads T]
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/util/compute_libraries.h"
#include "core/util/compute_threads.h"

int main(int argc, char** argv) {
    int size = 2048;
    int repeats = 5;
    int threads = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::stoi(argv[i + 1]);
        if (flag == "--size") size = value;
        if (flag == "--repeats") repeats = value;
        if (flag == "--threads") threads = value;
    }
    tlw::setComputeThreads(threads);  // 0: one per core, as tlw train
    at::manual_seed(1);
    const at::Tensor a = at::randn({size, size});
    const at::Tensor b = at::randn({size, size});
    at::mm(a, b);  // warm-up: thread pool, page faults
    std::vector<double> seconds;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const at::Tensor c = at::mm(a, b);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    const double gflop = 2.0 * size * static_cast<double>(size) * size / 1e9;
    std::printf("%s\nfp32 mm %dx%d: median %.3f s of %d, %.1f GFLOP/s\n",
                tlw::describeComputeLibraries(tlw::computeLibraries()).c_str(), size, size, median, repeats,
                gflop / median);
    return 0;
}
