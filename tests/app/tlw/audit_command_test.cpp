// tlw audit on hymenoptera_tiny (SqueezeNet, real weights, 64x64): the three CSV files, the printout, and its
// errors.
#include <gtest/gtest.h>

#include "tests/app/tlw/npy_file.h"
#include "tests/app/tlw/tiny_training_test.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::TlwRun;

using test::contains;

class TlwAuditTest : public test::TinyTrainingTest {};

TEST_F(TlwAuditTest, WritesTheRankingThePairsAndTheOutliers) {
    const fs::path csv = m_home.path() / "suspects.csv";
    const fs::path pairs = m_home.path() / "pairs.csv";
    const fs::path outliers = m_home.path() / "outliers.csv";
    const TlwRun run = tlw({"audit", test::tinyHymenoptera().string(), "--image-size", "64", "--folds", "3",
                            "--csv", csv.string(), "--duplicates-csv", pairs.string(), "--outliers-csv",
                            outliers.string(), "--threads", "1"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(
        contains(run.out, "of 20 training images (confident learning on out-of-fold probabilities of 3 "))
        << run.out;
    EXPECT_TRUE(contains(run.out, "near-duplicates (cosine >= 0.94): 0 pairs")) << run.out;
    EXPECT_TRUE(contains(run.err, "30 images; features: 0 from the cache, 30 computed")) << run.err;
    const auto rows = test::readCsv(csv);
    ASSERT_EQ(rows.size(), 21u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"path", "given", "suggested", "score"}));
    EXPECT_GE(std::stod(rows[1][3]), std::stod(rows[20][3]));
    EXPECT_TRUE(rows[1][1] == "ants" || rows[1][1] == "bees");
    EXPECT_EQ(test::readCsv(pairs).size(), 1u);  // the header: no pair among 30 distinct photos
    EXPECT_EQ(
        test::readCsv(outliers).at(0),
        (std::vector<std::string>{"path", "split", "class", "centroid_similarity", "nearest_similarity"}));

    // A second audit reads the features from the cache; the CSV is not replaced unasked.
    const TlwRun again =
        tlw({"audit", test::tinyHymenoptera().string(), "--image-size", "64", "--csv", csv.string()});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_EQ(again.err, "tlw: error: " + csv.string() + ": exists; --overwrite replaces it\n");
    const TlwRun cached = tlw({"audit", test::tinyHymenoptera().string(), "--image-size", "64", "--folds",
                               "3", "--csv", csv.string(), "--overwrite", "--threads", "1"});
    ASSERT_EQ(cached.exitCode, 0) << cached.err;
    EXPECT_TRUE(contains(cached.err, "features: 30 from the cache, 0 computed")) << cached.err;
}

TEST_F(TlwAuditTest, MapCsvHoldsEveryImageOnceForEachProjection) {
    const fs::path csv = m_home.path() / "suspects.csv";
    const fs::path map = m_home.path() / "map.csv";
    const TlwRun run = tlw({"audit", test::tinyHymenoptera().string(), "--image-size", "64", "--folds", "3",
                            "--csv", csv.string(), "--map-csv", map.string(), "--threads", "1"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "embedding map: PCA and t-SNE of 30 images (perplexity 9.7, ")) << run.out;
    const auto rows = test::readCsv(map);
    ASSERT_EQ(rows.size(), 61u);  // the header, 30 images by PCA, the same 30 by t-SNE
    EXPECT_EQ(rows[0], (std::vector<std::string>{"path", "split", "class", "x", "y", "method", "suspect",
                                                 "misclassified"}));
    std::size_t training = 0;
    std::size_t flagged = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), 8u);
        EXPECT_EQ(rows[i][5], i <= 30 ? "pca" : "tsne") << i;
        EXPECT_EQ(rows[i][0], rows[i <= 30 ? i + 30 : i - 30][0]);  // the same image in both halves
        EXPECT_TRUE(rows[i][2] == "ants" || rows[i][2] == "bees");
        EXPECT_TRUE(fs::exists(rows[i][0])) << rows[i][0];
        std::stod(rows[i][3]);
        std::stod(rows[i][4]);
        training += rows[i][1] == "train";
        flagged += rows[i][6] == "1" || rows[i][7] == "1";
        if (rows[i][1] != "train") {
            EXPECT_EQ(rows[i][6] + rows[i][7], "00");  // no out-of-fold verdict
        }
    }
    EXPECT_EQ(training, 40u);  // 20 training images, twice
    EXPECT_LE(flagged, training);
    // Without --map-csv no map is drawn.
    EXPECT_FALSE(contains(tlw({"audit", test::tinyHymenoptera().string(), "--image-size", "64", "--folds",
                               "3", "--csv", csv.string(), "--overwrite", "--threads", "1"})
                              .out,
                          "embedding map"));
}

TEST_F(TlwAuditTest, BadOptionsAreRefusedBeforeAnyWork) {
    const std::string csv = (m_home.path() / "s.csv").string();
    EXPECT_EQ(tlw({"audit", test::tinyHymenoptera().string(), "--folds", "1", "--csv", csv}).err,
              "tlw: error: --folds must be at least 2, got 1\n");
    EXPECT_TRUE(
        contains(tlw({"audit", test::tinyHymenoptera().string(), "--similarity", "1.5", "--csv", csv}).err,
                 "--similarity must be in (0, 1]"));
    const TlwRun missing = tlw({"audit", (m_home.path() / "nothing").string(), "--csv", csv});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(contains(missing.err, (m_home.path() / "nothing").string())) << missing.err;
    EXPECT_FALSE(fs::exists(csv));
}

}  // namespace
}  // namespace tlw
