#pragma once

#include <filesystem>
#include <string>

#include "core/models/trained_model.h"

// A model file's description as JSON, the document inside every .tlwm: what `tlw info` prints and what
// TrainedModel::load checks before it builds a network. Torch-free.
namespace tlw {

// The model file format this build writes; files with a higher number are refused with a clear message.
inline constexpr int kModelFormatVersion = 1;

// {"format_version", "backbone", "head": {"class_count", "dropout", "imagenet_top"}, "class_names",
//  "image_size": {"height", "width"}, "crop_to_aspect_ratio", "preprocessing", "frozen_layers",
//  "pretrained", "weights_note", "training_config", "history", "manifest_fingerprint", "created_by",
//  "created_at", "calibration": {"method", "temperature", "fitted", "validation_images", "ece_before",
//  "ece_after", "nll_before", "nll_after", "note"}, "decision": {"positive_threshold", "unknown_below",
//  "class_thresholds" (only when set: one per class)}}
//  (calibration and decision may be absent: older files; then T = 1 and the arg-max). training_config and
//  history hold the run's own JSON documents as strings, byte for byte.
std::string modelDescriptionToJson(const ModelDescription& description, int indent = 2);

// Parses and validates (see validateModelDescription). Throws tlw::Error "<file>: <reason>".
ModelDescription modelDescriptionFromJson(const std::string& json, const std::filesystem::path& file);

// Whether the description can be built: at least two classes with one unique, non-empty name each, a
// dropout rate in [0, 1), an input size the backbone accepts (at least 32 pixels a side; exactly 224x224
// with the ImageNet top, which only VGG16 has), "caffe" preprocessing, frozen layer indices inside the
// backbone, a positive calibration temperature, thresholds in [0, 1]. Throws tlw::Error "<file>: <first
// problem>".
void validateModelDescription(const ModelDescription& description, const std::filesystem::path& file);
void validateCalibration(const ModelCalibration& calibration, const std::filesystem::path& file);
void validateDecisionThresholds(const DecisionThresholds& decision, const std::filesystem::path& file);

}  // namespace tlw
