#pragma once

#include <string>

#include "core/models/backbone.h"

// Keras's fine_tune_at on the command line (--fine-tune-at K, --two-phase N:K:LR): a layer index as
// `tlw summary` numbers the layers, or the name of one of the backbone's presets ("last-block",
// "last-two-stages"), so nobody has to count 143 ResNet50 layers.
namespace tlw::cli {

// Throws tlw::Error naming the option, the text and the backbone's presets when it is neither.
int parseFineTuneAt(const std::string& text, BackboneKind kind, bool includeTop, const std::string& option);

// The backbone's presets as `tlw summary` lists them after the table:
// "  last-block        fine_tune_at = 15   from block5_conv1".
std::string formatFineTunePresets(BackboneKind kind, bool includeTop);

}  // namespace tlw::cli
