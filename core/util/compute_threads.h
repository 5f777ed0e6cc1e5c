#pragma once

// How many threads LibTorch's operators (convolutions, matrix products) use. Torch-free, so that app/ can
// set it from --threads without LibTorch headers.
namespace tlw {

// threads > 0: that many; 0: one per core (resolveThreadCount). Call early, from the thread that starts the
// work (LibTorch's setting is process-wide).
void setComputeThreads(int threads);

}  // namespace tlw
