#include "core/demo/noise_fields.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace tlw {

cv::Mat whiteNoise(cv::Size size, std::mt19937& rng, int channels) {
    // OpenCV's generator fills a whole image far faster than std::normal_distribution; it is seeded
    // from ours, so the seed still decides every value. Uniform values with unit variance: the eye (and
    // every blur applied to them) cannot tell them from normal ones, and they cost a third as much.
    const std::uint32_t high = rng();
    const std::uint32_t low = rng();
    const std::uint64_t state = (static_cast<std::uint64_t>(high) << 32) | low;
    cv::RNG generator(state == 0 ? 1 : state);
    cv::Mat noise(size, CV_32FC(channels));
    const double halfWidth = std::sqrt(3.0);
    generator.fill(noise, cv::RNG::UNIFORM, -halfWidth, halfWidth);
    return noise;
}

cv::Mat smoothNoise(cv::Size size, double cellPixels, std::mt19937& rng) {
    const int columns = std::max(2, static_cast<int>(std::ceil(size.width / cellPixels)) + 1);
    const int rows = std::max(2, static_cast<int>(std::ceil(size.height / cellPixels)) + 1);
    cv::Mat grid = whiteNoise({columns, rows}, rng);
    cv::Mat field;
    cv::resize(grid, field, size, 0, 0, cv::INTER_CUBIC);
    return field;
}

}  // namespace tlw
