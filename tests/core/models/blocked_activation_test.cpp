#include "core/models/blocked_activation.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/models/architecture.h"
#include "core/models/backbone_module.h"
#include "core/models/onednn_inference.h"
#include "core/models/onednn_winograd.h"
#include "core/train/feature_cache.h"
#include "tests/core/models/winograd_policy_scope.h"

namespace tlw {
namespace {

torch::Tensor channelsLast(const torch::Tensor& x) { return x.contiguous(at::MemoryFormat::ChannelsLast); }

// nChw16c written out by hand: channel c of pixel (h, w) at [n][c / 16][h][w][c % 16].
torch::Tensor blocked(const torch::Tensor& x) {
    const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    return x.reshape({n, c / 16, 16, h, w}).permute({0, 1, 3, 4, 2}).contiguous();
}

TEST(BlockedActivation, IsNChw16cAndComesBackChannelsLast) {
    torch::manual_seed(1);
    const torch::Tensor x = torch::randn({2, 32, 3, 5});
    const torch::Tensor b = blocked(x);
    ASSERT_TRUE(isBlockedActivation(b));
    EXPECT_FALSE(isBlockedActivation(x));
    EXPECT_EQ(activationChannels(b), 32);
    EXPECT_EQ(activationChannels(x), 32);
    const torch::Tensor back = ordinaryActivation(b);
    EXPECT_TRUE(torch::equal(back, x));
    EXPECT_TRUE(back.is_contiguous(at::MemoryFormat::ChannelsLast));
    EXPECT_EQ(ordinaryActivation(x).data_ptr(), x.data_ptr());  // an ordinary one is not copied
}

TEST(BlockedActivation, WinogradReadsAndWritesThemWithTheOrdinaryResult) {
    torch::manual_seed(2);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({3, 32, 14, 14}));
    const torch::Tensor w = torch::randn({48, 32, 3, 3}) * 0.1;
    const torch::Tensor bias = torch::randn({48});
    if (!winogradSupported(x, w)) GTEST_SKIP() << "no oneDNN Winograd kernel in this build or on this CPU";
    const torch::Tensor ordinary = winogradForward(x, w, bias, true);
    const torch::Tensor blockedOut = winogradForward(x, w, bias, true, true);
    ASSERT_TRUE(isBlockedActivation(blockedOut));
    EXPECT_TRUE(torch::equal(ordinaryActivation(blockedOut), ordinary));
    EXPECT_TRUE(torch::equal(winogradForward(blocked(x), w, bias, true), ordinary));
    // 40 output channels are no whole number of blocks: an ordinary result, as if not asked.
    const torch::Tensor w40 = w.narrow(0, 0, 40);
    const torch::Tensor odd = winogradForward(blocked(x), w40, bias.narrow(0, 0, 40), true, true);
    EXPECT_FALSE(isBlockedActivation(odd));
    EXPECT_TRUE(torch::equal(odd, ordinary.narrow(1, 0, 40)));
}

// VGG16's first convolution (three channels in, 64 out) writes its result blocked for the Winograd one after
// it.
TEST(BlockedActivation, TheDirectConvolutionWritesThemWithTheOrdinaryResult) {
    torch::manual_seed(5);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({2, 3, 20, 20}));
    const torch::Tensor w = torch::randn({64, 3, 3, 3});
    const torch::Tensor bias = torch::randn({64});
    ConvolutionWindow same;
    same.padTop = same.padBottom = same.padLeft = same.padRight = 1;
    const OutputRelu relu{true, 0.0};
    if (!inferenceConvolutionSupported(x, w, bias, same, relu, true))
        GTEST_SKIP() << "no oneDNN kernel writes this convolution blocked in this build or on this CPU";
    const torch::Tensor result = inferenceConvolution(x, w, bias, same, relu, true);
    ASSERT_TRUE(isBlockedActivation(result));
    const torch::Tensor reference = torch::relu(torch::conv2d(x, w, bias, 1, 1));
    EXPECT_LT((ordinaryActivation(result) - reference).abs().max().item<float>(),
              1e-5f * reference.abs().max().item<float>());
}

TEST(BlockedActivation, MaxPoolingKeepsThemBlocked) {
    torch::manual_seed(3);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({2, 32, 15, 15}));
    if (!inferenceMaxPoolSupported(blocked(x), 2, 2))
        GTEST_SKIP() << "this build has no oneDNN headers: LibTorch's max pooling runs instead";
    const torch::Tensor pooled = inferenceMaxPool(blocked(x), 2, 2);
    ASSERT_TRUE(isBlockedActivation(pooled));
    EXPECT_TRUE(torch::equal(ordinaryActivation(pooled), torch::max_pool2d(x, 2, 2)));
}

// VGG16's frozen pass hands blocked activations from convolution to convolution and pooling; a pass that
// ends anywhere returns an ordinary tensor with the layer-by-layer module's values, with Winograd and without
// (then no layer reads a blocked activation, and none is written).
class EveryCutOfVgg16sFrozenPass : public ::testing::TestWithParam<WinogradPolicy> {};

TEST_P(EveryCutOfVgg16sFrozenPass, IsAnOrdinaryTensorWithTheSameFeatures) {
    const test::WinogradPolicyScope policy(GetParam());
    torch::manual_seed(4);
    const auto module = BackboneModule::create(BackboneKind::Vgg16, false);
    module->eval();
    const torch::Tensor images = torch::rand({2, 3, 48, 48}) * 255 - 120;
    const int layers = module->layerCount();
    const auto copy = inferenceCopy(*module, layers, Precision::Float32);
    for (int cut = 1; cut <= layers; ++cut) {
        if (!module->isCutPoint(cut)) continue;
        torch::Tensor frozen;
        {
            c10::InferenceMode inference;
            frozen = copy->forwardRange(channelsLast(images), 0, cut);
        }
        const torch::Tensor separate = module->forwardRange(images.clone().requires_grad_(), 0, cut).detach();
        ASSERT_EQ(frozen.dim(), 4) << cut;
        EXPECT_TRUE(frozen.is_contiguous(at::MemoryFormat::ChannelsLast)) << cut;
        ASSERT_EQ(frozen.sizes(), separate.sizes()) << cut;
        const double error =
            ((frozen - separate).abs().max() / separate.abs().max().clamp_min(1e-12)).item<double>();
        EXPECT_LT(error, 1e-4) << module->architecture().layers[static_cast<size_t>(cut - 1)].name;
    }
}

INSTANTIATE_TEST_SUITE_P(BlockedActivation, EveryCutOfVgg16sFrozenPass,
                         ::testing::Values(WinogradPolicy::Auto, WinogradPolicy::Never),
                         [](const ::testing::TestParamInfo<WinogradPolicy>& info) {
                             return info.param == WinogradPolicy::Auto ? "Winograd" : "NoWinograd";
                         });

}  // namespace
}  // namespace tlw
