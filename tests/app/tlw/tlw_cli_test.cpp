// The tlw binary as users run it: arguments in, text and exit code out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::filesystem::path& file) {
    std::ifstream stream(file);
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
}

RunResult runTlw(const std::string& arguments, const std::string& environment = "") {
    test::TempDir dir;
    const std::filesystem::path tlw = test::binaryDir() / "app" / "tlw" / "tlw";
    const std::string command = environment + " '" + tlw.string() + "' " + arguments + " >'" +
                                (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
    const int status = std::system(command.c_str());
    RunResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(dir / "out");
    result.err = slurp(dir / "err");
    return result;
}

using test::contains;

TEST(TlwSummary, PrintsTheVgg16BaseAsKeras) {
    const RunResult run = runTlw("summary --no-trainable-column");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.out.substr(0, run.out.find('\n')), "Model: \"vgg16\"");
    EXPECT_TRUE(contains(run.out, "\n block3_conv3 (Conv2D)       (None, 56, 56, 256)       590080    \n"));
    EXPECT_TRUE(contains(
        run.out, "\nTotal params: 14,714,688\nTrainable params: 14,714,688\nNon-trainable params: 0\n"));
}

TEST(TlwSummary, FineTuneAt16LeavesTwoConvLayersTrainable) {
    const RunResult run = runTlw("summary --fine-tune-at 16");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "Trainable params: 4,719,616\n")) << run.out;
    EXPECT_TRUE(
        contains(run.out, " block5_conv1 (Conv2D)       (None, 14, 14, 512)       2359808   N          \n"));
    EXPECT_TRUE(
        contains(run.out, " block5_conv2 (Conv2D)       (None, 14, 14, 512)       2359808   Y          \n"));
}

TEST(TlwSummary, IncludeTopImageSizeAndJson) {
    EXPECT_TRUE(contains(runTlw("summary --include-top").out, "Total params: 138,357,544\n"));
    EXPECT_TRUE(contains(runTlw("summary --image-size 160x128").out, "(None, 5, 4, 512)"));
    const RunResult json = runTlw("summary --json --freeze block1,block2");
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const auto parsed = nlohmann::json::parse(json.out);
    EXPECT_EQ(parsed["total_params"], 14714688);
    EXPECT_EQ(parsed["non_trainable_params"], 1792 + 36928 + 73856 + 147584);
    EXPECT_EQ(parsed["layers"].size(), 19u);
}

TEST(TlwSummary, SqueezeNetHas722496ParamsAnd13x13x512Output) {
    const RunResult run = runTlw("summary --backbone squeezenet --no-trainable-column");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "Model: \"squeezenet\""));
    EXPECT_TRUE(contains(
        run.out, " drop9 (Dropout)                (None, 13, 13, 512)  0           ['fire9/concat[0][0]']"));
    EXPECT_TRUE(contains(run.out, "Total params: 722,496\n"));
}

TEST(TlwSummary, MobileNetAlphaQuarterHasKerasTotals) {
    const RunResult run = runTlw("summary --backbone mobilenet --alpha 0.25");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "Model: \"mobilenet_0.25_224\"")) << run.out;
    EXPECT_TRUE(contains(run.out, " conv_pw_13_relu (ReLU)      (None, 7, 7, 256)         0         Y"))
        << run.out;
    EXPECT_TRUE(
        contains(run.out, "Total params: 218,544\nTrainable params: 213,072\nNon-trainable params: 5,472\n"))
        << run.out;
    const RunResult full = runTlw("summary --backbone mobilenet");
    EXPECT_TRUE(contains(full.out, "Total params: 3,228,864\n")) << full.out;
    const RunResult wrong = runTlw("summary --backbone mobilenet --alpha 0.3");
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_EQ(wrong.err,
              "tlw: error: MobileNet: no ImageNet weights for alpha 0.3 (Keras publishes 0.25, 0.50, 0.75, "
              "1.00)\n");
}

TEST(TlwSummary, ResNet50HasKerasTotalsAndResidualRows) {
    const RunResult run = runTlw("summary --backbone resnet50");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "Model: \"resnet50\"")) << run.out;
    EXPECT_TRUE(contains(run.out,
                         " conv5_block3_out (Activation)  (None, 7, 7, 2048)   0           "
                         "['conv5_block3_add[0][0]']       Y"))
        << run.out;
    EXPECT_TRUE(contains(
        run.out, "Total params: 23,587,712\nTrainable params: 23,534,592\nNon-trainable params: 53,120\n"))
        << run.out;
    // Frozen up to the last block (Keras's fine_tune_at = 165): conv5_block3's weights, less its BN
    // statistics, train.
    const RunResult json = runTlw("summary --backbone resnet50 --json --fine-tune-at 165");
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const auto parsed = nlohmann::json::parse(json.out);
    EXPECT_EQ(parsed["layers"].size(), 175u);
    EXPECT_EQ(parsed["layers"][165]["name"].get<std::string>(), "conv5_block3_1_conv");
    // 1x1 2048->512, 3x3 512->512 and 1x1 512->2048 with biases, and gamma and beta of 512, 512 and 2048.
    const int64_t lastBlock =
        (2048 * 512 + 512) + (9 * 512 * 512 + 512) + (512 * 2048 + 2048) + 2 * (512 + 512 + 2048);
    EXPECT_EQ(parsed["trainable_params"], lastBlock);
}

TEST(TlwSummary, ListsThePresetsAndTakesTheirNames) {
    const RunResult run = runTlw("summary --backbone resnet50");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    // After Keras's table, never inside it.
    EXPECT_GT(run.out.find("\nFine-tuning presets (--fine-tune-at NAME, or K):\n"),
              run.out.find("Non-trainable params: 53,120\n"))
        << run.out;
    EXPECT_TRUE(
        contains(run.out,
                 "  last-block        fine_tune_at = 165  from conv5_block3_1_conv (the default second "
                 "phase)\n"))
        << run.out;
    EXPECT_TRUE(contains(run.out, "  last-two-stages   fine_tune_at = 81   from conv4_block1_1_conv\n"))
        << run.out;
    const auto byName =
        nlohmann::json::parse(runTlw("summary --backbone resnet50 --json --fine-tune-at last-stage").out);
    const auto byIndex =
        nlohmann::json::parse(runTlw("summary --backbone resnet50 --json --fine-tune-at 143").out);
    EXPECT_EQ(byName["trainable_params"], byIndex["trainable_params"]);
    EXPECT_EQ(byName["layers"][142]["trainable"], false);
    const RunResult unknown = runTlw("summary --backbone squeezenet --fine-tune-at keras-tutorial");
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_EQ(
        unknown.err,
        "tlw: error: --fine-tune-at 'keras-tutorial': expected a layer index or one of SqueezeNet v1.1's "
        "presets (last-block, last-two-blocks, last-two-stages)\n");
}

TEST(TlwSummary, MobileNetV2HasKerasTotalsAtEachAlpha) {
    const RunResult run = runTlw("summary --backbone mobilenet_v2");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "Model: \"mobilenetv2_1.00_224\"")) << run.out;
    EXPECT_TRUE(contains(run.out, "Total params: 2,257,984\n")) << run.out;
    EXPECT_TRUE(
        contains(runTlw("summary --backbone mobilenet_v2 --alpha 0.35").out, "Total params: 410,208\n"));
    const RunResult wrong = runTlw("summary --backbone mobilenet_v2 --alpha 0.25");
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_EQ(
        wrong.err,
        "tlw: error: MobileNetV2: no ImageNet weights for alpha 0.25 (Keras publishes 0.35, 0.50, 0.75, "
        "1.00, 1.30, 1.40)\n");
}

TEST(TlwSummary, EfficientNetB0HasKerasTotals) {
    const RunResult run = runTlw("summary --backbone efficientnet_b0");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "Model: \"efficientnetb0\"")) << run.out;
    EXPECT_TRUE(contains(run.out, "Total params: 4,049,571\n")) << run.out;
    EXPECT_TRUE(contains(run.out, "Trainable params: 4,007,548\n")) << run.out;
    EXPECT_TRUE(contains(run.out, "Non-trainable params: 42,023\n")) << run.out;
}

TEST(TlwSummary, BadArgumentsFailWithOneLine) {
    const RunResult small = runTlw("summary --image-size 16");
    EXPECT_EQ(small.exitCode, 1);
    EXPECT_TRUE(contains(small.err, "tlw: error: VGG16: input size 16x16 is below the minimum 32x32"))
        << small.err;
    EXPECT_EQ(runTlw("summary --include-top --image-size 160").exitCode, 1);
    EXPECT_EQ(runTlw("summary --backbone alexnet").exitCode, 1);
    EXPECT_EQ(runTlw("summary --freeze block9").exitCode, 1);
    EXPECT_NE(runTlw("summary --fine-tune-at 3 --freeze 1").exitCode, 0);
}

TEST(TlwMakeWeights, WritesAFileThatWeightsAccepts) {
    test::TempDir dir;
    const RunResult made =
        runTlw("make-weights --backbone squeezenet --seed 5 --out '" + (dir / "s.h5").string() + "'");
    ASSERT_EQ(made.exitCode, 0) << made.err;
    EXPECT_TRUE(contains(made.out, "not pretrained"));
    const RunResult checked =
        runTlw("weights --backbone squeezenet --weights '" + (dir / "s.h5").string() + "'");
    EXPECT_EQ(checked.exitCode, 0) << checked.err;
    EXPECT_TRUE(contains(checked.out, "valid Keras weights for SqueezeNet v1.1 base"));
    const RunResult wrong = runTlw("weights --backbone vgg16 --weights '" + (dir / "s.h5").string() + "'");
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_TRUE(contains(wrong.err, "layer 'block1_conv1' is missing")) << wrong.err;
}

TEST(TlwWeights, FindsFilesByEnvironmentAndSaysWhereItLooked) {
    test::TempDir dir;
    const std::string environment = "HOME='" + dir.path().string() + "' TLW_WEIGHTS_DIR='" +
                                    (dir / "w").string() + "' XDG_DATA_HOME= KERAS_HOME=";
    const RunResult missing = runTlw("weights", environment);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(contains(missing.err, "Put the file in " + (dir / ".keras" / "models").string()))
        << missing.err;
    EXPECT_TRUE(contains(missing.out, (dir / "w").string()));

    const std::filesystem::path shared =
        test::sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    TLW_REQUIRE_SHARED(shared);
    const RunResult found =
        runTlw("weights --backbone squeezenet",
               "HOME='" + dir.path().string() + "' TLW_WEIGHTS_DIR='" + shared.parent_path().string() + "'");
    EXPECT_EQ(found.exitCode, 0) << found.err;
    EXPECT_TRUE(contains(found.out, "found: " + shared.string()));
    EXPECT_TRUE(contains(found.out, "MD5 80b66c92d79d4310e07fb60a297bf0d1: the published")) << found.out;
}

// Issue 18: one flipped byte in a published file went unnoticed.
TEST(TlwWeights, APublishedFileWithAFlippedByteIsRefused) {
    test::TempDir dir;
    const std::filesystem::path shared =
        test::sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    TLW_REQUIRE_SHARED(shared);
    const std::filesystem::path copy = dir / shared.filename();
    std::filesystem::copy_file(shared, copy);
    {
        std::fstream bytes(copy, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(static_cast<std::streamoff>(std::filesystem::file_size(copy) - 4096));
        bytes.put('\x5a');
    }
    const RunResult flipped = runTlw("weights --backbone squeezenet --weights '" + copy.string() + "'");
    EXPECT_EQ(flipped.exitCode, 1);
    EXPECT_TRUE(contains(flipped.err, "is not Keras's published 80b66c92d79d4310e07fb60a297bf0d1"))
        << flipped.err;
}

TEST(TlwInfo, SystemNamesTheBlasAndWarnsOnlyAboutTheReferenceOne) {
    const RunResult system = runTlw("info --system");
    ASSERT_EQ(system.exitCode, 0) << system.err;
    EXPECT_TRUE(contains(system.out, "LibTorch:     ")) << system.out;
    EXPECT_TRUE(contains(system.out, "Threads:      ")) << system.out;
    EXPECT_TRUE(contains(system.out, "Precision:    auto runs the frozen pass in ")) << system.out;
    // oneDNN has its Winograd kernels for AVX-512 CPUs only.
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    EXPECT_EQ(contains(system.out, "Convolutions: 3x3 float32 ones by oneDNN's Winograd kernels"), avx512)
        << system.out;
    // tlw's bf16 Winograd needs AVX-512 BF16's dot products, and leaves AMX CPUs to oneDNN's tile kernels.
    EXPECT_EQ(contains(system.out, "3x3 bfloat16 ones with 256 or more input channels by F(2x2, 3x3)"),
              __builtin_cpu_supports("avx512bf16") && avx512 && !__builtin_cpu_supports("amx-bf16"))
        << system.out;
    const bool reference = contains(system.out, "BLAS:         reference BLAS");
    EXPECT_EQ(contains(system.err, "install libopenblas0-pthread"), reference) << system.out << system.err;
    const RunResult nothing = runTlw("info");
    EXPECT_EQ(nothing.exitCode, 1);
    EXPECT_TRUE(contains(nothing.err, "give a model file (.tlwm), or --system")) << nothing.err;
}

}  // namespace
}  // namespace tlw
