#include "core/eval/confident_learning.h"

#include <gtest/gtest.h>

#include "core/util/error.h"

namespace tlw {
namespace {

TEST(ConfidentLearningTest, ThresholdsAreEachClasssMeanSelfConfidence) {
    // Class 0's images give it 0.9 and 0.7 (mean 0.8); class 1's give it 0.6 and 0.4 (mean 0.5).
    const std::vector<float> p = {0.9f, 0.1f, 0.7f, 0.3f, 0.4f, 0.6f, 0.6f, 0.4f};
    const LabelAssessments result = assessLabels(p, {0, 0, 1, 1}, 2);
    ASSERT_EQ(result.thresholds.size(), 2u);
    EXPECT_NEAR(result.thresholds[0], 0.8, 1e-6);
    EXPECT_NEAR(result.thresholds[1], 0.5, 1e-6);
}

TEST(ConfidentLearningTest, AnImageConfidentlyOfAnotherClassIsAnIssueAndRanksFirst) {
    // Three classes; image 3 is labelled 0 but confidently of class 2; image 4 is labelled 1 and unsure
    // (reaches no threshold), so it is no issue even though its given class is not the most probable.
    const std::vector<float> p = {
        0.8f, 0.1f, 0.1f,  // 0: class 0, sure
        0.1f, 0.8f, 0.1f,  // 1: class 1, sure
        0.1f, 0.1f, 0.8f,  // 2: class 2, sure
        0.1f, 0.1f, 0.8f,  // 3: labelled 0, looks like 2
        0.4f, 0.3f, 0.3f,  // 4: labelled 1, unsure
        0.1f, 0.1f, 0.8f,  // 5: class 2, sure
    };
    const LabelAssessments result = assessLabels(p, {0, 1, 2, 0, 1, 2}, 3);
    EXPECT_EQ(result.issueCount(), 1u);
    EXPECT_TRUE(result.images[3].issue);
    EXPECT_EQ(result.images[3].suggested, 2);
    EXPECT_NEAR(result.images[3].score, 0.7, 1e-6);
    EXPECT_FALSE(result.images[4].issue);
    EXPECT_EQ(result.images[4].suggested, 0);  // the most probable, not an issue
    EXPECT_EQ(result.ranking.front(), 3u);
    EXPECT_EQ(result.ranking[1], 4u);  // the next highest margin
    EXPECT_EQ(result.confidentJoint[0][2], 1u);
    EXPECT_EQ(result.confidentJoint[2][2], 2u);
    EXPECT_EQ(result.confidentJoint[1][1], 1u);  // image 4 counted nowhere
}

TEST(ConfidentLearningTest, RankingIsByScoreAndStableForTies) {
    const std::vector<float> p = {0.6f, 0.4f, 0.6f, 0.4f, 0.9f, 0.1f, 0.3f, 0.7f};
    const LabelAssessments result = assessLabels(p, {0, 0, 0, 1}, 2);
    // No issue here; scores -0.2, -0.2, -0.8, -0.4.
    EXPECT_EQ(result.ranking, (std::vector<std::size_t>{0, 1, 3, 2}));
}

TEST(ConfidentLearningTest, MismatchedInputIsAnError) {
    EXPECT_THROW(assessLabels({0.5f, 0.5f}, {0, 1}, 2), Error);
    EXPECT_THROW(assessLabels({0.5f, 0.5f}, {2}, 2), Error);
    EXPECT_THROW(assessLabels({1.0f}, {0}, 1), Error);
}

}  // namespace
}  // namespace tlw
