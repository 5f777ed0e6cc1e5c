// inferenceConvolutionOfParts: a convolution of a concatenation's parts, the concatenation never made.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/models/onednn_inference.h"

namespace tlw {
namespace {

torch::Tensor channelsLast(const torch::Tensor& x) { return x.contiguous(at::MemoryFormat::ChannelsLast); }

std::vector<torch::Tensor> randomParts(const std::vector<int64_t>& channels, int64_t side) {
    std::vector<torch::Tensor> parts;
    for (const int64_t c : channels) parts.push_back(channelsLast(torch::randn({3, c, side, side})));
    return parts;
}

// LibTorch's 1x1 convolution of the concatenation, then the ReLU.
torch::Tensor concatenatedThenConvolved(const std::vector<torch::Tensor>& parts, const torch::Tensor& weight,
                                        const torch::Tensor& bias, bool relu) {
    const torch::Tensor y = torch::conv2d(torch::cat(parts, 1), weight, bias);
    return relu ? torch::relu(y) : y;
}

double relativeError(const torch::Tensor& value, const torch::Tensor& reference) {
    return ((value.to(torch::kFloat) - reference.to(torch::kFloat)).abs().max() / reference.abs().max())
        .item<double>();
}

TEST(ConvolutionOfParts, IsTheConvolutionOfTheConcatenation) {
    torch::manual_seed(11);
    torch::NoGradGuard noGrad;
    // SqueezeNet's two equal expand outputs; unequal parts; three parts.
    for (const std::vector<int64_t>& channels :
         {std::vector<int64_t>{16, 16}, std::vector<int64_t>{24, 40}, std::vector<int64_t>{8, 16, 24}}) {
        const std::vector<torch::Tensor> parts = randomParts(channels, 9);
        int64_t total = 0;
        for (const int64_t c : channels) total += c;
        const torch::Tensor weight = channelsLast(torch::randn({12, total, 1, 1}) * 0.2);
        for (const bool withBias : {true, false}) {
            const torch::Tensor bias = withBias ? torch::randn({12}) : torch::Tensor();
            for (const bool relu : {false, true}) {
                const std::string what = std::to_string(channels.size()) + " parts, first " +
                                         std::to_string(channels[0]) + ", bias " + std::to_string(withBias) +
                                         ", relu " + std::to_string(relu);
                if (!inferenceConvolutionOfPartsSupported(parts, weight, bias, {}, {relu, 0.0}))
                    GTEST_SKIP() << "this build has no oneDNN headers: the concatenation is made instead";
                const torch::Tensor summed =
                    inferenceConvolutionOfParts(parts, weight, bias, {}, {relu, 0.0});
                const torch::Tensor expected = concatenatedThenConvolved(parts, weight, bias, relu);
                ASSERT_EQ(summed.sizes(), expected.sizes()) << what;
                EXPECT_TRUE(summed.is_contiguous(at::MemoryFormat::ChannelsLast)) << what;
                EXPECT_LT(relativeError(summed, expected), 1e-5) << what;
            }
        }
    }
}

// Frozen weights are sliced and reordered once, and afresh when their values change (loading others).
TEST(ConvolutionOfParts, FollowsFrozenWeightsThatChange) {
    torch::manual_seed(12);
    torch::NoGradGuard noGrad;
    const std::vector<torch::Tensor> parts = randomParts({16, 16}, 5);
    const torch::Tensor weight = channelsLast(torch::randn({8, 32, 1, 1}));
    const torch::Tensor bias = torch::randn({8});
    if (!inferenceConvolutionOfPartsSupported(parts, weight, bias, {}, {true, 0.0}))
        GTEST_SKIP() << "this build has no oneDNN headers: the concatenation is made instead";
    for (int pass = 0; pass < 2; ++pass) {
        EXPECT_LT(relativeError(inferenceConvolutionOfParts(parts, weight, bias, {}, {true, 0.0}),
                                concatenatedThenConvolved(parts, weight, bias, true)),
                  1e-5)
            << pass;
    }
    weight.copy_(torch::randn({8, 32, 1, 1}));
    EXPECT_LT(relativeError(inferenceConvolutionOfParts(parts, weight, bias, {}, {true, 0.0}),
                            concatenatedThenConvolved(parts, weight, bias, true)),
              1e-5);
}

// Each part's sum is rounded to bfloat16 before the next part adds to it: a rounding more than one
// convolution of the concatenation, within what precision bf16's check allows its features (1e-2).
TEST(ConvolutionOfParts, InBfloat16StaysNearTheConcatenationsConvolution) {
    torch::manual_seed(13);
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> parts = randomParts({64, 64}, 13);
    for (torch::Tensor& part : parts) part = torch::relu(part).to(torch::kBFloat16);
    const torch::Tensor weight = channelsLast(torch::randn({16, 128, 1, 1}) * 0.1).to(torch::kBFloat16);
    const torch::Tensor bias = torch::randn({16});
    if (!inferenceConvolutionOfPartsSupported(parts, weight, bias, {}, {true, 0.0}))
        GTEST_SKIP()
            << "no oneDNN bfloat16 convolution on this CPU or build: the concatenation is made instead";
    const torch::Tensor summed = inferenceConvolutionOfParts(parts, weight, bias, {}, {true, 0.0});
    EXPECT_EQ(summed.scalar_type(), torch::kBFloat16);
    std::vector<torch::Tensor> wide;
    for (const torch::Tensor& part : parts) wide.push_back(part.to(torch::kFloat));
    EXPECT_LT(relativeError(summed, concatenatedThenConvolved(wide, weight.to(torch::kFloat), bias, true)),
              1e-2);
}

TEST(ConvolutionOfParts, RefusesWhatIsNotOneConcatenation) {
    const std::vector<torch::Tensor> parts = randomParts({8, 8}, 6);
    const torch::Tensor weight = channelsLast(torch::randn({4, 16, 1, 1}));
    const OutputRelu relu{true, 0.0};
    EXPECT_FALSE(inferenceConvolutionOfPartsSupported({parts[0]}, weight.narrow(1, 0, 8), {}, {}, relu));
    EXPECT_FALSE(
        inferenceConvolutionOfPartsSupported(parts, channelsLast(torch::randn({4, 24, 1, 1})), {}, {}, relu));
    EXPECT_FALSE(inferenceConvolutionOfPartsSupported({parts[0], channelsLast(torch::randn({3, 8, 5, 6}))},
                                                      weight, {}, {}, relu));  // another width
    EXPECT_FALSE(inferenceConvolutionOfPartsSupported({parts[0], torch::randn({3, 8, 6, 6})}, weight, {}, {},
                                                      relu));  // not channels-last
    EXPECT_FALSE(
        inferenceConvolutionOfPartsSupported({parts[0], parts[1].to(torch::kDouble)}, weight, {}, {}, relu));
}

}  // namespace
}  // namespace tlw
