#include "core/train/augmentation.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

namespace tlw {
namespace {

torch::Tensor rampBatch(int64_t count, int64_t height, int64_t width) {
    // Values that differ along x, so that a mirror shows.
    return torch::arange(width, torch::kFloat32)
               .view({1, 1, 1, width})
               .expand({count, 3, height, width})
               .clone() -
           50;
}

TEST(BatchAugmenter, InactiveWithoutSettings) {
    const BatchAugmenter augmenter(AugmentationSettings{});
    EXPECT_FALSE(augmenter.active());
}

TEST(BatchAugmenter, FlipMirrorsSomeImagesExactlyAndLeavesTheOthers) {
    AugmentationSettings settings;
    settings.horizontalFlip = true;
    const BatchAugmenter augmenter(settings);
    const torch::Tensor batch = rampBatch(16, 4, 8);
    std::mt19937_64 random(3);
    const torch::Tensor out = augmenter.apply(batch, random);
    int mirrored = 0;
    for (int64_t i = 0; i < 16; ++i) {
        if (torch::equal(out[i], batch[i])) continue;
        EXPECT_TRUE(torch::equal(out[i], batch[i].flip({2})));
        ++mirrored;
    }
    EXPECT_GT(mirrored, 0);
    EXPECT_LT(mirrored, 16);
}

TEST(BatchAugmenter, SameGeneratorStateSameResult) {
    const BatchAugmenter augmenter(
        parseAugmentation("flip,rotation=0.2,zoom=0.1,translation=0.1,contrast=0.3"));
    const torch::Tensor batch = torch::randn({4, 3, 16, 16}) * 50;
    std::mt19937_64 first(9);
    std::mt19937_64 second(9);
    EXPECT_TRUE(torch::equal(augmenter.apply(batch, first), augmenter.apply(batch, second)));
    std::mt19937_64 other(10);
    EXPECT_FALSE(torch::equal(augmenter.apply(batch, first), augmenter.apply(batch, other)));
}

TEST(BatchAugmenter, ReflectFillKeepsAUniformImageUniform) {
    // Rotating, zooming out and shifting a one-colour image must not bring in a border colour.
    const BatchAugmenter augmenter(parseAugmentation("rotation=0.25,zoom=0.5,translation=0.3"));
    const torch::Tensor batch = torch::full({3, 3, 20, 12}, 17.0f);
    std::mt19937_64 random(1);
    const torch::Tensor out = augmenter.apply(batch, random);
    EXPECT_EQ(out.sizes(), batch.sizes());
    EXPECT_TRUE(torch::allclose(out, batch, 1e-4, 1e-4));
}

TEST(BatchAugmenter, RotationMovesPixels) {
    const BatchAugmenter augmenter(parseAugmentation("rotation=0.2"));
    const torch::Tensor batch = rampBatch(2, 16, 16);
    std::mt19937_64 random(5);
    const torch::Tensor out = augmenter.apply(batch, random);
    EXPECT_GT((out - batch).abs().max().item<float>(), 1.0f);
}

TEST(BatchAugmenter, ContrastStaysInsideThePixelRange) {
    const BatchAugmenter augmenter(parseAugmentation("contrast=0.9"));
    // Caffe-preprocessed values of pixels 0 and 255 (per BGR channel).
    const torch::Tensor means = torch::tensor({103.939f, 116.779f, 123.68f}).view({1, 3, 1, 1});
    torch::Tensor pixels = torch::zeros({8, 3, 4, 4});
    pixels.index_put_({torch::indexing::Slice(), torch::indexing::Slice(), 0}, 255.0f);
    const torch::Tensor batch = pixels - means;
    std::mt19937_64 random(2);
    const torch::Tensor out = augmenter.apply(batch, random) + means;
    EXPECT_GE(out.min().item<float>(), -1e-3f);
    EXPECT_LE(out.max().item<float>(), 255.0f + 1e-3f);
    EXPECT_FALSE(torch::allclose(out, pixels));
}

}  // namespace
}  // namespace tlw
