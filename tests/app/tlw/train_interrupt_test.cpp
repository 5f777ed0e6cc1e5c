// A tlw train run cut short: killed with SIGKILL mid-epoch (power cut, OOM killer) and resumed, and stopped
// with Ctrl-C (SIGINT) and resumed. Runs without the feature cache at batch size 1, so that an epoch takes
// long enough (about 0.3 s: 20 steps and 10 validation images) to be interrupted in the middle.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/app/tlw/tlw_process.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::TlwRun;

using test::contains;

// Polls until `ready` holds; false after a generous minute (a loaded CI machine).
bool waitUntil(const std::function<bool()>& ready) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (ready()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

void expectEveryEpochOnce(const std::vector<test::HistoryRow>& history, int epochs) {
    ASSERT_EQ(history.size(), static_cast<size_t>(epochs));
    for (int epoch = 1; epoch <= epochs; ++epoch)
        EXPECT_EQ(history[static_cast<size_t>(epoch - 1)].epoch, epoch);
}

class TlwInterruptTest : public ::testing::Test {
protected:
    void SetUp() override { TLW_REQUIRE_SHARED(test::tinyHymenoptera()); }

    std::vector<std::string> slowTraining(const fs::path& model, int epochs) const {
        return test::quickTrainArguments(
            model, {"--epochs", std::to_string(epochs), "--no-cache", "--batch-size", "1"});
    }
    TlwRun tlw(const std::vector<std::string>& arguments) const {
        return test::runTlw(arguments, test::trainingEnvironmentText(m_home.path()));
    }
    std::unique_ptr<test::TlwProcess> start(const std::vector<std::string>& arguments,
                                            const std::string& name) const {
        return std::make_unique<test::TlwProcess>(arguments, test::trainingEnvironment(m_home.path()),
                                                  m_out / (name + ".out"), m_out / (name + ".err"));
    }

    test::TempDir m_home;
    test::TempDir m_out;
};

TEST_F(TlwInterruptTest, KillNineMidEpochThenResumeGivesTheUninterruptedHistory) {
    constexpr int kEpochs = 5;
    const fs::path reference = m_out / "reference" / "m.tlwm";
    const TlwRun uninterrupted = tlw(slowTraining(reference, kEpochs));
    ASSERT_EQ(uninterrupted.exitCode, 0) << uninterrupted.err;

    const fs::path model = m_out / "killed" / "m.tlwm";
    auto run = start(slowTraining(model, kEpochs), "killed");
    // Mid-epoch: epochs 1..k are in the history and epoch k + 1 has reported progress (its "Epoch k+1/5"
    // line comes with its first progress report, a tenth of a second in) but has not ended.
    ASSERT_TRUE(waitUntil([&] {
        const int done = test::epochsInHistoryJson(model);
        const std::string next = "Epoch " + std::to_string(done + 1) + "/";
        return done >= 1 && test::readText(m_out / "killed.out").find(next) != std::string::npos;
    })) << test::readText(m_out / "killed.err");
    run->signal(SIGKILL);
    ASSERT_EQ(run->wait(), 128 + SIGKILL);
    const int epochsBeforeTheKill = test::epochsInHistoryJson(model);
    ASSERT_LT(epochsBeforeTheKill, kEpochs) << "the run ended before the kill; the test proves nothing";
    EXPECT_EQ(test::readText(m_out / "killed.out").find("Best epoch"), std::string::npos);
    EXPECT_TRUE(fs::exists(fs::path(model).concat(".checkpoint")));

    const TlwRun resumed = tlw({"resume", model.string()});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_TRUE(contains(resumed.out, "resuming at epoch ")) << resumed.out;
    EXPECT_TRUE(contains(resumed.out, "Epoch " + std::to_string(kEpochs) + "/" + std::to_string(kEpochs)))
        << resumed.out;
    const std::vector<test::HistoryRow> history = test::readHistoryCsv(model);
    expectEveryEpochOnce(history, kEpochs);
    test::expectSameHistory(history, test::readHistoryCsv(reference));
    EXPECT_TRUE(fs::exists(model));
}

TEST_F(TlwInterruptTest, CtrlCStopsWithTheBestModelSavedAndResumeFinishesTheRun) {
    constexpr int kEpochs = 8;
    const fs::path model = m_out / "m.tlwm";
    auto run = start(slowTraining(model, kEpochs), "stopped");
    ASSERT_TRUE(waitUntil([&] { return test::epochsInHistoryJson(model) >= 1; }))
        << test::readText(m_out / "stopped.err");
    run->signal(SIGINT);
    EXPECT_EQ(run->wait(), 130);
    const std::string out = test::readText(m_out / "stopped.out");
    EXPECT_TRUE(contains(out, "Stopping after this batch")) << out;
    EXPECT_TRUE(contains(out, "Stopped by Ctrl-C (SIGINT) after epoch ")) << out;
    EXPECT_TRUE(contains(out, "To continue the run: tlw resume " + model.string() + "\n")) << out;
    EXPECT_TRUE(fs::exists(fs::path(model).concat(".checkpoint")));

    // The model saved on the way out holds the best epoch so far: its loss on val/ is that epoch's val_loss.
    const std::vector<test::HistoryRow> stopped = test::readHistoryCsv(model);
    ASSERT_GE(stopped.size(), 1u);
    ASSERT_LT(stopped.size(), static_cast<size_t>(kEpochs));
    const auto history = nlohmann::json::parse(test::readText(fs::path(model).concat(".history.json")));
    const int best = history["best_epoch"];
    ASSERT_GE(best, 1);
    const TlwRun evaluated =
        tlw({"evaluate", model.string(), (test::tinyHymenoptera() / "val").string(), "--json"});
    ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err;
    const double bestValLoss = stopped[static_cast<size_t>(best - 1)].valLoss;
    EXPECT_NEAR(nlohmann::json::parse(evaluated.out)["loss"].get<double>(), bestValLoss,
                1e-4 * std::max(1.0, bestValLoss));

    const TlwRun resumed = tlw({"resume", fs::path(model).concat(".checkpoint").string(), "--json"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    expectEveryEpochOnce(test::readHistoryCsv(model), kEpochs);
    EXPECT_TRUE(contains(resumed.out, R"("status":"finished")")) << resumed.out;
    // Done is done: nothing is left to resume.
    const TlwRun again = tlw({"resume", model.string()});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(contains(again.err, "nothing left to resume")) << again.err;
}

TEST_F(TlwInterruptTest, ASecondSignalQuitsAtOnceAndTheCheckpointStillResumes) {
    constexpr int kEpochs = 4;
    const fs::path model = m_out / "m.tlwm";
    auto run = start(slowTraining(model, kEpochs), "quit");
    ASSERT_TRUE(waitUntil([&] { return test::epochsInHistoryJson(model) >= 1; }))
        << test::readText(m_out / "quit.err");
    // Two presses that the process cannot tell apart in time: both arrive while it is stopped. (Two SIGINTs
    // would merge into one pending signal; SIGINT and SIGTERM stay two.)
    run->signal(SIGSTOP);
    run->signal(SIGINT);
    run->signal(SIGTERM);
    run->signal(SIGCONT);
    const int status = run->wait();
    EXPECT_TRUE(status == 128 + SIGINT || status == 128 + SIGTERM) << status;
    EXPECT_TRUE(contains(test::readText(m_out / "quit.err"), "tlw: interrupted again; exiting now\n"))
        << test::readText(m_out / "quit.err");
    EXPECT_FALSE(contains(test::readText(m_out / "quit.out"), "Best epoch"))
        << "no orderly end was waited for";

    const TlwRun resumed = tlw({"resume", model.string()});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    expectEveryEpochOnce(test::readHistoryCsv(model), kEpochs);
}

}  // namespace
}  // namespace tlw
