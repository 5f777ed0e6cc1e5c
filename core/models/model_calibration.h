#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

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
    // Any class count, one per class in label order (empty: none): "unknown" when the chosen class's
    // probability is below its own threshold, so a rare class can ask for more certainty than a common one.
    // Added after positiveThreshold and unknownBelow; files without it read as empty.
    std::vector<double> classThresholds;

    bool any() const { return positiveThreshold || unknownBelow || !classThresholds.empty(); }
};

// For people (tlw info, the training log): "temperature 1.62, fitted on 153 validation images; expected
// calibration error 0.0712 -> 0.0254 (15 bins), NLL 0.3012 -> 0.2718", or why there is none.
std::string calibrationSummary(const ModelCalibration& calibration);
// "decision threshold 0.3 for <positive class>; unknown below 0.6; per class: cats 0.7, dogs 0.5", or
// "arg-max". classNames names the per-class thresholds; the positive class is its last one.
std::string decisionSummary(const DecisionThresholds& decision, const std::vector<std::string>& classNames);
// The form from before per-class thresholds (they show as indices).
std::string decisionSummary(const DecisionThresholds& decision, const std::string& positiveClass);

}  // namespace tlw
