#pragma once

// How many threads LibTorch's operators (convolutions, matrix products) use. Torch-free, so that app/ can
// set it from --threads without LibTorch headers.
namespace tlw {

// threads > 0: that many; 0: LibTorch's default (one per physical core). Call once, early, from the
// program's main thread.
void setComputeThreads(int threads);

}  // namespace tlw
