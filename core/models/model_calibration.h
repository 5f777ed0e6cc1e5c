#pragma once

#include <cstddef>
#include <optional>
#include <string>

// What a model file says about turning its logits into probabilities and decisions. Torch-free.
namespace tlw {

// Temperature scaling, fitted on the validation split when training ends (core/eval/temperature_scaling.h):
// every predictor divides the logits by `temperature` before the softmax or sigmoid. A file without it
// (an older TL Workbench, or a run without validation images) loads with temperature 1 and fitted false.
struct ModelCalibration {
    double temperature = 1.0;
    bool fitted = false;
    std::size_t validationImages = 0;  // the fit's images
    // The validation images' expected calibration error (15 bins) and mean NLL before and after.
    double eceBefore = 0.0;
    double eceAfter = 0.0;
    double nllBefore = 0.0;
    double nllAfter = 0.0;
    std::string note;  // why there is no calibration, when known ("no validation images")
};

// How probabilities become an answer, beyond the arg-max. Both are optional and stored in the model; the
// command line can override them for one run.
struct DecisionThresholds {
    // Two classes: the second class (label 1) when its probability is at least this, else the first.
    // Unset: the arg-max, i.e. 0.5.
    std::optional<double> positiveThreshold;
    // Any class count: "unknown" when the top class's probability (after the positive threshold decided
    // which class is on top) is below this.
    std::optional<double> unknownBelow;

    bool any() const { return positiveThreshold || unknownBelow; }
};

// For people (tlw info, the training log): "temperature 1.62, fitted on 153 validation images; expected
// calibration error 0.0712 -> 0.0254 (15 bins), NLL 0.3012 -> 0.2718", or why there is none.
std::string calibrationSummary(const ModelCalibration& calibration);
// "decision threshold 0.3 for <positive class>; unknown below 0.6", or "arg-max".
std::string decisionSummary(const DecisionThresholds& decision, const std::string& positiveClass);

}  // namespace tlw
