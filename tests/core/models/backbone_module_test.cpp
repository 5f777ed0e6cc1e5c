#include "core/models/backbone_module.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include "core/models/keras_weights.h"
#include "core/train/freeze_plan.h"
#include "core/util/error.h"

namespace tlw {
namespace {

int64_t parameterCount(const std::vector<torch::Tensor>& parameters) {
    int64_t count = 0;
    for (const torch::Tensor& parameter : parameters) count += parameter.numel();
    return count;
}

// The mask a training phase would apply: the FreezePlan's, as in TrainingRun.
std::vector<bool> frozenMask(const BackboneModule& module, const FreezeSpec& spec) {
    return planFreeze(module.architecture(), spec, module.layerCount()).frozen;
}

std::shared_ptr<BackboneModule> seededModule(BackboneKind kind, bool includeTop = false) {
    auto module = BackboneModule::create(kind, includeTop);
    initializeHeScaled(*module, 7);
    module->eval();
    return module;
}

// The full VGG16 (138M parameters) is built once: its initialisation alone takes seconds.
const std::shared_ptr<BackboneModule>& fullVgg16() {
    static const std::shared_ptr<BackboneModule> module = [] {
        auto created = BackboneModule::create(BackboneKind::Vgg16, true);
        created->eval();
        return created;
    }();
    return module;
}

TEST(BackboneModule, RegistersChildrenUnderKerasNames) {
    const auto& vgg = fullVgg16();
    const auto named = vgg->named_parameters();
    EXPECT_NE(named.find("block1_conv1.weight"), nullptr);
    EXPECT_NE(named.find("block5_conv3.bias"), nullptr);
    EXPECT_NE(named.find("fc1.weight"), nullptr);
    EXPECT_NE(named.find("predictions.bias"), nullptr);
    EXPECT_EQ(parameterCount(vgg->parameters()), 138357544);

    const auto squeeze = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    EXPECT_NE(squeeze->named_parameters().find("fire9/expand3x3.weight"), nullptr);
    EXPECT_NE(squeeze->named_children().find("drop9"), nullptr);
    EXPECT_EQ(parameterCount(squeeze->parameters()), 722496);
}

TEST(BackboneModule, OutputShapesMatchTheLayerList) {
    torch::NoGradGuard noGrad;
    const auto vgg = seededModule(BackboneKind::Vgg16);
    EXPECT_EQ(vgg->forward(at::randn({2, 3, 40, 36})).sizes(), at::IntArrayRef({2, 512, 1, 1}));
    const auto squeeze = seededModule(BackboneKind::SqueezeNet11);
    const at::Tensor out = squeeze->forward(at::randn({1, 3, 224, 224}));
    EXPECT_EQ(out.sizes(), at::IntArrayRef({1, 512, 13, 13}));
    EXPECT_TRUE(out.isfinite().all().item<bool>());
    EXPECT_GT(out.abs().max().item<float>(), 1e-3f);  // He scaling keeps the signal alive through the depth
}

TEST(BackboneModule, SplittingAtAnyCutPointGivesTheSameOutput) {
    torch::NoGradGuard noGrad;
    const auto squeeze = seededModule(BackboneKind::SqueezeNet11);
    const at::Tensor images = at::randn({2, 3, 64, 64});
    const at::Tensor whole = squeeze->forward(images);
    for (const int cut : squeeze->cutPoints()) {
        const at::Tensor prefix = squeeze->forwardRange(images, 0, cut);
        const at::Tensor rest = squeeze->forwardRange(prefix, cut, squeeze->layerCount());
        EXPECT_TRUE(at::allclose(rest, whole, 1e-5, 1e-5)) << "cut " << cut;
    }
    EXPECT_THROW(squeeze->forwardRange(images, 7, 20), Error);  // inside fire2's branches
    EXPECT_EQ(squeeze->cutPointAtOrBefore(8), 6);
    // The output of a layer inside a fire module is available as an end point.
    EXPECT_EQ(squeeze->forwardRange(images, 0, 8).size(1), 64);
}

TEST(BackboneModule, FreezingFollowsTheLayerListAndSetsRequiresGrad) {
    const auto vgg = BackboneModule::create(BackboneKind::Vgg16, false);
    vgg->applyFreeze(frozenMask(*vgg, FreezeSpec::firstLayers(16)));
    EXPECT_EQ(parameterCount(vgg->trainableParameters()), 4719616);
    EXPECT_EQ(vgg->trainableParameters().size(), 4u);
    EXPECT_FALSE(vgg->layerParameters(15)[0].requires_grad());
    EXPECT_TRUE(vgg->layerParameters(16)[0].requires_grad());
    const std::vector<LayerInfo> layers = vgg->layers({224, 224});
    EXPECT_FALSE(layers[15].trainable);
    EXPECT_TRUE(layers[16].trainable);
    EXPECT_EQ(paramTotals(layers).trainable, 4719616);

    vgg->applyFreeze(frozenMask(*vgg, FreezeSpec()));
    EXPECT_EQ(parameterCount(vgg->trainableParameters()), 14714688);
    EXPECT_THROW(vgg->applyFreeze(std::vector<bool>(3, true)), Error);  // a mask for another network
}

TEST(BackboneModule, FrozenLayersGetNoGradient) {
    const auto squeeze = seededModule(BackboneKind::SqueezeNet11);
    squeeze->applyFreeze(
        frozenMask(*squeeze, FreezeSpec::parseList("conv1,fire2,fire3,fire4,fire5,fire6,fire7")));
    squeeze->forward(at::randn({1, 3, 48, 48})).sum().backward();
    EXPECT_FALSE(squeeze->layerParameters(1)[0].grad().defined());
    EXPECT_TRUE(squeeze->layerParameters(squeeze->layerIndex("fire9/expand3x3"))[0].grad().defined());
}

TEST(BackboneModule, DropoutActsOnlyInTraining) {
    torch::NoGradGuard noGrad;
    const auto squeeze = seededModule(BackboneKind::SqueezeNet11);
    const at::Tensor images = at::randn({1, 3, 48, 48});
    const at::Tensor a = squeeze->forward(images);
    EXPECT_TRUE(at::equal(a, squeeze->forward(images)));
    squeeze->train();
    const at::Tensor trained = squeeze->forward(images);
    const at::Tensor dropped = (trained == 0) & (a != 0);
    EXPECT_GT(dropped.sum().item<int64_t>(), 0);
}

TEST(BackboneModule, ChannelsLastAndBfloat16GiveTheSameFeatures) {
    torch::NoGradGuard noGrad;
    const auto squeeze = seededModule(BackboneKind::SqueezeNet11);
    const at::Tensor images = at::randn({2, 3, 64, 64}) * 50;
    const at::Tensor reference = squeeze->forward(images);

    squeeze->toChannelsLast();
    const at::Tensor channelsLast = squeeze->forward(images.contiguous(at::MemoryFormat::ChannelsLast));
    EXPECT_TRUE(at::allclose(channelsLast, reference, 1e-4, 1e-3));

    squeeze->to(at::kBFloat16);
    const at::Tensor bf16 = squeeze->forward(images.to(at::kBFloat16)).to(at::kFloat);
    const double relative = ((bf16 - reference).norm() / reference.norm()).item<double>();
    EXPECT_LT(relative, 5e-2);
}

TEST(BackboneModule, RejectsInputsItCannotRun) {
    torch::NoGradGuard noGrad;
    const auto& vgg = fullVgg16();
    EXPECT_THROW(vgg->forward(at::randn({1, 3, 160, 160})), Error);  // the top needs 224x224
    EXPECT_THROW(vgg->forward(at::randn({1, 1, 224, 224})), Error);
    EXPECT_THROW(vgg->forward(at::randn({3, 224, 224})), Error);
    const auto base = seededModule(BackboneKind::Vgg16, false);
    EXPECT_THROW(base->forward(at::randn({1, 3, 16, 64})), Error);
}

}  // namespace
}  // namespace tlw
