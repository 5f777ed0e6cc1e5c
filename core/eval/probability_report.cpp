#include "core/eval/probability_report.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace tlw {
namespace {

using Json = nlohmann::ordered_json;

Json binsToJson(const ReliabilityDiagram& diagram) {
    Json bins = Json::array();
    for (const ReliabilityBin& bin : diagram.bins)
        bins.push_back({{"lower", bin.lower},
                        {"upper", bin.upper},
                        {"count", bin.count},
                        {"confidence", bin.meanConfidence},
                        {"accuracy", bin.accuracy}});
    return bins;
}

// NaN is not JSON: an area that does not exist is null.
Json numberOrNull(double value) { return std::isnan(value) ? Json() : Json(value); }

std::string fixed4(double value) {
    if (std::isnan(value)) return "n/a";
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value);
    return text;
}

void writeReliabilityTable(std::ostream& out, const ReliabilityDiagram& diagram) {
    out << "  confidence     images  accuracy  mean confidence\n";
    char line[96];
    for (const ReliabilityBin& bin : diagram.bins) {
        if (bin.count == 0) continue;
        std::snprintf(line, sizeof line, "  (%.2f, %.2f]  %7zu    %.4f           %.4f\n", bin.lower,
                      bin.upper, bin.count, bin.accuracy, bin.meanConfidence);
        out << line;
    }
}

}  // namespace

Json calibrationToJson(const CalibrationFigures& calibration) {
    return {{"temperature", calibration.temperature},
            {"fitted", calibration.fitted},
            {"bins", kReliabilityBins},
            {"ece_before", calibration.before.expectedCalibrationError},
            {"ece_after", calibration.after.expectedCalibrationError},
            {"bins_before", binsToJson(calibration.before)},
            {"bins_after", binsToJson(calibration.after)}};
}

Json curvesToJson(const EvaluationResult& result) {
    if (!result.curves) return Json();
    const BinaryCurves& curves = *result.curves;
    Json points = Json::array();
    for (const ThresholdPoint& point : curves.points)
        points.push_back({{"threshold", std::isinf(point.threshold) ? Json() : Json(point.threshold)},
                          {"true_positive_rate", point.truePositiveRate},
                          {"false_positive_rate", point.falsePositiveRate},
                          {"precision", point.precision},
                          {"predicted_positive", point.predictedPositive}});
    return {{"positive_class", result.classNames.at(1)},
            {"roc_auc", numberOrNull(curves.rocAuc)},
            {"average_precision", numberOrNull(curves.averagePrecision)},
            {"positives", curves.positives},
            {"negatives", curves.negatives},
            {"points", points}};
}

void writeCalibration(std::ostream& out, const EvaluationResult& result) {
    const CalibrationFigures& c = result.calibration;
    if (c.fitted) {
        char temperature[32];
        std::snprintf(temperature, sizeof temperature, "%.4g", c.temperature);
        out << "Calibration: temperature " << temperature << " (fitted on the validation split)\n";
        out << "Expected calibration error (" << kReliabilityBins
            << " bins): " << fixed4(c.before.expectedCalibrationError) << " before, "
            << fixed4(c.after.expectedCalibrationError) << " after calibration\n";
    } else {
        out << "Calibration: none (temperature 1)\n";
        out << "Expected calibration error (" << kReliabilityBins
            << " bins): " << fixed4(c.after.expectedCalibrationError) << "\n";
    }
    writeReliabilityTable(out, c.after);
}

void writeRankingFigures(std::ostream& out, const EvaluationResult& result) {
    if (!result.curves) return;
    out << "ROC AUC: " << fixed4(result.curves->rocAuc)
        << " - average precision: " << fixed4(result.curves->averagePrecision)
        << " (positive class: " << result.classNames.at(1) << ")\n";
}

}  // namespace tlw
