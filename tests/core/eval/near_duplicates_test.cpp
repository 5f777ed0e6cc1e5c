#include "core/eval/near_duplicates.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/eval/embedding_outliers.h"

namespace tlw {
namespace {

TEST(NearDuplicatesTest, EveryPairAboveTheThresholdOnceMostSimilarFirst) {
    // Rows 0 and 2 point the same way at different lengths (cosine 1), row 3 is close to row 1
    // (cosine 0.995), row 4 is zero and pairs with nothing.
    const std::vector<float> vectors = {1, 0, 0, 0, 1, 0, 2, 0, 0, 0, 1, 0.1f, 0, 0, 0};
    const std::vector<SimilarPair> pairs = pairsAboveSimilarity(vectors.data(), 5, 3, 0.99f);
    ASSERT_EQ(pairs.size(), 2u);
    EXPECT_EQ(pairs[0].first, 0u);
    EXPECT_EQ(pairs[0].second, 2u);
    EXPECT_NEAR(pairs[0].similarity, 1.0f, 1e-6);
    EXPECT_EQ(pairs[1].first, 1u);
    EXPECT_EQ(pairs[1].second, 3u);
    EXPECT_NEAR(pairs[1].similarity, 1.0 / std::sqrt(1.01), 1e-5);
    EXPECT_EQ(pairsAboveSimilarity(vectors.data(), 5, 3, 0.999f).size(), 1u);
}

TEST(NearDuplicatesTest, PairsAcrossBlocksAreFound) {
    // 1,500 rows (two blocks of the product), each a distinct basis direction except the last, which
    // repeats the first.
    const int rows = 1500;
    std::vector<float> vectors(static_cast<std::size_t>(rows) * rows, 0.0f);
    for (int i = 0; i < rows - 1; ++i) vectors[static_cast<std::size_t>(i) * rows + i] = 1.0f;
    vectors[static_cast<std::size_t>(rows - 1) * rows] = 1.0f;
    const std::vector<SimilarPair> pairs = pairsAboveSimilarity(vectors.data(), rows, rows, 0.9f);
    ASSERT_EQ(pairs.size(), 1u);
    EXPECT_EQ(pairs[0].first, 0u);
    EXPECT_EQ(pairs[0].second, static_cast<std::size_t>(rows - 1));
}

TEST(EmbeddingOutliersTest, AnImageFarFromEveryCentroidIsBelowTheFence) {
    // Two tight classes around (1,0,0) and (0,1,0); one image of class 0 points along z.
    std::vector<float> vectors;
    std::vector<int> labels;
    for (int i = 0; i < 10; ++i) {
        const float wobble = 0.01f * float(i);
        vectors.insert(vectors.end(), {1.0f, wobble, 0.0f, wobble, 1.0f, 0.0f});
        labels.insert(labels.end(), {0, 1});
    }
    vectors.insert(vectors.end(), {0.05f, 0.0f, 1.0f});
    labels.push_back(0);
    const EmbeddingOutliers result = findEmbeddingOutliers(vectors.data(), 21, 3, labels, 2);
    ASSERT_EQ(result.outliers.size(), 1u);
    EXPECT_EQ(result.outliers[0], 20u);
    EXPECT_LT(result.centroidSimilarity[20], result.fence);
    EXPECT_GT(result.centroidSimilarity[0], 0.99f);
    EXPECT_NEAR(result.nearestSimilarity[0], 1.0f, 1e-3);  // its class neighbour
}

}  // namespace
}  // namespace tlw
