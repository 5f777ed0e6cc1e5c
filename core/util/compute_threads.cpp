#include "core/util/compute_threads.h"

#include <ATen/Parallel.h>

namespace tlw {

void setComputeThreads(int threads) {
    if (threads > 0) at::set_num_threads(threads);
}

}  // namespace tlw
