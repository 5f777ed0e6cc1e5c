// Frozen layers' weights are reordered into oneDNN's layout once and kept
// (core/models/onednn_frozen_weights.h): a convolution must still follow its weights whenever they change.

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <memory>

#include "core/models/backbone_module.h"
#include "core/models/onednn_inference.h"
#include "core/models/onednn_winograd.h"
#include "core/train/feature_cache.h"

namespace tlw {
namespace {

torch::Tensor channelsLast(const torch::Tensor& x) { return x.contiguous(at::MemoryFormat::ChannelsLast); }

// What the convolution gives with a fresh copy of the weights, which nothing can have kept.
torch::Tensor winogradWithFreshWeights(const torch::Tensor& x, const torch::Tensor& w,
                                       const torch::Tensor& b) {
    return winogradForward(x, w.clone(), b, true);
}

TEST(FrozenWeights, AreReorderedOnceAndFollowedWhenTheyChange) {
    torch::manual_seed(11);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({2, 32, 12, 12}));
    torch::Tensor w = torch::randn({32, 32, 3, 3}) * 0.1;
    const torch::Tensor b = torch::randn({32});
    if (!winogradSupported(x, w)) GTEST_SKIP() << "no oneDNN Winograd kernel in this build or on this CPU";

    const torch::Tensor first = winogradForward(x, w, b, true);
    const size_t kept = frozenWeightBytesKept();
    EXPECT_GE(kept, static_cast<size_t>(w.numel() * 4));  // this layer's weights, at least
    EXPECT_TRUE(torch::equal(winogradForward(x, w, b, true), first));
    EXPECT_EQ(frozenWeightBytesKept(), kept);  // reused, not reordered again

    w.mul_(-1.5);  // loaded in place, as Keras weights are (copy_)
    const torch::Tensor scaled = winogradForward(x, w, b, true);
    EXPECT_FALSE(torch::equal(scaled, first));
    EXPECT_TRUE(torch::equal(scaled, winogradWithFreshWeights(x, w, b)));

    w.set_data(torch::randn({32, 32, 3, 3}) * 0.1);  // new storage, as channels-last conversion does
    EXPECT_TRUE(torch::equal(winogradForward(x, w, b, true), winogradWithFreshWeights(x, w, b)));
}

TEST(FrozenWeights, GoWithTheirTensor) {
    torch::manual_seed(14);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({1, 32, 8, 8}));
    auto w = std::make_unique<torch::Tensor>(torch::randn({64, 32, 3, 3}) * 0.1);
    if (!winogradSupported(x, *w)) GTEST_SKIP() << "no oneDNN Winograd kernel in this build or on this CPU";
    releaseFrozenWeightsOfGoneTensors();
    const size_t before = frozenWeightBytesKept();
    winogradForward(x, *w, {}, true);
    const size_t kept = frozenWeightBytesKept();
    EXPECT_GE(kept - before, static_cast<size_t>(w->numel() * 4));
    w.reset();
    releaseFrozenWeightsOfGoneTensors();
    EXPECT_EQ(frozenWeightBytesKept(), before);
}

// The frozen pass's copy of a backbone: its kept weights go when the copy does, so that a run's are not held
// after it.
TEST(FrozenWeights, GoWithThePassCopyOfTheBackbone) {
    torch::manual_seed(15);
    const auto module = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    const torch::Tensor x = channelsLast(torch::randn({1, 3, 64, 64}));
    releaseFrozenWeightsOfGoneTensors();
    const size_t before = frozenWeightBytesKept();
    auto copy = inferenceCopy(*module, module->layerCount(), Precision::Float32);
    {
        c10::InferenceMode inference;
        copy->forward(x);
    }
    if (frozenWeightBytesKept() == before)
        GTEST_SKIP() << "no oneDNN kernel kept weights in this build or on this CPU";
    copy.reset();
    EXPECT_EQ(frozenWeightBytesKept(), before);
}

// Weights being trained are reordered on every call, never kept.
TEST(FrozenWeights, WeightsThatWantAGradientAreNotKept) {
    torch::manual_seed(12);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({1, 32, 8, 8}));
    const torch::Tensor w = (torch::randn({48, 32, 3, 3}) * 0.1).requires_grad_();
    if (!winogradSupported(x, w)) GTEST_SKIP() << "no oneDNN Winograd kernel in this build or on this CPU";
    const size_t before = frozenWeightBytesKept();
    const torch::Tensor first = winogradForward(x, w, {}, true);
    EXPECT_EQ(frozenWeightBytesKept(), before);
    w.mul_(2.0);
    EXPECT_TRUE(
        torch::allclose(winogradForward(x, w, {}, true), winogradForward(x, w.detach().clone(), {}, true)));
    EXPECT_FALSE(torch::equal(winogradForward(x, w, {}, true), first));
}

TEST(FrozenWeights, TheDirectConvolutionFollowsThemToo) {
    torch::manual_seed(13);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = channelsLast(torch::randn({2, 3, 10, 10}));
    torch::Tensor w = torch::randn({16, 3, 3, 3});
    const torch::Tensor b = torch::randn({16});
    ConvolutionWindow same;
    same.padTop = same.padBottom = same.padLeft = same.padRight = 1;
    const OutputRelu relu{true, 0.0};
    if (!inferenceConvolutionSupported(x, w, b, same, relu))
        GTEST_SKIP() << "no oneDNN inference convolution in this build or on this CPU";
    const torch::Tensor first = inferenceConvolution(x, w, b, same, relu);
    w.copy_(torch::randn({16, 3, 3, 3}));
    const torch::Tensor second = inferenceConvolution(x, w, b, same, relu);
    EXPECT_FALSE(torch::equal(second, first));
    EXPECT_TRUE(torch::equal(second, inferenceConvolution(x, w.clone(), b, same, relu)));
}

}  // namespace
}  // namespace tlw
