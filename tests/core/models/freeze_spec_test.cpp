#include "core/models/freeze_spec.h"

#include <gtest/gtest.h>

#include "core/models/backbone.h"
#include "core/util/error.h"

namespace tlw {
namespace {

std::vector<LayerInfo> vgg16Base() { return describeBackbone(BackboneKind::Vgg16, {224, 224}, false); }

TEST(FreezeSpec, FineTuneAt16LeavesBlock5Conv2AndConv3Trainable) {
    std::vector<LayerInfo> layers = vgg16Base();
    applyFreeze(FreezeSpec::firstLayers(16), layers);
    for (int i = 0; i < 16; ++i) EXPECT_FALSE(layers[static_cast<size_t>(i)].trainable) << i;
    for (int i = 16; i < 19; ++i) EXPECT_TRUE(layers[static_cast<size_t>(i)].trainable) << i;
    EXPECT_EQ(paramTotals(layers).trainable, 4719616);
}

TEST(FreezeSpec, FineTuneAtFollowsPythonSlices) {
    std::vector<LayerInfo> layers = vgg16Base();
    applyFreeze(FreezeSpec::firstLayers(19), layers);  // VGG16's base has layers 0 to 18
    EXPECT_EQ(paramTotals(layers).trainable, 0);
    applyFreeze(FreezeSpec::firstLayers(-4), layers);  // layers[:-4]: the last four stay trainable
    EXPECT_FALSE(layers[14].trainable);
    EXPECT_TRUE(layers[15].trainable);
    applyFreeze(FreezeSpec::firstLayers(0), layers);
    EXPECT_EQ(paramTotals(layers).nonTrainable, 0);
}

TEST(FreezeSpec, AnIndexPastTheLastLayerIsAnErrorNamingTheRange) {
    std::vector<LayerInfo> layers = vgg16Base();
    for (const int k : {20, 999, -20}) {
        try {
            applyFreeze(FreezeSpec::firstLayers(k), layers);
            ADD_FAILURE() << "layers[:" << k << "] was accepted";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("layers 0 to 18"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("layers[:" + std::to_string(k) + "]"), std::string::npos);
        }
    }
    applyFreeze(FreezeSpec::firstLayers(-19), layers);  // layers[:-19] of 19: nothing
    EXPECT_EQ(paramTotals(layers).nonTrainable, 0);
}

TEST(FreezeSpec, ByGroupFreezesWholeBlocksAndFireModules) {
    std::vector<LayerInfo> layers = vgg16Base();
    applyFreeze(FreezeSpec::names({"block1", "block2", "block3", "block4"}), layers);
    EXPECT_EQ(paramTotals(layers).trainable, 3 * 2359808);

    std::vector<LayerInfo> squeeze = describeBackbone(BackboneKind::SqueezeNet11, {224, 224}, false);
    applyFreeze(FreezeSpec::parseList("conv1,fire2,fire3,fire4,fire5,fire6,fire7"), squeeze);
    int64_t fire89 = 0;
    for (const LayerInfo& layer : squeeze)
        if (layer.group == "fire8" || layer.group == "fire9") fire89 += layer.params;
    EXPECT_EQ(paramTotals(squeeze).trainable, fire89);
    EXPECT_TRUE(squeeze[61].trainable);   // fire9/concat
    EXPECT_FALSE(squeeze[33].trainable);  // pool5 goes with fire5
    EXPECT_EQ(layerGroups(squeeze), (std::vector<std::string>{"input", "conv1", "fire2", "fire3", "fire4",
                                                              "fire5", "fire6", "fire7", "fire8", "fire9"}));
}

TEST(FreezeSpec, ParsesIndicesRangesAndLayerNames) {
    std::vector<LayerInfo> layers = vgg16Base();
    applyFreeze(FreezeSpec::parseList("0-2, 5,block5_conv3"), layers);
    const std::vector<bool> expected = {false, false, false, true, true, false, true, true,  true, true,
                                        true,  true,  true,  true, true, true,  true, false, true};
    for (size_t i = 0; i < layers.size(); ++i) EXPECT_EQ(layers[i].trainable, expected[i]) << i;
}

TEST(FreezeSpec, UnknownNamesAndIndicesAreErrors) {
    std::vector<LayerInfo> layers = vgg16Base();
    EXPECT_THROW(applyFreeze(FreezeSpec::layerIndices({19}), layers), Error);
    EXPECT_THROW(applyFreeze(FreezeSpec::names({"block6"}), layers), Error);
    EXPECT_THROW(FreezeSpec::parseList("1,,2"), Error);
    EXPECT_THROW(FreezeSpec::parseList("7-3"), Error);
    try {
        applyFreeze(FreezeSpec::names({"fire2"}), layers);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("block5"), std::string::npos) << e.what();
    }
}

TEST(FreezeSpec, DescribesItselfAndDefaultsToNothingFrozen) {
    EXPECT_TRUE(FreezeSpec().freezesNothing());
    EXPECT_EQ(FreezeSpec().describe(), "none");
    EXPECT_EQ(FreezeSpec::firstLayers(16).describe(), "layers[:16]");
    EXPECT_EQ(FreezeSpec::all().describe(), "all");
    FreezeSpec combined = FreezeSpec::firstLayers(3);
    combined.add(FreezeSpec::parseList("block5"));
    EXPECT_EQ(combined.describe(), "layers[:3], block5");
    EXPECT_EQ(layerGroups(vgg16Base()),
              (std::vector<std::string>{"input", "block1", "block2", "block3", "block4", "block5"}));
}

TEST(FreezeSpec, FromAMaskGivesTheMostReadableSpecThatFreezesExactlyIt) {
    EXPECT_EQ(FreezeSpec::fromMask({true, true, true}).describe(), "all");
    EXPECT_EQ(FreezeSpec::fromMask({true, true, false, false}).describe(), "layers[:2]");
    EXPECT_EQ(FreezeSpec::fromMask({false, false}).describe(), "none");
    EXPECT_EQ(FreezeSpec::fromMask({}).describe(), "none");
    const FreezeSpec scattered = FreezeSpec::fromMask({false, true, false, true});
    EXPECT_EQ(scattered.indices(), (std::vector<int>{1, 3}));
    const std::vector<bool> mask{true, false, true, true, false};
    std::vector<LayerInfo> five(5);
    EXPECT_EQ(FreezeSpec::fromMask(mask).frozenMask(five), mask);
}

}  // namespace
}  // namespace tlw
