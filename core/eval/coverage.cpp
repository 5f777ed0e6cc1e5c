#include "core/eval/coverage.h"

#include "core/eval/decision_rule.h"

namespace tlw {

CoveragePoint coverageAt(const std::vector<std::vector<float>>& probabilities, const std::vector<int>& labels,
                         const DecisionThresholds& decision) {
    CoveragePoint point;
    point.total = probabilities.size();
    for (std::size_t i = 0; i < probabilities.size() && i < labels.size(); ++i) {
        const int answer = decideClass(probabilities[i], decision);
        if (answer == kUnknownClass) continue;
        ++point.answered;
        if (answer == labels[i]) ++point.correct;
    }
    return point;
}

std::vector<CoveragePoint> coverageCurve(const std::vector<std::vector<float>>& probabilities,
                                         const std::vector<int>& labels, int steps) {
    std::vector<CoveragePoint> curve;
    if (steps < 1 || probabilities.empty()) return curve;
    const std::size_t classes = probabilities.front().size();
    for (int step = 0; step <= steps; ++step) {
        DecisionThresholds decision;
        const double threshold = double(step) / double(steps);
        decision.classThresholds.assign(classes, threshold);
        CoveragePoint point = coverageAt(probabilities, labels, decision);
        point.threshold = threshold;
        curve.push_back(point);
    }
    return curve;
}

}  // namespace tlw
