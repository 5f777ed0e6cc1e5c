#pragma once

// Core-internal (LibTorch): temperature scaling at the end of a training run, on the validation images with
// the weights that are saved (core/eval/temperature_scaling.h does the arithmetic).

#include <optional>
#include <string>

#include "core/models/model_calibration.h"
#include "core/train/epoch_loop.h"

namespace tlw {

// Runs the validation images (from the cache where the run has one) through the module, fits T and
// measures the expected calibration error before and after. nullopt when a stop request ended the pass.
std::optional<ModelCalibration> calibrateOnValidation(ClassifierModule& module, const ImageSource& validation,
                                                      const PassSettings& settings);

}  // namespace tlw
