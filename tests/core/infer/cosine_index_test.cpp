#include "core/infer/cosine_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/util/error.h"

namespace tlw {
namespace {

std::vector<float> randomVectors(int64_t rows, int64_t dimensions, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> values(static_cast<size_t>(rows * dimensions));
    for (float& value : values) value = normal(random);
    return values;
}

// The definition, written out: every pair's cosine, sorted.
std::vector<Neighbour> bruteForce(const std::vector<float>& rows, int64_t dimensions, const float* query) {
    std::vector<Neighbour> all;
    const int64_t count = static_cast<int64_t>(rows.size()) / dimensions;
    for (int64_t row = 0; row < count; ++row) {
        double dot = 0, normRow = 0, normQuery = 0;
        for (int64_t d = 0; d < dimensions; ++d) {
            const double a = rows[static_cast<size_t>(row * dimensions + d)];
            dot += a * query[d];
            normRow += a * a;
            normQuery += double(query[d]) * query[d];
        }
        const double denominator = std::sqrt(normRow) * std::sqrt(normQuery);
        all.push_back({row, static_cast<float>(denominator > 0 ? dot / denominator : 0.0)});
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Neighbour& a, const Neighbour& b) { return a.similarity > b.similarity; });
    return all;
}

TEST(CosineIndex, TopKEqualsTheBruteForce) {
    const int64_t rows = 700, dimensions = 24, queries = 300;  // two chunks of queries
    const std::vector<float> stored = randomVectors(rows, dimensions, 1);
    const std::vector<float> asked = randomVectors(queries, dimensions, 2);
    const CosineIndex index(stored.data(), rows, dimensions);
    const auto found = index.nearest(asked.data(), queries, 7);
    ASSERT_EQ(found.size(), static_cast<size_t>(queries));
    for (int64_t q = 0; q < queries; ++q) {
        const std::vector<Neighbour> expected = bruteForce(stored, dimensions, asked.data() + q * dimensions);
        ASSERT_EQ(found[size_t(q)].size(), 7u);
        for (size_t rank = 0; rank < 7; ++rank) {
            EXPECT_EQ(found[size_t(q)][rank].row, expected[rank].row) << "query " << q << " rank " << rank;
            EXPECT_NEAR(found[size_t(q)][rank].similarity, expected[rank].similarity, 1e-5);
        }
    }
}

TEST(CosineIndex, NearestPerLabelIsTheBestOfEachLabelBestFirst) {
    const int64_t rows = 200, dimensions = 16, queries = 20;
    const std::vector<float> stored = randomVectors(rows, dimensions, 3);
    const std::vector<float> asked = randomVectors(queries, dimensions, 4);
    std::vector<int> labels;
    for (int64_t row = 0; row < rows; ++row) labels.push_back(static_cast<int>(row % 3 == 0 ? 2 : row % 2));
    const CosineIndex index(stored.data(), rows, dimensions, labels);
    const auto found = index.nearestPerLabel(asked.data(), queries);
    for (int64_t q = 0; q < queries; ++q) {
        std::map<int, Neighbour> best;  // the first of each label in the brute-force order
        for (const Neighbour& n : bruteForce(stored, dimensions, asked.data() + q * dimensions))
            best.emplace(labels[size_t(n.row)], n);
        ASSERT_EQ(found[size_t(q)].size(), 3u);
        for (size_t i = 0; i < 3; ++i) {
            const Neighbour& neighbour = found[size_t(q)][i];
            EXPECT_EQ(neighbour.row, best.at(labels[size_t(neighbour.row)]).row);
            if (i > 0) {
                EXPECT_GE(found[size_t(q)][i - 1].similarity, neighbour.similarity);
            }
        }
    }
}

TEST(CosineIndex, ScaleDoesNotMatterZeroVectorsScoreZeroAndKIsClamped) {
    const std::vector<float> stored{1, 0, 0, 0, 10, 0, 0, 0, 0};
    const CosineIndex index(stored.data(), 3, 3);
    const std::vector<float> query{0, 3, 0.1f};
    const auto found = index.nearest(query.data(), 1, 10);
    ASSERT_EQ(found[0].size(), 3u);
    EXPECT_EQ(found[0][0].row, 1);
    EXPECT_NEAR(found[0][0].similarity, 3 / std::sqrt(9.01), 1e-6);
    EXPECT_NEAR(found[0][1].similarity, 0.0, 1e-6);
    EXPECT_NEAR(found[0][2].similarity, 0.0, 1e-6);
    EXPECT_THROW(CosineIndex(stored.data(), 3, 3, {0, 1}), Error);
}

}  // namespace
}  // namespace tlw
