#include "tests/core/models/efficientnet_b0_reference.h"

#include <cmath>
#include <iterator>
#include <string>
#include <vector>

namespace tlw::test {
namespace {

at::Tensor arrayTensor(const RawArray& array) {
    return at::tensor(at::ArrayRef<float>(array.values), at::kFloat).reshape(array.shape).to(at::kDouble);
}

at::Tensor channelVector(const RawKerasFile& raw, const std::string& layer, size_t index) {
    return arrayTensor(raw.weight(layer, index)).reshape({1, -1, 1, 1});
}

at::Tensor swish(const at::Tensor& x) { return x * at::sigmoid(x); }

// A 1x1 convolution, kernel (1, 1, in, out) as stored, with the layer's bias when it has one.
at::Tensor pointwise(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x, bool bias) {
    const at::Tensor kernel = arrayTensor(raw.weight(layer, 0)).permute({3, 2, 0, 1}).contiguous();
    return at::conv2d(x, kernel, bias ? arrayTensor(raw.weight(layer, 1)) : at::Tensor());
}

// A k x k depthwise convolution without bias, kernel (k, k, channels, 1), on an already padded input.
at::Tensor depthwise(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x, int64_t stride) {
    const at::Tensor kernel = arrayTensor(raw.weight(layer, 0)).permute({2, 3, 0, 1}).contiguous();
    const std::vector<int64_t> strides{stride, stride}, padding{0, 0}, dilation{1, 1};
    return at::conv2d(x, kernel, at::Tensor(), strides, padding, dilation, x.size(1));
}

// BatchNormalization in inference mode (Keras's default epsilon 1e-3), then swish when asked.
at::Tensor batchNorm(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x, bool activate) {
    const at::Tensor y = (x - channelVector(raw, layer, 2)) / at::sqrt(channelVector(raw, layer, 3) + 1e-3) *
                             channelVector(raw, layer, 0) +
                         channelVector(raw, layer, 1);
    return activate ? swish(y) : y;
}

// imagenet_utils.correct_pad(x, k) before a stride-2 "valid" window: k/2 after, k/2 - 1 before on an even
// side and k/2 on an odd one.
at::Tensor correctPad(const at::Tensor& x, int64_t kernel) {
    const int64_t half = kernel / 2;
    return at::constant_pad_nd(x, {half - 1 + x.size(3) % 2, half, half - 1 + x.size(2) % 2, half}, 0.0);
}

at::Tensor squeezeExcite(const RawKerasFile& raw, const std::string& prefix, const at::Tensor& x) {
    at::Tensor se = x.mean({2, 3}, true);
    se = swish(pointwise(raw, prefix + "se_reduce", se, true));
    se = at::sigmoid(pointwise(raw, prefix + "se_expand", se, true));
    return x * se;
}

struct Stage {
    int64_t kernel, repeats, filtersOut, expansion, stride;
};
const Stage kStages[] = {{3, 1, 16, 1, 1},  {3, 2, 24, 6, 2},  {5, 2, 40, 6, 2}, {3, 3, 80, 6, 2},
                         {5, 3, 112, 6, 1}, {5, 4, 192, 6, 2}, {3, 1, 320, 6, 1}};

at::Tensor block(const RawKerasFile& raw, const std::string& prefix, const Stage& stage, int64_t stride,
                 const at::Tensor& input) {
    at::Tensor x = input;
    if (stage.expansion != 1)
        x = batchNorm(raw, prefix + "expand_bn", pointwise(raw, prefix + "expand_conv", x, false), true);
    const int64_t half = stage.kernel / 2;
    x = stride == 2 ? correctPad(x, stage.kernel) : at::constant_pad_nd(x, {half, half, half, half}, 0.0);
    x = batchNorm(raw, prefix + "bn", depthwise(raw, prefix + "dwconv", x, stride), true);
    x = squeezeExcite(raw, prefix, x);
    x = batchNorm(raw, prefix + "project_bn", pointwise(raw, prefix + "project_conv", x, false), false);
    // Drop-connect is the identity at inference.
    return stride == 1 && input.size(1) == x.size(1) ? x + input : x;
}

}  // namespace

at::Tensor efficientNetB0Base(const RawKerasFile& raw, const at::Tensor& rgbImages) {
    at::Tensor x = rgbImages.to(at::kDouble) / 255.0;
    // Normalization: (x - mean) / sqrt(variance), then the second Rescaling by 1 / sqrt(stddev).
    x = (x - channelVector(raw, "normalization", 0)) / at::sqrt(channelVector(raw, "normalization", 1));
    x = x * at::tensor({1.0 / std::sqrt(0.229), 1.0 / std::sqrt(0.224), 1.0 / std::sqrt(0.225)}, at::kDouble)
                .reshape({1, 3, 1, 1});
    const at::Tensor stem = arrayTensor(raw.weight("stem_conv", 0)).permute({3, 2, 0, 1}).contiguous();
    const std::vector<int64_t> two{2, 2};
    x = batchNorm(raw, "stem_bn", at::conv2d(correctPad(x, 3), stem, at::Tensor(), two), true);
    for (size_t s = 0; s < std::size(kStages); ++s) {
        for (int64_t r = 0; r < kStages[s].repeats; ++r) {
            const std::string prefix = "block" + std::to_string(s + 1) + static_cast<char>('a' + r) + "_";
            x = block(raw, prefix, kStages[s], r == 0 ? kStages[s].stride : 1, x);
        }
    }
    return batchNorm(raw, "top_bn", pointwise(raw, "top_conv", x, false), true);
}

}  // namespace tlw::test
