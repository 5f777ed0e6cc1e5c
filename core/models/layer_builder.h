#pragma once

// Core-internal: the few steps every backbone's definition (vgg16.cpp, squeezenet.cpp, mobilenet.cpp,
// resnet50.cpp, mobilenet_v2.cpp, efficientnet_b0.cpp) takes to write its layer list.

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/models/architecture.h"

namespace tlw {

inline LayerSpec namedLayer(const std::string& name, LayerKind kind, const std::string& group) {
    LayerSpec layer;
    layer.name = name;
    layer.kind = kind;
    layer.group = group;
    return layer;
}

// Appends the layer reading the given layers' outputs; returns its index.
inline int appendLayer(Architecture& architecture, LayerSpec layer, std::vector<int> inbound) {
    layer.inbound = std::move(inbound);
    architecture.layers.push_back(std::move(layer));
    return static_cast<int>(architecture.layers.size()) - 1;
}

// Appends the layer reading the last one's output (the first layer reads nothing); returns its index.
inline int appendLayer(Architecture& architecture, LayerSpec layer) {
    std::vector<int> inbound;
    if (!architecture.layers.empty()) inbound = {static_cast<int>(architecture.layers.size()) - 1};
    return appendLayer(architecture, std::move(layer), std::move(inbound));
}

// A Conv2D or DepthwiseConv2D without a bias, as MobileNet, MobileNetV2 and EfficientNet have them
// (depthwise: filters 0, one kernel per channel).
inline LayerSpec convolution(const std::string& name, LayerKind kind, const std::string& group, int filters,
                             int kernel, int stride, Padding padding) {
    LayerSpec layer = namedLayer(name, kind, group);
    layer.units = filters;
    layer.kernel = kernel;
    layer.stride = stride;
    layer.padding = padding;
    layer.useBias = false;
    return layer;
}

// Keras's ReLU(6.).
inline LayerSpec relu6(const std::string& name, const std::string& group) {
    LayerSpec layer = namedLayer(name, LayerKind::ReLU, group);
    layer.maxValue = 6.0;
    return layer;
}

// A width multiplier as Keras's model names write it: "%0.2f" (mobilenet_0.25_224, mobilenetv2_1.00_224).
inline std::string alphaName(double alpha) {
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", alpha);
    return text;
}

}  // namespace tlw
