#include "core/dist/data_parallel.h"

#include <gtest/gtest.h>

#include <numeric>

namespace tlw {
namespace {

TEST(RankShareTest, SharesAreContiguousInOrderAndDifferByAtMostOne) {
    for (const int size : {1, 2, 3, 7})
        for (const int64_t count : {0, 1, 2, 10, 11}) {
            int64_t next = 0;
            for (int rank = 0; rank < size; ++rank) {
                const ItemRange share = rankShare(count, rank, size);
                EXPECT_EQ(share.begin, next);
                EXPECT_LE(share.size(), count / size + 1);
                EXPECT_GE(share.size(), count / size);
                next = share.end;
            }
            EXPECT_EQ(next, count) << count << " items over " << size << " ranks";
        }
}

TEST(RankBatchesTest, EachGlobalBatchIsCutIntoContiguousSlices) {
    std::vector<int64_t> order(10);
    std::iota(order.rbegin(), order.rend(), 0);  // 9, 8, ..., 0: a shuffled order stands in
    // Batches of 4: {9 8 7 6} {5 4 3 2} {1 0}; rank 1 of 3 gets the middle of each.
    const RankBatches middle = rankBatches(order, 4, 1, 3);
    EXPECT_EQ(middle.sizes, (std::vector<std::size_t>{1, 1, 1}));
    EXPECT_EQ(middle.order, (std::vector<int64_t>{8, 4, 1}));
    const RankBatches first = rankBatches(order, 4, 0, 3);
    EXPECT_EQ(first.sizes, (std::vector<std::size_t>{1, 1, 0}));  // an empty slice of the last batch
    EXPECT_EQ(first.order, (std::vector<int64_t>{9, 5}));
    const RankBatches last = rankBatches(order, 4, 2, 3);
    EXPECT_EQ(last.order, (std::vector<int64_t>{7, 6, 3, 2, 0}));

    // Together the ranks cover every item of every batch exactly once.
    std::vector<int> seen(10, 0);
    for (const RankBatches& part : {first, middle, last})
        for (const int64_t item : part.order) ++seen[static_cast<size_t>(item)];
    EXPECT_EQ(seen, std::vector<int>(10, 1));
}

TEST(RankBatchesTest, OneRankKeepsTheBatchesAsTheyAre) {
    const std::vector<int64_t> order{3, 1, 2, 0, 4};
    const RankBatches all = rankBatches(order, 2, 0, 1);
    EXPECT_EQ(all.order, order);
    EXPECT_EQ(all.sizes, (std::vector<std::size_t>{2, 2, 1}));
}

}  // namespace
}  // namespace tlw
