#include "core/train/freeze_plan.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tlw
