#include "core/data/png_decoder.h"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace tlw {
namespace {

struct PngSource {
    std::string_view bytes;
    size_t position = 0;
    char message[256] = {};
};

[[noreturn]] void onPngError(png_structp png, png_const_charp message) {
    auto* source = static_cast<PngSource*>(png_get_error_ptr(png));
    std::snprintf(source->message, sizeof source->message, "%s", message);
    png_longjmp(png, 1);
}

// Warnings are quirks libpng copes with (an ancillary chunk with a bad CRC is dropped, an sRGB profile
// that is known to be wrong is ignored): the image is fine, and stderr is no place to say so.
void onPngWarning(png_structp, png_const_charp) {}

void readFromMemory(png_structp png, png_bytep out, png_size_t length) {
    auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
    if (length > source->bytes.size() - source->position) png_error(png, "data ends inside a chunk");
    std::memcpy(out, source->bytes.data() + source->position, length);
    source->position += length;
}

// The channels cv::imdecode gives for this PNG with IMREAD_UNCHANGED (OpenCV 4.6's PngDecoder).
int openCvChannels(png_structp png, png_infop info, int colorType) {
    switch (colorType) {
        case PNG_COLOR_TYPE_RGB:
        case PNG_COLOR_TYPE_PALETTE:
            return png_get_valid(png, info, PNG_INFO_tRNS) ? 4 : 3;
        case PNG_COLOR_TYPE_GRAY_ALPHA:
        case PNG_COLOR_TYPE_RGB_ALPHA:
            return 4;
        default:
            return 1;
    }
}

// The transformations OpenCV asks of libpng, so the samples come out as OpenCV's would.
void requestOpenCvLayout(png_structp png, int bitDepth, int colorType, int channels) {
    if (bitDepth == 16) png_set_swap(png);  // PNG is big-endian; the host is not
    if (channels < 4)
        png_set_strip_alpha(png);
    else
        png_set_tRNS_to_alpha(png);
    if (colorType == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if ((colorType & PNG_COLOR_MASK_COLOR) == 0 && bitDepth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (channels > 1) {
        if (colorType & PNG_COLOR_MASK_COLOR)
            png_set_bgr(png);
        else
            png_set_gray_to_rgb(png);
    }
    png_set_interlace_handling(png);
}

// Everything between setjmp and the last libpng call lives here, with no C++ object of its own whose
// destructor a longjmp would skip: the image and its row pointers belong to the caller.
bool runPngRead(PngSource& source, cv::Mat& image, std::vector<png_bytep>& rows) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, onPngError, onPngWarning);
    if (png == nullptr) return false;
    png_infop info = png_create_info_struct(png);
    if (info == nullptr || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_set_read_fn(png, &source, readFromMemory);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int bitDepth = 0, colorType = 0;
    png_get_IHDR(png, info, &width, &height, &bitDepth, &colorType, nullptr, nullptr, nullptr);
    const int channels = openCvChannels(png, info, colorType);
    requestOpenCvLayout(png, bitDepth, colorType, channels);
    png_read_update_info(png, info);
    const int depth = bitDepth == 16 ? CV_16U : CV_8U;
    const size_t rowBytes =
        static_cast<size_t>(width) * static_cast<size_t>(channels) * (bitDepth == 16 ? 2 : 1);
    if (png_get_rowbytes(png, info) != rowBytes) png_error(png, "unsupported sample layout");
    image.create(static_cast<int>(height), static_cast<int>(width), CV_MAKETYPE(depth, channels));
    rows.resize(height);
    for (png_uint_32 y = 0; y < height; ++y) rows[y] = image.ptr<png_byte>(static_cast<int>(y));
    png_read_image(png, rows.data());
    png_read_end(png, nullptr);  // checks the chunks after the pixels up to IEND, CRCs included
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

std::uint32_t bigEndian32(std::string_view bytes, size_t at) {
    std::uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
}

// libpng inflates a chunk's data before it reaches the chunk's CRC, so a damaged IDAT reads as a zlib error
// ("invalid code lengths set"). Checking the critical chunks' CRCs first names the damage for what it is.
// Ancillary chunks (lower-case first letter) are left to libpng, which drops a damaged one and goes on.
void checkCriticalChunkCrcs(std::string_view bytes, const std::filesystem::path& name) {
    size_t position = 8;
    while (position + 12 <= bytes.size()) {
        const std::uint32_t length = bigEndian32(bytes, position);
        if (length > bytes.size() - position - 12) return;  // libpng reports the structure
        const std::string_view type = bytes.substr(position + 4, 4);
        const bool critical = (static_cast<unsigned char>(type[0]) & 0x20) == 0;
        if (critical) {
            const auto* data = reinterpret_cast<const Bytef*>(bytes.data() + position + 4);
            const uLong crc = ::crc32(::crc32(0L, Z_NULL, 0), data, length + 4);
            if (crc != bigEndian32(bytes, position + 8 + length))
                throw Error(name, "corrupt PNG: CRC error in the " + std::string(type) +
                                      " chunk (its checksum does not match: the file is damaged)");
        }
        if (type == "IEND") return;
        position += 12 + static_cast<size_t>(length);
    }
}

// libpng names a damaged chunk "IDAT: CRC error"; people should read that the file is damaged.
std::string describePngError(const std::string& message) {
    const size_t crc = message.find(": CRC error");
    if (crc != std::string::npos)
        return "corrupt PNG: CRC error in the " + message.substr(0, crc) +
               " chunk (its checksum does not match: the file is damaged)";
    if (message.empty()) return "corrupt PNG (the decoder could not start)";
    return "corrupt PNG (" + message + ")";
}

}  // namespace

cv::Mat decodePngSamples(std::string_view bytes, const std::filesystem::path& nameForErrors) {
    checkCriticalChunkCrcs(bytes, nameForErrors);
    PngSource source;
    source.bytes = bytes;
    cv::Mat image;
    std::vector<png_bytep> rows;
    if (!runPngRead(source, image, rows)) throw Error(nameForErrors, describePngError(source.message));
    return image;
}

}  // namespace tlw
