#pragma once

#include <optional>
#include <vector>

#include "core/models/architecture.h"
#include "core/models/freeze_spec.h"

// The one place a phase's freezing is decided. A FreezeSpec is what the user said ("layers[:16]",
// "block5"); a FreezePlan is what it means for one network: which layers get no gradient, and where the
// fixed prefix that the feature cache may compute once ends. The module's freezing and the cache both
// read the same plan, so they cannot disagree. Torch-free.
namespace tlw {

struct FreezePlan {
    FreezeSpec spec;           // as given, for the log and the saved config
    std::vector<bool> frozen;  // one flag per layer of the architecture
    int cacheCut = 0;          // layers [0, cacheCut) are fixed and can be cached; 0: nothing to cache
};

// Resolves the spec against the architecture's layers (throws tlw::Error naming an unknown layer or an index
// out of range) and finds the cacheable cut before `backboneEnd`, the layer the head reads after.
FreezePlan planFreeze(const Architecture& architecture, const FreezeSpec& spec, int backboneEnd);

// Phase 2 of a two-phase run: layers[:K] stay frozen, K = unfreezeFrom, or the backbone's fine-tuning preset
// (fineTunePreset: block5_conv2 for VGG16, fire8 for SqueezeNet) when none is given.
FreezeSpec fineTuneFreeze(const Architecture& architecture, const std::optional<int>& unfreezeFrom);

}  // namespace tlw
