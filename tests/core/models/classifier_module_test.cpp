#include "core/models/classifier_module.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "core/models/head_params.h"
#include "core/models/keras_weights.h"
#include "core/util/error.h"

namespace tlw {
namespace {

std::shared_ptr<ClassifierModule> squeezeNetClassifier(bool normalize, int classes = 3) {
    auto backbone = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    initializeHeScaled(*backbone, 2);
    HeadSpec head;
    head.classCount = classes;
    head.normalizeFeatures = normalize;
    torch::manual_seed(4);
    return std::make_shared<ClassifierModule>(backbone, head);
}

TEST(ClassifierModule, NormalizationIsKerasFormulaBeforeTheDenseLayer) {
    auto module = squeezeNetClassifier(true);
    const at::Tensor mean = at::rand({512}) * 3;
    const at::Tensor variance = at::rand({512}) + 0.5;
    module->setNormalization(mean, variance);
    module->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor features = at::rand({2, 512, 3, 3}) * 5;
    const auto weights = module->namedWeights();
    const at::Tensor dense = weights[weights.size() - 2].second;
    const at::Tensor bias = weights.back().second;
    const at::Tensor expected = at::linear((features.mean({2, 3}) - mean) / variance.sqrt(), dense, bias);
    EXPECT_TRUE(at::allclose(module->headForward(features), expected, 1e-5, 1e-5));
}

TEST(ClassifierModule, NormalizationCountsAsNonTrainableAndIsSaved) {
    auto plain = squeezeNetClassifier(false);
    auto normalized = squeezeNetClassifier(true);
    plain->applyFreeze(std::vector<bool>(plain->backbone().architecture().layers.size(), true));
    normalized->applyFreeze(std::vector<bool>(normalized->backbone().architecture().layers.size(), true));
    EXPECT_EQ(plain->paramTotals().trainable, 512 * 3 + 3);
    EXPECT_EQ(normalized->paramTotals().trainable, 512 * 3 + 3);
    // Keras's Normalization holds mean, variance and count.
    EXPECT_EQ(normalized->paramTotals().nonTrainable, plain->paramTotals().nonTrainable + 2 * 512 + 1);
    EXPECT_EQ(normalized->trainableParameters().size(), plain->trainableParameters().size());
    EXPECT_EQ(normalized->namedWeights().size(), plain->namedWeights().size() + 2);
}

TEST(ClassifierModule, TheModelPagesTotalsAreTheModulesWithoutBuildingIt) {
    for (const bool normalize : {false, true}) {
        for (const int classes : {2, 5}) {
            auto module = squeezeNetClassifier(normalize, classes);
            std::vector<bool> frozen(module->backbone().architecture().layers.size(), false);
            for (int layer = 0; layer < 48; ++layer) frozen[layer] = true;
            module->applyFreeze(frozen);
            std::vector<LayerInfo> base = describeBackbone(BackboneKind::SqueezeNet11, {224, 224}, false);
            for (std::size_t layer = 0; layer < base.size(); ++layer) base[layer].trainable = !frozen[layer];
            const ParamTotals expected = module->paramTotals();
            const ParamTotals totals = wholeModelParamTotals(base, module->head());
            EXPECT_EQ(totals.total, expected.total) << normalize << classes;
            EXPECT_EQ(totals.trainable, expected.trainable) << normalize << classes;
            EXPECT_EQ(totals.nonTrainable, expected.nonTrainable) << normalize << classes;
        }
    }
    // VGG16 with its ImageNet top: `predictions` (4096 x 1000) is replaced by Dense(1) on fc2.
    HeadSpec top;
    top.imageNetTop = true;
    const std::vector<LayerInfo> vgg = describeBackbone(BackboneKind::Vgg16, {224, 224}, true);
    EXPECT_EQ(wholeModelParamTotals(vgg, top).total, 138357544 - (4096 * 1000 + 1000) + 4096 + 1);
}

TEST(ClassifierModule, NormalizationStatisticsMustFit) {
    EXPECT_THROW(squeezeNetClassifier(false)->setNormalization(at::zeros({512}), at::ones({512})), Error);
    EXPECT_THROW(squeezeNetClassifier(true)->setNormalization(at::zeros({10}), at::ones({10})), Error);
}

TEST(ClassifierModule, TwoClassesGiveOneLogitAndBothProbabilities) {
    auto module = squeezeNetClassifier(false, 2);
    module->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor logits = module->headForward(at::rand({4, 512, 2, 2}));
    EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{4, 1}));
    const at::Tensor probabilities = module->probabilities(logits, 1.0);
    EXPECT_TRUE(at::allclose(probabilities.sum(1), at::ones({4})));
    const at::Tensor labels = at::tensor({0, 1, 1, 0}, at::kLong);
    const at::Tensor loss = module->perImageLoss(logits, labels);
    const at::Tensor manual = -(probabilities.gather(1, labels.unsqueeze(1)).squeeze(1)).log();
    EXPECT_TRUE(at::allclose(loss, manual, 1e-5, 1e-5));
}

// Temperature scaling divides the logits by a positive T: the order within a row, and so the arg-max, stays.
TEST(ClassifierModule, TemperatureNeverChangesTheArgMax) {
    torch::manual_seed(5);
    for (const int classes : {2, 5}) {
        auto module = squeezeNetClassifier(false, classes);
        const at::Tensor logits = at::randn({200, module->head().units()}) * 6;
        const at::Tensor reference = module->probabilities(logits, 1.0).argmax(1);
        EXPECT_TRUE(at::equal(reference, module->predictedLabels(logits))) << classes;
        for (const double temperature : {0.05, 0.3, 1.7, 4.0, 20.0}) {
            const at::Tensor probabilities = module->probabilities(logits, temperature);
            EXPECT_TRUE(at::equal(probabilities.argmax(1), reference))
                << classes << " classes, T " << temperature;
            EXPECT_TRUE(at::allclose(probabilities.sum(1), at::ones({200})));
        }
        // And it does move the confidence: a higher temperature flattens every row.
        const at::Tensor top1 = std::get<0>(module->probabilities(logits, 1.0).max(1));
        const at::Tensor top2 = std::get<0>(module->probabilities(logits, 2.0).max(1));
        EXPECT_TRUE((top2 <= top1).all().item<bool>());
        EXPECT_TRUE((top2 < top1).any().item<bool>());
    }
}

}  // namespace
}  // namespace tlw
