#include "core/models/backbone.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <sstream>

#include "core/models/architecture.h"
#include "core/util/error.h"

namespace tlw {

namespace {

struct AlphaKind {
    BackboneKind kind;
    double alpha;
    const char* text;  // as Keras names the model: mobilenet_%0.2f, mobilenetv2_%0.2f
};

constexpr AlphaKind kMobileNets[] = {{BackboneKind::MobileNet025, 0.25, "0.25"},
                                     {BackboneKind::MobileNet050, 0.50, "0.50"},
                                     {BackboneKind::MobileNet075, 0.75, "0.75"},
                                     {BackboneKind::MobileNet100, 1.00, "1.00"}};

constexpr AlphaKind kMobileNetV2s[] = {
    {BackboneKind::MobileNetV2_035, 0.35, "0.35"}, {BackboneKind::MobileNetV2_050, 0.50, "0.50"},
    {BackboneKind::MobileNetV2_075, 0.75, "0.75"}, {BackboneKind::MobileNetV2_100, 1.00, "1.00"},
    {BackboneKind::MobileNetV2_130, 1.30, "1.30"}, {BackboneKind::MobileNetV2_140, 1.40, "1.40"}};

// The widths of one network, as Keras publishes weights for them.
struct AlphaFamily {
    const char* id;           // the --backbone word and the ids' prefix: "mobilenet", "mobilenet_v2"
    const char* displayName;  // "MobileNet", "MobileNetV2"
    const AlphaKind* first;
    const AlphaKind* last;  // one past the end
    BackboneKind standard;  // alpha 1.0, Keras's default
};

const AlphaFamily kFamilies[] = {
    {"mobilenet", "MobileNet", std::begin(kMobileNets), std::end(kMobileNets), BackboneKind::MobileNet100},
    {"mobilenet_v2", "MobileNetV2", std::begin(kMobileNetV2s), std::end(kMobileNetV2s),
     BackboneKind::MobileNetV2_100}};

const AlphaFamily* familyOf(BackboneKind kind) {
    for (const AlphaFamily& family : kFamilies)
        for (const AlphaKind* entry = family.first; entry != family.last; ++entry)
            if (entry->kind == kind) return &family;
    return nullptr;
}

const AlphaKind* findAlphaKind(BackboneKind kind) {
    const AlphaFamily* family = familyOf(kind);
    if (family == nullptr) return nullptr;
    return std::find_if(family->first, family->last,
                        [kind](const AlphaKind& entry) { return entry.kind == kind; });
}

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

std::vector<BackboneKind> allBackbones() {
    return {BackboneKind::Vgg16,           BackboneKind::SqueezeNet11,    BackboneKind::MobileNet025,
            BackboneKind::MobileNet050,    BackboneKind::MobileNet075,    BackboneKind::MobileNet100,
            BackboneKind::ResNet50,        BackboneKind::MobileNetV2_035, BackboneKind::MobileNetV2_050,
            BackboneKind::MobileNetV2_075, BackboneKind::MobileNetV2_100, BackboneKind::MobileNetV2_130,
            BackboneKind::MobileNetV2_140, BackboneKind::EfficientNetB0};
}

std::optional<double> backboneAlpha(BackboneKind kind) {
    const AlphaKind* entry = findAlphaKind(kind);
    if (entry == nullptr) return std::nullopt;
    return entry->alpha;
}

std::string backbonePreprocessingId(BackboneKind kind) {
    return preprocessingId(backboneArchitecture(kind, false).preprocessing);
}

bool backboneHasBatchNorm(BackboneKind kind) {
    const Architecture architecture = backboneArchitecture(kind, false);
    return std::any_of(architecture.layers.begin(), architecture.layers.end(),
                       [](const LayerSpec& layer) { return layer.kind == LayerKind::BatchNormalization; });
}

std::string backboneId(BackboneKind kind) {
    switch (kind) {
        case BackboneKind::Vgg16:
            return "vgg16";
        case BackboneKind::ResNet50:
            return "resnet50";
        case BackboneKind::EfficientNetB0:
            return "efficientnet_b0";
        case BackboneKind::SqueezeNet11:
            return "squeezenet";
        case BackboneKind::MobileNet025:
        case BackboneKind::MobileNet050:
        case BackboneKind::MobileNet075:
        case BackboneKind::MobileNet100:
        case BackboneKind::MobileNetV2_035:
        case BackboneKind::MobileNetV2_050:
        case BackboneKind::MobileNetV2_075:
        case BackboneKind::MobileNetV2_100:
        case BackboneKind::MobileNetV2_130:
        case BackboneKind::MobileNetV2_140:
            return std::string(familyOf(kind)->id) + "_" + findAlphaKind(kind)->text;
    }
    return "unknown";
}

std::string backboneDisplayName(BackboneKind kind) {
    switch (kind) {
        case BackboneKind::Vgg16:
            return "VGG16";
        case BackboneKind::ResNet50:
            return "ResNet50";
        case BackboneKind::EfficientNetB0:
            return "EfficientNetB0";
        case BackboneKind::SqueezeNet11:
            return "SqueezeNet v1.1";
        case BackboneKind::MobileNet025:
        case BackboneKind::MobileNet050:
        case BackboneKind::MobileNet075:
        case BackboneKind::MobileNet100:
        case BackboneKind::MobileNetV2_035:
        case BackboneKind::MobileNetV2_050:
        case BackboneKind::MobileNetV2_075:
        case BackboneKind::MobileNetV2_100:
        case BackboneKind::MobileNetV2_130:
        case BackboneKind::MobileNetV2_140:
            return std::string(familyOf(kind)->displayName) + " (alpha " + findAlphaKind(kind)->text + ")";
    }
    return "unknown";
}

std::string kerasModelName(BackboneKind kind) { return backboneArchitecture(kind, false).modelName; }

BackboneKind parseBackboneKind(const std::string& text) {
    const std::string lower = lowerCase(text);
    if (lower == "vgg16") return BackboneKind::Vgg16;
    if (lower == "squeezenet" || lower == "squeezenet11" || lower == "squeezenet1.1" ||
        lower == "squeezenet1_1")
        return BackboneKind::SqueezeNet11;
    if (lower == "resnet50" || lower == "resnet_50" || lower == "resnet-50") return BackboneKind::ResNet50;
    if (lower == "mobilenetv2") return BackboneKind::MobileNetV2_100;
    if (lower == "efficientnet_b0" || lower == "efficientnetb0" || lower == "efficientnet-b0")
        return BackboneKind::EfficientNetB0;
    for (const AlphaFamily& family : kFamilies) {
        if (lower == family.id) return family.standard;
        for (const AlphaKind* entry = family.first; entry != family.last; ++entry)
            if (lower == backboneId(entry->kind)) return entry->kind;
    }
    std::string known;
    for (const BackboneKind kind : allBackbones()) known += (known.empty() ? "" : ", ") + backboneId(kind);
    throw Error("unknown backbone '" + text + "' (known: " + known + ")");
}

BackboneKind parseBackboneKind(const std::string& text, std::optional<double> alpha) {
    const BackboneKind kind = parseBackboneKind(text);
    if (!alpha) return kind;
    const AlphaFamily* family = familyOf(kind);
    if (family == nullptr)
        throw Error(backboneDisplayName(kind) +
                    " has no alpha (width multiplier); --alpha is for MobileNet and MobileNetV2");
    std::string known;
    for (const AlphaKind* entry = family->first; entry != family->last; ++entry) {
        if (std::abs(entry->alpha - *alpha) < 1e-9) return entry->kind;
        known += (known.empty() ? "" : ", ") + std::string(entry->text);
    }
    std::ostringstream given;
    given << *alpha;
    throw Error(std::string(family->displayName) + ": no ImageNet weights for alpha " + given.str() +
                " (Keras publishes " + known + ")");
}

bool backboneHasTop(BackboneKind kind) { return kind == BackboneKind::Vgg16; }

std::vector<LayerInfo> describeBackbone(BackboneKind kind, ImageSize inputSize, bool includeTop) {
    if (inputSize.height < kMinimumInputSide || inputSize.width < kMinimumInputSide) {
        throw Error(backboneDisplayName(kind) + ": input size " + toString(inputSize) +
                    " is below the minimum " + std::to_string(kMinimumInputSide) + "x" +
                    std::to_string(kMinimumInputSide));
    }
    if (includeTop && !backboneHasTop(kind))
        throw Error(backboneDisplayName(kind) + " is available without its ImageNet top only");
    if (includeTop && inputSize != kTopInputSize) {
        throw Error(backboneDisplayName(kind) + ": the ImageNet top needs a " + toString(kTopInputSize) +
                    " input, not " + toString(inputSize));
    }
    return inferLayerInfos(backboneArchitecture(kind, includeTop), inputSize);
}

std::vector<int64_t> backboneOutputShape(BackboneKind kind, ImageSize inputSize, bool includeTop) {
    return describeBackbone(kind, inputSize, includeTop).back().outputShape;
}

KerasWeightsFile kerasWeightsFile(BackboneKind kind, bool includeTop) {
    if (includeTop && !backboneHasTop(kind))
        throw Error(backboneDisplayName(kind) + " is available without its ImageNet top only");
    switch (kind) {
        case BackboneKind::Vgg16:
            return vgg16WeightsFile(includeTop);
        case BackboneKind::SqueezeNet11:
            return squeezeNet11WeightsFile();
        case BackboneKind::MobileNet025:
        case BackboneKind::MobileNet050:
        case BackboneKind::MobileNet075:
        case BackboneKind::MobileNet100:
            return mobileNetWeightsFile(kind);
        case BackboneKind::ResNet50:
            return resNet50WeightsFile();
        case BackboneKind::MobileNetV2_035:
        case BackboneKind::MobileNetV2_050:
        case BackboneKind::MobileNetV2_075:
        case BackboneKind::MobileNetV2_100:
        case BackboneKind::MobileNetV2_130:
        case BackboneKind::MobileNetV2_140:
            return mobileNetV2WeightsFile(kind);
        case BackboneKind::EfficientNetB0:
            return efficientNetB0WeightsFile();
    }
    throw Error("unknown backbone");
}

}  // namespace tlw
