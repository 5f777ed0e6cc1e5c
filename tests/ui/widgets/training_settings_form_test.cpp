#include "ui/widgets/training_settings_form.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>

namespace tlw::ui {
namespace {

QStringList squeezeNetLikeNames() {
    QStringList names;
    for (int i = 0; i < 20; ++i) names << QStringLiteral("layer%1").arg(i);
    names[12] = QStringLiteral("fire8/squeeze1x1");
    return names;
}

TEST(TrainingSettingsForm, EverySettingRoundTrips) {
    TrainingSettingsForm form;
    form.setLayerNames(squeezeNetLikeNames(), 12);
    tlw::TrainingConfig settings;
    settings.epochs = 7;
    settings.batchSize = 16;
    settings.learningRate = 0.002;
    settings.optimizer = tlw::OptimizerKind::Sgd;
    settings.momentum = 0.8;
    settings.classWeighting = tlw::ClassWeighting::Balanced;
    settings.earlyStopping = {true, tlw::MonitoredMetric::ValAccuracy, 4, 0.01};
    settings.reduceLr.enabled = true;
    settings.augmentation = {true, 0.2, 0.1, 0.05, 0.3};
    settings.fineTune = tlw::FineTuneSettings{3, 15, 0.0002};
    settings.threads = 2;
    settings.cache.enabled = false;
    settings.precision = tlw::Precision::BFloat16;
    settings.outputModel = "/models/x.tlwm";
    form.setSettings(settings);
    const tlw::TrainingConfig read = form.settings();
    EXPECT_EQ(read.epochs, 7);
    EXPECT_EQ(read.batchSize, 16);
    EXPECT_DOUBLE_EQ(read.learningRate, 0.002);
    EXPECT_EQ(read.optimizer, tlw::OptimizerKind::Sgd);
    EXPECT_DOUBLE_EQ(read.momentum, 0.8);
    EXPECT_EQ(read.classWeighting, tlw::ClassWeighting::Balanced);
    EXPECT_TRUE(read.earlyStopping.enabled);
    EXPECT_EQ(read.earlyStopping.monitor, tlw::MonitoredMetric::ValAccuracy);
    EXPECT_EQ(read.earlyStopping.patience, 4);
    EXPECT_DOUBLE_EQ(read.earlyStopping.minDelta, 0.01);
    EXPECT_TRUE(read.reduceLr.enabled);
    // One monitor box on the page: ReduceLROnPlateau watches what early stopping watches.
    EXPECT_EQ(read.reduceLr.monitor, tlw::MonitoredMetric::ValAccuracy);
    EXPECT_EQ(tlw::formatAugmentation(read.augmentation), tlw::formatAugmentation(settings.augmentation));
    ASSERT_TRUE(read.fineTune);
    EXPECT_EQ(read.fineTune->unfreezeFrom, 15);
    EXPECT_EQ(read.fineTune->epochs, 3);
    EXPECT_DOUBLE_EQ(read.fineTune->learningRate, 0.0002);
    EXPECT_EQ(read.threads, 2);
    EXPECT_FALSE(read.cache.enabled);
    EXPECT_EQ(read.precision, tlw::Precision::BFloat16);
    EXPECT_EQ(read.outputModel, std::filesystem::path("/models/x.tlwm"));
}

// The page shows core's defaults, the same as tlw train's (it had its own before: dropout 0.2,
// early stopping on with patience 3, fine-tuning at 1e-5 in the CLI against 1e-4 here).
TEST(TrainingSettingsForm, StartsWithCoresDefaults) {
    TrainingSettingsForm form;
    const tlw::TrainingConfig shown = form.settings();
    EXPECT_EQ(tlw::hyperParametersToJson(shown), tlw::hyperParametersToJson(tlw::trainingDefaults()));
    form.fineTuneBox()->setChecked(true);
    ASSERT_TRUE(form.settings().fineTune);
    EXPECT_DOUBLE_EQ(form.settings().fineTune->learningRate, tlw::FineTuneSettings{}.learningRate);
    EXPECT_EQ(form.settings().fineTune->epochs, tlw::FineTuneSettings{}.epochs);
}

TEST(TrainingSettingsForm, MomentumIsForSgdOnlyAndPrecisionForTheCacheOnly) {
    TrainingSettingsForm form;
    EXPECT_EQ(form.optimizerBox()->count(), 2);  // Adam and SGD: what the engine has
    EXPECT_FALSE(form.momentumBox()->isEnabled());
    form.optimizerBox()->setCurrentIndex(form.optimizerBox()->findData(QStringLiteral("sgd")));
    EXPECT_TRUE(form.momentumBox()->isEnabled());
    tlw::TrainingConfig settings = form.settings();
    settings.cache.enabled = false;
    form.setSettings(settings);
    EXPECT_FALSE(form.findChildren<QComboBox*>().last()->isEnabled());
}

TEST(TrainingSettingsForm, FineTuneFromLayerStartsAtThePresetAndNamesTheLayer) {
    TrainingSettingsForm form;
    form.setLayerNames(squeezeNetLikeNames(), 12);
    EXPECT_EQ(form.fineTuneAtBox()->value(), 12);
    EXPECT_EQ(
        form.fineTuneLayerLabel()->text(),
        QStringLiteral("From fire8/squeeze1x1 on, the layers are trained; the ones before it stay frozen."));
    form.fineTuneBox()->setChecked(true);
    EXPECT_FALSE(form.settings().fineTune->unfreezeFrom);  // not chosen: the backbone's preset
    form.fineTuneAtBox()->setValue(14);
    EXPECT_TRUE(form.fineTuneLayerLabel()->text().startsWith(QStringLiteral("From layer14 on")));
    EXPECT_EQ(form.settings().fineTune->unfreezeFrom, 14);
    // A shorter layer list (another backbone) without that layer goes back to its preset.
    form.setLayerNames(squeezeNetLikeNames().mid(0, 10), 5);
    EXPECT_EQ(form.fineTuneAtBox()->value(), 5);
    EXPECT_FALSE(form.settings().fineTune->unfreezeFrom);
}

// Issue 17: a patience not below the epochs refused to start, with the reason behind Details. Keras accepts
// it (stopping never fires), and so does the form, saying so under the field; what truly cannot run is
// named under its field, where it is seen without starting.
TEST(TrainingSettingsForm, AcceptsWhatKerasAcceptsAndSaysUnderTheFieldWhatIsOdd) {
    TrainingSettingsForm form;
    form.setLayerNames(squeezeNetLikeNames(), 12);
    form.show();
    EXPECT_TRUE(form.validationErrors().isEmpty());
    EXPECT_FALSE(form.patienceNote()->isVisible());
    EXPECT_FALSE(form.fineTuneLearningRateNote()->isVisible());
    EXPECT_FALSE(form.fineTuneAtNote()->isVisible());

    tlw::TrainingConfig settings = form.settings();
    settings.earlyStopping.enabled = true;
    settings.earlyStopping.patience = 10;
    settings.epochs = 5;
    settings.fineTune = tlw::FineTuneSettings{};
    settings.fineTune->epochs = 4;
    settings.fineTune->learningRate = settings.learningRate * 2;
    form.setSettings(settings);
    EXPECT_TRUE(form.validationErrors().isEmpty());
    EXPECT_TRUE(form.patienceNote()->isVisible());
    EXPECT_TRUE(form.patienceNote()->text().startsWith(QStringLiteral("No phase has more than 5 epoch")))
        << form.patienceNote()->text().toStdString();
    EXPECT_TRUE(form.fineTuneLearningRateNote()->isVisible());
    EXPECT_TRUE(form.fineTuneLearningRateNote()->text().startsWith(
        QStringLiteral("The fine-tuning learning rate should be lower")));
    EXPECT_NO_THROW(form.settings().validateHyperParameters());  // core runs it

    // The notes follow the fields as they are edited.
    form.patienceBox()->setValue(3);
    EXPECT_FALSE(form.patienceNote()->isVisible());
    form.fineTuneLearningRateBox()->setValue(settings.learningRate / 10);
    EXPECT_FALSE(form.fineTuneLearningRateNote()->isVisible());

    // A fine-tuning layer past the base's last: nothing would train. That one stops a run, and says why
    // under the field.
    form.fineTuneAtBox()->setMaximum(100);
    form.fineTuneAtBox()->setValue(20);
    ASSERT_EQ(form.validationErrors().size(), 1);
    EXPECT_TRUE(form.fineTuneAtNote()->isVisible());
    EXPECT_EQ(form.fineTuneAtNote()->text(), form.validationErrors().first());
    EXPECT_TRUE(form.fineTuneAtNote()->text().startsWith(
        QStringLiteral("Fine-tuning from layer 20 unfreezes nothing: the base has 20 layer")))
        << form.fineTuneAtNote()->text().toStdString();
}

TEST(TrainingSettingsForm, TheKeptWeightsChoiceNamesTheMonitorAndRoundTrips) {
    TrainingSettingsForm form;
    EXPECT_EQ(form.settings().keptWeights, tlw::trainingDefaults().keptWeights);
    EXPECT_EQ(form.keptWeightsBox()->itemText(0), QStringLiteral("The best epoch by val_loss"));
    EXPECT_EQ(form.keptWeightsBox()->itemText(1), QStringLiteral("The last epoch"));
    form.monitorBox()->setCurrentIndex(form.monitorBox()->findData(QStringLiteral("val_accuracy")));
    EXPECT_EQ(form.keptWeightsBox()->itemText(0), QStringLiteral("The best epoch by val_accuracy"));
    // The monitor picks the best epoch, so it stays editable without callbacks while the best is kept.
    EXPECT_TRUE(form.monitorBox()->isEnabled());
    form.keptWeightsBox()->setCurrentIndex(1);
    EXPECT_EQ(form.settings().keptWeights, tlw::KeptWeights::Last);
    EXPECT_FALSE(form.monitorBox()->isEnabled());
    tlw::TrainingConfig settings = form.settings();
    settings.keptWeights = tlw::KeptWeights::Best;
    form.setSettings(settings);
    EXPECT_EQ(form.keptWeightsBox()->currentIndex(), 0);
}

TEST(TrainingSettingsForm, AugmentationSaysItTurnsTheFeatureCacheOff) {
    TrainingSettingsForm form;
    form.show();
    EXPECT_FALSE(form.augmentationNote()->isVisible());
    form.flipBox()->setChecked(true);
    EXPECT_TRUE(form.augmentationNote()->isVisible());
    EXPECT_TRUE(form.settings().augmentation.horizontalFlip);
}

TEST(TrainingSettingsForm, TheOutputFileIsShownAndCanGoBackToANewFilePerRun) {
    TrainingSettingsForm form;
    form.setDefaultOutputFolder(QStringLiteral("/home/u/models"));
    EXPECT_TRUE(form.outputLabel()->text().contains(QStringLiteral("/home/u/models")));
    QSignalSpy choose(&form, &TrainingSettingsForm::chooseOutputModelRequested);
    form.setOutputModel(QStringLiteral("/work/bees.tlwm"));
    EXPECT_EQ(form.outputLabel()->text(), QStringLiteral("Saved as /work/bees.tlwm"));
    form.setOutputModel(QString());
    EXPECT_TRUE(form.settings().outputModel.empty());
}

}  // namespace
}  // namespace tlw::ui
