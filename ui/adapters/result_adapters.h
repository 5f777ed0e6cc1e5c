#pragma once

#include <QImage>
#include <QString>

#include "core/data/image_decoder.h"
#include "core/eval/evaluation.h"
#include "core/eval/prediction.h"
#include "core/models/model_calibration.h"
#include "ui/pages/evaluation_summary.h"
#include "ui/widgets/prediction_card.h"

// The Evaluation and Predict pages' picture of core's results, and a pasted QImage as core's RgbImage.
namespace tlw::ui {

EvaluationSummary evaluationSummaryFrom(const tlw::EvaluationResult& result, LiveText source);
PredictionResult predictionResultFrom(const tlw::ImagePrediction& prediction);
// The same with the answer of the model's thresholds, when it has any (PredictionResult::answer).
PredictionResult predictionResultFrom(const tlw::ImagePrediction& prediction,
                                      const tlw::DecisionThresholds& decision,
                                      const std::vector<std::string>& classNames);
// Top-k and every probability of an image that has no file (pasted).
PredictionResult predictionResultFrom(const std::vector<float>& probabilities,
                                      const std::vector<std::string>& classNames, int topK);
// 8-bit RGB, row by row, as core's decoders give it (alpha dropped).
tlw::RgbImage rgbImageFrom(const QImage& image);

}  // namespace tlw::ui
