#include "core/eval/similar_images.h"

#include <gtest/gtest.h>

#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/core/infer/object_dataset.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

class SimilarImagesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (test::squeezeNetWeights().empty()) return;
        s_dir = new test::TempDir;
        s_training = test::writeObjectImages(s_dir->path() / "data", 12, 21);
        s_model = new TrainedModel(test::trainObjectModel(s_dir->path() / "data", s_dir->path()));
    }
    static void TearDownTestSuite() {
        delete s_model;
        delete s_dir;
        s_model = nullptr;
        s_dir = nullptr;
    }
    void SetUp() override {
        if (s_model == nullptr) GTEST_SKIP() << "missing shared data: the SqueezeNet weights";
    }
    static test::TempDir* s_dir;
    static TrainedModel* s_model;
    static std::vector<test::ObjectImage> s_training;
};
test::TempDir* SimilarImagesTest::s_dir = nullptr;
TrainedModel* SimilarImagesTest::s_model = nullptr;
std::vector<test::ObjectImage> SimilarImagesTest::s_training;

TEST_F(SimilarImagesTest, ATrainingImageFindsItselfFirstFromTheRunsCache) {
    // A training image (not one of the validation fifth): the run cached its pooled features.
    SimilarImagesOptions options;
    options.k = 3;
    const SimilarImagesResult result =
        findSimilarTrainingImages(*s_model, {s_training[0].file, s_training[1].file}, options);
    EXPECT_GE(result.trainingImages, 18u);  // 24 images, a validation fifth held out
    EXPECT_LE(result.trainingImages, 20u);
    EXPECT_EQ(result.featuresComputed, 0u);
    EXPECT_EQ(result.featuresReused, result.trainingImages);
    ASSERT_EQ(result.images.size(), 2u);
    int foundThemselves = 0;
    for (size_t i = 0; i < 2; ++i) {
        const SimilarImages& image = result.images[i];
        ASSERT_EQ(image.nearest.size(), 3u);
        EXPECT_EQ(image.nearest[0].className, s_training[i].label == 0 ? "disc" : "square");
        EXPECT_GE(image.nearest[0].similarity, image.nearest[1].similarity);
        if (image.nearest[0].file == s_training[i].file) {
            ++foundThemselves;
            EXPECT_NEAR(image.nearest[0].similarity, 1.0, 1e-5);
        }
    }
    EXPECT_GE(foundThemselves, 1);  // the other may be in the validation fifth
}

TEST_F(SimilarImagesTest, PerClassGivesTheClosestOfEachClassAndAFailedQueryItsReason) {
    test::writeBytes(s_dir->path() / "broken.png", "not an image");
    SimilarImagesOptions options;
    options.perClass = true;
    const SimilarImagesResult result =
        findSimilarTrainingImages(*s_model, {s_training[2].file, s_dir->path() / "broken.png"}, options);
    ASSERT_EQ(result.images.size(), 2u);
    ASSERT_EQ(result.images[0].nearest.size(), 2u);
    EXPECT_NE(result.images[0].nearest[0].className, result.images[0].nearest[1].className);
    EXPECT_FALSE(result.images[1].error.empty());
    const std::string csv = similarImagesToCsv(result.images);
    EXPECT_EQ(csv.rfind("query,rank,file,class,similarity,error\n", 0), 0u);
    EXPECT_NE(csv.find("broken.png,,,,,"), std::string::npos);
}

TEST_F(SimilarImagesTest, AnotherDatasetMustHaveTheModelsClasses) {
    test::TempDir other;
    test::writeBytes(other / "cats" / "a.png", test::solidPng(16, 16, {1, 2, 3}));
    test::writeBytes(other / "dogs" / "b.png", test::solidPng(16, 16, {3, 2, 1}));
    SimilarImagesOptions options;
    options.dataDir = other.path();
    try {
        findSimilarTrainingImages(*s_model, {s_training[0].file}, options);
        FAIL() << "a dataset with other classes was accepted";
    } catch (const Error& e) {
        // The run's split names the model's classes, which this folder does not have.
        EXPECT_EQ(e.file(), other.path());
        EXPECT_NE(e.reason().find("disc"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace tlw
