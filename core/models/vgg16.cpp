// Everything specific to VGG16, as keras.applications.vgg16 builds it: layer names, sizes and the
// published ImageNet weight files.
#include <string>

#include "core/models/architecture.h"
#include "core/models/layer_builder.h"

namespace tlw {
namespace {

constexpr int kFiltersPerBlock[] = {64, 128, 256, 512, 512};
constexpr int kConvsPerBlock[] = {2, 2, 3, 3, 3};

const char* const kWeightsBaseUrl = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/";

}  // namespace

Architecture vgg16Architecture(bool includeTop) {
    Architecture architecture;
    architecture.kind = BackboneKind::Vgg16;
    architecture.includeTop = includeTop;
    architecture.modelName = "vgg16";
    // The tutorial's fine_tune_at = 16: block5_conv2, block5_conv3 (and the top, when there is one) train.
    architecture.fineTunePresets = {{FineTuneExtent::KerasTutorial, "block5_conv2"},
                                    {FineTuneExtent::LastBlock, "block5_conv1"},
                                    {FineTuneExtent::LastTwoBlocks, "block4_conv1"}};
    architecture.fineTuneFromLayer = "block5_conv2";
    architecture.gradCamLayer = "block5_conv3";

    LayerSpec input;
    input.name = "input_1";
    input.kind = LayerKind::Input;
    input.group = "input";
    appendLayer(architecture, input);

    for (int block = 0; block < 5; ++block) {
        const std::string blockName = "block" + std::to_string(block + 1);
        for (int conv = 0; conv < kConvsPerBlock[block]; ++conv) {
            LayerSpec layer;
            layer.name = blockName + "_conv" + std::to_string(conv + 1);
            layer.kind = LayerKind::Conv2D;
            layer.group = blockName;
            layer.units = kFiltersPerBlock[block];
            layer.kernel = 3;
            layer.padding = Padding::Same;
            layer.activation = Activation::Relu;
            appendLayer(architecture, layer);
        }
        LayerSpec pool;
        pool.name = blockName + "_pool";
        pool.kind = LayerKind::MaxPooling2D;
        pool.group = blockName;
        pool.kernel = 2;
        pool.stride = 2;
        appendLayer(architecture, pool);
    }

    if (includeTop) {
        LayerSpec flatten;
        flatten.name = "flatten";
        flatten.kind = LayerKind::Flatten;
        flatten.group = "top";
        appendLayer(architecture, flatten);
        for (const char* name : {"fc1", "fc2"}) {
            LayerSpec dense;
            dense.name = name;
            dense.kind = LayerKind::Dense;
            dense.group = "top";
            dense.units = 4096;
            dense.activation = Activation::Relu;
            appendLayer(architecture, dense);
        }
        LayerSpec predictions;
        predictions.name = "predictions";
        predictions.kind = LayerKind::Dense;
        predictions.group = "top";
        predictions.units = 1000;
        predictions.activation = Activation::Softmax;
        appendLayer(architecture, predictions);
    }
    return architecture;
}

KerasWeightsFile vgg16WeightsFile(bool includeTop) {
    KerasWeightsFile file;
    if (includeTop) {
        file.fileName = "vgg16_weights_tf_dim_ordering_tf_kernels.h5";
        file.md5 = "64373286793e3c8b2b4e3219cbf3544b";
        file.size = 553467096;
    } else {
        file.fileName = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
        file.md5 = "6d6bbae143d832006294945121d1f1fc";
        file.size = 58889256;
    }
    file.url = kWeightsBaseUrl + file.fileName;
    return file;
}

}  // namespace tlw
