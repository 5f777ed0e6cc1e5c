#include "core/models/model_description_json.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/util/error.h"

namespace tlw {
namespace {

using Json = nlohmann::ordered_json;

// Far above any sensible CNN input, far below sizes whose activations could not be allocated.
constexpr int kLargestStoredInputSide = 8192;

template <typename T>
T optionalField(const Json& json, const char* key, T fallback) {
    const auto found = json.find(key);
    return found == json.end() || found->is_null() ? fallback : found->get<T>();
}

// "calibration": absent in files written before temperature scaling, which then load with T = 1.
ModelCalibration parseCalibration(const Json& json) {
    ModelCalibration calibration;
    const auto found = json.find("calibration");
    if (found == json.end() || found->is_null()) return calibration;
    const Json& c = *found;
    calibration.temperature = optionalField(c, "temperature", 1.0);
    calibration.fitted = optionalField(c, "fitted", false);
    calibration.validationImages = optionalField<std::size_t>(c, "validation_images", 0);
    calibration.eceBefore = optionalField(c, "ece_before", 0.0);
    calibration.eceAfter = optionalField(c, "ece_after", 0.0);
    calibration.nllBefore = optionalField(c, "nll_before", 0.0);
    calibration.nllAfter = optionalField(c, "nll_after", 0.0);
    calibration.note = optionalField<std::string>(c, "note", "");
    return calibration;
}

DecisionThresholds parseDecision(const Json& json) {
    DecisionThresholds decision;
    const auto found = json.find("decision");
    if (found == json.end() || found->is_null()) return decision;
    const auto optionalNumber = [&found](const char* key) -> std::optional<double> {
        const auto value = found->find(key);
        if (value == found->end() || value->is_null()) return std::nullopt;
        return value->get<double>();
    };
    decision.positiveThreshold = optionalNumber("positive_threshold");
    decision.unknownBelow = optionalNumber("unknown_below");
    const auto perClass = found->find("class_thresholds");
    if (perClass != found->end() && !perClass->is_null())
        decision.classThresholds = perClass->get<std::vector<double>>();
    return decision;
}

Json calibrationJson(const ModelCalibration& calibration) {
    return {{"method", "temperature_scaling"},
            {"temperature", calibration.temperature},
            {"fitted", calibration.fitted},
            {"validation_images", calibration.validationImages},
            {"ece_before", calibration.eceBefore},
            {"ece_after", calibration.eceAfter},
            {"nll_before", calibration.nllBefore},
            {"nll_after", calibration.nllAfter},
            {"note", calibration.note}};
}

Json decisionJson(const DecisionThresholds& decision) {
    Json json = Json::object();
    json["positive_threshold"] = decision.positiveThreshold ? Json(*decision.positiveThreshold) : Json();
    json["unknown_below"] = decision.unknownBelow ? Json(*decision.unknownBelow) : Json();
    // Written only when set, so that a file without per-class thresholds reads the same in older builds.
    if (!decision.classThresholds.empty()) json["class_thresholds"] = decision.classThresholds;
    return json;
}

ModelDescription parseDescription(const Json& json, const std::filesystem::path& file) {
    if (!json.is_object()) throw Error(file, "the model description is not a JSON object");
    const int version = json.at("format_version").get<int>();
    if (version > kModelFormatVersion)
        throw Error(file, "written by a newer TL Workbench (model format " + std::to_string(version) +
                              "); this version reads format " + std::to_string(kModelFormatVersion));
    if (version < 1) throw Error(file, "unknown model format " + std::to_string(version));

    ModelDescription description;
    const std::string backbone = json.at("backbone").get<std::string>();
    try {
        description.backbone = parseBackboneKind(backbone);
    } catch (const Error&) {
        throw Error(file, "unknown backbone '" + backbone + "'");
    }
    const Json& head = json.at("head");
    description.head.classCount = head.at("class_count").get<int>();
    description.head.dropout = optionalField(head, "dropout", 0.0);
    description.head.imageNetTop = optionalField(head, "imagenet_top", false);
    description.head.normalizeFeatures = optionalField(head, "normalize_features", false);
    description.classNames = json.at("class_names").get<std::vector<std::string>>();
    const Json& size = json.at("image_size");
    description.imageSize = ImageSize{size.at("height").get<int>(), size.at("width").get<int>()};
    description.cropToAspectRatio = optionalField(json, "crop_to_aspect_ratio", false);
    description.preprocessing =
        optionalField<std::string>(json, "preprocessing", backbonePreprocessingId(description.backbone));
    description.frozenLayers = optionalField(json, "frozen_layers", std::vector<int>{});
    description.pretrained = optionalField(json, "pretrained", true);
    description.weightsNote = optionalField<std::string>(json, "weights_note", "");
    description.trainingConfigJson = optionalField<std::string>(json, "training_config", "");
    description.historyJson = optionalField<std::string>(json, "history", "");
    description.manifestFingerprint = optionalField<std::string>(json, "manifest_fingerprint", "");
    description.createdBy = optionalField<std::string>(json, "created_by", "");
    description.createdAt = optionalField<std::string>(json, "created_at", "");
    description.calibration = parseCalibration(json);
    description.decision = parseDecision(json);
    return description;
}

// A description checked before it is set on a model in memory has no file to name.
[[noreturn]] void fail(const std::filesystem::path& file, const std::string& reason) {
    if (file.empty()) throw Error(reason);
    throw Error(file, reason);
}

}  // namespace

void validateCalibration(const ModelCalibration& calibration, const std::filesystem::path& file) {
    const double t = calibration.temperature;
    if (!std::isfinite(t) || t <= 0.0)
        fail(file, "calibration temperature " + std::to_string(t) + " is not a positive number");
}

void validateDecisionThresholds(const DecisionThresholds& decision, const std::filesystem::path& file) {
    const auto check = [&file](const std::optional<double>& value, const char* what) {
        if (value && !(*value >= 0.0 && *value <= 1.0))
            fail(file, std::string(what) + " " + std::to_string(*value) + " is outside [0, 1]");
    };
    check(decision.positiveThreshold, "decision threshold");
    check(decision.unknownBelow, "unknown-below threshold");
    for (std::size_t c = 0; c < decision.classThresholds.size(); ++c)
        check(decision.classThresholds[c], ("threshold of class " + std::to_string(c + 1)).c_str());
}

std::string modelDescriptionToJson(const ModelDescription& description, int indent) {
    const Json json = {
        {"format_version", kModelFormatVersion},
        {"backbone", backboneId(description.backbone)},
        {"head",
         {{"class_count", description.head.classCount},
          {"dropout", description.head.dropout},
          {"imagenet_top", description.head.imageNetTop},
          {"normalize_features", description.head.normalizeFeatures},
          {"units", description.head.units()},
          {"loss", description.head.lossName()}}},
        {"class_names", description.classNames},
        {"image_size", {{"height", description.imageSize.height}, {"width", description.imageSize.width}}},
        {"crop_to_aspect_ratio", description.cropToAspectRatio},
        {"preprocessing", description.preprocessing},
        {"frozen_layers", description.frozenLayers},
        {"pretrained", description.pretrained},
        {"weights_note", description.weightsNote},
        {"training_config", description.trainingConfigJson},
        {"history", description.historyJson},
        {"manifest_fingerprint", description.manifestFingerprint},
        {"created_by", description.createdBy},
        {"created_at", description.createdAt},
        {"calibration", calibrationJson(description.calibration)},
        {"decision", decisionJson(description.decision)},
    };
    return json.dump(indent);
}

ModelDescription modelDescriptionFromJson(const std::string& json, const std::filesystem::path& file) {
    ModelDescription description;
    try {
        description = parseDescription(Json::parse(json), file);
    } catch (const nlohmann::json::exception& e) {
        // nlohmann's messages read "[json.exception.out_of_range.403] key 'head' not found".
        std::string reason = e.what();
        const std::size_t bracket = reason.find("] ");
        if (bracket != std::string::npos) reason = reason.substr(bracket + 2);
        throw Error(file, "malformed model description: " + reason);
    }
    validateModelDescription(description, file);
    return description;
}

void validateModelDescription(const ModelDescription& description, const std::filesystem::path& file) {
    const HeadSpec& head = description.head;
    if (head.classCount < 2)
        throw Error(file,
                    "a classifier needs at least 2 classes, the head has " + std::to_string(head.classCount));
    if (description.classNames.size() != static_cast<size_t>(head.classCount))
        throw Error(file, std::to_string(description.classNames.size()) + " class names for a head of " +
                              std::to_string(head.classCount) + " classes");
    std::set<std::string> seen;
    for (const std::string& name : description.classNames) {
        if (name.empty()) throw Error(file, "a class name is empty");
        if (!seen.insert(name).second) throw Error(file, "class name '" + name + "' appears twice");
    }
    if (!std::isfinite(head.dropout) || head.dropout < 0.0 || head.dropout >= 1.0)
        throw Error(file, "dropout rate " + std::to_string(head.dropout) + " is outside [0, 1)");

    const ImageSize size = description.imageSize;
    if (size.height < kMinimumInputSide || size.width < kMinimumInputSide)
        throw Error(file, "image size " + toString(size) + " is below the minimum of " +
                              std::to_string(kMinimumInputSide) + " pixels a side");
    if (size.height > kLargestStoredInputSide || size.width > kLargestStoredInputSide)
        throw Error(file, "image size " + toString(size) + " is above the maximum of " +
                              std::to_string(kLargestStoredInputSide) + " pixels a side");
    if (head.imageNetTop) {
        if (!backboneHasTop(description.backbone))
            throw Error(file, backboneDisplayName(description.backbone) + " has no ImageNet top to replace");
        if (size != kTopInputSize)
            throw Error(
                file, "the ImageNet top needs " + toString(kTopInputSize) + " images, not " + toString(size));
    }
    // The backbone decides its preprocessing (BackboneModule adapts the pipeline's caffe input to it); a
    // file saying otherwise was not written for this network.
    const std::string expected = backbonePreprocessingId(description.backbone);
    if (description.preprocessing != expected)
        throw Error(file, "preprocessing '" + description.preprocessing + "' does not match " +
                              backboneDisplayName(description.backbone) + " (" + expected + ")");

    validateCalibration(description.calibration, file);
    validateDecisionThresholds(description.decision, file);
    const std::size_t perClass = description.decision.classThresholds.size();
    if (perClass != 0 && perClass != description.classNames.size())
        throw Error(file, std::to_string(perClass) + " per-class thresholds for " +
                              std::to_string(description.classNames.size()) + " classes");

    const int layerCount = static_cast<int>(
        describeBackbone(description.backbone, description.imageSize, head.imageNetTop).size());
    for (const int layer : description.frozenLayers)
        if (layer < 0 || layer >= layerCount)
            throw Error(file, "frozen layer " + std::to_string(layer) + " is not one of the " +
                                  std::to_string(layerCount) + " layers of " +
                                  backboneDisplayName(description.backbone));
}

}  // namespace tlw
