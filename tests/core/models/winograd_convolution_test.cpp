#include "core/models/winograd_convolution.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/models/backbone_module.h"
#include "core/models/onednn_winograd.h"
#include "tests/core/models/winograd_policy_scope.h"

namespace tlw {
namespace {

using test::WinogradPolicyScope;

// oneDNN has Winograd kernels for AVX-512 CPUs only (its avx512_core: F, CD, BW, DQ, VL).
bool cpuHasWinogradKernels() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
}

// The largest difference relative to the largest value of the reference.
double relativeError(const torch::Tensor& value, const torch::Tensor& reference) {
    return ((value - reference).abs().max() / reference.abs().max()).item<double>();
}

struct Convolution {
    Convolution(int64_t batch, int64_t in, int64_t out, int64_t side, at::MemoryFormat format) {
        torch::manual_seed(5);
        input = torch::randn({batch, in, side, side}).contiguous(format);
        weight = torch::randn({out, in, 3, 3}) * 0.05;
        bias = torch::randn({out});
        upstream = torch::randn({batch, out, side, side});
    }
    torch::Tensor input, weight, bias, upstream;
};

struct Result {
    torch::Tensor output, input, weight, bias;
};

// The output and the gradients of sum(output * upstream), through Winograd or LibTorch's conv2d.
Result run(const Convolution& c, bool winograd, bool inputNeedsGradient = true) {
    const torch::Tensor x = c.input.detach().clone().requires_grad_(inputNeedsGradient);
    const torch::Tensor w = c.weight.detach().clone().requires_grad_();
    const torch::Tensor b = c.bias.detach().clone().requires_grad_();
    const torch::Tensor y = winograd ? winogradConv2d(x, w, b) : torch::conv2d(x, w, b, 1, 1);
    (y * c.upstream).sum().backward();
    return {y.detach(), x.grad(), w.grad(), b.grad()};
}

// The output and input gradient within 1e-5 of the direct ones, the parameter gradients within
// parameterTolerance (relative to the largest value).
void expectClose(const Result& winograd, const Result& direct, double parameterTolerance) {
    EXPECT_LT(relativeError(winograd.output, direct.output), 1e-5);
    EXPECT_LT(relativeError(winograd.input, direct.input), 1e-5);
    EXPECT_LT(relativeError(winograd.weight, direct.weight), parameterTolerance);
    EXPECT_LT(relativeError(winograd.bias, direct.bias), parameterTolerance);
}

TEST(WinogradConvolution, AppliesToFloat32ConvolutionsOfAtLeast32ChannelsOnAvx512CpusUnlessTurnedOff) {
    const torch::Tensor weight = torch::zeros({64, 64, 3, 3});
    const torch::Tensor input = torch::zeros({2, 64, 8, 8});
    EXPECT_EQ(winogradApplies(input, weight), cpuHasWinogradKernels());
    EXPECT_FALSE(winogradApplies(torch::zeros({2, 16, 8, 8}), torch::zeros({64, 16, 3, 3})));
    EXPECT_FALSE(winogradApplies(input.to(torch::kBFloat16), weight.to(torch::kBFloat16)));
    EXPECT_FALSE(winogradApplies(torch::zeros({2, 64, 8, 8}), torch::zeros({64, 64, 5, 5})));
    EXPECT_FALSE(winogradApplies(input, torch::zeros({64, 1, 3, 3})));  // depthwise
    const WinogradPolicyScope never(WinogradPolicy::Never);
    EXPECT_FALSE(winogradApplies(input, weight));
}

class WinogradAgainstLibTorch : public ::testing::TestWithParam<at::MemoryFormat> {
protected:
    void SetUp() override {
        if (!cpuHasWinogradKernels())
            GTEST_SKIP() << "this CPU has no AVX-512: Winograd never runs here (the test above checks that "
                            "it says so)";
    }
};

TEST_P(WinogradAgainstLibTorch, GivesTheSameOutputAndGradientsUpToRounding) {
    // 14x14 is not a multiple of Winograd's 4x4 output tiles: the last tiles are partial.
    const Convolution c(3, 64, 48, 14, GetParam());
    ASSERT_TRUE(winogradApplies(c.input, c.weight));
    const Result winograd = run(c, true);
    const Result direct = run(c, false);
    expectClose(winograd, direct, 1e-5);
    EXPECT_GT(relativeError(winograd.output, direct.output), 0.0) << "the same bits: Winograd did not run";
    EXPECT_EQ(winograd.output.suggest_memory_format(), GetParam());
    EXPECT_EQ(winograd.input.suggest_memory_format(), GetParam());
}

// 64 channels at 224x224 are 12.8 MB an image: the batch of 3 runs as chunks of 2 and 1 images, whose weight
// gradients are summed. Each parameter gradient sums 150,528 positions: float32 sums in another order differ
// by about 1e-5 of the largest (the bias's differs so between any two summation orders).
TEST_P(WinogradAgainstLibTorch, ALargeBatchRunsInChunksWithTheSameResults) {
    const Convolution c(3, 64, 64, 224, GetParam());
    expectClose(run(c, true), run(c, false), 5e-5);
}

// Inference applies the ReLU inside the kernel (the frozen pass's convolutions), in chunks as well.
TEST_P(WinogradAgainstLibTorch, TheFusedReluIsTheReluOfTheConvolution) {
    for (const int64_t side : {14, 224}) {
        const Convolution c(3, 64, 64, side, GetParam());
        const torch::Tensor fused = winogradForward(c.input, c.weight, c.bias, true);
        const torch::Tensor separate = torch::relu(torch::conv2d(c.input, c.weight, c.bias, 1, 1));
        EXPECT_LT(relativeError(fused, separate), 1e-5) << side;
        EXPECT_EQ(fused.min().item<float>(), 0.0f) << side;
        EXPECT_EQ(fused.suggest_memory_format(), GetParam()) << side;
    }
}

TEST_P(WinogradAgainstLibTorch, RepeatsExactly) {
    const Convolution c(2, 32, 32, 9, GetParam());
    const Result first = run(c, true);
    const Result second = run(c, true);
    EXPECT_TRUE(torch::equal(first.output, second.output));
    EXPECT_TRUE(torch::equal(first.input, second.input));
    EXPECT_TRUE(torch::equal(first.weight, second.weight));
    EXPECT_TRUE(torch::equal(first.bias, second.bias));
}

TEST_P(WinogradAgainstLibTorch, AFrozenInputGetsNoGradientAndANoGradRunNoGraph) {
    const Convolution c(2, 32, 32, 8, GetParam());
    const Result result = run(c, true, false);
    EXPECT_FALSE(result.input.defined());
    EXPECT_LT(relativeError(result.weight, run(c, false, false).weight), 1e-5);
    torch::NoGradGuard noGrad;
    const torch::Tensor w = c.weight.clone().requires_grad_();
    EXPECT_FALSE(winogradConv2d(c.input, w, torch::Tensor()).requires_grad());
}

INSTANTIATE_TEST_SUITE_P(MemoryFormats, WinogradAgainstLibTorch,
                         ::testing::Values(at::MemoryFormat::Contiguous, at::MemoryFormat::ChannelsLast));

// The whole VGG16 base (generated weights) with and without Winograd: 12 of its 13 convolutions take it.
TEST(WinogradInVgg16, FeaturesAgreeWithLibTorchsConvolutions) {
    if (!cpuHasWinogradKernels()) GTEST_SKIP() << "this CPU has no AVX-512: Winograd never runs here";
    torch::manual_seed(2);
    const auto module = BackboneModule::create(BackboneKind::Vgg16, false);
    module->eval();
    const torch::Tensor images = torch::rand({2, 3, 64, 64}) * 255 - 120;
    torch::NoGradGuard noGrad;
    const torch::Tensor winograd = module->forward(images);
    const WinogradPolicyScope never(WinogradPolicy::Never);
    const torch::Tensor direct = module->forward(images);
    EXPECT_LT(relativeError(winograd, direct), 1e-4);
    EXPECT_FALSE(torch::equal(winograd, direct));
}

}  // namespace
}  // namespace tlw
