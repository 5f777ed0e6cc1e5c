#include "core/models/winograd_bf16.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "core/train/mixed_precision.h"
#include "tests/core/models/bf16_kernel_checks.h"
#include "tests/core/models/winograd_policy_scope.h"

namespace tlw {
namespace {

using test::cpuHasBf16;
using test::relativeError;

at::Tensor channelsLastBf16(const at::Tensor& t) {
    return t.to(at::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast);
}

struct Problem {
    at::Tensor input, weight, bias;
};

// ReLU'd activations (a previous layer's output) and He-scaled weights, as a frozen pass feeds them.
Problem problem(int64_t batch, int64_t in, int64_t out, int64_t height, int64_t width, uint64_t seed) {
    at::manual_seed(seed);
    return {channelsLastBf16(at::randn({batch, in, height, width}).relu()),
            channelsLastBf16(at::randn({out, in, 3, 3}) * std::sqrt(2.0 / (9.0 * static_cast<double>(in)))),
            (at::randn({out}) * 0.1).to(at::kBFloat16)};
}

// Against the float32 convolution of the same bf16 values, beside LibTorch's direct bf16 convolution: within
// 1e-2 and at most 2.5 times the direct one's rounding error. Odd sizes leave half-outside tiles at the right
// and bottom; 1x1 maps are all padding but one pixel.
TEST(Bf16Winograd, ComputesTheConvolutionWithinTwiceAndAHalfTheDirectRounding) {
    if (!cpuHasBf16())
        GTEST_SKIP() << "this CPU has no AVX-512 BF16, or has AMX: the direct bf16 convolution runs";
    const struct {
        int64_t batch, in, out, height, width;
        bool bias, relu;
    } cases[] = {{2, 256, 256, 14, 14, true, true},
                 {3, 512, 272, 7, 9, true, false},
                 {1, 256, 512, 1, 1, false, true},
                 {2, 256, 256, 28, 28, false, false},
                 {5, 512, 512, 13, 13, true, true}};
    uint64_t seed = 1;
    for (const auto& c : cases) {
        const Problem p = problem(c.batch, c.in, c.out, c.height, c.width, seed++);
        ASSERT_TRUE(bf16WinogradApplies(p.input, p.weight)) << c.in << " -> " << c.out;
        const at::Tensor bias = c.bias ? p.bias : at::Tensor();
        at::Tensor exact = at::conv2d(p.input.to(at::kFloat), p.weight.to(at::kFloat),
                                      c.bias ? bias.to(at::kFloat) : at::Tensor(), 1, 1);
        at::Tensor direct = at::conv2d(p.input, p.weight, bias, 1, 1);
        if (c.relu) {
            exact = exact.relu();
            direct = direct.relu();
        }
        const at::Tensor winograd = bf16WinogradForward(p.input, p.weight, bias, c.relu);
        ASSERT_EQ(winograd.sizes(), exact.sizes());
        EXPECT_EQ(winograd.scalar_type(), at::kBFloat16);
        EXPECT_TRUE(winograd.is_contiguous(at::MemoryFormat::ChannelsLast));
        const double error = relativeError(winograd, exact);
        EXPECT_LT(error, 1e-2) << c.height << "x" << c.width;
        EXPECT_LT(error, 2.5 * relativeError(direct, exact) + 1e-4) << c.height << "x" << c.width;
        if (c.relu) {
            EXPECT_EQ(winograd.lt(0).sum().item<int64_t>(), 0);
        }
    }
}

TEST(Bf16Winograd, TakesOnlyWhatItComputesBest) {
    const Problem p = problem(1, 256, 256, 8, 8, 11);
    EXPECT_EQ(bf16WinogradApplies(p.input, p.weight), cpuHasBf16());
    if (!cpuHasBf16()) return;  // nothing else applies either, as checked above
    const Problem narrow = problem(1, 128, 256, 8, 8, 12);
    EXPECT_FALSE(bf16WinogradApplies(narrow.input, narrow.weight));  // direct bf16 was faster there
    EXPECT_FALSE(bf16WinogradApplies(p.input.to(at::kFloat), p.weight.to(at::kFloat)));
    EXPECT_FALSE(bf16WinogradApplies(p.input.contiguous(), p.weight));  // NCHW
    const at::Tensor fiveByFive = channelsLastBf16(at::randn({256, 256, 5, 5}));
    EXPECT_FALSE(bf16WinogradApplies(p.input, fiveByFive));
    const at::Tensor trained = p.weight.clone().requires_grad_();
    EXPECT_FALSE(bf16WinogradApplies(p.input, trained));
    EXPECT_FALSE(bf16WinogradApplies(p.input, p.weight.to(at::kFloat)));  // mixed precision's master weights
    {
        const Bf16AutocastScope autocast(true);  // mixed precision's validation
        EXPECT_FALSE(bf16WinogradApplies(p.input, p.weight));
    }
    EXPECT_TRUE(bf16WinogradApplies(p.input, p.weight));
    const test::WinogradPolicyScope never(WinogradPolicy::Never);
    EXPECT_FALSE(bf16WinogradApplies(p.input, p.weight));
}

// The transformed weights of a frozen tensor are kept between calls; new values loaded into the same tensor
// (as loading a weight file does) are transformed afresh.
TEST(Bf16Winograd, FollowsNewValuesLoadedIntoTheSameWeights) {
    if (!cpuHasBf16())
        GTEST_SKIP() << "this CPU has no AVX-512 BF16, or has AMX: the direct bf16 convolution runs";
    Problem p = problem(2, 256, 256, 6, 6, 13);
    const at::Tensor before = bf16WinogradForward(p.input, p.weight, p.bias, false);
    EXPECT_TRUE(at::equal(bf16WinogradForward(p.input, p.weight, p.bias, false), before));  // repeats exactly
    p.weight.copy_(p.weight * -2);
    const at::Tensor after = bf16WinogradForward(p.input, p.weight, p.bias, false);
    const at::Tensor exact =
        at::conv2d(p.input.to(at::kFloat), p.weight.to(at::kFloat), p.bias.to(at::kFloat), 1, 1);
    EXPECT_LT(relativeError(after, exact), 1e-2);
}

}  // namespace
}  // namespace tlw
