#include "core/models/backbone.h"

#include <algorithm>
#include <cctype>

#include "core/models/architecture.h"
#include "core/util/error.h"

namespace tlw {

std::vector<BackboneKind> allBackbones() { return {BackboneKind::Vgg16, BackboneKind::SqueezeNet11}; }

std::string backboneId(BackboneKind kind) {
    switch (kind) {
        case BackboneKind::Vgg16:
            return "vgg16";
        case BackboneKind::SqueezeNet11:
            return "squeezenet";
    }
    return "unknown";
}

std::string backboneDisplayName(BackboneKind kind) {
    switch (kind) {
        case BackboneKind::Vgg16:
            return "VGG16";
        case BackboneKind::SqueezeNet11:
            return "SqueezeNet v1.1";
    }
    return "unknown";
}

std::string kerasModelName(BackboneKind kind) { return backboneArchitecture(kind, false).modelName; }

BackboneKind parseBackboneKind(const std::string& text) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "vgg16") return BackboneKind::Vgg16;
    if (lower == "squeezenet" || lower == "squeezenet11" || lower == "squeezenet1.1" ||
        lower == "squeezenet1_1")
        return BackboneKind::SqueezeNet11;
    std::string known;
    for (const BackboneKind kind : allBackbones()) known += (known.empty() ? "" : ", ") + backboneId(kind);
    throw Error("unknown backbone '" + text + "' (known: " + known + ")");
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

std::string fineTunePresetLayer(BackboneKind kind) {
    return backboneArchitecture(kind, false).fineTuneFromLayer;
}

int fineTunePreset(BackboneKind kind, bool includeTop) {
    const Architecture architecture = backboneArchitecture(kind, includeTop);
    const auto& layers = architecture.layers;
    const auto found = std::find_if(layers.begin(), layers.end(), [&](const LayerSpec& layer) {
        return layer.name == architecture.fineTuneFromLayer;
    });
    if (found == layers.end())
        throw Error(backboneDisplayName(kind) + ": no layer '" + architecture.fineTuneFromLayer +
                    "' to fine-tune from");
    return static_cast<int>(found - layers.begin());
}

KerasWeightsFile kerasWeightsFile(BackboneKind kind, bool includeTop) {
    switch (kind) {
        case BackboneKind::Vgg16:
            return vgg16WeightsFile(includeTop);
        case BackboneKind::SqueezeNet11:
            if (includeTop) throw Error(backboneDisplayName(kind) + " has no ImageNet top weights file");
            return squeezeNet11WeightsFile();
    }
    throw Error("unknown backbone");
}

}  // namespace tlw
