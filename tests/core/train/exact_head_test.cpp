#include "core/train/exact_head.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/models/backbone_loader.h"
#include "core/train/head_cross_validation.h"
#include "core/train/training_session.h"
#include "core/util/atomic_file.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

class Recorder : public TrainingObserver {
public:
    void onEpochEnded(const EpochMetrics& metrics) override { epochs.push_back(metrics); }
    void onHeadSolved(const HeadSolveReport& report) override { solves.push_back(report); }
    void onMessage(const std::string& line) override { messages.push_back(line); }
    bool said(const std::string& fragment) const {
        return std::any_of(messages.begin(), messages.end(),
                           [&](const std::string& line) { return line.find(fragment) != std::string::npos; });
    }
    std::vector<EpochMetrics> epochs;
    std::vector<HeadSolveReport> solves;
    std::vector<std::string> messages;
};

class ExactHeadTest : public ::testing::Test {
protected:
    void SetUp() override { test::writeTinyDataset(m_data.path()); }
    TrainingConfig exactConfig() const {
        TrainingConfig config = test::tinyTrainingConfig(m_data.path(), m_out.path(), m_cache.path());
        config.headSolver = HeadSolver::Exact;
        return config;
    }
    TrainingResult train(const TrainingConfig& config, Recorder& recorder) {
        TrainingSession session(config);
        return session.run(recorder);
    }

    test::TempDir m_data;
    test::TempDir m_out;
    test::TempDir m_cache;
};

TEST_F(ExactHeadTest, TheFrozenPhaseIsOneSolveRecordedInTheHistoryAndTheLog) {
    Recorder recorder;
    const TrainingResult result = train(exactConfig(), recorder);
    ASSERT_EQ(result.history.epochs.size(), 1u);  // not config.epochs: the solve stands for them
    ASSERT_TRUE(result.history.headSolve);
    const HeadSolveReport& report = *result.history.headSolve;
    EXPECT_EQ(report.folds, 5);  // 6 training images per class
    EXPECT_EQ(report.path.size(), HeadCrossValidationOptions::defaultStrengths().size());
    EXPECT_TRUE(report.converged);
    EXPECT_LE(report.gradientNorm, report.tolerance);
    EXPECT_EQ(report.chosenStrength, report.path.at(report.chosenIndex).l2Strength);
    ASSERT_EQ(recorder.solves.size(), 1u);
    EXPECT_EQ(result.history.epochs.front().learningRate, 0.0);
    EXPECT_TRUE(recorder.said("exact head: L2"));
    EXPECT_TRUE(recorder.said("<- chosen"));
    // The history beside the model keeps it for later (the GUI's resume, people's scripts).
    const TrainingHistory saved =
        historyFromJson(readFileBytes(historyJsonPathFor(exactConfig().outputModel)));
    ASSERT_TRUE(saved.headSolve);
    EXPECT_EQ(saved.headSolve->chosenStrength, report.chosenStrength);
    EXPECT_EQ(saved.headSolve->path.size(), report.path.size());
}

TEST_F(ExactHeadTest, TheSameSeedGivesTheSameSolve) {
    Recorder first;
    Recorder second;
    const TrainingResult a = train(exactConfig(), first);
    const TrainingResult b = train(exactConfig(), second);
    EXPECT_EQ(a.history.headSolve->chosenStrength, b.history.headSolve->chosenStrength);
    EXPECT_EQ(a.history.epochs.front().valLoss, b.history.epochs.front().valLoss);
}

TEST_F(ExactHeadTest, AugmentationFallsBackToAdamAndSaysWhy) {
    TrainingConfig config = exactConfig();
    config.augmentation.horizontalFlip = true;
    config.epochs = 2;
    Recorder recorder;
    const TrainingResult result = train(config, recorder);
    EXPECT_EQ(result.history.epochs.size(), 2u);
    EXPECT_FALSE(result.history.headSolve);
    EXPECT_TRUE(recorder.said("head solver: Adam instead of exact, because random augmentation"));
}

TEST_F(ExactHeadTest, FineTuningStartsFromTheSolvedHead) {
    TrainingConfig config = exactConfig();
    config.fineTune = FineTuneSettings{2, 16, 1e-4};
    Recorder recorder;
    const TrainingResult result = train(config, recorder);
    ASSERT_EQ(result.history.epochs.size(), 3u);
    EXPECT_EQ(result.history.fineTuneStartEpoch, 2);
    EXPECT_EQ(result.history.epochs[0].phase, 1);
    EXPECT_EQ(result.history.epochs[1].phase, 2);
    EXPECT_TRUE(result.history.headSolve);
}

TEST(ExactHeadRefusal, NamesWhatMakesThePhaseNonConvex) {
    BackboneRequest request;
    request.kind = BackboneKind::SqueezeNet11;
    request.allowRandomInit = true;
    request.weightsFile = "no-such-weights.h5";
    HeadSpec head;
    ClassifierModule module(prepareBackbone(request).module, head);
    std::vector<bool> frozen(static_cast<size_t>(module.backboneEnd()), true);
    module.applyFreeze(frozen);
    TrainingConfig config;
    EXPECT_EQ(exactHeadRefusal(config, module), HeadSolveRefusal::None);
    config.dropout = 0.2;
    EXPECT_EQ(exactHeadRefusal(config, module), HeadSolveRefusal::Dropout);
    EXPECT_NE(headSolveRefusalReason(HeadSolveRefusal::Dropout).find("dropout"), std::string::npos);
    config.dropout = 0.0;
    module.applyFreeze(std::vector<bool>(frozen.size(), false));
    EXPECT_EQ(exactHeadRefusal(config, module), HeadSolveRefusal::BackboneTrains);
    EXPECT_NE(headSolveRefusalReason(HeadSolveRefusal::BackboneTrains).find("backbone layers train"),
              std::string::npos);
}

}  // namespace
}  // namespace tlw
