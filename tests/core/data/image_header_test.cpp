#include "core/data/image_header.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"

namespace tlw {
namespace {

std::string encodeWithOpenCv(const char* extension, int width, int height, std::vector<int> parameters = {}) {
    std::vector<std::uint8_t> bytes;
    const int type = std::string(extension) == ".pgm" ? CV_8UC1 : CV_8UC3;
    EXPECT_TRUE(
        cv::imencode(extension, cv::Mat(height, width, type, cv::Scalar(1, 2, 3)), bytes, parameters));
    return std::string(bytes.begin(), bytes.end());
}

std::string reasonOf(std::string_view bytes) {
    try {
        readImageHeader(bytes, "f");
    } catch (const Error& e) {
        return e.reason();
    }
    return "no error";
}

TEST(ImageHeader, ReadsFormatAndSizeOfEverySupportedFormat) {
    struct Case {
        std::string bytes;
        ImageFormat format;
    };
    const std::vector<Case> cases = {
        {test::solidJpeg(37, 21, {}), ImageFormat::Jpeg},
        {test::solidPng(37, 21, {}), ImageFormat::Png},
        {test::animatedGif(37, 21, {{1, 2, 3}}), ImageFormat::Gif},
        {test::bmp(37, 21, {}), ImageFormat::Bmp},
        {test::ppm(37, 21, {}), ImageFormat::Pnm},
        {encodeWithOpenCv(".pgm", 37, 21), ImageFormat::Pnm},
        {encodeWithOpenCv(".webp", 37, 21, {cv::IMWRITE_WEBP_QUALITY, 80}), ImageFormat::Webp},  // lossy VP8
        {encodeWithOpenCv(".webp", 37, 21, {cv::IMWRITE_WEBP_QUALITY, 101}),
         ImageFormat::Webp},  // lossless VP8L
        {encodeWithOpenCv(".tiff", 37, 21), ImageFormat::Tiff},
    };
    for (const Case& c : cases) {
        const ImageHeader header = readImageHeader(c.bytes, "x");
        EXPECT_EQ(header.format, c.format) << imageFormatName(c.format);
        EXPECT_EQ(header.width, 37) << imageFormatName(c.format);
        EXPECT_EQ(header.height, 21) << imageFormatName(c.format);
    }
}

TEST(ImageHeader, SniffsTheContentNotTheName) {
    EXPECT_EQ(sniffImageFormat(test::solidPng(4, 4, {})), ImageFormat::Png);
    EXPECT_EQ(sniffImageFormat("hello"), ImageFormat::Unknown);
    EXPECT_EQ(sniffImageFormat(""), ImageFormat::Unknown);
}

TEST(ImageHeader, ExplainsWhatANonImageIs) {
    EXPECT_EQ(reasonOf(""), "empty file (0 bytes)");
    EXPECT_EQ(reasonOf("just some notes\nabout ants\n"), "not an image (text file)");
    EXPECT_EQ(reasonOf("<!DOCTYPE html><html><body>404</body></html>"),
              "not an image (HTML page, perhaps a failed download)");
    EXPECT_EQ(reasonOf("%PDF-1.7\n\x01\x02"), "not an image (PDF document)");
    EXPECT_EQ(reasonOf(std::string("\0\0\0\x18"
                                   "ftypheic\0\0\0\0",
                                   16)),
              "HEIC/HEIF image: not supported (convert it to JPEG or PNG)");
    EXPECT_EQ(reasonOf(std::string("\0\0\0\x0CjP  \r\n\x87\n", 12)),
              "JPEG 2000 image: not supported (convert it to JPEG or PNG)");
    EXPECT_EQ(reasonOf(std::string("\x01\x02\x03\x04\x00", 5)),
              "not an image (unknown format, starts with bytes 01 02 03 04)");
}

TEST(ImageHeader, HeaderCutShortIsTruncated) {
    const std::string png = test::solidPng(8, 8, {});
    EXPECT_EQ(reasonOf(png.substr(0, 12)), "truncated PNG (header cut short at 12 bytes)");
    const std::string jpeg = test::solidJpeg(8, 8, {});
    EXPECT_EQ(reasonOf(jpeg.substr(0, 30)), "truncated JPEG (ends before its frame header)");
}

TEST(ImageHeader, PixelLimitRefusesABombFromItsHeaderAlone) {
    const std::string bomb = test::pngHeaderClaiming(50000, 50000);
    const ImageHeader header = readImageHeader(bomb, "bomb.png");
    EXPECT_EQ(header.width, 50000);
    try {
        checkPixelLimit(header, DecodeLimits{}, "bomb.png");
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "bomb.png: image is 50000x50000 = 2.5 gigapixels, over the limit of 100 megapixels "
                     "(decompression-bomb guard)");
    }
    EXPECT_NO_THROW(checkPixelLimit({ImageFormat::Png, 10000, 10000}, DecodeLimits{}, "ok.png"));
    EXPECT_THROW(checkPixelLimit({ImageFormat::Png, 10, 11}, DecodeLimits{100}, "small limit.png"), Error);
}

TEST(ImageHeader, JpegEndOfImageMarkerIsFoundOnlyAfterTheScan) {
    const std::string jpeg = test::solidJpeg(16, 16, {10, 20, 30});
    EXPECT_TRUE(jpegHasEndOfImage(jpeg));
    EXPECT_FALSE(jpegHasEndOfImage(jpeg.substr(0, jpeg.size() - 2)));
    EXPECT_FALSE(jpegHasEndOfImage(jpeg.substr(0, jpeg.size() / 2)));
    // An end marker inside a segment before the scan (as in an EXIF thumbnail) does not count.
    std::string withThumbnail = test::withExifOrientation(jpeg, 1);
    withThumbnail.insert(2, std::string("\xFF\xFE\x00\x06\xFF\xD9\xFF\xD9", 8));  // COM segment holding FF D9
    EXPECT_TRUE(jpegHasEndOfImage(withThumbnail));
    EXPECT_FALSE(jpegHasEndOfImage(withThumbnail.substr(0, withThumbnail.size() - 2)));
}

TEST(ImageHeader, InspectCatchesTruncatedJpegWithoutDecoding) {
    const std::string jpeg = test::solidJpeg(16, 16, {});
    EXPECT_EQ(inspectImageBytes(jpeg, "a.jpg").width, 16);
    try {
        inspectImageBytes(jpeg.substr(0, jpeg.size() - 40), "cut.jpg");
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_EQ(e.reason(), "truncated JPEG (data ends before the end-of-image marker)");
    }
}

TEST(ImageHeader, PngMustRunToItsEndChunk) {
    const std::string png = test::solidPng(16, 16, {});
    EXPECT_TRUE(pngChunksComplete(png));
    EXPECT_FALSE(pngChunksComplete(png.substr(0, png.size() - 1)));
    EXPECT_FALSE(pngChunksComplete(png.substr(0, 40)));
    EXPECT_THROW(inspectImageBytes(png.substr(0, png.size() - 12), "cut.png"), Error);
}

TEST(ImageHeader, DescribesPixelCounts) {
    EXPECT_EQ(describePixelCount(2'500'000'000), "2.5 gigapixels");
    EXPECT_EQ(describePixelCount(100'000'000), "100 megapixels");
    EXPECT_EQ(describePixelCount(12'345'678), "12.3 megapixels");
}

}  // namespace
}  // namespace tlw
