#include "core/demo/noise_fields.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace tlw {

cv::Mat whiteNoise(cv::Size size, std::mt19937& rng) {
    cv::Mat noise(size, CV_32F);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (int row = 0; row < noise.rows; ++row) {
        float* values = noise.ptr<float>(row);
        for (int column = 0; column < noise.cols; ++column) values[column] = normal(rng);
    }
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
