#include "app/tlw/train_arguments.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>

#include "app/tlw/compute_options.h"
#include "app/tlw/fine_tune_at_option.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The whole of text as a number, or nothing.
std::optional<double> wholeNumber(const std::string& text) {
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value)) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::optional<int> wholeInteger(const std::string& text) {
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

FreezeSpec freezeFrom(const TrainArguments& arguments) {
    if (!arguments.fineTuneAt.empty() && !arguments.freeze.empty())
        throw Error("--fine-tune-at and --freeze exclude each other: give one");
    if (!arguments.fineTuneAt.empty()) {
        const BackboneKind kind = cli::backboneFromOptions(arguments.backbone, arguments.alpha);
        return FreezeSpec::firstLayers(
            cli::parseFineTuneAt(arguments.fineTuneAt, kind, arguments.includeTop, "--fine-tune-at"));
    }
    const std::string freeze = lowered(arguments.freeze);
    // The seed's feature-extraction recipe: the whole base frozen, only the new head trains.
    if (freeze.empty() || freeze == "all") return FreezeSpec::all();
    if (freeze == "none") return FreezeSpec();
    return FreezeSpec::parseList(arguments.freeze);
}

}  // namespace

FineTuneSettings parseTwoPhase(const std::string& text, BackboneKind kind, bool includeTop) {
    const std::string usage =
        "--two-phase '" + text +
        "': expected N, N:K or N:K:LR (N epochs with layers[:K] frozen at learning rate "
        "LR; K a layer index or a preset's name, empty or left out: the backbone's usual preset), e.g. "
        "10:16:1e-4, 10:last-block:1e-4 or 10::1e-4";
    const std::size_t first = text.find(':');
    const std::size_t second = first == std::string::npos ? first : text.find(':', first + 1);
    if (second != std::string::npos && text.find(':', second + 1) != std::string::npos) throw Error(usage);
    FineTuneSettings settings;
    const std::optional<int> epochs = wholeInteger(text.substr(0, first));
    if (!epochs) throw Error(usage);
    settings.epochs = *epochs;
    if (first != std::string::npos) {
        const std::string k =
            text.substr(first + 1, second == std::string::npos ? second : second - first - 1);
        if (!k.empty())
            settings.unfreezeFrom =
                cli::parseFineTuneAt(k, kind, includeTop, "--two-phase '" + text + "': K");
    }
    if (second != std::string::npos) {
        const std::optional<double> learningRate = wholeNumber(text.substr(second + 1));
        if (!learningRate) throw Error(usage);
        settings.learningRate = *learningRate;
    }
    if (settings.epochs < 1)
        throw Error("--two-phase '" + text + "': the second phase needs at least 1 epoch");
    if (settings.learningRate <= 0)
        throw Error("--two-phase '" + text + "': the learning rate must be above 0");
    return settings;
}

std::int64_t parseByteSize(const std::string& text) {
    const std::string size = lowered(text);
    if (size == "auto" || size == "0") return 0;
    const std::size_t unitStart = std::min(size.find_first_not_of("0123456789."), size.size());
    const std::optional<double> number = wholeNumber(size.substr(0, unitStart));
    std::string unit = size.substr(unitStart);
    if (!unit.empty() && unit.back() == 'b') unit.pop_back();  // "mb", "mib", "b" -> "m", "mi", ""
    if (unit.size() == 2 && unit.back() == 'i') unit.pop_back();
    // Powers of 1024: what "4G" of RAM means to people sizing a machine.
    static const std::string kUnits = "kmgt";
    const std::size_t position = unit.size() == 1 ? kUnits.find(unit) : std::string::npos;
    const bool unitKnown = unit.empty() || position != std::string::npos;
    if (!number || *number < 0 || !unitKnown)
        throw Error("--cache-ram-budget '" + text + "': expected auto, bytes, or a size such as 512M or 4G");
    const double power = unit.empty() ? 0.0 : static_cast<double>(position + 1);
    const double bytes = *number * std::pow(1024.0, power);
    if (bytes >= static_cast<double>(std::numeric_limits<std::int64_t>::max()))
        throw Error("--cache-ram-budget '" + text + "': too large");
    return static_cast<std::int64_t>(bytes);
}

TrainingConfig trainingConfigFrom(const TrainArguments& arguments) {
    if (!arguments.validationDir.empty() && arguments.validationSplit > 0)
        throw Error("--val-dir and --validation-split exclude each other: give one");
    TrainingConfig config;
    config.dataDir = std::filesystem::u8path(arguments.dataDir);
    if (!std::filesystem::is_directory(config.dataDir))
        throw Error(config.dataDir,
                    std::filesystem::exists(config.dataDir) ? "not a folder" : "no such folder");
    if (!arguments.validationDir.empty())
        config.validationDir = std::filesystem::u8path(arguments.validationDir);
    config.validationSplit = arguments.validationSplit;
    if (!arguments.testDir.empty()) config.testDir = std::filesystem::u8path(arguments.testDir);
    if (!arguments.manifest.empty()) config.manifest = std::filesystem::u8path(arguments.manifest);
    config.imageSize = parseImageSize(arguments.imageSize);
    config.cropToAspectRatio = arguments.cropToAspectRatio;

    config.backbone = cli::backboneFromOptions(arguments.backbone, arguments.alpha);
    config.replaceImageNetTop = arguments.includeTop;
    if (!arguments.weights.empty()) config.weightsFile = std::filesystem::u8path(arguments.weights);
    config.allowDownload = arguments.download;
    config.allowRandomInit = arguments.allowRandom;
    config.freeze = freezeFrom(arguments);
    config.dropout = arguments.dropout;
    config.normalizeFeatures = !arguments.noNormalize;
    config.updateBatchNormStatistics = arguments.updateBatchNormStatistics;

    config.headSolver = parseHeadSolver(arguments.headSolver);
    config.epochs = arguments.epochs;
    config.batchSize = arguments.batchSize;
    config.learningRate = arguments.learningRate;
    config.optimizer = parseOptimizerKind(arguments.optimizer);
    config.momentum = arguments.momentum;
    if (!arguments.twoPhase.empty())
        config.fineTune = parseTwoPhase(arguments.twoPhase, config.backbone, config.replaceImageNetTop);
    const MonitoredMetric monitor = parseMonitoredMetric(arguments.monitor);
    config.earlyStopping.enabled = arguments.earlyStoppingPatience >= 0;
    config.earlyStopping.monitor = monitor;
    config.earlyStopping.patience = std::max(0, arguments.earlyStoppingPatience);
    config.earlyStopping.minDelta = arguments.minDelta;
    config.keptWeights = parseKeptWeights(arguments.keep);
    config.reduceLr.enabled = arguments.reduceLrPatience >= 0;
    config.reduceLr.monitor = monitor;
    if (config.reduceLr.enabled) config.reduceLr.patience = arguments.reduceLrPatience;
    const std::string weighting = lowered(arguments.classWeights);
    if (weighting != "none" && weighting != "balanced")
        throw Error("--class-weights '" + arguments.classWeights + "': use balanced or none");
    config.classWeighting = weighting == "balanced" ? ClassWeighting::Balanced : ClassWeighting::None;
    config.augmentation = parseAugmentation(arguments.augment);
    config.seed = arguments.seed;
    config.threads = arguments.threads;
    config.precision = parsePrecision(arguments.precision);

    config.cache.enabled = !arguments.noCache;
    if (!arguments.cacheDir.empty()) config.cache.directory = std::filesystem::u8path(arguments.cacheDir);
    config.cache.storage = parseCacheStorage(arguments.cacheStorage);
    config.cache.ramBudgetBytes = parseByteSize(arguments.cacheRamBudget);
    config.cache.scanMemo = !arguments.noScanMemo;
    config.outputModel = std::filesystem::u8path(arguments.out);
    config.validate();
    return config;
}

void addTrainOptions(CLI::App& command, TrainArguments& a) {
    command
        .add_option("data_dir", a.dataDir,
                    "The dataset: one sub-folder of images per class, or train/ and val/ (and test/) "
                    "folders holding them")
        ->type_name("DATA_DIR")
        ->required();
    command
        .add_option("--out", a.out,
                    "The model file to write (.tlwm); beside it MODEL.checkpoint, MODEL.history.csv, "
                    "MODEL.history.json and MODEL.split.json")
        ->type_name("FILE")
        ->required();
    cli::addBackboneOptions(command, a.backbone, a.alpha);
    command
        .add_option("--val-dir", a.validationDir, "Validation images in their own folder (class sub-folders)")
        ->type_name("DIR");
    command
        .add_option("--validation-split", a.validationSplit,
                    "Hold out this stratified fraction of the training images for validation (Keras's "
                    "validation_split; with --seed); a dataset with a val/ folder keeps its own split")
        ->check(CLI::Range(0.0, 0.99));
    command
        .add_option("--test-dir", a.testDir,
                    "Test images (class sub-folders), evaluated at the end; default: the dataset's test/")
        ->type_name("DIR");
    command.add_option("--manifest", a.manifest, "Use the split of a manifest (tlw scan --write-manifest)")
        ->type_name("FILE");
    command
        .add_option("--head-solver", a.headSolver,
                    "The frozen phase's head: exact (L-BFGS to the optimum, L2 strength by 5-fold "
                    "cross-validation) or adam (the tutorial's epochs of Adam)")
        ->capture_default_str();
    command.add_option("--epochs", a.epochs, "Epochs (of the first phase)")->capture_default_str();
    command.add_option("--batch-size", a.batchSize, "Images per batch")->capture_default_str();
    command.add_option("--image-size", a.imageSize, "Input size: S or HxW (at least 32)")
        ->type_name("S|HxW")
        ->capture_default_str();
    command.add_flag("--crop-to-aspect-ratio", a.cropToAspectRatio,
                     "Centre-crop to the input's aspect ratio before resizing, instead of stretching");
    command.add_option("--lr", a.learningRate, "Learning rate")->capture_default_str();
    command.add_option("--optimizer", a.optimizer, "adam (Keras's defaults) or sgd")->capture_default_str();
    command.add_option("--momentum", a.momentum, "SGD's momentum")->capture_default_str();
    command
        .add_option("--fine-tune-at", a.fineTuneAt,
                    "Freeze layers[:K] (Keras's fine_tune_at; indices as tlw summary lists them), or up to "
                    "a preset: last-block, last-two-stages, ... (tlw summary lists them)")
        ->type_name("K|NAME");
    command
        .add_option("--freeze", a.freeze,
                    "Frozen layers: all (the default: only the new head trains), none, or a list of "
                    "indices, ranges, blocks and layer names: 0-10,block5_conv1")
        ->type_name("LIST");
    command
        .add_option("--two-phase", a.twoPhase,
                    "N[:K[:LR]]: after --epochs epochs, N more with layers[:K] frozen at learning rate LR, "
                    "in the same run and history (the seed's fine-tuning, e.g. 10:16:1e-4). K: an index or a "
                    "preset (last-block, last-two-stages, ...: tlw summary lists them); left out: the "
                    "backbone's usual preset (16, block5_conv2, for VGG16; 48, fire8, for SqueezeNet)")
        ->type_name("N[:K[:LR]]");
    command.add_option("--dropout", a.dropout, "Dropout rate before the Dense layer")->capture_default_str();
    command.add_flag("--update-bn-statistics", a.updateBatchNormStatistics,
                     "Let the trainable BatchNormalization layers (MobileNet's and ResNet50's, when "
                     "fine-tuning) normalise by the batch and update their statistics; by default they keep "
                     "ImageNet's, as Keras's transfer-learning guide does (frozen ones always do)");
    command.add_flag("--no-normalize", a.noNormalize,
                     "Leave out the head's Normalization layer (adapted on the training images' pooled "
                     "features): exactly the seed's GlobalAveragePooling2D -> Dropout -> Dense");
    command
        .add_option("--augment", a.augment,
                    "Random augmentation of training images: flip,rotation=F,zoom=F,translation=F,"
                    "contrast=F (any subset), or none")
        ->type_name("SPEC")
        ->capture_default_str();
    command
        .add_option("--early-stopping", a.earlyStoppingPatience,
                    "Stop when --monitor has not improved for P epochs (--keep says which epoch's weights "
                    "the model keeps)")
        ->check(CLI::Range(0, 100000));
    command
        .add_option("--monitor", a.monitor,
                    "val_loss or val_accuracy: what picks the best epoch and what early stopping and "
                    "--reduce-lr-on-plateau watch")
        ->capture_default_str();
    command
        .add_option("--keep", a.keep,
                    "Which epoch's weights the model keeps: best (the best by --monitor, Keras's "
                    "restore_best_weights=True, also without early stopping) or last (the last epoch's, as "
                    "model.fit() alone)")
        ->capture_default_str();
    command.add_option("--min-delta", a.minDelta, "The least change early stopping counts as an improvement")
        ->capture_default_str();
    command
        .add_option("--reduce-lr-on-plateau", a.reduceLrPatience,
                    "Divide the learning rate by 10 when --monitor has not improved for P epochs")
        ->check(CLI::Range(0, 100000));
    command
        .add_option("--class-weights", a.classWeights,
                    "balanced: weigh each class by n_samples / (n_classes * n_class), as scikit-learn; "
                    "or none")
        ->capture_default_str();
    command.add_option("--seed", a.seed, "Seed of the split, the shuffles and the new layers")
        ->capture_default_str();
    addThreadsOption(command, a.threads);
    command
        .add_option("--precision", a.precision,
                    "Arithmetic of the frozen-prefix pass and of training (bf16 trains in mixed precision: "
                    "bf16 convolutions, fp32 weights): auto (bf16 where the CPU has AVX-512 BF16 or AMX, "
                    "else fp32), fp32 or bf16")
        ->capture_default_str();
    command.add_flag("--no-cache", a.noCache,
                     "Recompute the frozen layers every epoch instead of caching their output");
    command.add_flag("--no-scan-memo", a.noScanMemo,
                     "Decode every image to verify it, even those an earlier run verified and that are "
                     "unchanged since (same size, times and inode); the memo of verdicts in the cache "
                     "folder is neither read nor updated");
    command
        .add_option("--cache-dir", a.cacheDir,
                    "Where cached features persist between runs (default: $TLW_CACHE_DIR, else "
                    "~/.cache/tlworkbench/features)")
        ->type_name("DIR");
    command.add_option("--cache-storage", a.cacheStorage, "fp32, fp16 or bf16 (half the memory)")
        ->capture_default_str();
    command
        .add_option("--cache-ram-budget", a.cacheRamBudget,
                    "Cached features held in RAM up to this size (e.g. 4G), the rest memory-mapped "
                    "from disk; auto: a quarter of physical memory")
        ->type_name("SIZE")
        ->capture_default_str();
    command.add_flag("--include-top", a.includeTop,
                     "The seed's \"lazy\" variant: VGG16 with its ImageNet top (224x224), only the "
                     "predictions layer replaced");
    command
        .add_option("--weights", a.weights,
                    "The Keras .h5 ImageNet weights; default: discovery ($TLW_WEIGHTS_DIR, "
                    "~/.keras/models/)")
        ->type_name("FILE");
    command.add_flag(
        "--download,!--no-download", a.download,
        "When no weights file is found, download the official Keras file (none exists for SqueezeNet); "
        "off by default");
    command.add_flag("--allow-random", a.allowRandom,
                     "Without weights, train from random ones (the model is then marked not pretrained)");
    command.add_flag("--json", a.json,
                     "One JSON object per epoch on stdout, and a summary object at the end; the "
                     "human-readable output goes to stderr");
}

}  // namespace tlw::cli
