#include "core/train/frozen_prefix.h"

#include <gtest/gtest.h>

#include "core/models/freeze_spec.h"

namespace tlw {
namespace {

std::vector<bool> maskFor(const Architecture& architecture, const FreezeSpec& spec) {
    return spec.frozenMask(inferLayerInfos(architecture, architecture.nominalInputSize));
}

int cutFor(BackboneKind kind, const FreezeSpec& spec) {
    const Architecture architecture = backboneArchitecture(kind, false);
    return cacheableCut(architecture, maskFor(architecture, spec),
                        static_cast<int>(architecture.layers.size()));
}

TEST(FrozenPrefix, WholeVgg16BaseFrozenCachesBlock5Pool) {
    EXPECT_EQ(cutFor(BackboneKind::Vgg16, FreezeSpec::all()), 19);
}

TEST(FrozenPrefix, FineTuneAt16CachesTheOutputOfBlock5Conv1) {
    // layers[:16] frozen: block5_conv1 (index 15) is the last frozen layer; block5_conv2 trains.
    EXPECT_EQ(cutFor(BackboneKind::Vgg16, FreezeSpec::firstLayers(16)), 16);
}

TEST(FrozenPrefix, NothingFrozenCachesNothing) {
    EXPECT_EQ(cutFor(BackboneKind::Vgg16, FreezeSpec()), 0);
    // Only the input layer "frozen" is nothing worth caching.
    EXPECT_EQ(cutFor(BackboneKind::Vgg16, FreezeSpec::firstLayers(1)), 0);
}

TEST(FrozenPrefix, WeightlessLayersNeedNoFreezeFlag) {
    // Block 1's convolutions frozen by index, its pooling layer not named: the pool has nothing to train.
    EXPECT_EQ(cutFor(BackboneKind::Vgg16, FreezeSpec::layerIndices({1, 2})), 4);
}

TEST(FrozenPrefix, AFrozenSqueezeNetIncludingDrop9IsCachedWhole) {
    // A frozen Dropout runs in inference mode, so the whole frozen base is fixed.
    EXPECT_EQ(cutFor(BackboneKind::SqueezeNet11, FreezeSpec::all()), 63);
}

TEST(FrozenPrefix, SqueezeNetFineTuningFire8And9CachesFire7) {
    EXPECT_EQ(cutFor(BackboneKind::SqueezeNet11, FreezeSpec::firstLayers(48)), 48);
    // A freeze ending inside fire8's branches (expand1x1 frozen, expand3x3 trains) cannot cut between them:
    // the cache holds the squeeze output both branches read (after fire8/relu_squeeze1x1, index 49).
    EXPECT_EQ(cutFor(BackboneKind::SqueezeNet11, FreezeSpec::firstLayers(51)), 50);
    // Both expand convolutions frozen: the activations and concatenation after them have nothing to
    // train, so the whole of fire8 is fixed.
    EXPECT_EQ(cutFor(BackboneKind::SqueezeNet11, FreezeSpec::firstLayers(52)), 55);
}

TEST(FrozenPrefix, AnUnfrozenDropoutIsNotFixed) {
    const Architecture architecture = backboneArchitecture(BackboneKind::SqueezeNet11, false);
    std::vector<bool> mask = maskFor(architecture, FreezeSpec::all());
    mask[62] = false;  // drop9 trainable (it has no weights, but then it drops at random)
    EXPECT_EQ(cacheableCut(architecture, mask, 63), 62);
}

TEST(FrozenPrefix, AHeadThatAloneTrainsReadsThePooledVector) {
    // SqueezeNet's whole base frozen (cut 63 = backboneEnd) under the pooled head: the cache holds what the
    // head's GlobalAveragePooling2D gives.
    EXPECT_EQ(phaseCachePoint(63, 63, true, false), (CachePoint{63, CachedTensor::Pooled}));
}

TEST(FrozenPrefix, TrainableLayersAugmentationOrNoPoolingKeepTheMap) {
    // Fire8 and fire9 train: they read fire7's map.
    EXPECT_EQ(phaseCachePoint(48, 63, true, false), (CachePoint{48, CachedTensor::LayerOutput}));
    // Augmented validation images are cached as maps, as before.
    EXPECT_EQ(phaseCachePoint(63, 63, true, true), (CachePoint{63, CachedTensor::LayerOutput}));
    // VGG16's ImageNet top: the head's Dense reads fc2's vector, there is no pooling to move past.
    EXPECT_EQ(phaseCachePoint(22, 22, false, false), (CachePoint{22, CachedTensor::LayerOutput}));
}

TEST(FrozenPrefix, RefusalReasonsForTheLog) {
    EXPECT_EQ(cacheRefusalReason(true, false, 19), "");
    EXPECT_NE(cacheRefusalReason(false, false, 19), "");
    EXPECT_NE(cacheRefusalReason(true, true, 19).find("augmentation"), std::string::npos);
    EXPECT_NE(cacheRefusalReason(true, false, 0), "");
    EXPECT_EQ(cacheRefusalOf(true, false, 19), CacheRefusal::None);
    EXPECT_EQ(cacheRefusalOf(false, true, 0), CacheRefusal::TurnedOff);
    EXPECT_EQ(cacheRefusalOf(true, true, 0), CacheRefusal::NothingFrozen);
    EXPECT_EQ(cacheRefusalOf(true, true, 19), CacheRefusal::Augmenting);
}

}  // namespace
}  // namespace tlw
