// The seed's "lazy" variant: the full VGG16 with its ImageNet top, `predictions` replaced by a new layer for
// our classes (label "slow": it builds all 138 million parameters and runs 224x224 images).
#include <gtest/gtest.h>

#include "core/models/trained_model.h"
#include "core/train/training_session.h"
#include "tests/core/train/train_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

class TopPhases : public TrainingObserver {
public:
    void onPhaseStarted(const PhaseStarted& phase) override { phases.push_back(phase); }
    std::vector<PhaseStarted> phases;
};

TEST(ReplaceImageNetTop, TrainsOnlyTheNewPredictionsLayerOnCachedFc2Features) {
    test::TempDir data, out, cache;
    test::TinyDatasetSpec spec;
    spec.trainPerClass = 3;
    spec.validationPerClass = 1;
    test::writeTinyDataset(data.path(), spec);
    TrainingConfig config = test::tinyTrainingConfig(data.path(), out.path(), cache.path());
    config.replaceImageNetTop = true;
    config.imageSize = {224, 224};
    config.epochs = 2;
    config.threads = 0;
    TopPhases observer;
    TrainingSession session(config);
    const TrainingResult result = session.run(observer);
    ASSERT_EQ(result.history.epochs.size(), 2u);
    ASSERT_EQ(observer.phases.size(), 1u);
    EXPECT_TRUE(observer.phases[0].cacheUsed);
    EXPECT_EQ(observer.phases[0].cachedLayer, "fc2");
    // Keras: 138,357,544 with the 1000-way predictions layer (4,097,000); here Dense(4096 -> 1) instead,
    // after a Normalization of fc2's 4096 outputs (mean, variance and count: non-trainable).
    EXPECT_EQ(observer.phases[0].trainableParams, 4097);
    EXPECT_EQ(observer.phases[0].totalParams, 138357544 - 4097000 + 4097 + 2 * 4096 + 1);

    const TrainedModel model = TrainedModel::load(config.outputModel);
    EXPECT_TRUE(model.description().head.imageNetTop);
    EXPECT_EQ(model.description().imageSize, (ImageSize{224, 224}));
}

}  // namespace
}  // namespace tlw
