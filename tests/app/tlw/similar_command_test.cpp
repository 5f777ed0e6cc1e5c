// tlw similar on a SqueezeNet trained here (hymenoptera_tiny, 64x64): the nearest training images, per
// class, as CSV, and its errors.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/app/tlw/npy_file.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/app/tlw/trained_tiny_model_test.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

using test::contains;

class TlwSimilarTest : public test::TrainedTinyModelTest {
protected:
    static fs::path trainingBee() {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(test::tinyHymenoptera() / "train" / "bees"))
            files.push_back(entry.path());
        return *std::min_element(files.begin(), files.end());
    }
};

TEST_F(TlwSimilarTest, ATrainingImageIsItsOwnNearestAndTheCsvListsEveryNeighbour) {
    const fs::path csv = m_out / "similar.csv";
    const TlwRun run =
        tlw({"similar", model().string(), trainingBee().string(), "--k", "3", "--csv", csv.string()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "    1. 1.0000  bees  " + trainingBee().string() + "\n")) << run.out;
    const auto rows = test::readCsv(csv);
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"query", "rank", "file", "class", "similarity", "error"}));
    EXPECT_EQ(rows[1][2], trainingBee().string());
    EXPECT_EQ(rows[3][1], "3");
    // The CSV is a user's file now: not replaced unasked.
    const TlwRun again = tlw({"similar", model().string(), trainingBee().string(), "--csv", csv.string()});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_EQ(again.err, "tlw: error: " + csv.string() + ": exists; --overwrite replaces it\n");
}

TEST_F(TlwSimilarTest, PerClassGivesOneOfEachClass) {
    const TlwRun run = tlw({"similar", model().string(), trainingBee().string(), "--per-class"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "    1. 1.0000  bees  ")) << run.out;
    EXPECT_TRUE(contains(run.out, "    2. ")) << run.out;
    EXPECT_TRUE(contains(run.out, "  ants  ")) << run.out;
    EXPECT_FALSE(contains(run.out, "    3. ")) << run.out;
}

TEST_F(TlwSimilarTest, AMovedDatasetIsSaidWithTheFlagThatHelps) {
    const TlwRun wrongK = tlw({"similar", model().string(), trainingBee().string(), "--k", "0"});
    EXPECT_EQ(wrongK.exitCode, 1);
    EXPECT_EQ(wrongK.err, "tlw: error: --k must be at least 1, got 0\n");
    const TlwRun moved =
        tlw({"similar", model().string(), trainingBee().string(), "--data", (m_out / "nowhere").string()});
    EXPECT_EQ(moved.exitCode, 1);
    EXPECT_TRUE(contains(moved.err, (m_out / "nowhere").string())) << moved.err;
}

}  // namespace
}  // namespace tlw
