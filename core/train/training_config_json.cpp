// TrainingConfig as JSON: the whole config for checkpoints and model files, and its optimisation settings
// alone for the GUI's project files. One set of keys for both.
#include <nlohmann/json.hpp>
#include <type_traits>

#include "core/train/training_config.h"
#include "core/util/error.h"

namespace tlw {
namespace {

using nlohmann::json;

json pathJson(const std::optional<std::filesystem::path>& path) {
    return path ? json(path->u8string()) : json(nullptr);
}

std::optional<std::filesystem::path> optionalPath(const json& value) {
    if (value.is_null()) return std::nullopt;
    return std::filesystem::u8path(value.get<std::string>());
}

// Reads in[key] into value when the key is there; a value of the wrong type names the key.
template <typename T>
void readIfPresent(const json& in, const char* key, T& value) {
    if (!in.contains(key)) return;
    try {
        value = in.at(key).get<T>();
    } catch (const json::exception&) {
        throw Error(std::string(key) + ": expected a " +
                    (std::is_same_v<T, bool>          ? "true or false"
                     : std::is_same_v<T, std::string> ? "string"
                                                      : "number"));
    }
}

// A setting stored as text ("adam", "bf16", "flip,rotation=0.2"): read when present, through its parser,
// which names what it accepts.
template <typename T, typename Format, typename Parse>
void readAsText(const json& in, const char* key, T& value, Format format, Parse parse) {
    std::string text = format(value);
    readIfPresent(in, key, text);
    value = parse(text);
}

json freezeToJson(const FreezeSpec& spec) {
    json out = json::object();
    out["all"] = spec.freezesAll();
    // Keras's fine_tune_at: layers[:K] frozen.
    out["fine_tune_at"] = spec.firstLayersValue() ? json(*spec.firstLayersValue()) : json(nullptr);
    out["indices"] = spec.indices();
    out["names"] = spec.layerNames();
    return out;
}

FreezeSpec freezeFromJson(const json& in) {
    FreezeSpec spec;
    if (in.at("all").get<bool>()) spec.add(FreezeSpec::all());
    if (!in.at("fine_tune_at").is_null()) spec.add(FreezeSpec::firstLayers(in.at("fine_tune_at").get<int>()));
    const auto indices = in.at("indices").get<std::vector<int>>();
    if (!indices.empty()) spec.add(FreezeSpec::layerIndices(indices));
    const auto names = in.at("names").get<std::vector<std::string>>();
    if (!names.empty()) spec.add(FreezeSpec::names(names));
    return spec;
}

json fineTuneToJson(const std::optional<FineTuneSettings>& fineTune) {
    if (!fineTune) return nullptr;
    const std::optional<int>& from = fineTune->unfreezeFrom;
    return {{"epochs", fineTune->epochs},
            {"unfreeze_from", from ? json(*from) : json(nullptr)},
            {"learning_rate", fineTune->learningRate}};
}

std::optional<FineTuneSettings> fineTuneFromJson(const json& in) {
    if (in.is_null()) return std::nullopt;
    FineTuneSettings settings;
    readIfPresent(in, "epochs", settings.epochs);
    readIfPresent(in, "learning_rate", settings.learningRate);
    // Settings written before the backbone's preset existed always name K, as "fine_tune_at".
    const char* key = in.contains("unfreeze_from") ? "unfreeze_from" : "fine_tune_at";
    if (in.contains(key) && !in.at(key).is_null()) {
        int k = 0;
        readIfPresent(in, key, k);
        settings.unfreezeFrom = k;
    }
    return settings;
}

json hyperParameters(const TrainingConfig& config) {
    json out;
    out["epochs"] = config.epochs;
    out["batch_size"] = config.batchSize;
    out["learning_rate"] = config.learningRate;
    out["optimizer"] = optimizerId(config.optimizer);
    out["momentum"] = config.momentum;
    out["fine_tune"] = fineTuneToJson(config.fineTune);
    const EarlyStoppingSettings& stop = config.earlyStopping;
    out["early_stopping"] = {{"enabled", stop.enabled},
                             {"monitor", monitoredMetricId(stop.monitor)},
                             {"patience", stop.patience},
                             {"min_delta", stop.minDelta}};
    out["keep_weights"] = keptWeightsId(config.keptWeights);
    const ReduceLrSettings& reduce = config.reduceLr;
    out["reduce_lr"] = {{"enabled", reduce.enabled},       {"monitor", monitoredMetricId(reduce.monitor)},
                        {"factor", reduce.factor},         {"patience", reduce.patience},
                        {"min_delta", reduce.minDelta},    {"cooldown", reduce.cooldown},
                        {"min_lr", reduce.minLearningRate}};
    out["head_solver"] = headSolverId(config.headSolver);
    out["class_weights"] = config.classWeighting == ClassWeighting::Balanced ? "balanced" : "none";
    out["augmentation"] = formatAugmentation(config.augmentation);
    out["threads"] = config.threads;
    out["precision"] = precisionId(config.precision);
    out["cache"] = {{"enabled", config.cache.enabled},
                    {"directory", config.cache.directory.u8string()},
                    {"ram_budget_bytes", config.cache.ramBudgetBytes},
                    {"storage", cacheStorageId(config.cache.storage)},
                    {"pool_for_head", config.cache.poolForHead},
                    {"scan_memo", config.cache.scanMemo}};
    return out;
}

void readCallbacks(const json& in, TrainingConfig& config) {
    if (in.contains("early_stopping")) {
        const json& stop = in.at("early_stopping");
        EarlyStoppingSettings& s = config.earlyStopping;
        readIfPresent(stop, "enabled", s.enabled);
        readAsText(stop, "monitor", s.monitor, monitoredMetricId, parseMonitoredMetric);
        readIfPresent(stop, "patience", s.patience);
        readIfPresent(stop, "min_delta", s.minDelta);
    }
    // Absent before the choice existed: those runs kept the best epoch, and `config`'s value says so.
    readAsText(in, "keep_weights", config.keptWeights, keptWeightsId, parseKeptWeights);
    if (in.contains("reduce_lr")) {
        const json& reduce = in.at("reduce_lr");
        ReduceLrSettings& r = config.reduceLr;
        readIfPresent(reduce, "enabled", r.enabled);
        readAsText(reduce, "monitor", r.monitor, monitoredMetricId, parseMonitoredMetric);
        readIfPresent(reduce, "factor", r.factor);
        readIfPresent(reduce, "patience", r.patience);
        readIfPresent(reduce, "min_delta", r.minDelta);
        readIfPresent(reduce, "cooldown", r.cooldown);
        readIfPresent(reduce, "min_lr", r.minLearningRate);
    }
}

void readPerformance(const json& in, TrainingConfig& config) {
    readIfPresent(in, "threads", config.threads);
    readAsText(in, "precision", config.precision, precisionId, parsePrecision);
    if (!in.contains("cache")) return;
    const json& cache = in.at("cache");
    readIfPresent(cache, "enabled", config.cache.enabled);
    readAsText(
        cache, "directory", config.cache.directory,
        [](const std::filesystem::path& path) { return path.u8string(); },
        [](const std::string& text) { return std::filesystem::u8path(text); });
    readIfPresent(cache, "ram_budget_bytes", config.cache.ramBudgetBytes);
    readAsText(cache, "storage", config.cache.storage, cacheStorageId, parseCacheStorage);
    readIfPresent(cache, "pool_for_head", config.cache.poolForHead);
    readIfPresent(cache, "scan_memo", config.cache.scanMemo);
}

void readHyperParameters(const json& in, TrainingConfig& config) {
    // Absent in files written before the exact solver: they keep `config`'s value (the default, Exact).
    readAsText(in, "head_solver", config.headSolver, headSolverId, parseHeadSolver);
    readIfPresent(in, "epochs", config.epochs);
    readIfPresent(in, "batch_size", config.batchSize);
    readIfPresent(in, "learning_rate", config.learningRate);
    readAsText(in, "optimizer", config.optimizer, optimizerId, parseOptimizerKind);
    readIfPresent(in, "momentum", config.momentum);
    if (in.contains("fine_tune")) config.fineTune = fineTuneFromJson(in.at("fine_tune"));
    readCallbacks(in, config);
    std::string weighting = config.classWeighting == ClassWeighting::Balanced ? "balanced" : "none";
    readIfPresent(in, "class_weights", weighting);
    if (weighting != "none" && weighting != "balanced")
        throw Error("class_weights: unknown '" + weighting + "' (use none or balanced)");
    config.classWeighting = weighting == "balanced" ? ClassWeighting::Balanced : ClassWeighting::None;
    readAsText(in, "augmentation", config.augmentation, formatAugmentation, parseAugmentation);
    readPerformance(in, config);
}

void readDataAndModel(const json& in, TrainingConfig& config) {
    config.dataDir = std::filesystem::u8path(in.at("data_dir").get<std::string>());
    config.validationDir = optionalPath(in.at("validation_dir"));
    config.validationSplit = in.at("validation_split").get<double>();
    config.testDir = optionalPath(in.at("test_dir"));
    config.manifest = optionalPath(in.at("manifest"));
    config.imageSize = ImageSize{in.at("image_size").at(0).get<int>(), in.at("image_size").at(1).get<int>()};
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
    config.updateBatchNormStatistics =
        in.value("update_batchnorm_statistics", trainingDefaults().updateBatchNormStatistics);
    config.seed = in.at("seed").get<std::uint64_t>();
    config.outputModel = std::filesystem::u8path(in.at("output_model").get<std::string>());
}

}  // namespace

std::string trainingConfigToJson(const TrainingConfig& config) {
    json out = hyperParameters(config);
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
    out["update_batchnorm_statistics"] = config.updateBatchNormStatistics;
    out["seed"] = config.seed;
    out["output_model"] = config.outputModel.u8string();
    return out.dump(2);
}

TrainingConfig trainingConfigFromJson(const std::string& text) {
    TrainingConfig config;
    try {
        const json in = json::parse(text);
        readDataAndModel(in, config);
        // A checkpoint or model written before the exact solver trained its head with Adam: resuming it
        // must go on as it began.
        config.headSolver = HeadSolver::Adam;
        readHyperParameters(in, config);
    } catch (const json::exception& e) {
        throw Error(std::string("malformed training settings: ") + e.what());
    }
    return config;
}

std::string hyperParametersToJson(const TrainingConfig& config) { return hyperParameters(config).dump(2); }

void readHyperParametersJson(const std::string& text, TrainingConfig& into) {
    TrainingConfig read = into;
    try {
        const json in = json::parse(text);
        if (!in.is_object()) throw Error("training settings: expected a JSON object");
        readHyperParameters(in, read);
    } catch (const json::exception& e) {
        throw Error(std::string("malformed training settings: ") + e.what());
    }
    read.validateHyperParameters();
    into = read;
}

}  // namespace tlw
