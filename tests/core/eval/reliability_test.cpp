#include "core/eval/reliability.h"

#include <gtest/gtest.h>

#include "core/util/error.h"

namespace tlw {
namespace {

TEST(Reliability, ExpectedCalibrationErrorIsTheCountWeightedGapOfFifteenBins) {
    // 0.95 falls in (14/15, 1]: half right, so a gap of 0.45; 0.55 in (8/15, 9/15]: all right, a gap of
    // 0.45. Each bin holds half the images: ECE = 0.45.
    const ReliabilityDiagram diagram =
        reliabilityDiagram({0.95, 0.95, 0.55, 0.55}, {true, false, true, true});
    ASSERT_EQ(diagram.bins.size(), 15u);
    EXPECT_EQ(diagram.images, 4u);
    EXPECT_EQ(diagram.bins[14].count, 2u);
    EXPECT_DOUBLE_EQ(diagram.bins[14].accuracy, 0.5);
    EXPECT_DOUBLE_EQ(diagram.bins[14].meanConfidence, 0.95);
    EXPECT_EQ(diagram.bins[8].count, 2u);
    EXPECT_DOUBLE_EQ(diagram.bins[8].accuracy, 1.0);
    EXPECT_NEAR(diagram.bins[8].lower, 8.0 / 15, 1e-12);
    EXPECT_NEAR(diagram.bins[8].upper, 9.0 / 15, 1e-12);
    EXPECT_NEAR(diagram.expectedCalibrationError, 0.45, 1e-12);
    for (const std::size_t empty : {0u, 7u, 9u, 13u}) EXPECT_EQ(diagram.bins[empty].count, 0u);
}

TEST(Reliability, UpperEdgesBelongToTheirBinAndOneToTheLast) {
    const ReliabilityDiagram diagram = reliabilityDiagram({1.0, 0.5, 0.0}, {true, true, false}, 2);
    EXPECT_EQ(diagram.bins[1].count, 1u);  // 1.0 in (0.5, 1]
    EXPECT_EQ(diagram.bins[0].count, 2u);  // 0.5 in (0, 0.5], 0 with it
}

TEST(Reliability, PerfectlyCalibratedOutcomesHaveNoError) {
    // Confidence 0.75 in every case, right three times in four.
    const ReliabilityDiagram diagram =
        reliabilityDiagram({0.75, 0.75, 0.75, 0.75}, {true, true, false, true});
    EXPECT_NEAR(diagram.expectedCalibrationError, 0.0, 1e-12);
    EXPECT_EQ(reliabilityDiagram({}, {}).expectedCalibrationError, 0.0);
}

TEST(Reliability, MismatchedSizesAreAnError) {
    EXPECT_THROW(reliabilityDiagram({0.5}, {}), Error);
    EXPECT_THROW(reliabilityDiagram({0.5}, {true}, 0), Error);
}

}  // namespace
}  // namespace tlw
