#include "core/eval/decision_rule.h"

#include <gtest/gtest.h>

#include "core/eval/prediction.h"

namespace tlw {
namespace {

TEST(DecisionRule, WithoutThresholdsTheArgMaxTiesToTheLowerIndex) {
    EXPECT_EQ(decideClass({0.2f, 0.5f, 0.3f}, {}), 1);
    EXPECT_EQ(decideClass({0.5f, 0.5f}, {}), 0);
    EXPECT_EQ(decideClass({}, {}), kUnknownClass);
}

TEST(DecisionRule, ATwoClassThresholdMovesTheBoundaryOnTheSecondClass) {
    DecisionThresholds decision;
    decision.positiveThreshold = 0.3;
    EXPECT_EQ(decideClass({0.7f, 0.3f}, decision), 1);  // at the threshold: positive
    EXPECT_EQ(decideClass({0.75f, 0.25f}, decision), 0);
    decision.positiveThreshold = 0.9;
    EXPECT_EQ(decideClass({0.2f, 0.8f}, decision), 0);
    // More classes: the two-class threshold does not apply.
    EXPECT_EQ(decideClass({0.1f, 0.2f, 0.7f}, decision), 2);
}

TEST(DecisionRule, UnknownWhenTheChosenClassIsBelowTheFloor) {
    DecisionThresholds decision;
    decision.unknownBelow = 0.5;
    EXPECT_EQ(decideClass({0.4f, 0.35f, 0.25f}, decision), kUnknownClass);
    EXPECT_EQ(decideClass({0.5f, 0.3f, 0.2f}, decision), 0);
    // The positive threshold chooses first; the floor then judges that class's probability.
    decision.positiveThreshold = 0.3;
    EXPECT_EQ(decideClass({0.65f, 0.35f}, decision), kUnknownClass);
}

TEST(DecisionRule, EachClassAnswersOnlyAboveItsOwnThreshold) {
    DecisionThresholds decision;
    decision.classThresholds = {0.9, 0.5, 0.3};
    EXPECT_TRUE(decision.any());
    EXPECT_EQ(decideClass({0.8f, 0.1f, 0.1f}, decision), kUnknownClass);  // the rare class wants 0.9
    EXPECT_EQ(decideClass({0.95f, 0.03f, 0.02f}, decision), 0);
    EXPECT_EQ(decideClass({0.3f, 0.5f, 0.2f}, decision), 1);
    EXPECT_EQ(decideClass({0.3f, 0.3f, 0.4f}, decision), 2);
    EXPECT_EQ(decideClass({0.35f, 0.45f, 0.2f}, decision), kUnknownClass);
    // A list that does not fit the class count is refused at load; here it does not apply.
    EXPECT_EQ(decideClass({0.35f, 0.65f}, decision), 1);
}

TEST(DecisionRule, TheSummaryNamesEachClassThreshold) {
    DecisionThresholds decision;
    decision.classThresholds = {0.9, 0.5};
    EXPECT_EQ(decisionSummary(decision, std::vector<std::string>{"ants", "bees"}),
              "unknown below per class: ants 0.9, bees 0.5");
    decision.unknownBelow = 0.2;
    EXPECT_EQ(decisionSummary(decision, std::vector<std::string>{"ants", "bees"}),
              "unknown below 0.2; unknown below per class: ants 0.9, bees 0.5");
}

TEST(DecisionRule, TheCsvGetsAnAnswerColumnOnlyWithThresholds) {
    ImagePrediction bee;
    bee.file = "a.png";
    bee.probabilities = {0.4f, 0.6f};
    const std::vector<std::string> names = {"ants", "bees"};
    EXPECT_EQ(predictionsToCsv({bee}, names),
              "file,top1,top1_probability,p_ants,p_bees,error\na.png,bees,0.6,0.4,0.6,\n");
    DecisionThresholds decision;
    decision.unknownBelow = 0.7;
    EXPECT_EQ(predictionsToCsv({bee}, names, decision),
              "file,top1,top1_probability,answer,p_ants,p_bees,error\na.png,bees,0.6,unknown,0.4,0.6,\n");
}

}  // namespace
}  // namespace tlw
