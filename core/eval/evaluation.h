#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/data/image_batch_loader.h"
#include "core/eval/binary_curves.h"
#include "core/eval/reliability.h"
#include "core/util/batch_run_options.h"

// How well a trained model does on labelled images: the figures of Keras's model.evaluate and of
// scikit-learn's classification_report and confusion_matrix, plus each image's loss for a "top losses"
// view. Torch-free.
namespace tlw {

class TrainedModel;

struct ClassMetrics {
    std::string className;
    double precision = 0.0;  // 0 when the class was never predicted
    double recall = 0.0;     // 0 when the class has no images
    double f1 = 0.0;
    std::size_t support = 0;  // images of this class
};

struct ImageOutcome {
    std::filesystem::path file;
    int label = 0;
    int predicted = 0;
    double loss = 0.0;  // this image's cross-entropy (binary or categorical, as the model was trained)
    std::vector<float> probabilities;  // calibrated: the model's temperature applied
    // The top class's probability before the temperature (the same class: scaling keeps the arg-max);
    // unset when the model has no calibration, and then the top of `probabilities`.
    std::optional<double> uncalibratedConfidence;
};

// How well the probabilities match the accuracy: reliability diagrams (15 bins) before and after the
// model's temperature, over the evaluated images.
struct CalibrationFigures {
    double temperature = 1.0;
    bool fitted = false;  // the model carries a fitted temperature; else before and after are the same
    ReliabilityDiagram before;
    ReliabilityDiagram after;
};

struct EvaluationResult {
    std::vector<std::string> classNames;
    double loss = 0.0;  // mean over images, as Keras's evaluate (no class weights)
    double accuracy = 0.0;
    double balancedAccuracy = 0.0;  // mean recall over classes that have images
    std::vector<ClassMetrics> perClass;
    std::vector<std::vector<std::size_t>> confusion;  // [true label][predicted label]
    std::vector<ImageOutcome> images;                 // in the order evaluated
    // Images that could not be read, with the reason; evaluateFolder adds what its folder walk skipped
    // (broken links, unreadable folders) with index SIZE_MAX.
    std::vector<ImageFailure> failures;
    CalibrationFigures calibration;
    // Two classes: ranking figures for the second class (label 1) as the positive one, its probability
    // the score.
    std::optional<BinaryCurves> curves;
    bool pretrained = true;  // the model's backbone started from ImageNet weights
    bool cancelled = false;  // options.cancel stopped the run: the figures cover the images done so far

    std::size_t imageCount() const { return images.size(); }
    // Misclassified images, highest loss first.
    std::vector<const ImageOutcome*> misclassifiedByLoss() const;
};

// The figures from per-image probabilities and labels (binary models: probabilities hold both classes).
// Each image's `predicted` is derived from its probabilities (the most probable class, ties to the lower
// index, as the network decides); its `loss` is taken as given, computed by the caller from the logits,
// which stays exact where float32 probabilities saturate to 0 or 1. The calibration diagrams and, for two
// classes, the curves come from the probabilities (calibration.temperature and .fitted are the caller's
// to set). binaryLoss: the model has one logit
// and binary cross-entropy, so there must be exactly two classes. Throws tlw::Error when sizes disagree or
// a label is out of range.
EvaluationResult summarizeEvaluation(const std::vector<std::string>& classNames,
                                     std::vector<ImageOutcome> images, bool binaryLoss);

// A labelled folder (one sub-folder per class, as for training; a dataset root whose test/ holds the classes
// is accepted too). Class folders are matched to the model's classes by name: a folder the model does not
// know is an error naming it; a model class without a folder just has no images. Throws tlw::Error.
EvaluationResult evaluateFolder(const TrainedModel& model, const std::filesystem::path& folder,
                                const BatchRunOptions& options = {});
// Given files with labels (the model's label indices), e.g. a dataset's test split. Probabilities are the
// calibrated model's (its logits divided by its temperature); losses are the network's cross-entropy on
// its logits, as Keras's evaluate and the training's val_loss report them.
EvaluationResult evaluateFiles(const TrainedModel& model, const std::vector<std::filesystem::path>& files,
                               const std::vector<int>& labels, const BatchRunOptions& options = {});

// {"image_count", "loss", "accuracy", "balanced_accuracy", "classes": [...], "per_class": [{"class",
//  "precision", "recall", "f1", "support"}], "macro_avg", "weighted_avg", "confusion_matrix",
//  "images": [{"file", "label", "predicted", "loss", "probabilities"}], "failures": [{"file", "reason"}],
//  "calibration": {"temperature", "fitted", "ece_before", "ece_after", "bins_before", "bins_after":
//  [{"lower", "upper", "count", "confidence", "accuracy"}]}, "binary_curves" (two classes, else null):
//  {"positive_class", "roc_auc", "average_precision", "positives", "negatives", "points": [{"threshold",
//  "true_positive_rate", "false_positive_rate", "precision", "predicted_positive"}]}, "pretrained",
//  "cancelled"}. NaN areas (one class only) are null. Paths relative to root when they lie under it,
//  '/'-separated UTF-8.
std::string evaluationToJson(const EvaluationResult& result, const std::filesystem::path& root = {},
                             int indent = 2);
// The human report: the figures, a per-class table laid out as scikit-learn's classification_report (its
// macro and weighted averages over the classes that have images or predictions), the confusion matrix
// with class names, the highest-loss mistakes and the unreadable images. Columns are aligned by display
// width, so CJK class names line up in a terminal.
std::string formatEvaluationReport(const EvaluationResult& result);

}  // namespace tlw
