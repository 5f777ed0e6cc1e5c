#include "core/train/training_session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <optional>

#include "core/data/image_decoder.h"
#include "core/data/preprocess.h"
#include "core/eval/evaluation.h"
#include "core/models/classifier_module.h"
#include "core/models/trained_model.h"
#include "core/train/run_start_marker.h"
#include "core/train/training_history.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

// Records what the engine reports and can stop it at a chosen moment.
class RecordingObserver : public TrainingObserver {
public:
    void onRunStarted(const RunStarted& run) override { runs.push_back(run); }
    void onPhaseStarted(const PhaseStarted& phase) override { phases.push_back(phase); }
    void onProgress(const BatchProgress& progress) override {
        stages.push_back(progress.stage);
        if (progress.stage == TrainingStage::CachingFeatures) cachePass.push_back(progress);
        if (stopWhen && stopWhen(progress, epochs.size())) session->requestStop();
    }
    void onEpochEnded(const EpochMetrics& metrics) override { epochs.push_back(metrics); }
    void onCheckpointSaved(const std::filesystem::path& file) override { checkpoints.push_back(file); }
    void onMessage(const std::string& line) override {
        messages.push_back(line);
        if (onLine) onLine(line);
    }

    bool said(const std::string& fragment) const {
        return std::any_of(messages.begin(), messages.end(),
                           [&](const std::string& line) { return line.find(fragment) != std::string::npos; });
    }

    TrainingSession* session = nullptr;
    std::function<bool(const BatchProgress&, std::size_t epochsDone)> stopWhen;
    std::function<void(const std::string&)> onLine;
    std::vector<RunStarted> runs;
    std::vector<PhaseStarted> phases;
    std::vector<TrainingStage> stages;
    std::vector<BatchProgress> cachePass;
    std::vector<EpochMetrics> epochs;
    std::vector<std::filesystem::path> checkpoints;
    std::vector<std::string> messages;
};

TrainingResult train(const TrainingConfig& config, RecordingObserver& observer) {
    TrainingSession session(config);
    observer.session = &session;
    return session.run(observer);
}

// Histories equal up to float32 rounding (the cache computes its features channels-last, in another order):
// `tolerance` is relative to the loss (absolute below 1).
void expectSameHistory(const TrainingHistory& a, const TrainingHistory& b, double tolerance) {
    ASSERT_EQ(a.epochs.size(), b.epochs.size());
    for (size_t i = 0; i < a.epochs.size(); ++i) {
        EXPECT_NEAR(a.epochs[i].loss, b.epochs[i].loss, tolerance * std::max(1.0, std::abs(b.epochs[i].loss)))
            << "epoch " << i + 1;
        EXPECT_NEAR(a.epochs[i].accuracy, b.epochs[i].accuracy, 1e-9) << "epoch " << i + 1;
        ASSERT_EQ(a.epochs[i].valLoss.has_value(), b.epochs[i].valLoss.has_value());
        if (a.epochs[i].valLoss) {
            EXPECT_NEAR(*a.epochs[i].valLoss, *b.epochs[i].valLoss,
                        tolerance * std::max(1.0, std::abs(*b.epochs[i].valLoss)))
                << "epoch " << i + 1;
            EXPECT_NEAR(*a.epochs[i].valAccuracy, *b.epochs[i].valAccuracy, 1e-9) << "epoch " << i + 1;
        }
        EXPECT_EQ(a.epochs[i].learningRate, b.epochs[i].learningRate);
    }
    EXPECT_EQ(a.bestEpoch, b.bestEpoch);
}

class TrainingSessionTest : public ::testing::Test {
protected:
    void SetUp() override { test::writeTinyDataset(m_data.path()); }
    TrainingConfig config() const {
        return test::tinyTrainingConfig(m_data.path(), m_out.path(), m_cache.path());
    }
    void expectResumedHistoryContinues(const std::function<void(const std::filesystem::path&)>& alter);

    test::TempDir m_data;
    test::TempDir m_out;
    test::TempDir m_cache;
};

TEST_F(TrainingSessionTest, ARunWritesModelHistoryCheckpointAndSplit) {
    RecordingObserver observer;
    const TrainingConfig settings = config();
    const TrainingResult result = train(settings, observer);
    EXPECT_FALSE(result.cancelled);
    ASSERT_EQ(result.history.epochs.size(), 3u);
    EXPECT_EQ(observer.epochs.size(), 3u);
    EXPECT_EQ(result.modelFile, settings.outputModel);
    EXPECT_TRUE(std::filesystem::exists(settings.outputModel));
    EXPECT_TRUE(std::filesystem::exists(checkpointPathFor(settings.outputModel)));
    EXPECT_TRUE(std::filesystem::exists(historyCsvPathFor(settings.outputModel)));
    EXPECT_TRUE(std::filesystem::exists(historyJsonPathFor(settings.outputModel)));
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(settings.outputModel).concat(".split.json")));

    ASSERT_EQ(observer.runs.size(), 1u);
    EXPECT_EQ(observer.runs[0].classNames, (std::vector<std::string>{"blue", "red"}));
    EXPECT_EQ(observer.runs[0].trainImages, 12u);
    EXPECT_EQ(observer.runs[0].trainImagesPerClass, (std::vector<std::size_t>{6, 6}));
    EXPECT_EQ(observer.runs[0].validationImages, 6u);
    EXPECT_FALSE(observer.runs[0].pretrained);
    EXPECT_EQ(observer.runs[0].lossName, "binary_crossentropy");
    ASSERT_EQ(observer.phases.size(), 1u);
    // The whole VGG16 base frozen: only the head trains (512 x 1 + 1), and its input comes from the cache.
    EXPECT_EQ(observer.phases[0].trainableParams, 513);
    // The Normalization's mean, variance and count are non-trainable, as Keras counts them.
    EXPECT_EQ(observer.phases[0].totalParams, 14714688 + 513 + 2 * 512 + 1);
    EXPECT_TRUE(observer.phases[0].cacheUsed);
    EXPECT_EQ(observer.phases[0].cachedLayer, "block5_pool");
    // Only the head trains, so the cache holds what it reads: the pooled vector, 512 floats per image.
    EXPECT_TRUE(observer.phases[0].cachePooled);
    EXPECT_EQ(observer.phases[0].cachedValuesPerImage, 512);
    EXPECT_EQ(observer.phases[0].cacheFootprint.ramBytes, 18 * 512 * 4);
    EXPECT_EQ(observer.phases[0].cacheFootprint.mappedBytes, 0);
    EXPECT_GE(observer.phases[0].cacheFootprint.diskBytes, 18 * 512 * 4);
    EXPECT_TRUE(observer.said("frozen-prefix cache: 36.0 KiB in RAM (budget "));
    EXPECT_TRUE(result.history.epochs[0].fromCache);
    for (const EpochMetrics& epoch : result.history.epochs) {
        ASSERT_TRUE(epoch.valLoss.has_value());
        EXPECT_GT(epoch.loss, 0.0);
        EXPECT_GE(epoch.valAccuracy.value(), 0.0);
    }

    const TrainedModel model = TrainedModel::load(settings.outputModel);
    EXPECT_EQ(model.description().classNames, observer.runs[0].classNames);
    EXPECT_FALSE(model.description().pretrained);
    EXPECT_EQ(model.description().frozenLayers.size(), 19u);
    EXPECT_EQ(historyFromJson(model.description().historyJson).epochs.size(), 3u);
}

// Issue 17: the window showed 0.0 images/s while the cache was computed.
TEST_F(TrainingSessionTest, TheCachePassReportsItsPaceAndTimeLeft) {
    RecordingObserver observer;
    train(config(), observer);
    ASSERT_FALSE(observer.cachePass.empty());
    const BatchProgress& last = observer.cachePass.back();
    EXPECT_EQ(last.batch, last.batches);
    EXPECT_GT(last.imagesPerSecond, 0.0);
    EXPECT_DOUBLE_EQ(last.etaSeconds, 0.0);  // nothing left
}

TEST_F(TrainingSessionTest, TheHeadsNormalizationIsAdaptedToTheTrainingImages) {
    RecordingObserver observer;
    const TrainingConfig settings = config();
    ASSERT_TRUE(settings.normalizeFeatures);  // the default
    train(settings, observer);
    EXPECT_TRUE(observer.said("adapting the head's Normalization"));
    const TrainedModel model = TrainedModel::load(settings.outputModel);
    ASSERT_TRUE(model.description().head.normalizeFeatures);
    // Keras's adapt(): the mean and population variance of the pooled block5_pool features of the
    // training images, computed here from the images themselves.
    ClassifierModule& module = *model.impl().module;
    std::vector<torch::Tensor> pooled;
    torch::NoGradGuard noGrad;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(m_data / "train")) {
        if (!entry.is_regular_file()) continue;
        const std::vector<float> chw =
            preprocessImage(decodeImageFile(entry.path()), PreprocessOptions{32, 32, false});
        pooled.push_back(
            module.pooledFeatures(module.backbone().forward(torch::tensor(chw).view({1, 3, 32, 32}))));
    }
    const torch::Tensor all = torch::cat(pooled);
    const auto weights = module.namedWeights();
    std::map<std::string, torch::Tensor> byName(weights.begin(), weights.end());
    const torch::Tensor mean = byName.at("head/normalization.mean");
    const torch::Tensor variance = byName.at("head/normalization.variance");
    const float scale = all.abs().max().item<float>();
    EXPECT_LT((mean - all.mean(0)).abs().max().item<float>(), 1e-4f * scale);
    EXPECT_LT((variance - all.var(0, /*unbiased=*/false)).abs().max().item<float>(), 1e-3f * scale * scale);
}

TEST_F(TrainingSessionTest, TheSameSeedGivesTheSameHistory) {
    RecordingObserver first;
    RecordingObserver second;
    TrainingConfig settings = config();
    settings.dropout = 0.3;
    const TrainingResult a = train(settings, first);
    settings.outputModel = m_out / "again.tlwm";
    const TrainingResult b = train(settings, second);
    expectSameHistory(a.history, b.history, 0.0);
}

TEST_F(TrainingSessionTest, TheCacheChangesNothingButTheTime) {
    // Fine-tuning block 5 (layers[:16] frozen) and a dropout head: the uncached run recomputes layers
    // 0..15 in every epoch, the cached one reads their output; both must learn the same.
    TrainingConfig settings = config();
    settings.freeze = FreezeSpec::firstLayers(16);
    settings.dropout = 0.25;
    // Small steps: block 5 of a random VGG16 trained fast is chaotic, and chaos magnifies float rounding.
    settings.learningRate = 1e-5;
    RecordingObserver cached;
    const TrainingResult withCache = train(settings, cached);
    ASSERT_TRUE(cached.phases.at(0).cacheUsed);
    EXPECT_EQ(cached.phases[0].cachedLayer, "block5_conv1");
    EXPECT_EQ(cached.phases[0].trainableParams, 4719616 + 513);

    settings.cache.enabled = false;
    settings.outputModel = m_out / "uncached.tlwm";
    RecordingObserver uncached;
    const TrainingResult withoutCache = train(settings, uncached);
    EXPECT_FALSE(uncached.phases.at(0).cacheUsed);
    EXPECT_FALSE(withoutCache.history.epochs[0].fromCache);
    expectSameHistory(withCache.history, withoutCache.history, 1e-4);
}

// Two runs of the same settings, the first caching the pooled vector the head reads, the second
// block5_pool's map (poolForHead off, as before the pooled cache); at 64x64 the map is 2x2x512.
struct PooledAndMapRuns {
    TrainingResult pooled;
    TrainingResult map;
};

class PooledCacheTest : public TrainingSessionTest {
protected:
    PooledAndMapRuns trainBoth(TrainingConfig settings) {
        settings.imageSize = {64, 64};
        PooledAndMapRuns runs;
        RecordingObserver pooled;
        runs.pooled = train(settings, pooled);
        EXPECT_TRUE(pooled.phases.at(0).cachePooled);
        EXPECT_EQ(pooled.phases[0].cachedValuesPerImage, 512);

        settings.cache.poolForHead = false;
        settings.outputModel = m_out / "map.tlwm";
        RecordingObserver map;
        runs.map = train(settings, map);
        EXPECT_FALSE(map.phases.at(0).cachePooled);
        EXPECT_EQ(map.phases[0].cachedValuesPerImage, 512 * 2 * 2);
        EXPECT_TRUE(map.said("0 images from the cache, 18 computed"));
        return runs;
    }
};

TEST_F(PooledCacheTest, AdamLearnsTheSameFromThePooledCacheAsFromTheMap) {
    TrainingConfig settings = config();
    settings.dropout = 0.3;  // the head's random masks: the same draws either way
    const PooledAndMapRuns runs = trainBoth(settings);
    expectSameHistory(runs.pooled.history, runs.map.history, 1e-6);
}

TEST_F(PooledCacheTest, TheExactHeadSolvesTheSameFromThePooledCacheAsFromTheMap) {
    TrainingConfig settings = config();
    settings.headSolver = HeadSolver::Exact;
    const PooledAndMapRuns runs = trainBoth(settings);
    expectSameHistory(runs.pooled.history, runs.map.history, 1e-6);
    ASSERT_TRUE(runs.pooled.history.headSolve && runs.map.history.headSolve);
    EXPECT_EQ(runs.pooled.history.headSolve->chosenStrength, runs.map.history.headSolve->chosenStrength);
    EXPECT_NEAR(runs.pooled.history.headSolve->objective, runs.map.history.headSolve->objective, 1e-6);
}

TEST_F(TrainingSessionTest, ASecondRunReusesTheCachedFeatures) {
    RecordingObserver first;
    train(config(), first);
    TrainingConfig settings = config();
    settings.learningRate = 0.02;  // only the head's training changes: the features stay valid
    settings.outputModel = m_out / "second.tlwm";
    RecordingObserver second;
    train(settings, second);
    EXPECT_TRUE(second.said("18 images from the cache, 0 computed"));
}

TEST_F(TrainingSessionTest, AFullCacheDiskTrainsWithoutTheCacheAndSaysSo) {
    TrainingConfig settings = config();
    settings.freeze = FreezeSpec::firstLayers(16);  // the cache would hold block 5's input
    RecordingObserver observer;
    // The disk is full while the cache pass runs (a few KiB: the key fits, the features do not).
    std::optional<test::FileSizeLimit> fullDisk;
    observer.onLine = [&](const std::string& line) {
        if (line.rfind("computing the output of", 0) == 0) fullDisk.emplace(4096);
        if (line.rfind("the frozen-prefix cache cannot be written", 0) == 0) fullDisk.reset();
    };
    const TrainingResult result = train(settings, observer);
    ASSERT_FALSE(fullDisk.has_value()) << "the run never said that the cache could not be written";
    EXPECT_TRUE(observer.said("training goes on without it"));
    ASSERT_EQ(observer.phases.size(), 1u);
    EXPECT_FALSE(observer.phases[0].cacheUsed);
    EXPECT_NE(observer.phases[0].cacheNote.find("cannot write cached features"), std::string::npos);
    EXPECT_EQ(result.history.epochs.size(), static_cast<size_t>(settings.epochs));
    EXPECT_FALSE(result.history.epochs[0].fromCache);
    EXPECT_TRUE(std::filesystem::exists(settings.outputModel));
    for (const auto& entry : std::filesystem::recursive_directory_iterator(m_cache.path()))
        EXPECT_NE(entry.path().filename(), "features.bin") << "half a cache left on the full disk";
}

TEST_F(TrainingSessionTest, AugmentationTrainsOnFreshImagesAndSaysWhy) {
    TrainingConfig settings = config();
    settings.augmentation = parseAugmentation("flip,rotation=0.1");
    RecordingObserver observer;
    const TrainingResult result = train(settings, observer);
    EXPECT_FALSE(observer.phases.at(0).cacheUsed);
    EXPECT_NE(observer.phases[0].cacheNote.find("augmentation"), std::string::npos);
    EXPECT_EQ(observer.phases[0].cacheRefusal, CacheRefusal::Augmenting);
    EXPECT_FALSE(result.history.epochs[0].fromCache);
    EXPECT_EQ(result.history.epochs.size(), 3u);
}

TEST_F(TrainingSessionTest, TwoPhasesMakeOneHistory) {
    TrainingConfig settings = config();
    settings.epochs = 2;
    settings.fineTune = FineTuneSettings{2, 16, 1e-4};
    RecordingObserver observer;
    const TrainingResult result = train(settings, observer);
    ASSERT_EQ(result.history.epochs.size(), 4u);
    EXPECT_EQ(result.history.fineTuneStartEpoch, 3);
    EXPECT_EQ(result.history.epochs[1].phase, 1);
    EXPECT_EQ(result.history.epochs[2].phase, 2);
    EXPECT_DOUBLE_EQ(result.history.epochs[2].learningRate, 1e-4);
    ASSERT_EQ(observer.phases.size(), 2u);
    EXPECT_EQ(observer.phases[1].trainableParams, 4719616 + 513);
    EXPECT_EQ(observer.phases[1].firstEpoch, 3);
    // Both phases read cached features, and one pass over the images computed both layers' outputs.
    EXPECT_TRUE(observer.phases[1].cacheUsed);
    EXPECT_EQ(observer.phases[1].cachedLayer, "block5_conv1");
    // Phase 1's head reads block5_pool pooled; phase 2 trains block 5 on block5_conv1's 2x2 maps. The
    // run holds both.
    EXPECT_TRUE(observer.phases[0].cachePooled);
    EXPECT_FALSE(observer.phases[1].cachePooled);
    EXPECT_EQ(observer.phases[1].cachedValuesPerImage, 512 * 2 * 2);
    EXPECT_EQ(observer.phases[1].cacheFootprint.ramBytes, 18 * (512 + 512 * 2 * 2) * 4);
    const auto passes =
        std::count(observer.stages.begin(), observer.stages.end(), TrainingStage::CachingFeatures);
    EXPECT_GT(passes, 0);
    EXPECT_EQ(
        std::count_if(observer.messages.begin(), observer.messages.end(),
                      [](const std::string& line) { return line.find("computed in") != std::string::npos; }),
        1);
}

TEST_F(TrainingSessionTest, EarlyStoppingRestoresTheBestEpoch) {
    TrainingConfig settings = config();
    settings.epochs = 10;
    // A min_delta no change can meet: only the first epoch counts as an improvement.
    settings.earlyStopping = {true, MonitoredMetric::ValLoss, 2, 100.0};
    RecordingObserver observer;
    const TrainingResult result = train(settings, observer);
    ASSERT_EQ(result.history.epochs.size(), 3u);
    EXPECT_TRUE(result.history.stoppedEarly);
    EXPECT_TRUE(observer.said("early stopping"));
    // The best epoch is the truly lowest val_loss, and the saved model holds its weights.
    int best = 1;
    for (const EpochMetrics& epoch : result.history.epochs)
        if (*epoch.valLoss < *result.history.epochs[static_cast<size_t>(best - 1)].valLoss)
            best = epoch.epoch;
    EXPECT_EQ(result.history.bestEpoch, best);
    const TrainedModel model = TrainedModel::load(settings.outputModel);
    const EvaluationResult evaluation = evaluateFolder(model, m_data / "val");
    EXPECT_NEAR(evaluation.loss, *result.history.epochs[static_cast<size_t>(best - 1)].valLoss, 1e-4);
}

TEST_F(TrainingSessionTest, TheMonitorPicksTheBestEpochAlsoWithoutEarlyStopping) {
    TrainingConfig settings = config();
    settings.epochs = 4;
    settings.earlyStopping.monitor = MonitoredMetric::ValAccuracy;  // stopping itself stays off
    RecordingObserver observer;
    const TrainingResult result = train(settings, observer);
    ASSERT_EQ(result.history.epochs.size(), 4u);
    EXPECT_EQ(result.history.monitor, "val_accuracy");
    // The first epoch with the highest val_accuracy (a tie is no improvement, as in Keras).
    int best = 1;
    for (const EpochMetrics& epoch : result.history.epochs)
        if (*epoch.valAccuracy > *result.history.epochs[static_cast<size_t>(best - 1)].valAccuracy)
            best = epoch.epoch;
    EXPECT_EQ(result.history.bestEpoch, best);
}

// Keras's restore_best_weights as a choice: the best epoch by the monitor, or the last one. The model file,
// its history and the run's history all name the kept epoch, and the weights are that epoch's.
TEST_F(TrainingSessionTest, TheModelKeepsTheEpochTheSettingChooses) {
    for (const KeptWeights kept : {KeptWeights::Best, KeptWeights::Last}) {
        SCOPED_TRACE(keptWeightsId(kept));
        TrainingConfig settings = config();
        settings.epochs = 4;
        settings.earlyStopping.monitor = MonitoredMetric::ValAccuracy;  // ties keep the earlier epoch
        settings.keptWeights = kept;
        settings.outputModel = m_out / (keptWeightsId(kept) + ".tlwm");
        RecordingObserver observer;
        const TrainingResult result = train(settings, observer);
        ASSERT_EQ(result.history.epochs.size(), 4u);
        ASSERT_NE(result.history.bestEpoch, 4) << "the test needs a best epoch that is not the last";
        const int expected = kept == KeptWeights::Best ? result.history.bestEpoch : 4;
        EXPECT_EQ(result.history.keptEpoch, expected);
        const TrainedModel model = TrainedModel::load(settings.outputModel);
        EXPECT_EQ(historyFromJson(model.description().historyJson).keptEpoch, expected);
        const EvaluationResult evaluation = evaluateFolder(model, m_data / "val");
        EXPECT_NEAR(evaluation.loss, *result.history.epochs[static_cast<size_t>(expected - 1)].valLoss, 1e-4);
    }
}

// Stopped in the middle of epoch 3 while keeping the last epoch: the model holds epoch 2, the last whole
// one, not weights half-way through epoch 3; resumed, the run keeps the last epoch still.
TEST_F(TrainingSessionTest, AStoppedRunKeepingTheLastHoldsItsLastWholeEpoch) {
    TrainingConfig settings = config();
    settings.epochs = 4;
    settings.keptWeights = KeptWeights::Last;
    RecordingObserver stopped;
    stopped.stopWhen = [](const BatchProgress& progress, std::size_t done) {
        return done == 2 && progress.stage == TrainingStage::Training && progress.batch >= 2;
    };
    const TrainingResult first = train(settings, stopped);
    ASSERT_TRUE(first.cancelled);
    ASSERT_EQ(first.history.epochs.size(), 2u);
    EXPECT_EQ(first.history.keptEpoch, 2);
    const EvaluationResult evaluation =
        evaluateFolder(TrainedModel::load(settings.outputModel), m_data / "val");
    EXPECT_NEAR(evaluation.loss, *first.history.epochs[1].valLoss, 1e-4);

    TrainingSession resumed = TrainingSession::resume(settings.outputModel);
    RecordingObserver second;
    second.session = &resumed;
    const TrainingResult rest = resumed.run(second);
    EXPECT_FALSE(rest.cancelled);
    EXPECT_EQ(rest.history.keptEpoch, 4);
}

// A kill of a new run before its first checkpoint (the drill's kill -9 during the dataset scan) left the
// previous, finished run's checkpoint beside the model, and resume said "this run has finished".
TEST_F(TrainingSessionTest, ResumeAfterANewRunDiedBeforeItsFirstCheckpointSaysSo) {
    const TrainingConfig settings = config();
    RecordingObserver finished;
    ASSERT_FALSE(train(settings, finished).cancelled);

    struct Killed {};
    RecordingObserver killedEarly;
    killedEarly.stopWhen = [](const BatchProgress& progress, std::size_t) -> bool {
        if (progress.stage == TrainingStage::Preparing) throw Killed{};  // dies like kill -9: no clean-up
        return false;
    };
    EXPECT_THROW(train(settings, killedEarly), Killed);

    TrainingSession resumed = TrainingSession::resume(settings.outputModel);
    RecordingObserver observer;
    try {
        resumed.run(observer);
        ADD_FAILURE() << "an earlier run's checkpoint was resumed";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.find("has finished"), std::string::npos) << message;
        EXPECT_NE(message.find("was stopped before its first checkpoint"), std::string::npos) << message;
        EXPECT_NE(message.find("left from an earlier run"), std::string::npos) << message;
    }
}

TEST_F(TrainingSessionTest, ANewRunsFirstCheckpointClearsTheStartMarker) {
    const TrainingConfig settings = config();
    RecordingObserver observer;
    observer.stopWhen = [](const BatchProgress& progress, std::size_t) {
        return progress.stage == TrainingStage::Training;  // stopped in epoch 1, after the first checkpoint
    };
    ASSERT_TRUE(train(settings, observer).cancelled);
    EXPECT_FALSE(std::filesystem::exists(runStartMarkerFor(settings.outputModel)));
    TrainingSession resumed = TrainingSession::resume(settings.outputModel);
    RecordingObserver second;
    second.session = &resumed;
    EXPECT_FALSE(resumed.run(second).cancelled);
}

// Adam, stopped in the middle of epoch 3 and resumed from the checkpoint after epoch 2 (after alter has had
// its way with it): the resumed run continues the uninterrupted one's history.
void TrainingSessionTest::expectResumedHistoryContinues(
    const std::function<void(const std::filesystem::path&)>& alter) {
    TrainingConfig settings = config();
    settings.epochs = 4;
    settings.optimizer = OptimizerKind::Adam;
    settings.dropout = 0.2;
    RecordingObserver straight;
    const TrainingResult uninterrupted = train(settings, straight);

    settings.outputModel = m_out / "interrupted.tlwm";
    RecordingObserver stopped;
    // Stop in the middle of epoch 3: its checkpoint is the one after epoch 2.
    stopped.stopWhen = [](const BatchProgress& progress, std::size_t done) {
        return done == 2 && progress.stage == TrainingStage::Training;
    };
    const TrainingResult first = train(settings, stopped);
    EXPECT_TRUE(first.cancelled);
    EXPECT_EQ(first.history.epochs.size(), 2u);
    EXPECT_TRUE(std::filesystem::exists(settings.outputModel));  // the best so far, saved on stop

    alter(checkpointPathFor(settings.outputModel));
    TrainingSession resumed = TrainingSession::resume(settings.outputModel);
    RecordingObserver second;
    second.session = &resumed;
    const TrainingResult rest = resumed.run(second);
    EXPECT_FALSE(rest.cancelled);
    EXPECT_EQ(second.runs.at(0).firstEpoch, 3);
    expectSameHistory(rest.history, uninterrupted.history, 1e-6);
    EXPECT_THROW(TrainingSession::resume(settings.outputModel).run(second), Error);  // finished
}

TEST_F(TrainingSessionTest, ResumingAfterAStopContinuesTheSameHistory) {
    expectResumedHistoryContinues([](const std::filesystem::path&) {});
}

// Checkpoints before format 3 held the optimizer as one torch::serialize blob: they still resume.
TEST_F(TrainingSessionTest, ACheckpointWithTheOlderOptimizerBlobStillResumes) {
    expectResumedHistoryContinues(&test::rewriteWithLegacyOptimizer);
}

// Early stopping ends phase 1 at epoch 3 of 6; phase 2 starts at 4 and keeps its planned end (8), as
// Keras's fit(epochs=total_epochs, initial_epoch=...). Stopped at the phase boundary, the resumed run must
// end the same way, not at 4 + 2 - 1.
TEST_F(TrainingSessionTest, ResumingAtThePhaseBoundaryAfterAnEarlyStopEndsWhereTheRunWould) {
    TrainingConfig settings = config();
    settings.epochs = 6;
    settings.fineTune = FineTuneSettings{2, std::nullopt, 1e-4};  // VGG16's preset: block5_conv2 on
    // A min_delta no change can meet: only a phase's first epoch counts as an improvement.
    settings.earlyStopping = {true, MonitoredMetric::ValLoss, 2, 100.0};
    RecordingObserver straight;
    const TrainingResult uninterrupted = train(settings, straight);
    ASSERT_EQ(uninterrupted.history.fineTuneStartEpoch, 4);

    settings.outputModel = m_out / "boundary.tlwm";
    RecordingObserver stopped;
    stopped.stopWhen = [](const BatchProgress& progress, std::size_t) {
        return progress.phase == 2 && progress.stage == TrainingStage::Training;
    };
    const TrainingResult first = train(settings, stopped);
    ASSERT_TRUE(first.cancelled);
    ASSERT_EQ(first.history.epochs.size(), 3u);
    TrainingSession resumed = TrainingSession::resume(settings.outputModel);
    RecordingObserver second;
    const TrainingResult rest = resumed.run(second);
    EXPECT_EQ(second.runs.at(0).firstEpoch, 4);
    expectSameHistory(rest.history, uninterrupted.history, 1e-6);
}

// Issue 18: resuming a copy of a run wrote to the original's --out, and a moved run could not be resumed.
TEST_F(TrainingSessionTest, AResumedCopyWritesBesideItsCheckpointAndLeavesTheOriginalAlone) {
    TrainingConfig settings = config();
    settings.epochs = 2;
    settings.outputModel = m_out / "original" / "run.tlwm";
    RecordingObserver stopped;
    stopped.stopWhen = [](const BatchProgress& progress, std::size_t done) {
        return done == 1 && progress.stage == TrainingStage::Training;
    };
    ASSERT_TRUE(train(settings, stopped).cancelled);
    const std::filesystem::path original = settings.outputModel;
    const std::filesystem::path copy = m_out / "copy" / "run.tlwm";
    std::filesystem::copy(original.parent_path(), copy.parent_path());
    std::filesystem::rename(original.parent_path(), m_out / "moved-away");  // the original's files are gone
    const auto snapshot = [&] {
        std::map<std::string, std::filesystem::file_time_type> files;
        for (const auto& entry : std::filesystem::directory_iterator(m_out / "moved-away"))
            files[entry.path().filename().string()] = entry.last_write_time();
        return files;
    };
    const auto before = snapshot();

    TrainingSession resumed = TrainingSession::resume(checkpointPathFor(copy));
    EXPECT_EQ(resumed.config().outputModel, copy);
    RecordingObserver second;
    const TrainingResult rest = resumed.run(second);
    EXPECT_FALSE(rest.cancelled);
    EXPECT_EQ(rest.history.epochs.size(), 2u);
    EXPECT_FALSE(std::filesystem::exists(original.parent_path()))
        << "nothing may be written to the original's place";
    EXPECT_EQ(snapshot(), before);
    EXPECT_TRUE(std::filesystem::exists(historyJsonPathFor(copy)));
}

TEST_F(TrainingSessionTest, ASecondRunOnTheSameOutputStopsAtOnceWithAClearError) {
    TrainingConfig settings = config();
    settings.outputModel = m_out / "shared.tlwm";
    RecordingObserver first;
    std::string secondError;
    first.stopWhen = [&](const BatchProgress& progress, std::size_t) {
        if (progress.stage != TrainingStage::Training || !secondError.empty()) return false;
        TrainingSession other(settings);
        RecordingObserver unused;
        try {
            other.run(unused);
            secondError = "(it ran)";
        } catch (const Error& e) {
            secondError = e.what();
        }
        return true;
    };
    train(settings, first);
    EXPECT_NE(secondError.find("another training run is writing this model now"), std::string::npos)
        << secondError;
    RecordingObserver later;  // the lock goes with the run
    EXPECT_NO_THROW(train(settings, later));
}

// Keras's TerminateOnNaN (issue 18): a run whose loss diverged trained on, exited 0 and wrote a history
// no reader took.
TEST_F(TrainingSessionTest, ANonFiniteLossStopsTheRunAndKeepsTheEpochBefore) {
    TrainingConfig settings = config();
    settings.epochs = 4;
    settings.optimizer = OptimizerKind::Sgd;
    settings.learningRate = 1e38;  // the first step takes the logits past float's range
    RecordingObserver observer;
    try {
        train(settings, observer);
        ADD_FAILURE() << "the run went on";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("so the run stopped there"), std::string::npos) << message;
        EXPECT_NE(message.find("epoch "), std::string::npos) << message;
    }
    EXPECT_TRUE(std::filesystem::exists(checkpointPathFor(settings.outputModel)));
    const std::filesystem::path history = historyJsonPathFor(settings.outputModel);
    if (std::filesystem::exists(history)) {
        const TrainingHistory written = historyFromJson(readFileBytes(history));
        for (const EpochMetrics& epoch : written.epochs) EXPECT_TRUE(std::isfinite(epoch.loss));
    }
}

TEST_F(TrainingSessionTest, StoppingInTheFirstEpochLeavesACheckpointToStartFrom) {
    RecordingObserver observer;
    observer.stopWhen = [](const BatchProgress& progress, std::size_t) {
        return progress.stage == TrainingStage::Training;
    };
    const TrainingConfig settings = config();
    const TrainingResult result = train(settings, observer);
    EXPECT_TRUE(result.cancelled);
    EXPECT_TRUE(result.history.epochs.empty());
    EXPECT_TRUE(result.modelFile.empty());
    EXPECT_TRUE(std::filesystem::exists(checkpointPathFor(settings.outputModel)));
    TrainingSession resumed = TrainingSession::resume(checkpointPathFor(settings.outputModel));
    RecordingObserver second;
    EXPECT_EQ(resumed.run(second).history.epochs.size(), 3u);
}

TEST_F(TrainingSessionTest, ThreeClassesUseSoftmaxAndTheTestSplitIsEvaluated) {
    test::TempDir data;
    test::TinyDatasetSpec spec;
    spec.classes = {"a", "b", "c"};
    spec.trainPerClass = 4;
    spec.validationPerClass = 2;
    spec.testPerClass = 2;
    test::writeTinyDataset(data.path(), spec);
    TrainingConfig settings = test::tinyTrainingConfig(data.path(), m_out.path(), m_cache.path());
    settings.epochs = 2;
    settings.classWeighting = ClassWeighting::Balanced;
    RecordingObserver observer;
    const TrainingResult result = train(settings, observer);
    EXPECT_EQ(observer.runs.at(0).lossName, "sparse_categorical_crossentropy");
    EXPECT_EQ(observer.phases.at(0).trainableParams, 512 * 3 + 3);
    ASSERT_TRUE(result.test.has_value());
    EXPECT_EQ(result.test->imageCount(), 6u);
    EXPECT_TRUE(observer.said("class weights (balanced)"));
}

TEST_F(TrainingSessionTest, ValidationSplitIsStratifiedAndPinned) {
    test::TempDir data;
    test::TinyDatasetSpec spec;
    spec.trainPerClass = 10;
    spec.validationPerClass = 0;
    test::writeTinyDataset(data.path(), spec);
    TrainingConfig settings = test::tinyTrainingConfig(data.path(), m_out.path(), m_cache.path());
    settings.validationSplit = 0.2;
    settings.epochs = 1;
    RecordingObserver observer;
    train(settings, observer);
    EXPECT_EQ(observer.runs.at(0).validationImages, 4u);
    EXPECT_EQ(observer.runs.at(0).trainImages, 16u);
}

TEST_F(TrainingSessionTest, IdenticalFilesInTrainingAndValidationAreReportedAsLeakage) {
    std::filesystem::copy_file(m_data / "train" / "red" / "image_0.png", m_data / "val" / "red" / "copy.png");
    TrainingConfig settings = config();
    settings.epochs = 1;
    RecordingObserver observer;
    train(settings, observer);
    EXPECT_TRUE(observer.said("1 group of identical files, 1 across subsets (leakage)"));
}

TEST_F(TrainingSessionTest, BadSettingsAndDataAreErrorsNotCrashes) {
    TrainingConfig settings = config();
    settings.epochs = 0;
    EXPECT_THROW(TrainingSession{settings}, Error);
    settings = config();
    settings.dataDir = m_data / "no such folder";
    RecordingObserver observer;
    EXPECT_THROW(train(settings, observer), Error);
    test::TempDir oneClass;
    test::TinyDatasetSpec spec;
    spec.classes = {"only"};
    test::writeTinyDataset(oneClass.path(), spec);
    settings = test::tinyTrainingConfig(oneClass.path(), m_out.path(), m_cache.path());
    EXPECT_THROW(train(settings, observer), Error);
    EXPECT_THROW(TrainingSession::resume(m_out / "missing.tlwm"), Error);
}

}  // namespace
}  // namespace tlw
