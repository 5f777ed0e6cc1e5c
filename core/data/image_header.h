#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tlw {

// The formats a dataset may hold. The format is always sniffed from the first bytes (magic numbers), never
// taken from the file name, so a PNG named .jpg loads as a PNG.
enum class ImageFormat { Unknown, Jpeg, Png, Gif, Bmp, Webp, Tiff, Pnm };

const char* imageFormatName(ImageFormat format);  // "JPEG", "PNG", ...

ImageFormat sniffImageFormat(std::string_view bytes);

// Decoding a 50000x50000 image would need 7.5 GB; a few hundred bytes of header can claim that much
// (a decompression bomb), so the pixel count is checked from the header before anything is decoded.
// 100 megapixels holds every camera photo short of 108/200-megapixel phone modes.
inline constexpr std::uint64_t kDefaultMaxPixels = 100'000'000;

struct DecodeLimits {
    std::uint64_t maxPixels = kDefaultMaxPixels;
    // The largest image file read at all: the pixel limit at 8 bytes a pixel (uncompressed 16-bit RGBA) and
    // room for metadata. A larger file (a sparse 3 GB file named .jpg) is refused before it is read.
    std::uint64_t maxFileBytes() const { return maxPixels * 8 + (std::uint64_t{64} << 20); }
};

struct ImageHeader {
    ImageFormat format = ImageFormat::Unknown;
    std::int64_t width = 0;
    std::int64_t height = 0;
    bool animated = false;  // animated WebP (animated GIFs are read as their first frame)
};

// Reads the format and the size from the header alone. Throws tlw::Error(nameForErrors, reason) for
// content that is not an image of a known format ("not an image (text file)", "empty file (0 bytes)"),
// a header cut short ("truncated PNG"), or a size of zero.
ImageHeader readImageHeader(std::string_view bytes, const std::filesystem::path& nameForErrors);

// Throws tlw::Error naming the size and the limit when width x height is over limits.maxPixels.
void checkPixelLimit(const ImageHeader& header, const DecodeLimits& limits,
                     const std::filesystem::path& nameForErrors);

// Header check plus the cheap structural checks a full decode would otherwise find (a JPEG without its
// end-of-image marker, or a PNG without its IEND chunk, is truncated). What a scan without full decoding
// uses; full decoding does the same checks first.
ImageHeader inspectImageBytes(std::string_view bytes, const std::filesystem::path& nameForErrors,
                              const DecodeLimits& limits = {});

// True when a JPEG's entropy-coded data is followed by an end-of-image marker (FF D9). Markers cannot
// occur inside entropy-coded data (0xFF is stuffed as FF 00), so the first FF D9 after the first
// start-of-scan is the real end, even when an EXIF thumbnail carries an end marker of its own.
bool jpegHasEndOfImage(std::string_view bytes);

// True when a PNG's chunks run, whole, up to its IEND chunk (so libpng will not run out of data).
bool pngChunksComplete(std::string_view bytes);

// "2.5 gigapixels", "12.0 megapixels".
std::string describePixelCount(std::uint64_t pixels);

}  // namespace tlw
