#include "core/eval/embedding_projection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/util/error.h"

namespace tlw {
namespace {

// `clusters` well-separated Gaussian blobs in `dimensions` dimensions, `perCluster` points each, row-major.
std::vector<float> blobs(int clusters, int perCluster, int dimensions, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<float> noise(0.0f, 0.3f);
    std::vector<float> rows;
    for (int c = 0; c < clusters; ++c) {
        for (int i = 0; i < perCluster; ++i) {
            for (int d = 0; d < dimensions; ++d)
                rows.push_back((d % clusters == c ? 10.0f : 0.0f) + noise(engine));
        }
    }
    return rows;
}

// The share of each point's k nearest map neighbours that belong to its own cluster, over all points.
double neighbourPurity(const std::vector<MapPoint>& points, int perCluster, int k) {
    std::size_t same = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::vector<std::pair<float, std::size_t>> distances;
        for (std::size_t j = 0; j < points.size(); ++j) {
            if (j == i) continue;
            const float dx = points[i].x - points[j].x;
            const float dy = points[i].y - points[j].y;
            distances.push_back({dx * dx + dy * dy, j});
        }
        std::partial_sort(distances.begin(), distances.begin() + k, distances.end());
        for (int n = 0; n < k; ++n)
            same += distances[static_cast<std::size_t>(n)].second / static_cast<std::size_t>(perCluster) ==
                    i / static_cast<std::size_t>(perCluster);
    }
    return static_cast<double>(same) / static_cast<double>(points.size() * static_cast<std::size_t>(k));
}

TEST(EmbeddingProjectionTest, PcaOfPointsNearALineGivesTheirPositionsAlongAndAcrossIt) {
    // x_i = c + t_i * u1 + e_i * u2 with orthonormal u1 = (0.6, 0.8, 0) and u2 = (-0.8, 0.6, 0): the first
    // component's scores are the centred t, the second's the centred e. Signs: u1's largest loading (0.8) is
    // positive, u2's (-0.8) is not, so the second axis is -u2 and its scores are -e.
    const std::vector<float> t = {-3, -1, 0, 1, 3};
    const std::vector<float> e = {0.5f, -0.5f, 0.0f, -0.5f, 0.5f};  // mean 0, like t
    std::vector<float> rows;
    for (std::size_t i = 0; i < t.size(); ++i) {
        rows.push_back(7.0f + 0.6f * t[i] - 0.8f * e[i]);
        rows.push_back(-1.0f + 0.8f * t[i] + 0.6f * e[i]);
        rows.push_back(2.0f);
    }
    const std::vector<MapPoint> points = projectPca(rows.data(), 5, 3);
    ASSERT_EQ(points.size(), 5u);
    for (std::size_t i = 0; i < t.size(); ++i) {
        EXPECT_NEAR(points[i].x, t[i], 1e-4) << i;
        EXPECT_NEAR(points[i].y, -e[i], 1e-4) << i;
    }
    // The same points with four more constant coordinates: more dimensions than points, the other branch.
    std::vector<float> wide;
    for (std::size_t i = 0; i < t.size(); ++i) {
        wide.insert(wide.end(), rows.begin() + static_cast<long>(3 * i),
                    rows.begin() + static_cast<long>(3 * i + 3));
        wide.insert(wide.end(), {1.0f, -2.0f, 0.5f, 3.0f});
    }
    const std::vector<MapPoint> again = projectPca(wide.data(), 5, 7);
    for (std::size_t i = 0; i < t.size(); ++i) {
        EXPECT_NEAR(again[i].x, t[i], 1e-4) << i;
        EXPECT_NEAR(again[i].y, -e[i], 1e-4) << i;
    }
}

TEST(EmbeddingProjectionTest, PcaSignFollowsTheLargestLoadingNotTheRowOrder) {
    // One direction, y: its loading is made positive, so each point's score is its own y, whatever the order.
    const std::vector<float> rows = {0, -5, 0, 0, 0, 5};
    const std::vector<MapPoint> points = projectPca(rows.data(), 3, 2);
    EXPECT_NEAR(points[0].x, -5.0f, 1e-5);
    EXPECT_NEAR(points[2].x, 5.0f, 1e-5);
    const std::vector<float> reversed = {0, 5, 0, 0, 0, -5};
    EXPECT_NEAR(projectPca(reversed.data(), 3, 2)[0].x, 5.0f, 1e-5);
}

TEST(EmbeddingProjectionTest, TsneSeparatesWellSeparatedClusters) {
    const int perCluster = 30;
    const std::vector<float> rows = blobs(3, perCluster, 20, 7);
    const TsneProjection map = projectTsne(rows.data(), 3 * perCluster, 20);
    ASSERT_EQ(map.points.size(), 90u);
    EXPECT_EQ(map.mapped, 90u);
    EXPECT_NEAR(map.perplexity, 89.0 / 3.0, 1e-9);  // 30 is too many neighbours for 90 points
    EXPECT_GE(neighbourPurity(map.points, perCluster, 5), 0.98);
}

TEST(EmbeddingProjectionTest, TsneIsDeterministicForASeed) {
    const std::vector<float> rows = blobs(2, 20, 8, 3);
    TsneOptions options;
    options.iterations = 300;
    const TsneProjection first = projectTsne(rows.data(), 40, 8, options);
    const TsneProjection second = projectTsne(rows.data(), 40, 8, options);
    for (std::size_t i = 0; i < first.points.size(); ++i) {
        EXPECT_EQ(first.points[i].x, second.points[i].x);
        EXPECT_EQ(first.points[i].y, second.points[i].y);
    }
    options.seed = 99;
    const TsneProjection other = projectTsne(rows.data(), 40, 8, options);
    EXPECT_NE(first.points[0].x, other.points[0].x);
}

TEST(EmbeddingProjectionTest, AboveTheExactLimitASampleIsMappedAndTheRestPlacedAmongIt) {
    const int perCluster = 40;
    const std::vector<float> rows = blobs(3, perCluster, 12, 11);
    TsneOptions options;
    options.exactLimit = 45;
    const TsneProjection map = projectTsne(rows.data(), 3 * perCluster, 12, options);
    ASSERT_EQ(map.points.size(), 120u);
    EXPECT_EQ(map.mapped, 45u);
    EXPECT_GE(neighbourPurity(map.points, perCluster, 5), 0.95);
}

TEST(EmbeddingProjectionTest, DegenerateInputGivesADegenerateMapOrAClearError) {
    EXPECT_THROW(projectPca(nullptr, 0, 4), Error);
    EXPECT_THROW(projectTsne(nullptr, 0, 4), Error);
    const std::vector<float> one = {1, 2, 3};
    EXPECT_EQ(projectPca(one.data(), 1, 3)[0].x, 0.0f);
    ASSERT_EQ(projectTsne(one.data(), 1, 3).points.size(), 1u);
    const std::vector<float> two = {1, 0, 0, 1};
    const TsneProjection pair = projectTsne(two.data(), 2, 2);
    EXPECT_EQ(pair.points[0].x, -1.0f);
    EXPECT_EQ(pair.points[1].x, 1.0f);

    const std::vector<float> same(10 * 4, 0.5f);  // ten identical images: finite points, no NaN
    for (const MapPoint& point : projectPca(same.data(), 10, 4)) EXPECT_EQ(point.x, 0.0f);
    TsneOptions quick;
    quick.iterations = 100;
    for (const MapPoint& point : projectTsne(same.data(), 10, 4, quick).points) {
        EXPECT_TRUE(std::isfinite(point.x) && std::isfinite(point.y));
    }

    std::vector<float> broken = blobs(2, 5, 3, 1);
    broken[4] = std::numeric_limits<float>::quiet_NaN();
    try {
        projectTsne(broken.data(), 10, 3);
        FAIL() << "NaN was mapped";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("NaN"), std::string::npos) << error.what();
    }
}

TEST(EmbeddingProjectionTest, ACancelledTsneSaysSo) {
    const std::vector<float> rows = blobs(2, 10, 4, 5);
    std::atomic<bool> cancel{true};
    TsneOptions options;
    options.cancel = &cancel;
    const TsneProjection map = projectTsne(rows.data(), 20, 4, options);
    EXPECT_TRUE(map.cancelled);
    EXPECT_TRUE(map.points.empty());
}

}  // namespace
}  // namespace tlw
