#include "tests/core/models/mobilenet_reference.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>

namespace tlw::test {
namespace {

FeatureMap zeroPad(const FeatureMap& in, int top, int bottom, int left, int right) {
    FeatureMap out;
    out.height = in.height + top + bottom;
    out.width = in.width + left + right;
    out.channels = in.channels;
    out.values.assign(static_cast<size_t>(out.height) * out.width * out.channels, 0.0);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x)
            for (int c = 0; c < in.channels; ++c)
                out.values[(static_cast<size_t>(y + top) * out.width + x + left) * out.channels + c] =
                    in.at(y, x, c);
    return out;
}

// TensorFlow's "same": total padding so that the output is ceil(side / stride), the odd pixel after.
FeatureMap tfSamePad(const FeatureMap& in, int kernel, int stride) {
    const auto total = [&](int side) {
        const int out = (side + stride - 1) / stride;
        return std::max((out - 1) * stride + kernel - side, 0);
    };
    const int rows = total(in.height);
    const int columns = total(in.width);
    return zeroPad(in, rows / 2, rows - rows / 2, columns / 2, columns - columns / 2);
}

// A "valid" convolution without bias: kernel (kh, kw, in, out).
FeatureMap convolve(const FeatureMap& in, const RawArray& kernel, int stride) {
    RawArray zeros;
    zeros.shape = {kernel.shape[3]};
    zeros.values.assign(static_cast<size_t>(kernel.shape[3]), 0.0f);
    return conv2d(in, kernel, zeros, stride, false, false);
}

// A "valid" depthwise convolution, kernel (kh, kw, channels, 1).
FeatureMap depthwise(const FeatureMap& in, const RawArray& kernel, int stride) {
    const int k = static_cast<int>(kernel.shape[0]);
    if (kernel.shape[2] != in.channels || kernel.shape[3] != 1) throw std::runtime_error("depthwise shape");
    FeatureMap out;
    out.height = (in.height - k) / stride + 1;
    out.width = (in.width - k) / stride + 1;
    out.channels = in.channels;
    out.values.assign(static_cast<size_t>(out.height) * out.width * out.channels, 0.0);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < in.channels; ++c) {
                double sum = 0.0;
                for (int dy = 0; dy < k; ++dy)
                    for (int dx = 0; dx < k; ++dx)
                        sum += in.at(y * stride + dy, x * stride + dx, c) *
                               kernel.values[(static_cast<size_t>(dy) * k + dx) * in.channels + c];
                out.values[(static_cast<size_t>(y) * out.width + x) * out.channels + c] = sum;
            }
    return out;
}

// Inference-mode BatchNormalization (Keras epsilon 1e-3) followed by ReLU(max_value=6).
FeatureMap batchNormRelu6(FeatureMap map, const RawKerasFile& raw, const std::string& layer) {
    const RawArray gamma = raw.weight(layer, 0);
    const RawArray beta = raw.weight(layer, 1);
    const RawArray mean = raw.weight(layer, 2);
    const RawArray variance = raw.weight(layer, 3);
    for (size_t i = 0; i < map.values.size(); ++i) {
        const size_t c = i % static_cast<size_t>(map.channels);
        const double normalised = (map.values[i] - mean.values[c]) / std::sqrt(variance.values[c] + 1e-3);
        map.values[i] = std::clamp(normalised * gamma.values[c] + beta.values[c], 0.0, 6.0);
    }
    return map;
}

constexpr int kStrides[] = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};

}  // namespace

FeatureMap tfImage(const std::filesystem::path& imageFile, int size) {
    std::ifstream stream(imageFile, std::ios::binary);
    const std::vector<uchar> bytes((std::istreambuf_iterator<char>(stream)),
                                   std::istreambuf_iterator<char>());
    const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_COLOR);  // BGR
    if (decoded.empty()) throw std::runtime_error("cannot decode " + imageFile.string());
    cv::Mat resized;
    cv::resize(decoded, resized, cv::Size(size, size), 0, 0, cv::INTER_LINEAR);
    FeatureMap map;
    map.height = size;
    map.width = size;
    map.channels = 3;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const cv::Vec3b pixel = resized.at<cv::Vec3b>(y, x);
            for (int c = 2; c >= 0; --c) map.values.push_back(pixel[c] / 127.5 - 1.0);
        }
    return map;
}

FeatureMap mobileNetBase(const RawKerasFile& raw, const FeatureMap& image) {
    FeatureMap map = convolve(tfSamePad(image, 3, 2), raw.weight("conv1", 0), 2);
    map = batchNormRelu6(std::move(map), raw, "conv1_bn");
    for (int block = 1; block <= 13; ++block) {
        const std::string id = std::to_string(block);
        const int stride = kStrides[block - 1];
        map = stride == 1 ? zeroPad(map, 1, 1, 1, 1) : zeroPad(map, 0, 1, 0, 1);
        map = depthwise(map, raw.weight("conv_dw_" + id, 0), stride);
        map = batchNormRelu6(std::move(map), raw, "conv_dw_" + id + "_bn");
        map = convolve(map, raw.weight("conv_pw_" + id, 0), 1);
        map = batchNormRelu6(std::move(map), raw, "conv_pw_" + id + "_bn");
    }
    return map;
}

std::vector<double> globalAverage(const FeatureMap& map) {
    std::vector<double> means(static_cast<size_t>(map.channels), 0.0);
    const double count = static_cast<double>(map.height) * map.width;
    for (size_t i = 0; i < map.values.size(); ++i) means[i % means.size()] += map.values[i] / count;
    return means;
}

}  // namespace tlw::test
