#pragma once

// Core-internal (LibTorch): bf16 mixed-precision training on the CPU, what torch.autocast("cpu",
// torch.bfloat16) does in Python. Parameters, their gradients, the optimizer's state and the loss stay
// float32; convolutions and matrix products run in bfloat16, which CPUs with AVX-512 BF16 or AMX do about
// twice as fast.

#include <c10/core/ScalarType.h>
#include <torch/types.h>

#include <string>

#include "core/models/classifier_module.h"
#include "core/train/feature_cache.h"
#include "core/train/training_config.h"

namespace tlw {

// While alive and enabled: CPU autocast to bfloat16 on this thread. The state before (autocast on or off,
// its dtype) comes back at the end, and the outermost scope drops autocast's bfloat16 copies of the
// weights: after the optimizer's step they would be stale. Disabled, it touches nothing. Create it on the
// thread that runs forward; backward needs no scope.
class Bf16AutocastScope {
public:
    explicit Bf16AutocastScope(bool enabled);
    ~Bf16AutocastScope();
    Bf16AutocastScope(const Bf16AutocastScope&) = delete;
    Bf16AutocastScope& operator=(const Bf16AutocastScope&) = delete;

private:
    bool m_enabled = false;
    bool m_previouslyEnabled = false;
    c10::ScalarType m_previousType = c10::ScalarType::BFloat16;
};

// Whether a run at this (resolved) precision trains in bf16 mixed precision.
inline bool trainsInBf16(Precision precision) { return precision == Precision::BFloat16; }

// Backbone layers [fromLayer, backboneEnd) on input (images or a cut's cached output). bf16: under autocast,
// the input channels-last (what oneDNN's convolutions run fastest), the output bfloat16. fp32:
// module.backbone().forwardRange on the input made channels-last (TLW_FP32_CHANNELS_LAST=0: as it is).
torch::Tensor backboneForward(ClassifierModule& module, const torch::Tensor& input, int fromLayer,
                              Precision precision);

// The trainable part's logits, float32: the backbone from fromLayer as above, then the head in float32 (a
// Dense on the pooled vector costs nothing next to the convolutions, and the loss is computed on what it
// gives). fp32: module.forwardFrom on the input made channels-last, as above.
torch::Tensor forwardInPrecision(ClassifierModule& module, const torch::Tensor& input, int fromLayer,
                                 Precision precision);

// A feature set's rows (in RAM, feature maps) as one N x H x W x C bfloat16 tensor: what bf16 training reads
// its batches from (ImageSource::channelsLastRows). Undefined for a memory-mapped set (over the RAM budget)
// and for vectors. It takes half the RAM the float32 set does.
torch::Tensor channelsLastBf16Rows(const FeatureSet& set);

}  // namespace tlw
