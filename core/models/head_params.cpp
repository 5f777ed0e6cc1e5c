#include "core/models/head_params.h"

namespace tlw {

ParamTotals wholeModelParamTotals(const std::vector<LayerInfo>& base, const HeadSpec& head) {
    // The head reads after fc2 when the ImageNet top stays (only `predictions` is new).
    const std::size_t kept = head.imageNetTop && !base.empty() ? base.size() - 1 : base.size();
    const std::vector<LayerInfo> body(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(kept));
    ParamTotals totals = paramTotals(body);
    const int64_t features =
        body.empty() || body.back().outputShape.empty() ? 0 : body.back().outputShape.back();
    const int64_t dense = features * head.units() + head.units();
    totals.total += dense;
    totals.trainable += dense;
    if (head.normalizeFeatures) {
        totals.total += 2 * features + 1;
        totals.nonTrainable += 2 * features + 1;
    }
    return totals;
}

}  // namespace tlw
