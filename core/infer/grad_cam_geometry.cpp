#include "core/infer/grad_cam_geometry.h"

#include <cstddef>
#include <vector>

namespace tlw {
namespace {

// A window of kernel cells moved by stride, with `before` cells of padding ahead of the map: output cell j
// covers input cells stride * j - before .. stride * j - before + kernel - 1, centred half a kernel in.
CellCentres throughWindow(CellCentres in, int kernel, int stride, int before) {
    return CellCentres{in.start + in.step * ((kernel - 1) / 2.0 - before), in.step * stride};
}

// One layer's map geometry on both axes from its first input's; in: that input's (None, H, W, C) shape.
MapGeometry throughLayer(const LayerSpec& layer, const MapGeometry& from, const std::vector<int64_t>& in) {
    switch (layer.kind) {
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D:
        case LayerKind::MaxPooling2D: {
            const bool same = layer.padding == Padding::Same;
            const int top = same ? tfSamePadding(in.at(1), layer.kernel, layer.stride).before : 0;
            const int left = same ? tfSamePadding(in.at(2), layer.kernel, layer.stride).before : 0;
            return MapGeometry{throughWindow(from.rows, layer.kernel, layer.stride, top),
                               throughWindow(from.columns, layer.kernel, layer.stride, left)};
        }
        case LayerKind::ZeroPadding2D: {
            const ZeroPaddingSides pad = zeroPaddingOf(layer, in.at(1), in.at(2));
            return MapGeometry{throughWindow(from.rows, 1, 1, pad.top),
                               throughWindow(from.columns, 1, 1, pad.left)};
        }
        default:  // element-wise layers, and those that end the map (pooling to a vector, Dense)
            return from;
    }
}

}  // namespace

MapGeometry mapGeometry(const Architecture& architecture, int layer, ImageSize inputSize) {
    const std::vector<LayerInfo> infos = inferLayerInfos(architecture, inputSize);
    std::vector<MapGeometry> geometry(static_cast<size_t>(layer) + 1);
    for (size_t index = 0; index <= static_cast<size_t>(layer); ++index) {
        const LayerSpec& spec = architecture.layers.at(index);
        if (spec.inbound.empty()) continue;  // the input: pixel j is centred at j
        const size_t from = static_cast<size_t>(spec.inbound.front());
        geometry[index] = throughLayer(spec, geometry[from], infos[from].outputShape);
    }
    return geometry.back();
}

}  // namespace tlw
