#include "core/train/fine_tune_sweep.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

SweepCandidate candidate(int k, std::optional<double> accuracy, std::optional<double> loss,
                         std::int64_t params) {
    SweepCandidate c;
    c.fineTuneAt = k;
    c.valAccuracy = accuracy;
    c.valLoss = loss;
    c.trainableParams = params;
    return c;
}

std::vector<int> order(const std::vector<SweepCandidate>& ranked) {
    std::vector<int> ks;
    for (const SweepCandidate& c : ranked) ks.push_back(c.fineTuneAt);
    return ks;
}

TEST(RankCandidates, AccuracyFirstThenLossThenTheSmallerModel) {
    std::vector<SweepCandidate> candidates{candidate(16, 0.80, 0.40, 100), candidate(15, 0.90, 0.50, 200),
                                           candidate(11, 0.90, 0.30, 300), candidate(7, std::nullopt, 0.1, 1),
                                           candidate(12, 0.80, 0.40, 50)};
    rankCandidates(candidates);
    EXPECT_EQ(order(candidates), (std::vector<int>{11, 15, 12, 16, 7}));
}

// Records the sweep's calls; can stop it when a candidate starts.
class RecordingSweepObserver : public FineTuneSweepObserver {
public:
    void onCandidateStarted(std::size_t index, std::size_t count, const TrainingConfig& config) override {
        started.push_back(*config.fineTune->unfreezeFrom);
        counts.push_back(count);
        if (sweep && stopAtCandidate == index) sweep->requestStop();
    }
    void onCandidateEnded(const SweepCandidate& c) override { ended.push_back(c.fineTuneAt); }
    void onMessage(const std::string& line) override { messages.push_back(line); }

    std::size_t linesWith(const std::string& fragment) const {
        return static_cast<std::size_t>(
            std::count_if(messages.begin(), messages.end(),
                          [&](const std::string& l) { return l.find(fragment) != std::string::npos; }));
    }

    FineTuneSweep* sweep = nullptr;
    std::size_t stopAtCandidate = 99;
    std::vector<int> started;
    std::vector<std::size_t> counts;
    std::vector<int> ended;
    std::vector<std::string> messages;
};

class FineTuneSweepTest : public ::testing::Test {
protected:
    void SetUp() override { test::writeTinyDataset(m_data.path()); }
    FineTuneSweepConfig config() const {
        FineTuneSweepConfig sweep;
        sweep.base = test::tinyTrainingConfig(m_data.path(), m_out.path(), m_cache.path());
        sweep.base.headSolver = HeadSolver::Exact;
        sweep.base.fineTune = FineTuneSettings{2, std::nullopt, 1e-4};
        sweep.base.outputModel = m_out.path() / "best.tlwm";
        sweep.candidates = {11, 16, 15};
        return sweep;
    }

    test::TempDir m_data;
    test::TempDir m_out;
    test::TempDir m_cache;
};

TEST_F(FineTuneSweepTest, RanksEveryCandidateFromOnePassAndWritesTheBestWithTheTable) {
    FineTuneSweep sweep(config());
    RecordingSweepObserver observer;
    const FineTuneSweepResult result = sweep.run(observer);

    // Deepest first, so that its frozen pass computes the others' cuts.
    EXPECT_EQ(observer.started, (std::vector<int>{16, 15, 11}));
    EXPECT_EQ(observer.counts, (std::vector<std::size_t>{3, 3, 3}));
    ASSERT_EQ(result.ranked.size(), 3u);
    EXPECT_FALSE(result.cancelled);
    for (std::size_t i = 1; i < result.ranked.size(); ++i) {
        const SweepCandidate& a = result.ranked[i - 1];
        const SweepCandidate& b = result.ranked[i];
        ASSERT_TRUE(a.valAccuracy && b.valAccuracy && a.valLoss && b.valLoss);
        EXPECT_TRUE(*a.valAccuracy > *b.valAccuracy ||
                    (*a.valAccuracy == *b.valAccuracy && *a.valLoss <= *b.valLoss))
            << "rank " << i;
    }
    // The first run's pass computes every cut (and the head's pooled vector); the later runs compute nothing.
    const auto pass =
        std::find_if(observer.messages.begin(), observer.messages.end(),
                     [](const std::string& l) { return l.rfind("computing the output of", 0) == 0; });
    ASSERT_NE(pass, observer.messages.end());
    for (const char* layer :
         {"block3_pool", "block4_pool", "block5_conv1", "block5_pool (global average pooled)"})
        EXPECT_NE(pass->find(layer), std::string::npos) << *pass;
    EXPECT_EQ(observer.linesWith("0 images from the cache, 18 computed"), 1u);
    EXPECT_EQ(observer.linesWith("18 images from the cache, 0 computed"), 2u);
    // Each candidate: the exact head's epoch, then 2 fine-tuning epochs; the trainable part grows as K falls.
    std::map<int, const SweepCandidate*> byK;
    for (const SweepCandidate& c : result.ranked) {
        byK[c.fineTuneAt] = &c;
        EXPECT_EQ(c.history.epochs.size(), 3u) << c.fineTuneAt;
        EXPECT_EQ(c.history.fineTuneStartEpoch, 2);
        EXPECT_GE(c.keptEpoch, 1);
        EXPECT_GT(c.seconds, 0.0);
        EXPECT_TRUE(std::filesystem::exists(c.modelFile));
        EXPECT_TRUE(std::filesystem::exists(historyJsonPathFor(c.modelFile)));
    }
    EXPECT_EQ(byK.at(16)->trainableParams, 4719616 + 513);  // block5_conv2, block5_conv3 and the head
    EXPECT_EQ(byK.at(16)->firstTrainableLayer, "block5_conv2");
    EXPECT_EQ(byK.at(11)->firstTrainableLayer, "block4_conv1");
    EXPECT_LT(byK.at(16)->trainableParams, byK.at(15)->trainableParams);
    EXPECT_LT(byK.at(15)->trainableParams, byK.at(11)->trainableParams);

    // The best candidate's model and history are the output's, byte for byte.
    const std::filesystem::path model = config().base.outputModel;
    EXPECT_EQ(result.modelFile, model);
    EXPECT_EQ(readFileBytes(model), readFileBytes(result.ranked.front().modelFile));
    EXPECT_EQ(readFileBytes(historyCsvPathFor(model)),
              readFileBytes(historyCsvPathFor(result.ranked[0].modelFile)));

    // The table, as written, reads back in the same order with the same figures.
    const FineTuneSweepResult table = sweepFromJson(readFileBytes(sweepJsonPathFor(model)));
    ASSERT_EQ(table.ranked.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(table.ranked[i].fineTuneAt, result.ranked[i].fineTuneAt);
        EXPECT_EQ(table.ranked[i].valAccuracy, result.ranked[i].valAccuracy);
        EXPECT_EQ(table.ranked[i].history.epochs.size(), 3u);
    }
    const std::string csv = readFileBytes(sweepCsvPathFor(model));
    EXPECT_EQ(csv.rfind("rank,fine_tune_at,first_trainable_layer,val_accuracy", 0), 0u);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
}

TEST_F(FineTuneSweepTest, RefusesToReplaceAnExistingModelUnlessAsked) {
    FineTuneSweepConfig settings = config();
    settings.candidates = {16};
    writeFileAtomically(settings.base.outputModel, "the user's model");
    FineTuneSweep refused(settings);
    RecordingSweepObserver observer;
    try {
        refused.run(observer);
        FAIL() << "an existing model was replaced";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), settings.base.outputModel);
        EXPECT_NE(std::string(e.what()).find("--overwrite"), std::string::npos);
    }
    EXPECT_EQ(readFileBytes(settings.base.outputModel), "the user's model");
    EXPECT_TRUE(observer.started.empty());

    settings.overwrite = true;
    FineTuneSweep replacing(settings);
    const FineTuneSweepResult result = replacing.run(observer);
    ASSERT_EQ(result.ranked.size(), 1u);
    EXPECT_EQ(readFileBytes(settings.base.outputModel), readFileBytes(result.ranked[0].modelFile));
}

TEST_F(FineTuneSweepTest, AStopKeepsTheCandidatesDoneAndWritesTheBestOfThem) {
    FineTuneSweep sweep(config());
    RecordingSweepObserver observer;
    observer.sweep = &sweep;
    observer.stopAtCandidate = 1;  // as the second candidate starts: it stops before its first epoch
    const FineTuneSweepResult result = sweep.run(observer);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(observer.started, (std::vector<int>{16, 15}));
    ASSERT_EQ(result.ranked.size(), 1u);
    EXPECT_EQ(result.ranked[0].fineTuneAt, 16);
    EXPECT_TRUE(std::filesystem::exists(config().base.outputModel));
}

TEST_F(FineTuneSweepTest, FoldsCrossValidateEachCandidateOnTheTrainingImages) {
    FineTuneSweepConfig settings = config();
    settings.candidates = {16, 15};
    settings.folds = 3;
    FineTuneSweep sweep(settings);
    RecordingSweepObserver observer;
    const FineTuneSweepResult result = sweep.run(observer);
    ASSERT_EQ(result.ranked.size(), 2u);
    for (const SweepCandidate& c : result.ranked) {
        ASSERT_EQ(c.foldAccuracies.size(), 3u) << c.fineTuneAt;
        ASSERT_TRUE(c.foldMean() && c.foldStandardDeviation());
        EXPECT_GE(*c.foldMean(), 0.0);
        EXPECT_LE(*c.foldMean(), 1.0);
        EXPECT_GE(*c.foldStandardDeviation(), 0.0);
    }
    // Ranked by the mean over the folds.
    EXPECT_GE(*result.ranked[0].foldMean(), *result.ranked[1].foldMean());
    // Each fold validates on 4 of the 12 training images (2 per class); the 6 validation images stay out.
    const SplitManifest fold =
        readSplitManifest(sweepFolderFor(settings.base.outputModel) / "fold_1.split.json");
    EXPECT_EQ(fold.files.size(), 12u);
    EXPECT_EQ(std::count_if(fold.files.begin(), fold.files.end(),
                            [](const SplitManifestEntry& e) { return e.subset == Subset::Validation; }),
              4);
    const std::string csv = readFileBytes(sweepCsvPathFor(settings.base.outputModel));
    EXPECT_NE(csv.find(",fold_mean,fold_sd\n"), std::string::npos) << csv;
    const FineTuneSweepResult table =
        sweepFromJson(readFileBytes(sweepJsonPathFor(settings.base.outputModel)));
    EXPECT_EQ(table.ranked[0].foldAccuracies, result.ranked[0].foldAccuracies);
}

TEST(CrossValidationFold, EveryTrainingImageIsHeldOutOnceStratifiedAndTheRestLeftOut) {
    SplitManifest manifest;
    manifest.classNames = {"a", "b"};
    for (int i = 0; i < 10; ++i) {
        SplitManifestEntry entry;
        entry.path = "img" + std::to_string(i) + ".png";
        entry.className = i < 6 ? "a" : "b";
        entry.subset = i == 9 ? Subset::Validation : Subset::Train;
        manifest.files.push_back(entry);
    }
    std::map<std::string, int> heldOut;
    for (int fold = 0; fold < 3; ++fold) {
        const SplitManifest split = crossValidationFold(manifest, 3, fold, 7);
        ASSERT_EQ(split.files.size(), 9u);  // the validation image left out
        int heldA = 0;
        for (const SplitManifestEntry& e : split.files) {
            EXPECT_NE(e.path, "img9.png");
            if (e.subset != Subset::Validation) continue;
            ++heldOut[e.path];
            heldA += e.className == "a" ? 1 : 0;
        }
        EXPECT_EQ(heldA, 2) << "fold " << fold;  // 6 of class a in 3 folds
    }
    EXPECT_EQ(heldOut.size(), 9u);
    for (const auto& [path, times] : heldOut) EXPECT_EQ(times, 1) << path;
    EXPECT_EQ(crossValidationFold(manifest, 3, 1, 7).files[0].subset,
              crossValidationFold(manifest, 3, 1, 7).files[0].subset);  // the same seed, the same folds
    EXPECT_THROW(crossValidationFold(manifest, 4, 0, 7), Error);        // class b: 3 training images
}

TEST(FineTuneSweepConfig, BadCandidatesAreErrors) {
    test::TempDir data;
    test::TempDir out;
    FineTuneSweepConfig settings;
    settings.base = test::tinyTrainingConfig(data.path(), out.path(), out.path());
    settings.base.fineTune = FineTuneSettings{};
    settings.candidates = {};
    EXPECT_THROW(settings.validate(), Error);
    settings.candidates = {16, 16};
    EXPECT_THROW(settings.validate(), Error);
    settings.candidates = {99};
    EXPECT_THROW(settings.validate(), Error);
    settings.candidates = {16};
    settings.folds = 1;
    EXPECT_THROW(settings.validate(), Error);
    settings.folds = 0;
    settings.base.fineTune.reset();
    EXPECT_THROW(settings.validate(), Error);
}

TEST(SweepFromJson, NamesWhatIsWrong) {
    EXPECT_THROW(sweepFromJson("{}"), Error);
    EXPECT_THROW(sweepFromJson("not json"), Error);
}

}  // namespace
}  // namespace tlw
