#include "core/infer/compute_precision.h"

#include "core/util/error.h"

namespace tlw {

std::string computePrecisionId(ComputePrecision precision) {
    return precision == ComputePrecision::BFloat16 ? "bf16" : "fp32";
}

ComputePrecision parseComputePrecision(const std::string& text) {
    if (text == "fp32" || text == "float32") return ComputePrecision::Float32;
    if (text == "bf16" || text == "bfloat16") return ComputePrecision::BFloat16;
    throw Error("unknown precision '" + text + "' (known: fp32, bf16)");
}

}  // namespace tlw
