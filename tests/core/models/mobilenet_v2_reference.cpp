#include "tests/core/models/mobilenet_v2_reference.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tlw::test {
namespace {

at::Tensor arrayTensor(const RawArray& array) {
    return at::tensor(at::ArrayRef<float>(array.values), at::kFloat).reshape(array.shape).to(at::kDouble);
}

// A 1x1 convolution without bias: kernel (1, 1, in, out) as stored.
at::Tensor pointwise(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x) {
    const at::Tensor kernel = arrayTensor(raw.weight(layer, 0)).permute({3, 2, 0, 1}).contiguous();
    return at::conv2d(x, kernel);
}

// A 3x3 depthwise convolution without bias, kernel (3, 3, channels, 1), on an already padded input.
at::Tensor depthwise(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x, int64_t stride) {
    const at::Tensor kernel = arrayTensor(raw.weight(layer, 0)).permute({2, 3, 0, 1}).contiguous();
    const std::vector<int64_t> strides{stride, stride}, padding{0, 0}, dilation{1, 1};
    return at::conv2d(x, kernel, at::Tensor(), strides, padding, dilation, x.size(1));
}

// BatchNormalization in inference mode (epsilon 1e-3) and ReLU(6.) when asked.
at::Tensor batchNorm(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x, bool relu6) {
    const auto channel = [&](size_t index) {
        return arrayTensor(raw.weight(layer, index)).reshape({1, -1, 1, 1});
    };
    const at::Tensor y = (x - channel(2)) / at::sqrt(channel(3) + 1e-3) * channel(0) + channel(1);
    return relu6 ? at::clamp(y, 0.0, 6.0) : y;
}

// TensorFlow "same" for a 3x3 stride-2 window: the odd row and column bottom and right.
at::Tensor tfSamePad(const at::Tensor& x) {
    const auto total = [](int64_t side) { return std::max<int64_t>(((side + 1) / 2 - 1) * 2 + 3 - side, 0); };
    const int64_t rows = total(x.size(2));
    const int64_t columns = total(x.size(3));
    return at::constant_pad_nd(x, {columns / 2, columns - columns / 2, rows / 2, rows - rows / 2}, 0.0);
}

constexpr int kStrides[] = {1, 2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1};

}  // namespace

at::Tensor mobileNetV2Base(const RawKerasFile& raw, const at::Tensor& tfImages) {
    at::Tensor x = tfImages.to(at::kDouble);
    const at::Tensor conv1 = arrayTensor(raw.weight("Conv1", 0)).permute({3, 2, 0, 1}).contiguous();
    x = batchNorm(raw, "bn_Conv1", at::conv2d(tfSamePad(x), conv1, at::Tensor(), {2, 2}), true);
    for (int id = 0; id <= 16; ++id) {
        const std::string prefix = id == 0 ? "expanded_conv_" : "block_" + std::to_string(id) + "_";
        const int stride = kStrides[id];
        const at::Tensor input = x;
        if (id != 0) x = batchNorm(raw, prefix + "expand_BN", pointwise(raw, prefix + "expand", x), true);
        // Keras's correct_pad before a stride-2 depthwise convolution: one pixel after, one before on odd
        // sides.
        x = stride == 2 ? at::constant_pad_nd(x, {x.size(3) % 2, 1, x.size(2) % 2, 1}, 0.0)
                        : at::constant_pad_nd(x, {1, 1, 1, 1}, 0.0);
        x = batchNorm(raw, prefix + "depthwise_BN", depthwise(raw, prefix + "depthwise", x, stride), true);
        x = batchNorm(raw, prefix + "project_BN", pointwise(raw, prefix + "project", x), false);
        if (stride == 1 && input.size(1) == x.size(1)) x = input + x;
    }
    return batchNorm(raw, "Conv_1_bn", pointwise(raw, "Conv_1", x), true);
}

}  // namespace tlw::test
