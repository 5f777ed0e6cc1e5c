// Everything specific to MobileNetV2, as keras.applications.mobilenet_v2.MobileNetV2(include_top=False,
// alpha=A) builds it today: layer names and their order, the inverted residual blocks as freezing units, the
// published weights files.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>

#include "core/models/architecture.h"
#include "core/models/layer_builder.h"
#include "core/util/error.h"

namespace tlw {
namespace {

// _inverted_res_block's arguments, blocks 0..16: filters (before alpha), stride, expansion.
struct BlockConfig {
    int filters;
    int stride;
    int expansion;
};

constexpr BlockConfig kBlocks[] = {{16, 1, 1}, {24, 2, 6},  {24, 1, 6},  {32, 2, 6},  {32, 1, 6}, {32, 1, 6},
                                   {64, 2, 6}, {64, 1, 6},  {64, 1, 6},  {64, 1, 6},  {96, 1, 6}, {96, 1, 6},
                                   {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6}};

const char* const kWeightsBaseUrl =
    "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";

// Keras's _make_divisible(v, 8): the nearest multiple of 8, at least 8, never more than 10% below v.
int makeDivisible(double value) {
    constexpr int kDivisor = 8;
    int rounded = std::max(kDivisor, static_cast<int>(value + kDivisor / 2.0) / kDivisor * kDivisor);
    if (rounded < 0.9 * value) rounded += kDivisor;
    return rounded;
}

// MobileNetV2's BatchNormalization: epsilon 1e-3, momentum 0.999 (not Keras's default 0.99).
LayerSpec batchNorm(const std::string& name, const std::string& group) {
    LayerSpec layer = namedLayer(name, LayerKind::BatchNormalization, group);
    layer.momentum = 0.999;
    return layer;
}

// _inverted_res_block: (1x1 expansion, BN, ReLU6 unless block 0), [correct_pad], 3x3 depthwise, BN, ReLU6,
// 1x1 projection, BN, and an Add of the block's input when the shape stays (stride 1, as many channels).
// Block 0 has no expansion and is named "expanded_conv_". Returns the block's last layer.
int appendBlock(Architecture& architecture, int id, const BlockConfig& block, double alpha, int inChannels) {
    const int input = static_cast<int>(architecture.layers.size()) - 1;
    const std::string group = "block_" + std::to_string(id);
    const std::string prefix = id == 0 ? "expanded_conv_" : group + "_";
    const int projected = makeDivisible(static_cast<int>(block.filters * alpha));
    if (id != 0) {
        appendLayer(architecture, convolution(prefix + "expand", LayerKind::Conv2D, group,
                                              block.expansion * inChannels, 1, 1, Padding::Same));
        appendLayer(architecture, batchNorm(prefix + "expand_BN", group));
        appendLayer(architecture, relu6(prefix + "expand_relu", group));
    }
    if (block.stride == 2) {
        // imagenet_utils.correct_pad(x, 3): ((1 - even rows, 1), (1 - even columns, 1)), from the input size.
        LayerSpec pad = namedLayer(prefix + "pad", LayerKind::ZeroPadding2D, group);
        pad.correctPad = true;
        pad.kernel = 3;
        appendLayer(architecture, pad);
    }
    appendLayer(architecture, convolution(prefix + "depthwise", LayerKind::DepthwiseConv2D, group, 0, 3,
                                          block.stride, block.stride == 2 ? Padding::Valid : Padding::Same));
    appendLayer(architecture, batchNorm(prefix + "depthwise_BN", group));
    appendLayer(architecture, relu6(prefix + "depthwise_relu", group));
    appendLayer(architecture,
                convolution(prefix + "project", LayerKind::Conv2D, group, projected, 1, 1, Padding::Same));
    const int last = appendLayer(architecture, batchNorm(prefix + "project_BN", group));
    if (inChannels != projected || block.stride != 1) return last;
    return appendLayer(architecture, namedLayer(prefix + "add", LayerKind::Add, group), {input, last});
}

// Python's str(float(alpha)) in the weights file names: "0.35", "1.0", "1.3".
std::string alphaFileText(double alpha) {
    char text[16];
    std::snprintf(text, sizeof text, "%g", alpha);
    std::string written = text;
    return written.find('.') == std::string::npos ? written + ".0" : written;
}

double alphaOf(BackboneKind kind) {
    const std::optional<double> alpha = backboneAlpha(kind);
    if (!alpha) throw Error(backboneDisplayName(kind) + " is not a MobileNetV2");
    return *alpha;
}

}  // namespace

Architecture mobileNetV2Architecture(BackboneKind kind) {
    const double alpha = alphaOf(kind);
    Architecture architecture;
    architecture.kind = kind;
    architecture.includeTop = false;
    architecture.modelName = "mobilenetv2_" + alphaName(alpha) + "_224";
    architecture.preprocessing = Preprocessing::Tf;
    // bf16 features were 0.33 relative L2 from fp32's (seeded weights, 224): too far to be a default.
    architecture.bf16ByDefault = false;
    // The last stage trains: blocks 13 to 16 and Conv_1, at the smallest resolution (most of the weights).
    // Stages by resolution: blocks 6 to 12 at 14x14 (224 input), 13 to 16 at 7x7.
    architecture.fineTunePresets = {{FineTuneExtent::LastBlock, "block_16_expand"},
                                    {FineTuneExtent::LastStage, "block_13_expand"},
                                    {FineTuneExtent::LastTwoStages, "block_6_expand"}};
    architecture.fineTuneFromLayer = "block_13_expand";
    architecture.gradCamLayer = "out_relu";

    appendLayer(architecture, namedLayer("input_1", LayerKind::Input, "input"));
    int channels = makeDivisible(32 * alpha);
    appendLayer(architecture,
                convolution("Conv1", LayerKind::Conv2D, "Conv1", channels, 3, 2, Padding::Same));
    appendLayer(architecture, batchNorm("bn_Conv1", "Conv1"));
    appendLayer(architecture, relu6("Conv1_relu", "Conv1"));
    for (size_t index = 0; index < std::size(kBlocks); ++index) {
        appendBlock(architecture, static_cast<int>(index), kBlocks[index], alpha, channels);
        channels = makeDivisible(static_cast<int>(kBlocks[index].filters * alpha));
    }
    // No alpha below 1 on the last convolution, as the paper says; above 1 it widens too.
    const int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha) : 1280;
    appendLayer(architecture,
                convolution("Conv_1", LayerKind::Conv2D, "Conv_1", lastFilters, 1, 1, Padding::Valid));
    appendLayer(architecture, batchNorm("Conv_1_bn", "Conv_1"));
    appendLayer(architecture, relu6("out_relu", "Conv_1"));
    return architecture;
}

// Keras's mobilenet_v2.py downloads these with get_file() and no file_hash: it publishes no checksum, so a
// file is checked by its layer names and shapes only. Weights exist for 224x224 input (rows 224) among
// others.
KerasWeightsFile mobileNetV2WeightsFile(BackboneKind kind) {
    KerasWeightsFile file;
    file.fileName =
        "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_" + alphaFileText(alphaOf(kind)) + "_224_no_top.h5";
    file.url = kWeightsBaseUrl + file.fileName;
    return file;
}

}  // namespace tlw
