#include "core/models/blocked_activation.h"

#include <ATen/ATen.h>

namespace tlw {

bool isBlockedActivation(const at::Tensor& tensor) {
    return tensor.defined() && tensor.dim() == 5 && tensor.size(4) == kActivationBlock &&
           tensor.scalar_type() == at::kFloat && tensor.device().is_cpu() && tensor.is_contiguous();
}

int64_t activationChannels(const at::Tensor& tensor) {
    return isBlockedActivation(tensor) ? tensor.size(1) * kActivationBlock : tensor.size(1);
}

bool blockable(int64_t channels) { return channels % kActivationBlock == 0; }

at::Tensor emptyBlockedActivation(int64_t batch, int64_t channels, int64_t height, int64_t width) {
    return at::empty({batch, channels / kActivationBlock, height, width, kActivationBlock}, at::kFloat);
}

at::Tensor ordinaryActivation(const at::Tensor& tensor) {
    if (!isBlockedActivation(tensor)) return tensor;
    // N x C/16 x H x W x 16 -> N x H x W x C/16 x 16 (one copy) -> N x H x W x C, viewed as N x C x H x W.
    const int64_t batch = tensor.size(0), height = tensor.size(2), width = tensor.size(3);
    const at::Tensor rows = tensor.permute({0, 2, 3, 1, 4}).contiguous();
    return rows.view({batch, height, width, activationChannels(tensor)}).permute({0, 3, 1, 2});
}

}  // namespace tlw
