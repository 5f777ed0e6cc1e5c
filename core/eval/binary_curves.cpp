#include "core/eval/binary_curves.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

void checkInputs(const std::vector<double>& scores, const std::vector<bool>& positive) {
    if (scores.size() != positive.size())
        throw Error(std::to_string(scores.size()) + " scores for " + std::to_string(positive.size()) +
                    " labels");
    for (const double score : scores)
        if (std::isnan(score)) throw Error("a score is not a number");
}

ThresholdPoint pointFor(double threshold, std::size_t called, std::size_t truePositives,
                        std::size_t positives, std::size_t negatives) {
    ThresholdPoint point;
    point.threshold = threshold;
    point.predictedPositive = called;
    point.truePositives = truePositives;
    const std::size_t falsePositives = called - truePositives;
    if (positives > 0) point.truePositiveRate = static_cast<double>(truePositives) / positives;
    if (negatives > 0) point.falsePositiveRate = static_cast<double>(falsePositives) / negatives;
    if (called > 0) point.precision = static_cast<double>(truePositives) / called;
    return point;
}

void addAreas(BinaryCurves& curves) {
    if (curves.positives > 0 && curves.negatives > 0) {
        double area = 0.0;
        for (std::size_t i = 1; i < curves.points.size(); ++i) {
            const ThresholdPoint& a = curves.points[i - 1];
            const ThresholdPoint& b = curves.points[i];
            area +=
                (b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate) / 2;
        }
        curves.rocAuc = area;
    }
    if (curves.positives > 0) {
        double precisionSum = 0.0;
        for (std::size_t i = 1; i < curves.points.size(); ++i) {
            const ThresholdPoint& a = curves.points[i - 1];
            const ThresholdPoint& b = curves.points[i];
            precisionSum += (b.truePositiveRate - a.truePositiveRate) * b.precision;
        }
        curves.averagePrecision = precisionSum;
    }
}

}  // namespace

BinaryCurves binaryCurves(const std::vector<double>& scores, const std::vector<bool>& positive) {
    checkInputs(scores, positive);
    BinaryCurves curves;
    curves.positives = static_cast<std::size_t>(std::count(positive.begin(), positive.end(), true));
    curves.negatives = positive.size() - curves.positives;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&scores](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    curves.points.push_back(
        pointFor(std::numeric_limits<double>::infinity(), 0, 0, curves.positives, curves.negatives));
    std::size_t called = 0;
    std::size_t truePositives = 0;
    // Images with equal scores cross a threshold together: one point per distinct score.
    for (std::size_t i = 0; i < order.size(); ++i) {
        ++called;
        if (positive[order[i]]) ++truePositives;
        const bool lastOfScore = i + 1 == order.size() || scores[order[i + 1]] != scores[order[i]];
        if (lastOfScore)
            curves.points.push_back(
                pointFor(scores[order[i]], called, truePositives, curves.positives, curves.negatives));
    }
    addAreas(curves);
    return curves;
}

ThresholdPoint pointAtThreshold(const std::vector<double>& scores, const std::vector<bool>& positive,
                                double threshold) {
    checkInputs(scores, positive);
    std::size_t positives = 0;
    std::size_t called = 0;
    std::size_t truePositives = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (positive[i]) ++positives;
        if (scores[i] < threshold) continue;
        ++called;
        if (positive[i]) ++truePositives;
    }
    return pointFor(threshold, called, truePositives, positives, scores.size() - positives);
}

}  // namespace tlw
