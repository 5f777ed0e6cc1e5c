#pragma once

// Core-internal: the calibration and ranking parts of an evaluation's JSON and text report
// (evaluation_report.cpp writes the rest).

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/eval/evaluation.h"

namespace tlw {

// {"temperature", "fitted", "ece_before", "ece_after", "bins_before", "bins_after": [{"lower", "upper",
//  "count", "confidence", "accuracy"}]}
nlohmann::ordered_json calibrationToJson(const CalibrationFigures& calibration);
// {"positive_class", "roc_auc", "average_precision", "positives", "negatives", "points": [...]}, or null
// without curves. Areas that do not exist (one class only) are null.
nlohmann::ordered_json curvesToJson(const EvaluationResult& result);

// "Calibration: temperature 1.62 (fitted on the validation split)", the ECE before and after, and the
// calibrated reliability table (bins with images only).
void writeCalibration(std::ostream& out, const EvaluationResult& result);
// "ROC AUC: 0.9612 - average precision: 0.9540 (positive class: bees)", for two classes.
void writeRankingFigures(std::ostream& out, const EvaluationResult& result);

}  // namespace tlw
