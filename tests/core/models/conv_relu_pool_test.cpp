#include "core/models/conv_relu_pool.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/models/backbone_module.h"
#include "core/models/classifier_module.h"
#include "core/models/freeze_spec.h"
#include "core/models/sparse_pool_backward.h"
#include "core/models/winograd_convolution.h"
#include "core/train/mixed_precision.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/setting_scope.h"

namespace tlw {
namespace {

// Sets the process-wide policy for one test and puts back what was there.
class PolicyScope : public test::SettingScope<SparsePoolBackward> {
public:
    explicit PolicyScope(SparsePoolBackward policy)
        : SettingScope(&sparsePoolBackward, &setSparsePoolBackward, policy) {}
};

struct Gradients {
    torch::Tensor output, input, weight, bias;
};

// A small block end with the cases the pooling's and the ReLU's backward must get right: output channel 0 is
// the same positive value everywhere (every pooling window a tie, the gradient to its first position),
// channel 1 is negative everywhere (the ReLU passes nothing), and the input is half zeros.
struct BlockEnd {
    explicit BlockEnd(int64_t side, int64_t batch = 2) {
        torch::manual_seed(3);
        input = torch::randn({batch, 32, side, side}).relu_().contiguous(at::MemoryFormat::ChannelsLast);
        weight = torch::randn({20, 32, 3, 3}) * 0.1;
        bias = torch::randn({20}) * 0.1;
        torch::NoGradGuard noGrad;
        weight[0].zero_();
        weight[1].zero_();
        bias[0] = 0.5;
        bias[1] = -1.0;
        const int64_t pooled = side / 2;
        upstream = torch::randn({batch, 20, pooled, pooled});
    }

    // relu(conv) then pooling, as the layers one by one (fused false) or through the node; the gradients of
    // the sum of the output times upstream.
    Gradients run(bool fused, bool inputNeedsGradient = true) const {
        const torch::Tensor x = input.detach().clone().requires_grad_(inputNeedsGradient);
        const torch::Tensor w = weight.detach().clone().requires_grad_();
        const torch::Tensor b = bias.detach().clone().requires_grad_();
        torch::Tensor output;
        if (fused) {
            output = convReluPool(x, w, b, 2);
        } else {
            // The convolution the layers one by one run in a backbone: Winograd where it applies.
            const torch::Tensor activated = torch::relu(convolve3x3(x, w, b));
            output = torch::max_pool2d(activated, 2, 2);
        }
        (output.to(torch::kFloat32) * upstream).sum().backward();
        return {output.detach(), inputNeedsGradient ? x.grad() : torch::Tensor(), w.grad(), b.grad()};
    }

    torch::Tensor input, weight, bias, upstream;
};

void expectClose(const torch::Tensor& actual, const torch::Tensor& expected, double tolerance,
                 const std::string& what) {
    ASSERT_TRUE(actual.defined()) << what;
    EXPECT_EQ(actual.sizes(), expected.sizes()) << what;
    EXPECT_EQ(actual.scalar_type(), expected.scalar_type()) << what;
    const torch::Tensor a = actual.to(torch::kFloat32);
    const torch::Tensor e = expected.to(torch::kFloat32);
    const double scale = e.abs().max().item<double>();
    ASSERT_GT(scale, 0.0) << what;
    EXPECT_LT((a - e).abs().max().item<double>(), tolerance * scale) << what;
}

TEST(ConvReluPool, Fp32ForwardIsTheLayersAndGradientsAreAutogradsDenseOnes) {
    for (const int64_t side : {6, 7}) {  // 7: the last row and column fall outside every pooling window
        const BlockEnd block(side);
        const Gradients dense = block.run(false);
        const Gradients fused = block.run(true);
        EXPECT_TRUE(torch::equal(fused.output, dense.output)) << side;
        expectClose(fused.input, dense.input, 1e-5, "input " + std::to_string(side));
        expectClose(fused.weight, dense.weight, 1e-5, "weight " + std::to_string(side));
        expectClose(fused.bias, dense.bias, 1e-5, "bias " + std::to_string(side));
        // The channel that is negative everywhere gets nothing; the tied one gets its upstream gradients.
        EXPECT_EQ(fused.weight[1].abs().max().item<float>(), 0.0f);
        EXPECT_EQ(fused.bias[1].item<float>(), 0.0f);
        EXPECT_NEAR(fused.bias[0].item<float>(), block.upstream.select(1, 0).sum().item<float>(), 1e-4);
    }
}

TEST(ConvReluPool, WithoutAnInputGradientOnlyTheWeightsGetOne) {
    const BlockEnd block(6);
    const Gradients dense = block.run(false, false);
    const Gradients fused = block.run(true, false);
    EXPECT_FALSE(fused.input.defined());
    expectClose(fused.weight, dense.weight, 1e-5, "weight");
    expectClose(fused.bias, dense.bias, 1e-5, "bias");
}

TEST(ConvReluPool, Bf16UnderAutocastMatchesTheDenseBf16Backward) {
    const BlockEnd block(6, 4);
    const Bf16AutocastScope autocast(true);
    const Gradients dense = block.run(false);
    const Gradients fused = block.run(true);
    EXPECT_EQ(fused.output.scalar_type(), torch::kBFloat16);
    EXPECT_TRUE(torch::equal(fused.output, dense.output));
    // Both sum in float32 from the same bfloat16 values; the dense backward rounds its weight gradient (and
    // the input gradient) to bfloat16 on the way, the fused one only the input gradient.
    expectClose(fused.input, dense.input, 1e-2, "input");
    expectClose(fused.weight, dense.weight, 1e-2, "weight");
    expectClose(fused.bias, dense.bias, 1e-2, "bias");
}

// VGG16 fine-tuned at 16 on block5_conv1's output for 64 x 64 images (512 x 4 x 4): block5_conv3 and
// block5_pool are the pattern, block5_conv2 (read by a convolution) is not.
class ConvReluPoolInVgg16 : public ::testing::Test {
protected:
    static constexpr int kCut = 16;

    void SetUp() override {
        m_module = test::vgg16FineTunedAt(kCut, 64);
        m_input = torch::randn({4, 512, 4, 4}).relu_();
        m_labels = torch::tensor(std::vector<int64_t>{0, 1, 1, 0}, torch::kLong);
    }

    struct Step {
        torch::Tensor logits;
        std::string poolNode;  // the autograd node that made block5_pool's output
        std::vector<torch::Tensor> gradients;
    };
    Step step(SparsePoolBackward policy, Precision precision) {
        const PolicyScope scope(policy);
        m_module->zero_grad();
        Step result;
        const torch::Tensor pooled = backboneForward(*m_module, m_input, kCut, precision);
        result.poolNode = pooled.grad_fn() ? pooled.grad_fn()->name() : "";
        result.logits = m_module->headForward(pooled.to(torch::kFloat32));
        m_module->perImageLoss(result.logits, m_labels).mean().backward();
        for (const torch::Tensor& parameter : m_module->trainableParameters())
            result.gradients.push_back(parameter.grad().clone());
        return result;
    }

    std::shared_ptr<ClassifierModule> m_module;
    torch::Tensor m_input;
    torch::Tensor m_labels;
};

TEST_F(ConvReluPoolInVgg16, Fp32TrainsThroughTheFusedNodeWithTheDenseGradients) {
    const Step dense = step(SparsePoolBackward::Never, Precision::Float32);
    const Step automatic = step(SparsePoolBackward::Auto, Precision::Float32);
    EXPECT_EQ(dense.poolNode.find("ConvReluPool"), std::string::npos) << dense.poolNode;
    // Without AVX-512 the layers run one by one.
    EXPECT_EQ(automatic.poolNode.find("ConvReluPool") != std::string::npos, sparsePoolBackwardSupported());
    EXPECT_TRUE(torch::equal(automatic.logits, dense.logits));
    ASSERT_EQ(automatic.gradients.size(), 6u);  // block5_conv2, block5_conv3 and the Dense: weight and bias
    for (size_t i = 0; i < automatic.gradients.size(); ++i)
        expectClose(automatic.gradients[i], dense.gradients[i], 1e-5, "parameter " + std::to_string(i));
}

TEST_F(ConvReluPoolInVgg16, Bf16TrainsThroughTheFusedNodeWithTheDenseGradients) {
    const Step dense = step(SparsePoolBackward::Never, Precision::BFloat16);
    const Step automatic = step(SparsePoolBackward::Auto, Precision::BFloat16);
    EXPECT_EQ(dense.poolNode.find("ConvReluPool"), std::string::npos) << dense.poolNode;
    EXPECT_EQ(automatic.poolNode.find("ConvReluPool") != std::string::npos, sparsePoolBackwardSupported());
    EXPECT_TRUE(torch::equal(automatic.logits, dense.logits));
    for (size_t i = 0; i < dense.gradients.size(); ++i) {
        EXPECT_EQ(automatic.gradients[i].scalar_type(), torch::kFloat32);
        expectClose(automatic.gradients[i], dense.gradients[i], 2e-2, "parameter " + std::to_string(i));
    }
}

TEST_F(ConvReluPoolInVgg16, WithoutGradientsTheLayersRunOneByOne) {
    const PolicyScope scope(SparsePoolBackward::Always);
    torch::Tensor withGradients = backboneForward(*m_module, m_input, kCut, Precision::Float32);
    torch::NoGradGuard noGrad;
    const torch::Tensor without = backboneForward(*m_module, m_input, kCut, Precision::Float32);
    EXPECT_FALSE(without.requires_grad());
    EXPECT_TRUE(torch::equal(without, withGradients.detach()));
}

TEST(ConvReluPool, TheSparseBackwardRunsOnlyOnMapsItWasMeasuredOn) {
    EXPECT_TRUE(sparseBackwardPays(32, 14, 14));     // block5_conv3 at 224, batch 32
    EXPECT_TRUE(sparseBackwardPays(8, 28, 28));      // block4_conv3 at 224, batch 8
    EXPECT_FALSE(sparseBackwardPays(32, 28, 28));    // block4_conv3 at 224, batch 32
    EXPECT_FALSE(sparseBackwardPays(32, 224, 224));  // block1_conv2
    EXPECT_FALSE(sparseBackwardPays(1, 224, 224));
}

}  // namespace
}  // namespace tlw
