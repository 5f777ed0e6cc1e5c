// ResNet50 as keras.applications.resnet builds it: the layer list and its order, Keras's summary, the cut
// points of the residual graph, its weights file, and features from a generated Keras-layout file against an
// independent computation on the file's raw arrays. Small inputs throughout: ResNet50 at 224 is heavy.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "core/infer/feature_extractor.h"
#include "core/models/architecture.h"
#include "core/models/keras_summary.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/core/models/raw_keras_file.h"
#include "tests/core/models/reference_cnn.h"
#include "tests/core/models/resnet50_reference.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> namesOf(const std::vector<LayerInfo>& layers, size_t first, size_t count) {
    std::vector<std::string> names;
    for (size_t i = first; i < first + count; ++i) names.push_back(layers.at(i).name);
    return names;
}

const LayerInfo& layerNamed(const std::vector<LayerInfo>& layers, const std::string& name) {
    const auto found = std::find_if(layers.begin(), layers.end(),
                                    [&](const LayerInfo& layer) { return layer.name == name; });
    if (found == layers.end()) throw std::runtime_error("no layer " + name);
    return *found;
}

// A batch in the pipeline's caffe range (BGR, mean-free: about -124..152).
at::Tensor caffeBatch(int64_t count, int64_t side, uint64_t seed) {
    at::manual_seed(seed);
    return at::rand({count, 3, side, side}) * 255.0 - 120.0;
}

double relativeDifference(const at::Tensor& ours, const at::Tensor& reference) {
    return (ours.to(at::kDouble) - reference).abs().max().item<double>() /
           reference.abs().max().item<double>();
}

TEST(ResNet50, LayerListAndTotalsAreKeras) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::ResNet50, {224, 224}, false);
    ASSERT_EQ(layers.size(), 175u);  // len(ResNet50(include_top=False).layers)
    const ParamTotals totals = paramTotals(layers);
    EXPECT_EQ(totals.total, 23587712);
    EXPECT_EQ(totals.trainable, 23534592);
    EXPECT_EQ(totals.nonTrainable, 53120);  // the moving mean and variance of every BN layer

    EXPECT_EQ(namesOf(layers, 0, 7),
              (std::vector<std::string>{"input_1", "conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu",
                                        "pool1_pad", "pool1_pool"}));
    // Keras lists a functional model's layers by depth: the projection shortcut after the main path's second
    // ReLU, interleaved with the third convolution and its BN.
    EXPECT_EQ(namesOf(layers, 7, 12),
              (std::vector<std::string>{"conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_1_relu",
                                        "conv2_block1_2_conv", "conv2_block1_2_bn", "conv2_block1_2_relu",
                                        "conv2_block1_0_conv", "conv2_block1_3_conv", "conv2_block1_0_bn",
                                        "conv2_block1_3_bn", "conv2_block1_add", "conv2_block1_out"}));
    EXPECT_EQ(namesOf(layers, 19, 10),
              (std::vector<std::string>{"conv2_block2_1_conv", "conv2_block2_1_bn", "conv2_block2_1_relu",
                                        "conv2_block2_2_conv", "conv2_block2_2_bn", "conv2_block2_2_relu",
                                        "conv2_block2_3_conv", "conv2_block2_3_bn", "conv2_block2_add",
                                        "conv2_block2_out"}));
    EXPECT_EQ(layers[143].name, "conv5_block1_1_conv");
    EXPECT_EQ(layers.back().name, "conv5_block3_out");
    EXPECT_EQ(layers.back().outputShape, (std::vector<int64_t>{-1, 7, 7, 2048}));

    EXPECT_EQ(layerNamed(layers, "conv1_pad").outputShape, (std::vector<int64_t>{-1, 230, 230, 3}));
    EXPECT_EQ(layerNamed(layers, "conv1_conv").outputShape, (std::vector<int64_t>{-1, 112, 112, 64}));
    EXPECT_EQ(layerNamed(layers, "conv1_conv").params, 9472);  // 7 x 7 x 3 x 64 + 64: with bias
    EXPECT_EQ(layerNamed(layers, "conv1_bn").params, 256);
    EXPECT_EQ(layerNamed(layers, "conv1_bn").nonTrainableParams, 128);
    EXPECT_EQ(layerNamed(layers, "pool1_pad").outputShape, (std::vector<int64_t>{-1, 114, 114, 64}));
    EXPECT_EQ(layerNamed(layers, "pool1_pool").outputShape, (std::vector<int64_t>{-1, 56, 56, 64}));
    EXPECT_EQ(layerNamed(layers, "conv2_block1_0_conv").params, 16640);
    EXPECT_EQ(layerNamed(layers, "conv2_block1_2_conv").params, 36928);
    EXPECT_EQ(layerNamed(layers, "conv3_block1_1_conv").outputShape, (std::vector<int64_t>{-1, 28, 28, 128}));
    EXPECT_EQ(layerNamed(layers, "conv5_block3_3_conv").params, 1050624);
    EXPECT_EQ(layerNamed(layers, "conv2_block1_add").inboundLayers,
              (std::vector<std::string>{"conv2_block1_0_bn", "conv2_block1_3_bn"}));
    EXPECT_EQ(layerNamed(layers, "conv2_block2_add").inboundLayers,
              (std::vector<std::string>{"conv2_block1_out", "conv2_block2_3_bn"}));
    EXPECT_EQ(layerNamed(layers, "conv2_block1_add").kerasType, "Add");
}

TEST(ResNet50, SmallAndOddInputSidesRoundAsKeras) {
    // 32: conv1 16, pool1 8, then 4, 2, 1 (stride 2 on 1x1 "valid" convolutions rounds up).
    EXPECT_EQ(backboneOutputShape(BackboneKind::ResNet50, {32, 32}, false),
              (std::vector<int64_t>{-1, 1, 1, 2048}));
    // 65: conv1_pad 71 -> 33 -> pool1_pad 35 -> 17 -> 9 -> 5 -> 3.
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::ResNet50, {65, 65}, false);
    EXPECT_EQ(layerNamed(layers, "conv1_conv").outputShape, (std::vector<int64_t>{-1, 33, 33, 64}));
    EXPECT_EQ(layerNamed(layers, "pool1_pool").outputShape, (std::vector<int64_t>{-1, 17, 17, 64}));
    EXPECT_EQ(layers.back().outputShape, (std::vector<int64_t>{-1, 3, 3, 2048}));
    auto module = BackboneModule::create(BackboneKind::ResNet50, false);
    initializeHeScaled(*module, 4);
    module->eval();
    torch::NoGradGuard noGrad;
    EXPECT_EQ(module->forward(caffeBatch(1, 65, 1)).sizes(), (std::vector<int64_t>{1, 2048, 3, 3}));
    EXPECT_THROW(describeBackbone(BackboneKind::ResNet50, {31, 31}, false), Error);
}

TEST(ResNet50, SummaryRowsAreThoseKerasPrints) {
    const std::string summary =
        formatKerasSummary(kerasModelName(BackboneKind::ResNet50),
                           describeBackbone(BackboneKind::ResNet50, {224, 224}, false), false);
    EXPECT_TRUE(contains(summary, "Model: \"resnet50\"\n")) << summary;
    // The graph layout with "Connected to", and Keras's wrapping of cells wider than their column.
    EXPECT_TRUE(
        contains(summary,
                 " conv1_conv (Conv2D)            (None, 112, 112, 64  9472        ['conv1_pad[0][0]']  "
                 "            \n"
                 "                                )                                                   "
                 "              \n"))
        << summary;
    EXPECT_TRUE(contains(summary,
                         " conv2_block1_add (Add)         (None, 56, 56, 256)  0           "
                         "['conv2_block1_0_bn[0][0]',      \n"
                         "                                                                  "
                         "'conv2_block1_3_bn[0][0]']      \n"))
        << summary;
    EXPECT_TRUE(contains(
        summary, "Total params: 23,587,712\nTrainable params: 23,534,592\nNon-trainable params: 53,120\n"));
}

TEST(ResNet50, CutPointsAreBetweenResidualBlocksOnly) {
    const Architecture architecture = resNet50Architecture();
    const std::vector<int> cuts = cutPoints(architecture);
    const auto isCut = [&cuts](int k) { return std::binary_search(cuts.begin(), cuts.end(), k); };
    const auto indexOf = [&architecture](const std::string& name) {
        for (size_t i = 0; i < architecture.layers.size(); ++i)
            if (architecture.layers[i].name == name) return static_cast<int>(i);
        throw std::runtime_error("no layer " + name);
    };
    EXPECT_TRUE(isCut(indexOf("pool1_pool") + 1));
    int blocks = 0;
    for (size_t i = 0; i < architecture.layers.size(); ++i) {
        const LayerSpec& layer = architecture.layers[i];
        if (layer.kind != LayerKind::Add) continue;
        ++blocks;
        const std::string block = layer.group;
        const int first = indexOf(block + "_1_conv");
        // From the block's first layer up to its Add, the block's input is still needed: no cut.
        for (int k = first + 1; k <= static_cast<int>(i); ++k) EXPECT_FALSE(isCut(k)) << block << " at " << k;
        EXPECT_TRUE(isCut(indexOf(block + "_out") + 1)) << block;
    }
    EXPECT_EQ(blocks, 16);
    // The fine-tuning preset starts a block, so the frozen layers before it can be cached.
    EXPECT_EQ(fineTunePresetLayer(BackboneKind::ResNet50), "conv5_block3_1_conv");
    EXPECT_EQ(fineTunePreset(BackboneKind::ResNet50, false), 165);
    EXPECT_TRUE(isCut(165));
}

TEST(ResNet50, IdsAndWeightsFileAreKeras) {
    EXPECT_EQ(parseBackboneKind("resnet50"), BackboneKind::ResNet50);
    EXPECT_EQ(parseBackboneKind("ResNet50"), BackboneKind::ResNet50);
    EXPECT_EQ(backboneId(BackboneKind::ResNet50), "resnet50");
    EXPECT_EQ(kerasModelName(BackboneKind::ResNet50), "resnet50");
    EXPECT_EQ(backbonePreprocessingId(BackboneKind::ResNet50), "caffe");
    EXPECT_TRUE(backboneHasBatchNorm(BackboneKind::ResNet50));
    EXPECT_FALSE(backboneHasBatchNorm(BackboneKind::Vgg16));
    EXPECT_FALSE(backboneHasTop(BackboneKind::ResNet50));
    EXPECT_THROW(parseBackboneKind("resnet50", 0.5), Error);
    const KerasWeightsFile file = kerasWeightsFile(BackboneKind::ResNet50, false);
    EXPECT_EQ(file.fileName, "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5");
    EXPECT_EQ(file.url,
              "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
              "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5");
    EXPECT_EQ(file.md5, "4d473c1dd8becc155b73f8504c6f6626");  // keras/applications/resnet.py WEIGHTS_HASHES
    EXPECT_THROW(kerasWeightsFile(BackboneKind::ResNet50, true), Error);
}

// One generated file (94 MB) for the tests that read one: writing it takes a second.
class ResNet50File : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<test::TempDir>();
        writeRandomKerasWeightsFile(BackboneKind::ResNet50, false, 11, file());
    }
    static void TearDownTestSuite() { s_dir.reset(); }
    static fs::path file() { return *s_dir / "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"; }

    static std::unique_ptr<test::TempDir> s_dir;
};

std::unique_ptr<test::TempDir> ResNet50File::s_dir;

TEST_F(ResNet50File, GeneratedFileHasKerasLayoutAndVariedStatistics) {
    const test::RawKerasFile raw(file());
    EXPECT_EQ(raw.layerNames().size(), 175u);
    EXPECT_EQ(raw.weightNames("conv1_conv"),
              (std::vector<std::string>{"conv1_conv/kernel:0", "conv1_conv/bias:0"}));
    EXPECT_EQ(
        raw.weightNames("conv2_block1_0_bn"),
        (std::vector<std::string>{"conv2_block1_0_bn/gamma:0", "conv2_block1_0_bn/beta:0",
                                  "conv2_block1_0_bn/moving_mean:0", "conv2_block1_0_bn/moving_variance:0"}));
    EXPECT_EQ(raw.weight("conv1_conv", 0).shape, (std::vector<int64_t>{7, 7, 3, 64}));
    EXPECT_EQ(raw.weight("conv2_block1_0_conv", 0).shape, (std::vector<int64_t>{1, 1, 64, 256}));
    EXPECT_TRUE(raw.weightNames("conv2_block1_add").empty());
    // Moving statistics away from 0 and 1, so that a test notices any of them being ignored.
    for (const size_t index : {size_t{2}, size_t{3}}) {
        const std::vector<float> values = raw.weight("conv4_block6_3_bn", index).values;
        const float neutral = index == 2 ? 0.0f : 1.0f;
        const auto away = std::count_if(values.begin(), values.end(),
                                        [neutral](float v) { return std::abs(v - neutral) > 1e-3f; });
        EXPECT_GT(away, static_cast<long>(values.size()) * 9 / 10) << index;
    }
}

// tlw features' path (discovery aside): the loader, the module and the channels-last map written to .npy,
// against the base written out with plain ATen operations on the raw HDF5 arrays.
TEST_F(ResNet50File, FeaturesEqualAnIndependentComputationOnTheRawArrays) {
    const test::TempDir dir;
    constexpr int kSize = 64;
    std::vector<fs::path> images;
    for (std::uint32_t seed = 1; seed <= 2; ++seed) {
        const RgbImage image = test::makeTestImage(kSize, kSize, seed);
        images.push_back(dir / ("image" + std::to_string(seed) + ".png"));
        test::writeBytes(images.back(), test::encodePng(kSize, kSize, image.pixels));
    }
    FeatureExtractionOptions options;
    options.inputs = images;
    options.out = dir / "maps.npy";
    options.backbone = BackboneKind::ResNet50;
    options.pooling = FeaturePooling::None;
    options.imageSize = {kSize, kSize};
    options.weightsFile = file();
    options.environment = WeightsEnvironment{dir / "none", dir / "none", dir / "none"};
    const FeatureExtractionResult result = extractFeatures(options);
    EXPECT_EQ(result.layer, "conv5_block3_out");
    ASSERT_EQ(result.shape, (std::vector<int64_t>{2, 2, 2, 2048}));  // 64 -> 32 -> 16 -> 8 -> 4 -> 2
    const std::string bytes = readFileBytes(options.out);
    const size_t header =
        10 + (static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8);
    std::vector<float> values(2 * 2 * 2 * 2048);
    ASSERT_EQ(bytes.size(), header + values.size() * 4);
    std::memcpy(values.data(), bytes.data() + header, values.size() * 4);
    const at::Tensor ours = at::tensor(at::ArrayRef<float>(values)).reshape({2, 2, 2, 2048});

    const test::RawKerasFile raw(file());
    for (size_t i = 0; i < images.size(); ++i) {
        const at::Tensor image = test::imageTensor(test::caffeImage(images[i], kSize));
        const at::Tensor reference = test::resNet50Base(raw, image).permute({0, 2, 3, 1})[0];
        const double difference = relativeDifference(ours[static_cast<int64_t>(i)], reference);
        EXPECT_LE(difference, 1e-4) << images[i];
        std::cout << "[ fidelity ] ResNet50 " << images[i].filename().string()
                  << ": max |ours - reference| / max |reference| = " << difference << '\n';
    }
}

TEST_F(ResNet50File, FoldedBatchNormEqualsTheUnfoldedForward) {
    const auto unfolded = BackboneModule::create(BackboneKind::ResNet50, false);
    const auto folded = BackboneModule::create(BackboneKind::ResNet50, false);
    loadKerasWeights(*unfolded, file());
    loadKerasWeights(*folded, file());
    unfolded->eval();
    folded->eval();
    folded->foldBatchNorm(folded->layerCount());
    torch::NoGradGuard noGrad;
    const at::Tensor images = caffeBatch(2, 48, 2);
    const at::Tensor reference = unfolded->forward(images);
    EXPECT_LE(relativeDifference(folded->forward(images), reference.to(at::kDouble)), 1e-5);
    // Every convolution here feeds a BN alone, so every one was folded: the kernels changed.
    for (const char* name : {"conv1_conv", "conv2_block1_0_conv", "conv5_block3_3_conv"}) {
        const int layer = folded->layerIndex(name);
        EXPECT_FALSE(at::equal(folded->layerParameters(layer)[0], unfolded->layerParameters(layer)[0]))
            << name;
    }
}

}  // namespace
}  // namespace tlw
