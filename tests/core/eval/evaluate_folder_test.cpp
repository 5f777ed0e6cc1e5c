#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/data/image_decoder.h"
#include "core/eval/evaluation.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

// class/<n>.png, 48x48 (the seeded model's size), each image different.
void writeClass(const fs::path& folder, int count, std::uint32_t seed) {
    fs::create_directories(folder);
    for (int i = 0; i < count; ++i) {
        const RgbImage image = test::makeTestImage(48, 48, seed + static_cast<std::uint32_t>(i));
        test::writeBytes(folder / (std::to_string(i) + ".png"), test::encodePng(48, 48, image.pixels));
    }
}

TEST(EvaluateFolder, EvaluatesEveryImageWithTheModelsOwnProbabilitiesAndLosses) {
    test::TempDir dir;
    writeClass(dir / "ants", 4, 100);
    writeClass(dir / "bees", 4, 200);
    const TrainedModel model = test::makeSeededModel({{"ants", "bees"}});

    std::vector<std::pair<std::size_t, std::size_t>> progress;
    BatchRunOptions options;
    options.batchSize = 3;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.push_back({done, total});
    };
    const EvaluationResult result = evaluateFolder(model, dir.path(), options);

    ASSERT_EQ(result.imageCount(), 8u);
    EXPECT_TRUE(result.failures.empty());
    EXPECT_FALSE(result.pretrained);
    EXPECT_FALSE(result.cancelled);
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), (std::pair<std::size_t, std::size_t>{8, 8}));
    std::size_t correct = 0;
    double lossSum = 0;
    for (const ImageOutcome& image : result.images) {
        EXPECT_EQ(image.label, image.file.parent_path().filename() == "ants" ? 0 : 1) << image.file;
        const std::vector<float> expected = model.probabilities({decodeImageFile(image.file)})[0];
        ASSERT_EQ(image.probabilities.size(), 2u);
        EXPECT_NEAR(image.probabilities[0], expected[0], 1e-6);
        EXPECT_NEAR(image.probabilities[1], expected[1], 1e-6);
        // Binary cross-entropy of the true class, from the logit. The seeded model's losses reach 50: equal
        // to float32's relative precision (the batches of 3 and of 1 may round differently).
        const double expectedLoss = -std::log(expected[static_cast<size_t>(image.label)]);
        EXPECT_NEAR(image.loss, expectedLoss, 1e-5 * std::max(1.0, expectedLoss));
        correct += image.predicted == image.label ? 1 : 0;
        lossSum += image.loss;
    }
    EXPECT_DOUBLE_EQ(result.accuracy, static_cast<double>(correct) / 8);
    EXPECT_NEAR(result.loss, lossSum / 8, 1e-12);
    EXPECT_EQ(result.confusion[0][0] + result.confusion[0][1], 4u);
}

TEST(EvaluateFolder, MatchesClassFoldersToTheModelsClassesByName) {
    test::TempDir dir;
    writeClass(dir / "ants", 2, 1);
    writeClass(dir / "bees", 3, 5);
    const TrainedModel model = test::makeSeededModel({{"wasps", "bees", "ants"}});
    const EvaluationResult result = evaluateFolder(model, dir.path());
    ASSERT_EQ(result.imageCount(), 5u);
    EXPECT_EQ(result.images[0].label, 2);  // ants/ come first on disk, but are the model's class 2
    EXPECT_EQ(result.images[4].label, 1);
    EXPECT_EQ(result.perClass[0].support, 0u);  // wasps: no folder, no images
    EXPECT_EQ(result.perClass[1].support, 3u);
    EXPECT_EQ(result.perClass[2].support, 2u);
}

TEST(EvaluateFolder, DatasetRootWithSplitsEvaluatesItsTestFolder) {
    test::TempDir dir;
    writeClass(dir / "train" / "ants", 3, 1);
    writeClass(dir / "train" / "bees", 3, 11);
    writeClass(dir / "val" / "ants", 1, 21);
    writeClass(dir / "val" / "bees", 1, 31);
    writeClass(dir / "test" / "ants", 2, 41);
    writeClass(dir / "test" / "bees", 1, 51);
    const TrainedModel model = test::makeSeededModel({{"ants", "bees"}});
    const EvaluationResult result = evaluateFolder(model, dir.path());
    ASSERT_EQ(result.imageCount(), 3u);
    for (const ImageOutcome& image : result.images)
        EXPECT_EQ(image.file.parent_path().parent_path(), dir / "test");

    fs::remove_all(dir / "test");
    try {
        evaluateFolder(model, dir.path());
        FAIL() << "a dataset without test/ was evaluated";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir.path());
        EXPECT_NE(e.reason().find("no test/ folder"), std::string::npos) << e.what();
    }
}

TEST(EvaluateFolder, UnknownClassFolderIsAnErrorNamingIt) {
    test::TempDir dir;
    writeClass(dir / "ants", 1, 1);
    writeClass(dir / "hornets", 1, 2);
    const TrainedModel model = test::makeSeededModel({{"ants", "bees"}});
    try {
        evaluateFolder(model, dir.path());
        FAIL() << "an unknown class folder was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "hornets");
        EXPECT_EQ(e.reason(), "class folder 'hornets' is not one of the model's classes (ants, bees)");
    }
    EXPECT_THROW(evaluateFolder(model, dir / "missing"), Error);
    fs::create_directories(dir / "empty" / "ants");
    EXPECT_THROW(evaluateFolder(model, dir / "empty"), Error);
}

TEST(EvaluateFolder, UnreadableImageIsListedNotThrown) {
    test::TempDir dir;
    writeClass(dir / "ants", 2, 1);
    writeClass(dir / "bees", 2, 2);
    test::writeBytes(dir / "bees" / "notes.png", "these are my notes, not a picture\n");
    const EvaluationResult result = evaluateFolder(test::makeSeededModel({{"ants", "bees"}}), dir.path());
    EXPECT_EQ(result.imageCount(), 4u);
    ASSERT_EQ(result.failures.size(), 1u);
    EXPECT_EQ(result.failures[0].path, dir / "bees" / "notes.png");
    EXPECT_FALSE(result.failures[0].reason.empty());
    EXPECT_EQ(result.perClass[1].support, 2u);
}

TEST(EvaluateFiles, CancelStopsAndSaysSo) {
    test::TempDir dir;
    writeClass(dir / "ants", 3, 1);
    const std::vector<fs::path> files = {dir / "ants" / "0.png", dir / "ants" / "1.png",
                                         dir / "ants" / "2.png"};
    const TrainedModel model = test::makeSeededModel({{"ants", "bees"}});
    std::atomic<bool> cancel{true};
    BatchRunOptions options;
    options.cancel = &cancel;
    const EvaluationResult result = evaluateFiles(model, files, {0, 0, 0}, options);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(result.imageCount(), 0u);

    EXPECT_THROW(evaluateFiles(model, files, {0, 0}), Error);
    EXPECT_THROW(evaluateFiles(model, files, {0, 2, 0}), Error);
}

}  // namespace
}  // namespace tlw
