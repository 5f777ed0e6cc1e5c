#include "core/data/image_decoder.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <opencv2/imgcodecs.hpp>

#include "core/data/png_decoder.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

using test::Rgb;

::testing::AssertionResult pixelNear(const RgbImage& image, int x, int y, Rgb expected, int tolerance = 0) {
    const std::uint8_t* p = image.pixel(x, y);
    if (std::abs(p[0] - expected.r) <= tolerance && std::abs(p[1] - expected.g) <= tolerance &&
        std::abs(p[2] - expected.b) <= tolerance)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "pixel (" << x << ", " << y << ") is (" << int(p[0]) << ", " << int(p[1]) << ", " << int(p[2])
           << "), expected (" << int(expected.r) << ", " << int(expected.g) << ", " << int(expected.b)
           << ") +- " << tolerance;
}

std::string decodeError(std::string_view bytes, const DecodeLimits& limits = {}) {
    try {
        decodeImageBytes(bytes, "file", limits);
    } catch (const Error& e) {
        return e.reason();
    }
    return "no error";
}

TEST(ImageDecoder, PngNamedJpgDecodesAsPng) {
    test::TempDir dir;
    test::writeBytes(dir / "really a png.jpg", test::solidPng(5, 3, {10, 200, 30}));
    const RgbImage image = decodeImageFile(dir / "really a png.jpg");
    ASSERT_EQ(image.width, 5);
    ASSERT_EQ(image.height, 3);
    EXPECT_EQ(image.pixels.size(), 5u * 3u * 3u);
    EXPECT_TRUE(pixelNear(image, 4, 2, {10, 200, 30}));
}

TEST(ImageDecoder, ReadsCjkPathWithSpaces) {
    test::TempDir dir;
    const auto file = dir / "秦 印" / "上1 2.18.03 PM.png";
    test::writeBytes(file, test::solidPng(4, 4, {1, 2, 3}));
    EXPECT_TRUE(pixelNear(decodeImageFile(file), 0, 0, {1, 2, 3}));
}

TEST(ImageDecoder, GrayscaleBecomesThreeEqualChannels) {
    EXPECT_TRUE(pixelNear(decodeImageBytes(test::grayscalePng(6, 6, 77), "g.png"), 3, 3, {77, 77, 77}));
    EXPECT_TRUE(pixelNear(decodeImageBytes(test::grayscaleJpeg(16, 16, 77), "g.jpg"), 3, 3, {77, 77, 77}, 1));
}

TEST(ImageDecoder, AlphaIsCompositedOnWhite) {
    EXPECT_TRUE(
        pixelNear(decodeImageBytes(test::rgbaPng(4, 4, {200, 100, 0}, 255), "a.png"), 1, 1, {200, 100, 0}));
    EXPECT_TRUE(
        pixelNear(decodeImageBytes(test::rgbaPng(4, 4, {200, 100, 0}, 0), "a.png"), 1, 1, {255, 255, 255}));
    // 200 * 128/255 + 255 * 127/255 = 227.4; 100 -> 177.2; 0 -> 127.0
    EXPECT_TRUE(
        pixelNear(decodeImageBytes(test::rgbaPng(4, 4, {200, 100, 0}, 128), "a.png"), 1, 1, {227, 177, 127}));
}

TEST(ImageDecoder, SixteenBitSamplesAreScaledToEightBits) {
    const RgbImage image = decodeImageBytes(test::rgb16Png(4, 4, 65535, 32896, 1000), "deep.png");
    EXPECT_TRUE(pixelNear(image, 2, 2, {255, 128, 4}));  // v * 255 / 65535, rounded
}

TEST(ImageDecoder, CmykJpegIsConvertedToRgb) {
    // Adobe-inverted CMYK: C'=255 (no cyan), M'=Y'=0 (full), K'=255 (no black) is red.
    EXPECT_TRUE(
        pixelNear(decodeImageBytes(test::cmykJpeg(16, 16, 255, 0, 0, 255), "red.jpg"), 8, 8, {255, 0, 0}, 3));
    // No colour ink, half black: mid grey.
    EXPECT_TRUE(pixelNear(decodeImageBytes(test::cmykJpeg(16, 16, 255, 255, 255, 128), "grey.jpg"), 8, 8,
                          {128, 128, 128}, 3));
}

class ExifOrientation : public ::testing::TestWithParam<bool> {};

TEST_P(ExifOrientation, IsAppliedAsCamerasMeanIt) {
    const bool bigEndian = GetParam();
    const std::string jpeg = test::encodeJpeg(32, 16, test::quadrantPixels(32, 16), 100);
    struct Case {
        int orientation;
        Rgb topLeft, topRight, bottomLeft, bottomRight;
    };
    const Case cases[] = {
        {1, test::kTopLeft, test::kTopRight, test::kBottomLeft, test::kBottomRight},
        {2, test::kTopRight, test::kTopLeft, test::kBottomRight, test::kBottomLeft},
        {3, test::kBottomRight, test::kBottomLeft, test::kTopRight, test::kTopLeft},
        {4, test::kBottomLeft, test::kBottomRight, test::kTopLeft, test::kTopRight},
        {5, test::kTopLeft, test::kBottomLeft, test::kTopRight, test::kBottomRight},
        {6, test::kBottomLeft, test::kTopLeft, test::kBottomRight, test::kTopRight},  // turn 90 clockwise
        {7, test::kBottomRight, test::kTopRight, test::kBottomLeft, test::kTopLeft},
        {8, test::kTopRight, test::kBottomRight, test::kTopLeft, test::kBottomLeft},  // 90 counter-clockwise
    };
    for (const Case& c : cases) {
        SCOPED_TRACE("orientation " + std::to_string(c.orientation));
        const RgbImage image =
            decodeImageBytes(test::withExifOrientation(jpeg, c.orientation, bigEndian), "exif.jpg");
        const bool sideways = c.orientation >= 5;
        ASSERT_EQ(image.width, sideways ? 16 : 32);
        ASSERT_EQ(image.height, sideways ? 32 : 16);
        const int right = image.width - 2, bottom = image.height - 2;
        EXPECT_TRUE(pixelNear(image, 1, 1, c.topLeft, 12));
        EXPECT_TRUE(pixelNear(image, right, 1, c.topRight, 12));
        EXPECT_TRUE(pixelNear(image, 1, bottom, c.bottomLeft, 12));
        EXPECT_TRUE(pixelNear(image, right, bottom, c.bottomRight, 12));
    }
}

INSTANTIATE_TEST_SUITE_P(ByteOrders, ExifOrientation, ::testing::Values(false, true));

TEST(ImageDecoder, AnimatedGifGivesItsFirstFrame) {
    const std::string gif = test::animatedGif(6, 5, {{0, 128, 255}, {255, 0, 0}, {0, 255, 0}});
    const RgbImage image = decodeImageBytes(gif, "anim.gif");
    ASSERT_EQ(image.width, 6);
    ASSERT_EQ(image.height, 5);
    EXPECT_TRUE(pixelNear(image, 5, 4, {0, 128, 255}));
}

TEST(ImageDecoder, GifTransparencyIsWhite) {
    const RgbImage image = decodeImageBytes(test::halfTransparentGif(8, 2, {9, 8, 7}), "t.gif");
    EXPECT_TRUE(pixelNear(image, 0, 0, {255, 255, 255}));
    EXPECT_TRUE(pixelNear(image, 7, 1, {9, 8, 7}));
}

TEST(ImageDecoder, BmpAndPpmDecode) {
    EXPECT_TRUE(pixelNear(decodeImageBytes(test::bmp(3, 2, {1, 2, 3}), "a.bmp"), 2, 1, {1, 2, 3}));
    EXPECT_TRUE(pixelNear(decodeImageBytes(test::ppm(3, 2, {4, 5, 6}), "a.ppm"), 2, 1, {4, 5, 6}));
}

TEST(ImageDecoder, TruncatedJpegIsAnErrorNotAGreyImage) {
    const std::string jpeg = test::encodeJpeg(64, 64, test::quadrantPixels(64, 64), 90);
    EXPECT_EQ(decodeError(jpeg.substr(0, jpeg.size() / 2)),
              "truncated JPEG (data ends before the end-of-image marker)");
    // Only the end-of-image marker missing: TensorFlow rejects this too.
    EXPECT_EQ(decodeError(jpeg.substr(0, jpeg.size() - 2)),
              "truncated JPEG (data ends before the end-of-image marker)");
}

TEST(ImageDecoder, CorruptJpegIsAnError) {
    std::string jpeg = test::solidJpeg(16, 16, {1, 2, 3});
    // Overwrite the quantisation-table segment's marker with an invalid one.
    const size_t dqt = jpeg.find("\xFF\xDB");
    ASSERT_NE(dqt, std::string::npos);
    jpeg[dqt + 1] = '\x02';
    EXPECT_NE(decodeError(jpeg).find("corrupt JPEG"), std::string::npos) << decodeError(jpeg);
}

TEST(ImageDecoder, TruncatedPngAndGifAreErrors) {
    const std::string png = test::encodePng(64, 64, test::quadrantPixels(64, 64));
    EXPECT_EQ(decodeError(png.substr(0, png.size() / 2)), "truncated PNG (data ends before the IEND chunk)");
    const std::string gif = test::animatedGif(64, 64, {{1, 2, 3}});
    EXPECT_EQ(decodeError(gif.substr(0, gif.size() / 2)),
              "truncated GIF (data ends before the first frame is complete)");
}

// The byte `offset` bytes into the data of the PNG's first chunk of `type`.
size_t pngChunkData(const std::string& png, const char* type, size_t offset) {
    const size_t chunk = png.find(type);
    EXPECT_NE(chunk, std::string::npos) << type;
    return chunk + 4 + offset;
}

// The chunk's CRC-32 over type and data, recomputed after a deliberate change to its data.
void resealPngChunk(std::string& png, const char* type) {
    const size_t chunk = png.find(type);
    const auto byteAt = [&](size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(png[i]));
    };
    const std::uint32_t length =
        byteAt(chunk - 4) << 24 | byteAt(chunk - 3) << 16 | byteAt(chunk - 2) << 8 | byteAt(chunk - 1);
    std::uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = chunk; i < chunk + 4 + length; ++i) {
        crc ^= byteAt(i);
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xFFFFFFFFu;
    for (int i = 0; i < 4; ++i)
        png[chunk + 4 + length + static_cast<size_t>(i)] = static_cast<char>(crc >> (24 - 8 * i));
}

// libpng's own handlers printed "libpng error: IDAT: CRC error" on stderr and the reason said nothing of
// a CRC (issue 18).
TEST(ImageDecoder, ADamagedPngChunkIsNamedACrcErrorAndNothingReachesStderr) {
    std::string png = test::encodePng(32, 32, test::quadrantPixels(32, 32));
    png[pngChunkData(png, "IDAT", 3)] ^= 0x40;
    ::testing::internal::CaptureStderr();
    const std::string reason = decodeError(png);
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(reason,
              "corrupt PNG: CRC error in the IDAT chunk (its checksum does not match: the file is "
              "damaged)");
    EXPECT_EQ(printed, "");
}

TEST(ImageDecoder, ACorruptPngStreamWithAGoodCrcGetsLibpngsReasonAndNothingOnStderr) {
    std::string png = test::encodePng(32, 32, test::quadrantPixels(32, 32));
    png[pngChunkData(png, "IDAT", 0)] = '\x00';  // the zlib header's method byte
    resealPngChunk(png, "IDAT");
    ::testing::internal::CaptureStderr();
    const std::string reason = decodeError(png);
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(reason.rfind("corrupt PNG (", 0), 0u) << reason;
    EXPECT_EQ(printed, "");
}

// OpenCV's imdecode printed "imdecode_(''): can't read data: OpenCV(4.6.0) ... Unexpected end of input stream"
// on stderr for every damaged BMP, PPM, TIFF or WebP the decoders threw on (issue 18).
TEST(ImageDecoder, OpenCvsComplaintsBecomeTheReasonNotStderrLines) {
    std::string bmp = test::bmp(16, 16, {9, 8, 7});
    bmp.resize(bmp.size() - 40);
    ::testing::internal::CaptureStderr();
    const std::string reason = decodeError(bmp);
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(reason, "corrupt BMP data (the decoder rejected it: Unexpected end of input stream)");
    EXPECT_EQ(printed, "");
}

// The PNG decoder replaced cv::imdecode for PNGs: everything after it expects OpenCV's layout and values.
TEST(ImageDecoder, PngSamplesAreThoseOpenCvGives) {
    const std::vector<std::string> pngs = {
        test::encodePng(7, 5, test::quadrantPixels(7, 5)), test::grayscalePng(6, 3, 77),
        test::rgbaPng(4, 4, {200, 100, 0}, 128), test::rgb16Png(3, 2, 65535, 32896, 1000),
        test::taggedPng(2, 2, {1, 2, 3}, "tag")};
    for (const std::string& png : pngs) {
        const cv::Mat ours = decodePngSamples(png, "p.png");
        const cv::Mat buffer(1, static_cast<int>(png.size()), CV_8U, const_cast<char*>(png.data()));
        const cv::Mat theirs = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
        ASSERT_EQ(ours.type(), theirs.type());
        ASSERT_EQ(ours.size(), theirs.size());
        EXPECT_EQ(cv::norm(ours, theirs, cv::NORM_INF), 0.0);
    }
}

TEST(ImageDecoder, BadInputGetsAReasonNamingTheFile) {
    EXPECT_EQ(decodeError(""), "empty file (0 bytes)");
    EXPECT_EQ(decodeError("plain text\n"), "not an image (text file)");
    EXPECT_NE(decodeError(test::pngHeaderClaiming(50000, 50000)).find("decompression-bomb guard"),
              std::string::npos);
    test::TempDir dir;
    test::writeBytes(dir / "notes.png", "plain text\n");
    try {
        decodeImageFile(dir / "notes.png");
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), (dir / "notes.png").string() + ": not an image (text file)");
    }
    EXPECT_THROW(decodeImageFile(dir / "missing.png"), Error);
}

TEST(ImageDecoder, JpegCanDecodeAtReducedScaleWhenAllowed) {
    const std::string jpeg = test::encodeJpeg(64, 48, test::quadrantPixels(64, 48), 95);
    DecodeOptions options;
    EXPECT_EQ(decodeImageBytes(jpeg, "a.jpg", options).width, 64);
    options.minWidth = 16;
    options.minHeight = 12;
    const RgbImage quarter = decodeImageBytes(jpeg, "a.jpg", options);
    EXPECT_EQ(quarter.width, 16);
    EXPECT_EQ(quarter.height, 12);
    EXPECT_TRUE(pixelNear(quarter, 1, 1, test::kTopLeft, 12));
    options.minWidth = 17;
    EXPECT_EQ(decodeImageBytes(jpeg, "a.jpg", options).width, 32);
    options.minWidth = 65;
    EXPECT_EQ(decodeImageBytes(jpeg, "a.jpg", options).width, 64);
}

}  // namespace
}  // namespace tlw
