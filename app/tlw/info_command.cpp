// tlw info MODEL: what a .tlwm file holds, without running it: backbone and head, classes, input, which
// layers were frozen, whether it was pretrained, how it was trained and how training went.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "app/tlw/weights_hint.h"
#include "core/models/backbone.h"
#include "core/models/model_description_json.h"
#include "core/models/trained_model.h"
#include "core/models/winograd_status.h"
#include "core/train/training_config.h"
#include "core/train/training_history.h"
#include "core/util/compute_libraries.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"
#include "core/util/version.h"

namespace tlw::cli {
namespace {

struct InfoArguments {
    std::string model;
    bool json = false;
    bool system = false;
};

std::string printed(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// "0-15, 17": indices as ranges.
std::string indexRanges(const std::vector<int>& indices) {
    std::string text;
    for (std::size_t i = 0; i < indices.size();) {
        std::size_t j = i;
        while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
        text += (text.empty() ? "" : ", ") + std::to_string(indices[i]);
        if (j > i) text += "-" + std::to_string(indices[j]);
        i = j + 1;
    }
    return text;
}

std::string headText(const ModelDescription& d) {
    const std::string dense = "Dense(" + std::to_string(d.head.units()) + ")";
    std::string text = d.head.imageNetTop ? "ImageNet top (fc2)" : "GlobalAveragePooling2D";
    if (d.head.normalizeFeatures) text += " -> Normalization";
    if (d.head.dropout > 0) text += printed(" -> Dropout(%g)", d.head.dropout);
    return text + " -> " + dense + (d.head.imageNetTop ? " replacing predictions" : "") + ", " +
           d.head.lossName();
}

std::string frozenText(const ModelDescription& d) {
    const std::vector<LayerInfo> layers = describeBackbone(d.backbone, d.imageSize, d.head.imageNetTop);
    if (d.frozenLayers.empty()) return "none (all " + std::to_string(layers.size()) + " layers trained)";
    std::string text = indexRanges(d.frozenLayers) + " (" + std::to_string(d.frozenLayers.size()) + " of " +
                       std::to_string(layers.size()) + " layers)";
    std::vector<bool> frozen(layers.size(), false);
    for (const int index : d.frozenLayers)
        if (index >= 0 && static_cast<std::size_t>(index) < frozen.size())
            frozen[static_cast<std::size_t>(index)] = true;
    std::string trainable;
    std::size_t trainableCount = 0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (frozen[i] || layers[i].params == 0) continue;
        trainable += (trainable.empty() ? "" : ", ") + layers[i].name;
        ++trainableCount;
    }
    if (trainableCount > 0 && trainableCount <= 8) text += "; trained: " + trainable;
    return text;
}

void printTraining(const ModelDescription& d) {
    if (!d.trainingConfigJson.empty()) {
        const TrainingConfig c = trainingConfigFromJson(d.trainingConfigJson);
        std::string line = "Trained on:   " + c.dataDir.u8string();
        if (c.validationDir) line += " (validation " + c.validationDir->u8string() + ")";
        if (c.validationSplit > 0) line += printed(" (validation split %g)", c.validationSplit);
        std::cout << line << '\n';
        std::cout << "Settings:     " << c.epochs << " epochs, batch size " << c.batchSize << ", "
                  << optimizerId(c.optimizer) << printed(" lr %g", c.learningRate) << ", seed " << c.seed;
        if (c.fineTune)
            std::cout << "; then " << c.fineTune->epochs << " epochs with layers[:"
                      << c.fineTune->unfreezeFrom.value_or(fineTunePreset(c.backbone, c.replaceImageNetTop))
                      << "] frozen" << printed(" at lr %g", c.fineTune->learningRate);
        if (c.augmentation.any()) std::cout << "; augmentation " << formatAugmentation(c.augmentation);
        if (c.classWeighting == ClassWeighting::Balanced) std::cout << "; balanced class weights";
        // A run records the precision it used (auto is resolved when it starts).
        if (c.cache.enabled) std::cout << "; frozen pass in " << precisionId(c.precision);
        std::cout << '\n';
    }
    if (!d.historyJson.empty()) {
        const TrainingHistory history = historyFromJson(d.historyJson);
        std::cout << "History:      " << history.epochs.size() << " epochs";
        if (history.fineTuneStartEpoch > 0)
            std::cout << " (fine-tuning from epoch " << history.fineTuneStartEpoch << ")";
        if (history.stoppedEarly) std::cout << ", stopped early";
        std::cout << '\n';
        if (history.headSolve) std::cout << "Head solve:   " << headSolveFigures(*history.headSolve) << '\n';
        const EpochMetrics* kept = history.kept();
        if (const EpochMetrics* best = history.best())
            std::cout << "Best epoch:   " << best->epoch << " (by " << history.monitor
                      << (kept == best ? "; the weights in this file) - " : ") - ")
                      << formatEpochFigures(*best) << '\n';
        if (kept != nullptr && kept != history.best())
            std::cout << "Kept epoch:   " << kept->epoch << " (the last; the weights in this file) - "
                      << formatEpochFigures(*kept) << '\n';
    }
}

// What the numbers run on: the BLAS, oneDNN, threads and CPU features, and a warning for the reference BLAS.
void printSystem() {
    setComputeThreads(0);  // what a run uses by default: one per core (Debian's LibTorch starts with one)
    const ComputeLibraries libraries = computeLibraries();
    const bool fp32Winograd = winogradConvolutionsActive();
    const bool bf16Winograd = bf16WinogradActive();
    std::cout << "TL Workbench: " << tlwVersion() << '\n'
              << "LibTorch:     " << libtorchVersion()
              << (libraries.oneDnn ? ", with oneDNN " + libraries.build.oneDnnVersion : ", without oneDNN")
              << '\n'
              << "Kernels:      "
              << (libraries.build.kernelCapability.empty() ? "unknown" : libraries.build.kernelCapability)
              << " (element-wise operations; ATEN_CPU_CAPABILITY chooses)\n"
              << "BLAS:         " << blasKindName(libraries.blas.kind)
              << (libraries.blas.path.empty() ? "" : " (" + libraries.blas.path + ")") << '\n'
              << "Convolutions: " << (fp32Winograd ? "3x3 float32 ones by oneDNN's Winograd kernels, " : "")
              << (bf16Winograd ? "3x3 bfloat16 ones with 256 or more input channels by F(2x2, 3x3), " : "")
              << (fp32Winograd || bf16Winograd ? "the rest direct" : "direct (LibTorch's)")
              << " (TLW_WINOGRAD=0 turns Winograd off)\n"
              << "Threads:      " << libraries.threads << '\n'
              << "CPU features:";
    if (libraries.cpuFeatures.empty()) std::cout << " none of avx2, avx512f, avx512_bf16, amx_bf16";
    for (const std::string& feature : libraries.cpuFeatures) std::cout << ' ' << feature;
    std::cout << '\n'
              << "Precision:    auto runs the frozen pass in "
              << precisionId(resolvePrecision(Precision::Auto)) << " here\n";
    const std::string warning = referenceBlasWarning(libraries.blas);
    if (!warning.empty()) std::cerr << "tlw: " << warning << '\n';
}

void runInfo(const InfoArguments& arguments) {
    if (arguments.system) {
        printSystem();
        if (arguments.model.empty()) return;
        std::cout << '\n';
    }
    if (arguments.model.empty()) throw Error("give a model file (.tlwm), or --system");
    const std::filesystem::path file = std::filesystem::u8path(arguments.model);
    const TrainedModel model = TrainedModel::load(file);
    const ModelDescription& d = model.description();
    if (arguments.json) {
        std::cout << modelDescriptionToJson(d) << '\n';
        return;
    }
    std::string classes;
    for (const std::string& name : d.classNames) classes += (classes.empty() ? "" : ", ") + name;
    std::cout << "Model:        " << file.u8string()
              << printed(" (%.1f MB)", static_cast<double>(std::filesystem::file_size(file)) / 1e6) << '\n'
              << "Backbone:     " << backboneDisplayName(d.backbone) << ", "
              << (d.pretrained ? d.weightsNote : notPretrainedWarning(d.weightsNote)) << '\n'
              << "Head:         " << headText(d) << '\n'
              << "Classes:      " << d.classNames.size() << ": " << classes << '\n'
              << "Input:        " << toString(d.imageSize) << " RGB ("
              << (d.cropToAspectRatio ? "centre-cropped to this aspect ratio, then resized" : "resized to it")
              << "), Keras preprocess_input mode " << d.preprocessing << '\n'
              << "Frozen:       " << frozenText(d) << '\n'
              << "Calibration:  " << calibrationSummary(d.calibration) << '\n'
              << "Decision:     " << decisionSummary(d.decision, d.classNames) << '\n';
    printTraining(d);
    if (!d.manifestFingerprint.empty())
        std::cout << "Dataset:      fingerprint " << d.manifestFingerprint << '\n';
    std::cout << "Created:      " << d.createdAt << " by " << d.createdBy << '\n';
}

}  // namespace

void addInfoCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<InfoArguments>();
    CLI::App* command = app.add_subcommand(
        "info", "Describe a trained model file: backbone, head, classes, input, frozen layers, training");
    command->add_option("model", arguments->model, "The model file (.tlwm) written by tlw train");
    command->add_flag("--json", arguments->json, "The model's description as stored in the file (JSON)");
    command->add_flag("--system", arguments->system,
                      "What the computations run on: LibTorch, oneDNN, the BLAS (warns when it is the slow "
                      "reference one), threads and CPU features");
    command->callback([arguments] { runInfo(*arguments); });
}

}  // namespace tlw::cli
