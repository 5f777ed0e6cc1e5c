#include "core/util/compute_threads.h"

#include <ATen/Parallel.h>

#include "core/util/parallel_for.h"

namespace tlw {

void setComputeThreads(int threads) {
    // 0 means every core. LibTorch's own default is not that everywhere: Debian's build starts with a single
    // thread on a 2-core machine, which halves the speed of every convolution.
    at::set_num_threads(resolveThreadCount(threads));
}

}  // namespace tlw
