// MobileNetV2 as keras.applications.mobilenet_v2 builds it: the layer list and its order, the widths at
// every published alpha, Keras's correct_pad before the stride-2 depthwise convolutions, the weights files,
// and features from a generated Keras-layout file against an independent computation on its raw arrays.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <iostream>

#include "core/models/architecture.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "core/util/error.h"
#include "tests/core/models/mobilenet_v2_reference.h"
#include "tests/core/models/raw_keras_file.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

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

// Keras's "tf" input of the same pixels: RGB = flip(BGR + mean), then x / 127.5 - 1.
at::Tensor tfFromCaffe(const at::Tensor& caffe) {
    const at::Tensor means = at::tensor({103.939, 116.779, 123.68}, at::kDouble).reshape({1, 3, 1, 1});
    return (caffe.to(at::kDouble) + means).flip({1}) / 127.5 - 1.0;
}

double relativeDifference(const at::Tensor& ours, const at::Tensor& reference) {
    return (ours.to(at::kDouble) - reference).abs().max().item<double>() /
           reference.abs().max().item<double>();
}

TEST(MobileNetV2, LayerListAndTotalsAreKeras) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::MobileNetV2_100, {224, 224}, false);
    ASSERT_EQ(layers.size(), 154u);  // len(MobileNetV2(include_top=False).layers)
    const ParamTotals totals = paramTotals(layers);
    EXPECT_EQ(totals.total, 2257984);
    EXPECT_EQ(totals.nonTrainable, 34112);
    EXPECT_EQ(paramTotals(describeBackbone(BackboneKind::MobileNetV2_035, {224, 224}, false)).total, 410208);
    EXPECT_EQ(paramTotals(describeBackbone(BackboneKind::MobileNetV2_140, {224, 224}, false)).total, 4363712);
    EXPECT_EQ(namesOf(layers, 0, 18),
              (std::vector<std::string>{
                  "input_1", "Conv1", "bn_Conv1", "Conv1_relu", "expanded_conv_depthwise",
                  "expanded_conv_depthwise_BN", "expanded_conv_depthwise_relu", "expanded_conv_project",
                  "expanded_conv_project_BN", "block_1_expand", "block_1_expand_BN", "block_1_expand_relu",
                  "block_1_pad", "block_1_depthwise", "block_1_depthwise_BN", "block_1_depthwise_relu",
                  "block_1_project", "block_1_project_BN"}));
    EXPECT_EQ(layers[26].name, "block_2_add");
    EXPECT_EQ(layers[26].inboundLayers,
              (std::vector<std::string>{"block_1_project_BN", "block_2_project_BN"}));
    EXPECT_EQ(layers.back().name, "out_relu");
    EXPECT_EQ(layers.back().outputShape, (std::vector<int64_t>{-1, 7, 7, 1280}));
    EXPECT_EQ(layerNamed(layers, "block_1_pad").outputShape, (std::vector<int64_t>{-1, 113, 113, 96}));
    EXPECT_EQ(layerNamed(layers, "block_16_project").outputShape, (std::vector<int64_t>{-1, 7, 7, 320}));
    // Widths at alpha 0.35: Conv1 16 (made divisible by 8), the last convolution stays 1280.
    const std::vector<LayerInfo> narrow = describeBackbone(BackboneKind::MobileNetV2_035, {224, 224}, false);
    EXPECT_EQ(layerNamed(narrow, "Conv1").outputShape.back(), 16);
    EXPECT_EQ(narrow.back().outputShape.back(), 1280);
    EXPECT_EQ(describeBackbone(BackboneKind::MobileNetV2_140, {224, 224}, false).back().outputShape.back(),
              1792);
}

TEST(MobileNetV2, StridedBlocksPadByTheInputsParityAsKerasCorrectPad) {
    // 225: Conv1 "same" stride 2 -> 113, odd: block_1_pad adds a pixel on both sides -> 115 -> 57.
    const std::vector<LayerInfo> odd = describeBackbone(BackboneKind::MobileNetV2_035, {225, 225}, false);
    EXPECT_EQ(layerNamed(odd, "Conv1").outputShape, (std::vector<int64_t>{-1, 113, 113, 16}));
    EXPECT_EQ(layerNamed(odd, "block_1_pad").outputShape, (std::vector<int64_t>{-1, 115, 115, 48}));
    EXPECT_EQ(layerNamed(odd, "block_1_depthwise").outputShape, (std::vector<int64_t>{-1, 57, 57, 48}));
    auto module = BackboneModule::create(BackboneKind::MobileNetV2_035, false);
    initializeHeScaled(*module, 3);
    module->eval();
    torch::NoGradGuard noGrad;
    EXPECT_EQ(module->forward(caffeBatch(1, 65, 1)).sizes(), (std::vector<int64_t>{1, 1280, 3, 3}));
}

TEST(MobileNetV2, AlphaSelectsTheKindAndWeightsFilesAreKeras) {
    EXPECT_EQ(parseBackboneKind("mobilenet_v2"), BackboneKind::MobileNetV2_100);
    EXPECT_EQ(parseBackboneKind("mobilenet_v2", 0.35), BackboneKind::MobileNetV2_035);
    EXPECT_EQ(parseBackboneKind("mobilenet_v2", 1.3), BackboneKind::MobileNetV2_130);
    EXPECT_EQ(parseBackboneKind(backboneId(BackboneKind::MobileNetV2_140)), BackboneKind::MobileNetV2_140);
    EXPECT_THROW(parseBackboneKind("mobilenet_v2", 0.25), Error);
    EXPECT_EQ(kerasModelName(BackboneKind::MobileNetV2_100), "mobilenetv2_1.00_224");
    EXPECT_EQ(backbonePreprocessingId(BackboneKind::MobileNetV2_100), "tf");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNetV2_100, false).fileName,
              "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNetV2_035, false).url,
              "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
              "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNetV2_130, false).fileName,
              "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.3_224_no_top.h5");
    EXPECT_EQ(kerasWeightsFile(BackboneKind::MobileNetV2_100, false).md5, "");  // Keras publishes none
}

TEST(MobileNetV2, CutPointsAreBetweenInvertedResidualBlocksOnly) {
    const Architecture architecture = mobileNetV2Architecture(BackboneKind::MobileNetV2_100);
    const std::vector<int> cuts = cutPoints(architecture);
    for (size_t i = 0; i < architecture.layers.size(); ++i) {
        if (architecture.layers[i].kind != LayerKind::Add) continue;
        const std::string& block = architecture.layers[i].group;
        // From the block's expansion to its Add the block's input stays live.
        for (size_t k = i - 8 + 1; k <= i; ++k)
            EXPECT_FALSE(std::binary_search(cuts.begin(), cuts.end(), static_cast<int>(k)))
                << block << " " << k;
        EXPECT_EQ(architecture.layers[i - 8].name, block + "_expand");
    }
    EXPECT_EQ(fineTunePresetLayer(BackboneKind::MobileNetV2_100), "block_13_expand");
    EXPECT_TRUE(
        std::binary_search(cuts.begin(), cuts.end(), fineTunePreset(BackboneKind::MobileNetV2_100, false)));
}

// The channels-last map of a generated file, loaded by weighted layer name, against MobileNetV2 written out
// in ATen on the raw HDF5 arrays, at an odd size so that correct_pad and TensorFlow's "same" pad
// asymmetrically.
TEST(MobileNetV2, GeneratedFileGivesWhatAnIndependentComputationOnTheRawArraysGives) {
    const test::TempDir dir;
    const std::filesystem::path file =
        dir / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.5_224_no_top.h5";
    writeRandomKerasWeightsFile(BackboneKind::MobileNetV2_050, false, 9, file);
    const auto module = BackboneModule::create(BackboneKind::MobileNetV2_050, false);
    loadKerasWeights(*module, file);
    module->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor images = caffeBatch(2, 67, 3);
    const at::Tensor ours = module->forward(images);
    const test::RawKerasFile raw(file);
    EXPECT_EQ(raw.weightNames("block_1_depthwise"),
              (std::vector<std::string>{"block_1_depthwise/depthwise_kernel:0"}));
    const at::Tensor reference = test::mobileNetV2Base(raw, tfFromCaffe(images));
    ASSERT_EQ(ours.sizes(), reference.sizes());
    const double difference = relativeDifference(ours, reference);
    EXPECT_LE(difference, 1e-4);
    std::cout << "[ fidelity ] MobileNetV2 0.50 at 67x67: max |ours - reference| / max |reference| = "
              << difference << '\n';

    // Folding against the unfolded forward in double precision: float32's rounding over some fifty layers of
    // random weights (about 5e-5 here) would hide what the folding itself changes.
    const auto folded = BackboneModule::create(BackboneKind::MobileNetV2_050, false);
    loadKerasWeights(*folded, file);
    folded->to(at::kDouble);
    folded->eval();
    module->to(at::kDouble);
    const at::Tensor unfoldedOutput = module->forward(images.to(at::kDouble));
    folded->foldBatchNorm(folded->layerCount());
    EXPECT_LE(relativeDifference(folded->forward(images.to(at::kDouble)), unfoldedOutput), 1e-5);
}

}  // namespace
}  // namespace tlw
