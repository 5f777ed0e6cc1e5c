#include "ui/adapters/training_config_builder.h"

#include <gtest/gtest.h>

#include "core/util/error.h"

namespace tlw::ui {
namespace {

TrainingInputs sampleInputs() {
    TrainingInputs inputs;
    inputs.datasetFolder = QStringLiteral("/data/flowers");
    inputs.splitSource = DatasetSplitSource::ValidationFraction;
    inputs.split = {0.25, 42, QString()};
    inputs.model.backbone = QStringLiteral("squeezenet");
    inputs.model.imageSize = 96;
    inputs.model.dropout = 0.3;
    inputs.model.trainable = {false, false, false, true, true};
    inputs.weightsFile = QStringLiteral("/weights/squeezenet.h5");
    inputs.outputModel = QStringLiteral("/models/flowers.tlwm");
    return inputs;
}

TEST(TrainingConfigBuilder, TakesTheDatasetSplitModelAndHyperParameters) {
    TrainingInputs inputs = sampleInputs();
    inputs.training.epochs = 4;
    inputs.training.optimizer = tlw::OptimizerKind::Sgd;
    inputs.training.momentum = 0.7;
    inputs.training.earlyStopping.monitor = tlw::MonitoredMetric::ValAccuracy;
    inputs.training.classWeighting = tlw::ClassWeighting::Balanced;
    inputs.training.augmentation = {true, 0.2, 0.0, 0.0, 0.1};
    inputs.training.precision = tlw::Precision::BFloat16;
    const tlw::TrainingConfig config = buildTrainingConfig(inputs);
    EXPECT_EQ(config.dataDir, std::filesystem::path("/data/flowers"));
    EXPECT_DOUBLE_EQ(config.validationSplit, 0.25);
    EXPECT_EQ(config.seed, 42u);
    EXPECT_FALSE(config.manifest);
    EXPECT_EQ(config.backbone, tlw::BackboneKind::SqueezeNet11);
    EXPECT_EQ(config.imageSize, (tlw::ImageSize{96, 96}));
    EXPECT_DOUBLE_EQ(config.dropout, 0.3);
    EXPECT_EQ(config.freeze.describe(), "layers[:3]");  // a frozen prefix is Keras's fine_tune_at
    ASSERT_TRUE(config.weightsFile);
    EXPECT_EQ(*config.weightsFile, std::filesystem::path("/weights/squeezenet.h5"));
    EXPECT_FALSE(config.allowDownload);
    EXPECT_FALSE(config.allowRandomInit);
    EXPECT_EQ(config.epochs, 4);
    EXPECT_EQ(config.optimizer, tlw::OptimizerKind::Sgd);
    EXPECT_DOUBLE_EQ(config.momentum, 0.7);
    EXPECT_EQ(config.earlyStopping.monitor, tlw::MonitoredMetric::ValAccuracy);
    EXPECT_EQ(config.classWeighting, tlw::ClassWeighting::Balanced);
    EXPECT_EQ(tlw::formatAugmentation(config.augmentation), "flip,rotation=0.2,contrast=0.1");
    EXPECT_EQ(config.precision, tlw::Precision::BFloat16);
    EXPECT_FALSE(config.fineTune);
    EXPECT_EQ(config.outputModel, std::filesystem::path("/models/flowers.tlwm"));
}

TEST(TrainingConfigBuilder, SplitFoldersKeepTheirSplitAndAManifestFixesIt) {
    TrainingInputs inputs = sampleInputs();
    inputs.splitSource = DatasetSplitSource::SplitFolders;
    EXPECT_DOUBLE_EQ(buildTrainingConfig(inputs).validationSplit, 0.0);
    inputs.splitSource = DatasetSplitSource::Manifest;
    inputs.split.manifestPath = QStringLiteral("/data/split.json");
    const tlw::TrainingConfig config = buildTrainingConfig(inputs);
    ASSERT_TRUE(config.manifest);
    EXPECT_EQ(*config.manifest, std::filesystem::path("/data/split.json"));
}

TEST(TrainingConfigBuilder, FreezeSetsBecomeAllAPrefixOrLayerIndices) {
    TrainingInputs inputs = sampleInputs();
    inputs.model.trainable = {false, false, false};
    EXPECT_EQ(buildTrainingConfig(inputs).freeze.describe(), "all");
    inputs.model.trainable = {true, false, true, false};
    const tlw::FreezeSpec spec = buildTrainingConfig(inputs).freeze;
    EXPECT_EQ(spec.indices(), (std::vector<int>{1, 3}));
    inputs.model.trainable = {true, true};
    EXPECT_EQ(buildTrainingConfig(inputs).freeze.describe(), "none");
}

TEST(TrainingConfigBuilder, NotPretrainedAllowsRandomWeightsAndTwoPhasesUseThePresetK) {
    TrainingInputs inputs = sampleInputs();
    inputs.model.pretrained = false;
    inputs.weightsFile.clear();
    inputs.training.fineTune = tlw::FineTuneSettings{};
    inputs.training.fineTune->epochs = 2;
    inputs.training.fineTune->learningRate = 0.0001;
    const tlw::TrainingConfig config = buildTrainingConfig(inputs);
    EXPECT_TRUE(config.allowRandomInit);
    EXPECT_FALSE(config.weightsFile);
    ASSERT_TRUE(config.fineTune);
    EXPECT_FALSE(config.fineTune->unfreezeFrom);  // not chosen on the page: core's preset for the backbone
    EXPECT_EQ(config.fineTune->epochs, 2);
    EXPECT_DOUBLE_EQ(config.fineTune->learningRate, 0.0001);
}

TEST(TrainingConfigBuilder, CoreValidationRefusesSettingsOutOfRange) {
    TrainingInputs inputs = sampleInputs();
    inputs.model.dropout = 1.5;
    EXPECT_THROW(buildTrainingConfig(inputs), tlw::Error);
}

}  // namespace
}  // namespace tlw::ui
