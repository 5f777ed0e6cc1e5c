// An evaluation for machines (JSON) and for people (a text report in scikit-learn's layout).
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/data/dataset.h"
#include "core/eval/evaluation.h"
#include "core/eval/probability_report.h"
#include "core/util/text_width.h"

namespace tlw {
namespace {

using Json = nlohmann::ordered_json;

// scikit-learn's "macro avg" and "weighted avg" rows.
struct Average {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::size_t support = 0;
};

// Classes with images or predictions: the labels scikit-learn reports when none are given.
std::vector<std::size_t> reportedClasses(const EvaluationResult& result) {
    std::vector<std::size_t> classes;
    for (std::size_t c = 0; c < result.perClass.size(); ++c) {
        std::size_t predicted = 0;
        for (const auto& row : result.confusion) predicted += row[c];
        if (result.perClass[c].support > 0 || predicted > 0) classes.push_back(c);
    }
    return classes;
}

Average average(const EvaluationResult& result, bool weighted) {
    Average total;
    const std::vector<std::size_t> classes = reportedClasses(result);
    double weightSum = 0.0;
    for (const std::size_t c : classes) {
        const ClassMetrics& metrics = result.perClass[c];
        const double weight = weighted ? static_cast<double>(metrics.support) : 1.0;
        total.precision += weight * metrics.precision;
        total.recall += weight * metrics.recall;
        total.f1 += weight * metrics.f1;
        total.support += metrics.support;
        weightSum += weight;
    }
    if (weightSum > 0) {
        total.precision /= weightSum;
        total.recall /= weightSum;
        total.f1 /= weightSum;
    }
    return total;
}

Json averageJson(const Average& average) {
    return {{"precision", average.precision},
            {"recall", average.recall},
            {"f1", average.f1},
            {"support", average.support}};
}

std::string fixed(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

std::string pathText(const std::filesystem::path& path, const std::filesystem::path& root) {
    return root.empty() ? path.u8string() : relativePathUnder(path, root);
}

// classification_report(digits=2): names right-aligned in a column as wide as the widest (at least
// "weighted avg"), then precision, recall, f1-score and support in columns of 9 after a blank.
void writeClassTable(std::ostringstream& out, const EvaluationResult& result) {
    std::size_t nameWidth = displayWidth("weighted avg");
    for (const ClassMetrics& metrics : result.perClass)
        nameWidth = std::max(nameWidth, displayWidth(metrics.className));
    const auto cell = [](const std::string& text) { return " " + padLeft(text, 9); };
    const auto row = [&](const std::string& name, const std::string& p, const std::string& r,
                         const std::string& f, const std::string& s) {
        out << padLeft(name, nameWidth) << " " << cell(p) << cell(r) << cell(f) << cell(s) << "\n";
    };
    row("", "precision", "recall", "f1-score", "support");
    out << "\n";
    for (const ClassMetrics& m : result.perClass)
        row(m.className, fixed(m.precision, 2), fixed(m.recall, 2), fixed(m.f1, 2),
            std::to_string(m.support));
    out << "\n";
    const std::string count = std::to_string(result.imageCount());
    row("accuracy", "", "", fixed(result.accuracy, 2), count);
    for (const bool weighted : {false, true}) {
        const Average a = average(result, weighted);
        row(weighted ? "weighted avg" : "macro avg", fixed(a.precision, 2), fixed(a.recall, 2),
            fixed(a.f1, 2), std::to_string(a.support));
    }
}

// Rows are true classes, columns predicted ones, each column as wide as its name or its largest count.
void writeConfusion(std::ostringstream& out, const EvaluationResult& result) {
    out << "Confusion matrix (rows: true class, columns: predicted class)\n";
    std::size_t nameWidth = 0;
    for (const std::string& name : result.classNames) nameWidth = std::max(nameWidth, displayWidth(name));
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < result.classNames.size(); ++c) {
        std::size_t width = displayWidth(result.classNames[c]);
        for (const auto& row : result.confusion) width = std::max(width, std::to_string(row[c]).size());
        widths.push_back(width);
    }
    out << std::string(nameWidth, ' ');
    for (std::size_t c = 0; c < widths.size(); ++c) out << "  " << padLeft(result.classNames[c], widths[c]);
    out << "\n";
    for (std::size_t t = 0; t < result.confusion.size(); ++t) {
        out << padRight(result.classNames[t], nameWidth);
        for (std::size_t c = 0; c < widths.size(); ++c)
            out << "  " << padLeft(std::to_string(result.confusion[t][c]), widths[c]);
        out << "\n";
    }
}

void writeMistakes(std::ostringstream& out, const EvaluationResult& result) {
    constexpr std::size_t kShown = 10;
    const std::vector<const ImageOutcome*> mistakes = result.misclassifiedByLoss();
    if (mistakes.empty()) return;
    out << "\nHighest-loss mistakes (" << std::min(kShown, mistakes.size()) << " of " << mistakes.size()
        << "):\n";
    for (std::size_t i = 0; i < mistakes.size() && i < kShown; ++i) {
        const ImageOutcome& image = *mistakes[i];
        out << "  " << image.file.u8string() << ": " << result.classNames[static_cast<size_t>(image.label)]
            << " taken for " << result.classNames[static_cast<size_t>(image.predicted)] << " ("
            << fixed(image.probabilities[static_cast<size_t>(image.predicted)], 4) << "), loss "
            << fixed(image.loss, 4) << "\n";
    }
}

}  // namespace

std::string evaluationToJson(const EvaluationResult& result, const std::filesystem::path& root, int indent) {
    Json perClass = Json::array();
    for (const ClassMetrics& m : result.perClass)
        perClass.push_back({{"class", m.className},
                            {"precision", m.precision},
                            {"recall", m.recall},
                            {"f1", m.f1},
                            {"support", m.support}});
    Json images = Json::array();
    for (const ImageOutcome& image : result.images)
        images.push_back({{"file", pathText(image.file, root)},
                          {"label", image.label},
                          {"predicted", image.predicted},
                          {"loss", image.loss},
                          {"probabilities", image.probabilities}});
    Json failures = Json::array();
    for (const ImageFailure& failure : result.failures)
        failures.push_back({{"file", pathText(failure.path, root)}, {"reason", failure.reason}});
    const Json json = {
        {"image_count", result.imageCount()},
        {"loss", result.loss},
        {"accuracy", result.accuracy},
        {"balanced_accuracy", result.balancedAccuracy},
        {"classes", result.classNames},
        {"per_class", perClass},
        {"macro_avg", averageJson(average(result, false))},
        {"weighted_avg", averageJson(average(result, true))},
        {"confusion_matrix", result.confusion},
        {"images", images},
        {"failures", failures},
        {"calibration", calibrationToJson(result.calibration)},
        {"binary_curves", curvesToJson(result)},
        {"pretrained", result.pretrained},
        {"cancelled", result.cancelled},
    };
    return json.dump(indent);
}

std::string formatEvaluationReport(const EvaluationResult& result) {
    std::ostringstream out;
    out << "Images evaluated: " << result.imageCount();
    if (!result.failures.empty()) out << " (" << result.failures.size() << " could not be read)";
    out << "\n";
    if (result.cancelled)
        out << "Cancelled: these figures cover only the images evaluated before the stop.\n";
    if (!result.pretrained)
        out << "Note: the backbone was not pretrained (it started from random weights).\n";
    out << "loss: " << fixed(result.loss, 4) << " - accuracy: " << fixed(result.accuracy, 4)
        << " - balanced accuracy: " << fixed(result.balancedAccuracy, 4) << "\n";
    writeRankingFigures(out, result);
    out << "\n";
    writeClassTable(out, result);
    out << "\n";
    writeConfusion(out, result);
    out << "\n";
    writeCalibration(out, result);
    writeMistakes(out, result);
    if (!result.failures.empty()) {
        out << "\nCould not read " << result.failures.size()
            << (result.failures.size() == 1 ? " image" : " images") << ":\n";
        for (const ImageFailure& failure : result.failures)
            out << "  " << failure.path.u8string() << ": " << failure.reason << "\n";
    }
    return out.str();
}

}  // namespace tlw
