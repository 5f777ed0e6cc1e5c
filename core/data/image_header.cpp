#include "core/data/image_header.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "core/data/tiff_directory.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

bool startsWith(std::string_view bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() && bytes.compare(0, prefix.size(), prefix) == 0;
}

unsigned byteAt(std::string_view bytes, size_t offset) { return static_cast<unsigned char>(bytes[offset]); }

std::uint32_t bigEndian16(std::string_view b, size_t o) { return (byteAt(b, o) << 8) | byteAt(b, o + 1); }

std::uint32_t bigEndian32(std::string_view b, size_t o) {
    return (bigEndian16(b, o) << 16) | bigEndian16(b, o + 2);
}

std::uint32_t littleEndian16(std::string_view b, size_t o) { return byteAt(b, o) | (byteAt(b, o + 1) << 8); }

std::uint32_t littleEndian24(std::string_view b, size_t o) {
    return littleEndian16(b, o) | (byteAt(b, o + 2) << 16);
}

std::uint32_t littleEndian32(std::string_view b, size_t o) {
    return littleEndian16(b, o) | (littleEndian16(b, o + 2) << 16);
}

[[noreturn]] void fail(const std::filesystem::path& name, const std::string& reason) {
    throw Error(name, reason);
}

void requireBytes(std::string_view bytes, size_t needed, ImageFormat format,
                  const std::filesystem::path& name) {
    if (bytes.size() < needed)
        fail(name, std::string("truncated ") + imageFormatName(format) + " (header cut short at " +
                       std::to_string(bytes.size()) + " bytes)");
}

bool isJpegFrameMarker(unsigned marker) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool isStandaloneJpegMarker(unsigned marker) {
    return marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7);
}

ImageHeader readJpegHeader(std::string_view bytes, const std::filesystem::path& name) {
    size_t position = 2;
    while (true) {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while (position < bytes.size() && byteAt(bytes, position) != 0xFF) ++position;
        while (position < bytes.size() && byteAt(bytes, position) == 0xFF) ++position;
        if (position >= bytes.size()) fail(name, "truncated JPEG (ends before its frame header)");
        const unsigned marker = byteAt(bytes, position++);
        if (isStandaloneJpegMarker(marker)) continue;
        if (marker == 0xD9) fail(name, "JPEG without an image (end marker before any frame header)");
        if (marker == 0xDA) fail(name, "corrupt JPEG (scan data before any frame header)");
        requireBytes(bytes, position + 2, ImageFormat::Jpeg, name);
        const std::uint32_t length = bigEndian16(bytes, position);
        if (length < 2) fail(name, "corrupt JPEG (marker segment of length " + std::to_string(length) + ")");
        if (isJpegFrameMarker(marker)) {
            requireBytes(bytes, position + 7, ImageFormat::Jpeg, name);
            ImageHeader header{ImageFormat::Jpeg, bigEndian16(bytes, position + 5),
                               bigEndian16(bytes, position + 3)};
            if (header.height == 0)
                fail(name, "JPEG whose height is defined after the scan (DNL) is not supported");
            return header;
        }
        position += length;
    }
}

ImageHeader readPngHeader(std::string_view bytes, const std::filesystem::path& name) {
    requireBytes(bytes, 24, ImageFormat::Png, name);
    if (bytes.compare(12, 4, "IHDR") != 0) fail(name, "corrupt PNG (first chunk is not IHDR)");
    return {ImageFormat::Png, bigEndian32(bytes, 16), bigEndian32(bytes, 20)};
}

ImageHeader readGifHeader(std::string_view bytes, const std::filesystem::path& name) {
    requireBytes(bytes, 10, ImageFormat::Gif, name);
    return {ImageFormat::Gif, littleEndian16(bytes, 6), littleEndian16(bytes, 8)};
}

ImageHeader readBmpHeader(std::string_view bytes, const std::filesystem::path& name) {
    requireBytes(bytes, 26, ImageFormat::Bmp, name);
    const std::uint32_t infoSize = littleEndian32(bytes, 14);
    if (infoSize == 12)  // OS/2 BITMAPCOREHEADER: 16-bit sizes
        return {ImageFormat::Bmp, littleEndian16(bytes, 18), littleEndian16(bytes, 20)};
    // Height is negative for top-down bitmaps.
    const auto width = static_cast<std::int32_t>(littleEndian32(bytes, 18));
    const auto height = static_cast<std::int32_t>(littleEndian32(bytes, 22));
    if (width < 0) fail(name, "corrupt BMP (negative width)");
    return {ImageFormat::Bmp, width, height < 0 ? -static_cast<std::int64_t>(height) : height};
}

ImageHeader readWebpHeader(std::string_view bytes, const std::filesystem::path& name) {
    requireBytes(bytes, 30, ImageFormat::Webp, name);
    const std::string_view chunk = bytes.substr(12, 4);
    if (chunk == "VP8 ") {
        if (bigEndian16(bytes, 23) != 0x9D01 || byteAt(bytes, 25) != 0x2A)
            fail(name, "corrupt WebP (bad VP8 start code)");
        return {ImageFormat::Webp, littleEndian16(bytes, 26) & 0x3FFF, littleEndian16(bytes, 28) & 0x3FFF};
    }
    if (chunk == "VP8L") {
        if (byteAt(bytes, 20) != 0x2F) fail(name, "corrupt WebP (bad VP8L signature)");
        const std::uint32_t bits = littleEndian32(bytes, 21);
        return {ImageFormat::Webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    if (chunk == "VP8X") {
        ImageHeader header{ImageFormat::Webp, littleEndian24(bytes, 24) + 1, littleEndian24(bytes, 27) + 1};
        header.animated = (byteAt(bytes, 20) & 0x02) != 0;
        return header;
    }
    fail(name, "corrupt WebP (unknown first chunk)");
}

ImageHeader readTiffHeader(std::string_view bytes, const std::filesystem::path& name) {
    const TiffDirectory directory = readFirstTiffDirectory(bytes);
    if (!directory.valid) fail(name, "truncated or corrupt TIFF (" + directory.problem + ")");
    const auto width = directory.find(256);
    const auto height = directory.find(257);
    if (!width || !height) fail(name, "corrupt TIFF (no image width or length tag)");
    return {ImageFormat::Tiff, static_cast<std::int64_t>(*width), static_cast<std::int64_t>(*height)};
}

// Netpbm headers are ASCII tokens separated by white space, with '#' comments to the end of a line.
class PnmTokenizer {
public:
    explicit PnmTokenizer(std::string_view bytes) : m_bytes(bytes) {}
    bool nextNumber(std::int64_t& value) {
        skipSpaceAndComments();
        if (m_position >= m_bytes.size() || !std::isdigit(static_cast<unsigned char>(m_bytes[m_position])))
            return false;
        value = 0;
        while (m_position < m_bytes.size() && std::isdigit(static_cast<unsigned char>(m_bytes[m_position]))) {
            value = value * 10 + (m_bytes[m_position++] - '0');
            if (value > (std::int64_t{1} << 40)) return false;
        }
        return true;
    }
    bool nextWord(std::string& word) {
        skipSpaceAndComments();
        word.clear();
        while (m_position < m_bytes.size() && !std::isspace(static_cast<unsigned char>(m_bytes[m_position])))
            word += m_bytes[m_position++];
        return !word.empty();
    }

private:
    void skipSpaceAndComments() {
        while (m_position < m_bytes.size()) {
            const char c = m_bytes[m_position];
            if (c == '#') {
                while (m_position < m_bytes.size() && m_bytes[m_position] != '\n') ++m_position;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                ++m_position;
            } else {
                return;
            }
        }
    }
    std::string_view m_bytes;
    size_t m_position = 2;  // after "Pn"
};

ImageHeader readPnmHeader(std::string_view bytes, const std::filesystem::path& name) {
    PnmTokenizer tokens(bytes.substr(0, 4096));
    ImageHeader header{ImageFormat::Pnm, 0, 0};
    if (bytes[1] == '7') {  // PAM: "WIDTH w", "HEIGHT h" ... "ENDHDR"
        std::string word;
        while (tokens.nextWord(word) && word != "ENDHDR") {
            if (word == "WIDTH" && !tokens.nextNumber(header.width)) break;
            if (word == "HEIGHT" && !tokens.nextNumber(header.height)) break;
        }
    } else if (!tokens.nextNumber(header.width) || !tokens.nextNumber(header.height)) {
        fail(name, "truncated or corrupt PNM header");
    }
    return header;
}

bool looksLikeText(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, 1024);
    for (const char c : head) {
        const auto u = static_cast<unsigned char>(c);
        // Printable ASCII, common white space, and any byte of a UTF-8 sequence count as text.
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f') return false;
        if (u == 0x7F) return false;
    }
    return true;
}

// What a non-image file most likely is, for a reason a user can act on.
std::string describeNonImage(std::string_view bytes) {
    if (bytes.empty()) return "empty file (0 bytes)";
    if (startsWith(bytes, "%PDF")) return "not an image (PDF document)";
    if (startsWith(bytes, "PK\x03\x04")) return "not an image (ZIP archive)";
    if (bytes.size() >= 12 && bytes.compare(4, 4, "ftyp") == 0) {
        const std::string_view brand = bytes.substr(8, 4);
        if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1")
            return "HEIC/HEIF image: not supported (convert it to JPEG or PNG)";
        if (brand == "avif") return "AVIF image: not supported (convert it to JPEG or PNG)";
        return "not an image (MP4/QuickTime video or other ISO media file)";
    }
    if (startsWith(bytes, std::string_view("\x00\x00\x00\x0CjP  ", 8)) ||
        startsWith(bytes, "\xFF\x4F\xFF\x51"))
        return "JPEG 2000 image: not supported (convert it to JPEG or PNG)";
    if (looksLikeText(bytes)) {
        std::string lower(bytes.substr(0, 256));
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower.find("<svg") != std::string::npos) return "SVG drawing: not supported (export it as PNG)";
        if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos)
            return "not an image (HTML page, perhaps a failed download)";
        return "not an image (text file)";
    }
    char start[64];
    std::snprintf(start, sizeof start, "%02X %02X %02X %02X", byteAt(bytes, 0),
                  bytes.size() > 1 ? byteAt(bytes, 1) : 0, bytes.size() > 2 ? byteAt(bytes, 2) : 0,
                  bytes.size() > 3 ? byteAt(bytes, 3) : 0);
    return std::string("not an image (unknown format, starts with bytes ") + start + ")";
}

}  // namespace

const char* imageFormatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg:
            return "JPEG";
        case ImageFormat::Png:
            return "PNG";
        case ImageFormat::Gif:
            return "GIF";
        case ImageFormat::Bmp:
            return "BMP";
        case ImageFormat::Webp:
            return "WebP";
        case ImageFormat::Tiff:
            return "TIFF";
        case ImageFormat::Pnm:
            return "PNM";
        case ImageFormat::Unknown:
            break;
    }
    return "unknown";
}

ImageFormat sniffImageFormat(std::string_view bytes) {
    if (bytes.size() >= 3 && byteAt(bytes, 0) == 0xFF && byteAt(bytes, 1) == 0xD8 && byteAt(bytes, 2) == 0xFF)
        return ImageFormat::Jpeg;
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), kPngSignature, 8) == 0) return ImageFormat::Png;
    if (startsWith(bytes, "GIF87a") || startsWith(bytes, "GIF89a")) return ImageFormat::Gif;
    if (startsWith(bytes, "BM") && bytes.size() >= 18) return ImageFormat::Bmp;
    if (bytes.size() >= 12 && startsWith(bytes, "RIFF") && bytes.compare(8, 4, "WEBP") == 0)
        return ImageFormat::Webp;
    if (startsWith(bytes, std::string_view("II*\0", 4)) || startsWith(bytes, std::string_view("MM\0*", 4)) ||
        startsWith(bytes, std::string_view("II+\0", 4)) || startsWith(bytes, std::string_view("MM\0+", 4)))
        return ImageFormat::Tiff;
    if (bytes.size() >= 3 && bytes[0] == 'P' && bytes[1] >= '1' && bytes[1] <= '7' &&
        std::isspace(static_cast<unsigned char>(bytes[2])))
        return ImageFormat::Pnm;
    return ImageFormat::Unknown;
}

ImageHeader readImageHeader(std::string_view bytes, const std::filesystem::path& nameForErrors) {
    ImageHeader header;
    switch (sniffImageFormat(bytes)) {
        case ImageFormat::Jpeg:
            header = readJpegHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Png:
            header = readPngHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Gif:
            header = readGifHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Bmp:
            header = readBmpHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Webp:
            header = readWebpHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Tiff:
            header = readTiffHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Pnm:
            header = readPnmHeader(bytes, nameForErrors);
            break;
        case ImageFormat::Unknown:
            fail(nameForErrors, describeNonImage(bytes));
    }
    if (header.width <= 0 || header.height <= 0)
        fail(nameForErrors, std::string(imageFormatName(header.format)) + " header gives an empty size (" +
                                std::to_string(header.width) + "x" + std::to_string(header.height) + ")");
    return header;
}

void checkPixelLimit(const ImageHeader& header, const DecodeLimits& limits,
                     const std::filesystem::path& nameForErrors) {
    const auto pixels = static_cast<std::uint64_t>(header.width) * static_cast<std::uint64_t>(header.height);
    if (pixels <= limits.maxPixels) return;
    fail(nameForErrors, "image is " + std::to_string(header.width) + "x" + std::to_string(header.height) +
                            " = " + describePixelCount(pixels) + ", over the limit of " +
                            describePixelCount(limits.maxPixels) + " (decompression-bomb guard)");
}

ImageHeader inspectImageBytes(std::string_view bytes, const std::filesystem::path& nameForErrors,
                              const DecodeLimits& limits) {
    const ImageHeader header = readImageHeader(bytes, nameForErrors);
    checkPixelLimit(header, limits, nameForErrors);
    if (header.format == ImageFormat::Jpeg && !jpegHasEndOfImage(bytes))
        fail(nameForErrors, "truncated JPEG (data ends before the end-of-image marker)");
    if (header.format == ImageFormat::Png && !pngChunksComplete(bytes))
        fail(nameForErrors, "truncated PNG (data ends before the IEND chunk)");
    if (header.format == ImageFormat::Webp && header.animated)
        fail(nameForErrors, "animated WebP is not supported (save its first frame as PNG)");
    return header;
}

bool pngChunksComplete(std::string_view bytes) {
    size_t position = 8;
    while (position + 12 <= bytes.size()) {
        const std::uint32_t length = bigEndian32(bytes, position);
        if (length > bytes.size() - position - 12) return false;
        if (bytes.compare(position + 4, 4, "IEND") == 0) return true;
        position += 12 + length;
    }
    return false;
}

bool jpegHasEndOfImage(std::string_view bytes) {
    size_t position = 2;
    // Walk the marker segments up to the first start-of-scan; segments may hold FF D9 (EXIF thumbnails).
    while (true) {
        while (position < bytes.size() && byteAt(bytes, position) != 0xFF) ++position;
        while (position < bytes.size() && byteAt(bytes, position) == 0xFF) ++position;
        if (position >= bytes.size()) return false;
        const unsigned marker = byteAt(bytes, position++);
        if (marker == 0xD9) return true;
        if (isStandaloneJpegMarker(marker)) continue;
        if (position + 2 > bytes.size()) return false;
        position += bigEndian16(bytes, position);
        if (marker == 0xDA) break;
    }
    for (; position + 1 < bytes.size(); ++position)
        if (byteAt(bytes, position) == 0xFF && byteAt(bytes, position + 1) == 0xD9) return true;
    return false;
}

std::string describePixelCount(std::uint64_t pixels) {
    char text[64];
    if (pixels >= 1'000'000'000)
        std::snprintf(text, sizeof text, "%.1f gigapixels", static_cast<double>(pixels) / 1e9);
    else
        std::snprintf(text, sizeof text, "%.1f megapixels", static_cast<double>(pixels) / 1e6);
    std::string result = text;
    // "100 megapixels" reads better than "100.0 megapixels".
    const size_t dotZero = result.find(".0 ");
    if (dotZero != std::string::npos) result.erase(dotZero, 2);
    return result;
}

}  // namespace tlw
