#pragma once

#include <vector>

#include "core/models/model_calibration.h"

// From probabilities to an answer under a model's thresholds: the second class of a two-class model only
// above its decision threshold, and "unknown" when the winner's probability is too low. Torch-free.
namespace tlw {

inline constexpr int kUnknownClass = -1;
inline constexpr const char* kUnknownAnswer = "unknown";

// The chosen class index, or kUnknownClass. Without thresholds: the arg-max (ties to the lower index).
// positiveThreshold applies to two probabilities only (class 1 when p[1] >= it); unknownBelow to any
// count, on the chosen class's probability; classThresholds (when it has one value per class) likewise,
// with the chosen class's own value. Empty probabilities give kUnknownClass.
int decideClass(const std::vector<float>& probabilities, const DecisionThresholds& decision);

}  // namespace tlw
