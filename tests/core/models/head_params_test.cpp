// The new head as Keras's model.summary() lists it after the base: names, types, shapes, parameters and
// indices, derived from the base's layer list alone.
#include "core/models/head_params.h"

#include <gtest/gtest.h>

#include "core/models/backbone.h"

namespace tlw {
namespace {

TEST(HeadLayers, PooledHeadOnVgg16ListsPoolingNormalizationDropoutAndDense) {
    const std::vector<LayerInfo> base = describeBackbone(BackboneKind::Vgg16, {224, 224}, false);
    HeadSpec head;
    head.classCount = 5;
    head.normalizeFeatures = true;
    head.dropout = 0.2;
    const std::vector<LayerInfo> layers = headLayers(base, head);
    ASSERT_EQ(layers.size(), 4u);
    const std::vector<std::string> names{"global_average_pooling2d", "normalization", "dropout", "dense"};
    const std::vector<std::string> types{"GlobalAveragePooling2D", "Normalization", "Dropout", "Dense"};
    const std::vector<int64_t> params{0, 2 * 512 + 1, 0, 512 * 5 + 5};
    for (std::size_t i = 0; i < layers.size(); ++i) {
        EXPECT_EQ(layers[i].name, names[i]);
        EXPECT_EQ(layers[i].kerasType, types[i]);
        EXPECT_EQ(layers[i].params, params[i]);
        EXPECT_EQ(layers[i].index, base.back().index + 1 + static_cast<int>(i));
        EXPECT_TRUE(layers[i].trainable);
        EXPECT_EQ(layers[i].inboundLayers.front(), i == 0 ? base.back().name : names[i - 1]);
    }
    EXPECT_EQ(kerasShapeString(layers[0].outputShape), "(None, 512)");
    EXPECT_EQ(kerasShapeString(layers[3].outputShape), "(None, 5)");
    EXPECT_EQ(layers[1].nonTrainableParams, layers[1].params);  // adapted, never trained
}

TEST(HeadLayers, TwoClassesGiveOneUnitAndTheTotalsAddTheHead) {
    std::vector<LayerInfo> base = describeBackbone(BackboneKind::Vgg16, {224, 224}, false);
    for (LayerInfo& layer : base) layer.trainable = false;  // base_model.trainable = False
    const HeadSpec head;                                    // 2 classes, no dropout, not normalised
    const std::vector<LayerInfo> layers = headLayers(base, head);
    ASSERT_EQ(layers.size(), 2u);
    EXPECT_EQ(layers[1].params, 513);
    const ParamTotals totals = wholeModelParamTotals(base, head);
    EXPECT_EQ(totals.total, 14714688 + 513);
    EXPECT_EQ(totals.trainable, 513);  // what the tutorial's model.summary() says after freezing the base
}

TEST(HeadLayers, ImageNetTopReplacesPredictionsOnFc2WithoutPooling) {
    const std::vector<LayerInfo> base = describeBackbone(BackboneKind::Vgg16, {224, 224}, true);
    HeadSpec head;
    head.imageNetTop = true;
    const std::vector<LayerInfo> layers = headLayers(base, head);
    ASSERT_EQ(layers.size(), 1u);
    EXPECT_EQ(layers[0].name, "predictions");
    EXPECT_EQ(layers[0].params, 4096 + 1);
    EXPECT_EQ(layers[0].index, base.back().index);  // in the place of the replaced layer
}

}  // namespace
}  // namespace tlw
