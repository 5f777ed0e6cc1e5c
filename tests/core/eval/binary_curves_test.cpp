#include "core/eval/binary_curves.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/util/error.h"

namespace tlw {
namespace {

// The Mann-Whitney statistic, pair by pair: the share of (positive, negative) pairs the positive wins,
// ties counting half.
double pairwiseAuc(const std::vector<double>& scores, const std::vector<bool>& positive) {
    double wins = 0.0;
    double pairs = 0.0;
    for (std::size_t p = 0; p < scores.size(); ++p) {
        if (!positive[p]) continue;
        for (std::size_t n = 0; n < scores.size(); ++n) {
            if (positive[n]) continue;
            pairs += 1.0;
            wins += scores[p] > scores[n] ? 1.0 : scores[p] == scores[n] ? 0.5 : 0.0;
        }
    }
    return wins / pairs;
}

TEST(BinaryCurves, AveragePrecisionAndAucByHand) {
    // Ranked: P N P P N. Precision at each new positive: 1, 2/3, 3/4, each a third of the recall.
    const std::vector<double> scores = {0.9, 0.8, 0.7, 0.6, 0.5};
    const std::vector<bool> positive = {true, false, true, true, false};
    const BinaryCurves curves = binaryCurves(scores, positive);
    EXPECT_NEAR(curves.averagePrecision, (1.0 + 2.0 / 3 + 3.0 / 4) / 3, 1e-12);
    // Of the 6 pairs the positives lose one (0.7 and 0.6 against 0.8).
    EXPECT_NEAR(curves.rocAuc, 4.0 / 6, 1e-12);
    EXPECT_EQ(curves.positives, 3u);
    EXPECT_EQ(curves.negatives, 2u);
    ASSERT_EQ(curves.points.size(), 6u);
    EXPECT_TRUE(std::isinf(curves.points.front().threshold));
    EXPECT_EQ(curves.points.front().predictedPositive, 0u);
    EXPECT_EQ(curves.points.back().predictedPositive, 5u);
    EXPECT_DOUBLE_EQ(curves.points.back().truePositiveRate, 1.0);
    EXPECT_DOUBLE_EQ(curves.points.back().falsePositiveRate, 1.0);
}

TEST(BinaryCurves, AucEqualsThePairwiseCountWithTies) {
    std::mt19937 random(11);
    std::uniform_int_distribution<int> tenths(0, 10);  // coarse scores: many ties
    std::bernoulli_distribution coin(0.3);
    std::vector<double> scores;
    std::vector<bool> positive;
    for (int i = 0; i < 300; ++i) {
        const bool isPositive = coin(random);
        positive.push_back(isPositive);
        scores.push_back(std::min(10, tenths(random) + (isPositive ? 2 : 0)) / 10.0);
    }
    const BinaryCurves curves = binaryCurves(scores, positive);
    EXPECT_NEAR(curves.rocAuc, pairwiseAuc(scores, positive), 1e-12);
    EXPECT_EQ(curves.points.size(), 12u);  // +infinity, then 11 distinct scores
}

TEST(BinaryCurves, PerfectRankingAndOneClassOnly) {
    const BinaryCurves perfect = binaryCurves({0.9, 0.8, 0.2, 0.1}, {true, true, false, false});
    EXPECT_DOUBLE_EQ(perfect.rocAuc, 1.0);
    EXPECT_DOUBLE_EQ(perfect.averagePrecision, 1.0);
    const BinaryCurves onlyPositives = binaryCurves({0.9, 0.1}, {true, true});
    EXPECT_TRUE(std::isnan(onlyPositives.rocAuc));
    EXPECT_DOUBLE_EQ(onlyPositives.averagePrecision, 1.0);
    EXPECT_TRUE(std::isnan(binaryCurves({0.9}, {false}).averagePrecision));
}

TEST(BinaryCurves, FiguresAtOneThreshold) {
    const std::vector<double> scores = {0.9, 0.8, 0.7, 0.6, 0.5};
    const std::vector<bool> positive = {true, false, true, true, false};
    const ThresholdPoint point = pointAtThreshold(scores, positive, 0.7);  // 0.7 itself passes
    EXPECT_EQ(point.predictedPositive, 3u);
    EXPECT_EQ(point.truePositives, 2u);
    EXPECT_DOUBLE_EQ(point.precision, 2.0 / 3);
    EXPECT_DOUBLE_EQ(point.truePositiveRate, 2.0 / 3);
    EXPECT_DOUBLE_EQ(point.falsePositiveRate, 0.5);
    EXPECT_DOUBLE_EQ(pointAtThreshold(scores, positive, 0.95).precision, 1.0);  // none called
    EXPECT_THROW(binaryCurves({0.5}, {}), Error);
    EXPECT_THROW(binaryCurves({std::nan("")}, {true}), Error);
}

}  // namespace
}  // namespace tlw
