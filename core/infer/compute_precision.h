#pragma once

#include <string>

// The number format inference runs in. Torch-free.
namespace tlw {

enum class ComputePrecision {
    Float32,
    // Weights and activations in bfloat16 (8-bit mantissa, float32's range): about twice as fast where the
    // CPU has bfloat16 instructions (AVX512-BF16, AMX) or on a GPU, at about 2-3 significant digits.
    // Results are handed back as float32.
    BFloat16,
};

// "fp32", "bf16"; parse throws tlw::Error listing them.
std::string computePrecisionId(ComputePrecision precision);
ComputePrecision parseComputePrecision(const std::string& text);

}  // namespace tlw
