#pragma once

#include <cstddef>
#include <vector>

// How far a classifier's confidence is from its accuracy: the reliability diagram and the expected
// calibration error (ECE) of Guo et al., "On Calibration of Modern Neural Networks" (2017). Torch-free.
namespace tlw {

// Equal-width bins over the top-1 confidence, as in the paper and most libraries: 15.
constexpr int kReliabilityBins = 15;

struct ReliabilityBin {
    double lower = 0.0;  // the bin holds confidences in (lower, upper]; the first one also 0
    double upper = 0.0;
    std::size_t count = 0;
    double meanConfidence = 0.0;  // 0 when the bin is empty
    double accuracy = 0.0;        // fraction correct; 0 when the bin is empty
};

struct ReliabilityDiagram {
    std::vector<ReliabilityBin> bins;  // kReliabilityBins of them, empty ones included
    std::size_t images = 0;
    // sum over bins of count / images * |accuracy - meanConfidence|; 0 without images.
    double expectedCalibrationError = 0.0;
};

// confidences[i]: the top class's probability of image i; correct[i]: whether that class was the label.
// Throws tlw::Error when the sizes differ or binCount < 1.
ReliabilityDiagram reliabilityDiagram(const std::vector<double>& confidences,
                                      const std::vector<bool>& correct, int binCount = kReliabilityBins);

}  // namespace tlw
