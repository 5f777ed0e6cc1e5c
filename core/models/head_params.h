#pragma once

#include <vector>

#include "core/models/layer_info.h"
#include "core/models/trained_model.h"

// Keras's totals for the whole classifier (base and new head), from the base's layer list alone, so the
// Model page can show what model.summary() of the whole model says before anything is built. Torch-free.
namespace tlw {

// `base` as describeBackbone lists it, with its trainable flags. The head always trains; an adapted
// Normalization's mean, variance and count are non-trainable, as Keras counts them. With imageNetTop the
// base's `predictions` layer (the last row) is the one replaced. Matches ClassifierModule::paramTotals().
ParamTotals wholeModelParamTotals(const std::vector<LayerInfo>& base, const HeadSpec& head);

}  // namespace tlw
