#include "core/demo/noise_fields.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace tlw {

cv::Mat whiteNoise(cv::Size size, std::mt19937& rng) {
    // OpenCV's generator fills a whole image several times faster than std::normal_distribution; it is
    // seeded from ours, so the seed still decides every value.
    const std::uint64_t state = (static_cast<std::uint64_t>(rng()) << 32) | rng();
    cv::RNG generator(state == 0 ? 1 : state);
    cv::Mat noise(size, CV_32F);
    generator.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
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
