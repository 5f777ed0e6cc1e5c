#include "core/models/head_params.h"

namespace tlw {

namespace {

// The base's layers the head reads after: all of them, or all but the ImageNet top's `predictions`.
std::vector<LayerInfo> bodyOf(const std::vector<LayerInfo>& base, const HeadSpec& head) {
    const std::size_t kept = head.imageNetTop && !base.empty() ? base.size() - 1 : base.size();
    return {base.begin(), base.begin() + static_cast<std::ptrdiff_t>(kept)};
}

LayerInfo headLayer(const std::string& name, const std::string& kerasType, int64_t width, int64_t params,
                    const std::string& inbound) {
    LayerInfo layer;
    layer.name = name;
    layer.kerasType = kerasType;
    layer.outputShape = {-1, width};
    layer.params = params;
    layer.trainable = true;
    layer.group = "head";
    layer.inboundLayers = {inbound};
    return layer;
}

}  // namespace

std::vector<LayerInfo> headLayers(const std::vector<LayerInfo>& base, const HeadSpec& head) {
    const std::vector<LayerInfo> body = bodyOf(base, head);
    if (body.empty() || body.back().outputShape.empty()) return {};
    const int64_t features = body.back().outputShape.back();
    std::vector<LayerInfo> layers;
    std::string previous = body.back().name;
    const auto add = [&](LayerInfo layer) {
        layer.index = body.back().index + 1 + static_cast<int>(layers.size());
        previous = layer.name;
        layers.push_back(std::move(layer));
    };
    if (body.back().outputShape.size() > 2)
        add(headLayer("global_average_pooling2d", "GlobalAveragePooling2D", features, 0, previous));
    if (head.normalizeFeatures) {
        LayerInfo normalization =
            headLayer("normalization", "Normalization", features, 2 * features + 1, previous);
        normalization.nonTrainableParams = normalization.params;  // adapted, never trained
        add(std::move(normalization));
    }
    if (head.dropout > 0.0) add(headLayer("dropout", "Dropout", features, 0, previous));
    add(headLayer(head.imageNetTop ? "predictions" : "dense", "Dense", head.units(),
                  features * head.units() + head.units(), previous));
    return layers;
}

ParamTotals wholeModelParamTotals(const std::vector<LayerInfo>& base, const HeadSpec& head) {
    std::vector<LayerInfo> whole = bodyOf(base, head);
    for (LayerInfo& layer : headLayers(base, head)) whole.push_back(std::move(layer));
    return paramTotals(whole);
}

}  // namespace tlw
