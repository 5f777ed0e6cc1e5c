// tlw runs, as a user runs it: two quick real runs (SqueezeNet with the real ImageNet weights on
// hymenoptera_tiny at 64x64) differing in their learning rate, listed newest first, and their settings
// compared with --diff.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

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

class TlwRunsTest : public test::TinyTrainingTest {};

TEST_F(TlwRunsTest, ListsTheRecordedRunsNewestFirstAndDiffsTheirSettings) {
    const fs::path first = m_out / "first.tlwm";
    const fs::path second = m_out / "second.tlwm";
    ASSERT_EQ(tlw(test::quickTrainArguments(first, {"--epochs", "2", "--lr", "0.001"})).exitCode, 0);
    // Records sort by their finishing second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    ASSERT_EQ(tlw(test::quickTrainArguments(second, {"--epochs", "2", "--lr", "0.01"})).exitCode, 0);
    ASSERT_TRUE(fs::exists(m_out / "first.tlwm.run.json"));
    { std::ofstream(m_out / "damaged.tlwm.run.json") << "{"; }

    const TlwRun listed = tlw({"runs", m_out.path().string()});
    ASSERT_EQ(listed.exitCode, 0) << listed.err;
    EXPECT_EQ(listed.out.rfind("finished (UTC)  ", 0), 0u) << listed.out;
    EXPECT_TRUE(contains(listed.out, "  val_accuracy  val_loss  time\n")) << listed.out;
    const std::size_t firstAt = listed.out.find("first.tlwm");
    const std::size_t secondAt = listed.out.find("second.tlwm");
    ASSERT_NE(firstAt, std::string::npos) << listed.out;
    ASSERT_NE(secondAt, std::string::npos) << listed.out;
    EXPECT_LT(secondAt, firstAt) << listed.out;
    EXPECT_TRUE(contains(listed.out, "squeezenet")) << listed.out;
    EXPECT_TRUE(contains(listed.err, "tlw: skipped ")) << listed.err;
    EXPECT_TRUE(contains(listed.err, "damaged.tlwm.run.json")) << listed.err;

    const TlwRun diff = tlw({"runs", "--diff", first.string(), second.string()});
    ASSERT_EQ(diff.exitCode, 0) << diff.err;
    EXPECT_TRUE(contains(diff.out, "setting")) << diff.out;
    EXPECT_TRUE(contains(diff.out, "learning_rate")) << diff.out;
    EXPECT_TRUE(contains(diff.out, "0.01")) << diff.out;
    EXPECT_FALSE(contains(diff.out, "batch_size")) << diff.out;
    EXPECT_FALSE(contains(diff.out, "output_model")) << diff.out;

    const TlwRun alone = tlw({"runs", "--diff", first.string()});
    EXPECT_EQ(alone.exitCode, 1);
    EXPECT_TRUE(contains(alone.err, "at least two")) << alone.err;
    const TlwRun missing = tlw({"runs", "--diff", first.string(), (m_out / "none.tlwm").string()});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(contains(missing.err, "none.tlwm.run.json")) << missing.err;
}

TEST_F(TlwRunsTest, WithoutAFolderListsTheWindowsModelsFolder) {
    const TlwRun empty = tlw({"runs"});
    ASSERT_EQ(empty.exitCode, 0) << empty.err;
    EXPECT_TRUE(contains(empty.out, "No runs recorded in ")) << empty.out;
    EXPECT_TRUE(contains(empty.out, "tlworkbench/models")) << empty.out;
}

}  // namespace
}  // namespace tlw
