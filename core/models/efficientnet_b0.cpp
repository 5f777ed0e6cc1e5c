// Everything specific to EfficientNetB0, as keras.applications.efficientnet.EfficientNetB0(include_top=False,
// weights="imagenet") builds it: layer names and their order, the MBConv blocks as freezing units, the
// published weights file and its checksum.
#include <cmath>
#include <iterator>
#include <string>

#include "core/models/architecture.h"
#include "core/models/layer_builder.h"

namespace tlw {
namespace {

// DEFAULT_BLOCKS_ARGS, one entry per stage: kernel, repeats, filters in and out, expansion, stride. Every
// block has squeeze-and-excitation at ratio 0.25 and keeps its input (id_skip) where the shape allows. B0's
// width and depth coefficients are 1: round_filters and round_repeats change nothing.
struct StageConfig {
    int kernel;
    int repeats;
    int filtersIn;
    int filtersOut;
    int expansion;
    int stride;
};

constexpr StageConfig kStages[] = {{3, 1, 32, 16, 1, 1},  {3, 2, 16, 24, 6, 2},  {5, 2, 24, 40, 6, 2},
                                   {3, 3, 40, 80, 6, 2},  {5, 3, 80, 112, 6, 1}, {5, 4, 112, 192, 6, 2},
                                   {3, 1, 192, 320, 6, 1}};
constexpr double kSqueezeRatio = 0.25;
constexpr double kDropConnectRate = 0.2;

// IMAGENET_STDDEV_RGB: the Normalization layer divides by the square root of the variance the file stores;
// the second Rescaling divides by the square root of the standard deviation once more, as Keras does (see
// its efficientnet.py and tensorflow/tensorflow#49930).
constexpr double kImageNetStddevRgb[] = {0.229, 0.224, 0.225};

const char* const kWeightsBaseUrl = "https://storage.googleapis.com/keras-applications/";

LayerSpec activation(const std::string& name, const std::string& group, Activation function) {
    LayerSpec layer = namedLayer(name, LayerKind::Activation, group);
    layer.activation = function;
    return layer;
}

// Convolution, BatchNormalization and swish, the three-layer unit every stage starts from.
int appendConvUnit(Architecture& architecture, const LayerSpec& conv, const std::string& normName,
                   const std::string& activationName) {
    appendLayer(architecture, conv);
    appendLayer(architecture, namedLayer(normName, LayerKind::BatchNormalization, conv.group));
    return appendLayer(architecture, activation(activationName, conv.group, Activation::Swish));
}

// Squeeze and excitation on the depthwise output x (channels wide): average, two 1x1 convolutions with
// biases (swish, then sigmoid), and the product with x.
void appendSqueezeExcitation(Architecture& architecture, const std::string& prefix, const std::string& group,
                             int channels, int filtersIn) {
    const int x = static_cast<int>(architecture.layers.size()) - 1;
    const int squeezed = std::max(1, static_cast<int>(filtersIn * kSqueezeRatio));
    appendLayer(architecture, namedLayer(prefix + "se_squeeze", LayerKind::GlobalAveragePooling2D, group));
    appendLayer(architecture, namedLayer(prefix + "se_reshape", LayerKind::Reshape, group));
    LayerSpec reduce =
        convolution(prefix + "se_reduce", LayerKind::Conv2D, group, squeezed, 1, 1, Padding::Same);
    reduce.useBias = true;
    reduce.activation = Activation::Swish;
    appendLayer(architecture, reduce);
    LayerSpec expand =
        convolution(prefix + "se_expand", LayerKind::Conv2D, group, channels, 1, 1, Padding::Same);
    expand.useBias = true;
    expand.activation = Activation::Sigmoid;
    const int gate = appendLayer(architecture, expand);
    appendLayer(architecture, namedLayer(prefix + "se_excite", LayerKind::Multiply, group), {x, gate});
}

struct BlockConfig {
    std::string name;  // "block2a_"
    int kernel;
    int stride;
    int filtersIn;
    int filtersOut;
    int expansion;
    double dropRate;
};

// Keras's block(): [expansion], [correct_pad], depthwise, squeeze-and-excitation, projection, and where the
// shape stays, drop-connect (Dropout with noise_shape (None, 1, 1, 1)) and the Add of the block's input.
void appendBlock(Architecture& architecture, const BlockConfig& block) {
    const int input = static_cast<int>(architecture.layers.size()) - 1;
    const std::string& prefix = block.name;
    const std::string group = prefix.substr(0, prefix.size() - 1);
    const int channels = block.filtersIn * block.expansion;
    if (block.expansion != 1)
        appendConvUnit(
            architecture,
            convolution(prefix + "expand_conv", LayerKind::Conv2D, group, channels, 1, 1, Padding::Same),
            prefix + "expand_bn", prefix + "expand_activation");
    if (block.stride == 2) {
        LayerSpec pad = namedLayer(prefix + "dwconv_pad", LayerKind::ZeroPadding2D, group);
        pad.correctPad = true;
        pad.kernel = block.kernel;
        appendLayer(architecture, pad);
    }
    appendConvUnit(architecture,
                   convolution(prefix + "dwconv", LayerKind::DepthwiseConv2D, group, 0, block.kernel,
                               block.stride, block.stride == 2 ? Padding::Valid : Padding::Same),
                   prefix + "bn", prefix + "activation");
    appendSqueezeExcitation(architecture, prefix, group, channels, block.filtersIn);
    appendLayer(architecture, convolution(prefix + "project_conv", LayerKind::Conv2D, group, block.filtersOut,
                                          1, 1, Padding::Same));
    appendLayer(architecture, namedLayer(prefix + "project_bn", LayerKind::BatchNormalization, group));
    if (block.stride != 1 || block.filtersIn != block.filtersOut) return;
    if (block.dropRate > 0) {
        LayerSpec drop = namedLayer(prefix + "drop", LayerKind::Dropout, group);
        drop.rate = block.dropRate;
        drop.perSample = true;
        appendLayer(architecture, drop);
    }
    appendLayer(architecture, namedLayer(prefix + "add", LayerKind::Add, group),
                {static_cast<int>(architecture.layers.size()) - 1, input});
}

// Rescaling to 0..1, Normalization by the file's ImageNet statistics, Keras's second Rescaling.
void appendStem(Architecture& architecture) {
    appendLayer(architecture, namedLayer("input_1", LayerKind::Input, "input"));
    LayerSpec toUnit = namedLayer("rescaling", LayerKind::Rescaling, "input");
    toUnit.scale = {1.0 / 255.0};
    appendLayer(architecture, toUnit);
    appendLayer(architecture, namedLayer("normalization", LayerKind::Normalization, "input"));
    LayerSpec byDeviation = namedLayer("rescaling_1", LayerKind::Rescaling, "input");
    for (const double stddev : kImageNetStddevRgb) byDeviation.scale.push_back(1.0 / std::sqrt(stddev));
    appendLayer(architecture, byDeviation);
    LayerSpec pad = namedLayer("stem_conv_pad", LayerKind::ZeroPadding2D, "stem");
    pad.correctPad = true;
    pad.kernel = 3;
    appendLayer(architecture, pad);
    appendConvUnit(architecture,
                   convolution("stem_conv", LayerKind::Conv2D, "stem", 32, 3, 2, Padding::Valid), "stem_bn",
                   "stem_activation");
}

}  // namespace

Architecture efficientNetB0Architecture() {
    Architecture architecture;
    architecture.kind = BackboneKind::EfficientNetB0;
    architecture.includeTop = false;
    architecture.modelName = "efficientnetb0";
    architecture.preprocessing = Preprocessing::None;
    // Its depthwise and squeeze-and-excitation layers ran slower in bf16 than in fp32 (102 vs 119 images/s).
    architecture.bf16ByDefault = false;
    // The last two stages train (blocks 6a to 7a and top_conv): the 7x7 resolution, most of the weights.
    // Stage 7 is one block (block7a); stages 6 and 7 are the 7x7 resolution.
    architecture.fineTunePresets = {{FineTuneExtent::LastBlock, "block7a_expand_conv"},
                                    {FineTuneExtent::LastTwoStages, "block6a_expand_conv"}};
    architecture.fineTuneFromLayer = "block6a_expand_conv";
    architecture.gradCamLayer = "top_activation";
    appendStem(architecture);

    int blocksBefore = 0;
    int totalBlocks = 0;
    for (const StageConfig& stage : kStages) totalBlocks += stage.repeats;
    for (size_t stage = 0; stage < std::size(kStages); ++stage) {
        const StageConfig& config = kStages[stage];
        for (int repeat = 0; repeat < config.repeats; ++repeat, ++blocksBefore) {
            BlockConfig block;
            block.name = "block" + std::to_string(stage + 1) + static_cast<char>('a' + repeat) + "_";
            block.kernel = config.kernel;
            block.stride = repeat == 0 ? config.stride : 1;
            block.filtersIn = repeat == 0 ? config.filtersIn : config.filtersOut;
            block.filtersOut = config.filtersOut;
            block.expansion = config.expansion;
            block.dropRate = kDropConnectRate * blocksBefore / totalBlocks;
            appendBlock(architecture, block);
        }
    }
    appendConvUnit(architecture, convolution("top_conv", LayerKind::Conv2D, "top", 1280, 1, 1, Padding::Same),
                   "top_bn", "top_activation");
    return architecture;
}

// efficientnet.py's WEIGHTS_HASHES["b0"][1], an MD5 (get_file's "auto" takes 32 hex digits as MD5).
KerasWeightsFile efficientNetB0WeightsFile() {
    KerasWeightsFile file;
    file.fileName = "efficientnetb0_notop.h5";
    file.url = std::string(kWeightsBaseUrl) + file.fileName;
    file.md5 = "50bc09e76180e00e4465e1a485ddc09d";
    return file;
}

}  // namespace tlw
