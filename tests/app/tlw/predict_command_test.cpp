// tlw predict's errors, which need no weights. The ImageNet read-out itself runs on a generated full VGG16
// file in predict_imagenet_test.cpp (tlw_slow_tests).
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

using test::contains;

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

// Trained-model prediction itself runs in train_command_test.cpp, on a model trained there.
TEST(TlwPredict, AMissingOrDamagedModelFileIsAOneLineError) {
    const test::TempDir dir;
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const std::string model = (dir / "model.tlwm").string();
    const TlwRun missing = runTlw({"predict", model, (dir / "a.png").string()});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_EQ(missing.err, "tlw: error: " + model + ": cannot open: No such file or directory\n");
    test::writeBytes(dir / "model.tlwm", "PK\x03\x04 not really a model");
    const TlwRun damaged = runTlw({"predict", model, (dir / "a.png").string()});
    EXPECT_EQ(damaged.exitCode, 1);
    EXPECT_EQ(damaged.err.rfind("tlw: error: " + model + ": ", 0), 0u) << damaged.err;
    EXPECT_EQ(std::count(damaged.err.begin(), damaged.err.end(), '\n'), 1) << damaged.err;
}

TEST(TlwPredict, FlagsOfTheOtherModeAreRefusedNotIgnored) {
    const test::TempDir dir;
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const TlwRun weights = runTlw({"predict", "m.tlwm", (dir / "a.png").string(), "--weights", "v.h5"});
    EXPECT_EQ(weights.exitCode, 1);
    EXPECT_EQ(weights.err, "tlw: error: --weights is for --imagenet; a trained model holds its weights\n");
    const TlwRun csv = runTlw({"predict", "--imagenet", (dir / "a.png").string(), "--csv", "out.csv"});
    EXPECT_EQ(csv.exitCode, 1);
    EXPECT_EQ(csv.err, "tlw: error: --csv is for trained models (tlw predict MODEL PATH... --csv FILE)\n");
}

}  // namespace
}  // namespace tlw
