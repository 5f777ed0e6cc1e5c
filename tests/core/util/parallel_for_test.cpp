#include "core/util/parallel_for.h"

#include <gtest/gtest.h>

#include <vector>

namespace tlw {
namespace {

TEST(ParallelFor, RunsEveryItemOnceAndReportsTheEnd) {
    std::vector<std::atomic<int>> runs(1000);
    std::size_t lastDone = 0, lastTotal = 0;
    const bool finished = parallelFor(
        runs.size(), 4, [&](std::size_t i) { ++runs[i]; },
        [&](std::size_t done, std::size_t total) {
            lastDone = done;
            lastTotal = total;
        });
    EXPECT_TRUE(finished);
    for (const auto& count : runs) EXPECT_EQ(count.load(), 1);
    EXPECT_EQ(lastDone, 1000u);
    EXPECT_EQ(lastTotal, 1000u);
}

TEST(ParallelFor, CancelledBeforeTheStartRunsNothing) {
    const std::atomic<bool> cancel{true};
    std::atomic<int> runs{0};
    EXPECT_FALSE(parallelFor(
        100, 2, [&](std::size_t) { ++runs; }, {}, &cancel));
    EXPECT_EQ(runs.load(), 0);
}

TEST(ParallelFor, CancelDuringTheRunStopsEarly) {
    std::atomic<bool> cancel{false};
    std::atomic<int> runs{0};
    const bool finished = parallelFor(
        100000, 2,
        [&](std::size_t i) {
            ++runs;
            if (i == 10) cancel = true;
        },
        {}, &cancel);
    EXPECT_FALSE(finished);
    EXPECT_LT(runs.load(), 100000);
}

}  // namespace
}  // namespace tlw
