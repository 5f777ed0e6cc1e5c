// Everything specific to ResNet50, as keras.applications.resnet.ResNet50(include_top=False) builds it today
// (ResNet with stack1/block1, not the V2 variant): layer names and their order in model.layers, the residual
// blocks as freezing units, the published weights file.
#include <string>
#include <vector>

#include "core/models/architecture.h"
#include "core/models/layer_builder.h"

namespace tlw {
namespace {

// stack1(x, filters, blocks, stride1): conv2 keeps the resolution (the max pooling already halved it).
struct StageConfig {
    int id;
    int filters;
    int blocks;
    int stride;
};

constexpr StageConfig kStages[] = {{2, 64, 3, 1}, {3, 128, 4, 2}, {4, 256, 6, 2}, {5, 512, 3, 2}};

// Keras's ResNet() passes epsilon=1.001e-5 to every BatchNormalization (the default would be 1e-3).
constexpr double kBatchNormEpsilon = 1.001e-5;

const char* const kWeightsBaseUrl = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/";

// ResNet50's convolutions keep their bias (use_bias=True), although a BN follows each.
LayerSpec conv(const std::string& name, const std::string& group, int filters, int kernel, int stride,
               Padding padding = Padding::Valid) {
    LayerSpec layer = namedLayer(name, LayerKind::Conv2D, group);
    layer.units = filters;
    layer.kernel = kernel;
    layer.stride = stride;
    layer.padding = padding;
    return layer;
}

LayerSpec batchNorm(const std::string& name, const std::string& group) {
    LayerSpec layer = namedLayer(name, LayerKind::BatchNormalization, group);
    layer.epsilon = kBatchNormEpsilon;
    return layer;
}

LayerSpec relu(const std::string& name, const std::string& group) {
    LayerSpec layer = namedLayer(name, LayerKind::Activation, group);
    layer.activation = Activation::Relu;
    return layer;
}

LayerSpec zeroPadding(const std::string& name, const std::string& group, int padding) {
    LayerSpec layer = namedLayer(name, LayerKind::ZeroPadding2D, group);
    layer.padTop = layer.padBottom = layer.padLeft = layer.padRight = padding;
    return layer;
}

// Keras's block1: 1x1 (strided) -> 3x3 "same" -> 1x1 to 4 x filters, each with BN, added to the shortcut
// (the input, or a strided 1x1 projection with BN in a stage's first block), then ReLU. Keras orders
// model.layers by depth, so the projection's layers come after the main path's second ReLU, interleaved with
// the last convolution and its BN: ..._2_relu, _0_conv, _3_conv, _0_bn, _3_bn, _add, _out. Returns _out.
int appendBlock(Architecture& architecture, const std::string& name, int filters, int stride,
                bool convShortcut, int input) {
    const std::string& group = name;
    int x = appendLayer(architecture, conv(name + "_1_conv", group, filters, 1, stride), {input});
    x = appendLayer(architecture, batchNorm(name + "_1_bn", group), {x});
    x = appendLayer(architecture, relu(name + "_1_relu", group), {x});
    x = appendLayer(architecture, conv(name + "_2_conv", group, filters, 3, 1, Padding::Same), {x});
    x = appendLayer(architecture, batchNorm(name + "_2_bn", group), {x});
    x = appendLayer(architecture, relu(name + "_2_relu", group), {x});
    int shortcut = input;
    if (convShortcut) {
        shortcut = appendLayer(architecture, conv(name + "_0_conv", group, 4 * filters, 1, stride), {input});
        x = appendLayer(architecture, conv(name + "_3_conv", group, 4 * filters, 1, 1), {x});
        shortcut = appendLayer(architecture, batchNorm(name + "_0_bn", group), {shortcut});
        x = appendLayer(architecture, batchNorm(name + "_3_bn", group), {x});
    } else {
        x = appendLayer(architecture, conv(name + "_3_conv", group, 4 * filters, 1, 1), {x});
        x = appendLayer(architecture, batchNorm(name + "_3_bn", group), {x});
    }
    // Add([shortcut, x]): the shortcut is the first input, as Keras's "Connected to" lists it.
    x = appendLayer(architecture, namedLayer(name + "_add", LayerKind::Add, group), {shortcut, x});
    return appendLayer(architecture, relu(name + "_out", group), {x});
}

}  // namespace

Architecture resNet50Architecture() {
    Architecture architecture;
    architecture.kind = BackboneKind::ResNet50;
    architecture.includeTop = false;
    architecture.modelName = "resnet50";
    architecture.preprocessing = Preprocessing::Caffe;
    // The last residual block trains (conv5_block3: 4.5 million weights, a fifth of the network, about the
    // share VGG16's preset trains); the BN layers before it stay frozen, in inference mode. The last stage
    // (conv5, 15 million weights) starts at conv5_block1_1_conv, layer 143: Keras's fine_tune_at = 143.
    architecture.fineTunePresets = {{FineTuneExtent::LastBlock, "conv5_block3_1_conv"},
                                    {FineTuneExtent::LastStage, "conv5_block1_1_conv"},
                                    {FineTuneExtent::LastTwoStages, "conv4_block1_1_conv"}};
    architecture.fineTuneFromLayer = "conv5_block3_1_conv";
    architecture.gradCamLayer = "conv5_block3_out";

    int x = appendLayer(architecture, namedLayer("input_1", LayerKind::Input, "input"), {});
    // The stem: 7x7 stride 2 on a 3-pixel zero border, then 3x3 stride 2 max pooling on a 1-pixel one.
    x = appendLayer(architecture, zeroPadding("conv1_pad", "conv1", 3), {x});
    x = appendLayer(architecture, conv("conv1_conv", "conv1", 64, 7, 2), {x});
    x = appendLayer(architecture, batchNorm("conv1_bn", "conv1"), {x});
    x = appendLayer(architecture, relu("conv1_relu", "conv1"), {x});
    x = appendLayer(architecture, zeroPadding("pool1_pad", "conv1", 1), {x});
    LayerSpec pool = namedLayer("pool1_pool", LayerKind::MaxPooling2D, "conv1");
    pool.kernel = 3;
    pool.stride = 2;
    x = appendLayer(architecture, pool, {x});
    for (const StageConfig& stage : kStages) {
        for (int block = 1; block <= stage.blocks; ++block) {
            const std::string name = "conv" + std::to_string(stage.id) + "_block" + std::to_string(block);
            x = appendBlock(architecture, name, stage.filters, block == 1 ? stage.stride : 1, block == 1, x);
        }
    }
    return architecture;
}

// Keras's resnet.py: BASE_WEIGHTS_PATH + file name, checked with WEIGHTS_HASHES["resnet50"][1] (an MD5).
KerasWeightsFile resNet50WeightsFile() {
    KerasWeightsFile file;
    file.fileName = "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";
    file.url = kWeightsBaseUrl + file.fileName;
    file.md5 = "4d473c1dd8becc155b73f8504c6f6626";
    // Not in Keras's sources: the length its download progress reports for this file.
    file.size = 94765736;
    return file;
}

}  // namespace tlw
