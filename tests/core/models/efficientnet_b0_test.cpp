// EfficientNetB0 as keras.applications.efficientnet builds it: the layer list and its order, the totals,
// squeeze-and-excitation and drop-connect inside the blocks, the in-model normalisation, the weights file,
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
#include "tests/core/models/efficientnet_b0_reference.h"
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

// What Keras's EfficientNet takes for the same pixels: RGB in 0..255.
at::Tensor rgbFromCaffe(const at::Tensor& caffe) {
    const at::Tensor means = at::tensor({103.939, 116.779, 123.68}, at::kDouble).reshape({1, 3, 1, 1});
    return (caffe.to(at::kDouble) + means).flip({1});
}

double relativeDifference(const at::Tensor& ours, const at::Tensor& reference) {
    return (ours.to(at::kDouble) - reference).abs().max().item<double>() /
           reference.abs().max().item<double>();
}

TEST(EfficientNetB0, LayerListAndTotalsAreKeras) {
    const std::vector<LayerInfo> layers = describeBackbone(BackboneKind::EfficientNetB0, {224, 224}, false);
    ASSERT_EQ(layers.size(), 238u);  // len(EfficientNetB0(include_top=False).layers), Keras 2.10 and later
    const ParamTotals totals = paramTotals(layers);
    EXPECT_EQ(totals.total, 4049571);
    EXPECT_EQ(totals.nonTrainable, 42023);  // BN statistics and Normalization's mean, variance and count
    EXPECT_EQ(namesOf(layers, 0, 20), (std::vector<std::string>{"input_1",
                                                                "rescaling",
                                                                "normalization",
                                                                "rescaling_1",
                                                                "stem_conv_pad",
                                                                "stem_conv",
                                                                "stem_bn",
                                                                "stem_activation",
                                                                "block1a_dwconv",
                                                                "block1a_bn",
                                                                "block1a_activation",
                                                                "block1a_se_squeeze",
                                                                "block1a_se_reshape",
                                                                "block1a_se_reduce",
                                                                "block1a_se_expand",
                                                                "block1a_se_excite",
                                                                "block1a_project_conv",
                                                                "block1a_project_bn",
                                                                "block2a_expand_conv",
                                                                "block2a_expand_bn"}));
    EXPECT_EQ(layerNamed(layers, "block1a_se_excite").inboundLayers,
              (std::vector<std::string>{"block1a_activation", "block1a_se_expand"}));
    EXPECT_EQ(layerNamed(layers, "block2b_add").inboundLayers,
              (std::vector<std::string>{"block2b_drop", "block2a_project_bn"}));
    EXPECT_EQ(layerNamed(layers, "block1a_se_squeeze").outputShape, (std::vector<int64_t>{-1, 32}));
    EXPECT_EQ(layerNamed(layers, "block1a_se_reshape").outputShape, (std::vector<int64_t>{-1, 1, 1, 32}));
    EXPECT_EQ(layerNamed(layers, "block1a_se_reduce").params, 32 * 8 + 8);
    EXPECT_EQ(layerNamed(layers, "normalization").params, 7);
    EXPECT_EQ(layerNamed(layers, "block3a_dwconv_pad").outputShape, (std::vector<int64_t>{-1, 59, 59, 144}));
    EXPECT_EQ(layers.back().name, "top_activation");
    EXPECT_EQ(layers.back().outputShape, (std::vector<int64_t>{-1, 7, 7, 1280}));
}

TEST(EfficientNetB0, DropConnectGrowsWithDepthAndIsPerSample) {
    const Architecture architecture = efficientNetB0Architecture();
    std::vector<double> rates;
    for (const LayerSpec& layer : architecture.layers) {
        if (layer.kind != LayerKind::Dropout) continue;
        EXPECT_TRUE(layer.perSample) << layer.name;
        rates.push_back(layer.rate);
    }
    ASSERT_EQ(rates.size(), 9u);  // the blocks that keep their shape: 2b, 3b, 4b, 4c, 5b, 5c, 6b, 6c, 6d
    EXPECT_DOUBLE_EQ(rates.front(), 0.2 * 2 / 16);
    EXPECT_DOUBLE_EQ(rates.back(), 0.2 * 14 / 16);
}

TEST(EfficientNetB0, NamesPreprocessingAndWeightsFileAreKeras) {
    EXPECT_EQ(parseBackboneKind("efficientnet_b0"), BackboneKind::EfficientNetB0);
    EXPECT_EQ(parseBackboneKind("EfficientNetB0"), BackboneKind::EfficientNetB0);
    EXPECT_THROW(parseBackboneKind("efficientnet_b0", 0.5), Error);
    EXPECT_EQ(kerasModelName(BackboneKind::EfficientNetB0), "efficientnetb0");
    EXPECT_EQ(backbonePreprocessingId(BackboneKind::EfficientNetB0), "none");
    const KerasWeightsFile file = kerasWeightsFile(BackboneKind::EfficientNetB0, false);
    EXPECT_EQ(file.fileName, "efficientnetb0_notop.h5");
    EXPECT_EQ(file.url, "https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5");
    EXPECT_EQ(file.md5, "50bc09e76180e00e4465e1a485ddc09d");
    EXPECT_THROW(kerasWeightsFile(BackboneKind::EfficientNetB0, true), Error);
}

TEST(EfficientNetB0, CutPointsOnlyWhereOneTensorIsLive) {
    const Architecture architecture = efficientNetB0Architecture();
    const std::vector<int> cuts = cutPoints(architecture);
    const auto isCut = [&cuts](size_t k) {
        return std::binary_search(cuts.begin(), cuts.end(), static_cast<int>(k));
    };
    int residualBlocks = 0;
    for (size_t i = 0; i < architecture.layers.size(); ++i) {
        const LayerSpec& layer = architecture.layers[i];
        // Inside squeeze-and-excitation the depthwise output stays live until the product.
        if (layer.kind == LayerKind::Multiply) {
            for (size_t k = i - 3; k <= i; ++k) EXPECT_FALSE(isCut(k)) << layer.name << " " << k;
        }
        // From a residual block's first layer to its Add, the block's input stays live.
        if (layer.kind == LayerKind::Add) {
            ++residualBlocks;
            const size_t input = static_cast<size_t>(layer.inbound.at(1));
            EXPECT_TRUE(isCut(input + 1)) << layer.name;
            for (size_t k = input + 2; k <= i; ++k) EXPECT_FALSE(isCut(k)) << layer.name << " " << k;
        }
    }
    EXPECT_EQ(residualBlocks, 9);
    EXPECT_EQ(fineTunePresetLayer(BackboneKind::EfficientNetB0), "block6a_expand_conv");
    EXPECT_TRUE(
        std::binary_search(cuts.begin(), cuts.end(), fineTunePreset(BackboneKind::EfficientNetB0, false)));
}

// The channels-last map of a generated file, loaded by weighted layer name, against EfficientNetB0 written
// out in ATen on the raw HDF5 arrays, at an odd size so that correct_pad pads asymmetrically, with kernel 3
// and 5.
TEST(EfficientNetB0, GeneratedFileGivesWhatAnIndependentComputationOnTheRawArraysGives) {
    const test::TempDir dir;
    const std::filesystem::path file = dir / "efficientnetb0_notop.h5";
    writeRandomKerasWeightsFile(BackboneKind::EfficientNetB0, false, 5, file);
    const test::RawKerasFile raw(file);
    EXPECT_EQ(raw.weightNames("normalization"),
              (std::vector<std::string>{"normalization/mean:0", "normalization/variance:0",
                                        "normalization/count:0"}));
    EXPECT_EQ(raw.weight("normalization", 2).shape, std::vector<int64_t>{});  // int64 scalar, as Keras's
    const auto module = BackboneModule::create(BackboneKind::EfficientNetB0, false);
    loadKerasWeights(*module, file);
    module->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor images = caffeBatch(2, 67, 3);
    const at::Tensor ours = module->forward(images);
    const at::Tensor reference = test::efficientNetB0Base(raw, rgbFromCaffe(images));
    ASSERT_EQ(ours.sizes(), reference.sizes());
    const double difference = relativeDifference(ours, reference);
    EXPECT_LE(difference, 1e-4);
    std::cout << "[ fidelity ] EfficientNetB0 at 67x67: max |ours - reference| / max |reference| = "
              << difference << '\n';

    // Folding against the unfolded forward in double precision: float32's rounding over some fifty layers of
    // random weights (about 5e-5 here) would hide what the folding itself changes.
    const auto folded = BackboneModule::create(BackboneKind::EfficientNetB0, false);
    loadKerasWeights(*folded, file);
    folded->to(at::kDouble);
    folded->eval();
    module->to(at::kDouble);
    const at::Tensor unfoldedOutput = module->forward(images.to(at::kDouble));
    folded->foldBatchNorm(folded->layerCount());
    EXPECT_LE(relativeDifference(folded->forward(images.to(at::kDouble)), unfoldedOutput), 1e-5);
}

// Drop-connect in a block being fine-tuned drops whole samples' residual branches, as noise_shape
// (None, 1, 1, 1) does: each sample's output is either the block's input or input + branch / keep.
TEST(EfficientNetB0, TrainingDropConnectDropsWholeSamples) {
    auto module = BackboneModule::create(BackboneKind::EfficientNetB0, false);
    initializeHeScaled(*module, 4);
    const int add = module->layerIndex("block6d_add");
    const int drop = module->layerIndex("block6d_drop");
    const int start = module->layerIndex("block6d_expand_conv");
    ASSERT_TRUE(module->isCutPoint(start));
    module->setTrainingMode(true);  // BatchNorm stays in inference mode, as by default
    torch::NoGradGuard noGrad;
    at::manual_seed(11);
    const at::Tensor input = at::randn({64, 192, 7, 7});
    const at::Tensor branch = module->forwardRange(input, start, drop);
    module->setTrainingMode(false);
    const at::Tensor evaluated = module->forwardRange(input, start, add + 1);
    EXPECT_TRUE(at::allclose(evaluated, input + branch, 1e-5, 1e-5));
    module->setTrainingMode(true);
    const at::Tensor trained = module->forwardRange(input, start, add + 1);
    const double keep = 1.0 - 0.2 * 14 / 16;
    int dropped = 0;
    for (int64_t n = 0; n < input.size(0); ++n) {
        const bool isDropped = at::allclose(trained[n], input[n]);
        dropped += isDropped;
        if (!isDropped) {
            EXPECT_TRUE(at::allclose(trained[n], input[n] + branch[n] / keep, 1e-4, 1e-4)) << n;
        }
    }
    EXPECT_GT(dropped, 0);
    EXPECT_LT(dropped, 64);
}

}  // namespace
}  // namespace tlw
