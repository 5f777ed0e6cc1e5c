#include "core/models/architecture.h"

#include <algorithm>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

struct Shape3 {
    int64_t height = 0;
    int64_t width = 0;
    int64_t channels = 0;
};

int64_t convolvedSide(int64_t side, int kernel, int stride, Padding padding) {
    // Keras: "valid" keeps only full windows (floor); "same" keeps ceil(side / stride).
    if (padding == Padding::Same) return (side + stride - 1) / stride;
    return side < kernel ? 0 : (side - kernel) / stride + 1;
}

std::string shapeText(const std::vector<int64_t>& shape) { return kerasShapeString(shape); }

}  // namespace

bool Architecture::hasFlatten() const {
    return std::any_of(layers.begin(), layers.end(),
                       [](const LayerSpec& layer) { return layer.kind == LayerKind::Flatten; });
}

std::string kerasTypeName(LayerKind kind) {
    switch (kind) {
        case LayerKind::Input:
            return "InputLayer";
        case LayerKind::Conv2D:
            return "Conv2D";
        case LayerKind::MaxPooling2D:
            return "MaxPooling2D";
        case LayerKind::Activation:
            return "Activation";
        case LayerKind::Concatenate:
            return "Concatenate";
        case LayerKind::Dropout:
            return "Dropout";
        case LayerKind::Flatten:
            return "Flatten";
        case LayerKind::Dense:
            return "Dense";
        case LayerKind::BatchNormalization:
            return "BatchNormalization";
        case LayerKind::DepthwiseConv2D:
            return "DepthwiseConv2D";
        case LayerKind::ZeroPadding2D:
            return "ZeroPadding2D";
        case LayerKind::ReLU:
            return "ReLU";
        case LayerKind::Add:
            return "Add";
        case LayerKind::Rescaling:
            return "Rescaling";
        case LayerKind::Normalization:
            return "Normalization";
        case LayerKind::GlobalAveragePooling2D:
            return "GlobalAveragePooling2D";
        case LayerKind::Reshape:
            return "Reshape";
        case LayerKind::Multiply:
            return "Multiply";
    }
    return "Layer";
}

std::string preprocessingId(Preprocessing preprocessing) {
    switch (preprocessing) {
        case Preprocessing::Tf:
            return "tf";
        case Preprocessing::None:
            return "none";
        case Preprocessing::Caffe:
            break;
    }
    return "caffe";
}

Preprocessing parsePreprocessing(const std::string& text) {
    if (text == "caffe") return Preprocessing::Caffe;
    if (text == "tf") return Preprocessing::Tf;
    if (text == "none") return Preprocessing::None;
    throw Error("preprocessing '" + text + "' is not supported (known: caffe, tf, none)");
}

SidePadding tfSamePadding(int64_t side, int kernel, int stride) {
    const int64_t out = (side + stride - 1) / stride;
    const int64_t total = std::max<int64_t>((out - 1) * stride + kernel - side, 0);
    return SidePadding{static_cast<int>(total / 2), static_cast<int>(total - total / 2)};
}

ZeroPaddingSides zeroPaddingOf(const LayerSpec& layer, int64_t height, int64_t width) {
    if (!layer.correctPad)
        return ZeroPaddingSides{layer.padTop, layer.padBottom, layer.padLeft, layer.padRight};
    // correct_pad(x, k): ((k/2 - adjust, k/2), ...) with adjust 1 on an even side, 0 on an odd one.
    const int half = layer.kernel / 2;
    return ZeroPaddingSides{half - 1 + static_cast<int>(height % 2), half,
                            half - 1 + static_cast<int>(width % 2), half};
}

Architecture backboneArchitecture(BackboneKind kind, bool includeTop) {
    if (includeTop && !backboneHasTop(kind))
        throw Error(backboneDisplayName(kind) + " is available without its ImageNet top only");
    switch (kind) {
        case BackboneKind::Vgg16:
            return vgg16Architecture(includeTop);
        case BackboneKind::SqueezeNet11:
            return squeezeNet11Architecture();
        case BackboneKind::MobileNet025:
        case BackboneKind::MobileNet050:
        case BackboneKind::MobileNet075:
        case BackboneKind::MobileNet100:
            return mobileNetArchitecture(kind);
        case BackboneKind::MobileNetV2_035:
        case BackboneKind::MobileNetV2_050:
        case BackboneKind::MobileNetV2_075:
        case BackboneKind::MobileNetV2_100:
        case BackboneKind::MobileNetV2_130:
        case BackboneKind::MobileNetV2_140:
            return mobileNetV2Architecture(kind);
        case BackboneKind::ResNet50:
            return resNet50Architecture();
        case BackboneKind::EfficientNetB0:
            return efficientNetB0Architecture();
    }
    throw Error("unknown backbone");
}

std::vector<LayerInfo> inferLayerInfos(const Architecture& architecture, ImageSize inputSize) {
    // Shapes are kept as Keras prints them: (None, H, W, C) for images, (None, N) after Flatten/Dense.
    std::vector<std::vector<int64_t>> shapes;
    std::vector<LayerInfo> infos;
    shapes.reserve(architecture.layers.size());
    infos.reserve(architecture.layers.size());
    for (size_t index = 0; index < architecture.layers.size(); ++index) {
        const LayerSpec& layer = architecture.layers[index];
        LayerInfo info;
        info.index = static_cast<int>(index);
        info.name = layer.name;
        info.kerasType = kerasTypeName(layer.kind);
        info.group = layer.group;
        for (const int from : layer.inbound) info.inboundLayers.push_back(architecture.layers[from].name);

        static const std::vector<int64_t> kNoInput;
        const std::vector<int64_t>& in = layer.inbound.empty() ? kNoInput : shapes[layer.inbound.front()];
        std::vector<int64_t> out;
        switch (layer.kind) {
            case LayerKind::Input:
                out = std::vector<int64_t>{-1, inputSize.height, inputSize.width, 3};
                break;
            case LayerKind::Conv2D: {
                const int64_t inChannels = in.at(3);
                out = std::vector<int64_t>{
                    -1, convolvedSide(in[1], layer.kernel, layer.stride, layer.padding),
                    convolvedSide(in[2], layer.kernel, layer.stride, layer.padding), layer.units};
                info.params = int64_t{layer.kernel} * layer.kernel * inChannels * layer.units +
                              (layer.useBias ? layer.units : 0);
                break;
            }
            case LayerKind::DepthwiseConv2D: {
                // depth_multiplier 1: one kernel per input channel.
                const int64_t channels = in.at(3);
                out = std::vector<int64_t>{
                    -1, convolvedSide(in[1], layer.kernel, layer.stride, layer.padding),
                    convolvedSide(in[2], layer.kernel, layer.stride, layer.padding), channels};
                info.params =
                    int64_t{layer.kernel} * layer.kernel * channels + (layer.useBias ? channels : 0);
                break;
            }
            case LayerKind::BatchNormalization:
                // gamma and beta train; moving_mean and moving_variance never do (Keras counts them so).
                out = in;
                info.params = 4 * in.at(3);
                info.nonTrainableParams = 2 * in.at(3);
                break;
            case LayerKind::ZeroPadding2D: {
                const ZeroPaddingSides pad = zeroPaddingOf(layer, in.at(1), in.at(2));
                out = std::vector<int64_t>{-1, in.at(1) + pad.top + pad.bottom,
                                           in.at(2) + pad.left + pad.right, in.at(3)};
                break;
            }
            case LayerKind::ReLU:
                out = in;
                break;
            case LayerKind::MaxPooling2D:
                out = std::vector<int64_t>{
                    -1, convolvedSide(in.at(1), layer.kernel, layer.stride, layer.padding),
                    convolvedSide(in.at(2), layer.kernel, layer.stride, layer.padding), in.at(3)};
                break;
            case LayerKind::Activation:
            case LayerKind::Dropout:
                out = in;
                break;
            case LayerKind::Add:
                // Keras's Add needs equal shapes (no broadcasting between feature maps).
                out = in;
                for (const int from : layer.inbound) {
                    if (shapes[static_cast<size_t>(from)] != in)
                        throw Error(architecture.modelName + ": " + layer.name + " adds " + shapeText(in) +
                                    " and " + shapeText(shapes[static_cast<size_t>(from)]));
                }
                break;
            case LayerKind::Rescaling:
                out = in;
                break;
            case LayerKind::Normalization:
                // mean and variance per channel and the count of samples adapt() saw: none of them trains.
                out = in;
                info.params = 2 * in.at(3) + 1;
                info.nonTrainableParams = info.params;
                break;
            case LayerKind::GlobalAveragePooling2D:
                out = std::vector<int64_t>{-1, in.at(3)};
                break;
            case LayerKind::Reshape:
                out = std::vector<int64_t>{-1, 1, 1, in.at(1)};
                break;
            case LayerKind::Multiply: {
                out = in;
                const std::vector<int64_t>& gate = shapes[static_cast<size_t>(layer.inbound.at(1))];
                if (gate.size() != 4 || gate[3] != in.at(3) || (gate[1] != 1 && gate[1] != in[1]))
                    throw Error(architecture.modelName + ": " + layer.name + " multiplies " + shapeText(in) +
                                " by " + shapeText(gate));
                break;
            }
            case LayerKind::Concatenate: {
                out = in;
                for (size_t i = 1; i < layer.inbound.size(); ++i)
                    out.back() += shapes[layer.inbound[i]].back();
                break;
            }
            case LayerKind::Flatten: {
                int64_t size = 1;
                for (size_t i = 1; i < in.size(); ++i) size *= in[i];
                out = std::vector<int64_t>{-1, size};
                break;
            }
            case LayerKind::Dense:
                out = std::vector<int64_t>{-1, layer.units};
                info.params = in.at(1) * layer.units + layer.units;
                break;
        }
        if (std::any_of(out.begin() + 1, out.end(), [](int64_t side) { return side < 1; })) {
            throw Error(architecture.modelName + ": input " + toString(inputSize) + " is too small: layer " +
                        layer.name + " would output " + shapeText(out));
        }
        info.outputShape = out;
        shapes.push_back(std::move(out));
        infos.push_back(std::move(info));
    }
    return infos;
}

std::vector<int> cutPoints(const Architecture& architecture) {
    const int count = static_cast<int>(architecture.layers.size());
    // earliestNeeded[k]: the smallest layer index any layer at or after k reads from.
    std::vector<int> earliestNeeded(static_cast<size_t>(count) + 1, count);
    for (int index = count - 1; index >= 0; --index) {
        int earliest = earliestNeeded[static_cast<size_t>(index) + 1];
        for (const int from : architecture.layers[static_cast<size_t>(index)].inbound)
            earliest = std::min(earliest, from);
        earliestNeeded[static_cast<size_t>(index)] = earliest;
    }
    std::vector<int> cuts;
    for (int k = 0; k <= count; ++k) {
        if (k == 0 || earliestNeeded[static_cast<size_t>(k)] >= k - 1) cuts.push_back(k);
    }
    return cuts;
}

}  // namespace tlw
