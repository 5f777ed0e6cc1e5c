#pragma once

#include <cstddef>
#include <limits>
#include <vector>

// Ranking figures of a two-class model: the ROC and precision-recall curves over every threshold on the
// positive class's probability, their areas (ROC AUC, and average precision as scikit-learn's
// average_precision_score), and the figures at one threshold. Torch-free.
namespace tlw {

// One threshold t: an image is called positive when its score >= t.
struct ThresholdPoint {
    double threshold = 0.0;
    std::size_t predictedPositive = 0;  // images at or above t
    std::size_t truePositives = 0;
    double truePositiveRate = 0.0;   // recall; 0 without positives
    double falsePositiveRate = 0.0;  // 0 without negatives
    double precision = 1.0;          // 1 while nothing is called positive, as scikit-learn's curve starts
};

struct BinaryCurves {
    // From the strictest threshold (+infinity: nothing positive) down through every distinct score, so
    // the last point calls every image positive.
    std::vector<ThresholdPoint> points;
    std::size_t positives = 0;
    std::size_t negatives = 0;
    // Trapezoids under the ROC points: the probability that a random positive outscores a random
    // negative, ties counted half (Mann-Whitney). NaN unless there are positives and negatives.
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    // sum over thresholds of (recall step) x precision, no interpolation; NaN without positives.
    double averagePrecision = std::numeric_limits<double>::quiet_NaN();
};

// scores[i]: image i's probability of the positive class; positive[i]: whether it is one. Throws
// tlw::Error when the sizes differ or a score is NaN.
BinaryCurves binaryCurves(const std::vector<double>& scores, const std::vector<bool>& positive);

// The figures at one threshold (score >= threshold is positive).
ThresholdPoint pointAtThreshold(const std::vector<double>& scores, const std::vector<bool>& positive,
                                double threshold);

}  // namespace tlw
