#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/models/image_size.h"
#include "core/models/layer_info.h"

// The pretrained CNNs the workbench offers, described without LibTorch: what the GUI's model page and
// `tlw summary` need. The LibTorch modules live in core/models/backbone_module.h (core-internal).
namespace tlw {

// MobileNet v1 comes in Keras's four published widths (alpha), MobileNetV2 in six; each is its own kind, as
// each has its own weights file and layer shapes.
enum class BackboneKind {
    Vgg16,
    SqueezeNet11,
    MobileNet025,
    MobileNet050,
    MobileNet075,
    MobileNet100,
    ResNet50,
    MobileNetV2_035,
    MobileNetV2_050,
    MobileNetV2_075,
    MobileNetV2_100,
    MobileNetV2_130,
    MobileNetV2_140,
    EfficientNetB0,
};

std::vector<BackboneKind> allBackbones();

// Stable ids used on the command line, in model files and settings: "vgg16", "squeezenet",
// "mobilenet_0.25" ... "mobilenet_1.00", "resnet50", "mobilenet_v2_0.35" ... "mobilenet_v2_1.40",
// "efficientnet_b0".
std::string backboneId(BackboneKind kind);
// For people: "VGG16", "SqueezeNet v1.1", "MobileNet (alpha 0.25)", "ResNet50", "EfficientNetB0".
std::string backboneDisplayName(BackboneKind kind);
// Keras's model.name, the title of its summary: "vgg16", "squeezenet", "mobilenet_0.25_224".
std::string kerasModelName(BackboneKind kind);
// Accepts the ids above (case-insensitive), "squeezenet11"/"squeezenet1.1", "mobilenet" and "mobilenet_v2"
// (alpha 1.0, as Keras); throws tlw::Error listing them.
BackboneKind parseBackboneKind(const std::string& text);
// The same with Keras's `alpha` (--alpha): "mobilenet" with 0.25 is MobileNet025. Throws tlw::Error for an
// alpha Keras publishes no weights for, or for a backbone that has no alpha.
BackboneKind parseBackboneKind(const std::string& text, std::optional<double> alpha);
// The width multiplier of a MobileNet or MobileNetV2 kind; empty for backbones without one.
std::optional<double> backboneAlpha(BackboneKind kind);
// Keras preprocess_input's mode for the backbone: "caffe" (VGG16, SqueezeNet, ResNet50), "tf" (MobileNet,
// MobileNetV2) or "none" (EfficientNet: RGB 0..255, normalised inside the model).
std::string backbonePreprocessingId(BackboneKind kind);
// Whether the backbone has BatchNormalization layers (all but VGG16 and SqueezeNet): where updating their
// statistics while fine-tuning is a choice to offer.
bool backboneHasBatchNorm(BackboneKind kind);

// Whether the ImageNet classifier (Keras include_top=True) is available for this backbone.
bool backboneHasTop(BackboneKind kind);

// The smallest input side the convolutional base accepts (Keras: 32 for VGG16).
constexpr int kMinimumInputSide = 32;
// The largest input side a run accepts: VGG16's first activations for a batch of 32 at 2048x2048 already
// take 34 GB. Beyond it a size is a typo, not a plan.
constexpr int kMaximumInputSide = 2048;
// The only input size the ImageNet top accepts (its first Dense layer is sized for it).
constexpr ImageSize kTopInputSize{224, 224};

// Keras's model.layers for this backbone, one LayerInfo per layer with Keras's names, types, output shapes
// (for this input size) and parameter counts; every layer trainable. Throws tlw::Error when the size is
// below kMinimumInputSide, when includeTop is asked with another size than kTopInputSize, or when the
// backbone has no top.
std::vector<LayerInfo> describeBackbone(BackboneKind kind, ImageSize inputSize, bool includeTop);

// How much of a backbone a fine-tuning preset trains, named as users say it.
enum class FineTuneExtent {
    LastBlock,      // the last block (VGG16 block5, ResNet50 conv5_block3, SqueezeNet fire9)
    KerasTutorial,  // VGG16's fine_tune_at = 16 in Keras's transfer-learning tutorial
    LastTwoBlocks,
    LastStage,      // the blocks at the smallest resolution
    LastTwoStages,  // the blocks at the two smallest resolutions
};
struct FineTunePreset {
    FineTuneExtent extent = FineTuneExtent::LastBlock;
    std::string fromLayer;  // the first layer it trains
};

// "last-block", "keras-tutorial", "last-two-blocks", "last-stage", "last-two-stages".
std::string fineTuneExtentId(FineTuneExtent extent);
// Throws tlw::Error for another name.
FineTuneExtent parseFineTuneExtent(const std::string& id);

// A backbone's presets, resolved to Keras's fine_tune_at.
struct FineTuneChoice {
    FineTunePreset preset;
    int fineTuneAt = 0;  // the index of preset.fromLayer: layers[:fineTuneAt] stay frozen
    bool isDefault = false;
};
std::vector<FineTuneChoice> fineTuneChoices(BackboneKind kind, bool includeTop);
// The preset's fine_tune_at; throws tlw::Error naming the backbone's presets when it has no such one.
int fineTuneAtOf(BackboneKind kind, bool includeTop, FineTuneExtent extent);

// Keras's fine_tune_at for the backbone's usual fine-tuning: the index K of the layer it starts training at
// (layers[:K] stay frozen). 16 (block5_conv2) for VGG16, 48 (fire8) for SqueezeNet, 165 (conv5_block3) for
// ResNet50; the same with the top.
int fineTunePreset(BackboneKind kind, bool includeTop);
// The name of that layer: "block5_conv2", "fire8/squeeze1x1".
std::string fineTunePresetLayer(BackboneKind kind);

// The layer list as Keras's summary shows it: the last layer's output shape, e.g. (None, 7, 7, 512).
std::vector<int64_t> backboneOutputShape(BackboneKind kind, ImageSize inputSize, bool includeTop);

// A published Keras weights file for a backbone.
struct KerasWeightsFile {
    std::string fileName;  // the name Keras caches it under in ~/.keras/models/
    std::string url;       // empty when there is no official download
    std::string md5;       // Keras's file_hash (lower-case hex), empty when unknown
    int64_t size = 0;      // bytes, 0 when unknown
};

// The ImageNet weights file for the base (includeTop false) or the full model. Throws tlw::Error when the
// backbone has no such file (SqueezeNet with top).
KerasWeightsFile kerasWeightsFile(BackboneKind kind, bool includeTop);

}  // namespace tlw
