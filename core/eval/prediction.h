#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/models/trained_model.h"
#include "core/util/batch_run_options.h"

// A trained model's answers for images nobody labelled: top-k classes per image, for files and folders
// (searched recursively for image files), written as CSV on request. Torch-free.
namespace tlw {

struct ImagePrediction {
    std::filesystem::path file;
    std::vector<ClassScore> top;       // most probable first; empty when the image failed
    std::vector<float> probabilities;  // every class, label order; empty when the image failed
    int answer = -1;                   // the class the thresholds choose, or kUnknownClass (decision_rule.h)
    std::string error;                 // why the image could not be read, empty on success
};

struct PredictionOptions : BatchRunOptions {
    int topK = 5;                                // clamped to the class count
    std::optional<DecisionThresholds> decision;  // nullopt: the model's own
};

// The image files under paths: files as given (any extension: the content decides), folders walked
// recursively for files with an image extension, sorted, hidden entries skipped. Throws tlw::Error for a
// path that does not exist.
std::vector<std::filesystem::path> collectImageFiles(const std::vector<std::filesystem::path>& paths);

// Predictions in the order of collectImageFiles(paths); an unreadable image gets its error, never a throw.
// When options.cancel stops it, the predictions made so far (a prefix of that order).
std::vector<ImagePrediction> predictImages(const TrainedModel& model,
                                           const std::vector<std::filesystem::path>& paths,
                                           const PredictionOptions& options = {});

// file,top1,top1_probability,p_<class>...,error: one row per image, every class's probability (%.6g), the
// reason in the last column when the image could not be read. UTF-8, RFC 4180 quoting, LF line ends.
// With thresholds (decision.any()), an "answer" column follows top1_probability: the class they choose,
// or "unknown".
std::string predictionsToCsv(const std::vector<ImagePrediction>& predictions,
                             const std::vector<std::string>& classNames,
                             const DecisionThresholds& decision = {});

}  // namespace tlw
