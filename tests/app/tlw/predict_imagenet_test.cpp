// tlw predict --imagenet end to end with a full-size VGG16 file (553 MB, generated, so not pretrained: the
// classes mean nothing, the mechanics are what is checked): its printed top-5 against the same images run
// through core's module in this process. Built into tlw_slow_tests (CTest label "slow").
#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/data/image_batch_loader.h"
#include "core/models/backbone_module.h"
#include "core/models/imagenet_classes.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

struct PrintedPrediction {
    int rank = 0;
    std::string label;
    double probability = 0.0;
};

// "IMAGE" then "  1. label  0.1234" lines; blocks separated by an empty line.
std::vector<std::pair<std::string, std::vector<PrintedPrediction>>> parsePredictions(
    const std::string& text) {
    std::vector<std::pair<std::string, std::vector<PrintedPrediction>>> blocks;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        if (line.rfind("  ", 0) != 0) {
            blocks.push_back({line, {}});
            continue;
        }
        std::istringstream fields(line);
        PrintedPrediction prediction;
        char dot = 0;
        fields >> prediction.rank >> dot >> prediction.label >> prediction.probability;
        EXPECT_EQ(dot, '.') << line;
        EXPECT_FALSE(blocks.empty()) << line;
        if (!blocks.empty()) blocks.back().second.push_back(prediction);
    }
    return blocks;
}

TEST(TlwPredictImageNet, PrintsTheTop5OfTheFullVgg16ForEachImage) {
    const fs::path bees = test::sharedDataset("hymenoptera_tiny") / "val" / "bees";
    TLW_REQUIRE_SHARED(bees);
    std::vector<fs::path> images;
    for (const auto& entry : fs::directory_iterator(bees)) images.push_back(entry.path());
    std::sort(images.begin(), images.end());
    images.resize(2);

    const test::TempDir dir;
    const fs::path weights = dir / "vgg16_weights_tf_dim_ordering_tf_kernels.h5";
    writeRandomKerasWeightsFile(BackboneKind::Vgg16, true, 23, weights);
    // Found by discovery ($TLW_WEIGHTS_DIR), as a user's file in ~/.keras/models/ would be.
    const test::TlwRun run = test::runTlw({"predict", "--imagenet", images[0].string(), images[1].string()},
                                          "HOME=" + test::shellQuoted(dir.path().string()) +
                                              " TLW_WEIGHTS_DIR=" + test::shellQuoted(dir.path().string()));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.err, "");
    const auto printed = parsePredictions(run.out);
    ASSERT_EQ(printed.size(), 2u) << run.out;

    // The same images, decoded and preprocessed by the same loader, through core's module here.
    const auto module = BackboneModule::create(BackboneKind::Vgg16, true);
    loadKerasWeights(*module, weights);
    module->eval();
    BatchLoaderOptions loading;
    loading.batchSize = 2;
    ImageBatchLoader loader(images, loading);
    const std::optional<ImageBatch> batch = loader.next();
    ASSERT_TRUE(batch && batch->size() == 2);
    c10::InferenceMode inference;
    const at::Tensor probabilities =
        module->forward(at::from_blob(const_cast<float*>(batch->chw.data()), {2, 3, 224, 224})).contiguous();

    for (size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(printed[i].first, images[i].string());
        const float* row = probabilities.data_ptr<float>() + i * 1000;
        const std::vector<ImageNetPrediction> top =
            topImageNetPredictions(std::vector<float>(row, row + 1000), 5);
        ASSERT_EQ(printed[i].second.size(), 5u) << run.out;
        for (size_t rank = 0; rank < 5; ++rank) {
            const PrintedPrediction& line = printed[i].second[rank];
            EXPECT_EQ(line.rank, static_cast<int>(rank) + 1);
            EXPECT_EQ(line.label, imagenetKerasLabel(top[rank].classIndex)) << run.out;
            // Printed with 4 decimals; the channels-last CPU path may differ in the last float bits.
            EXPECT_NEAR(line.probability, top[rank].probability, 5e-5 + 1e-5) << run.out;
        }
    }
}

}  // namespace
}  // namespace tlw
