#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/models/backbone.h"
#include "core/models/image_size.h"
#include "core/models/layer_info.h"

// A backbone as a Keras functional graph: one LayerSpec per entry of Keras's model.layers, in that order.
// Everything that differs between the backbones is data in one of these, written once per backbone
// (vgg16.cpp, squeezenet.cpp, mobilenet.cpp, mobilenet_v2.cpp, resnet50.cpp, efficientnet_b0.cpp); the layer
// list, the LibTorch module and the Keras weight mapping are all derived from it. Torch-free.
namespace tlw {

enum class LayerKind {
    Input,
    Conv2D,
    MaxPooling2D,
    Activation,
    Concatenate,
    Dropout,
    Flatten,
    Dense,
    BatchNormalization,
    DepthwiseConv2D,
    ZeroPadding2D,
    ReLU,
    Add,  // the element-wise sum of its inputs (ResNet's residual connection)
    // EfficientNet: its in-model input scaling, and squeeze-and-excitation inside each block.
    Rescaling,      // x * scale (one factor, or one per channel)
    Normalization,  // (x - mean) / sqrt(variance), per channel, from the weights file (not trained)
    GlobalAveragePooling2D,
    Reshape,   // (None, C) -> (None, 1, 1, C), as the squeeze-and-excitation's Reshape
    Multiply,  // the element-wise product, the second input broadcast over rows and columns
};
// TensorFlow's "same" keeps ceil(side / stride); for stride 2 the extra row and column go bottom and right.
enum class Padding { Valid, Same };
enum class Activation { Linear, Relu, Softmax, Swish, Sigmoid };

struct LayerSpec {
    std::string name;  // Keras layer name, also the LibTorch child's name
    LayerKind kind = LayerKind::Input;
    std::vector<int> inbound;  // indices of the layers feeding this one (empty for the input)
    std::string group;         // freezing unit: "block1", "fire2", "top", ...
    int units = 0;             // Conv2D filters, Dense units
    int kernel = 0;            // Conv2D kernel side, MaxPooling2D pool side
    int stride = 1;
    Padding padding = Padding::Valid;
    Activation activation = Activation::Linear;  // Conv2D/Dense fused activation, or an Activation layer's
    double rate = 0.0;                           // Dropout rate
    bool perSample =
        false;  // Dropout with noise_shape (None, 1, 1, 1): whole samples (EfficientNet's drop-connect)
    std::vector<double> scale;  // Rescaling: one factor, or one per channel
    bool useBias = true;        // Conv2D, DepthwiseConv2D (MobileNet's have none)
    double epsilon = 1e-3;      // BatchNormalization: Keras's defaults (ResNet: 1.001e-5)
    double momentum = 0.99;     //   (PyTorch's momentum is 1 - this)
    double maxValue = 0.0;      // ReLU layer: the cap (6 for ReLU6), 0 for none
    int padTop = 0;             // ZeroPadding2D ((top, bottom), (left, right))
    int padBottom = 0;
    int padLeft = 0;
    int padRight = 0;
    // ZeroPadding2D as Keras's imagenet_utils.correct_pad(x, kernel) (MobileNetV2, EfficientNet): kernel / 2
    // after, and one less before on an even side, so that a stride-2 "valid" window covers the map as
    // TensorFlow's "same" would. Keras fixes it when it builds the model for an input size; here it follows
    // the size that arrives.
    bool correctPad = false;
};

// Keras preprocess_input modes. The data pipeline always delivers "caffe" images (BGR, mean-free); a "tf"
// backbone converts them at its input layer, so caches, augmentation and inference stay one code path.
// "none": the backbone takes RGB in 0..255 and normalises inside the model (EfficientNet).
enum class Preprocessing { Caffe, Tf, None };

struct Architecture {
    BackboneKind kind = BackboneKind::Vgg16;
    bool includeTop = false;
    std::string modelName;  // Keras's model.name
    std::vector<LayerSpec> layers;
    // The input size the layer list is sized for; with a Flatten (VGG16's top) the only one accepted.
    ImageSize nominalInputSize{224, 224};
    int minimumInputSide = kMinimumInputSide;
    // The fine-tuning presets, fewest trainable layers first: where each starts training (layers before it
    // stay frozen, it and every later one train). Each starts a block, where one tensor is live, so the
    // frozen part before it can be cached.
    std::vector<FineTunePreset> fineTunePresets;
    // The usual fine-tuning among them (the Model page's main button, the default second phase).
    std::string fineTuneFromLayer;
    // Grad-CAM's layer (core/infer/grad_cam.h): the output of the last convolutional block, the last map
    // that still keeps where things are. Keras's usual choice; the layer after it is a cut point.
    std::string gradCamLayer;
    Preprocessing preprocessing = Preprocessing::Caffe;
    // Whether precision auto runs this backbone's frozen pass (and training) in bf16 on a CPU with bf16
    // arithmetic: false where bf16 measured slower or its features too far from fp32's (docs/BENCHMARKS.md,
    // "Cache pass of each backbone").
    bool bf16ByDefault = true;

    bool hasFlatten() const;
};

// The architecture of a backbone; throws tlw::Error when includeTop is asked of a backbone without a top.
Architecture backboneArchitecture(BackboneKind kind, bool includeTop);

// Each backbone's specifics, in one file per backbone.
Architecture vgg16Architecture(bool includeTop);
KerasWeightsFile vgg16WeightsFile(bool includeTop);
Architecture squeezeNet11Architecture();
KerasWeightsFile squeezeNet11WeightsFile();
// MobileNet v1 at width multiplier alpha (0.25, 0.5, 0.75 or 1.0).
Architecture mobileNetArchitecture(BackboneKind kind);
KerasWeightsFile mobileNetWeightsFile(BackboneKind kind);
// MobileNetV2 at width multiplier alpha (0.35, 0.5, 0.75, 1.0, 1.3 or 1.4).
Architecture mobileNetV2Architecture(BackboneKind kind);
KerasWeightsFile mobileNetV2WeightsFile(BackboneKind kind);
Architecture resNet50Architecture();
KerasWeightsFile resNet50WeightsFile();
Architecture efficientNetB0Architecture();
KerasWeightsFile efficientNetB0WeightsFile();

// "caffe", "tf", "none": the names Keras and model files use.
std::string preprocessingId(Preprocessing preprocessing);
// Throws tlw::Error for another name.
Preprocessing parsePreprocessing(const std::string& text);

// TensorFlow's "same" padding on one axis: {before, after}, the odd pixel after.
struct SidePadding {
    int before = 0;
    int after = 0;
};
SidePadding tfSamePadding(int64_t side, int kernel, int stride);

// What a ZeroPadding2D layer adds around a height x width map: its fixed padding, or correct_pad's.
struct ZeroPaddingSides {
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;
};
ZeroPaddingSides zeroPaddingOf(const LayerSpec& layer, int64_t height, int64_t width);

// Keras type names: "InputLayer", "Conv2D", ...
std::string kerasTypeName(LayerKind kind);

// Output shapes (channels last, batch -1) and parameter counts for an input size, as Keras computes them.
// Throws tlw::Error when a layer's output would be empty (input too small).
std::vector<LayerInfo> inferLayerInfos(const Architecture& architecture, ImageSize inputSize);

// Layer boundaries where exactly one tensor is live: k is a cut point when the layers k.. need nothing
// computed before k except the output of layer k-1. 0 and layers.size() are always cut points; inside a
// SqueezeNet fire module, between the branches and the concatenation, there is none, nor inside a ResNet
// residual block, where the block's input stays live until its Add.
std::vector<int> cutPoints(const Architecture& architecture);

}  // namespace tlw
