#include "core/train/cache_footprint.h"

#include <gtest/gtest.h>

namespace tlw {
namespace {

TEST(CacheFootprint, SizesInBinaryUnits) {
    EXPECT_EQ(formatByteSize(0), "0 B");
    EXPECT_EQ(formatByteSize(1023), "1023 B");
    EXPECT_EQ(formatByteSize(1024), "1.0 KiB");
    EXPECT_EQ(formatByteSize(10000 * 2048), "19.5 MiB");
    EXPECT_EQ(formatByteSize(int64_t(10000) * 346112), "3.2 GiB");
}

TEST(CacheFootprint, SaysRamBudgetAndDiskAndTheMappedPartOnlyWhenThereIsOne) {
    CacheFootprint footprint;
    footprint.ramBytes = 20480000;
    footprint.diskBytes = 20640016;
    footprint.ramBudgetBytes = int64_t(6) << 30;
    EXPECT_EQ(footprint.describe(), "19.5 MiB in RAM (budget 6.0 GiB), 19.7 MiB on disk");
    footprint.mappedBytes = int64_t(3) << 30;
    EXPECT_EQ(footprint.describe(),
              "19.5 MiB in RAM (budget 6.0 GiB), 3.0 GiB read through a memory map, 19.7 MiB on disk");
}

}  // namespace
}  // namespace tlw
