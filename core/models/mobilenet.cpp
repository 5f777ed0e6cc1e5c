// Everything specific to MobileNet v1, as keras.applications.mobilenet.MobileNet(include_top=False,
// alpha=A) builds it today: layer names and order, blocks, the published weights files.
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>

#include "core/models/architecture.h"
#include "core/models/layer_builder.h"
#include "core/util/error.h"

namespace tlw {
namespace {

// _depthwise_conv_block's pointwise filters (before alpha) and strides, blocks 1..13.
struct BlockConfig {
    int filters;
    int stride;
};

constexpr BlockConfig kBlocks[] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},  {512, 2}, {512, 1},
                                   {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

const char* const kWeightsBaseUrl = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/";

// Keras's alpha_text in the weights file names.
std::string alphaText(double alpha) {
    if (alpha == 1.0) return "1_0";
    if (alpha == 0.75) return "7_5";
    if (alpha == 0.5) return "5_0";
    return "2_5";
}

double alphaOf(BackboneKind kind) {
    const std::optional<double> alpha = backboneAlpha(kind);
    if (!alpha) throw Error(backboneDisplayName(kind) + " is not a MobileNet");
    return *alpha;
}

// _depthwise_conv_block: a stride-2 block pads ((0, 1), (0, 1)) itself and convolves "valid".
void appendBlock(Architecture& architecture, int id, const BlockConfig& block, double alpha) {
    const std::string n = std::to_string(id);
    const std::string group = "block" + n;
    const bool strided = block.stride != 1;
    if (strided) {
        LayerSpec pad = namedLayer("conv_pad_" + n, LayerKind::ZeroPadding2D, group);
        pad.padBottom = 1;
        pad.padRight = 1;
        appendLayer(architecture, pad);
    }
    appendLayer(architecture, convolution("conv_dw_" + n, LayerKind::DepthwiseConv2D, group, 0, 3,
                                          block.stride, strided ? Padding::Valid : Padding::Same));
    appendLayer(architecture, namedLayer("conv_dw_" + n + "_bn", LayerKind::BatchNormalization, group));
    appendLayer(architecture, relu6("conv_dw_" + n + "_relu", group));
    appendLayer(architecture, convolution("conv_pw_" + n, LayerKind::Conv2D, group,
                                          static_cast<int>(block.filters * alpha), 1, 1, Padding::Same));
    appendLayer(architecture, namedLayer("conv_pw_" + n + "_bn", LayerKind::BatchNormalization, group));
    appendLayer(architecture, relu6("conv_pw_" + n + "_relu", group));
}

}  // namespace

Architecture mobileNetArchitecture(BackboneKind kind) {
    const double alpha = alphaOf(kind);
    Architecture architecture;
    architecture.kind = kind;
    architecture.includeTop = false;
    architecture.modelName = "mobilenet_" + alphaName(alpha) + "_224";
    architecture.preprocessing = Preprocessing::Tf;
    // bf16 features cost accuracy and buy little time: with the real alpha 0.25 weights the exact head on
    // hymenoptera_data reached 0.824 on bf16 features against 0.843 on fp32 ones, and the pass ran at 60
    // against 72 images/s (alpha 1.0: 37 against 31). docs/BENCHMARKS.md, "Cache pass of each backbone".
    architecture.bf16ByDefault = false;
    // The last stage trains: blocks 12 and 13, at the smallest resolution (half of the weights).
    // Stages by resolution: blocks 6 to 11 at 14x14 (224 input), 12 and 13 at 7x7.
    architecture.fineTunePresets = {{FineTuneExtent::LastBlock, "conv_dw_13"},
                                    {FineTuneExtent::LastStage, "conv_pad_12"},
                                    {FineTuneExtent::LastTwoStages, "conv_pad_6"}};
    architecture.fineTuneFromLayer = "conv_pad_12";
    architecture.gradCamLayer = "conv_pw_13_relu";

    LayerSpec input = namedLayer("input_1", LayerKind::Input, "input");
    architecture.layers.push_back(input);
    // _conv_block: 32 filters, 3x3, stride 2, TensorFlow "same" (the odd row and column bottom and right).
    appendLayer(architecture, convolution("conv1", LayerKind::Conv2D, "conv1", static_cast<int>(32 * alpha),
                                          3, 2, Padding::Same));
    appendLayer(architecture, namedLayer("conv1_bn", LayerKind::BatchNormalization, "conv1"));
    appendLayer(architecture, relu6("conv1_relu", "conv1"));
    for (size_t index = 0; index < std::size(kBlocks); ++index)
        appendBlock(architecture, static_cast<int>(index) + 1, kBlocks[index], alpha);
    return architecture;
}

// Keras's mobilenet.py downloads these with get_file() and no file_hash: it publishes no checksum, so a
// file is checked by its layer names and shapes only.
KerasWeightsFile mobileNetWeightsFile(BackboneKind kind) {
    KerasWeightsFile file;
    file.fileName = "mobilenet_" + alphaText(alphaOf(kind)) + "_224_tf_no_top.h5";
    file.url = kWeightsBaseUrl + file.fileName;
    return file;
}

}  // namespace tlw
