// Calibration and thresholds through tlw, as a user meets them: tlw train fits the temperature on the
// validation images and says so, tlw evaluate reports the expected calibration error before and after and,
// for two classes, ROC AUC and average precision, tlw predict answers under thresholds ("unknown" included)
// and stores them in the model, tlw info shows both.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/app/tlw/tiny_training_test.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::TlwRun;

using test::contains;

class TlwCalibrationTest : public test::TinyTrainingTest {};

TEST_F(TlwCalibrationTest, TrainFitsATemperatureEvaluateReportsEceAndCurvesPredictAppliesThresholds) {
    const fs::path model = m_out / "bees.tlwm";
    const fs::path val = test::tinyHymenoptera() / "val";
    const TlwRun trained = tlw(test::quickTrainArguments(model, {"--epochs", "2"}));
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    const std::regex fitted(
        R"(calibration: temperature [0-9.e+-]+, fitted on 10 validation images; expected )"
        R"(calibration error \d\.\d{4} -> \d\.\d{4} \(15 bins\), NLL \d+\.\d{4} -> \d+\.\d{4})");
    EXPECT_TRUE(std::regex_search(trained.out + trained.err, fitted)) << trained.out << trained.err;

    const TlwRun json = tlw({"evaluate", model.string(), val.string(), "--json"});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    const auto evaluation = nlohmann::json::parse(json.out);
    const auto& calibration = evaluation["calibration"];
    EXPECT_TRUE(calibration["fitted"].get<bool>());
    EXPECT_GT(calibration["temperature"].get<double>(), 0.0);
    EXPECT_EQ(calibration["bins_after"].size(), 15u);
    // tlw evaluate on the validation folder sees what the fit saw: calibration can only lower the NLL, and
    // the ECE it reports before is the training log's.
    const auto info = nlohmann::json::parse(tlw({"info", model.string(), "--json"}).out);
    EXPECT_NEAR(calibration["ece_before"].get<double>(), info["calibration"]["ece_before"].get<double>(),
                1e-4);
    EXPECT_NEAR(calibration["ece_after"].get<double>(), info["calibration"]["ece_after"].get<double>(), 1e-4);
    EXPECT_LE(info["calibration"]["nll_after"].get<double>(),
              info["calibration"]["nll_before"].get<double>());
    const auto& curves = evaluation["binary_curves"];
    ASSERT_TRUE(curves.is_object()) << json.out;
    EXPECT_EQ(curves["positive_class"], "bees");
    EXPECT_EQ(curves["positives"], 5);
    const double auc = curves["roc_auc"].get<double>();
    EXPECT_GE(auc, 0.0);
    EXPECT_LE(auc, 1.0);
    // The arg-max never moves: each image's predicted class is its larger probability either way, and
    // the predictions agree with the uncalibrated logits' sign (the confusion matrix sums to the images).
    int predicted = 0;
    for (const auto& row : evaluation["confusion_matrix"])
        for (const auto& count : row) predicted += count.get<int>();
    EXPECT_EQ(predicted, 10);

    const TlwRun report = tlw({"evaluate", model.string(), val.string()});
    ASSERT_EQ(report.exitCode, 0) << report.err;
    EXPECT_TRUE(contains(report.out, "Calibration: temperature ")) << report.out;
    EXPECT_TRUE(std::regex_search(
        report.out,
        std::regex(R"(Expected calibration error \(15 bins\): \d\.\d{4} before, \d\.\d{4} after)")))
        << report.out;
    EXPECT_TRUE(std::regex_search(
        report.out,
        std::regex(R"(ROC AUC: \d\.\d{4} - average precision: \d\.\d{4} \(positive class: bees\))")))
        << report.out;

    // Thresholds: nothing clears 1.0, so every image is "unknown"; a threshold of 0 makes every one a bee.
    const fs::path csv = m_out / "answers.csv";
    const TlwRun unknown = tlw(
        {"predict", model.string(), (val / "ants").string(), "--unknown-below", "1", "--csv", csv.string()});
    ASSERT_EQ(unknown.exitCode, 0) << unknown.err;
    EXPECT_TRUE(contains(unknown.out, "  answer: unknown\n")) << unknown.out;
    const auto rows = test::readSimpleCsv(csv);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[0][3], "answer");
    EXPECT_EQ(rows[1][3], "unknown");
    const TlwRun bees = tlw({"predict", model.string(), (val / "ants").string(), "--threshold", "0"});
    ASSERT_EQ(bees.exitCode, 0) << bees.err;
    EXPECT_TRUE(contains(bees.out, "  answer: bees\n")) << bees.out;
    EXPECT_FALSE(contains(bees.out, "  answer: ants\n")) << bees.out;

    // Stored in the model, they apply without flags and tlw info shows them.
    const TlwRun saved = tlw({"predict", model.string(), (val / "ants").string(), "--threshold", "0",
                              "--unknown-below", "0.25", "--save-thresholds"});
    ASSERT_EQ(saved.exitCode, 0) << saved.err;
    const TlwRun described = tlw({"info", model.string()});
    EXPECT_TRUE(contains(described.out, "Calibration:  temperature ")) << described.out;
    EXPECT_TRUE(contains(described.out, "Decision:     decision threshold 0 for bees; unknown below 0.25\n"))
        << described.out;
    const TlwRun stored = tlw({"predict", model.string(), (val / "ants").string()});
    EXPECT_TRUE(contains(stored.out, "  answer: ")) << stored.out;

    const TlwRun refused = tlw({"predict", model.string(), (val / "ants").string(), "--threshold", "2"});
    EXPECT_NE(refused.exitCode, 0);
}

TEST_F(TlwCalibrationTest, WithoutValidationImagesTheRunLogSaysThereIsNoCalibration) {
    const fs::path model = m_out / "plain.tlwm";
    // train/ alone: class folders, and no validation fraction taken from them.
    const TlwRun trained = tlw({"train", (test::tinyHymenoptera() / "train").string(), "--backbone",
                                "squeezenet", "--image-size", "64", "--threads", "1", "--precision", "fp32",
                                "--epochs", "1", "--validation-split", "0", "--out", model.string()});
    ASSERT_EQ(trained.exitCode, 0) << trained.out << trained.err;
    EXPECT_TRUE(contains(trained.out + trained.err, "calibration: none (no validation images)"))
        << trained.out << trained.err;
    const TlwRun info = tlw({"info", model.string()});
    EXPECT_TRUE(contains(info.out, "Calibration:  none (no validation images): temperature 1\n")) << info.out;
}

}  // namespace
}  // namespace tlw
