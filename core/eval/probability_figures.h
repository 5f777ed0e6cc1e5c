#pragma once

#include <optional>
#include <vector>

#include "core/eval/evaluation.h"

// The figures of an evaluation that look at the probabilities themselves rather than the decisions:
// calibration and, for two classes, ranking. Torch-free; used by summarizeEvaluation.
namespace tlw {

// Reliability diagrams of the images' top-class probabilities against correctness: `after` from
// `probabilities`, `before` from `uncalibratedConfidence` where set. The predicted class must be set.
CalibrationFigures calibrationFiguresOf(const std::vector<ImageOutcome>& images);

// ROC and precision-recall curves with class 1 as the positive one, for exactly two classes; nullopt
// otherwise or without images.
std::optional<BinaryCurves> binaryCurvesOf(const std::vector<ImageOutcome>& images, std::size_t classCount);

}  // namespace tlw
