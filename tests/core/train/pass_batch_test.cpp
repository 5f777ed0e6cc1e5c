#include "core/train/pass_batch.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

PreprocessOptions square(int side) { return PreprocessOptions{side, side, false}; }

TEST(FrozenPassBatch, Vgg16AtFullSizeInFloat32RunsInHalfBatches) {
    const auto vgg16 = BackboneModule::create(BackboneKind::Vgg16, false);
    const int all = vgg16->layerCount();
    // block1_conv1's and block1_conv2's 224 x 224 x 64 maps, and the float32 pixels twice.
    EXPECT_EQ(frozenPassBytesPerImage(*vgg16, all, square(224), Precision::Float32),
              2 * 224 * 224 * 64 * 4 + 2 * 3 * 224 * 224 * 4);
    EXPECT_EQ(frozenPassBatchSize(*vgg16, all, square(224), Precision::Float32, 32), 16);
    EXPECT_EQ(frozenPassBatchSize(*vgg16, all, square(224), Precision::BFloat16, 32), 32);
    EXPECT_EQ(frozenPassBatchSize(*vgg16, all, square(448), Precision::Float32, 32), 4);
    EXPECT_EQ(frozenPassBatchSize(*vgg16, all, square(224), Precision::Float32, 12), 12);  // fits: as asked
    EXPECT_EQ(frozenPassBatchSize(*vgg16, all, square(2048), Precision::Float32, 32), 1);  // never 0
    EXPECT_EQ(frozenPassBatchSize(*vgg16, all, square(64), Precision::Float32, 0), 1);
}

TEST(FrozenPassBatch, EveryOtherBaseKeepsTheRequestedBatchAtFullSize) {
    for (const BackboneKind kind : allBackbones()) {
        if (kind == BackboneKind::Vgg16) continue;
        const auto module = BackboneModule::create(kind, false);
        EXPECT_EQ(frozenPassBatchSize(*module, module->layerCount(), square(224), Precision::Float32, 32), 32)
            << backboneId(kind);
    }
}

TEST(FrozenPassBatch, OnlyTheLayersUpToTheCutCount) {
    const auto vgg16 = BackboneModule::create(BackboneKind::Vgg16, false);
    // Up to block1_conv1 (cut 2): the input and one 224 x 224 x 64 map.
    EXPECT_EQ(frozenPassBytesPerImage(*vgg16, 2, square(224), Precision::Float32),
              (224 * 224 * 3 + 224 * 224 * 64) * 4 + 2 * 3 * 224 * 224 * 4);
}

}  // namespace
}  // namespace tlw
