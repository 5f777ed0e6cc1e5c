#include "tests/core/data/image_fixtures.h"

// clang-format off
#include <cstdio>
#include <jpeglib.h>
// clang-format on
#include <gif_lib.h>

#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

namespace tlw::test {
namespace {

cv::Mat bgrFromRgb(int width, int height, const std::vector<std::uint8_t>& rgb) {
    cv::Mat bgr(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const size_t i =
                (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 3;
            bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(rgb[i + 2], rgb[i + 1], rgb[i]);
        }
    return bgr;
}

std::string encode(const char* extension, const cv::Mat& image, const std::vector<int>& parameters = {}) {
    std::vector<std::uint8_t> bytes;
    if (!cv::imencode(extension, image, bytes, parameters)) throw std::runtime_error("imencode failed");
    return std::string(bytes.begin(), bytes.end());
}

std::vector<std::uint8_t> solidPixels(int width, int height, Rgb colour) {
    std::vector<std::uint8_t> rgb(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    for (size_t i = 0; i < rgb.size(); i += 3) {
        rgb[i] = colour.r;
        rgb[i + 1] = colour.g;
        rgb[i + 2] = colour.b;
    }
    return rgb;
}

void appendBigEndian32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xFF);
}

void appendPngChunk(std::string& out, const std::string& type, const std::string& data) {
    appendBigEndian32(out, static_cast<std::uint32_t>(data.size()));
    out += type;
    out += data;
    // CRC-32 over type and data (decoders check it).
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : type + data) {
        crc ^= static_cast<unsigned char>(c);
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    appendBigEndian32(out, crc ^ 0xFFFFFFFFu);
}

int writeToString(GifFileType* gif, const GifByteType* bytes, int length) {
    static_cast<std::string*>(gif->UserData)
        ->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(length));
    return length;
}

void check(int result, const char* what) {
    if (result == GIF_ERROR) throw std::runtime_error(std::string("giflib: ") + what);
}

}  // namespace

std::vector<std::uint8_t> quadrantPixels(int width, int height) {
    std::vector<std::uint8_t> rgb(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool right = x >= width / 2, bottom = y >= height / 2;
            const Rgb c = bottom ? (right ? kBottomRight : kBottomLeft) : (right ? kTopRight : kTopLeft);
            const size_t i =
                (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 3;
            rgb[i] = c.r;
            rgb[i + 1] = c.g;
            rgb[i + 2] = c.b;
        }
    return rgb;
}

std::string encodePng(int width, int height, const std::vector<std::uint8_t>& rgb) {
    return encode(".png", bgrFromRgb(width, height, rgb));
}

std::string encodeJpeg(int width, int height, const std::vector<std::uint8_t>& rgb, int quality) {
    return encode(".jpg", bgrFromRgb(width, height, rgb), {cv::IMWRITE_JPEG_QUALITY, quality});
}

std::string solidPng(int width, int height, Rgb colour) {
    return encodePng(width, height, solidPixels(width, height, colour));
}

std::string solidJpeg(int width, int height, Rgb colour) {
    return encodeJpeg(width, height, solidPixels(width, height, colour));
}

std::string taggedPng(int width, int height, Rgb colour, const std::string& tag) {
    std::string png = solidPng(width, height, colour);
    std::string chunk;
    appendPngChunk(chunk, "tEXt", std::string("Comment") + '\0' + tag);
    png.insert(8 + 25, chunk);  // after the signature and the 25-byte IHDR chunk
    return png;
}

std::string grayscalePng(int width, int height, std::uint8_t value) {
    return encode(".png", cv::Mat(height, width, CV_8UC1, cv::Scalar(value)));
}

std::string grayscaleJpeg(int width, int height, std::uint8_t value) {
    return encode(".jpg", cv::Mat(height, width, CV_8UC1, cv::Scalar(value)),
                  {cv::IMWRITE_JPEG_QUALITY, 100});
}

std::string rgbaPng(int width, int height, Rgb colour, std::uint8_t alpha) {
    return encode(".png", cv::Mat(height, width, CV_8UC4, cv::Scalar(colour.b, colour.g, colour.r, alpha)));
}

std::string rgb16Png(int width, int height, std::uint16_t r, std::uint16_t g, std::uint16_t b) {
    return encode(".png", cv::Mat(height, width, CV_16UC3, cv::Scalar(b, g, r)));
}

std::string cmykJpeg(int width, int height, std::uint8_t c, std::uint8_t m, std::uint8_t y, std::uint8_t k) {
    jpeg_compress_struct info;
    jpeg_error_mgr errors;
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 4;
    info.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 100, TRUE);
    jpeg_start_compress(&info, TRUE);
    std::vector<unsigned char> row(static_cast<size_t>(width) * 4);
    for (size_t i = 0; i < row.size(); i += 4) {
        row[i] = c;
        row[i + 1] = m;
        row[i + 2] = y;
        row[i + 3] = k;
    }
    while (info.next_scanline < info.image_height) {
        JSAMPROW rowPointer = row.data();
        jpeg_write_scanlines(&info, &rowPointer, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::string bytes(reinterpret_cast<char*>(buffer), size);
    std::free(buffer);
    return bytes;
}

std::string withExifOrientation(const std::string& jpeg, int orientation, bool bigEndian) {
    // TIFF header + IFD0 with one SHORT entry: Orientation (274).
    std::string tiff;
    auto put16 = [&](unsigned v) {
        if (bigEndian) {
            tiff += static_cast<char>(v >> 8);
            tiff += static_cast<char>(v & 0xFF);
        } else {
            tiff += static_cast<char>(v & 0xFF);
            tiff += static_cast<char>(v >> 8);
        }
    };
    auto put32 = [&](std::uint32_t v) {
        if (bigEndian) {
            put16(v >> 16);
            put16(v & 0xFFFF);
        } else {
            put16(v & 0xFFFF);
            put16(v >> 16);
        }
    };
    tiff += bigEndian ? "MM" : "II";
    put16(42);
    put32(8);  // IFD0 right after the header
    put16(1);  // one entry
    put16(274);
    put16(3);  // SHORT
    put32(1);
    put16(static_cast<unsigned>(orientation));
    put16(0);  // value field padding
    put32(0);  // no next IFD
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    std::string segment = "\xFF\xE1";
    const size_t length = payload.size() + 2;
    segment += static_cast<char>(length >> 8);
    segment += static_cast<char>(length & 0xFF);
    segment += payload;
    std::string out = jpeg;
    out.insert(2, segment);
    return out;
}

std::string animatedGif(int width, int height, const std::vector<Rgb>& frameColours) {
    std::string out;
    int error = 0;
    GifFileType* gif = EGifOpen(&out, writeToString, &error);
    if (!gif) throw std::runtime_error("EGifOpen failed");
    std::vector<GifColorType> colours(256, GifColorType{0, 0, 0});
    for (size_t i = 0; i < frameColours.size() && i < 256; ++i)
        colours[i] = GifColorType{frameColours[i].r, frameColours[i].g, frameColours[i].b};
    ColorMapObject* palette = GifMakeMapObject(256, colours.data());
    EGifSetGifVersion(gif, true);
    check(EGifPutScreenDesc(gif, width, height, 8, 0, palette), "screen");
    std::vector<GifPixelType> row(static_cast<size_t>(width));
    for (size_t frame = 0; frame < frameColours.size(); ++frame) {
        const unsigned char control[4] = {0x00, 10, 0, 0};  // no transparency, 0.1 s delay
        check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, control), "control");
        check(EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr), "image");
        std::fill(row.begin(), row.end(), static_cast<GifPixelType>(frame));
        for (int y = 0; y < height; ++y) check(EGifPutLine(gif, row.data(), width), "line");
    }
    GifFreeMapObject(palette);
    check(EGifCloseFile(gif, &error), "close");
    return out;
}

std::string halfTransparentGif(int width, int height, Rgb colour) {
    std::string out;
    int error = 0;
    GifFileType* gif = EGifOpen(&out, writeToString, &error);
    std::vector<GifColorType> colours = {{colour.r, colour.g, colour.b}, {0, 0, 0}};
    ColorMapObject* palette = GifMakeMapObject(2, colours.data());
    EGifSetGifVersion(gif, true);
    check(EGifPutScreenDesc(gif, width, height, 1, 0, palette), "screen");
    const unsigned char control[4] = {0x01, 0, 0, 1};  // transparent colour index 1
    check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, control), "control");
    check(EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr), "image");
    std::vector<GifPixelType> row(static_cast<size_t>(width));
    for (int x = 0; x < width; ++x) row[static_cast<size_t>(x)] = x < width / 2 ? 1 : 0;
    for (int y = 0; y < height; ++y) check(EGifPutLine(gif, row.data(), width), "line");
    GifFreeMapObject(palette);
    check(EGifCloseFile(gif, &error), "close");
    return out;
}

std::string bmp(int width, int height, Rgb colour) {
    return encode(".bmp", bgrFromRgb(width, height, solidPixels(width, height, colour)));
}

std::string ppm(int width, int height, Rgb colour) {
    return encode(".ppm", bgrFromRgb(width, height, solidPixels(width, height, colour)));
}

std::string pngHeaderClaiming(std::uint32_t width, std::uint32_t height) {
    std::string out("\x89PNG\r\n\x1A\n", 8);
    std::string header;
    appendBigEndian32(header, width);
    appendBigEndian32(header, height);
    header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
    appendPngChunk(out, "IHDR", header);
    appendPngChunk(out, "IEND", "");
    return out;
}

void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace tlw::test
