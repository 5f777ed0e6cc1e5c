#include "core/train/freeze_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/models/backbone.h"
#include "core/util/error.h"

namespace tlw {
namespace {

FreezePlan planFor(BackboneKind kind, const FreezeSpec& spec, bool includeTop = false) {
    const Architecture architecture = backboneArchitecture(kind, includeTop);
    return planFreeze(architecture, spec, static_cast<int>(architecture.layers.size()));
}

TEST(FreezePlan, TheMaskAndTheCacheCutComeFromOneSpec) {
    const FreezePlan plan = planFor(BackboneKind::Vgg16, FreezeSpec::firstLayers(16));
    ASSERT_EQ(plan.frozen.size(), 19u);
    EXPECT_TRUE(plan.frozen[15]);   // block5_conv1
    EXPECT_FALSE(plan.frozen[16]);  // block5_conv2 trains
    EXPECT_EQ(plan.cacheCut, 16);
    EXPECT_EQ(plan.spec.describe(), "layers[:16]");
}

TEST(FreezePlan, TheCutStopsAtTheLayerTheHeadReads) {
    const Architecture top = backboneArchitecture(BackboneKind::Vgg16, true);
    // The full VGG16 frozen, but the head reads after block5_pool (19): nothing past it is cached.
    EXPECT_EQ(planFreeze(top, FreezeSpec::all(), 19).cacheCut, 19);
}

TEST(FreezePlan, AnUnknownLayerIsRefusedWhenThePlanIsMade) {
    EXPECT_THROW(planFor(BackboneKind::Vgg16, FreezeSpec::names({"fire2"})), Error);
}

TEST(FreezePlan, FineTuningStartsAtTheBackbonesPresetUnlessKIsGiven) {
    // VGG16: the tutorial's fine_tune_at = 16 (block5_conv2); SqueezeNet: fire8 (index 48).
    EXPECT_EQ(fineTunePreset(BackboneKind::Vgg16, false), 16);
    EXPECT_EQ(fineTunePreset(BackboneKind::Vgg16, true), 16);
    EXPECT_EQ(fineTunePreset(BackboneKind::SqueezeNet11, false), 48);
    EXPECT_EQ(fineTunePresetLayer(BackboneKind::Vgg16), "block5_conv2");
    EXPECT_EQ(fineTunePresetLayer(BackboneKind::SqueezeNet11), "fire8/squeeze1x1");
    const Architecture squeeze = backboneArchitecture(BackboneKind::SqueezeNet11, false);
    EXPECT_EQ(squeeze.layers[48].name, "fire8/squeeze1x1");
    EXPECT_EQ(fineTuneFreeze(squeeze, std::nullopt).describe(), "layers[:48]");
    EXPECT_EQ(fineTuneFreeze(squeeze, 20).describe(), "layers[:20]");
}

TEST(FreezePlan, EveryPresetStartsABlockThatTheCacheCanCutBefore) {
    for (const BackboneKind kind : allBackbones()) {
        SCOPED_TRACE(backboneId(kind));
        const Architecture architecture = backboneArchitecture(kind, false);
        const std::vector<FineTuneChoice> choices = fineTuneChoices(kind, false);
        const std::vector<LayerInfo> layers = describeBackbone(kind, {224, 224}, false);
        ASSERT_GE(choices.size(), 2u);
        EXPECT_EQ(std::count_if(choices.begin(), choices.end(),
                                [](const auto& c) { return c.preset.extent == FineTuneExtent::LastBlock; }),
                  1);
        EXPECT_EQ(std::count_if(choices.begin(), choices.end(), [](const auto& c) { return c.isDefault; }),
                  1);
        int previous = static_cast<int>(architecture.layers.size());
        for (const FineTuneChoice& choice : choices) {
            SCOPED_TRACE(choice.preset.fromLayer);
            EXPECT_LT(choice.fineTuneAt, previous);  // fewest trainable layers first
            previous = choice.fineTuneAt;
            EXPECT_EQ(architecture.layers[choice.fineTuneAt].name, choice.preset.fromLayer);
            // One tensor is live before the preset's first layer: the whole frozen part is cacheable (and
            // the weightless layers after it, such as MobileNet's conv_pad_12, can join it).
            const int cut = planFor(kind, FreezeSpec::firstLayers(choice.fineTuneAt)).cacheCut;
            EXPECT_GE(cut, choice.fineTuneAt);
            for (int layer = choice.fineTuneAt; layer < cut; ++layer)
                EXPECT_EQ(layers[layer].params, 0) << layers[layer].name;
            EXPECT_EQ(fineTuneAtOf(kind, false, choice.preset.extent), choice.fineTuneAt);
        }
    }
}

TEST(FreezePlan, PresetsAreNamedAsUsersSayThem) {
    // VGG16: block5 from block5_conv1 (15), the tutorial's 16, blocks 4 and 5 from block4_conv1 (11).
    EXPECT_EQ(fineTuneAtOf(BackboneKind::Vgg16, false, FineTuneExtent::LastBlock), 15);
    EXPECT_EQ(fineTuneAtOf(BackboneKind::Vgg16, true, FineTuneExtent::KerasTutorial), 16);
    EXPECT_EQ(fineTuneAtOf(BackboneKind::Vgg16, false, FineTuneExtent::LastTwoBlocks), 11);
    EXPECT_EQ(fineTuneAtOf(BackboneKind::ResNet50, false, FineTuneExtent::LastStage), 143);
    EXPECT_EQ(fineTuneExtentId(FineTuneExtent::LastTwoStages), "last-two-stages");
    EXPECT_EQ(parseFineTuneExtent("keras-tutorial"), FineTuneExtent::KerasTutorial);
    EXPECT_THROW(parseFineTuneExtent("last-three-stages"), Error);
    // A preset the backbone lacks is an error naming the ones it has.
    try {
        fineTuneAtOf(BackboneKind::SqueezeNet11, false, FineTuneExtent::KerasTutorial);
        FAIL() << "SqueezeNet has no Keras-tutorial preset";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("last-block, last-two-blocks, last-two-stages"),
                  std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace tlw
