#include "core/models/backbone.h"

#include <gtest/gtest.h>

#include "core/models/architecture.h"
#include "core/util/error.h"

namespace tlw {
namespace {

TEST(DescribeBackbone, Vgg16BaseMirrorsKerasModelLayers) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::Vgg16, {224, 224}, false);
    ASSERT_EQ(layers.size(), 19u);
    const char* const names[] = {"input_1",      "block1_conv1", "block1_conv2", "block1_pool",
                                 "block2_conv1", "block2_conv2", "block2_pool",  "block3_conv1",
                                 "block3_conv2", "block3_conv3", "block3_pool",  "block4_conv1",
                                 "block4_conv2", "block4_conv3", "block4_pool",  "block5_conv1",
                                 "block5_conv2", "block5_conv3", "block5_pool"};
    const int64_t params[] = {0, 1792,    36928,   0,       73856, 147584,  0,       295168,  590080, 590080,
                              0, 1180160, 2359808, 2359808, 0,     2359808, 2359808, 2359808, 0};
    for (size_t i = 0; i < layers.size(); ++i) {
        EXPECT_EQ(layers[i].index, static_cast<int>(i));
        EXPECT_EQ(layers[i].name, names[i]);
        EXPECT_EQ(layers[i].params, params[i]) << names[i];
        EXPECT_TRUE(layers[i].trainable);
    }
    EXPECT_EQ(layers[0].kerasType, "InputLayer");
    EXPECT_EQ(layers[1].kerasType, "Conv2D");
    EXPECT_EQ(layers[3].kerasType, "MaxPooling2D");
    EXPECT_EQ(kerasShapeString(layers[0].outputShape), "(None, 224, 224, 3)");
    EXPECT_EQ(kerasShapeString(layers[3].outputShape), "(None, 112, 112, 64)");
    EXPECT_EQ(kerasShapeString(layers[18].outputShape), "(None, 7, 7, 512)");
    EXPECT_EQ(layers[16].group, "block5");
    EXPECT_EQ(paramTotals(layers).total, 14714688);
}

TEST(DescribeBackbone, Vgg16WithTopAddsFlattenAndDenseLayers) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::Vgg16, {224, 224}, true);
    ASSERT_EQ(layers.size(), 23u);
    EXPECT_EQ(layers[19].name, "flatten");
    EXPECT_EQ(layers[19].kerasType, "Flatten");
    EXPECT_EQ(kerasShapeString(layers[19].outputShape), "(None, 25088)");
    EXPECT_EQ(layers[20].name, "fc1");
    EXPECT_EQ(layers[20].params, 102764544);
    EXPECT_EQ(layers[21].name, "fc2");
    EXPECT_EQ(layers[22].name, "predictions");
    EXPECT_EQ(kerasShapeString(layers[22].outputShape), "(None, 1000)");
    EXPECT_EQ(paramTotals(layers).total, 138357544);
}

TEST(DescribeBackbone, ShapesFollowTheInputSizeAndParamsDoNot) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::Vgg16, {150, 97}, false);
    EXPECT_EQ(kerasShapeString(layers[1].outputShape), "(None, 150, 97, 64)");
    EXPECT_EQ(kerasShapeString(layers[3].outputShape), "(None, 75, 48, 64)");  // floor, as Keras "valid"
    EXPECT_EQ(kerasShapeString(layers[18].outputShape), "(None, 4, 3, 512)");
    EXPECT_EQ(paramTotals(layers).total, 14714688);
    EXPECT_EQ(kerasShapeString(describeBackbone(BackboneKind::Vgg16, {32, 32}, false)[18].outputShape),
              "(None, 1, 1, 512)");
}

TEST(DescribeBackbone, RejectsTooSmallInputsAndTopAtOtherSizes) {
    EXPECT_THROW(describeBackbone(BackboneKind::Vgg16, {31, 224}, false), Error);
    EXPECT_THROW(describeBackbone(BackboneKind::SqueezeNet11, {224, 16}, false), Error);
    EXPECT_THROW(describeBackbone(BackboneKind::Vgg16, {160, 160}, true), Error);
    EXPECT_THROW(describeBackbone(BackboneKind::SqueezeNet11, {224, 224}, true), Error);
    try {
        describeBackbone(BackboneKind::Vgg16, {160, 160}, true);
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("224x224"), std::string::npos) << e.what();
    }
}

TEST(DescribeBackbone, SqueezeNetHasTheRealFilesLayersAndParams) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::SqueezeNet11, {224, 224}, false);
    ASSERT_EQ(layers.size(), 63u);
    EXPECT_EQ(layers[0].name, "input_1");
    EXPECT_EQ(layers[1].name, "conv1");
    EXPECT_EQ(kerasShapeString(layers[1].outputShape), "(None, 111, 111, 64)");
    EXPECT_EQ(layers[3].name, "pool1");
    EXPECT_EQ(kerasShapeString(layers[3].outputShape), "(None, 55, 55, 64)");
    EXPECT_EQ(layers[4].name, "fire2/squeeze1x1");
    EXPECT_EQ(layers[10].name, "fire2/concat");
    EXPECT_EQ(layers[10].kerasType, "Concatenate");
    EXPECT_EQ(layers[10].inboundLayers,
              (std::vector<std::string>{"fire2/relu_expand1x1", "fire2/relu_expand3x3"}));
    EXPECT_EQ(kerasShapeString(layers[10].outputShape), "(None, 55, 55, 128)");
    EXPECT_EQ(layers[18].name, "pool3");
    EXPECT_EQ(layers[61].name, "fire9/concat");
    EXPECT_EQ(layers[62].name, "drop9");
    EXPECT_EQ(layers[62].kerasType, "Dropout");
    EXPECT_EQ(kerasShapeString(layers[62].outputShape), "(None, 13, 13, 512)");
    EXPECT_EQ(layers[7].params, 3 * 3 * 16 * 64 + 64);
    EXPECT_EQ(layers[8].kerasType, "Activation");
    EXPECT_EQ(paramTotals(layers).total, 722496);
    EXPECT_EQ(kerasShapeString(describeBackbone(BackboneKind::SqueezeNet11, {32, 32}, false)[62].outputShape),
              "(None, 1, 1, 512)");
}

TEST(BackboneKind, IdsRoundTripAndUnknownNamesAreListed) {
    for (const BackboneKind kind : allBackbones()) EXPECT_EQ(parseBackboneKind(backboneId(kind)), kind);
    EXPECT_EQ(parseBackboneKind("SqueezeNet1.1"), BackboneKind::SqueezeNet11);
    try {
        parseBackboneKind("alexnet");
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("vgg16, squeezenet"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("resnet50"), std::string::npos) << e.what();
    }
}

TEST(CutPoints, EveryVggBoundaryButNoneInsideAFireModule) {
    const std::vector<int> vgg = cutPoints(vgg16Architecture(true));
    ASSERT_EQ(vgg.size(), 24u);  // 0..23
    EXPECT_EQ(vgg.front(), 0);
    EXPECT_EQ(vgg.back(), 23);

    const std::vector<int> squeeze = cutPoints(squeezeNet11Architecture());
    const auto has = [&squeeze](int k) {
        return std::find(squeeze.begin(), squeeze.end(), k) != squeeze.end();
    };
    EXPECT_TRUE(has(0));
    EXPECT_TRUE(has(4));   // before fire2/squeeze1x1
    EXPECT_TRUE(has(5));   // after the squeeze conv: one tensor feeds both branches
    EXPECT_TRUE(has(6));   // after relu_squeeze1x1
    EXPECT_FALSE(has(7));  // expand1x1 done, expand3x3 still needs the squeeze output
    EXPECT_FALSE(has(8));
    EXPECT_FALSE(has(9));
    EXPECT_FALSE(has(10));
    EXPECT_TRUE(has(11));  // after fire2/concat
    EXPECT_TRUE(has(63));
}

TEST(ImageSize, ParsesSquareAndRectangularSizes) {
    EXPECT_EQ(parseImageSize("224"), (ImageSize{224, 224}));
    EXPECT_EQ(parseImageSize("160x128"), (ImageSize{160, 128}));
    EXPECT_THROW(parseImageSize("0"), Error);
    EXPECT_THROW(parseImageSize("abc"), Error);
    EXPECT_THROW(parseImageSize("224x"), Error);
    EXPECT_THROW(parseImageSize("-5"), Error);
}

TEST(KerasWeightsFile, KnowsKerasNamesAndHashes) {
    EXPECT_EQ(kerasWeightsFile(BackboneKind::Vgg16, false).fileName,
              "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::Vgg16, false).md5, "6d6bbae143d832006294945121d1f1fc");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::Vgg16, true).url,
              "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
              "vgg16_weights_tf_dim_ordering_tf_kernels.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::SqueezeNet11, false).fileName,
              "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    EXPECT_TRUE(kerasWeightsFile(BackboneKind::SqueezeNet11, false).url.empty());
    EXPECT_THROW(kerasWeightsFile(BackboneKind::SqueezeNet11, true), Error);
}

}  // namespace
}  // namespace tlw
