#include "core/data/exif_orientation.h"

#include <cstdint>

#include "core/data/tiff_directory.h"

namespace tlw {
namespace {

constexpr std::uint16_t kOrientationTag = 274;

unsigned byteAt(std::string_view bytes, size_t offset) { return static_cast<unsigned char>(bytes[offset]); }

int orientationFromTiff(std::string_view tiff) {
    if (tiff.substr(0, 6) == std::string_view("Exif\0\0", 6)) tiff.remove_prefix(6);
    if (tiff.size() < 8 || (tiff[0] != 'I' && tiff[0] != 'M')) return 1;
    const auto value = readFirstTiffDirectory(tiff).find(kOrientationTag);
    return value && *value >= 1 && *value <= 8 ? static_cast<int>(*value) : 1;
}

std::string_view findJpegExif(std::string_view bytes) {
    size_t position = 2;
    while (position + 4 <= bytes.size()) {
        if (byteAt(bytes, position) != 0xFF) return {};
        const unsigned marker = byteAt(bytes, position + 1);
        if (marker == 0xFF) {  // fill byte
            ++position;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) return {};  // EXIF comes before the image data
        const size_t length = (byteAt(bytes, position + 2) << 8) | byteAt(bytes, position + 3);
        if (length < 2 || position + 2 + length > bytes.size()) return {};
        const std::string_view payload = bytes.substr(position + 4, length - 2);
        if (marker == 0xE1 && payload.substr(0, 6) == std::string_view("Exif\0\0", 6)) return payload;
        position += 2 + length;
    }
    return {};
}

std::uint32_t bigEndian32(std::string_view b, size_t o) {
    return (byteAt(b, o) << 24) | (byteAt(b, o + 1) << 16) | (byteAt(b, o + 2) << 8) | byteAt(b, o + 3);
}

std::string_view findPngExif(std::string_view bytes) {
    size_t position = 8;
    while (position + 12 <= bytes.size()) {
        const std::uint32_t length = bigEndian32(bytes, position);
        const std::string_view type = bytes.substr(position + 4, 4);
        if (length > bytes.size() - position - 12) return {};
        if (type == "eXIf") return bytes.substr(position + 8, length);
        if (type == "IEND") return {};
        position += 12 + length;
    }
    return {};
}

std::string_view findWebpExif(std::string_view bytes) {
    size_t position = 12;
    while (position + 8 <= bytes.size()) {
        const std::uint32_t length = byteAt(bytes, position + 4) | (byteAt(bytes, position + 5) << 8) |
                                     (byteAt(bytes, position + 6) << 16) |
                                     (byteAt(bytes, position + 7) << 24);
        if (length > bytes.size() - position - 8) return {};
        if (bytes.substr(position, 4) == "EXIF") return bytes.substr(position + 8, length);
        position += 8 + length + (length & 1);  // RIFF chunks are padded to even sizes
    }
    return {};
}

}  // namespace

int readExifOrientation(std::string_view bytes, ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg:
            return orientationFromTiff(findJpegExif(bytes));
        case ImageFormat::Png:
            return orientationFromTiff(findPngExif(bytes));
        case ImageFormat::Webp:
            return orientationFromTiff(findWebpExif(bytes));
        default:
            return 1;
    }
}

void applyExifOrientation(RgbImage& image, int orientation) {
    if (orientation <= 1 || orientation > 8 || image.pixels.empty()) return;
    const int width = image.width;
    const int height = image.height;
    const bool swapsAxes = orientation >= 5;
    RgbImage turned;
    turned.width = swapsAxes ? height : width;
    turned.height = swapsAxes ? width : height;
    turned.pixels.resize(image.pixels.size());
    for (int y = 0; y < turned.height; ++y) {
        for (int x = 0; x < turned.width; ++x) {
            // (sourceX, sourceY): the stored pixel shown at (x, y).
            int sourceX = x, sourceY = y;
            switch (orientation) {
                case 2:
                    sourceX = width - 1 - x;
                    break;  // mirror
                case 3:
                    sourceX = width - 1 - x;
                    sourceY = height - 1 - y;
                    break;  // 180
                case 4:
                    sourceY = height - 1 - y;
                    break;  // flip
                case 5:
                    sourceX = y;
                    sourceY = x;
                    break;  // transpose
                case 6:
                    sourceX = y;
                    sourceY = height - 1 - x;
                    break;  // 90 clockwise
                case 7:
                    sourceX = width - 1 - y;
                    sourceY = height - 1 - x;
                    break;  // transverse
                case 8:
                    sourceX = width - 1 - y;
                    sourceY = x;
                    break;  // 90 counter-clockwise
                default:
                    break;
            }
            const size_t from =
                (static_cast<size_t>(sourceY) * static_cast<size_t>(width) + static_cast<size_t>(sourceX)) *
                3;
            const size_t to =
                (static_cast<size_t>(y) * static_cast<size_t>(turned.width) + static_cast<size_t>(x)) * 3;
            turned.pixels[to] = image.pixels[from];
            turned.pixels[to + 1] = image.pixels[from + 1];
            turned.pixels[to + 2] = image.pixels[from + 2];
        }
    }
    image = std::move(turned);
}

}  // namespace tlw
