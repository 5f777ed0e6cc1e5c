// Numerical fidelity: our LibTorch path (reader, layout conversion, module) against a plain loop evaluation
// of the raw channels-last arrays read from the same file, on a real image.
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <cmath>

#include "core/models/backbone_module.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "tests/core/models/reference_cnn.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

using test::FeatureMap;
using test::RawKerasFile;

std::filesystem::path firstAntImage() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::sharedDataset("hymenoptera_tiny") / "train" / "ants"))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files.at(0);
}

at::Tensor toNchw(const FeatureMap& map) {
    std::vector<float> values(map.values.begin(), map.values.end());
    // clone(): contiguous() may return the view itself (1x1 maps), which must not outlive `values`.
    return at::from_blob(values.data(), {1, map.height, map.width, map.channels})
        .permute({0, 3, 1, 2})
        .clone(at::MemoryFormat::Contiguous);
}

// Relative to the reference's largest magnitude, element by element.
void expectClose(const at::Tensor& ours, const FeatureMap& reference, double tolerance) {
    const at::Tensor expected = toNchw(reference);
    ASSERT_EQ(ours.sizes(), expected.sizes());
    const double scale = expected.abs().max().item<double>();
    ASSERT_GT(scale, 0.0) << "the reference output is all zeros: the check would prove nothing";
    const double worst = (ours - expected).abs().max().item<double>();
    EXPECT_LE(worst, tolerance * scale) << "max abs difference " << worst << " for max magnitude " << scale;
    const double active = (expected > 0).to(at::kFloat).mean().item<double>();
    EXPECT_GT(active, 0.05) << "too few active units for a meaningful comparison";
}

TEST(KerasFidelity, Vgg16Block5PoolMatchesPlainLoopsOnGeneratedFullSizeFile) {
    const std::filesystem::path image = firstAntImage();
    TLW_REQUIRE_SHARED(image);
    test::TempDir dir;
    const std::filesystem::path file = dir / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
    writeRandomKerasWeightsFile(BackboneKind::Vgg16, false, 2024, file);
    EXPECT_GT(std::filesystem::file_size(file), 58'000'000u);

    // 32x32 is VGG16's smallest input: 1/49 of the arithmetic of 224x224 for the plain loops.
    const FeatureMap input = test::caffeImage(image, 32);
    const RawKerasFile raw(file);
    FeatureMap map = input;
    const int convs[] = {2, 2, 3, 3, 3};
    for (int block = 1; block <= 5; ++block) {
        for (int conv = 1; conv <= convs[block - 1]; ++conv) {
            const std::string name = "block" + std::to_string(block) + "_conv" + std::to_string(conv);
            map = test::conv2d(map, raw.weight(name, 0), raw.weight(name, 1), 1, true, true);
        }
        map = test::maxPool(map, 2, 2);
    }

    const auto module = BackboneModule::create(BackboneKind::Vgg16, false);
    loadKerasWeights(*module, file);
    module->eval();
    torch::NoGradGuard noGrad;
    expectClose(module->forward(toNchw(input)), map, 1e-4);
}

TEST(KerasFidelity, SqueezeNetFire9ConcatMatchesPlainLoopsOnTheRealFile) {
    const std::filesystem::path file =
        test::sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    TLW_REQUIRE_SHARED(file);
    const std::filesystem::path image = firstAntImage();
    const FeatureMap input = test::caffeImage(image, 96);
    const RawKerasFile raw(file);

    const FeatureMap map = test::squeezeNetFire9Concat(raw, input);

    const auto module = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    loadKerasWeights(*module, file);
    module->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor ours = module->forwardRange(toNchw(input), 0, module->layerIndex("fire9/concat") + 1);
    expectClose(ours, map, 1e-4);
}

}  // namespace
}  // namespace tlw
