#pragma once

#include <vector>

#include "core/models/layer_info.h"
#include "core/models/trained_model.h"

// Keras's picture of the whole classifier (base and new head) from the base's layer list alone, so the
// Model page can show what model.summary() of the whole model says before anything is built. Torch-free.
namespace tlw {

// The new head's layers as Keras lists them after the base, indices going on from the base's:
// global_average_pooling2d (unless the ImageNet top's fc2 already gives a vector), normalization (when the
// features are normalised: its adapted mean, variance and count are non-trainable), dropout (when set) and
// the Dense classifier (`predictions` when it replaces the ImageNet top's, else `dense`). All trainable.
// `base` as describeBackbone lists it; empty when it is.
std::vector<LayerInfo> headLayers(const std::vector<LayerInfo>& base, const HeadSpec& head);

// The base's totals with its trainable flags, plus the head's. With imageNetTop the base's `predictions`
// layer (the last row) is the one replaced. Matches ClassifierModule::paramTotals().
ParamTotals wholeModelParamTotals(const std::vector<LayerInfo>& base, const HeadSpec& head);

}  // namespace tlw
