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
    EXPECT_TRUE(contains(program.source, "z = logits.reshape([-1, 1])"));
    EXPECT_TRUE(contains(program.source, "torch.cat([torch.sigmoid(-z), torch.sigmoid(z)], 1)"));
}

TEST(TorchScriptSource, ResNet50AddsShortcutsAndKeepsTheExactEpsilon) {
    const Architecture architecture = resNet50Architecture();
    HeadSpec head;
    head.classCount = 3;
    const TorchScriptProgram program =
        classifierTorchScript(architecture, static_cast<int>(architecture.layers.size()), head, {64, 64});
    // conv2_block1_add: the projection's BN (15) plus the main path's (16); conv2_block2_add: the block's
    // input, conv2_block1_out (18), plus its last BN (26).
    EXPECT_TRUE(contains(program.source, "x17 = x15 + x16\n")) << program.source;
    EXPECT_TRUE(contains(program.source, "x27 = x18 + x26\n")) << program.source;
    EXPECT_TRUE(contains(program.source, "x1 = torch.constant_pad_nd(x0, [3, 3, 3, 3], 0.0)"));
    // Six decimals would make Keras's 1.001e-5 into 1e-5: the number must read back exactly.
    const std::string marker = "self.conv1_bn_running_var, False, 0.0, ";
    const size_t found = program.source.find(marker);
    ASSERT_NE(found, std::string::npos) << program.source;
    const size_t start = found + marker.size();
    EXPECT_EQ(std::stod(program.source.substr(start, program.source.find(',', start) - start)), 1.001e-5);
}

}  // namespace
}  // namespace tlw
