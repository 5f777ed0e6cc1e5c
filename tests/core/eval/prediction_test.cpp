#include "core/eval/prediction.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/data/image_decoder.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/core/models/model_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

void writeImage(const fs::path& file, std::uint32_t seed) {
    fs::create_directories(file.parent_path());
    const RgbImage image = test::makeTestImage(60, 40, seed);
    test::writeBytes(file, test::encodePng(60, 40, image.pixels));
}

TEST(CollectImageFiles, FilesAsGivenFoldersRecursivelySortedWithoutHiddenEntries) {
    test::TempDir dir;
    writeImage(dir / "photos" / "b.png", 1);
    writeImage(dir / "photos" / "a.png", 2);
    writeImage(dir / "photos" / "trip" / "c.png", 3);
    writeImage(dir / "photos" / ".thumbnail.png", 4);
    writeImage(dir / "photos" / ".cache" / "d.png", 5);
    test::writeBytes(dir / "photos" / "notes.txt", "not an image");
    writeImage(dir / "scan.dat", 6);  // given by name: its extension does not matter

    const std::vector<fs::path> files =
        collectImageFiles({dir / "scan.dat", dir / "photos", dir / "photos" / "a.png"});
    const std::vector<fs::path> expected = {dir / "scan.dat", dir / "photos" / "a.png",
                                            dir / "photos" / "b.png", dir / "photos" / "trip" / "c.png"};
    EXPECT_EQ(files, expected);
}

TEST(CollectImageFiles, MissingPathIsAnErrorNamingIt) {
    test::TempDir dir;
    try {
        collectImageFiles({dir / "nowhere.jpg"});
        FAIL() << "a missing file was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "nowhere.jpg");
        EXPECT_EQ(e.reason(), "no such file or folder");
    }
    EXPECT_TRUE(collectImageFiles({dir.path()}).empty());
}

TEST(PredictImages, GivesEveryImageItsTopClassesAndEveryFailureItsReason) {
    test::TempDir dir;
    writeImage(dir / "in" / "1.png", 1);
    writeImage(dir / "in" / "2.png", 2);
    test::writeBytes(dir / "in" / "3.png", "text, not pixels\n");
    writeImage(dir / "in" / "4.png", 4);
    const TrainedModel model = test::makeSeededModel({{"ants", "bees", "wasps"}});

    std::size_t lastDone = 0;
    PredictionOptions options;
    options.batchSize = 2;
    options.topK = 10;  // clamped to the 3 classes
    options.progress = [&lastDone](std::size_t done, std::size_t total) {
        EXPECT_EQ(total, 4u);
        lastDone = done;
    };
    const std::vector<ImagePrediction> predictions = predictImages(model, {dir / "in"}, options);
    ASSERT_EQ(predictions.size(), 4u);
    EXPECT_EQ(lastDone, 4u);
    EXPECT_EQ(predictions[2].file, dir / "in" / "3.png");
    EXPECT_FALSE(predictions[2].error.empty());
    EXPECT_TRUE(predictions[2].top.empty());
    EXPECT_TRUE(predictions[2].probabilities.empty());
    for (const std::size_t i : {0u, 1u, 3u}) {
        const ImagePrediction& prediction = predictions[i];
        EXPECT_TRUE(prediction.error.empty());
        const std::vector<float> expected = model.probabilities({decodeImageFile(prediction.file)})[0];
        ASSERT_EQ(prediction.probabilities.size(), 3u);
        for (size_t c = 0; c < 3; ++c) EXPECT_NEAR(prediction.probabilities[c], expected[c], 1e-6);
        ASSERT_EQ(prediction.top.size(), 3u);
        EXPECT_GE(prediction.top[0].probability, prediction.top[1].probability);
        EXPECT_GE(prediction.top[1].probability, prediction.top[2].probability);
        EXPECT_EQ(prediction.top[0].className,
                  model.description().classNames[static_cast<size_t>(prediction.top[0].classIndex)]);
    }
}

TEST(PredictImages, APipeNamedLikeAnImageInAFolderIsNamedWithWhatItIs) {
    test::TempDir dir;
    writeImage(dir / "photos" / "a.png", 1);
    ASSERT_EQ(::mkfifo((dir / "photos" / "b.jpg").c_str(), 0600), 0);
    const std::vector<ImagePrediction> predictions =
        predictImages(test::makeSeededModel({{"ants", "bees"}}), {dir / "photos"}, PredictionOptions{});
    ASSERT_EQ(predictions.size(), 2u);
    EXPECT_TRUE(predictions[0].error.empty()) << predictions[0].error;
    EXPECT_EQ(predictions[1].file, dir / "photos" / "b.jpg");
    EXPECT_NE(predictions[1].error.find("a named pipe"), std::string::npos) << predictions[1].error;
}

TEST(PredictImages, CancelReturnsOnlyWhatWasDone) {
    test::TempDir dir;
    writeImage(dir / "1.png", 1);
    std::atomic<bool> cancel{true};
    PredictionOptions options;
    options.cancel = &cancel;
    EXPECT_TRUE(predictImages(test::makeSeededModel(), {dir / "1.png"}, options).empty());
    EXPECT_THROW(predictImages(test::makeSeededModel(), {dir / "2.png"}), Error);
    std::filesystem::create_directory(dir / "empty");
    EXPECT_TRUE(predictImages(test::makeSeededModel(), {dir / "empty"}).empty());
}

TEST(PredictionsToCsv, OneRowPerImageWithEveryProbabilityAndQuotedFields) {
    ImagePrediction plain;
    plain.file = "photos/a.png";
    plain.probabilities = {0.25f, 0.75f};
    plain.top = {{1, "胡蜂", 0.75}, {0, "bees, wild", 0.25}};
    ImagePrediction awkward;
    awkward.file = "photos/say \"cheese\", \n.png";
    awkward.probabilities = {0.5f, 0.5f};
    ImagePrediction failed;
    failed.file = "photos/broken.png";
    failed.error = "not an image (text file)";

    const std::string csv = predictionsToCsv({plain, awkward, failed}, {"bees, wild", "胡蜂"});
    EXPECT_EQ(csv,
              "file,top1,top1_probability,\"p_bees, wild\",p_胡蜂,error\n"
              "photos/a.png,胡蜂,0.75,0.25,0.75,\n"
              "\"photos/say \"\"cheese\"\", \n.png\",\"bees, wild\",0.5,0.5,0.5,\n"
              "photos/broken.png,,,,,not an image (text file)\n");
}

}  // namespace
}  // namespace tlw
