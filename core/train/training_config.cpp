#include "core/train/training_config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/util/error.h"

namespace tlw {
namespace {

using nlohmann::json;

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

json pathJson(const std::optional<std::filesystem::path>& path) {
    return path ? json(path->u8string()) : json(nullptr);
}

std::optional<std::filesystem::path> optionalPath(const json& value) {
    if (value.is_null()) return std::nullopt;
    return std::filesystem::u8path(value.get<std::string>());
}

json freezeToJson(const FreezeSpec& spec) {
    json out = json::object();
    out["all"] = spec.freezesAll();
    out["fine_tune_at"] = spec.fineTuneAtValue() ? json(*spec.fineTuneAtValue()) : json(nullptr);
    out["indices"] = spec.indices();
    out["names"] = spec.layerNames();
    return out;
}

FreezeSpec freezeFromJson(const json& in) {
    FreezeSpec spec;
    if (in.at("all").get<bool>()) spec.add(FreezeSpec::all());
    if (!in.at("fine_tune_at").is_null()) spec.add(FreezeSpec::fineTuneAt(in.at("fine_tune_at").get<int>()));
    const auto indices = in.at("indices").get<std::vector<int>>();
    if (!indices.empty()) spec.add(FreezeSpec::layerIndices(indices));
    const auto names = in.at("names").get<std::vector<std::string>>();
    if (!names.empty()) spec.add(FreezeSpec::names(names));
    return spec;
}

}  // namespace

std::string optimizerId(OptimizerKind kind) { return kind == OptimizerKind::Adam ? "adam" : "sgd"; }

OptimizerKind parseOptimizerKind(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "adam") return OptimizerKind::Adam;
    if (id == "sgd") return OptimizerKind::Sgd;
    throw Error("unknown optimizer '" + text + "' (use adam or sgd)");
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

std::string precisionId(Precision precision) { return precision == Precision::Float32 ? "fp32" : "bf16"; }

Precision parsePrecision(const std::string& text) {
    const std::string id = lowered(text);
    if (id == "fp32" || id == "float32") return Precision::Float32;
    if (id == "bf16" || id == "bfloat16") return Precision::BFloat16;
    throw Error("unknown precision '" + text + "' (use fp32 or bf16)");
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
    require(epochs >= 1 && epochs <= 100000,
            "epochs must be at least 1 (got " + std::to_string(epochs) + ")");
    require(batchSize >= 1 && batchSize <= 65536,
            "batch size must be from 1 to 65536 (got " + std::to_string(batchSize) + ")");
    require(std::isfinite(learningRate) && learningRate > 0, "the learning rate must be above 0");
    require(std::isfinite(momentum) && momentum >= 0 && momentum < 1, "momentum must be from 0 to below 1");
    require(dropout >= 0 && dropout < 1, "dropout must be from 0 to below 1");
    require(validationSplit >= 0 && validationSplit < 1, "the validation split must be from 0 to below 1");
    require(!(validationDir && validationSplit > 0),
            "give a validation folder or a validation split, not both");
    require(imageSize.width >= kMinimumInputSide && imageSize.height >= kMinimumInputSide,
            "the image size must be at least " + std::to_string(kMinimumInputSide) + " pixels");
    require(threads >= 0, "threads must be 0 (all cores) or more");
    if (replaceImageNetTop) {
        require(backboneHasTop(backbone), backboneDisplayName(backbone) + " has no ImageNet top to replace");
        require(imageSize == kTopInputSize, "the model with its ImageNet top needs 224x224 images");
    }
    if (fineTune) {
        require(fineTune->epochs >= 1, "the fine-tuning phase needs at least 1 epoch");
        require(std::isfinite(fineTune->learningRate) && fineTune->learningRate > 0,
                "the fine-tuning learning rate must be above 0");
    }
    require(earlyStopping.patience >= 0, "early stopping patience must be 0 or more");
    require(earlyStopping.minDelta >= 0, "early stopping min_delta must be 0 or more");
    require(reduceLr.factor > 0 && reduceLr.factor < 1, "ReduceLROnPlateau's factor must be between 0 and 1");
    require(reduceLr.patience >= 0 && reduceLr.cooldown >= 0,
            "ReduceLROnPlateau's patience must be 0 or more");
    require(cache.ramBudgetBytes >= 0, "the cache RAM budget must be 0 (automatic) or more");
    require(!outputModel.empty(), "no output model file given");
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

std::string trainingConfigToJson(const TrainingConfig& config) {
    json out;
    out["data_dir"] = config.dataDir.u8string();
    out["validation_dir"] = pathJson(config.validationDir);
    out["validation_split"] = config.validationSplit;
    out["test_dir"] = pathJson(config.testDir);
    out["manifest"] = pathJson(config.manifest);
    out["image_size"] = {config.imageSize.height, config.imageSize.width};
    out["crop_to_aspect_ratio"] = config.cropToAspectRatio;
    out["backbone"] = backboneId(config.backbone);
    out["replace_imagenet_top"] = config.replaceImageNetTop;
    out["weights_file"] = pathJson(config.weightsFile);
    out["allow_download"] = config.allowDownload;
    out["allow_random_init"] = config.allowRandomInit;
    out["freeze"] = freezeToJson(config.freeze);
    out["dropout"] = config.dropout;
    out["normalize_features"] = config.normalizeFeatures;
    out["epochs"] = config.epochs;
    out["batch_size"] = config.batchSize;
    out["learning_rate"] = config.learningRate;
    out["optimizer"] = optimizerId(config.optimizer);
    out["momentum"] = config.momentum;
    if (config.fineTune) {
        out["fine_tune"] = {{"epochs", config.fineTune->epochs},
                            {"fine_tune_at", config.fineTune->fineTuneAt},
                            {"learning_rate", config.fineTune->learningRate}};
    } else {
        out["fine_tune"] = nullptr;
    }
    const EarlyStoppingSettings& stop = config.earlyStopping;
    out["early_stopping"] = {{"enabled", stop.enabled},
                             {"monitor", monitoredMetricId(stop.monitor)},
                             {"patience", stop.patience},
                             {"min_delta", stop.minDelta}};
    const ReduceLrSettings& reduce = config.reduceLr;
    out["reduce_lr"] = {{"enabled", reduce.enabled},       {"monitor", monitoredMetricId(reduce.monitor)},
                        {"factor", reduce.factor},         {"patience", reduce.patience},
                        {"min_delta", reduce.minDelta},    {"cooldown", reduce.cooldown},
                        {"min_lr", reduce.minLearningRate}};
    out["class_weights"] = config.classWeighting == ClassWeighting::Balanced ? "balanced" : "none";
    out["augmentation"] = formatAugmentation(config.augmentation);
    out["seed"] = config.seed;
    out["threads"] = config.threads;
    out["precision"] = precisionId(config.precision);
    out["cache"] = {{"enabled", config.cache.enabled},
                    {"directory", config.cache.directory.u8string()},
                    {"ram_budget_bytes", config.cache.ramBudgetBytes},
                    {"storage", cacheStorageId(config.cache.storage)}};
    out["output_model"] = config.outputModel.u8string();
    return out.dump(2);
}

TrainingConfig trainingConfigFromJson(const std::string& text) {
    TrainingConfig config;
    try {
        const json in = json::parse(text);
        config.dataDir = std::filesystem::u8path(in.at("data_dir").get<std::string>());
        config.validationDir = optionalPath(in.at("validation_dir"));
        config.validationSplit = in.at("validation_split").get<double>();
        config.testDir = optionalPath(in.at("test_dir"));
        config.manifest = optionalPath(in.at("manifest"));
        config.imageSize =
            ImageSize{in.at("image_size").at(0).get<int>(), in.at("image_size").at(1).get<int>()};
        config.cropToAspectRatio = in.at("crop_to_aspect_ratio").get<bool>();
        config.backbone = parseBackboneKind(in.at("backbone").get<std::string>());
        config.replaceImageNetTop = in.at("replace_imagenet_top").get<bool>();
        config.weightsFile = optionalPath(in.at("weights_file"));
        config.allowDownload = in.at("allow_download").get<bool>();
        config.allowRandomInit = in.at("allow_random_init").get<bool>();
        config.freeze = freezeFromJson(in.at("freeze"));
        config.dropout = in.at("dropout").get<double>();
        // Absent from settings written before the option existed, which had no Normalization.
        config.normalizeFeatures = in.value("normalize_features", false);
        config.epochs = in.at("epochs").get<int>();
        config.batchSize = in.at("batch_size").get<int>();
        config.learningRate = in.at("learning_rate").get<double>();
        config.optimizer = parseOptimizerKind(in.at("optimizer").get<std::string>());
        config.momentum = in.at("momentum").get<double>();
        if (!in.at("fine_tune").is_null()) {
            const json& fine = in.at("fine_tune");
            config.fineTune =
                FineTuneSettings{fine.at("epochs").get<int>(), fine.at("fine_tune_at").get<int>(),
                                 fine.at("learning_rate").get<double>()};
        }
        const json& stop = in.at("early_stopping");
        config.earlyStopping = {stop.at("enabled").get<bool>(),
                                parseMonitoredMetric(stop.at("monitor").get<std::string>()),
                                stop.at("patience").get<int>(), stop.at("min_delta").get<double>()};
        const json& reduce = in.at("reduce_lr");
        config.reduceLr = {reduce.at("enabled").get<bool>(),
                           parseMonitoredMetric(reduce.at("monitor").get<std::string>()),
                           reduce.at("factor").get<double>(),
                           reduce.at("patience").get<int>(),
                           reduce.at("min_delta").get<double>(),
                           reduce.at("cooldown").get<int>(),
                           reduce.at("min_lr").get<double>()};
        const std::string weighting = in.at("class_weights").get<std::string>();
        if (weighting != "none" && weighting != "balanced")
            throw Error("unknown class_weights '" + weighting + "'");
        config.classWeighting = weighting == "balanced" ? ClassWeighting::Balanced : ClassWeighting::None;
        config.augmentation = parseAugmentation(in.at("augmentation").get<std::string>());
        config.seed = in.at("seed").get<std::uint64_t>();
        config.threads = in.at("threads").get<int>();
        config.precision = parsePrecision(in.at("precision").get<std::string>());
        const json& cache = in.at("cache");
        config.cache.enabled = cache.at("enabled").get<bool>();
        config.cache.directory = std::filesystem::u8path(cache.at("directory").get<std::string>());
        config.cache.ramBudgetBytes = cache.at("ram_budget_bytes").get<std::int64_t>();
        config.cache.storage = parseCacheStorage(cache.at("storage").get<std::string>());
        config.outputModel = std::filesystem::u8path(in.at("output_model").get<std::string>());
    } catch (const json::exception& e) {
        throw Error(std::string("malformed training settings: ") + e.what());
    }
    return config;
}

}  // namespace tlw
