// MobileNet v1 as keras.applications builds it: the layer list, Keras's summary, its weights files (the real
// Keras 2.0.4 one and generated ones) and folded BatchNormalization. BN in fine-tuning:
// batch_norm_fine_tuning_test.cpp.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include "core/models/architecture.h"
#include "core/models/keras_summary.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "core/util/error.h"
#include "tests/core/models/raw_keras_file.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

const char* const kRealFile = "mobilenet_2_5_224_tf_no_top.h5";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::shared_ptr<BackboneModule> seededMobileNet(BackboneKind kind, uint64_t seed) {
    auto module = BackboneModule::create(kind, false);
    initializeHeScaled(*module, seed);
    module->eval();
    return module;
}

// A batch in the pipeline's caffe range (BGR, mean-free: about -124..152).
at::Tensor caffeBatch(int64_t count, int64_t side, uint64_t seed) {
    at::manual_seed(seed);
    return at::rand({count, 3, side, side}) * 255.0 - 120.0;
}

double relativeDifference(const at::Tensor& ours, const at::Tensor& reference) {
    return (ours - reference).abs().max().item<double>() / reference.abs().max().item<double>();
}

TEST(MobileNet, LayerListAndTotalsAreKeras) {
    const std::vector<LayerInfo> quarter = describeBackbone(BackboneKind::MobileNet025, {224, 224}, false);
    ASSERT_EQ(quarter.size(), 86u);
    const ParamTotals quarterTotals = paramTotals(quarter);
    EXPECT_EQ(quarterTotals.total, 218544);
    EXPECT_EQ(quarterTotals.trainable, 213072);
    EXPECT_EQ(quarterTotals.nonTrainable, 5472);
    EXPECT_EQ(paramTotals(describeBackbone(BackboneKind::MobileNet100, {224, 224}, false)).total, 3228864);
    EXPECT_EQ(paramTotals(describeBackbone(BackboneKind::MobileNet050, {224, 224}, false)).total, 829536);
    EXPECT_EQ(paramTotals(describeBackbone(BackboneKind::MobileNet075, {224, 224}, false)).total, 1832976);

    const std::vector<std::string> firstNames = {
        "input_1",        "conv1",     "conv1_bn",     "conv1_relu",     "conv_dw_1",  "conv_dw_1_bn",
        "conv_dw_1_relu", "conv_pw_1", "conv_pw_1_bn", "conv_pw_1_relu", "conv_pad_2", "conv_dw_2"};
    for (size_t i = 0; i < firstNames.size(); ++i) EXPECT_EQ(quarter[i].name, firstNames[i]);
    EXPECT_EQ(quarter.back().name, "conv_pw_13_relu");
    EXPECT_EQ(quarter.back().outputShape, (std::vector<int64_t>{-1, 7, 7, 256}));
    EXPECT_EQ(quarter[10].outputShape, (std::vector<int64_t>{-1, 113, 113, 16}));
    EXPECT_EQ(quarter[11].outputShape, (std::vector<int64_t>{-1, 56, 56, 16}));
    EXPECT_EQ(quarter[2].params, 32);
    EXPECT_EQ(quarter[2].nonTrainableParams, 16);
}

TEST(MobileNet, OddInputSidesPadAsTodaysKeras) {
    // conv1 "same" stride 2: ceil(225 / 2) = 113; conv_pad_2 adds one: 114; valid 3x3 stride 2: 56.
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::MobileNet025, {225, 225}, false);
    EXPECT_EQ(layers[1].outputShape, (std::vector<int64_t>{-1, 113, 113, 8}));
    EXPECT_EQ(layers[10].outputShape, (std::vector<int64_t>{-1, 114, 114, 16}));
    EXPECT_EQ(layers[11].outputShape, (std::vector<int64_t>{-1, 56, 56, 16}));
    const auto module = seededMobileNet(BackboneKind::MobileNet025, 3);
    torch::NoGradGuard noGrad;
    EXPECT_EQ(module->forward(caffeBatch(1, 65, 1)).sizes(), (std::vector<int64_t>{1, 256, 2, 2}));
}

TEST(MobileNet, SummaryRowsAreThoseKerasPrints) {
    const std::string summary =
        formatKerasSummary(kerasModelName(BackboneKind::MobileNet025),
                           describeBackbone(BackboneKind::MobileNet025, {224, 224}, false), false);
    EXPECT_TRUE(contains(summary, "Model: \"mobilenet_0.25_224\"\n")) << summary;
    EXPECT_TRUE(contains(summary,
                         " input_1 (InputLayer)        [(None, 224, 224, 3)]     0         \n"
                         "                                                                 \n"
                         " conv1 (Conv2D)              (None, 112, 112, 8)       216       \n"
                         "                                                                 \n"
                         " conv1_bn (BatchNormalizatio  (None, 112, 112, 8)      32        \n"
                         " n)                                                              \n"))
        << summary;
    EXPECT_TRUE(contains(summary, " conv1_relu (ReLU)           (None, 112, 112, 8)       0         \n"));
    EXPECT_TRUE(contains(summary, " conv_dw_1 (DepthwiseConv2D)  (None, 112, 112, 8)      72        \n"));
    EXPECT_TRUE(contains(summary, " conv_pad_2 (ZeroPadding2D)  (None, 113, 113, 16)      0         \n"));
    EXPECT_TRUE(
        contains(summary, "Total params: 218,544\nTrainable params: 213,072\nNon-trainable params: 5,472\n"));
}

TEST(MobileNet, AlphaSelectsTheKindAndIsCheckedAsKerasDoes) {
    EXPECT_EQ(parseBackboneKind("mobilenet"), BackboneKind::MobileNet100);
    EXPECT_EQ(parseBackboneKind("MobileNet", 0.25), BackboneKind::MobileNet025);
    EXPECT_EQ(parseBackboneKind("mobilenet_0.75"), BackboneKind::MobileNet075);
    EXPECT_EQ(parseBackboneKind(backboneId(BackboneKind::MobileNet050)), BackboneKind::MobileNet050);
    try {
        parseBackboneKind("mobilenet", 0.3);
        FAIL() << "alpha 0.3 accepted";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "MobileNet: no ImageNet weights for alpha 0.3 (Keras publishes 0.25, 0.50, 0.75, 1.00)");
    }
    EXPECT_THROW(parseBackboneKind("vgg16", 0.25), Error);
    EXPECT_THROW(backboneArchitecture(BackboneKind::MobileNet025, true), Error);
}

TEST(MobileNet, WeightsFilesAreNamedAndLocatedAsKerasDoes) {
    const KerasWeightsFile quarter = kerasWeightsFile(BackboneKind::MobileNet025, false);
    EXPECT_EQ(quarter.fileName, "mobilenet_2_5_224_tf_no_top.h5");
    EXPECT_EQ(quarter.url,
              "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/"
              "mobilenet_2_5_224_tf_no_top.h5");
    EXPECT_EQ(quarter.md5, "");  // Keras's mobilenet.py publishes no file_hash
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNet100, false).fileName, "mobilenet_1_0_224_tf_no_top.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNet075, false).fileName, "mobilenet_7_5_224_tf_no_top.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNet050, false).fileName, "mobilenet_5_0_224_tf_no_top.h5");
}

TEST(MobileNet, RealKeras204FileLoadsByWeightedLayerName) {
    const std::filesystem::path file = test::sharedWeights(kRealFile);
    TLW_REQUIRE_SHARED(file);
    const auto module = BackboneModule::create(BackboneKind::MobileNet025, false);
    loadKerasWeights(*module, file);
    EXPECT_TRUE(module->pretrained());
    // The moving variance of conv1_bn as stored, not the LibTorch default of ones.
    const test::RawKerasFile raw(file);
    const test::RawArray variance = raw.weight("conv1_bn", 3);
    const at::Tensor loaded = module->layerWeights(module->layerIndex("conv1_bn"))[3].second;
    for (int64_t c = 0; c < 8; ++c)
        EXPECT_FLOAT_EQ(loaded[c].item<float>(), variance.values[static_cast<size_t>(c)]);
}

TEST(MobileNet, FileOfAnotherAlphaIsRefusedNamingFileAndLayer) {
    const std::filesystem::path file = test::sharedWeights(kRealFile);
    TLW_REQUIRE_SHARED(file);
    const auto module = BackboneModule::create(BackboneKind::MobileNet050, false);
    try {
        loadKerasWeights(*module, file);
        FAIL() << "alpha 0.25 weights loaded into alpha 0.5";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), file.string() + ": conv1: kernel 3x3x3x8, expected 3x3x3x16");
    }
    EXPECT_FALSE(module->pretrained());
}

TEST(MobileNet, GeneratedKerasFileHasKerasLayoutAndRoundTrips) {
    const test::TempDir dir;
    const std::filesystem::path file = dir / "mobilenet_5_0_224_tf_no_top.h5";
    writeRandomKerasWeightsFile(BackboneKind::MobileNet050, false, 7, file);
    const test::RawKerasFile raw(file);
    EXPECT_EQ(raw.weightNames("conv_dw_2"), (std::vector<std::string>{"conv_dw_2/depthwise_kernel:0"}));
    EXPECT_EQ(raw.weightNames("conv1_bn"),
              (std::vector<std::string>{"conv1_bn/gamma:0", "conv1_bn/beta:0", "conv1_bn/moving_mean:0",
                                        "conv1_bn/moving_variance:0"}));
    EXPECT_EQ(raw.weight("conv_dw_2", 0).shape, (std::vector<int64_t>{3, 3, 32, 1}));
    EXPECT_TRUE(raw.weightNames("conv_pad_2").empty());

    const auto original = seededMobileNet(BackboneKind::MobileNet050, 7);
    const auto loaded = BackboneModule::create(BackboneKind::MobileNet050, false);
    loadKerasWeights(*loaded, file);
    loaded->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor images = caffeBatch(2, 40, 5);
    EXPECT_TRUE(at::equal(loaded->forward(images), original->forward(images)));
}

TEST(MobileNet, FoldedBatchNormEqualsTheUnfoldedForward) {
    const auto unfolded = seededMobileNet(BackboneKind::MobileNet025, 11);
    const auto folded = seededMobileNet(BackboneKind::MobileNet025, 11);
    folded->foldBatchNorm(folded->layerCount());
    torch::NoGradGuard noGrad;
    const at::Tensor images = caffeBatch(2, 64, 2);
    const at::Tensor reference = unfolded->forward(images);
    EXPECT_LE(relativeDifference(folded->forward(images), reference), 1e-5);
    // Folded kernels change: the comparison is not of the same computation.
    EXPECT_FALSE(at::equal(folded->layerParameters(1)[0], unfolded->layerParameters(1)[0]));
}

}  // namespace
}  // namespace tlw
