#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/data/image_header.h"

namespace tlw {

// An 8-bit RGB image, row-major, 3 bytes per pixel (R, G, B), no padding.
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    bool empty() const noexcept { return pixels.empty(); }
    const std::uint8_t* pixel(int x, int y) const {
        return pixels.data() +
               (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 3;
    }
};

// DecodeLimits plus a hint for JPEGs: when the image will be shrunk to a small size anyway, libjpeg can
// decode it directly at 1/2, 1/4 or 1/8 scale (scaling inside the inverse DCT), several times faster
// than a full decode. The largest reduction whose result is still at least minWidth x minHeight is used;
// 0 x 0 (the default) always decodes at full size. See docs/DATASETS.md for how close the results are.
struct DecodeOptions {
    DecodeLimits limits;
    int minWidth = 0;
    int minHeight = 0;
};

// Decodes any supported image to RGB: the format is sniffed from the content; grayscale is expanded;
// alpha is composited on white; 16-bit samples are scaled to 8 bits; palette images are expanded; a GIF
// gives its first frame; CMYK/YCCK JPEGs are converted; the EXIF orientation is applied; ICC profiles are
// ignored. The pixel limit is checked from the header before decoding. Throws tlw::Error naming the file
// and the reason ("not an image (text file)", "truncated JPEG ...", "image is 50000x50000 = ...").
RgbImage decodeImageFile(const std::filesystem::path& file, const DecodeLimits& limits = {});
RgbImage decodeImageFile(const std::filesystem::path& file, const DecodeOptions& options);
RgbImage decodeImageBytes(std::string_view bytes, const std::filesystem::path& nameForErrors,
                          const DecodeLimits& limits = {});
RgbImage decodeImageBytes(std::string_view bytes, const std::filesystem::path& nameForErrors,
                          const DecodeOptions& options);

}  // namespace tlw
