#include "core/train/training_config.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/util/compute_libraries.h"
#include "core/util/error.h"

namespace tlw {
namespace {

constexpr double kLargestLearningRate = 1e38;  // below float's largest, 3.4e38

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trimmed(const std::string& text) {
    const size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// Reads "name=value" values of --augment as a fraction in [0, 1).
double parseFraction(const std::string& item, const std::string& value) {
    size_t used = 0;
    double number = 0.0;
    try {
        number = std::stod(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value.size() || value.empty() || !(number >= 0.0 && number < 1.0))
        throw Error("augmentation '" + item + "': the value must be a number from 0 to below 1");
    return number;
}

std::string formatNumber(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

void require(bool condition, const std::string& message) {
    if (!condition) throw Error(message);
}

}  // namespace

std::string optimizerId(OptimizerKind kind) { return kind == OptimizerKind::Adam ? "adam" : "sgd"; }

OptimizerKind parseOptimizerKind(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "adam") return OptimizerKind::Adam;
    if (id == "sgd") return OptimizerKind::Sgd;
    throw Error("unknown optimizer '" + text + "' (use adam or sgd)");
}

std::string headSolverId(HeadSolver solver) { return solver == HeadSolver::Exact ? "exact" : "adam"; }

HeadSolver parseHeadSolver(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "exact") return HeadSolver::Exact;
    if (id == "adam") return HeadSolver::Adam;
    throw Error("unknown head solver '" + text + "' (use exact or adam)");
}

std::string keptWeightsId(KeptWeights kept) { return kept == KeptWeights::Best ? "best" : "last"; }

KeptWeights parseKeptWeights(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "best") return KeptWeights::Best;
    if (id == "last") return KeptWeights::Last;
    throw Error("unknown choice of kept weights '" + text + "' (use best or last)");
}

std::string monitoredMetricId(MonitoredMetric metric) {
    return metric == MonitoredMetric::ValLoss ? "val_loss" : "val_accuracy";
}

MonitoredMetric parseMonitoredMetric(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "val_loss") return MonitoredMetric::ValLoss;
    if (id == "val_accuracy" || id == "val_acc") return MonitoredMetric::ValAccuracy;
    throw Error("unknown monitor '" + text + "' (use val_loss or val_accuracy)");
}

AugmentationSettings parseAugmentation(const std::string& text) {
    AugmentationSettings settings;
    const std::string all = trimmed(text);
    if (all.empty() || lowered(all) == "none") return settings;
    size_t start = 0;
    while (start <= all.size()) {
        const size_t comma = std::min(all.find(',', start), all.size());
        const std::string item = trimmed(all.substr(start, comma - start));
        start = comma + 1;
        const size_t equals = item.find('=');
        const std::string name = lowered(trimmed(item.substr(0, equals)));
        const std::string value = equals == std::string::npos ? "" : trimmed(item.substr(equals + 1));
        if (name == "flip") {
            if (equals != std::string::npos) throw Error("augmentation 'flip' takes no value");
            settings.horizontalFlip = true;
        } else if (name == "rotation") {
            settings.rotation = parseFraction(item, value);
        } else if (name == "zoom") {
            settings.zoom = parseFraction(item, value);
        } else if (name == "translation") {
            settings.translation = parseFraction(item, value);
        } else if (name == "contrast") {
            settings.contrast = parseFraction(item, value);
        } else {
            throw Error("unknown augmentation '" + item +
                        "' (use flip, rotation=F, zoom=F, translation=F, contrast=F, or none)");
        }
    }
    return settings;
}

std::string formatAugmentation(const AugmentationSettings& settings) {
    std::vector<std::string> parts;
    if (settings.horizontalFlip) parts.push_back("flip");
    if (settings.rotation > 0) parts.push_back("rotation=" + formatNumber(settings.rotation));
    if (settings.zoom > 0) parts.push_back("zoom=" + formatNumber(settings.zoom));
    if (settings.translation > 0) parts.push_back("translation=" + formatNumber(settings.translation));
    if (settings.contrast > 0) parts.push_back("contrast=" + formatNumber(settings.contrast));
    if (parts.empty()) return "none";
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : ",") + part;
    return text;
}

std::string precisionId(Precision precision) {
    switch (precision) {
        case Precision::Float32:
            return "fp32";
        case Precision::BFloat16:
            return "bf16";
        case Precision::Auto:
            return "auto";
    }
    return "fp32";
}

Precision resolvePrecision(Precision precision) {
    if (precision != Precision::Auto) return precision;
    return cpuHasBf16Arithmetic() ? Precision::BFloat16 : Precision::Float32;
}

Precision parsePrecision(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "fp32" || id == "float32") return Precision::Float32;
    if (id == "bf16" || id == "bfloat16") return Precision::BFloat16;
    if (id == "auto") return Precision::Auto;
    throw Error("unknown precision '" + text + "' (use auto, fp32 or bf16)");
}

std::string cacheStorageId(CacheStorage storage) {
    switch (storage) {
        case CacheStorage::Float32:
            return "fp32";
        case CacheStorage::Float16:
            return "fp16";
        case CacheStorage::BFloat16:
            return "bf16";
    }
    return "fp32";
}

CacheStorage parseCacheStorage(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "fp32" || id == "float32") return CacheStorage::Float32;
    if (id == "fp16" || id == "float16") return CacheStorage::Float16;
    if (id == "bf16" || id == "bfloat16") return CacheStorage::BFloat16;
    throw Error("unknown cache storage '" + text + "' (use fp32, fp16 or bf16)");
}

void TrainingConfig::validate() const {
    require(!dataDir.empty(), "no dataset folder given");
    validateHyperParameters();
    require(dropout >= 0 && dropout < 1, "dropout must be from 0 to below 1");
    require(validationSplit >= 0 && validationSplit < 1, "the validation split must be from 0 to below 1");
    require(!(validationDir && validationSplit > 0),
            "give a validation folder or a validation split, not both");
    require(imageSize.width >= kMinimumInputSide && imageSize.height >= kMinimumInputSide,
            "the image size must be at least " + std::to_string(kMinimumInputSide) + " pixels");
    require(imageSize.width <= kMaximumInputSide && imageSize.height <= kMaximumInputSide,
            "the image size must be at most " + std::to_string(kMaximumInputSide) + " pixels");
    if (replaceImageNetTop) {
        require(backboneHasTop(backbone), backboneDisplayName(backbone) + " has no ImageNet top to replace");
        require(imageSize == kTopInputSize, "the model with its ImageNet top needs 224x224 images");
    }
    require(!outputModel.empty(), "no output model file given");
}

void TrainingConfig::validateHyperParameters() const {
    require(epochs >= 1 && epochs <= 100000,
            "epochs must be at least 1 (got " + std::to_string(epochs) + ")");
    require(batchSize >= 1 && batchSize <= 65536,
            "batch size must be from 1 to 65536 (got " + std::to_string(batchSize) + ")");
    // LibTorch's optimizers keep it as a float.
    require(std::isfinite(learningRate) && learningRate > 0 && learningRate <= kLargestLearningRate,
            "the learning rate must be above 0 and at most 1e38");
    require(std::isfinite(momentum) && momentum >= 0 && momentum < 1, "momentum must be from 0 to below 1");
    require(threads >= 0, "threads must be 0 (all cores) or more");
    if (fineTune) {
        require(fineTune->epochs >= 1, "the fine-tuning phase needs at least 1 epoch");
        require(std::isfinite(fineTune->learningRate) && fineTune->learningRate > 0 &&
                    fineTune->learningRate <= kLargestLearningRate,
                "the fine-tuning learning rate must be above 0 and at most 1e38");
    }
    require(earlyStopping.patience >= 0, "early stopping patience must be 0 or more");
    require(earlyStopping.minDelta >= 0, "early stopping min_delta must be 0 or more");
    require(reduceLr.factor > 0 && reduceLr.factor < 1, "ReduceLROnPlateau's factor must be between 0 and 1");
    require(reduceLr.patience >= 0 && reduceLr.cooldown >= 0,
            "ReduceLROnPlateau's patience must be 0 or more");
    require(cache.ramBudgetBytes >= 0, "the cache RAM budget must be 0 (automatic) or more");
}

const TrainingConfig& trainingDefaults() {
    static const TrainingConfig defaults;
    return defaults;
}

std::filesystem::path checkpointPathFor(const std::filesystem::path& model) {
    return std::filesystem::path(model).concat(".checkpoint");
}

std::filesystem::path historyCsvPathFor(const std::filesystem::path& model) {
    return std::filesystem::path(model).concat(".history.csv");
}

std::filesystem::path historyJsonPathFor(const std::filesystem::path& model) {
    return std::filesystem::path(model).concat(".history.json");
}

}  // namespace tlw
