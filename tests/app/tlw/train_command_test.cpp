// tlw train, evaluate, predict, export and info end to end, as a user runs them: real SqueezeNet ImageNet
// weights, hymenoptera_tiny at 64x64, a few epochs. The exported TorchScript file is run by an independent
// program (tlw_torchscript_probe) and must give the probabilities tlw predict wrote.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <sstream>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

using test::contains;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) result.push_back(line);
    return result;
}

// Four validation photos as 64x64 PNGs: the model's own size (nothing is resized on either side) and
// lossless (both readers see the same pixels).
std::vector<fs::path> writeModelSizedImages(const fs::path& folder) {
    fs::create_directories(folder);
    std::vector<fs::path> written;
    for (const char* cls : {"ants", "bees"}) {
        std::vector<fs::path> photos;
        for (const auto& entry : fs::directory_iterator(test::tinyHymenoptera() / "val" / cls))
            photos.push_back(entry.path());
        std::sort(photos.begin(), photos.end());
        for (std::size_t i = 0; i < 2; ++i) {
            cv::Mat image = cv::imread(photos.at(i).string(), cv::IMREAD_COLOR);
            cv::resize(image, image, cv::Size(64, 64), 0, 0, cv::INTER_AREA);
            const fs::path file = folder / (std::string(cls) + "_" + std::to_string(i) + ".png");
            cv::imwrite(file.string(), image);
            written.push_back(file);
        }
    }
    std::sort(written.begin(), written.end());
    return written;
}

std::string runProbe(const fs::path& script, const std::vector<fs::path>& images) {
    std::string command = test::shellQuoted(TLW_TORCHSCRIPT_PROBE) + " " + test::shellQuoted(script.string());
    for (const fs::path& image : images) command += " " + test::shellQuoted(image.string());
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return output;
    char buffer[4096];
    while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, got);
    EXPECT_EQ(::pclose(pipe), 0) << command;
    return output;
}

class TlwTrainTest : public ::testing::Test {
protected:
    void SetUp() override { TLW_REQUIRE_SHARED(test::tinyHymenoptera()); }
    TlwRun tlw(const std::vector<std::string>& arguments) const {
        return runTlw(arguments, test::trainingEnvironmentText(m_home.path()));
    }
    // The script and tlw predict both divide the logits by the model's calibration temperature: a T below 1
    // magnifies their float32 rounding differences by 1 / T, and the tolerances with it.
    double calibrationFactor(const fs::path& model) const {
        const double temperature =
            nlohmann::json::parse(tlw({"info", model.string(), "--json"}).out)["calibration"]["temperature"];
        return 1.0 / std::min(1.0, temperature);
    }

    test::TempDir m_home;
    test::TempDir m_out;
};

TEST_F(TlwTrainTest, TrainEvaluatePredictExportAndTheScriptGivesTheSameProbabilities) {
    const fs::path model = m_out / "bees.tlwm";
    const fs::path val = test::tinyHymenoptera() / "val";
    const TlwRun trained =
        tlw(test::quickTrainArguments(model, {"--epochs", "3", "--test-dir", val.string()}));
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;

    // The header, the Keras lines and the closing notes, with no "\r" since stdout is a file.
    const std::string& out = trained.out;
    EXPECT_TRUE(contains(out, "Found 20 training images in 2 classes: ants 10, bees 10\n")) << out;
    EXPECT_TRUE(contains(out, "Validation: 10 images; test: 10 images\n")) << out;
    EXPECT_TRUE(contains(out,
                         "Model: SqueezeNet v1.1 at 64x64 -> GlobalAveragePooling2D -> Normalization -> "
                         "Dense(1), binary_crossentropy\n"))
        << out;
    EXPECT_TRUE(contains(out, "Weights: ImageNet weights: ")) << out;
    EXPECT_TRUE(contains(out, "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5")) << out;
    // The Normalization's mean, variance and count (2 x 512 + 1) are non-trainable, as Keras counts them.
    EXPECT_TRUE(contains(out, "Trainable params: 513 of 724,034 (non-trainable: 723,521)\n")) << out;
    // The whole base frozen: the cache holds what the head reads, drop9's map pooled.
    EXPECT_TRUE(contains(
        out, "Frozen-prefix cache: the output of drop9, global average pooled (512 values per image; "))
        << out;
    // The pass says what the cache takes (20 training and 10 validation images): the run holds no more.
    EXPECT_TRUE(contains(out, "frozen-prefix cache: 60.0 KiB in RAM (budget ")) << out;
    const std::regex epochLine(
        R"(1/1 \[==============================\] - \d+s \d+(s|ms|us)/step - loss: \d\.\d{4} - accuracy: )"
        R"(\d\.\d{4} - val_loss: \d+\.\d{4} - val_accuracy: \d\.\d{4})");
    int epochLines = 0;
    for (const std::string& line : lines(out)) epochLines += std::regex_match(line, epochLine) ? 1 : 0;
    EXPECT_EQ(epochLines, 3) << out;
    EXPECT_TRUE(contains(out, "Epoch 1/3\n") && contains(out, "Epoch 3/3\n")) << out;
    EXPECT_TRUE(contains(out, "Test: 10 images - loss: ")) << out;
    EXPECT_TRUE(contains(out, "Model:      " + model.string() + "\n")) << out;
    EXPECT_TRUE(contains(out, "Checkpoint: " + model.string() + ".checkpoint\n")) << out;
    EXPECT_FALSE(contains(out, "\r"));
    EXPECT_FALSE(contains(trained.err, "\r"));
    const std::vector<test::HistoryRow> history = test::readHistoryCsv(model);
    ASSERT_EQ(history.size(), 3u);
    for (int epoch = 1; epoch <= 3; ++epoch) EXPECT_EQ(history[static_cast<size_t>(epoch - 1)].epoch, epoch);

    // evaluate: the model holds the best epoch, so its loss on val/ is that epoch's val_loss.
    const TlwRun report = tlw({"evaluate", model.string(), val.string()});
    ASSERT_EQ(report.exitCode, 0) << report.err;
    EXPECT_TRUE(contains(report.out, "Images evaluated: 10\n")) << report.out;
    EXPECT_TRUE(contains(report.out, "Confusion matrix")) << report.out;
    const TlwRun json = tlw({"evaluate", model.string(), val.string(), "--json", "--batch-size", "4"});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const auto evaluation = nlohmann::json::parse(json.out);
    EXPECT_EQ(evaluation["image_count"], 10);
    const auto historyJson = nlohmann::json::parse(test::readText(fs::path(model).concat(".history.json")));
    const int best = historyJson["best_epoch"];
    ASSERT_GE(best, 1);
    EXPECT_NEAR(evaluation["loss"].get<double>(), history[static_cast<size_t>(best - 1)].valLoss,
                1e-4 * std::max(1.0, history[static_cast<size_t>(best - 1)].valLoss));

    // predict: top-k per image, the unreadable one listed with its reason, every probability in the CSV.
    const std::vector<fs::path> images = writeModelSizedImages(m_out / "images");
    test::writeBytes(m_out / "images" / "zz_broken.png", "not a png");
    const fs::path csv = m_out / "predictions.csv";
    const TlwRun predicted =
        tlw({"predict", model.string(), (m_out / "images").string(), "--top-k", "2", "--csv", csv.string()});
    ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
    EXPECT_TRUE(contains(predicted.out, images[0].string() + "\n   1. ")) << predicted.out;
    EXPECT_TRUE(contains(predicted.out, "\n   2. ")) << predicted.out;
    EXPECT_TRUE(
        contains(predicted.err, "tlw: skipped " + (m_out / "images" / "zz_broken.png").string() + ": "))
        << predicted.err;
    const auto rows = test::readSimpleCsv(csv);
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[0],
              (std::vector<std::string>{"file", "top1", "top1_probability", "p_ants", "p_bees", "error"}));
    EXPECT_FALSE(rows[5][5].empty()) << "the broken file's row names the reason";

    const TlwRun unreadable = tlw({"predict", model.string(), (m_out / "images" / "zz_broken.png").string()});
    EXPECT_EQ(unreadable.exitCode, 1);
    EXPECT_TRUE(contains(unreadable.err, "tlw: error: the image could not be read\n")) << unreadable.err;

    // export, then the file run by another program: the same probabilities as tlw predict.
    const fs::path script = m_out / "bees.pt";
    const TlwRun exported = tlw({"export", model.string(), "--torchscript", script.string()});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    EXPECT_TRUE(contains(exported.out, "wrote " + script.string() + ": TorchScript")) << exported.out;
    const std::vector<std::string> probed = lines(runProbe(script, images));
    ASSERT_EQ(probed.size(), images.size());
    const double tolerance = 1e-5 * calibrationFactor(model);
    for (std::size_t i = 0; i < images.size(); ++i) {
        ASSERT_EQ(rows[i + 1][0], images[i].string());
        const std::vector<std::string> cells = [&] {
            std::vector<std::string> split;
            std::istringstream stream(probed[i]);
            for (std::string cell; std::getline(stream, cell, ',');) split.push_back(cell);
            return split;
        }();
        ASSERT_EQ(cells.size(), 2u) << probed[i];
        for (std::size_t c = 0; c < 2; ++c) {
            // Relative: a probability near 0 must match in its own digits, not just below 1e-5.
            const double written = std::stod(rows[i + 1][3 + c]);
            EXPECT_NEAR(std::stod(cells[c]), written, tolerance * std::max(std::abs(written), 1e-2))
                << images[i] << ", class " << c;
        }
    }

    // info: the description a user needs to trust the file.
    const TlwRun info = tlw({"info", model.string()});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    EXPECT_TRUE(contains(info.out, "Backbone:     SqueezeNet v1.1, ImageNet weights: ")) << info.out;
    EXPECT_TRUE(contains(info.out, "Classes:      2: ants, bees\n")) << info.out;
    EXPECT_TRUE(contains(info.out, "Input:        64x64 RGB")) << info.out;
    EXPECT_TRUE(contains(info.out, "History:      3 epochs\n")) << info.out;
    EXPECT_TRUE(contains(info.out, "; frozen pass in fp32\n")) << info.out;  // the precision the run used
    const TlwRun infoJson = tlw({"info", model.string(), "--json"});
    ASSERT_EQ(infoJson.exitCode, 0) << infoJson.err;
    EXPECT_EQ(nlohmann::json::parse(infoJson.out)["class_names"], (std::vector<std::string>{"ants", "bees"}));
}

// MobileNet with the real alpha 0.25 file: a frozen phase, then its preset (the last stage trains, the BN
// layers before it frozen and folded in the cached pass), then export: the script's probabilities ("tf"
// preprocessing, depthwise convolutions, BN, TensorFlow padding inside) are tlw predict's.
TEST_F(TlwTrainTest, MobileNetFineTunedOnItsLastStageExportsWhatPredictSays) {
    TLW_REQUIRE_SHARED(test::sharedWeights("mobilenet_2_5_224_tf_no_top.h5"));
    const fs::path model = m_out / "mobilenet.tlwm";
    const TlwRun trained = tlw({"train",        test::tinyHymenoptera().string(),
                                "--backbone",   "mobilenet",
                                "--alpha",      "0.25",
                                "--image-size", "64",
                                "--threads",    "1",
                                "--precision",  "fp32",
                                "--seed",       "7",
                                "--epochs",     "1",
                                "--two-phase",  "1",
                                "--out",        model.string()});
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    EXPECT_TRUE(contains(trained.out, "mobilenet_2_5_224_tf_no_top.h5")) << trained.out;

    const std::vector<fs::path> images = writeModelSizedImages(m_out / "images");
    const fs::path csv = m_out / "predictions.csv";
    const TlwRun predicted =
        tlw({"predict", model.string(), (m_out / "images").string(), "--csv", csv.string()});
    ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
    const auto rows = test::readSimpleCsv(csv);
    ASSERT_EQ(rows.size(), images.size() + 1);

    const fs::path script = m_out / "mobilenet.pt";
    const TlwRun exported = tlw({"export", model.string(), "--torchscript", script.string()});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    const std::vector<std::string> probed = lines(runProbe(script, images));
    ASSERT_EQ(probed.size(), images.size());
    const double factor = calibrationFactor(model);
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string& line = probed[i];
        const double probeAnts = std::stod(line.substr(0, line.find(',')));
        const double written = std::stod(rows[i + 1][3]);
        EXPECT_NEAR(probeAnts, written, factor * 1e-5 * std::max(std::abs(written), 1e-2)) << images[i];
    }
}

// ResNet50 with a generated Keras-layout file that discovery finds in ~/.keras/models under Keras's name: a
// frozen phase, then its preset (conv5_block3 trains; the blocks before it frozen, cached, their BN folded),
// then export: the script's probabilities (residual sums, projection shortcuts, caffe preprocessing) are
// tlw predict's.
TEST_F(TlwTrainTest, ResNet50FineTunedOnItsLastBlockExportsWhatPredictSays) {
    const fs::path keras = m_home / ".keras" / "models";
    fs::create_directories(keras);
    const TlwRun made = tlw({"make-weights", "--backbone", "resnet50", "--seed", "3", "--out",
                             (keras / "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5").string()});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    const fs::path model = m_out / "resnet50.tlwm";
    const TlwRun trained = tlw({"train", test::tinyHymenoptera().string(), "--backbone", "resnet50",
                                "--image-size", "64", "--threads", "1", "--precision", "fp32", "--seed", "7",
                                "--epochs", "1", "--two-phase", "1", "--out", model.string()});
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    EXPECT_TRUE(
        contains(trained.out, (keras / "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5").string()))
        << trained.out;
    EXPECT_TRUE(contains(trained.out, "Frozen-prefix cache: the output of conv5_block2_out")) << trained.out;

    const std::vector<fs::path> images = writeModelSizedImages(m_out / "images");
    const fs::path csv = m_out / "predictions.csv";
    const TlwRun predicted =
        tlw({"predict", model.string(), (m_out / "images").string(), "--csv", csv.string()});
    ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
    const auto rows = test::readSimpleCsv(csv);
    ASSERT_EQ(rows.size(), images.size() + 1);

    const fs::path script = m_out / "resnet50.pt";
    const TlwRun exported = tlw({"export", model.string(), "--torchscript", script.string()});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    const std::vector<std::string> probed = lines(runProbe(script, images));
    ASSERT_EQ(probed.size(), images.size());
    const double factor = calibrationFactor(model);
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string& line = probed[i];
        const double probeAnts = std::stod(line.substr(0, line.find(',')));
        const double written = std::stod(rows[i + 1][3]);
        // 53 float32 convolutions on random (unnormalised) weights, summed in another order by the script
        // (BN unfolded, NCHW) than by predict (folded, channels-last): about 2e-5 apart; a missing shortcut
        // or a wrong padding moves the probabilities by orders of magnitude more.
        EXPECT_NEAR(probeAnts, written, factor * 1e-4 * std::max(std::abs(written), 1e-2)) << images[i];
    }
}

// EfficientNetB0 from a generated file that discovery finds under Keras's name, with precision auto: fp32,
// since bf16 measured slower for it; its preset trains stages 6-7 from the cached output of block5c.
TEST_F(TlwTrainTest, EfficientNetB0TrainsInFp32UnderPrecisionAutoAndFineTunesItsLastStages) {
    const fs::path keras = m_home / ".keras" / "models";
    fs::create_directories(keras);
    const TlwRun made = tlw({"make-weights", "--backbone", "efficientnet_b0", "--seed", "3", "--out",
                             (keras / "efficientnetb0_notop.h5").string()});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    const fs::path model = m_out / "efficientnet.tlwm";
    const TlwRun trained =
        tlw({"train", test::tinyHymenoptera().string(), "--backbone", "efficientnet_b0", "--image-size", "64",
             "--threads", "1", "--seed", "7", "--epochs", "1", "--two-phase", "1", "--out", model.string()});
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    EXPECT_TRUE(contains(trained.out, "precision auto: fp32 (bf16 does not pay for EfficientNetB0"))
        << trained.out;
    EXPECT_TRUE(contains(trained.out, "frozen: layers[:163]")) << trained.out;
    EXPECT_TRUE(contains(trained.out, "Frozen-prefix cache: the output of block5c_add")) << trained.out;
    const TlwRun predicted = tlw({"predict", model.string(), test::tinyHymenoptera().string()});
    ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
}

TEST_F(TlwTrainTest, JsonGivesOneObjectPerEpochAcrossTwoPhasesAndASummary) {
    const fs::path model = m_out / "two-phase.tlwm";
    // Phase 2 unfreezes fire9 (layers[:55] stay frozen) at a lower learning rate.
    const TlwRun run =
        tlw(test::quickTrainArguments(model, {"--epochs", "2", "--two-phase", "2:55:1e-4", "--json"}));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const std::vector<std::string> objects = lines(run.out);
    ASSERT_EQ(objects.size(), 5u) << run.out;
    for (int epoch = 1; epoch <= 4; ++epoch) {
        const auto parsed = nlohmann::json::parse(objects[static_cast<size_t>(epoch - 1)]);
        EXPECT_EQ(parsed["epoch"], epoch);
        EXPECT_EQ(parsed["phase"], epoch <= 2 ? 1 : 2);
        EXPECT_TRUE(parsed["loss"].is_number() && parsed["val_accuracy"].is_number());
        EXPECT_DOUBLE_EQ(parsed["lr"].get<double>(), epoch <= 2 ? 1e-3 : 1e-4);
    }
    const auto summary = nlohmann::json::parse(objects.back());
    EXPECT_EQ(summary["type"], "summary");
    EXPECT_EQ(summary["status"], "finished");
    EXPECT_EQ(summary["epochs_run"], 4);
    EXPECT_EQ(summary["model"], model.string());
    EXPECT_GE(summary["best_epoch"].get<int>(), 1);
    // The people's text went to stderr, phase by phase.
    EXPECT_TRUE(contains(run.err, "Phase 1 (feature extraction): epochs 1-2, frozen: all")) << run.err;
    EXPECT_TRUE(
        contains(run.err, "Phase 2 (fine-tuning): epochs 3-4, frozen: layers[:55], learning rate 0.0001"))
        << run.err;
    EXPECT_TRUE(contains(run.err, "Epoch 4/4\n")) << run.err;
    // fire8's output, cached in phase 1's pass along with drop9's, feeds phase 2.
    // Phase 2 trains fire8 on: its map, not a pooled vector.
    EXPECT_TRUE(contains(run.err, "  Frozen-prefix cache: the output of fire8/concat (")) << run.err;
    EXPECT_TRUE(contains(run.err, "values per image)\n")) << run.err;
    EXPECT_FALSE(contains(run.out + run.err, "\r"));
}

// --keep last: the model holds the last epoch, as a plain model.fit() leaves it; the summary names it.
TEST_F(TlwTrainTest, KeepLastKeepsTheLastEpochAndSaysWhichWasBest) {
    const fs::path model = m_out / "last.tlwm";
    const TlwRun run = tlw(test::quickTrainArguments(model, {"--epochs", "3", "--keep", "last", "--json"}));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto summary = nlohmann::json::parse(lines(run.out).back());
    EXPECT_EQ(summary["kept_epoch"], 3);
    const TlwRun bad = tlw(test::quickTrainArguments(m_out / "bad.tlwm", {"--keep", "first"}));
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(contains(bad.err, "'first' (use best or last)")) << bad.err;
}

TEST_F(TlwTrainTest, TwoPhaseWithoutKStartsAtTheBackbonesPresetAtATenthOfTheRate) {
    const fs::path model = m_out / "preset.tlwm";
    const TlwRun run = tlw(test::quickTrainArguments(model, {"--epochs", "1", "--two-phase", "1"}));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    // SqueezeNet's preset: fire8 and fire9 train (layers[:48] frozen), at the seed's 0.001 / 10.
    EXPECT_TRUE(
        contains(run.out, "Phase 2 (fine-tuning): epochs 2-2, frozen: layers[:48], learning rate 0.0001"))
        << run.out;
}

// Every mistake is one "tlw: error:" line on stderr, nothing on stdout, and exit status 1.
void expectOneLineError(const TlwRun& run, const std::string& fragment) {
    EXPECT_EQ(run.exitCode, 1) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err.rfind("tlw: error: ", 0), 0u) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_TRUE(contains(run.err, fragment)) << run.err;
}

TEST_F(TlwTrainTest, NoNormalizeTrainsExactlyTheSeedsHead) {
    const fs::path model = m_home / "plain.tlwm";
    const TlwRun trained = tlw(test::quickTrainArguments(model, {"--epochs", "1", "--no-normalize"}));
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    EXPECT_TRUE(contains(trained.out,
                         "Model: SqueezeNet v1.1 at 64x64 -> GlobalAveragePooling2D -> Dense(1), "
                         "binary_crossentropy\n"))
        << trained.out;
    EXPECT_TRUE(contains(trained.out, "Trainable params: 513 of 723,009 (non-trainable: 722,496)\n"))
        << trained.out;
    const TlwRun info = tlw({"info", model.string(), "--json"});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    EXPECT_TRUE(contains(info.out, "\"normalize_features\": false")) << info.out;
}

// quickTrainArguments with the head solver given (it says adam for the tests of epochs).
std::vector<std::string> withHeadSolver(std::vector<std::string> arguments, const std::string& solver) {
    const auto flag = std::find(arguments.begin(), arguments.end(), "--head-solver");
    if (flag != arguments.end()) *(flag + 1) = solver;
    return arguments;
}

TEST_F(TlwTrainTest, HeadSolverExactSolvesTheFrozenPhaseAndSaysHow) {
    const fs::path model = m_out / "exact.tlwm";
    const TlwRun run = tlw(withHeadSolver(test::quickTrainArguments(model, {"--epochs", "5"}), "exact"));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "exact head: L2 ")) << run.out;
    EXPECT_TRUE(contains(run.out, "-fold cross-validation")) << run.out;
    EXPECT_TRUE(contains(run.out, "<- chosen")) << run.out;
    EXPECT_FALSE(contains(run.out, "Epoch 2/")) << run.out;  // the solve stands for the 5 epochs
    const TlwRun info = tlw({"info", model.string()});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    EXPECT_TRUE(contains(info.out, "History:      1 epochs\nHead solve:   L2 ")) << info.out;
}

TEST_F(TlwTrainTest, HeadSolverExactStepsAsideForDropoutAndSaysWhy) {
    const fs::path model = m_out / "dropout.tlwm";
    const TlwRun run =
        tlw(withHeadSolver(test::quickTrainArguments(model, {"--epochs", "2", "--dropout", "0.2"}), "exact"));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "head solver: Adam instead of exact, because dropout")) << run.out;
    EXPECT_TRUE(contains(run.out, "Epoch 2/2")) << run.out;
}

TEST_F(TlwTrainTest, BadInputGivesOneLineErrors) {
    const fs::path model = m_out / "m.tlwm";
    expectOneLineError(tlw({"train", (m_out / "nowhere").string(), "--out", model.string()}),
                       (m_out / "nowhere").string() + ": no such folder");
    const test::TempDir oneClass;
    for (const char* name : {"a.png", "b.png", "c.png"})
        test::writeBytes(oneClass / "only" / name, test::taggedPng(40, 40, {200, 10, 10}, name));
    expectOneLineError(tlw({"train", oneClass.path().string(), "--allow-random", "--out", model.string()}),
                       "class");
    expectOneLineError(tlw(test::quickTrainArguments(model, {"--two-phase", "10:16:1e-4:2"})),
                       "--two-phase '10:16:1e-4:2': expected N, N:K or N:K:LR");
    expectOneLineError(
        tlw(test::quickTrainArguments(model, {"--two-phase", "10:x:1e-5"})),
        "--two-phase '10:x:1e-5': K 'x': expected a layer index or one of SqueezeNet v1.1's presets "
        "(last-block, last-two-blocks, last-two-stages)");
    expectOneLineError(tlw(test::quickTrainArguments(model, {"--val-dir", test::tinyHymenoptera().string(),
                                                             "--validation-split", "0.2"})),
                       "--val-dir and --validation-split exclude each other");
    expectOneLineError(
        tlw({"train", test::tinyHymenoptera().string(), "--backbone", "alexnet", "--out", model.string()}),
        "unknown backbone 'alexnet'");
    expectOneLineError(tlw(test::quickTrainArguments(model, {"--fine-tune-at", "3", "--freeze", "conv1"})),
                       "exclude each other");
    expectOneLineError(tlw({"train", test::tinyHymenoptera().string()}), "--out is required");
    expectOneLineError(tlw(test::quickTrainArguments(model, {"--augment", "blur"})),
                       "unknown augmentation 'blur'");
    expectOneLineError(tlw(withHeadSolver(test::quickTrainArguments(model, {}), "newton")),
                       "unknown head solver 'newton' (use exact or adam)");
    EXPECT_FALSE(fs::exists(model));

    expectOneLineError(tlw({"resume", model.string()}), "no such checkpoint");
    expectOneLineError(tlw({"evaluate", model.string(), test::tinyHymenoptera().string()}), model.string());
    expectOneLineError(tlw({"predict", model.string()}), "give images or folders after the model");
    expectOneLineError(tlw({"export", model.string()}),
                       "give --torchscript OUT.pt, --onnx OUT.onnx, or both");
}

TEST_F(TlwTrainTest, WithoutWeightsItSaysWhichFlagsHelpAndAllowRandomTrainsLoudlyNotPretrained) {
    const fs::path model = m_out / "random.tlwm";
    const std::string isolated = test::isolatedWeightsEnvironment(m_home.path().string()) +
                                 " TLW_CACHE_DIR=" + test::shellQuoted((m_home / "cache").string());
    const TlwRun missing = runTlw(test::quickTrainArguments(model, {"--epochs", "1"}), isolated);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(contains(missing.err, "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5 not found"))
        << missing.err;
    EXPECT_TRUE(contains(missing.err, "Or add --allow-random to train from random weights")) << missing.err;

    const TlwRun random =
        runTlw(test::quickTrainArguments(model, {"--epochs", "1", "--allow-random"}), isolated);
    ASSERT_EQ(random.exitCode, 0) << random.err;
    EXPECT_TRUE(contains(random.out, "Weights: *** NOT PRETRAINED *** ")) << random.out;
    const TlwRun info = runTlw({"info", model.string()});
    EXPECT_TRUE(contains(info.out, "*** NOT PRETRAINED ***")) << info.out;
}

}  // namespace
}  // namespace tlw
