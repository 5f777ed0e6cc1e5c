#include "core/data/stratified_split.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

std::vector<Sample> samplesOfOneClass(int count) {
    std::vector<Sample> samples;
    for (int i = 0; i < count; ++i)
        samples.push_back(
            {"/r/c/" + std::to_string(i) + ".png", 0, Subset::Train, hashBytes(std::to_string(i)), 1});
    return samples;
}

TEST(StratifiedSplit, ValidationCountRoundsButKeepsOneOnEachSide) {
    EXPECT_EQ(validationCountFor(100, 0.2), 20u);
    EXPECT_EQ(validationCountFor(5, 0.2), 1u);
    EXPECT_EQ(validationCountFor(2, 0.1), 1u);  // at least one validation image...
    EXPECT_EQ(validationCountFor(2, 0.9), 1u);  // ...and at least one training image
    EXPECT_EQ(validationCountFor(1, 0.5), 0u);  // a single image trains
    EXPECT_EQ(validationCountFor(10, 0.0), 0u);
    EXPECT_EQ(validationCountFor(7, 0.5), 4u);  // round(3.5) = 4
}

TEST(StratifiedSplit, AddingAFileMovesFewOthers) {
    std::vector<Sample> before = samplesOfOneClass(100);
    splitStratified(before, "/r", 0.2, 3);
    std::vector<Sample> after = samplesOfOneClass(101);
    splitStratified(after, "/r", 0.2, 3);
    size_t moved = 0;
    for (size_t i = 0; i < before.size(); ++i) moved += before[i].subset != after[i].subset;
    // One file joins: its slot in the seeded order displaces at most one file (counts stay at 20).
    EXPECT_LE(moved, 1u);
}

}  // namespace
}  // namespace tlw
