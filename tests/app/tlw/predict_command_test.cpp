// tlw predict's errors, which need no weights. The ImageNet read-out itself runs on a generated full VGG16
// file in predict_imagenet_test.cpp (tlw_slow_tests).
#include <gtest/gtest.h>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(TlwPredictImageNet, WithoutTheFullVgg16FileSaysWhichFileIsMissingAndWhereToPutIt) {
    const test::TempDir dir;
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const TlwRun run = runTlw({"predict", "--imagenet", (dir / "a.png").string()},
                              test::isolatedWeightsEnvironment(dir.path().string()));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_TRUE(
        contains(run.err, "tlw: error: vgg16_weights_tf_dim_ordering_tf_kernels.h5 not found; looked in "))
        << run.err;
    EXPECT_TRUE(contains(run.err, "Put the file in " + (dir / ".keras" / "models").string() + "/"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "Or add --download to fetch it from Keras's site (553.5 MB).\n"))
        << run.err;
    // The explicit file a user names must exist.
    const TlwRun named =
        runTlw({"predict", "--imagenet", (dir / "a.png").string(), "--weights", (dir / "v.h5").string()});
    EXPECT_EQ(named.exitCode, 1);
    EXPECT_EQ(named.err, "tlw: error: " + (dir / "v.h5").string() + ": no such weights file\n");
}

TEST(TlwPredictImageNet, MissingImageAndBadTopKAreErrors) {
    const test::TempDir dir;
    const TlwRun missing = runTlw({"predict", "--imagenet", (dir / "nowhere.jpg").string()},
                                  test::isolatedWeightsEnvironment(dir.path().string()));
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_EQ(missing.err, "tlw: error: " + (dir / "nowhere.jpg").string() + ": no such file or folder\n");
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const TlwRun topK = runTlw({"predict", "--imagenet", (dir / "a.png").string(), "--top-k", "0"});
    EXPECT_EQ(topK.exitCode, 1);
    EXPECT_TRUE(contains(topK.err, "top-k must be between 1 and 1000, got 0")) << topK.err;
}

TEST(TlwPredict, WithoutImagenetSaysTrainedModelsAreNotAvailableYet) {
    const TlwRun run = runTlw({"predict", "model.tlwmodel", "a.jpg"});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(
        run.err,
        "tlw: error: model.tlwmodel: predicting with a trained model is not available yet; for ImageNet "
        "classes with VGG16 use tlw predict --imagenet IMAGE...\n");
}

}  // namespace
}  // namespace tlw
