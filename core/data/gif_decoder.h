#pragma once

#include <filesystem>
#include <string_view>

#include "core/data/image_decoder.h"

namespace tlw {

// The first frame of a GIF through giflib (OpenCV 4.6 has no GIF decoder), drawn on the logical screen
// with transparent and uncovered pixels white. Later frames of an animation are never read.
RgbImage decodeGifFirstFrame(std::string_view bytes, const std::filesystem::path& nameForErrors,
                             const DecodeLimits& limits);

}  // namespace tlw
