#include "core/data/preprocess.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/util/error.h"

namespace tlw {
namespace {

// One axis of TensorFlow's bilinear resize (resize_bilinear_op.cc, half_pixel_centers=true).
struct AxisWeights {
    std::vector<int> lower, upper;
    std::vector<float> lerp;
};

AxisWeights computeAxisWeights(int outSize, int inSize) {
    AxisWeights weights;
    weights.lower.resize(static_cast<size_t>(outSize));
    weights.upper.resize(static_cast<size_t>(outSize));
    weights.lerp.resize(static_cast<size_t>(outSize));
    const float scale = static_cast<float>(inSize) / static_cast<float>(outSize);
    for (int i = 0; i < outSize; ++i) {
        const float in = (static_cast<float>(i) + 0.5f) * scale - 0.5f;
        const float inFloor = std::floor(in);
        const auto index = static_cast<size_t>(i);
        weights.lower[index] = std::max(static_cast<int>(inFloor), 0);
        weights.upper[index] = std::min(static_cast<int>(std::ceil(in)), inSize - 1);
        weights.lerp[index] = in - inFloor;
    }
    return weights;
}

}  // namespace

CropBox centredCropForAspectRatio(int width, int height, int targetWidth, int targetHeight) {
    // Keras casts the products to float32, divides, and truncates to int32.
    const auto cropHeight =
        static_cast<int>(static_cast<float>(width * targetHeight) / static_cast<float>(targetWidth));
    const auto cropWidth =
        static_cast<int>(static_cast<float>(height * targetWidth) / static_cast<float>(targetHeight));
    CropBox box;
    // At least one pixel: a 1000x1 strip cropped to 1:1 would otherwise give an empty box.
    box.height = std::max(1, std::min(height, cropHeight));
    box.width = std::max(1, std::min(width, cropWidth));
    box.y = static_cast<int>(static_cast<float>(height - box.height) / 2.0f);
    box.x = static_cast<int>(static_cast<float>(width - box.width) / 2.0f);
    return box;
}

FloatImage resizeBilinear(const RgbImage& image, int width, int height, const CropBox* crop) {
    if (width <= 0 || height <= 0)
        throw Error("resize target must be positive, got " + std::to_string(width) + "x" +
                    std::to_string(height));
    if (image.empty()) throw Error("cannot resize an empty image");
    const CropBox box = crop ? *crop : CropBox{0, 0, image.width, image.height};
    if (box.width <= 0 || box.height <= 0 || box.x < 0 || box.y < 0 || box.x + box.width > image.width ||
        box.y + box.height > image.height)
        throw Error("crop box lies outside the image");
    const AxisWeights xs = computeAxisWeights(width, box.width);
    const AxisWeights ys = computeAxisWeights(height, box.height);

    FloatImage out;
    out.width = width;
    out.height = height;
    out.pixels.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    float* target = out.pixels.data();
    for (int y = 0; y < height; ++y) {
        const auto yi = static_cast<size_t>(y);
        const std::uint8_t* top = image.pixel(box.x, box.y + ys.lower[yi]);
        const std::uint8_t* bottom = image.pixel(box.x, box.y + ys.upper[yi]);
        const float yLerp = ys.lerp[yi];
        for (int x = 0; x < width; ++x, target += 3) {
            const auto xi = static_cast<size_t>(x);
            const size_t left = static_cast<size_t>(xs.lower[xi]) * 3;
            const size_t right = static_cast<size_t>(xs.upper[xi]) * 3;
            const float xLerp = xs.lerp[xi];
            for (size_t c = 0; c < 3; ++c) {
                // Same operation order as TensorFlow's compute_lerp, so results agree to the last bits.
                const float topLeft = top[left + c], topRight = top[right + c];
                const float bottomLeft = bottom[left + c], bottomRight = bottom[right + c];
                const float topValue = topLeft + (topRight - topLeft) * xLerp;
                const float bottomValue = bottomLeft + (bottomRight - bottomLeft) * xLerp;
                target[c] = topValue + (bottomValue - topValue) * yLerp;
            }
        }
    }
    return out;
}

void caffePreprocessToChw(const FloatImage& rgb, float* chw) {
    const size_t plane = static_cast<size_t>(rgb.width) * static_cast<size_t>(rgb.height);
    float* blue = chw;
    float* green = chw + plane;
    float* red = chw + 2 * plane;
    const float* in = rgb.pixels.data();
    for (size_t i = 0; i < plane; ++i, in += 3) {
        blue[i] = in[2] - kCaffeMeanBgr[0];
        green[i] = in[1] - kCaffeMeanBgr[1];
        red[i] = in[0] - kCaffeMeanBgr[2];
    }
}

FloatImage resizeForModel(const RgbImage& image, const PreprocessOptions& options) {
    if (!options.cropToAspectRatio) return resizeBilinear(image, options.width, options.height);
    const CropBox box = centredCropForAspectRatio(image.width, image.height, options.width, options.height);
    return resizeBilinear(image, options.width, options.height, &box);
}

void preprocessImage(const RgbImage& image, const PreprocessOptions& options, float* chw) {
    caffePreprocessToChw(resizeForModel(image, options), chw);
}

std::vector<float> preprocessImage(const RgbImage& image, const PreprocessOptions& options) {
    std::vector<float> chw(3 * static_cast<size_t>(options.width) * static_cast<size_t>(options.height));
    preprocessImage(image, options, chw.data());
    return chw;
}

}  // namespace tlw
