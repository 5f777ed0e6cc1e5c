#include "core/models/layer_info.h"

namespace tlw {

std::string kerasShapeString(const std::vector<int64_t>& shape) {
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) text += ", ";
        text += shape[i] < 0 ? "None" : std::to_string(shape[i]);
    }
    // Python prints a one-element tuple with a trailing comma: (None,) is not (None).
    if (shape.size() == 1) text += ",";
    return text + ")";
}

ParamTotals paramTotals(const std::vector<LayerInfo>& layers) {
    ParamTotals totals;
    for (const LayerInfo& layer : layers) {
        totals.total += layer.params;
        const int64_t trainable = layer.trainable ? layer.params - layer.nonTrainableParams : 0;
        totals.trainable += trainable;
        totals.nonTrainable += layer.params - trainable;
    }
    return totals;
}

std::string formatThousands(int64_t value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    for (int insertAt = static_cast<int>(digits.size()) - 3; insertAt > 0; insertAt -= 3)
        digits.insert(static_cast<size_t>(insertAt), ",");
    return negative ? "-" + digits : digits;
}

}  // namespace tlw
