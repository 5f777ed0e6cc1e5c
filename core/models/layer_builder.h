#pragma once

// Core-internal: the few steps every backbone's definition (vgg16.cpp, squeezenet.cpp, mobilenet.cpp,
// resnet50.cpp, mobilenet_v2.cpp) takes to write its layer list.

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

}  // namespace tlw
