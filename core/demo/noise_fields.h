#pragma once

#include <opencv2/core/mat.hpp>
#include <random>

namespace tlw {

// Random fields for paper, ink and stone textures, drawn from the caller's generator so that a seed
// reproduces them exactly. Both return CV_32F with values of roughly unit spread around 0.

// Per-pixel normal noise, with 1 to 4 independent channels.
cv::Mat whiteNoise(cv::Size size, std::mt19937& rng, int channels = 1);

// Smooth noise whose blobs are about cellPixels wide: normal values on a coarse grid, enlarged bicubically.
cv::Mat smoothNoise(cv::Size size, double cellPixels, std::mt19937& rng);

}  // namespace tlw
