#include "core/eval/reliability.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

// (k/n, (k+1)/n] -> k, with 0 in the first bin: the upper edge belongs to the bin, as in the paper's code
// (confidence > lower and <= upper), so a confidence of exactly 1 lands in the last one.
std::size_t binOf(double confidence, int binCount) {
    const double scaled = std::ceil(confidence * binCount) - 1.0;
    return static_cast<std::size_t>(std::clamp(scaled, 0.0, static_cast<double>(binCount - 1)));
}

}  // namespace

ReliabilityDiagram reliabilityDiagram(const std::vector<double>& confidences,
                                      const std::vector<bool>& correct, int binCount) {
    if (confidences.size() != correct.size())
        throw Error(std::to_string(confidences.size()) + " confidences for " +
                    std::to_string(correct.size()) + " outcomes");
    if (binCount < 1) throw Error("a reliability diagram needs at least one bin");
    ReliabilityDiagram diagram;
    diagram.images = confidences.size();
    diagram.bins.resize(static_cast<std::size_t>(binCount));
    std::vector<double> confidenceSum(diagram.bins.size(), 0.0);
    std::vector<std::size_t> correctCount(diagram.bins.size(), 0);
    for (std::size_t i = 0; i < confidences.size(); ++i) {
        const std::size_t bin = binOf(confidences[i], binCount);
        ++diagram.bins[bin].count;
        confidenceSum[bin] += confidences[i];
        if (correct[i]) ++correctCount[bin];
    }
    for (std::size_t b = 0; b < diagram.bins.size(); ++b) {
        ReliabilityBin& bin = diagram.bins[b];
        bin.lower = static_cast<double>(b) / binCount;
        bin.upper = static_cast<double>(b + 1) / binCount;
        if (bin.count == 0) continue;
        const double n = static_cast<double>(bin.count);
        bin.meanConfidence = confidenceSum[b] / n;
        bin.accuracy = static_cast<double>(correctCount[b]) / n;
        diagram.expectedCalibrationError +=
            n / static_cast<double>(diagram.images) * std::fabs(bin.accuracy - bin.meanConfidence);
    }
    return diagram;
}

}  // namespace tlw
