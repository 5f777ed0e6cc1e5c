#pragma once

// What the bf16 kernel tests (winograd_bf16_test.cpp, winograd_bf16_training_test.cpp) share: whether this
// CPU runs the kernels at all, and how far a result lies from its float32 reference.

#include <ATen/ATen.h>

namespace tlw::test {

// Whether tlw's bf16 Winograd runs on this CPU: AVX-512 BF16 without AMX (winograd_bf16_tiles.h).
inline bool cpuHasBf16() {
    return __builtin_cpu_supports("avx512bf16") && __builtin_cpu_supports("avx512bw") &&
           !__builtin_cpu_supports("amx-bf16");
}

// ||a - reference|| / ||reference||, in float32.
inline double relativeError(const at::Tensor& a, const at::Tensor& reference) {
    const at::Tensor r = reference.to(at::kFloat);
    return ((a.to(at::kFloat) - r).norm() / r.norm()).item<double>();
}

}  // namespace tlw::test
