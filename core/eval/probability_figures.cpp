#include "core/eval/probability_figures.h"

#include <algorithm>

namespace tlw {

CalibrationFigures calibrationFiguresOf(const std::vector<ImageOutcome>& images) {
    std::vector<double> after;
    std::vector<double> before;
    std::vector<bool> correct;
    for (const ImageOutcome& image : images) {
        const double top = *std::max_element(image.probabilities.begin(), image.probabilities.end());
        after.push_back(top);
        before.push_back(image.uncalibratedConfidence.value_or(top));
        correct.push_back(image.predicted == image.label);
    }
    CalibrationFigures figures;
    figures.before = reliabilityDiagram(before, correct);
    figures.after = reliabilityDiagram(after, correct);
    return figures;
}

std::optional<BinaryCurves> binaryCurvesOf(const std::vector<ImageOutcome>& images, std::size_t classCount) {
    if (classCount != 2 || images.empty()) return std::nullopt;
    std::vector<double> scores;
    std::vector<bool> positive;
    for (const ImageOutcome& image : images) {
        scores.push_back(image.probabilities[1]);
        positive.push_back(image.label == 1);
    }
    return binaryCurves(scores, positive);
}

}  // namespace tlw
