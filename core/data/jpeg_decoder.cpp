#include "core/data/jpeg_decoder.h"

// clang-format off
#include <cstdio>  // jpeglib.h needs FILE and size_t declared first
#include <jpeglib.h>
#include <jerror.h>
// clang-format on

#include <csetjmp>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

struct JpegErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
    bool truncated = false;
    char message[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void onJpegError(j_common_ptr info) {
    auto* manager = reinterpret_cast<JpegErrorManager*>(info->err);
    (*info->err->format_message)(info, manager->message);
    std::longjmp(manager->jump, 1);
}

// Warnings (level -1) are mostly benign quirks of real-world encoders ("extraneous bytes before marker"),
// except running out of data: then libjpeg invents an end marker and the rest of the image is grey.
void onJpegMessage(j_common_ptr info, int level) {
    if (level >= 0) return;  // trace messages
    auto* manager = reinterpret_cast<JpegErrorManager*>(info->err);
    if (info->err->msg_code == JWRN_JPEG_EOF) {
        manager->truncated = true;
        std::longjmp(manager->jump, 1);
    }
    ++info->err->num_warnings;
}

// The largest DCT reduction (8, 4, 2 or 1) whose output still covers the requested minimum size.
unsigned chooseScaleDenominator(unsigned width, unsigned height, const DecodeOptions& options) {
    if (options.minWidth <= 0 && options.minHeight <= 0) return 1;
    for (unsigned denominator : {8u, 4u, 2u}) {
        const unsigned scaledWidth = (width + denominator - 1) / denominator;
        const unsigned scaledHeight = (height + denominator - 1) / denominator;
        if (scaledWidth >= static_cast<unsigned>(options.minWidth) &&
            scaledHeight >= static_cast<unsigned>(options.minHeight))
            return denominator;
    }
    return 1;
}

struct RawJpeg {
    std::vector<std::uint8_t> samples;
    unsigned width = 0, height = 0;
    int components = 0;
    bool adobeInverted = false;
};

// Everything between setjmp and the last libjpeg call lives here, with no C++ object whose destructor a
// longjmp would skip: the output vector belongs to the caller.
bool runJpegDecompress(std::string_view bytes, const DecodeOptions& options, JpegErrorManager& errors,
                       RawJpeg& out) {
    jpeg_decompress_struct info;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onJpegError;
    errors.base.emit_message = onJpegMessage;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    info.scale_num = 1;
    info.scale_denom = chooseScaleDenominator(info.image_width, info.image_height, options);
    info.dct_method = JDCT_ISLOW;  // libjpeg's accurate default, as TensorFlow and OpenCV use
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        info.out_color_space = JCS_CMYK;
        out.adobeInverted = info.saw_Adobe_marker;
    } else if (info.jpeg_color_space == JCS_GRAYSCALE) {
        info.out_color_space = JCS_GRAYSCALE;
    } else {
        info.out_color_space = JCS_RGB;
    }
    jpeg_start_decompress(&info);
    out.width = info.output_width;
    out.height = info.output_height;
    out.components = info.output_components;
    const size_t rowBytes = static_cast<size_t>(out.width) * static_cast<size_t>(out.components);
    out.samples.resize(rowBytes * out.height);
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = out.samples.data() + rowBytes * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);  // reads up to the end marker: a file cut after the pixels is caught too
    jpeg_destroy_decompress(&info);
    return true;
}

RgbImage toRgb(RawJpeg& raw) {
    RgbImage image;
    image.width = static_cast<int>(raw.width);
    image.height = static_cast<int>(raw.height);
    const size_t pixelCount = static_cast<size_t>(raw.width) * raw.height;
    if (raw.components == 3) {
        image.pixels = std::move(raw.samples);
        return image;
    }
    image.pixels.resize(pixelCount * 3);
    if (raw.components == 1) {
        for (size_t i = 0; i < pixelCount; ++i)
            image.pixels[3 * i] = image.pixels[3 * i + 1] = image.pixels[3 * i + 2] = raw.samples[i];
        return image;
    }
    // CMYK: Adobe applications (and libjpeg's writer, which adds the Adobe marker) store inverted values,
    // 255 = no ink; then red = C' * K' / 255. Without the marker the values are plain ink amounts.
    for (size_t i = 0; i < pixelCount; ++i) {
        const std::uint8_t* cmyk = &raw.samples[4 * i];
        const unsigned k = raw.adobeInverted ? cmyk[3] : 255u - cmyk[3];
        for (int channel = 0; channel < 3; ++channel) {
            const unsigned value = raw.adobeInverted ? cmyk[channel] : 255u - cmyk[channel];
            image.pixels[3 * i + static_cast<size_t>(channel)] =
                static_cast<std::uint8_t>((value * k + 127) / 255);
        }
    }
    return image;
}

}  // namespace

RgbImage decodeJpeg(std::string_view bytes, const std::filesystem::path& nameForErrors,
                    const DecodeOptions& options) {
    JpegErrorManager errors;
    RawJpeg raw;
    if (!runJpegDecompress(bytes, options, errors, raw)) {
        if (errors.truncated)
            throw Error(nameForErrors, "truncated JPEG (data ends before the end-of-image marker)");
        throw Error(nameForErrors, std::string("corrupt JPEG (") + errors.message + ")");
    }
    if (raw.components != 1 && raw.components != 3 && raw.components != 4)
        throw Error(nameForErrors,
                    "JPEG with " + std::to_string(raw.components) + " colour components is not supported");
    return toRgb(raw);
}

}  // namespace tlw
