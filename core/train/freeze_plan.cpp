#include "core/train/freeze_plan.h"

#include "core/models/backbone.h"
#include "core/train/frozen_prefix.h"

namespace tlw {

FreezePlan planFreeze(const Architecture& architecture, const FreezeSpec& spec, int backboneEnd) {
    FreezePlan plan;
    plan.spec = spec;
    plan.frozen = spec.frozenMask(inferLayerInfos(architecture, architecture.nominalInputSize));
    plan.cacheCut = cacheableCut(architecture, plan.frozen, backboneEnd);
    return plan;
}

FreezeSpec fineTuneFreeze(const Architecture& architecture, const std::optional<int>& unfreezeFrom) {
    return FreezeSpec::firstLayers(
        unfreezeFrom.value_or(fineTunePreset(architecture.kind, architecture.includeTop)));
}

}  // namespace tlw
