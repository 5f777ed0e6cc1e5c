// tlw as ranks of a data-parallel job (core/dist), the way torchrun starts it: 2 and 3 processes on
// 127.0.0.1 with RANK, WORLD_SIZE, MASTER_ADDR and a free MASTER_PORT in their environment. Their results are
// compared with one process's: the features, and the history of a run with the same global batch.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <functional>
#include <memory>
#include <thread>

#include "tests/app/tlw/npy_file.h"
#include "tests/app/tlw/tlw_process.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/free_port.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

using test::contains;

bool waitUntil(const std::function<bool()>& ready) {
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < deadline) {
        if (ready()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

class TlwDistributedTest : public ::testing::Test {
protected:
    void SetUp() override { TLW_REQUIRE_SHARED(test::tinyHymenoptera()); }

    // Starts ranks 0 .. size-1 of one job, each with its own log files named NAME-rank-R.
    std::vector<std::unique_ptr<test::TlwProcess>> startRanks(int size,
                                                              const std::vector<std::string>& arguments,
                                                              const std::string& name) {
        const int port = test::freeLocalPort();
        std::vector<std::unique_ptr<test::TlwProcess>> ranks;
        for (int rank = 0; rank < size; ++rank) {
            auto environment = test::trainingEnvironment(m_home.path());
            environment.insert(environment.end(), {{"RANK", std::to_string(rank)},
                                                   {"WORLD_SIZE", std::to_string(size)},
                                                   {"LOCAL_RANK", std::to_string(rank)},
                                                   {"MASTER_ADDR", "127.0.0.1"},
                                                   {"MASTER_PORT", std::to_string(port)}});
            ranks.push_back(std::make_unique<test::TlwProcess>(arguments, environment, log(name, rank, "out"),
                                                               log(name, rank, "err")));
        }
        return ranks;
    }
    // Runs a whole job and returns each rank's exit code.
    std::vector<int> runRanks(int size, const std::vector<std::string>& arguments, const std::string& name) {
        std::vector<int> codes;
        for (auto& rank : startRanks(size, arguments, name)) codes.push_back(rank->wait());
        return codes;
    }
    fs::path log(const std::string& name, int rank, const std::string& stream) const {
        return m_out / (name + "-rank-" + std::to_string(rank) + "." + stream);
    }
    std::string errors(const std::string& name, int rank) const {
        return test::readText(log(name, rank, "err"));
    }
    test::TlwRun single(const std::vector<std::string>& arguments) const {
        return test::runTlw(arguments, test::trainingEnvironmentText(m_home.path()));
    }

    test::TempDir m_home;
    test::TempDir m_out;
};

// Fine-tuning MobileNet 0.25's last block (no dropout in its base, BatchNorm frozen as by default) after
// one head epoch: a global batch of 8 split over 2 ranks steps as one process does.
TEST_F(TlwDistributedTest, TwoRanksFineTuneAsOneProcessWithTheSameGlobalBatch) {
    const auto arguments = [](const fs::path& model) {
        return std::vector<std::string>{"train",         test::tinyHymenoptera().string(),
                                        "--backbone",    "mobilenet",
                                        "--alpha",       "0.25",
                                        "--image-size",  "64",
                                        "--threads",     "1",
                                        "--precision",   "fp32",
                                        "--seed",        "7",
                                        "--head-solver", "adam",
                                        "--dropout",     "0",
                                        "--epochs",      "1",
                                        "--batch-size",  "8",
                                        "--two-phase",   "2:last-block:1e-3",
                                        "--out",         model.string()};
    };
    const fs::path reference = m_out / "single" / "m.tlwm";
    const test::TlwRun one = single(arguments(reference));
    ASSERT_EQ(one.exitCode, 0) << one.err;

    const fs::path model = m_out / "ranks" / "m.tlwm";
    EXPECT_EQ(runRanks(2, arguments(model), "fine-tune"), (std::vector<int>{0, 0})) << errors("fine-tune", 1);
    test::expectSameHistory(test::readHistoryCsv(model), test::readHistoryCsv(reference));
    EXPECT_EQ(test::readHistoryCsv(model).size(), 3u);
    EXPECT_TRUE(fs::exists(model));
    // Each rank computed its share of the frozen prefix's features in a cache folder of its own.
    EXPECT_TRUE(fs::exists(m_home / "feature-cache" / "rank-0-of-2"));
    EXPECT_TRUE(fs::exists(m_home / "feature-cache" / "rank-1-of-2"));
}

// Three ranks of the frozen-base head on SqueezeNet's pooled features: 20 images in batches of 8, so the
// last batch of 4 is cut 1/1/2 and a batch of 8 into 2/3/3.
TEST_F(TlwDistributedTest, ThreeRanksTrainTheHeadAsOneProcess) {
    const std::vector<std::string> extra{"--epochs", "3", "--batch-size", "8", "--dropout", "0"};
    const fs::path reference = m_out / "single" / "m.tlwm";
    const test::TlwRun one = single(test::quickTrainArguments(reference, extra));
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const fs::path model = m_out / "ranks" / "m.tlwm";
    EXPECT_EQ(runRanks(3, test::quickTrainArguments(model, extra), "head"), (std::vector<int>{0, 0, 0}))
        << errors("head", 2);
    test::expectSameHistory(test::readHistoryCsv(model), test::readHistoryCsv(reference));
}

TEST_F(TlwDistributedTest, ThreeRanksWriteTheFeaturesOfOneProcess) {
    const auto arguments = [](const fs::path& out) {
        return std::vector<std::string>{"features",     test::tinyHymenoptera().string(),
                                        "--backbone",   "squeezenet",
                                        "--image-size", "64",
                                        "--threads",    "1",
                                        "--batch-size", "4",
                                        "--out",        out.string()};
    };
    const fs::path reference = m_out / "single.npy";
    const test::TlwRun one = single(arguments(reference));
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const fs::path gathered = m_out / "ranks.npy";
    EXPECT_EQ(runRanks(3, arguments(gathered), "features"), (std::vector<int>{0, 0, 0}))
        << errors("features", 1);
    const test::NpyArray expected = test::readNpyFloat32(reference);
    const test::NpyArray actual = test::readNpyFloat32(gathered);
    EXPECT_EQ(actual.shape, expected.shape);
    EXPECT_EQ(actual.shape.front(), 30);
    // Each image meets the network in the same batch as in one process: the same bits.
    EXPECT_EQ(actual.values, expected.values);
    EXPECT_EQ(test::readCsv(fs::path(gathered).replace_extension(".csv")),
              test::readCsv(fs::path(reference).replace_extension(".csv")));
    EXPECT_TRUE(contains(test::readText(log("features", 2, "out")), "rank 0 wrote"));
}

TEST_F(TlwDistributedTest, AKilledRankIsNamedByTheOthersWhichExitNonZero) {
    const fs::path model = m_out / "m.tlwm";
    auto ranks = startRanks(
        3, test::quickTrainArguments(model, {"--epochs", "50", "--no-cache", "--batch-size", "1"}), "kill");
    ASSERT_TRUE(waitUntil([&] { return test::epochsInHistoryJson(model) >= 1; }));
    ranks[1]->signal(SIGKILL);
    const auto killed = Clock::now();
    EXPECT_NE(ranks[0]->wait(), 0);
    EXPECT_NE(ranks[2]->wait(), 0);
    EXPECT_LT(Clock::now() - killed, std::chrono::seconds(60));
    EXPECT_EQ(ranks[1]->wait(), 128 + SIGKILL);
    for (const int survivor : {0, 2})
        EXPECT_TRUE(contains(errors("kill", survivor), "rank 1 stopped")) << errors("kill", survivor);
}

// Ctrl-C on rank 1 stops every rank within the batch, with rank 0's checkpoint; tlw resume on the same
// number of ranks finishes the run with the history of an uninterrupted one.
TEST_F(TlwDistributedTest, CtrlCOnOneRankStopsAllAndTheRunResumes) {
    const std::vector<std::string> extra{"--epochs", "4",         "--no-cache", "--batch-size",
                                         "2",        "--dropout", "0"};
    const fs::path reference = m_out / "single" / "m.tlwm";
    const test::TlwRun one = single(test::quickTrainArguments(reference, extra));
    ASSERT_EQ(one.exitCode, 0) << one.err;

    const fs::path model = m_out / "ranks" / "m.tlwm";
    auto ranks = startRanks(2, test::quickTrainArguments(model, extra), "stop");
    ASSERT_TRUE(waitUntil([&] { return test::epochsInHistoryJson(model) >= 1; }));
    ranks[1]->signal(SIGINT);
    EXPECT_EQ(ranks[0]->wait(), 128 + SIGINT) << errors("stop", 0);
    EXPECT_EQ(ranks[1]->wait(), 128 + SIGINT) << errors("stop", 1);
    const size_t stoppedAfter = test::readHistoryCsv(model).size();
    ASSERT_GE(stoppedAfter, 1u);
    ASSERT_LT(stoppedAfter, 4u) << "the stop came too late to test anything";

    EXPECT_EQ(runRanks(2, {"resume", model.string()}, "resume"), (std::vector<int>{0, 0}))
        << errors("resume", 0);
    test::expectSameHistory(test::readHistoryCsv(model), test::readHistoryCsv(reference));
}

TEST_F(TlwDistributedTest, ARankThatCannotReachTheMasterSaysWhere) {
    const int port = test::freeLocalPort();
    auto environment = test::trainingEnvironment(m_home.path());
    environment.insert(environment.end(), {{"RANK", "1"},
                                           {"WORLD_SIZE", "2"},
                                           {"MASTER_ADDR", "127.0.0.1"},
                                           {"MASTER_PORT", std::to_string(port)}});
    test::TlwProcess lonely(test::quickTrainArguments(m_out / "m.tlwm", {"--dist-timeout", "2"}), environment,
                            m_out / "lonely.out", m_out / "lonely.err");
    EXPECT_EQ(lonely.wait(), 1);
    const std::string message = test::readText(m_out / "lonely.err");
    EXPECT_TRUE(contains(message, "rank 1 of 2: cannot reach the master (rank 0) at 127.0.0.1:" +
                                      std::to_string(port) + " within 2 s"))
        << message;
}

TEST_F(TlwDistributedTest, NcclIsRefusedClearlyWithoutIt) {
    const test::TlwRun run =
        single(test::quickTrainArguments(m_out / "m.tlwm", {"--dist-backend", "nccl", "--epochs", "1"}));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(run.err, "this LibTorch was built without NCCL")) << run.err;
    EXPECT_FALSE(fs::exists(m_out / "m.tlwm"));
}

}  // namespace
}  // namespace tlw
