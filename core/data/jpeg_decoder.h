#pragma once

#include <filesystem>
#include <string_view>

#include "core/data/image_decoder.h"

namespace tlw {

// JPEG through libjpeg(-turbo) directly rather than OpenCV, for three things OpenCV hides: a truncated
// file is an error (libjpeg only warns "Premature end of JPEG file" and fills the rest with grey),
// decoding at 1/2, 1/4, 1/8 scale, and the Adobe-inverted CMYK/YCCK conversion. Orientation is not applied.
RgbImage decodeJpeg(std::string_view bytes, const std::filesystem::path& nameForErrors,
                    const DecodeOptions& options);

}  // namespace tlw
