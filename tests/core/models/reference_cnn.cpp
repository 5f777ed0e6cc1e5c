#include "tests/core/models/reference_cnn.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>

namespace tlw::test {

FeatureMap conv2d(const FeatureMap& in, const RawArray& kernel, const RawArray& bias, int stride,
                  bool samePadding, bool applyRelu) {
    const int kh = static_cast<int>(kernel.shape[0]);
    const int kw = static_cast<int>(kernel.shape[1]);
    const int inChannels = static_cast<int>(kernel.shape[2]);
    const int outChannels = static_cast<int>(kernel.shape[3]);
    if (inChannels != in.channels) throw std::runtime_error("channel mismatch");
    const int padTop = samePadding ? kh / 2 : 0;
    const int padLeft = samePadding ? kw / 2 : 0;
    FeatureMap out;
    out.height = samePadding ? in.height : (in.height - kh) / stride + 1;
    out.width = samePadding ? in.width : (in.width - kw) / stride + 1;
    out.channels = outChannels;
    out.values.assign(static_cast<size_t>(out.height) * out.width * outChannels, 0.0);
    std::vector<double> sums(static_cast<size_t>(outChannels));
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            for (int o = 0; o < outChannels; ++o)
                sums[static_cast<size_t>(o)] = bias.values[static_cast<size_t>(o)];
            for (int dy = 0; dy < kh; ++dy) {
                const int iy = y * stride + dy - padTop;
                if (iy < 0 || iy >= in.height) continue;
                for (int dx = 0; dx < kw; ++dx) {
                    const int ix = x * stride + dx - padLeft;
                    if (ix < 0 || ix >= in.width) continue;
                    const double* pixel = &in.values[(static_cast<size_t>(iy) * in.width + ix) * in.channels];
                    const float* taps =
                        &kernel.values[((static_cast<size_t>(dy) * kw + dx) * inChannels) * outChannels];
                    for (int c = 0; c < inChannels; ++c) {
                        const double value = pixel[c];
                        const float* row = taps + static_cast<size_t>(c) * outChannels;
                        for (int o = 0; o < outChannels; ++o) sums[static_cast<size_t>(o)] += value * row[o];
                    }
                }
            }
            double* target = &out.values[(static_cast<size_t>(y) * out.width + x) * outChannels];
            for (int o = 0; o < outChannels; ++o) {
                const double sum = sums[static_cast<size_t>(o)];
                target[o] = applyRelu ? std::max(0.0, sum) : sum;
            }
        }
    }
    return out;
}

FeatureMap maxPool(const FeatureMap& in, int size, int stride) {
    FeatureMap out;
    out.height = (in.height - size) / stride + 1;
    out.width = (in.width - size) / stride + 1;
    out.channels = in.channels;
    out.values.resize(static_cast<size_t>(out.height) * out.width * out.channels);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < in.channels; ++c) {
                double best = -std::numeric_limits<double>::infinity();
                for (int dy = 0; dy < size; ++dy)
                    for (int dx = 0; dx < size; ++dx)
                        best = std::max(best, in.at(y * stride + dy, x * stride + dx, c));
                out.values[(static_cast<size_t>(y) * out.width + x) * out.channels + c] = best;
            }
    return out;
}

FeatureMap relu(FeatureMap map) {
    for (double& value : map.values) value = std::max(0.0, value);
    return map;
}

FeatureMap concatChannels(const FeatureMap& a, const FeatureMap& b) {
    FeatureMap out;
    out.height = a.height;
    out.width = a.width;
    out.channels = a.channels + b.channels;
    out.values.reserve(static_cast<size_t>(out.height) * out.width * out.channels);
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x) {
            for (int c = 0; c < a.channels; ++c) out.values.push_back(a.at(y, x, c));
            for (int c = 0; c < b.channels; ++c) out.values.push_back(b.at(y, x, c));
        }
    return out;
}

FeatureMap squeezeNetFire9Concat(const RawKerasFile& raw, const FeatureMap& image) {
    FeatureMap map = conv2d(image, raw.weight("conv1", 0), raw.weight("conv1", 1), 2, false, true);
    map = maxPool(map, 3, 2);
    for (int fire = 2; fire <= 9; ++fire) {
        const std::string prefix = "fire" + std::to_string(fire) + "/";
        const FeatureMap squeeze = conv2d(map, raw.weight(prefix + "squeeze1x1", 0),
                                          raw.weight(prefix + "squeeze1x1", 1), 1, false, true);
        const FeatureMap left = conv2d(squeeze, raw.weight(prefix + "expand1x1", 0),
                                       raw.weight(prefix + "expand1x1", 1), 1, false, true);
        const FeatureMap right = conv2d(squeeze, raw.weight(prefix + "expand3x3", 0),
                                        raw.weight(prefix + "expand3x3", 1), 1, true, true);
        map = concatChannels(left, right);
        if (fire == 3 || fire == 5) map = maxPool(map, 3, 2);
    }
    return map;
}

FeatureMap caffeImage(const std::filesystem::path& imageFile, int size) {
    std::ifstream stream(imageFile, std::ios::binary);
    const std::vector<uchar> bytes((std::istreambuf_iterator<char>(stream)),
                                   std::istreambuf_iterator<char>());
    const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_COLOR);  // BGR
    if (decoded.empty()) throw std::runtime_error("cannot decode " + imageFile.string());
    cv::Mat resized;
    cv::resize(decoded, resized, cv::Size(size, size), 0, 0, cv::INTER_LINEAR);
    const double means[3] = {103.939, 116.779, 123.68};  // B, G, R
    FeatureMap map;
    map.height = size;
    map.width = size;
    map.channels = 3;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const cv::Vec3b pixel = resized.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c) map.values.push_back(static_cast<float>(pixel[c] - means[c]));
        }
    return map;
}

}  // namespace tlw::test
