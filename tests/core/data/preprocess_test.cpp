#include "core/data/preprocess.h"

#include <gtest/gtest.h>

#include "core/util/error.h"

namespace tlw {
namespace {

// A width x height image whose red channel holds the given values (row-major); green and blue zero.
RgbImage redRamp(int width, int height, const std::vector<std::uint8_t>& red) {
    RgbImage image;
    image.width = width;
    image.height = height;
    image.pixels.assign(static_cast<size_t>(width * height) * 3, 0);
    for (size_t i = 0; i < red.size(); ++i) image.pixels[3 * i] = red[i];
    return image;
}

std::vector<float> redChannel(const FloatImage& image) {
    std::vector<float> red;
    for (size_t i = 0; i < image.pixels.size(); i += 3) red.push_back(image.pixels[i]);
    return red;
}

TEST(Preprocess, KnownPixelGivesKerasCaffeValues) {
    // keras.applications.vgg16.preprocess_input(np.array([[[[255., 128., 0.]]]]))
    // == [[[[-103.939, 11.221, 131.32]]]] (BGR order, channels last).
    RgbImage pixel;
    pixel.width = pixel.height = 1;
    pixel.pixels = {255, 128, 0};
    const std::vector<float> chw = preprocessImage(pixel, PreprocessOptions{1, 1, false});
    ASSERT_EQ(chw.size(), 3u);
    EXPECT_FLOAT_EQ(chw[0], -103.939f);  // B
    EXPECT_FLOAT_EQ(chw[1], 11.221f);    // G
    EXPECT_FLOAT_EQ(chw[2], 131.32f);    // R
}

TEST(Preprocess, ChwPlanesAreBlueGreenRed) {
    RgbImage image;
    image.width = 2;
    image.height = 1;
    image.pixels = {10, 20, 30, 40, 50, 60};
    const std::vector<float> chw = preprocessImage(image, PreprocessOptions{2, 1, false});
    const std::vector<float> expected = {30 - 103.939f, 60 - 103.939f, 20 - 116.779f,
                                         50 - 116.779f, 10 - 123.68f,  40 - 123.68f};
    ASSERT_EQ(chw.size(), expected.size());
    for (size_t i = 0; i < chw.size(); ++i) EXPECT_FLOAT_EQ(chw[i], expected[i]) << i;
}

TEST(Preprocess, UpscaleMatchesTensorFlowHalfPixelBilinear) {
    // tf.image.resize([[[0], [255]]] as 1x2, (1, 4)) == [0, 63.75, 191.25, 255]
    const FloatImage resized = resizeBilinear(redRamp(2, 1, {0, 255}), 4, 1);
    EXPECT_EQ(redChannel(resized), (std::vector<float>{0.f, 63.75f, 191.25f, 255.f}));
}

TEST(Preprocess, DownscaleHasNoAntialiasAndNoRounding) {
    // Half-pixel centres: output pixel 0 samples input 0.5, pixel 1 samples 2.5 (no box filter).
    EXPECT_EQ(redChannel(resizeBilinear(redRamp(4, 1, {0, 10, 20, 30}), 2, 1)),
              (std::vector<float>{5.f, 25.f}));
    // Keras resizes in float32: 0.25 and 0.75 stay fractions instead of rounding to 8 bits.
    EXPECT_EQ(redChannel(resizeBilinear(redRamp(2, 1, {0, 1}), 4, 1)),
              (std::vector<float>{0.f, .25f, .75f, 1.f}));
    // 8 -> 2 samples inputs 1.5 and 5.5 only: inputs 0, 3, 4 and 7 do not contribute at all.
    EXPECT_EQ(redChannel(resizeBilinear(redRamp(8, 1, {100, 10, 20, 100, 100, 30, 40, 100}), 2, 1)),
              (std::vector<float>{15.f, 35.f}));
}

TEST(Preprocess, ResizesBothAxes) {
    // 2x2 -> 4x4: the inner four pixels are blends of all four corners.
    const FloatImage resized = resizeBilinear(redRamp(2, 2, {0, 100, 100, 200}), 4, 4);
    ASSERT_EQ(resized.width, 4);
    ASSERT_EQ(resized.height, 4);
    const std::vector<float> red = redChannel(resized);
    EXPECT_FLOAT_EQ(red[0], 0.f);
    EXPECT_FLOAT_EQ(red[5], 50.f);   // (1,1): lerp .25 both ways
    EXPECT_FLOAT_EQ(red[6], 100.f);  // (2,1): x .75, y .25
    EXPECT_FLOAT_EQ(red[15], 200.f);
}

TEST(Preprocess, CropBoxIsKerasSmartResizeBox) {
    auto same = [](CropBox a, CropBox b) {
        return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
    };
    EXPECT_TRUE(same(centredCropForAspectRatio(300, 200, 224, 224), CropBox{50, 0, 200, 200}));
    EXPECT_TRUE(same(centredCropForAspectRatio(64, 64, 100, 50), CropBox{0, 16, 64, 32}));
    EXPECT_TRUE(same(centredCropForAspectRatio(65, 64, 224, 224), CropBox{0, 0, 64, 64}));  // int(1 / 2) = 0
    EXPECT_TRUE(same(centredCropForAspectRatio(224, 224, 224, 224), CropBox{0, 0, 224, 224}));
}

TEST(Preprocess, CropToAspectRatioResizesOnlyTheCentre) {
    // 4x2 image: red 0 in the outer columns, 200 in the two centre columns. A 1:1 crop keeps the centre.
    const RgbImage image = redRamp(4, 2, {0, 200, 200, 0, 0, 200, 200, 0});
    const std::vector<float> cropped = preprocessImage(image, PreprocessOptions{2, 2, true});
    for (size_t i = 8; i < 12; ++i) EXPECT_FLOAT_EQ(cropped[i], 200.f - 123.68f) << i;  // red plane
    const std::vector<float> squashed = preprocessImage(image, PreprocessOptions{2, 2, false});
    EXPECT_FLOAT_EQ(squashed[8], 100.f - 123.68f);
}

TEST(Preprocess, RejectsEmptyImagesAndSizes) {
    EXPECT_THROW(resizeBilinear(RgbImage{}, 4, 4), Error);
    EXPECT_THROW(resizeBilinear(redRamp(2, 2, {}), 0, 4), Error);
}

}  // namespace
}  // namespace tlw
