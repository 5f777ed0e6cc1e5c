#pragma once

#include <cstddef>
#include <vector>

#include "core/models/model_calibration.h"

// What per-class thresholds cost on labelled images: the share they answer (coverage) and how often
// those answers are right (accuracy on the answered), the selective-classification trade-off. Torch-free.
namespace tlw {

struct CoveragePoint {
    double threshold = 0.0;  // the common threshold of coverageCurve; unused by coverageAt
    std::size_t total = 0;
    std::size_t answered = 0;  // not "unknown"
    std::size_t correct = 0;   // answered with the true label

    double coverage() const { return total == 0 ? 0.0 : double(answered) / double(total); }
    // 1 when nothing is answered: no answer is wrong (the chart's curve ends at its top left).
    double accuracy() const { return answered == 0 ? 1.0 : double(correct) / double(answered); }
};

// The images' answers under the thresholds (decideClass), counted against their labels. probabilities
// and labels run in parallel.
CoveragePoint coverageAt(const std::vector<std::vector<float>>& probabilities, const std::vector<int>& labels,
                         const DecisionThresholds& decision);

// coverageAt for one threshold shared by every class, at 0, 1/steps, ..., 1.
std::vector<CoveragePoint> coverageCurve(const std::vector<std::vector<float>>& probabilities,
                                         const std::vector<int>& labels, int steps = 100);

}  // namespace tlw
