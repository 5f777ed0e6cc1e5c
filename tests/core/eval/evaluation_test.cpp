#include "core/eval/evaluation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/util/error.h"
#include "core/util/text_width.h"

namespace tlw {
namespace {

// Four classes; d has no images but is predicted once, c has images but is never predicted.
//   true a: predicted a, a, b      true b: predicted b, a, d      true c: predicted a, b
std::vector<ImageOutcome> fixedOutcomes() {
    const std::vector<std::pair<int, int>> truthAndPrediction = {{0, 0}, {0, 0}, {0, 1}, {1, 1},
                                                                 {1, 0}, {1, 3}, {2, 0}, {2, 1}};
    std::vector<ImageOutcome> images;
    for (size_t i = 0; i < truthAndPrediction.size(); ++i) {
        ImageOutcome image;
        image.file = "/data/test/img" + std::to_string(i) + ".png";
        image.label = truthAndPrediction[i].first;
        image.probabilities = {0.1f, 0.1f, 0.1f, 0.1f};
        image.probabilities[static_cast<size_t>(truthAndPrediction[i].second)] = 0.7f;
        image.predicted = -1;  // summarizeEvaluation decides
        image.loss = 0.1 * static_cast<double>(i + 1);
        images.push_back(image);
    }
    return images;
}

EvaluationResult fixedResult() { return summarizeEvaluation({"a", "b", "c", "d"}, fixedOutcomes(), false); }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
}

TEST(Evaluation, MetricsMatchScikitLearnWithZeroDivisionZero) {
    const EvaluationResult result = fixedResult();
    const std::vector<std::vector<std::size_t>> confusion = {
        {2, 1, 0, 0}, {1, 1, 0, 1}, {1, 1, 0, 0}, {0, 0, 0, 0}};
    EXPECT_EQ(result.confusion, confusion);
    EXPECT_DOUBLE_EQ(result.accuracy, 3.0 / 8);
    EXPECT_DOUBLE_EQ(result.balancedAccuracy, (2.0 / 3 + 1.0 / 3 + 0.0) / 3);  // d has no images
    EXPECT_DOUBLE_EQ(result.loss, 0.45);
    ASSERT_EQ(result.perClass.size(), 4u);
    const double expected[4][3] = {
        {2.0 / 4, 2.0 / 3, 4.0 / 7}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0, 0, 0}, {0, 0, 0}};
    const std::size_t support[4] = {3, 3, 2, 0};
    for (size_t c = 0; c < 4; ++c) {
        EXPECT_DOUBLE_EQ(result.perClass[c].precision, expected[c][0]) << c;
        EXPECT_DOUBLE_EQ(result.perClass[c].recall, expected[c][1]) << c;
        EXPECT_DOUBLE_EQ(result.perClass[c].f1, expected[c][2]) << c;
        EXPECT_EQ(result.perClass[c].support, support[c]) << c;
    }
    EXPECT_EQ(result.images[5].predicted, 3);
    EXPECT_EQ(result.imageCount(), 8u);
}

TEST(Evaluation, TiesGoToTheLowerClassAsTheNetworkDecides) {
    ImageOutcome image;
    image.probabilities = {0.5f, 0.5f};
    const EvaluationResult result = summarizeEvaluation({"cat", "dog"}, {image}, true);
    EXPECT_EQ(result.images[0].predicted, 0);
}

TEST(Evaluation, InconsistentOutcomesAreErrors) {
    ImageOutcome image;
    image.file = "x.png";
    image.probabilities = {0.2f, 0.8f};
    image.label = 2;
    EXPECT_THROW(summarizeEvaluation({"a", "b"}, {image}, true), Error);
    image.label = 1;
    EXPECT_THROW(summarizeEvaluation({"a", "b", "c"}, {image}, false), Error);
    EXPECT_THROW(summarizeEvaluation({"a", "b", "c"}, {}, true), Error);
    const EvaluationResult empty = summarizeEvaluation({"a", "b"}, {}, true);
    EXPECT_EQ(empty.accuracy, 0.0);
    EXPECT_EQ(empty.loss, 0.0);
}

TEST(Evaluation, MisclassifiedImagesComeHighestLossFirst) {
    const EvaluationResult result = fixedResult();
    const std::vector<const ImageOutcome*> mistakes = result.misclassifiedByLoss();
    ASSERT_EQ(mistakes.size(), 5u);
    EXPECT_EQ(mistakes[0]->file, "/data/test/img7.png");
    EXPECT_EQ(mistakes[4]->file, "/data/test/img2.png");
    for (const ImageOutcome* image : mistakes) EXPECT_NE(image->label, image->predicted);
}

TEST(Evaluation, JsonHoldsFiguresImagesAndRelativePaths) {
    EvaluationResult result = fixedResult();
    result.failures.push_back({8, "/data/test/broken.png", "not an image (text file)"});
    result.pretrained = false;
    const nlohmann::json json = nlohmann::json::parse(evaluationToJson(result, "/data"));
    EXPECT_EQ(json["image_count"], 8);
    EXPECT_DOUBLE_EQ(json["accuracy"].get<double>(), 0.375);
    EXPECT_DOUBLE_EQ(json["loss"].get<double>(), 0.45);
    EXPECT_DOUBLE_EQ(json["balanced_accuracy"].get<double>(), 1.0 / 3);
    EXPECT_EQ(json["classes"], (std::vector<std::string>{"a", "b", "c", "d"}));
    EXPECT_EQ(json["per_class"][0]["class"], "a");
    EXPECT_DOUBLE_EQ(json["per_class"][0]["f1"].get<double>(), 4.0 / 7);
    EXPECT_EQ(json["per_class"][2]["support"], 2);
    EXPECT_EQ(json["confusion_matrix"][1], (std::vector<int>{1, 1, 0, 1}));
    // scikit-learn's averages: over a, b, c and d (predicted once), weighted by support.
    EXPECT_DOUBLE_EQ(json["macro_avg"]["precision"].get<double>(), (0.5 + 1.0 / 3) / 4);
    EXPECT_DOUBLE_EQ(json["weighted_avg"]["recall"].get<double>(), 0.375);
    EXPECT_EQ(json["images"][3]["file"], "test/img3.png");
    EXPECT_EQ(json["images"][3]["label"], 1);
    EXPECT_EQ(json["images"][4]["predicted"], 0);
    EXPECT_DOUBLE_EQ(json["images"][4]["loss"].get<double>(), 0.5);
    EXPECT_EQ(json["images"][4]["probabilities"].size(), 4u);
    EXPECT_EQ(json["failures"][0]["file"], "test/broken.png");
    EXPECT_EQ(json["failures"][0]["reason"], "not an image (text file)");
    EXPECT_EQ(json["pretrained"], false);
    EXPECT_EQ(json["cancelled"], false);
}

TEST(Evaluation, ReportLaysOutTheTableAsScikitLearn) {
    const std::vector<std::string> report = lines(formatEvaluationReport(fixedResult()));
    const auto has = [&report](const std::string& line) {
        return std::find(report.begin(), report.end(), line) != report.end();
    };
    // classification_report(y_true, y_pred) prints exactly these lines for the fixed outcomes.
    EXPECT_TRUE(has("              precision    recall  f1-score   support"));
    EXPECT_TRUE(has("           a       0.50      0.67      0.57         3"));
    EXPECT_TRUE(has("           c       0.00      0.00      0.00         2"));
    EXPECT_TRUE(has("    accuracy                           0.38         8"));
    EXPECT_TRUE(has("   macro avg       0.21      0.25      0.23         8"));
    EXPECT_TRUE(has("weighted avg       0.31      0.38      0.34         8"));
    EXPECT_TRUE(has("loss: 0.4500 - accuracy: 0.3750 - balanced accuracy: 0.3333"));
    EXPECT_TRUE(has("   a  b  c  d"));
    EXPECT_TRUE(has("b  1  1  0  1"));
    EXPECT_TRUE(has("  /data/test/img7.png: c taken for b (0.7000), loss 0.8000"));
}

TEST(Evaluation, ReportAlignsChineseClassNamesByDisplayWidth) {
    const std::vector<std::string> names = {"篆书", "隶书", "中国古代印章文字", "d"};
    const std::string report = formatEvaluationReport(summarizeEvaluation(names, fixedOutcomes(), false));
    const std::vector<std::string> all = lines(report);
    // Table: from the header to weighted avg, every non-empty line is 16 + 1 + 4 x 10 columns wide.
    const auto header = std::find_if(all.begin(), all.end(), [](const std::string& l) {
        return l.find("precision") != std::string::npos;
    });
    ASSERT_NE(header, all.end());
    int tableLines = 0;
    for (auto line = header; line != all.end(); ++line) {
        if (line->empty()) continue;
        EXPECT_EQ(displayWidth(*line), 57u) << *line;
        ++tableLines;
        if (line->find("weighted avg") != std::string::npos) break;
    }
    EXPECT_EQ(tableLines, 8);
    EXPECT_NE(report.find("            篆书       0.50"), std::string::npos) << report;
    // Confusion matrix: all rows as wide as its header.
    const auto matrix = std::find_if(
        all.begin(), all.end(), [](const std::string& l) { return l.rfind("Confusion matrix", 0) == 0; });
    ASSERT_NE(matrix, all.end());
    const std::size_t width = displayWidth(*(matrix + 1));
    for (int row = 2; row <= 5; ++row) EXPECT_EQ(displayWidth(*(matrix + row)), width) << *(matrix + row);
}

TEST(Evaluation, ReportSaysWhenNotPretrainedCancelledOrImagesFailed) {
    EvaluationResult result = fixedResult();
    result.pretrained = false;
    result.cancelled = true;
    result.failures.push_back({8, "/data/test/broken.png", "not an image (text file)"});
    const std::string report = formatEvaluationReport(result);
    EXPECT_NE(report.find("Images evaluated: 8 (1 could not be read)"), std::string::npos) << report;
    EXPECT_NE(report.find("not pretrained"), std::string::npos);
    EXPECT_NE(report.find("Cancelled"), std::string::npos);
    EXPECT_NE(report.find("  /data/test/broken.png: not an image (text file)"), std::string::npos);
}

}  // namespace
}  // namespace tlw
