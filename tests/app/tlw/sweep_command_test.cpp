// tlw sweep end to end, as a user runs it: SqueezeNet with the real ImageNet weights on hymenoptera_tiny at
// 64x64, two fine_tune_at candidates (one a preset's name), two fine-tuning epochs each.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

using test::contains;

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class TlwSweepTest : public ::testing::Test {
protected:
    void SetUp() override { TLW_REQUIRE_SHARED(test::tinyHymenoptera()); }
    TlwRun tlw(const std::vector<std::string>& arguments) const {
        return runTlw(arguments, test::trainingEnvironmentText(m_home.path()));
    }
    std::vector<std::string> sweepArguments(const fs::path& model,
                                            const std::vector<std::string>& extra) const {
        // clang-format off
        std::vector<std::string> arguments{"sweep", test::tinyHymenoptera().string(),
                                           "--backbone", "squeezenet", "--image-size", "64",
                                           "--threads", "1", "--precision", "fp32", "--seed", "7",
                                           "--fine-tune-at", "last-block,48", "--epochs", "2",
                                           "--out", model.string()};
        // clang-format on
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return arguments;
    }

    test::TempDir m_home;
    test::TempDir m_out;
};

TEST_F(TlwSweepTest, RanksTheCandidatesWritesTheBestModelAndTheTableAndRefusesToOverwrite) {
    const fs::path model = m_out / "best.tlwm";
    // SqueezeNet's last-block preset is fire9, deeper than 48 (fire8): it runs first.
    const TlwRun run = tlw(sweepArguments(model, {}));
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    EXPECT_TRUE(contains(run.out, "Candidate 1/2: fine_tune_at = ")) << run.out;
    EXPECT_TRUE(contains(run.out, "Candidate 2/2: fine_tune_at = 48\n")) << run.out;
    // One frozen pass for both: the second candidate finds its features in the cache.
    EXPECT_TRUE(contains(run.out, "30 images from the cache, 0 computed")) << run.out;
    EXPECT_TRUE(contains(run.out, "rank fine_tune_at")) << run.out;
    EXPECT_TRUE(contains(run.out, "Best: fine_tune_at = ")) << run.out;

    ASSERT_TRUE(fs::exists(model));
    const nlohmann::json table = nlohmann::json::parse(readText(m_out / "best.tlwm.sweep.json"));
    ASSERT_EQ(table["candidates"].size(), 2u);
    const auto& best = table["candidates"][0];
    const auto& second = table["candidates"][1];
    EXPECT_GE(best["val_accuracy"].get<double>(), second["val_accuracy"].get<double>());
    EXPECT_EQ(best["first_trainable_layer"].get<std::string>(),
              best["fine_tune_at"] == 48 ? "fire8/squeeze1x1" : "fire9/squeeze1x1");
    EXPECT_EQ(best["history"]["epochs"].size(), 3u);  // the exact head's solve, then 2 fine-tuning epochs
    EXPECT_EQ(readText(model), readText(best["model"].get<std::string>()));
    EXPECT_TRUE(fs::exists(m_out / "best.tlwm.history.csv"));
    const std::string csv = readText(m_out / "best.tlwm.sweep.csv");
    EXPECT_EQ(csv.rfind("rank,fine_tune_at,first_trainable_layer,val_accuracy,val_loss,kept_epoch,", 0), 0u)
        << csv;

    // A second sweep to the same model stops before training and leaves the file alone.
    const std::string before = readText(model);
    const TlwRun again = tlw(sweepArguments(model, {}));
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(contains(again.err, "best.tlwm: exists; --overwrite replaces it")) << again.err;
    EXPECT_FALSE(contains(again.out, "Candidate 1/2")) << again.out;
    EXPECT_EQ(readText(model), before);
}

TEST_F(TlwSweepTest, BadCandidatesAreClearErrors) {
    const fs::path model = m_out / "best.tlwm";
    TlwRun run = tlw({"sweep", test::tinyHymenoptera().string(), "--backbone", "squeezenet", "--fine-tune-at",
                      "48,48", "--out", model.string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(run.err, "fine_tune_at 48 is given twice")) << run.err;
    run = tlw({"sweep", test::tinyHymenoptera().string(), "--backbone", "squeezenet", "--fine-tune-at",
               "48,top", "--out", model.string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(run.err, "--fine-tune-at 'top': expected a layer index")) << run.err;
    run = tlw({"sweep", test::tinyHymenoptera().string(), "--backbone", "squeezenet", "--fine-tune-at", "999",
               "--out", model.string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(run.err, "fine_tune_at 999 is not a layer of SqueezeNet")) << run.err;
    run = tlw({"sweep", test::tinyHymenoptera().string(), "--backbone", "squeezenet", "--fine-tune-at", "48",
               "--folds", "1", "--out", model.string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(run.err, "folds 1: give 2 to 20, or 0 for none")) << run.err;
    EXPECT_FALSE(fs::exists(model));
}

}  // namespace
}  // namespace tlw
