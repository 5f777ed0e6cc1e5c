#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string_view>

namespace tlw {

// PNG through libpng directly rather than OpenCV, so that libpng's complaints become our error text: OpenCV
// leaves libpng's default handlers in place, which print "libpng error: IDAT: CRC error" on stderr and give
// the caller nothing but an empty image. Returns the samples as cv::imdecode(IMREAD_UNCHANGED) lays them out
// (gray, BGR or BGRA; 8 or 16 bits; tRNS as alpha for colour images), so everything after decoding is the
// same. Throws tlw::Error naming the file and what libpng found ("CRC error in the IDAT chunk").
cv::Mat decodePngSamples(std::string_view bytes, const std::filesystem::path& nameForErrors);

}  // namespace tlw
