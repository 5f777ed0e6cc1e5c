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
    TrainingSettings settings;
    settings.epochs = 7;
    settings.batchSize = 16;
    settings.learningRate = 0.002;
    settings.optimizer = QStringLiteral("sgd");
    settings.momentum = 0.8;
    settings.balancedClassWeights = true;
    settings.earlyStopping = true;
    settings.monitor = QStringLiteral("val_accuracy");
    settings.patience = 4;
    settings.minDelta = 0.01;
    settings.reduceLrOnPlateau = true;
    settings.augmentation = {true, 0.2, 0.1, 0.05, 0.3};
    settings.fineTunePhase = true;
    settings.fineTuneAt = 15;
    settings.fineTuneEpochs = 3;
    settings.fineTuneLearningRate = 0.0002;
    settings.threads = 2;
    settings.featureCache = false;
    settings.precision = QStringLiteral("bf16");
    settings.outputModel = QStringLiteral("/models/x.tlwm");
    form.setSettings(settings);
    const TrainingSettings read = form.settings();
    EXPECT_EQ(read.epochs, 7);
    EXPECT_EQ(read.batchSize, 16);
    EXPECT_DOUBLE_EQ(read.learningRate, 0.002);
    EXPECT_EQ(read.optimizer, QStringLiteral("sgd"));
    EXPECT_DOUBLE_EQ(read.momentum, 0.8);
    EXPECT_TRUE(read.balancedClassWeights);
    EXPECT_EQ(read.monitor, QStringLiteral("val_accuracy"));
    EXPECT_EQ(read.patience, 4);
    EXPECT_DOUBLE_EQ(read.minDelta, 0.01);
    EXPECT_TRUE(read.reduceLrOnPlateau);
    EXPECT_EQ(read.augmentation, settings.augmentation);
    EXPECT_TRUE(read.fineTunePhase);
    EXPECT_EQ(read.fineTuneAt, 15);
    EXPECT_EQ(read.fineTuneEpochs, 3);
    EXPECT_DOUBLE_EQ(read.fineTuneLearningRate, 0.0002);
    EXPECT_EQ(read.threads, 2);
    EXPECT_FALSE(read.featureCache);
    EXPECT_EQ(read.precision, QStringLiteral("bf16"));
    EXPECT_EQ(read.outputModel, QStringLiteral("/models/x.tlwm"));
}

TEST(TrainingSettingsForm, MomentumIsForSgdOnlyAndPrecisionForTheCacheOnly) {
    TrainingSettingsForm form;
    EXPECT_EQ(form.optimizerBox()->count(), 2);  // Adam and SGD: what the engine has
    EXPECT_FALSE(form.momentumBox()->isEnabled());
    form.optimizerBox()->setCurrentIndex(form.optimizerBox()->findData(QStringLiteral("sgd")));
    EXPECT_TRUE(form.momentumBox()->isEnabled());
    TrainingSettings settings = form.settings();
    settings.featureCache = false;
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
    EXPECT_EQ(form.settings().fineTuneAt, -1);  // not chosen: the backbone's preset
    form.fineTuneAtBox()->setValue(14);
    EXPECT_TRUE(form.fineTuneLayerLabel()->text().startsWith(QStringLiteral("From layer14 on")));
    EXPECT_EQ(form.settings().fineTuneAt, 14);
    // A shorter layer list (another backbone) without that layer goes back to its preset.
    form.setLayerNames(squeezeNetLikeNames().mid(0, 10), 5);
    EXPECT_EQ(form.fineTuneAtBox()->value(), 5);
    EXPECT_EQ(form.settings().fineTuneAt, -1);
}

TEST(TrainingSettingsForm, ValidationNamesWhatKeepsARunFromStarting) {
    TrainingSettingsForm form;
    EXPECT_TRUE(form.validationErrors().isEmpty());
    TrainingSettings settings = form.settings();
    settings.fineTunePhase = true;
    settings.fineTuneLearningRate = settings.learningRate * 2;
    settings.earlyStopping = true;
    settings.patience = 10;
    settings.epochs = 5;
    form.setSettings(settings);
    const QStringList errors = form.validationErrors();
    ASSERT_EQ(errors.size(), 2);
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("The fine-tuning learning rate should be lower")));
    EXPECT_EQ(errors[1],
              QStringLiteral("Early stopping patience (10) must be smaller than the number of epochs (5)."));
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
    EXPECT_TRUE(form.settings().outputModel.isEmpty());
}

}  // namespace
}  // namespace tlw::ui
