#include "ui/util/event_loop_stall_detector.h"

#include <gtest/gtest.h>

#include <QTest>
#include <chrono>
#include <thread>

namespace tlw::ui {
namespace {

using namespace std::chrono_literals;

TEST(EventLoopStallDetector, DetectsADeliberate120msSleepOnTheUiThread) {
    EventLoopStallDetector detector;
    detector.start();
    QTest::qWait(30);
    std::this_thread::sleep_for(120ms);  // the UI thread blocked: no event processed
    QTest::qWait(30);
    detector.stop();
    EXPECT_GE(detector.longestGapMs(), 115.0);
    EXPECT_LT(detector.longestGapMs(), 1000.0);
}

TEST(EventLoopStallDetectorResponsiveness, IdleEventLoopStaysBelow50ms) {
    EventLoopStallDetector detector;
    detector.start();
    QTest::qWait(300);
    detector.stop();
    EXPECT_LT(detector.longestGapMs(), 50.0);
    EXPECT_GE(detector.tickCount(), 20);  // it did tick: a detector that never runs would also report 0
}

TEST(EventLoopStallDetector, CountsAStallStillOpenWhenStopped) {
    EventLoopStallDetector detector;
    detector.start();
    QTest::qWait(10);
    std::this_thread::sleep_for(80ms);
    EXPECT_GE(detector.longestGapMs(), 75.0);  // seen while running, before the loop resumes
    detector.stop();
    EXPECT_GE(detector.longestGapMs(), 75.0);
}

TEST(EventLoopStallDetector, StartForgetsEarlierStalls) {
    EventLoopStallDetector detector;
    detector.start();
    std::this_thread::sleep_for(70ms);
    QTest::qWait(10);
    ASSERT_GE(detector.longestGapMs(), 65.0);
    detector.start();
    QTest::qWait(100);
    detector.stop();
    EXPECT_LT(detector.longestGapMs(), 50.0);
    EXPECT_FALSE(detector.isRunning());
}

}  // namespace
}  // namespace tlw::ui
