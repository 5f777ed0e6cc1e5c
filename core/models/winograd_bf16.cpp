#include "core/models/winograd_bf16.h"

#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>

#include "core/models/winograd_convolution.h"
#include "core/models/winograd_status.h"
#include "core/util/error.h"

#ifdef TLW_HAVE_ONEDNN

#include <cstdint>

#include "core/models/onednn_common.h"
#include "core/models/onednn_frozen_weights.h"
#include "core/models/winograd_bf16_products.h"

namespace tlw {
namespace {

using namespace bf16winograd;

// The kernel's transform as the frozen pass's product reads it, [16][Cin][Cout] (WeightOrder::KByN): made
// once for a frozen layer and kept, so the transposing copy is paid once.
at::Tensor frozenTransformedWeights(const at::Tensor& weight) {
    return transformWeights(weight).transpose(1, 2).contiguous();
}

}  // namespace

bool bf16WinogradActive() { return winogradPolicy() == WinogradPolicy::Auto && cpuHasBf16DotProducts(); }

bool bf16WinogradApplies(const at::Tensor& input, const at::Tensor& weight) {
    if (!bf16WinogradActive()) return false;
    if (!tilesFit(input, weight) || input.scalar_type() != at::kBFloat16 || !input.is_cpu() ||
        !input.is_contiguous(at::MemoryFormat::ChannelsLast))
        return false;
    // The frozen pass's bf16 copy of the backbone; mixed-precision training (autocast over float32 weights)
    // has its own node (winograd_bf16_training.h).
    if (weight.scalar_type() != at::kBFloat16 || at::autocast::is_cpu_enabled() ||
        recordsGradient(input, weight))
        return false;
    return convolutionSupported(geometryOf(input, weight), WeightOrder::KByN);
}

at::Tensor bf16WinogradForward(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias,
                               bool relu) {
    if (!bf16WinogradApplies(input, weight)) throw Error("bf16 Winograd does not apply to this convolution");
    const int64_t in = input.size(1);
    const int64_t out = weight.size(0);
    const at::Tensor u =
        onednn::preparedWeights(weight,
                                onednn::memory::desc({kPoints, in, out}, onednn::memory::data_type::bf16,
                                                     onednn::memory::format_tag::abc),
                                [&] { return frozenTransformedWeights(weight); });
    const at::Tensor biases = bias.defined() ? bias.to(at::kFloat).contiguous() : at::Tensor();
    return convolveTiles(input, u, WeightOrder::KByN, out, biases, relu, Slots::Plain);
}

}  // namespace tlw

#else  // no oneDNN headers at build time

namespace tlw {
bool bf16WinogradActive() { return false; }
bool bf16WinogradApplies(const at::Tensor&, const at::Tensor&) { return false; }
at::Tensor bf16WinogradForward(const at::Tensor&, const at::Tensor&, const at::Tensor&, bool) {
    throw Error("this build has no bf16 Winograd kernels");
}
}  // namespace tlw

#endif
