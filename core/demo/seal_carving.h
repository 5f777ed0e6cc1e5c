#pragma once

#include <opencv2/core/mat.hpp>
#include <random>
#include <string>

#include "core/demo/seal_style.h"

namespace tlw {

class GlyphCache;

// The face of a carved seal as it would print with perfect ink: CV_32F, 1 where the stone touches the
// paper, width x (width * sealAspect) pixels. Draws the border, stretches each character into its cell,
// thickens or thins the strokes by the style's weight, then weathers the edges (wavy cuts, chips), so
// that no two seals of a style are cut exactly alike. The glyphs of text must be prepared in glyphs.
cv::Mat carveSealFace(const SealStyle& style, int font, const std::u32string& text, const GlyphCache& glyphs,
                      int width, std::mt19937& rng);

}  // namespace tlw
