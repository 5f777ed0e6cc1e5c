#pragma once

// Core-internal, included only where TLW_HAVE_ONEDNN is defined: a frozen layer's weights in a kernel's
// layout, reordered once and kept. Each inference convolution otherwise reorders its weights from
// LibTorch's layout on every call (VGG16's frozen pass: 125 reorders of each 512 x 512 x 3 x 3 kernel, about
// 1 % of the pass).

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>

#include "core/models/onednn_common.h"

namespace tlw::onednn {

// The weights in `layout`. Frozen weights (no gradient wanted, a tensor with a version counter) are
// reordered once and kept while the tensor lives with the same storage and version: loading weights into
// it (copy_) or replacing its storage (set_data) reorders afresh. Any other tensor is reordered each call,
// as inLayout does.
Buffer weightsInLayout(const at::Tensor& weights, const memory::desc& layout, dnnl::stream& stream);

// Input channels [first, first + count) of a convolution's weights; count -1: all of them.
struct InputChannels {
    int64_t first = 0;
    int64_t count = -1;
    bool operator==(const InputChannels& other) const { return first == other.first && count == other.count; }
};

// Those input channels of the weights in `layout`, kept as weightsInLayout keeps whole ones: the kernel of
// one part of a concatenation the next convolution reads without it being made (onednn_inference.h).
Buffer weightSliceInLayout(const at::Tensor& weights, InputChannels channels, const memory::desc& layout,
                           dnnl::stream& stream);

// What prepare makes of the weights (a kernel's transform of them, described by layout), kept as
// weightsInLayout keeps reordered ones: made once for frozen weights, on every call for any other.
at::Tensor preparedWeights(const at::Tensor& weights, const memory::desc& layout,
                           const std::function<at::Tensor()>& prepare);

}  // namespace tlw::onednn
