// The one test with the full-size VGG16 file (553 MB, generated): the ImageNet top-5 read-out end to end,
// against the ImageNet top computed from the raw Keras arrays (channels-last flatten, no converter).
// Built into tlw_slow_tests (CTest label "slow").
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <algorithm>
#include <functional>

#include "core/models/backbone_module.h"
#include "core/models/imagenet_classes.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "tests/core/models/raw_keras_file.h"
#include "tests/core/models/reference_cnn.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

at::Tensor rawTensor(const test::RawArray& array) {
    return at::from_blob(const_cast<float*>(array.values.data()), array.shape).to(at::kDouble);
}

TEST(ImageNetTop5, FullVgg16FileGivesTheTopOfTheRawKerasComputation) {
    std::vector<std::filesystem::path> images;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::sharedDataset("hymenoptera_tiny") / "val" / "bees"))
        images.push_back(entry.path());
    ASSERT_FALSE(images.empty());
    std::sort(images.begin(), images.end());

    test::TempDir dir;
    const std::filesystem::path file = dir / "vgg16_weights_tf_dim_ordering_tf_kernels.h5";
    writeRandomKerasWeightsFile(BackboneKind::Vgg16, true, 11, file);
    EXPECT_GT(std::filesystem::file_size(file), 553'000'000u);

    const auto module = BackboneModule::create(BackboneKind::Vgg16, true);
    loadKerasWeights(*module, file);
    module->eval();
    torch::NoGradGuard noGrad;
    const test::FeatureMap image = test::caffeImage(images.front(), 224);
    std::vector<float> pixels(image.values.begin(), image.values.end());
    const at::Tensor input = at::from_blob(pixels.data(), {1, 224, 224, 3}).permute({0, 3, 1, 2}).clone();

    const at::Tensor probabilities = module->forward(input);
    ASSERT_EQ(probabilities.sizes(), at::IntArrayRef({1, 1000}));
    EXPECT_NEAR(probabilities.sum().item<double>(), 1.0, 1e-5);
    const std::vector<float> scores(probabilities.data_ptr<float>(), probabilities.data_ptr<float>() + 1000);
    const std::vector<ImageNetPrediction> top = topImageNetPredictions(scores, 5);

    // Keras's top on the raw arrays: block5_pool (checked against plain loops elsewhere) flattened
    // channels-last, then fc1, fc2 (ReLU) and predictions (softmax) with the file's (in, out) kernels.
    const test::RawKerasFile raw(file);
    at::Tensor x = module->forwardRange(input, 0, module->layerIndex("block5_pool") + 1)
                       .permute({0, 2, 3, 1})
                       .reshape({1, 25088})
                       .to(at::kDouble);
    for (const char* layer : {"fc1", "fc2", "predictions"}) {
        x = at::matmul(x, rawTensor(raw.weight(layer, 0))) + rawTensor(raw.weight(layer, 1));
        x = std::string(layer) == "predictions" ? at::softmax(x, 1) : at::relu(x);
    }
    EXPECT_LE((probabilities.to(at::kDouble) - x).abs().max().item<double>(),
              1e-4 * x.abs().max().item<double>());

    std::vector<double> reference(x.data_ptr<double>(), x.data_ptr<double>() + 1000);
    std::sort(reference.begin(), reference.end(), std::greater<double>());
    for (size_t rank = 0; rank < top.size(); ++rank) {
        EXPECT_NEAR(x[0][top[rank].classIndex].item<double>(), reference[rank], 1e-6) << "rank " << rank;
        EXPECT_EQ(top[rank].name, imagenetClassName(top[rank].classIndex));
        if (rank > 0) {
            EXPECT_LE(top[rank].probability, top[rank - 1].probability);
        }
    }
}

}  // namespace
}  // namespace tlw
