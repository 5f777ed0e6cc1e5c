#include "core/train/mixed_precision.h"

#include <ATen/autocast_mode.h>

#include <cstdlib>
#include <numeric>
#include <string>

namespace tlw {
namespace {

// fp32 training is fed channels-last, what oneDNN's convolutions run fastest (with the block ends' sparse
// backward, a VGG16 fine-tune-at-16 epoch in 0.6x the time of NCHW input: docs/BENCHMARKS.md). Other kernels
// than NCHW's round differently, so results differ from NCHW's in the last bits; run to run they repeat.
// TLW_FP32_CHANNELS_LAST=0 feeds NCHW, for benchmarks.
torch::Tensor fp32Input(const torch::Tensor& input) {
    static const bool channelsLast = [] {
        const char* value = std::getenv("TLW_FP32_CHANNELS_LAST");
        return value == nullptr || std::string(value) != "0";
    }();
    return channelsLast && input.dim() == 4 ? input.contiguous(at::MemoryFormat::ChannelsLast) : input;
}

}  // namespace

Bf16AutocastScope::Bf16AutocastScope(bool enabled) : m_enabled(enabled) {
    if (!m_enabled) return;
    m_previouslyEnabled = at::autocast::is_cpu_enabled();
    m_previousType = at::autocast::get_autocast_cpu_dtype();
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::increment_nesting();
}

Bf16AutocastScope::~Bf16AutocastScope() {
    if (!m_enabled) return;
    // As Python's autocast: an inner scope's end must not drop the copies the outer scope still uses.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    at::autocast::set_cpu_enabled(m_previouslyEnabled);
    at::autocast::set_autocast_cpu_dtype(m_previousType);
}

torch::Tensor backboneForward(ClassifierModule& module, const torch::Tensor& input, int fromLayer,
                              Precision precision) {
    BackboneModule& backbone = module.backbone();
    if (!trainsInBf16(precision))
        return backbone.forwardRange(fp32Input(input), fromLayer, module.backboneEnd());
    // One copy makes the input bfloat16 and channels-last; autocast would cast it again otherwise, and a
    // channels-first input sends oneDNN through reorders before and after every convolution.
    const torch::Tensor bf16Input = input.dim() == 4
                                        ? input.to(torch::TensorOptions().dtype(torch::kBFloat16), false,
                                                   false, at::MemoryFormat::ChannelsLast)
                                        : input.to(torch::kBFloat16);
    const Bf16AutocastScope autocast(true);
    return backbone.forwardRange(bf16Input, fromLayer, module.backboneEnd());
}

torch::Tensor forwardInPrecision(ClassifierModule& module, const torch::Tensor& input, int fromLayer,
                                 Precision precision) {
    if (!trainsInBf16(precision)) return module.forwardFrom(fp32Input(input), fromLayer);
    return module.headForward(backboneForward(module, input, fromLayer, precision).to(torch::kFloat32));
}

torch::Tensor channelsLastBf16Rows(const FeatureSet& set) {
    if (!set.inMemory() || set.rowShape().size() != 3) return {};
    std::vector<int64_t> all(set.rows());
    std::iota(all.begin(), all.end(), 0);
    // Cast first, then transpose: a transposing copy that also converts runs several times slower.
    return set.gather(all).to(torch::kBFloat16).permute({0, 2, 3, 1}).contiguous();
}

}  // namespace tlw
