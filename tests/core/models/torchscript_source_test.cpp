#include "core/models/torchscript_source.h"

#include <gtest/gtest.h>

#include "core/models/architecture.h"

namespace tlw {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(TorchScriptSource, SqueezeNetConcatenatesFireBranchesAndPools) {
    const Architecture architecture = squeezeNet11Architecture();
    HeadSpec head;
    head.classCount = 5;
    const TorchScriptProgram program =
        classifierTorchScript(architecture, static_cast<int>(architecture.layers.size()), head, {48, 48});
    EXPECT_TRUE(
        contains(program.source, "torch.conv2d(x0, self.conv1_weight, self.conv1_bias, [2, 2], [0, 0])"))
        << program.source;
    EXPECT_TRUE(contains(program.source, "torch.max_pool2d(x2, [3, 3], [2, 2])")) << program.source;
    // fire2/expand3x3 is "same": one pixel of padding.
    EXPECT_TRUE(
        contains(program.source, "self.fire2_expand3x3_weight, self.fire2_expand3x3_bias, [1, 1], [1, 1])"));
    EXPECT_TRUE(contains(program.source, "torch.cat([x8, x9], 1)")) << program.source;
    EXPECT_TRUE(contains(program.source, "torch.mean(")) << program.source;
    EXPECT_TRUE(contains(program.source, "return torch.softmax(logits, 1)"));
    EXPECT_TRUE(contains(program.source, "x.size(2) != 48 or x.size(3) != 48"));
    // Two per conv layer (conv1 and three per fire module), then the head.
    ASSERT_EQ(program.parameters.size(), (1u + 8 * 3) * 2 + 2);
    EXPECT_EQ(program.parameters[2],
              (std::pair<std::string, std::string>{"fire2_squeeze1x1_weight", "fire2/squeeze1x1.weight"}));
    EXPECT_EQ(program.parameters.back().second, "head/dense.bias");
}

TEST(TorchScriptSource, Vgg16TopFlattensAndSkipsPoolingWithASigmoidHead) {
    const Architecture architecture = vgg16Architecture(true);
    HeadSpec head;
    head.classCount = 2;
    head.imageNetTop = true;
    const int backboneEnd = static_cast<int>(architecture.layers.size()) - 1;  // without `predictions`
    const TorchScriptProgram program = classifierTorchScript(architecture, backboneEnd, head, {224, 224});
    EXPECT_TRUE(contains(program.source, "x19 = torch.flatten(x18, 1)")) << program.source;
    EXPECT_TRUE(
        contains(program.source, "x20 = torch.relu(torch.linear(x19, self.fc1_weight, self.fc1_bias))"));
    EXPECT_FALSE(contains(program.source, "predictions"));
    EXPECT_FALSE(contains(program.source, "torch.mean("));
    EXPECT_TRUE(contains(program.source, "logits = torch.linear(x21, self.head_dense_weight"));
    EXPECT_TRUE(contains(program.source, "torch.sigmoid(logits.reshape([-1, 1]))"));
}

}  // namespace
}  // namespace tlw
