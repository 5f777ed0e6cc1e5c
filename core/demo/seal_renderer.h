#pragma once

#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string>

#include "core/demo/seal_style.h"

namespace tlw {

class GlyphCache;

// Everything that decides one demo image; the seed drives all of its random variation, so images can
// be rendered in any order, on any thread, with the same result.
struct SealImagePlan {
    const SealStyle* style = nullptr;
    int font = 0;         // id in the GlyphCache
    std::u32string text;  // reading order; its glyphs must be prepared
    std::uint64_t seed = 0;
};

// Stamps the seal on a sheet of paper: ink density, uneven pressure and gaps; rotation, scale,
// off-centre placement and a slight perspective; paper colour and texture, blur and sensor noise.
// Returns an 8-bit BGR image of imageSize x imageSize pixels.
cv::Mat renderSealImage(const SealImagePlan& plan, const GlyphCache& glyphs, int imageSize);

}  // namespace tlw
