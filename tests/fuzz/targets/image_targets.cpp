// Image files: the header sniffer every scan runs on every file, and the decoders (libjpeg, libpng,
// giflib, OpenCV for BMP/TIFF/WebP/PPM, the TIFF directory and EXIF orientation readers).

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "core/data/image_decoder.h"
#include "core/data/image_header.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

std::string encodedWithOpenCv(const char* extension, int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    cv::randu(image, 0, 255);
    std::vector<unsigned char> bytes;
    cv::imencode(extension, image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

std::vector<std::string> imageSeeds() {
    using namespace tlw::test;
    return {solidPng(5, 3, {10, 200, 30}),
            encodePng(16, 12, quadrantPixels(16, 12)),
            grayscalePng(6, 6, 77),
            rgbaPng(4, 4, {200, 100, 0}, 128),
            rgb16Png(4, 4, 65535, 32896, 1000),
            taggedPng(4, 4, {1, 2, 3}, "tag"),
            encodeJpeg(16, 16, quadrantPixels(16, 16)),
            grayscaleJpeg(16, 16, 77),
            cmykJpeg(8, 8, 255, 0, 0, 255),
            withExifOrientation(encodeJpeg(16, 8, quadrantPixels(16, 8)), 6),
            withExifOrientation(encodeJpeg(16, 8, quadrantPixels(16, 8)), 3, true),
            animatedGif(8, 8, {{1, 2, 3}, {200, 10, 10}}),
            halfTransparentGif(8, 8, {0, 0, 255}),
            bmp(5, 4, {9, 8, 7}),
            ppm(5, 4, {9, 8, 7}),
            encodedWithOpenCv(".tiff", 6, 5),
            encodedWithOpenCv(".webp", 6, 5)};
}

// Small limits: a mutated header claiming a huge image must be refused, not decoded into gigabytes.
tlw::DecodeLimits fuzzLimits() {
    tlw::DecodeLimits limits;
    limits.maxPixels = 1 << 20;
    return limits;
}

}  // namespace

TLW_FUZZ_TARGET(image_header, imageSeeds) { tlw::inspectImageBytes(input, "fuzz", fuzzLimits()); }

TLW_FUZZ_TARGET(image_decoder, imageSeeds) {
    const tlw::RgbImage image = tlw::decodeImageBytes(input, "fuzz", fuzzLimits());
    if (image.pixels.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3)
        throw std::logic_error("decoded pixels do not match the image's size");
}
