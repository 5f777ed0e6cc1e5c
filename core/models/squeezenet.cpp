// Everything specific to SqueezeNet v1.1 as the keras-squeezenet package builds it (the layout of the
// real ImageNet weights in ../shared/weights): layer names and order, fire modules, the weights file.
#include <string>

#include "core/models/architecture.h"
#include "core/models/layer_builder.h"

namespace tlw {
namespace {

struct FireConfig {
    int id;
    int squeeze;
    int expand;
};

constexpr FireConfig kFires[] = {{2, 16, 64},  {3, 16, 64},  {4, 32, 128}, {5, 32, 128},
                                 {6, 48, 192}, {7, 48, 192}, {8, 64, 256}, {9, 64, 256}};

LayerSpec conv(const std::string& name, const std::string& group, int filters, int kernel, int stride,
               Padding padding) {
    LayerSpec layer;
    layer.name = name;
    layer.kind = LayerKind::Conv2D;
    layer.group = group;
    layer.units = filters;
    layer.kernel = kernel;
    layer.stride = stride;
    layer.padding = padding;
    return layer;
}

LayerSpec relu(const std::string& name, const std::string& group) {
    LayerSpec layer;
    layer.name = name;
    layer.kind = LayerKind::Activation;
    layer.group = group;
    layer.activation = Activation::Relu;
    return layer;
}

LayerSpec maxPool(const std::string& name, const std::string& group) {
    LayerSpec layer;
    layer.name = name;
    layer.kind = LayerKind::MaxPooling2D;
    layer.group = group;
    layer.kernel = 3;
    layer.stride = 2;
    return layer;
}

// squeeze 1x1 -> ReLU -> (expand 1x1 -> ReLU) and (expand 3x3 same -> ReLU) -> concatenate, 1x1 first. The
// order of the seven layers is the one Keras's model.layers lists (and the weights file's layer_names).
int appendFire(Architecture& architecture, const FireConfig& fire, int input) {
    const std::string group = "fire" + std::to_string(fire.id);
    const std::string prefix = group + "/";
    const int squeeze = appendLayer(
        architecture, conv(prefix + "squeeze1x1", group, fire.squeeze, 1, 1, Padding::Valid), {input});
    const int squeezeRelu = appendLayer(architecture, relu(prefix + "relu_squeeze1x1", group), {squeeze});
    const int expand1 = appendLayer(
        architecture, conv(prefix + "expand1x1", group, fire.expand, 1, 1, Padding::Valid), {squeezeRelu});
    const int expand3 = appendLayer(
        architecture, conv(prefix + "expand3x3", group, fire.expand, 3, 1, Padding::Same), {squeezeRelu});
    const int relu1 = appendLayer(architecture, relu(prefix + "relu_expand1x1", group), {expand1});
    const int relu3 = appendLayer(architecture, relu(prefix + "relu_expand3x3", group), {expand3});
    LayerSpec concat;
    concat.name = prefix + "concat";
    concat.kind = LayerKind::Concatenate;
    concat.group = group;
    return appendLayer(architecture, concat, {relu1, relu3});
}

}  // namespace

Architecture squeezeNet11Architecture() {
    Architecture architecture;
    architecture.kind = BackboneKind::SqueezeNet11;
    architecture.includeTop = false;
    architecture.modelName = "squeezenet";
    // The last two fire modules train (fire8, fire9): about the share of the weights VGG16's preset trains.
    // The last two stages: fire4 and fire5 after pool3, fire6 to fire9 after pool5.
    architecture.fineTunePresets = {{FineTuneExtent::LastBlock, "fire9/squeeze1x1"},
                                    {FineTuneExtent::LastTwoBlocks, "fire8/squeeze1x1"},
                                    {FineTuneExtent::LastTwoStages, "fire4/squeeze1x1"}};
    architecture.fineTuneFromLayer = "fire8/squeeze1x1";
    architecture.gradCamLayer = "fire9/concat";

    LayerSpec input;
    input.name = "input_1";
    input.kind = LayerKind::Input;
    input.group = "input";
    int last = appendLayer(architecture, input, {});
    last = appendLayer(architecture, conv("conv1", "conv1", 64, 3, 2, Padding::Valid), {last});
    last = appendLayer(architecture, relu("relu_conv1", "conv1"), {last});
    last = appendLayer(architecture, maxPool("pool1", "conv1"), {last});
    for (const FireConfig& fire : kFires) {
        last = appendFire(architecture, fire, last);
        // As VGG16's pools belong to their blocks, pool3 and pool5 belong to the fire module before them.
        if (fire.id == 3 || fire.id == 5) {
            last = appendLayer(architecture,
                               maxPool("pool" + std::to_string(fire.id), "fire" + std::to_string(fire.id)),
                               {last});
        }
    }
    LayerSpec dropout;
    dropout.name = "drop9";
    dropout.kind = LayerKind::Dropout;
    dropout.group = "fire9";
    dropout.rate = 0.5;
    appendLayer(architecture, dropout, {last});
    return architecture;
}

// No official Keras download exists for SqueezeNet: the file is found by discovery only (explicit path,
// $TLW_WEIGHTS_DIR, ~/.keras/models/, the app data folder). Its MD5 is that of the keras-squeezenet
// release file (the one in ../shared/weights), so a file found on disk can be checked if wanted.
KerasWeightsFile squeezeNet11WeightsFile() {
    KerasWeightsFile file;
    file.fileName = "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5";
    file.md5 = "80b66c92d79d4310e07fb60a297bf0d1";
    file.size = 3002560;
    return file;
}

}  // namespace tlw
