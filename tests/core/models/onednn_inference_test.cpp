#include "core/models/onednn_inference.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "core/models/backbone_module.h"
#include "core/train/feature_cache.h"

namespace tlw {
namespace {

// The largest difference relative to the largest value of the reference.
double relativeError(const torch::Tensor& value, const torch::Tensor& reference) {
    return ((value - reference).abs().max() / reference.abs().max()).item<double>();
}

torch::Tensor channelsLast(const torch::Tensor& x) { return x.contiguous(at::MemoryFormat::ChannelsLast); }

struct ConvolutionCase {
    const char* name;
    int64_t in, out, kernel, side;
    ConvolutionWindow window;
    bool bias;
};

class InferenceConvolution : public ::testing::TestWithParam<ConvolutionCase> {};

// LibTorch's conv2d over the padded input, then the ReLU: what the fused kernel replaces.
torch::Tensor reference(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b,
                        const ConvolutionWindow& window, OutputRelu relu) {
    const torch::Tensor padded =
        at::constant_pad_nd(x, {window.padLeft, window.padRight, window.padTop, window.padBottom}, 0.0);
    const torch::Tensor y = torch::conv2d(padded, w, b, window.stride);
    if (!relu.relu) return y;
    return relu.cap > 0 ? y.clamp(0.0, relu.cap) : torch::relu(y);
}

TEST_P(InferenceConvolution, IsLibTorchsConvolutionThenTheRelu) {
    const ConvolutionCase c = GetParam();
    torch::manual_seed(3);
    const torch::Tensor x = channelsLast(torch::randn({3, c.in, c.side, c.side}));
    const torch::Tensor w = channelsLast(torch::randn({c.out, c.in, c.kernel, c.kernel}) * 0.2);
    const torch::Tensor b = c.bias ? torch::randn({c.out}) : torch::Tensor();
    torch::NoGradGuard noGrad;
    for (const OutputRelu relu : {OutputRelu{}, OutputRelu{true, 0.0}, OutputRelu{true, 6.0}}) {
        if (!inferenceConvolutionSupported(x, w, b, c.window, relu))
            GTEST_SKIP() << "this build has no oneDNN headers: LibTorch's convolution runs instead";
        const torch::Tensor fused = inferenceConvolution(x, w, b, c.window, relu);
        const torch::Tensor expected = reference(x, w, b, c.window, relu);
        ASSERT_EQ(fused.sizes(), expected.sizes()) << c.name;
        EXPECT_TRUE(fused.is_contiguous(at::MemoryFormat::ChannelsLast)) << c.name;
        EXPECT_LT(relativeError(fused, expected), 1e-5)
            << c.name << ", relu " << relu.relu << " cap " << relu.cap;
        if (relu.relu) {
            EXPECT_GE(fused.min().item<float>(), 0.0f) << c.name;
        }
        if (relu.cap > 0) {
            EXPECT_LE(fused.max().item<float>(), relu.cap) << c.name;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, InferenceConvolution,
    ::testing::Values(ConvolutionCase{"SqueezeNet's 1x1 squeeze", 64, 16, 1, 13, {}, true},
                      ConvolutionCase{"SqueezeNet's conv1, 3x3 stride 2 valid", 3, 8, 3, 31, {2}, true},
                      // Keras's "same" with stride 2 on an even side pads one more bottom and right.
                      ConvolutionCase{"stride 2 same, even side", 5, 6, 3, 16, {2, 0, 1, 0, 1}, false},
                      ConvolutionCase{"3x3 same, 16 channels", 16, 24, 3, 11, {1, 1, 1, 1, 1}, true}),
    [](const ::testing::TestParamInfo<ConvolutionCase>& info) { return std::to_string(info.index); });

// The frozen pass in precision bf16 runs a copy of the backbone converted to bfloat16: LibTorch's
// convolution then computes in bfloat16 (accumulating in float32) and rounds its result once, as this does.
TEST(InferenceConvolution, Bfloat16IsLibTorchsBfloat16ConvolutionThenTheRelu) {
    torch::manual_seed(5);
    const torch::Tensor x = channelsLast(torch::randn({2, 32, 14, 14})).to(torch::kBFloat16);
    const torch::Tensor w = channelsLast(torch::randn({48, 32, 3, 3}) * 0.1).to(torch::kBFloat16);
    const torch::Tensor b = torch::randn({48}).to(torch::kBFloat16);
    const ConvolutionWindow same{1, 1, 1, 1, 1};
    const OutputRelu relu{true, 0.0};
    torch::NoGradGuard noGrad;
    if (!inferenceConvolutionSupported(x, w, b, same, relu))
        GTEST_SKIP() << "no oneDNN bfloat16 convolution on this CPU or build: LibTorch's runs instead";
    const torch::Tensor fused = inferenceConvolution(x, w, b, same, relu);
    EXPECT_EQ(fused.scalar_type(), torch::kBFloat16);
    EXPECT_TRUE(fused.is_contiguous(at::MemoryFormat::ChannelsLast));
    const torch::Tensor expected = reference(x, w, b, same, relu);
    ASSERT_EQ(fused.sizes(), expected.sizes());
    // One rounding to bfloat16 (8 bits of mantissa) apart at most: the bias is added before it here.
    EXPECT_LT(relativeError(fused.to(torch::kFloat), expected.to(torch::kFloat)), 1e-2);
    EXPECT_GE(fused.min().item<float>(), 0.0f);
    // Mixed types are LibTorch's to refuse.
    EXPECT_FALSE(inferenceConvolutionSupported(x, w.to(torch::kFloat), {}, same, relu));
}

TEST(InferenceConvolutionSupport, OnlyDenseChannelsLastUngroupedConvolutions) {
    const torch::Tensor w = channelsLast(torch::randn({4, 3, 3, 3}));
    const ConvolutionWindow window{1, 1, 1, 1, 1};
    const OutputRelu relu{true, 0.0};
    // NCHW, float64, a slice of a batch that is not dense, a depthwise weight: LibTorch's layer runs.
    EXPECT_FALSE(inferenceConvolutionSupported(torch::randn({2, 3, 8, 8}), w, {}, window, relu));
    EXPECT_FALSE(inferenceConvolutionSupported(channelsLast(torch::randn({2, 3, 8, 8})).to(torch::kDouble),
                                               w.to(torch::kDouble), {}, window, relu));
    EXPECT_FALSE(inferenceConvolutionSupported(channelsLast(torch::randn({2, 6, 8, 8})).narrow(1, 0, 3), w,
                                               {}, window, relu));
    EXPECT_FALSE(inferenceConvolutionSupported(channelsLast(torch::randn({2, 3, 8, 8})),
                                               channelsLast(torch::randn({3, 1, 3, 3})), {}, window, relu));
    // A window larger than the padded input has no output.
    EXPECT_FALSE(inferenceConvolutionSupported(channelsLast(torch::randn({2, 3, 2, 2})), w, {}, {1}, relu));
}

TEST(InferenceMaxPool, IsLibTorchsMaxPoolingWithoutIndices) {
    torch::manual_seed(4);
    torch::NoGradGuard noGrad;
    // SqueezeNet's 3x3 stride 2 over odd and even sides, VGG16's 2x2 stride 2 over an odd side (the last row
    // and column dropped, as Keras's "valid" does).
    for (const auto& [kernel, stride, side] :
         std::vector<std::tuple<int64_t, int64_t, int64_t>>{{3, 2, 55}, {3, 2, 14}, {2, 2, 15}, {2, 2, 2}}) {
        const torch::Tensor x = channelsLast(torch::randn({2, 20, side, side}));
        if (!inferenceMaxPoolSupported(x, kernel, stride))
            GTEST_SKIP() << "this build has no oneDNN headers: LibTorch's max pooling runs instead";
        const torch::Tensor pooled = inferenceMaxPool(x, kernel, stride);
        EXPECT_TRUE(torch::equal(pooled, torch::max_pool2d(x, kernel, stride))) << kernel << " " << side;
        EXPECT_TRUE(pooled.is_contiguous(at::MemoryFormat::ChannelsLast));
        // A maximum is one of its inputs: in bfloat16 too, bit for bit.
        const torch::Tensor half = x.to(torch::kBFloat16);
        ASSERT_TRUE(inferenceMaxPoolSupported(half, kernel, stride));
        const torch::Tensor pooledHalf = inferenceMaxPool(half, kernel, stride);
        EXPECT_EQ(pooledHalf.scalar_type(), torch::kBFloat16);
        EXPECT_TRUE(torch::equal(pooledHalf, torch::max_pool2d(half, kernel, stride)))
            << kernel << " " << side;
    }
    EXPECT_FALSE(inferenceMaxPoolSupported(torch::randn({2, 20, 8, 8}), 2, 2));  // NCHW
    EXPECT_FALSE(
        inferenceMaxPoolSupported(channelsLast(torch::randn({2, 20, 2, 2})), 3, 2));  // no window fits
}

// The frozen pass (the cache's inference copy: channels-last, BNs folded, nothing recorded) against the
// training module with every layer run on its own (a gradient recorded, so nothing fuses).
torch::Tensor layerByLayer(BackboneModule& module, const torch::Tensor& images, int toLayer) {
    return module.forwardRange(images.clone().requires_grad_(), 0, toLayer).detach();
}

torch::Tensor frozenPass(const BackboneModule& module, const torch::Tensor& images, int toLayer,
                         Precision precision = Precision::Float32) {
    const auto copy = inferenceCopy(module, toLayer, precision);
    c10::InferenceMode inference;
    torch::Tensor input = channelsLast(images);
    if (precision == Precision::BFloat16) input = input.to(torch::kBFloat16);
    return copy->forwardRange(input, 0, toLayer).to(torch::kFloat);
}

// The backbone of the parameter with seeded random weights, in eval mode, and two seeded images.
class FusedReluInTheFrozenPass : public ::testing::TestWithParam<BackboneKind> {
protected:
    void SetUp() override {
        torch::manual_seed(6);
        module = BackboneModule::create(GetParam(), false);
        module->eval();
        images = torch::rand({2, 3, 64, 64}) * 255 - 120;
        layers = module->layerCount();
    }

    std::shared_ptr<BackboneModule> module;
    torch::Tensor images;
    int layers = 0;
};

TEST_P(FusedReluInTheFrozenPass, GivesTheLayerByLayerFeatures) {
    const torch::Tensor fused = frozenPass(*module, images, layers);
    const torch::Tensor separate = layerByLayer(*module, images, layers);
    ASSERT_EQ(fused.sizes(), separate.sizes());
    EXPECT_LT(relativeError(fused, separate), 1e-4);
}

// Precision bf16's pass, its convolutions and poolings through oneDNN too, stays within what bfloat16's
// rounding at each of the backbone's layers costs (precision auto's check asks 1e-2 of the features).
TEST_P(FusedReluInTheFrozenPass, InBfloat16StaysNearTheFloat32Features) {
    const torch::Tensor half = frozenPass(*module, images, layers, Precision::BFloat16);
    const torch::Tensor full = frozenPass(*module, images, layers);
    ASSERT_EQ(half.sizes(), full.sizes());
    EXPECT_LT(((half - full).norm() / full.norm()).item<double>(), 5e-2);
}

INSTANTIATE_TEST_SUITE_P(Backbones, FusedReluInTheFrozenPass,
                         ::testing::Values(BackboneKind::SqueezeNet11, BackboneKind::Vgg16,
                                           BackboneKind::MobileNet100, BackboneKind::ResNet50),
                         [](const ::testing::TestParamInfo<BackboneKind>& info) {
                             std::string name = backboneId(info.param);
                             std::replace(name.begin(), name.end(), '.', '_');
                             return name;
                         });

// At 32x32 SqueezeNet's fire6-9 run on 1x1 maps, where LibTorch's strides of a channels-last tensor need not
// be oneDNN's canonical ones; one image, where the same holds for the batch.
TEST(FusedReluInTheFrozenPass, OnePixelMapsAndOneImage) {
    torch::manual_seed(8);
    const auto module = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    module->eval();
    for (const int64_t batch : {1, 3}) {
        const torch::Tensor images = torch::rand({batch, 3, 32, 32}) * 255 - 120;
        const int layers = module->layerCount();
        const torch::Tensor fused = frozenPass(*module, images, layers);
        ASSERT_EQ(fused.size(2), 1);
        EXPECT_LT(relativeError(fused, layerByLayer(*module, images, layers)), 1e-4) << batch;
    }
}

// SqueezeNet's Fire modules hand their concatenation to the next squeeze part by part (unmade), through the
// max poolings between two of them: a pass ending at any layer, at a concatenation, a pooling of one or a
// squeeze before its ReLU included, gives that layer's output.
TEST(FusedReluInTheFrozenPass, EveryLayerOfSqueezeNetEndsAPassWithItsOwnOutput) {
    torch::manual_seed(9);
    const auto module = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    module->eval();
    const torch::Tensor images = torch::rand({2, 3, 48, 48}) * 255 - 120;
    for (int toLayer = 2; toLayer <= module->layerCount(); ++toLayer) {
        const std::string name = module->architecture().layers[static_cast<size_t>(toLayer - 1)].name;
        EXPECT_LT(relativeError(frozenPass(*module, images, toLayer), layerByLayer(*module, images, toLayer)),
                  1e-4)
            << name;
    }
}

TEST(FusedReluInTheFrozenPass, APassThatEndsBeforeTheReluReturnsTheConvolutionsOwnOutput) {
    torch::manual_seed(7);
    const auto module = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    module->eval();
    const torch::Tensor images = torch::rand({2, 3, 64, 64}) * 255 - 120;
    const int conv1 = module->layerIndex("conv1");
    ASSERT_EQ(module->layerIndex("relu_conv1"), conv1 + 1);
    const torch::Tensor beforeRelu = frozenPass(*module, images, conv1 + 1);
    EXPECT_LT(beforeRelu.min().item<float>(), 0.0f);
    EXPECT_LT(relativeError(beforeRelu, layerByLayer(*module, images, conv1 + 1)), 1e-5);
    const torch::Tensor afterRelu = frozenPass(*module, images, conv1 + 2);
    EXPECT_TRUE(torch::equal(afterRelu, torch::relu(beforeRelu)));
}

}  // namespace
}  // namespace tlw
