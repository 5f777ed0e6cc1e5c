#include "core/train/checkpoint.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/io/tensor_archive.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

using Named = std::vector<std::pair<std::string, torch::Tensor>>;

std::map<std::string, torch::Tensor> byName(const Named& tensors) { return {tensors.begin(), tensors.end()}; }

// A frozen base and a trained head: the best epoch's base equals the current one, its head does not.
Checkpoint frozenBaseCheckpoint() {
    at::manual_seed(3);
    Checkpoint checkpoint;
    checkpoint.state.configJson = "{}";
    checkpoint.state.bestEpoch = 2;
    checkpoint.state.bestValue = 0.25;
    const torch::Tensor base = at::randn({64, 3, 3, 3});
    const torch::Tensor head = at::randn({1, 64});
    checkpoint.weights = {{"base/kernel", base}, {"head/kernel", head}};
    checkpoint.bestWeights = {{"base/kernel", base.clone()}, {"head/kernel", head + 1}};
    return checkpoint;
}

TEST(Checkpoint, WritesABestWeightEqualToTheCurrentOneOnceAndReadsItBack) {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "model.tlwm.checkpoint";
    const Checkpoint written = frozenBaseCheckpoint();
    writeCheckpoint(file, written);

    std::vector<std::string> stored;
    for (const auto& entry : readTensorArchive(file, "tlw-checkpoint").tensors) stored.push_back(entry.first);
    EXPECT_EQ(stored,
              (std::vector<std::string>{"weights/base/kernel", "weights/head/kernel", "best/head/kernel"}));

    const Checkpoint read = readCheckpoint(file);
    const auto best = byName(read.bestWeights);
    ASSERT_EQ(best.size(), 2u);
    EXPECT_TRUE(torch::equal(best.at("base/kernel"), written.weights[0].second));
    EXPECT_TRUE(torch::equal(best.at("head/kernel"), written.bestWeights[1].second));
    EXPECT_TRUE(torch::equal(byName(read.weights).at("head/kernel"), written.weights[1].second));
}

TEST(Checkpoint, KeepsNoBestWeightsWhereTheRunKeepsNone) {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "last.checkpoint";
    Checkpoint written = frozenBaseCheckpoint();
    written.bestWeights.clear();
    writeCheckpoint(file, written);
    EXPECT_TRUE(readCheckpoint(file).bestWeights.empty());
}

// The optimizer's state goes in as tensors of its own, "optimizer/<i>/<field>", and comes back by those
// names; an older checkpoint's torch::serialize blob, "optimizer", comes back apart from them.
TEST(Checkpoint, KeepsTheOptimizerStateAsNamedTensors) {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "model.tlwm.checkpoint";
    Checkpoint written = frozenBaseCheckpoint();
    written.optimizer = {{"0/step", torch::tensor(int64_t{4})}, {"0/exp_avg", at::randn({1, 64})}};
    writeCheckpoint(file, written);
    std::vector<std::string> stored;
    for (const auto& entry : readTensorArchive(file, "tlw-checkpoint").tensors) stored.push_back(entry.first);
    EXPECT_EQ(stored.back(), "optimizer/0/exp_avg");
    Checkpoint read = readCheckpoint(file);
    ASSERT_EQ(read.optimizer.size(), 2u);
    EXPECT_EQ(read.optimizer[0].first, "0/step");
    EXPECT_EQ(read.optimizer[0].second.item<int64_t>(), 4);
    EXPECT_TRUE(torch::equal(read.optimizer[1].second, written.optimizer[1].second));
    EXPECT_FALSE(read.legacyOptimizer.defined());

    written.optimizer.clear();
    written.legacyOptimizer = at::arange(10, at::kByte);
    writeCheckpoint(file, written);
    read = readCheckpoint(file);
    EXPECT_TRUE(read.optimizer.empty());
    EXPECT_TRUE(torch::equal(read.legacyOptimizer, written.legacyOptimizer));
}

// A format-1 checkpoint (every best weight written out) still resumes; a left-out best weight without a
// current one is named as damage.
TEST(Checkpoint, ReadsFormatOneAndNamesABestWeightWithoutACurrentOne) {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "old.checkpoint";
    writeCheckpoint(file, frozenBaseCheckpoint());
    TensorArchive archive = readTensorArchive(file, "tlw-checkpoint");
    nlohmann::json document = nlohmann::json::parse(archive.json);
    document["format"] = 1;
    document.erase("best_same_as_weights");
    archive.json = document.dump();
    const torch::Tensor base = archive.tensors.at(0).second;
    archive.tensors.emplace_back("best/base/kernel", base.clone());  // format 1 wrote every one
    writeTensorArchive(file, archive);
    const auto best = byName(readCheckpoint(file).bestWeights);
    ASSERT_EQ(best.size(), 2u);
    EXPECT_TRUE(torch::equal(best.at("base/kernel"), base));

    document["format"] = 2;
    document["best_same_as_weights"] = {"base/kernel", "missing/kernel"};
    archive.json = document.dump();
    writeTensorArchive(file, archive);
    try {
        readCheckpoint(file);
        FAIL() << "a left-out best weight without a current one was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), file);
        EXPECT_NE(e.reason().find("missing/kernel"), std::string::npos) << e.what();
    }

    document["format"] = 4;
    archive.json = document.dump();
    writeTensorArchive(file, archive);
    EXPECT_THROW(readCheckpoint(file), Error);
}

}  // namespace
}  // namespace tlw
