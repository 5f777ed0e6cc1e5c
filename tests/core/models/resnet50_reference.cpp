#include "tests/core/models/resnet50_reference.h"

#include <string>

namespace tlw::test {
namespace {

at::Tensor arrayTensor(const RawArray& array) {
    return at::tensor(at::ArrayRef<float>(array.values), at::kFloat).reshape(array.shape).to(at::kDouble);
}

// Keras Conv2D with its bias; the kernel as stored, (kh, kw, in, out), turned to (out, in, kh, kw) here.
at::Tensor conv(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x, int64_t stride,
                int64_t padding) {
    const at::Tensor kernel = arrayTensor(raw.weight(layer, 0)).permute({3, 2, 0, 1}).contiguous();
    return at::conv2d(x, kernel, arrayTensor(raw.weight(layer, 1)), {stride, stride}, {padding, padding});
}

// BatchNormalization in inference mode with ResNet's epsilon 1.001e-5, written out.
at::Tensor batchNorm(const RawKerasFile& raw, const std::string& layer, const at::Tensor& x) {
    const auto channel = [&](size_t index) {
        return arrayTensor(raw.weight(layer, index)).reshape({1, -1, 1, 1});
    };
    const at::Tensor gamma = channel(0), beta = channel(1), mean = channel(2), variance = channel(3);
    return (x - mean) / at::sqrt(variance + 1.001e-5) * gamma + beta;
}

// Keras's block1: the shortcut is the input or its strided 1x1 projection; 3x3 convolutions pad one pixel.
at::Tensor block(const RawKerasFile& raw, const std::string& name, const at::Tensor& x, int64_t stride,
                 bool convShortcut) {
    const at::Tensor shortcut =
        convShortcut ? batchNorm(raw, name + "_0_bn", conv(raw, name + "_0_conv", x, stride, 0)) : x;
    at::Tensor y = at::relu(batchNorm(raw, name + "_1_bn", conv(raw, name + "_1_conv", x, stride, 0)));
    y = at::relu(batchNorm(raw, name + "_2_bn", conv(raw, name + "_2_conv", y, 1, 1)));
    y = batchNorm(raw, name + "_3_bn", conv(raw, name + "_3_conv", y, 1, 0));
    return at::relu(shortcut + y);
}

}  // namespace

at::Tensor resNet50Base(const RawKerasFile& raw, const at::Tensor& caffeImages) {
    at::Tensor x = at::constant_pad_nd(caffeImages.to(at::kDouble), {3, 3, 3, 3}, 0.0);
    x = at::relu(batchNorm(raw, "conv1_bn", conv(raw, "conv1_conv", x, 2, 0)));
    x = at::max_pool2d(at::constant_pad_nd(x, {1, 1, 1, 1}, 0.0), {3, 3}, {2, 2});
    struct Stage {
        int id, blocks, stride;
    };
    for (const Stage stage : {Stage{2, 3, 1}, Stage{3, 4, 2}, Stage{4, 6, 2}, Stage{5, 3, 2}}) {
        for (int index = 1; index <= stage.blocks; ++index) {
            const std::string name = "conv" + std::to_string(stage.id) + "_block" + std::to_string(index);
            x = block(raw, name, x, index == 1 ? stage.stride : 1, index == 1);
        }
    }
    return x;
}

at::Tensor imageTensor(const FeatureMap& image) {
    return at::tensor(at::ArrayRef<double>(image.values), at::kDouble)
        .reshape({1, image.height, image.width, image.channels})
        .permute({0, 3, 1, 2})
        .contiguous();
}

}  // namespace tlw::test
