#include "core/eval/coverage.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

// Three classes, four images: two sure and right, one unsure and right, one sure and wrong.
const std::vector<std::vector<float>> kProbabilities = {
    {0.95f, 0.03f, 0.02f}, {0.1f, 0.8f, 0.1f}, {0.4f, 0.3f, 0.3f}, {0.1f, 0.1f, 0.8f}};
const std::vector<int> kLabels = {0, 1, 0, 1};

TEST(Coverage, CountsTheAnsweredAndTheRightOnesUnderPerClassThresholds) {
    DecisionThresholds decision;
    decision.classThresholds = {0.5, 0.5, 0.95};  // the last class must be very sure
    const CoveragePoint point = coverageAt(kProbabilities, kLabels, decision);
    EXPECT_EQ(point.total, 4u);
    EXPECT_EQ(point.answered, 2u);
    EXPECT_EQ(point.correct, 2u);
    EXPECT_DOUBLE_EQ(point.coverage(), 0.5);
    EXPECT_DOUBLE_EQ(point.accuracy(), 1.0);
    const CoveragePoint all = coverageAt(kProbabilities, kLabels, {});
    EXPECT_DOUBLE_EQ(all.coverage(), 1.0);
    EXPECT_DOUBLE_EQ(all.accuracy(), 0.75);
}

TEST(Coverage, TheCurveTradesCoverageForAccuracyAsTheCommonThresholdRises) {
    const std::vector<CoveragePoint> curve = coverageCurve(kProbabilities, kLabels, 10);
    ASSERT_EQ(curve.size(), 11u);
    EXPECT_DOUBLE_EQ(curve.front().coverage(), 1.0);
    EXPECT_DOUBLE_EQ(curve[5].threshold, 0.5);
    EXPECT_EQ(curve[5].answered, 3u);  // 0.95, 0.8, 0.8
    EXPECT_EQ(curve[5].correct, 2u);
    EXPECT_EQ(curve[9].answered, 1u);  // 0.95 only
    EXPECT_DOUBLE_EQ(curve[9].accuracy(), 1.0);
    EXPECT_EQ(curve.back().answered, 0u);
    for (std::size_t i = 1; i < curve.size(); ++i) EXPECT_LE(curve[i].answered, curve[i - 1].answered);
}

}  // namespace
}  // namespace tlw
