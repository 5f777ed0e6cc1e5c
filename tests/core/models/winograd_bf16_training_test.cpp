#include "core/models/winograd_bf16_training.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

#include "core/models/conv_relu_pool.h"
#include "core/models/winograd_convolution.h"
#include "core/train/mixed_precision.h"
#include "tests/core/models/bf16_kernel_checks.h"
#include "tests/core/models/winograd_policy_scope.h"

namespace tlw {
namespace {

using test::cpuHasBf16;
using test::relativeError;

// A trainable layer as fine-tuning has it: a ReLU'd input map (channels-last float32, a cut's cached output),
// He-scaled float32 weights (channels-last, as BackboneModule keeps them) and a bias.
struct Layer {
    at::Tensor input, weight, bias;
};

Layer layer(int64_t batch, int64_t in, int64_t out, int64_t height, int64_t width, uint64_t seed) {
    at::manual_seed(seed);
    const auto channelsLast = at::MemoryFormat::ChannelsLast;
    return {at::randn({batch, in, height, width}).relu().contiguous(channelsLast),
            (at::randn({out, in, 3, 3}) * std::sqrt(2.0 / (9.0 * static_cast<double>(in))))
                .contiguous(channelsLast),
            at::randn({out}) * 0.1};
}

struct Result {
    at::Tensor output, input, weight, bias;  // the output and the three gradients
};

// One step's forward and backward of conv2d under bf16 autocast (through convolve3x3, which picks bf16
// Winograd where it runs, or through LibTorch's direct convolution where direct), or in float32 where
// neither, for a fixed random output gradient.
Result step(const Layer& l, bool autocast, bool direct, uint64_t seed) {
    const at::Tensor x = l.input.detach().clone().requires_grad_(true);
    const at::Tensor w = l.weight.detach().clone().requires_grad_(true);
    const at::Tensor b = l.bias.detach().clone().requires_grad_(true);
    at::Tensor y;
    {
        const Bf16AutocastScope scope(autocast);
        y = direct ? at::conv2d(x, w, b, 1, 1) : convolve3x3(x, w, b);
    }
    at::manual_seed(seed);
    y.backward(at::randn(y.sizes()).to(y.scalar_type()));
    return {y.detach(), x.grad(), w.grad(), b.grad()};
}

// Each of the output and the three gradients within 1e-2 of float32's, and at most 2.5 times as far from it
// as the direct bf16 convolution's (its rounding of inputs and weights to bf16). Odd sizes leave tiles half
// outside the image; unequal channel counts catch a transposed kernel or gradient.
TEST(Bf16WinogradTraining, ForwardAndGradientsWithinTwiceAndAHalfTheDirectRounding) {
    if (!cpuHasBf16())
        GTEST_SKIP() << "this CPU has no AVX-512 BF16, or has AMX: training keeps LibTorch's convolution";
    const struct {
        int64_t batch, in, out, height, width;
    } cases[] = {{4, 256, 256, 14, 14}, {3, 512, 272, 7, 9}, {2, 256, 512, 1, 1}, {5, 272, 256, 13, 11}};
    uint64_t seed = 1;
    for (const auto& c : cases) {
        const Layer l = layer(c.batch, c.in, c.out, c.height, c.width, seed++);
        {
            const Bf16AutocastScope scope(true);
            ASSERT_TRUE(bf16WinogradRuns(l.input, l.weight)) << c.in << " -> " << c.out;
        }
        const Result exact = step(l, false, true, seed);
        const Result direct = step(l, true, true, seed);
        const Result winograd = step(l, true, false, seed);
        EXPECT_EQ(winograd.output.scalar_type(), at::kBFloat16);
        EXPECT_EQ(winograd.weight.scalar_type(), at::kFloat);
        EXPECT_TRUE(winograd.weight.is_contiguous(at::MemoryFormat::ChannelsLast));
        const std::pair<const char*, at::Tensor Result::*> parts[] = {{"output", &Result::output},
                                                                      {"input gradient", &Result::input},
                                                                      {"weight gradient", &Result::weight},
                                                                      {"bias gradient", &Result::bias}};
        for (const auto& [name, part] : parts) {
            const at::Tensor& ours = winograd.*part;
            const at::Tensor& reference = exact.*part;
            ASSERT_EQ(ours.sizes(), reference.sizes()) << name;
            const double error = relativeError(ours, reference);
            const double directError = relativeError(direct.*part, reference);
            EXPECT_LT(error, 1e-2) << name << ", " << c.height << "x" << c.width << ", " << c.in << " -> "
                                   << c.out;
            EXPECT_LT(error, 2.5 * directError + 1e-4)
                << name << ", " << c.height << "x" << c.width << ", " << c.in << " -> " << c.out;
        }
    }
}

// A validation pass (no gradient) computes what the training step's forward does, bit for bit, and a step
// repeats exactly.
TEST(Bf16WinogradTraining, ValidationMatchesTrainingAndStepsRepeat) {
    if (!cpuHasBf16())
        GTEST_SKIP() << "this CPU has no AVX-512 BF16, or has AMX: training keeps LibTorch's convolution";
    const Layer l = layer(3, 256, 256, 14, 14, 7);
    const Result first = step(l, true, false, 8);
    const Result again = step(l, true, false, 8);
    at::Tensor validation;
    {
        const at::NoGradGuard noGrad;
        const Bf16AutocastScope scope(true);
        validation = convolve3x3(l.input, l.weight, l.bias);
    }
    EXPECT_TRUE(at::equal(validation, first.output));
    EXPECT_TRUE(at::equal(again.output, first.output));
    EXPECT_TRUE(at::equal(again.input, first.input));
    EXPECT_TRUE(at::equal(again.weight, first.weight));
}

// VGG16's block end (conv + ReLU + 2x2 pooling, the fused node fine-tuning trains block5_conv3 through) under
// bf16 autocast: the same output and gradients as the layers one by one through bf16 Winograd, and as near
// float32's as the direct bf16 layers' (the pooling routes each gradient to its window's maximum, which
// rounding can move, so float32 is no closer than that).
TEST(Bf16WinogradTraining, TheFusedBlockEndTrainsThroughIt) {
    if (!cpuHasBf16())
        GTEST_SKIP() << "this CPU has no AVX-512 BF16, or has AMX: training keeps LibTorch's convolution";
    const Layer l = layer(4, 256, 256, 14, 14, 21);
    enum class Path { Fused, Layers, Direct };
    const auto run = [&](bool autocast, Path path) {
        const at::Tensor x = l.input.detach().clone().requires_grad_(true);
        const at::Tensor w = l.weight.detach().clone().requires_grad_(true);
        const at::Tensor b = l.bias.detach().clone().requires_grad_(true);
        at::Tensor y;
        {
            const Bf16AutocastScope scope(autocast);
            if (path == Path::Fused) {
                y = convReluPool(x, w, b, 2);
            } else {
                const at::Tensor z = path == Path::Layers ? convolve3x3(x, w, b) : at::conv2d(x, w, b, 1, 1);
                y = at::max_pool2d(at::relu(z), 2, 2);
            }
        }
        at::manual_seed(22);
        y.backward(at::randn(y.sizes()).to(y.scalar_type()));
        return Result{y.detach(), x.grad(), w.grad(), b.grad()};
    };
    const Result exact = run(false, Path::Direct);
    const Result direct = run(true, Path::Direct);
    const Result layers = run(true, Path::Layers);
    const Result fused = run(true, Path::Fused);
    const std::pair<const char*, at::Tensor Result::*> parts[] = {{"output", &Result::output},
                                                                  {"input gradient", &Result::input},
                                                                  {"weight gradient", &Result::weight},
                                                                  {"bias gradient", &Result::bias}};
    for (const auto& [name, part] : parts) {
        EXPECT_LT(relativeError(fused.*part, layers.*part), 1e-6) << name;
        EXPECT_LT(relativeError(fused.*part, exact.*part),
                  2.5 * relativeError(direct.*part, exact.*part) + 1e-4)
            << name;
    }
    EXPECT_TRUE(at::equal(fused.output, layers.output));
}

TEST(Bf16WinogradTraining, TakesOnlyWhatItComputesBest) {
    const Layer l = layer(2, 256, 256, 8, 8, 31);
    EXPECT_EQ(bf16WinogradTrains(l.input, l.weight), cpuHasBf16());
    if (!cpuHasBf16()) return;  // nothing else runs either, as checked above
    {
        const Bf16AutocastScope scope(true);
        EXPECT_TRUE(bf16WinogradRuns(l.input, l.weight));
        const Layer narrow = layer(2, 128, 256, 8, 8, 32);
        EXPECT_FALSE(bf16WinogradRuns(narrow.input, narrow.weight));  // direct bf16 was faster there
        const at::Tensor fiveByFive = at::randn({256, 256, 5, 5});
        EXPECT_FALSE(bf16WinogradRuns(l.input, fiveByFive));
        const Layer odd = layer(2, 264, 256, 8, 8, 33);
        EXPECT_FALSE(bf16WinogradRuns(odd.input, odd.weight));  // not whole registers of channels
        const test::WinogradPolicyScope never(WinogradPolicy::Never);
        EXPECT_FALSE(bf16WinogradRuns(l.input, l.weight));
    }
    EXPECT_FALSE(bf16WinogradRuns(l.input, l.weight));  // float32 training keeps its own kernels
}

}  // namespace
}  // namespace tlw
