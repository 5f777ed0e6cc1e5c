#include "core/train/plateau_monitor.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

constexpr MetricDirection kLower{false};
constexpr MetricDirection kHigher{true};

TEST(EarlyStopping, StopsAfterPatienceEpochsWithoutImprovement) {
    EarlyStopping stopping({true, MonitoredMetric::ValLoss, 2, 0.0}, kLower);
    EXPECT_FALSE(stopping.update(1.0));
    EXPECT_FALSE(stopping.update(0.9));
    EXPECT_FALSE(stopping.update(0.95));  // wait 1
    EXPECT_TRUE(stopping.update(0.91));   // wait 2 = patience
}

TEST(EarlyStopping, ImprovementSmallerThanMinDeltaDoesNotCount) {
    EarlyStopping stopping({true, MonitoredMetric::ValAccuracy, 1, 0.05}, kHigher);
    EXPECT_FALSE(stopping.update(0.5));
    EXPECT_TRUE(stopping.update(0.54));  // +0.04 < min_delta
    stopping.reset();
    EXPECT_FALSE(stopping.update(0.5));
    EXPECT_FALSE(stopping.update(0.56));
}

TEST(ReduceLrOnPlateau, FollowsKerasStepForStep) {
    // factor 0.5, patience 2, cooldown 1, min_lr 0.1
    LrPlateauReducer reducer({true, MonitoredMetric::ValLoss, 0.5, 2, 0.0, 1, 0.1}, kLower);
    double lr = 1.0;
    lr = reducer.update(1.0, lr);  // improves (from +inf)
    EXPECT_DOUBLE_EQ(lr, 1.0);
    lr = reducer.update(1.0, lr);  // wait 1
    EXPECT_DOUBLE_EQ(lr, 1.0);
    lr = reducer.update(1.0, lr);  // wait 2 -> reduce, cooldown 1
    EXPECT_DOUBLE_EQ(lr, 0.5);
    EXPECT_EQ(reducer.state().cooldownCounter, 1);
    lr = reducer.update(1.0, lr);  // cooldown counts down to 0 first, then the wait grows: 1
    EXPECT_DOUBLE_EQ(lr, 0.5);
    EXPECT_EQ(reducer.state().wait, 1);
    lr = reducer.update(1.0, lr);  // wait 2 -> reduce
    EXPECT_DOUBLE_EQ(lr, 0.25);
    lr = reducer.update(1.0, lr);
    lr = reducer.update(1.0, lr);
    EXPECT_DOUBLE_EQ(lr, 0.125);
    lr = reducer.update(1.0, lr);
    lr = reducer.update(1.0, lr);
    EXPECT_DOUBLE_EQ(lr, 0.1);  // clamped at min_lr
    lr = reducer.update(1.0, lr);
    lr = reducer.update(1.0, lr);
    lr = reducer.update(1.0, lr);
    EXPECT_DOUBLE_EQ(lr, 0.1);  // no lower
}

TEST(ReduceLrOnPlateau, ImprovementResetsTheWait) {
    LrPlateauReducer reducer({true, MonitoredMetric::ValLoss, 0.1, 2, 0.0, 0, 0.0}, kLower);
    double lr = 1.0;
    lr = reducer.update(1.0, lr);
    lr = reducer.update(1.0, lr);
    lr = reducer.update(0.5, lr);  // improvement
    lr = reducer.update(0.6, lr);
    EXPECT_DOUBLE_EQ(lr, 1.0);
    lr = reducer.update(0.6, lr);
    EXPECT_DOUBLE_EQ(lr, 0.1);
}

TEST(BestEpochTracker, KeepsTheEarliestOfEqualValues) {
    BestEpochTracker best(kLower);
    EXPECT_TRUE(best.update(1, 0.5));
    EXPECT_TRUE(best.update(2, 0.4));
    EXPECT_FALSE(best.update(3, 0.4));
    EXPECT_FALSE(best.update(4, 0.7));
    EXPECT_EQ(best.bestEpoch(), 2);
    BestEpochTracker accuracy(kHigher);
    EXPECT_TRUE(accuracy.update(1, 0.0));  // the first epoch is always the best so far
    EXPECT_TRUE(accuracy.update(2, 0.5));
    EXPECT_EQ(accuracy.bestEpoch(), 2);
}

}  // namespace
}  // namespace tlw
